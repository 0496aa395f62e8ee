"""The Data page (issue 17): Cronometer and MyFitnessPal exports imported through the web with
the CLI's service and report, a Mg Coach export restored, and the JSON and CSV exports
downloaded, the viewer's data only; uploads bounded (10 MB) and CSRF-checked."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

from mgcoach.journal.model import Entry, FoodEntry, SupplementEntry
from mgcoach.knowledge import KnowledgeBase
from mgcoach.services.journal import ProfileChanges, list_profiles, set_profile
from mgcoach.services.journal_log import list_entries
from mgcoach.storage.journal import LOCAL_USER
from mgcoach.web.middleware import MAX_UPLOAD_BYTES
from tests.journal.importers import samples
from tests.journal.importers.spreadsheets import resave
from tests.web import test_hardening_requests as hardening
from tests.web.conftest import local_csrf
from tests.web.html_checks import assert_ids_sound
from tests.web.test_hardening_requests import Sent, send_raw
from tests.web.test_pages_onboarding import db_of, field_error

TODAY = date.today()
SERVINGS = ("servings.csv", samples.servings_csv(), "text/csv")
MFP = ("Nutrition-Summary-2024-03-05-to-2024-03-06.csv", samples.mfp_csv(), "text/csv")
# MyFitnessPal's days are Cronometer's: on those days Cronometer counts, MyFitnessPal is kept
# but not counted. Every day's magnesium is the servings' (samples.DAY_MAGNESIUM).
FIRST_DAYS = [samples.MAR_5, samples.MAR_6]


@pytest.fixture
def client(local_client: TestClient, kb: KnowledgeBase) -> TestClient:
    """The local site with a profile."""
    profile = ProfileChanges(age=40, sex="female", weight_kg=65.0)
    set_profile(db_of(local_client), kb, "default", profile, TODAY, LOCAL_USER)
    return local_client


def entries(client: TestClient, owner: str = LOCAL_USER) -> list[Entry]:
    start, end = date(2024, 1, 1), date(2024, 12, 31)
    return list_entries(db_of(client), "default", start, end, owner=owner)[1]


def magnesium(client: TestClient, owner: str = LOCAL_USER) -> dict[date, float]:
    """The magnesium each imported day counts, food and supplements."""
    days: dict[date, float] = {}
    for entry in entries(client, owner):
        if isinstance(entry, FoodEntry) and entry.counted:
            days[entry.day] = days.get(entry.day, 0.0) + (entry.magnesium_mg or 0.0)
        elif isinstance(entry, SupplementEntry):
            days[entry.day] = days.get(entry.day, 0.0) + (entry.elemental_mg or 0.0)
    return {day: round(value, 1) for day, value in days.items()}


Upload = tuple[str, bytes, str]


def upload(
    client: TestClient,
    files: list[Upload],
    *,
    token: str | None = "",
    lang: str = "en",
    date_order: str | None = None,
) -> Response:
    data = {} if token is None else {"csrf_token": token or local_csrf(client)}
    if date_order is not None:
        data["date_order"] = date_order
    response: Response = client.post(
        "/data/import",
        data=data,
        files=[("files", f) for f in files],
        headers={"Accept-Language": lang},
    )
    return response


def report(page: str) -> str:
    found = re.search(r'<section class="card report" id="import-report".*?</section>', page, re.S)
    assert found, "no import report"
    return " ".join(found.group(0).split())


def test_the_page_has_its_forms_and_links(client: TestClient) -> None:
    page = client.get("/data").text
    assert_ids_sound(page)
    assert re.search(r'<form id="import-form" method="post" action="/data/import" '
                     r'enctype="multipart/form-data"', page)  # fmt: skip
    assert re.search(r'<input id="f-files" name="files" type="file"[^>]* multiple', page)
    assert 'action="/data/restore"' in page and 'name="file" type="file"' in page
    assert 'href="/data/export-csv.zip"' in page and 'href="/settings/export.json"' in page
    assert 'name="date_order"' not in page  # asked only when a file needs it
    assert "10 MB" in page
    assert 'href="/data"' in client.get("/settings").text


def test_cronometer_and_myfitnesspal_import_with_a_report(client: TestClient) -> None:
    response = upload(client, [SERVINGS, MFP])
    assert response.status_code == 200, response.text
    text = report(response.text)
    assert "servings.csv (Cronometer servings): 8 rows read, 8 used, 0 skipped." in text
    assert "Nutrition-Summary-2024-03-05-to-2024-03-06.csv (MyFitnessPal nutrition summary)" in text
    assert "Imported 11 food entries and 1 supplement over 3 days." in text
    assert magnesium(client) == samples.DAY_MAGNESIUM
    mfp = [e for e in entries(client) if e.origin == "myfitnesspal"]
    assert len(mfp) == 4 and not any(isinstance(e, FoodEntry) and e.counted for e in mfp)


def test_the_same_upload_twice_keeps_the_totals(client: TestClient) -> None:
    assert upload(client, [SERVINGS]).status_code == 200
    before = entries(client)
    again = upload(client, [SERVINGS])
    assert again.status_code == 200
    text = report(again.text)
    assert "8 entries were already in the journal and were left as they are." in text
    assert "Nothing changed" in text
    assert magnesium(client) == samples.DAY_MAGNESIUM
    assert [e.id for e in entries(client)] == [e.id for e in before]
    # The same file twice in one upload would count its days twice: refused, nothing stored.
    twice = upload(client, [SERVINGS, ("copy.csv", SERVINGS[1], "text/csv")])
    assert twice.status_code == 422
    assert field_error(twice.text, "files")
    assert [e.id for e in entries(client)] == [e.id for e in before]


def test_the_dutch_page_reports_in_dutch(client: TestClient) -> None:
    assert '<html lang="nl">' in client.get("/data", headers={"Accept-Language": "nl"}).text
    response = upload(client, [SERVINGS], lang="nl")
    assert response.status_code == 200
    text = report(response.text)
    assert '<html lang="nl">' in response.text
    # The catalog's sentences (the page's own new ones are translated when the catalog is
    # built from /tmp/mg-nl; make i18n).
    assert "servings.csv (" in text
    assert " gelezen, 8 gebruikt, 0 overgeslagen." in text
    assert magnesium(client) == samples.DAY_MAGNESIUM


def test_an_excel_resaved_german_export_reads_the_same(client: TestClient) -> None:
    """Semicolons, decimal commas, 05.03.2024 and the Windows code page."""
    data = resave(samples.servings_csv(), "de-DE")
    assert b";" in data and b"112,6" in data
    response = upload(client, [("servings.csv", data, "text/csv")], lang="nl")
    assert response.status_code == 200, response.text
    assert magnesium(client) == samples.DAY_MAGNESIUM


def test_a_file_that_needs_the_date_order_asks_for_it(client: TestClient) -> None:
    early = [s for s in samples.SERVINGS if s.day in FIRST_DAYS]
    data = ("servings.csv", samples.servings_csv(early, dates="day_first"), "text/csv")
    asked = upload(client, [data], lang="nl")
    assert asked.status_code == 422
    assert field_error(asked.text, "date_order")
    assert 'name="date_order"' in asked.text
    assert entries(client) == []
    done = upload(client, [data], date_order="dmy")
    assert done.status_code == 200, done.text
    assert {e.day for e in entries(client)} == set(FIRST_DAYS)  # 5 and 6 March, not May and June
    wrong = upload(client, [data], date_order="sideways")
    assert wrong.status_code == 422 and field_error(wrong.text, "date_order")


@pytest.mark.parametrize(
    "junk",
    [
        pytest.param(
            ("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40, "image/jpeg"), id="binary"
        ),
        pytest.param(("notes.csv", b"hello,world\n1,2\n", "text/csv"), id="other-csv"),
        pytest.param(("empty.csv", b"", "text/csv"), id="empty"),
        pytest.param(("broken.zip", b"PK\x03\x04" + b"\x00" * 40, "application/zip"), id="zip"),
    ],
)
def test_a_file_that_is_no_export_is_a_clear_error(client: TestClient, junk: Upload) -> None:
    response = upload(client, [junk], lang="nl")
    assert 400 <= response.status_code < 500
    message = field_error(response.text, "files")
    assert message and "/tmp" not in message and "mgcoach-upload" not in message
    assert entries(client) == []


def test_no_file_chosen(client: TestClient) -> None:
    response = client.post(
        "/data/import",
        data={"csrf_token": local_csrf(client)},
        files=[("files", ("", b"", "application/octet-stream"))],
    )
    assert response.status_code == 422
    assert field_error(response.text, "files") == "Choose one or more export files to import."


def test_an_upload_over_the_limit_is_refused_and_nothing_stored(client: TestClient) -> None:
    big = SERVINGS[1] + b"\n" * (MAX_UPLOAD_BYTES + 1)
    response = upload(client, [("servings.csv", big, "text/csv")], lang="nl")
    assert response.status_code == 413
    assert "10 MB" in response.text and '<html lang="nl">' in response.text
    assert entries(client) == []


class FileSent(Sent):
    """A multipart body of one file part whose content is the rest of the body: a form that
    parses, so only the count can stop it."""

    HEAD = (
        b'--x\r\nContent-Disposition: form-data; name="files"; filename="big.csv"\r\n'
        b"Content-Type: text/csv\r\n\r\n"
    )

    async def receive(self) -> dict[str, Any]:
        first = self.read == 0
        message = await super().receive()
        if first:
            message["body"] = self.HEAD + message["body"][len(self.HEAD) :]
        return message


@pytest.mark.parametrize("length", [True, False], ids=["content-length", "chunked"])
@pytest.mark.parametrize("path", ["/data/import", "/data/restore"])
def test_an_oversize_upload_is_refused_before_it_is_parsed(
    local_app: FastAPI, path: str, length: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hardening, "Sent", FileSent)
    kind = "multipart/form-data; boundary=x"
    sent = send_raw(local_app, path, MAX_UPLOAD_BYTES + 1, length=length, content_type=kind)
    assert sent.status == 413
    assert b"10 MB" in sent.body
    if length:
        assert sent.read == 0  # by its Content-Length, before a byte is read
    else:
        assert sent.read <= MAX_UPLOAD_BYTES + 64 * 1024  # counted, one chunk past at most


def test_the_upload_limit_is_the_upload_routes_only(client: TestClient) -> None:
    """300 KB is a fine upload and a refused form post elsewhere."""
    padded = SERVINGS[1] + b"\n" * (300 * 1024)
    assert upload(client, [("servings.csv", padded, "text/csv")]).status_code == 200
    note = {"csrf_token": local_csrf(client), "text": "x" * (300 * 1024)}
    assert client.post("/log/note", data=note).status_code == 413


def test_the_import_needs_the_csrf_token(client: TestClient) -> None:
    assert upload(client, [SERVINGS], token=None).status_code == 403
    assert upload(client, [SERVINGS], token="forged").status_code == 403
    assert entries(client) == []


def test_importing_needs_a_profile(local_client: TestClient) -> None:
    page = local_client.get("/data").text
    assert 'href="/onboarding"' in page and 'id="import-form"' not in page
    response = upload(local_client, [SERVINGS])
    assert response.status_code == 422
    assert list_profiles(db_of(local_client), LOCAL_USER) == []


# -- exports and restore ---------------------------------------------------------------------


def csv_export(client: TestClient) -> dict[str, list[dict[str, str]]]:
    response = client.get("/data/export-csv.zip")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["content-disposition"] == (
        f'attachment; filename="mgcoach-csv-{TODAY.isoformat()}.zip"'
    )
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return {
            name: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))
            for name in archive.namelist()
        }


def test_the_exports_download_and_parse_back(client: TestClient) -> None:
    assert upload(client, [SERVINGS]).status_code == 200
    tables = csv_export(client)
    assert {"profile.csv", "entry.csv", "food_item.csv"} <= set(tables)
    assert [row["name"] for row in tables["profile.csv"]] == ["default"]
    assert len(tables["entry.csv"]) == len(entries(client)) == 8
    document = client.get("/settings/export.json")
    assert document.headers["content-disposition"].startswith("attachment;")
    (profile,) = json.loads(document.content)["profiles"]
    assert len(profile["entries"]) == 8


def restore(client: TestClient, content: bytes, name: str = "export.json") -> Response:
    response: Response = client.post(
        "/data/restore",
        data={"csrf_token": local_csrf(client)},
        files={"file": (name, content, "application/json")},
    )
    return response


def test_a_json_export_restores_into_an_empty_journal(
    client: TestClient, local_app: FastAPI
) -> None:
    assert upload(client, [SERVINGS]).status_code == 200
    exported = client.get("/settings/export.json").content
    again = restore(client, exported)  # the profile is there: refused, all or nothing
    assert again.status_code == 422
    assert "default" in (field_error(again.text, "file") or "")
    client.post("/settings/delete", data={"csrf_token": local_csrf(client), "confirm": "1"})
    assert list_profiles(db_of(client), LOCAL_USER) == []
    restored = restore(client, exported)
    assert restored.status_code == 200, restored.text
    assert "Imported 1 profile and 8 entries." in restored.text
    assert magnesium(client) == samples.DAY_MAGNESIUM


def test_a_bad_json_export_is_refused_whole(client: TestClient) -> None:
    exported = json.loads(client.get("/settings/export.json").content)
    client.post("/settings/delete", data={"csrf_token": local_csrf(client), "confirm": "1"})
    exported["profiles"][0]["weight_kg"] = 9000  # out of the journal's bounds
    response = restore(client, json.dumps(exported).encode())
    assert response.status_code == 422
    message = field_error(response.text, "file") or ""
    assert "Nothing was imported" in message
    assert list_profiles(db_of(client), LOCAL_USER) == []
    junk = restore(client, b"\x00\x01 not json", "export.json")
    assert junk.status_code == 422
    message = field_error(junk.text, "file") or ""
    assert "export.json" in message and "/tmp" not in message
    assert restore(client, SERVINGS[1], "servings.csv").status_code == 422


# -- multi-user mode -------------------------------------------------------------------------


def test_each_account_imports_and_downloads_its_own(
    multi_app: FastAPI, kb: KnowledgeBase, signed_up: Callable[[TestClient, str], str]
) -> None:
    with TestClient(multi_app) as ann, TestClient(multi_app) as bob:
        token = signed_up(ann, "ann")
        signed_up(bob, "bob")
        db = multi_app.state.web.db
        for name in ("ann", "bob"):
            set_profile(db, kb, "default", ProfileChanges(age=40, sex="female"), TODAY, name)
        assert upload(ann, [SERVINGS], token=token).status_code == 200
        assert magnesium(ann, "ann") == samples.DAY_MAGNESIUM
        assert entries(bob, "bob") == []
        assert len(csv_export(ann)["entry.csv"]) == 8
        assert csv_export(bob)["entry.csv"] == []
        bobs = json.loads(bob.get("/settings/export.json").content)
        assert [len(p["entries"]) for p in bobs["profiles"]] == [0]
        with TestClient(multi_app) as anonymous:
            assert anonymous.get("/data/export-csv.zip", follow_redirects=False).status_code == 303
            refused = anonymous.post("/data/import", files={"files": SERVINGS})
            assert refused.status_code in (401, 403) or refused.url.path == "/login"
