"""Multi-user accounts: sign-up, sign-in with argon2id, session cookies, CSRF on every form,
the login rate limit, password changes and API tokens; and local mode, which has none."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from mgcoach.storage.account_tables import api_token, web_session
from mgcoach.storage.journal_tables import app_user
from mgcoach.web import auth
from tests.web.conftest import PASSWORD, csrf_of
from tests.web.html_checks import assert_ids_sound, autofocused, element, summary_links

SignUp = Callable[[TestClient, str], str]


def _login(client: TestClient, name: str, password: str) -> object:
    token = csrf_of(client.get("/login").text)
    return client.post(
        "/login",
        data={"name": name, "password": password, "csrf_token": token},
        follow_redirects=False,
    )


def test_signup_stores_an_argon2id_hash_and_signs_in(multi_app: FastAPI, signed_up: SignUp) -> None:
    with TestClient(multi_app) as client:
        assert (
            client.get("/account", follow_redirects=False).headers["location"]
            == "/login?next=/account"
        )
        signed_up(client, "anna")
        assert client.get("/", follow_redirects=False).headers["location"] == "/onboarding"
        me = client.get("/api/v1/me").json()
    assert me["user"] == "anna" and me["mode"] == "multi-user" and me["signed_in_with"] == "session"
    db = multi_app.state.web.db
    with db.connect() as connection:
        stored = connection.execute(
            select(app_user.c.password_hash).where(app_user.c.name == "anna")
        ).scalar_one()
        sessions = connection.execute(select(web_session.c.id)).scalars().all()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert auth.verify_password(stored, PASSWORD)
    # Only a keyed hash of the cookie is stored.
    assert len(sessions) == 1 and len(sessions[0]) == 64


def test_session_cookie_is_httponly_samesite_and_secure_when_configured(web_settings, kb) -> None:  # type: ignore[no-untyped-def]
    from tests.web.conftest import make_app

    for secure, expected in ((None, False), (True, True)):
        app, db = make_app(web_settings, kb, multi_user=True, secure_cookies=secure)
        base = "https://testserver" if secure else "http://testserver"
        with TestClient(app, base_url=base) as client:
            name = "bert" if secure else "bart"
            token = csrf_of(client.get("/signup").text)
            response = client.post(
                "/signup",
                data={
                    "name": name,
                    "password": PASSWORD,
                    "password2": PASSWORD,
                    "csrf_token": token,
                },
                follow_redirects=False,
            )
        assert response.status_code == 303
        cookies = response.headers.get_list("set-cookie")
        [cookie] = [c for c in cookies if c.startswith(f"{auth.SESSION_COOKIE}=")]
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie
        assert ("Secure" in cookie) is expected
        db.dispose()


def test_signup_field_errors_store_nothing(multi_app: FastAPI) -> None:
    with TestClient(multi_app) as client:
        token = csrf_of(client.get("/signup").text)
        cases = [
            ({"name": "a", "password": PASSWORD, "password2": PASSWORD}, "name"),
            ({"name": "local", "password": PASSWORD, "password2": PASSWORD}, "name"),
            ({"name": "carla", "password": "short", "password2": "short"}, "password"),
            ({"name": "carla", "password": PASSWORD, "password2": PASSWORD + "x"}, "password2"),
        ]
        for data, field in cases:
            response = client.post("/signup", data={**data, "csrf_token": token})
            assert response.status_code == 422
            assert f'id="f-{field}"' in response.text
            assert 'aria-invalid="true"' in response.text
            assert f'id="e-{field}"' in response.text
    with multi_app.state.web.db.connect() as connection:
        names = connection.execute(select(app_user.c.name)).scalars().all()
    assert "carla" not in names and "a" not in names


def test_a_taken_name_is_refused(multi_app: FastAPI, signed_up: SignUp) -> None:
    with TestClient(multi_app) as first:
        signed_up(first, "dora")
    with TestClient(multi_app) as second:
        token = csrf_of(second.get("/signup").text)
        response = second.post(
            "/signup",
            data={"name": "Dora", "password": PASSWORD, "password2": PASSWORD, "csrf_token": token},
        )
    assert response.status_code == 422 and "taken" in response.text


def test_forms_without_the_csrf_token_are_refused(multi_app: FastAPI, signed_up: SignUp) -> None:
    with TestClient(multi_app) as client:
        client.get("/login")
        response = client.post("/login", data={"name": "x", "password": "y"})
        assert response.status_code == 403
        signed_up(client, "emma")
        for path in ("/logout", "/account/password", "/account/tokens"):
            response = client.post(path, data={"csrf_token": "forged"}, follow_redirects=False)
            assert response.status_code == 403, path
        # Still signed in: the forged sign-out did nothing.
        assert client.get("/api/v1/me").json()["user"] == "emma"


def test_sign_in_out_and_session_fixation(multi_app: FastAPI, signed_up: SignUp) -> None:
    with TestClient(multi_app) as client:
        signed_up(client, "fred")
        before = client.cookies.get(auth.SESSION_COOKIE)
        token = csrf_of(client.get("/settings").text)
        client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
        assert client.get("/api/v1/me").status_code == 401
        response = _login(client, "fred", PASSWORD)
        assert response.status_code == 303  # type: ignore[attr-defined]
        after = client.cookies.get(auth.SESSION_COOKIE)
        assert after and after != before
        assert client.get("/api/v1/me").json()["user"] == "fred"
    # The old cookie no longer works anywhere.
    with TestClient(multi_app, cookies={auth.SESSION_COOKIE: before or ""}) as stale:
        assert stale.get("/api/v1/me").status_code == 401


def test_sign_in_goes_back_only_to_this_site(multi_app: FastAPI, signed_up: SignUp) -> None:
    with TestClient(multi_app) as client:
        signed_up(client, "gina")
        token = csrf_of(client.get("/settings").text)
        client.post("/logout", data={"csrf_token": token})
        for target, expected in (
            ("/trends", "/trends"),
            ("//evil.example", "/"),
            ("https://x", "/"),
        ):
            token = csrf_of(client.get("/login").text)
            response = client.post(
                "/login",
                data={"name": "gina", "password": PASSWORD, "next": target, "csrf_token": token},
                follow_redirects=False,
            )
            assert response.headers["location"] == expected


def test_failed_sign_ins_are_rate_limited(multi_app: FastAPI, signed_up: SignUp) -> None:
    with TestClient(multi_app) as client:
        signed_up(client, "hugo")
    with TestClient(multi_app) as attacker:
        for _attempt in range(auth.RateLimiter().limit):
            assert _login(attacker, "hugo", "wrong password!").status_code == 401  # type: ignore[attr-defined]
        blocked = _login(attacker, "hugo", PASSWORD)
        assert blocked.status_code == 429  # type: ignore[attr-defined]
        assert int(blocked.headers["retry-after"]) > 0  # type: ignore[attr-defined]
        assert "Too many failed sign-ins" in blocked.text  # type: ignore[attr-defined]


def test_unknown_user_and_wrong_password_look_the_same(
    multi_app: FastAPI, signed_up: SignUp
) -> None:
    with TestClient(multi_app) as client:
        signed_up(client, "ivan")
    with TestClient(multi_app) as other:
        wrong = _login(other, "ivan", "not the password")
        nobody = _login(other, "nobody", "not the password")
    assert wrong.status_code == nobody.status_code == 401  # type: ignore[attr-defined]
    assert "The user name or password is not right." in wrong.text  # type: ignore[attr-defined]
    assert "The user name or password is not right." in nobody.text  # type: ignore[attr-defined]


def test_password_change_ends_other_sessions(multi_app: FastAPI, signed_up: SignUp) -> None:
    new = "a new long passphrase"
    with TestClient(multi_app) as laptop, TestClient(multi_app) as phone:
        token = signed_up(laptop, "jade")
        assert _login(phone, "jade", PASSWORD).status_code == 303  # type: ignore[attr-defined]
        wrong = laptop.post(
            "/account/password",
            data={
                "current": "nope nope nope",
                "password": new,
                "password2": new,
                "csrf_token": token,
            },
        )
        assert wrong.status_code == 422 and 'id="e-current"' in wrong.text
        token = csrf_of(laptop.get("/account").text)
        done = laptop.post(
            "/account/password",
            data={"current": PASSWORD, "password": new, "password2": new, "csrf_token": token},
            follow_redirects=False,
        )
        assert done.status_code == 303
        assert laptop.get("/api/v1/me").json()["user"] == "jade"
        assert phone.get("/api/v1/me").status_code == 401
        assert _login(phone, "jade", PASSWORD).status_code == 401  # type: ignore[attr-defined]
        assert _login(phone, "jade", new).status_code == 303  # type: ignore[attr-defined]


def test_api_tokens_work_for_scripts_and_can_be_deleted(
    multi_app: FastAPI, signed_up: SignUp
) -> None:
    with TestClient(multi_app) as browser:
        token = signed_up(browser, "kees")
        page = browser.post(
            "/account/tokens", data={"token_name": "my script", "csrf_token": token}
        )
        assert page.status_code == 201
        secret = page.text.split('<code id="new-token">')[1].split("</code>")[0]
        assert secret.startswith(auth.TOKEN_PREFIX)
        # A session-cookie API call that changes something needs the page's CSRF header.
        refused = browser.post("/api/v1/tokens", json={"name": "x"})
        assert refused.status_code == 403
        made = browser.post("/api/v1/tokens", json={"name": "ci"}, headers={"X-CSRF-Token": token})
        assert made.status_code == 201
    with TestClient(multi_app) as script:
        headers = {"Authorization": f"Bearer {secret}"}
        me = script.get("/api/v1/me", headers=headers).json()
        assert me == {**me, "user": "kees", "signed_in_with": "token"}
        listed = script.get("/api/v1/tokens", headers=headers).json()
        assert [t["name"] for t in listed] == ["my script", "ci"]
        assert listed[0]["last_used_at"] is not None
        assert "token" not in listed[0]
        bad = script.get("/api/v1/me", headers={"Authorization": "Bearer mgc_forged"})
        assert bad.status_code == 401
        assert (
            script.delete(f"/api/v1/tokens/{listed[0]['id']}", headers=headers).status_code == 204
        )
        assert script.get("/api/v1/me", headers=headers).status_code == 401
    with multi_app.state.web.db.connect() as connection:
        hashes = connection.execute(select(api_token.c.token_hash)).scalars().all()
    assert secret not in hashes and len(hashes) == 1


def test_signup_can_be_closed(web_settings, kb) -> None:  # type: ignore[no-untyped-def]
    from tests.web.conftest import make_app

    app, db = make_app(web_settings, kb, multi_user=True, allow_signup=False)
    with TestClient(app) as client:
        assert client.get("/signup").status_code == 403
    db.dispose()


def test_local_mode_has_no_login(local_client: TestClient) -> None:
    assert local_client.get("/login", follow_redirects=False).status_code == 303
    assert local_client.get("/api/v1/me").json()["mode"] == "local"
    assert local_client.get("/api/v1/tokens").status_code == 404
    assert local_client.get("/signup").status_code == 422


@pytest.mark.parametrize(
    ("header", "lang"),
    [("nl-NL,nl;q=0.9,en;q=0.8", "nl"), ("en-GB,en;q=0.9", "en"), ("de,nl;q=0.5", "nl"),
     ("fr", "en"), ("en;q=0.2,nl;q=0.9", "nl"), ("", "en"), ("nl;q=abc", "en")],
)  # fmt: skip
def test_the_browser_language_decides_until_chosen(
    multi_app: FastAPI, header: str, lang: str
) -> None:
    with TestClient(multi_app) as client:
        page = client.get("/login", headers={"Accept-Language": header})
    assert f'<html lang="{lang}">' in page.text


def test_deleting_the_journal_keeps_the_account_and_deleting_the_account_removes_all(
    multi_app: FastAPI, signed_up: SignUp
) -> None:
    from datetime import date

    from mgcoach.services.journal import ProfileChanges, list_profiles, set_profile

    db = multi_app.state.web.db
    kb = multi_app.state.web.kb
    with TestClient(multi_app) as client:
        token = signed_up(client, "lena")
        set_profile(db, kb, "default", ProfileChanges(age=44, sex="female"), date.today(), "lena")
        done = client.post(
            "/settings/delete", data={"confirm": "1", "csrf_token": token}, follow_redirects=False
        )
        assert done.status_code == 303 and list_profiles(db, "lena") == []
        assert client.get("/api/v1/me").json()["user"] == "lena"
        client.post("/account/tokens", data={"token_name": "x", "csrf_token": token})
        wrong = client.post(
            "/account/delete", data={"confirm_password": "not it at all", "csrf_token": token}
        )
        assert wrong.status_code == 422 and 'id="e-confirm_password"' in wrong.text
        gone = client.post(
            "/account/delete",
            data={"confirm_password": PASSWORD, "csrf_token": token},
            follow_redirects=False,
        )
        assert gone.status_code == 303 and gone.headers["location"] == "/login"
        assert client.get("/api/v1/me").status_code == 401
        assert _login(client, "lena", PASSWORD).status_code == 401  # type: ignore[attr-defined]
    with db.connect() as connection:
        assert (
            connection.execute(select(app_user.c.id).where(app_user.c.name == "lena")).first()
            is None
        )
        assert connection.execute(select(api_token.c.id)).first() is None
        assert connection.execute(select(web_session.c.id)).first() is None


# -- ids and focus on /account -----------------------------------------------------------------


def test_account_ids_are_unique_and_each_hint_is_the_fields_own(
    multi_app: FastAPI, signed_up: SignUp
) -> None:
    """The section heading and the new password's hint once shared the id h-password, so the
    hint announced was the heading. Every page of /account: each id once, every reference
    names one, and the new password is described by its own hint."""
    with TestClient(multi_app) as browser:
        token = signed_up(browser, "ines")
        page = browser.get("/account").text
        assert_ids_sound(page)
        assert element(page, "f-password").attrs["aria-describedby"].split() == ["h-password"]
        assert element(page, "h-password").tag == "small"  # the hint, not the heading
        assert element(page, "password-heading").tag == "h2"
        pages = [
            browser.post(
                "/account/password",
                data={"current": "wrong wrong wrong", "password": "short", "password2": "x",
                      "csrf_token": token},
            ),
            browser.post("/account/tokens", data={"token_name": "", "csrf_token": token}),
            browser.post("/account/tokens", data={"token_name": "script", "csrf_token": token}),
            browser.post(
                "/account/delete", data={"confirm_password": "nope", "csrf_token": token}
            ),
        ]  # fmt: skip
        for response in pages:
            assert_ids_sound(response.text)
        failed = pages[0].text
        assert element(failed, "f-password").attrs["aria-describedby"].split() == [
            "h-password",
            "e-password",
        ]
        assert element(failed, "f-current").attrs["aria-describedby"].split() == ["e-current"]


@pytest.mark.parametrize(
    ("path", "data", "fields"),
    [
        ("/account/password", {"current": "wrong wrong wrong", "password": "short",
                               "password2": "short"}, ["f-current", "f-password"]),
        ("/account/tokens", {"token_name": ""}, ["f-token_name"]),
        ("/account/delete", {"confirm_password": "nope"}, ["f-confirm_password"]),
    ],
)  # fmt: skip
def test_a_failed_account_form_puts_the_focus_on_the_error_summary(
    multi_app: FastAPI,
    signed_up: SignUp,
    path: str,
    data: dict[str, str],
    fields: list[str],
) -> None:
    with TestClient(multi_app) as browser:
        token = signed_up(browser, "joep")
        assert 'id="error-summary"' not in browser.get("/account").text
        response = browser.post(path, data={**data, "csrf_token": token})
    assert response.status_code == 422
    page = response.text
    summary = element(page, "error-summary").attrs
    assert summary["role"] == "alert" and summary["tabindex"] == "-1"
    assert [e.attrs.get("id") for e in autofocused(page)] == ["error-summary"]
    assert summary_links(page) == fields
    assert page.index('id="error-summary"') < page.index('id="password-form"')
