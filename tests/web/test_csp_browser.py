"""The Content-Security-Policy (archive/settings.py) in a real Chromium: the pages' scripts and
styles all load under it, and a script that slipped into a page would not run."""

from __future__ import annotations

import pytest

from tests.web.browser import browser  # noqa: F401 (fixture)
from tests.web.conftest import speeches  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pages_run_under_the_policy_and_injected_script_does_not(
    browser,  # noqa: F811
    live_server,
    speeches,  # noqa: F811
):
    page = browser.new_page()
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    hostile = speeches["hostile"]
    for path in ["/", "/search/?q=作风建设", f"/speeches/{hostile.pk}/", "/speeches/"]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
    assert violations == []
    # What an injection would try: an inline script in the page does not run.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = true'; document.body.appendChild(s); }"
    )
    assert page.evaluate("() => window.injected === true") is False
    assert any("Content Security Policy" in text for text in violations)
