"""What the console's browser tests share: Debian's Chromium driven by Playwright, at phone
width, against the demo app served on a free port; an invited coordinator enrolled through the
real pages (password, TOTP); and axe-core's check for serious accessibility problems."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pyotp
import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not os.environ.get("CI") and not CHROMIUM.exists():
    pytest.skip("no /usr/bin/chromium: `apt-get install chromium` (CI installs it)",
                allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tests.hotline.demo_server import serve_demo  # noqa: E402

PHONE = {"width": 390, "height": 844}
PASSWORD = "correct horse battery staple"


@pytest.fixture
def served(tmp_path):
    with serve_demo(tmp_path, OFFER_TIMEOUT_SECONDS=120) as (app, url):
        yield app, url.rstrip("/")


@pytest.fixture
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


def invite(app, email: str, role: str) -> str:
    """A one-time invitation to the demo line, as a coordinator's form would make it."""
    from hotline.cases import rosters
    from hotline.console import accounts
    from hotline.infra.db import transaction

    with app.app_context(), transaction() as session:
        _, token = accounts.invite(session, email, role, rosters.line_for(session).id)
    return token


def enrol(page, base: str, token: str, check=None) -> str:
    """Accept an invitation on `page`: a password, the authenticator's first code, the
    recovery codes saved. `check(page)` runs on each page on the way. The TOTP secret."""
    check = check or (lambda page: None)
    page.goto(f"{base}/console/invite/{token}")
    check(page)
    page.get_by_label("New password").fill(PASSWORD)
    page.get_by_label("The same password again").fill(PASSWORD)
    page.get_by_role("button", name="Set password").click()
    expect(page.locator("figure.qr svg")).to_be_visible()
    check(page)
    secret = page.locator("#secret").inner_text().replace(" ", "")
    page.get_by_label(re.compile("Code from your authenticator")).fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    check(page)
    page.get_by_role("link", name="I have saved them").click()
    return secret


def signed_in_coordinator(browser, app, base: str):
    """A new page at phone width, signed in as a newly enrolled coordinator of the demo line."""
    page = browser.new_context(viewport=PHONE).new_page()
    enrol(page, base, invite(app, "coord@example.org", "coordinator"))
    expect(page.get_by_role("heading", name=re.compile("Signed in as"))).to_be_visible()
    return page


def accessible(page) -> None:
    results = Axe().run(page)
    serious = [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}"
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], page.url


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)
