"""The browser harness itself: the live server, the no-other-host guard, the Chromium check."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.web.browser.conftest import Site, Visitor, require_chromium


def test_missing_chromium_fails_with_the_install_hint(tmp_path: Path) -> None:
    with pytest.raises(pytest.fail.Exception, match=r"\.ci/run` installs it"):
        require_chromium(tmp_path / "chromium")


def test_the_live_server_serves_the_app_on_loopback(
    local_site: Site, visit: Callable[..., Visitor]
) -> None:
    assert local_site.origin.startswith("http://127.0.0.1:")
    visitor = visit(local_site)
    assert visitor.goto("/static/app.css") == 200
    assert "text/css" in visitor.page.evaluate("document.contentType")


def test_requests_to_other_hosts_are_aborted_and_recorded(
    local_site: Site, visit: Callable[..., Visitor]
) -> None:
    visitor = visit(local_site)
    # A page without the app's Content-Security-Policy, which would block the fetch itself
    # (connect-src 'self'): the guard is the second line, and is tested on its own here.
    visitor.page.goto("about:blank")
    outcome = visitor.page.evaluate(
        """() => fetch("http://cdn.example.com/lib.js").then(() => "loaded", () => "failed")"""
    )
    assert outcome == "failed"
    assert visitor.blocked == ["http://cdn.example.com/lib.js"]
    visitor.blocked.clear()  # expected here; any other test fails at teardown on such a request


def test_a_content_security_policy_violation_is_recorded(
    local_site: Site, visit: Callable[..., Visitor]
) -> None:
    """The pages carry no inline style or script; one added is blocked and fails the test."""
    visitor = visit(local_site)
    visitor.goto("/today")
    visitor.page.evaluate(
        """() => document.body.insertAdjacentHTML("beforeend", '<p style="color: red">x</p>')"""
    )
    visitor.page.wait_for_timeout(200)
    assert any("Content Security Policy" in error for error in visitor.errors)
    visitor.errors.clear()  # expected here; any other test fails at teardown on one
