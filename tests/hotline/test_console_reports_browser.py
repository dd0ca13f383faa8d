"""The reports page in Chromium at phone width: a seeded month, its two charts drawn as SVG
with titles, hidden counts marked "<5", no script error, and axe-core finding nothing serious."""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

import pyotp
import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not os.environ.get("CI") and not CHROMIUM.exists():
    pytest.skip("no /usr/bin/chromium: `apt-get install chromium` (CI installs it)",
                allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402
from sqlmodel import select  # noqa: E402

from tests.hotline.demo_server import serve_demo  # noqa: E402
from tests.hotline.test_console_browser import PASSWORD, PHONE, accessible, invite  # noqa: E402
from tests.hotline.test_console_reports import FIRST, LAST, seed_month, store  # noqa: E402


def test_the_reports_page_in_chromium(tmp_path):
    from hotline.infra.db import transaction
    from hotline.infra.models import Responder

    with serve_demo(tmp_path) as (app, url), sync_playwright() as playwright:
        with app.app_context():
            with transaction() as session:
                names = sorted(r.name for r in session.exec(select(Responder)))
            store(seed_month(random.Random(16), names))
            token = invite(app, "coord@example.org", "coordinator")
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            page = chromium.new_context(viewport=PHONE).new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(f"{url}console/invite/{token}")
            page.get_by_label("New password").fill(PASSWORD)
            page.get_by_label("The same password again").fill(PASSWORD)
            page.get_by_role("button", name="Set password").click()
            secret = page.locator("#secret").inner_text().replace(" ", "")
            page.get_by_label(re.compile("Code from your authenticator")).fill(
                pyotp.TOTP(secret).now())
            page.get_by_role("button", name="Confirm").click()
            page.get_by_role("link", name="I have saved them").click()
            page.get_by_role("link", name=re.compile("Report for line")).click()
            expect(page.get_by_role("heading", name=re.compile("Report for line"))).to_be_visible()

            page.get_by_label("From", exact=True).fill(FIRST.isoformat())
            page.get_by_label("To", exact=True).fill(LAST.isoformat())
            page.get_by_role("button", name="Show").click()
            expect(page.locator("#contacts-total")).to_have_text("140")
            expect(page.get_by_role("img", name="Contacts by hour of day")).to_be_visible()
            expect(page.get_by_role("img", name="Answered contacts by time to answer")) \
                .to_be_visible()
            expect(page.locator("#by-language")).to_contain_text("<5")
            expect(page.locator("svg.chart rect.hidden").first).to_be_attached()
            accessible(page)
            with page.expect_download() as download:
                page.get_by_role("link", name="Download as CSV").click()
            assert download.value.suggested_filename == f"report-{FIRST}-{LAST}.csv"
            assert "contacts,total,140" in Path(download.value.path()).read_text()
            assert errors == []
        finally:
            chromium.close()
