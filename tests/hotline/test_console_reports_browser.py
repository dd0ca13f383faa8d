"""The reports page in Chromium at phone width: a seeded month, its two charts drawn as SVG
with titles, hidden counts marked "<5", no script error, and axe-core finding nothing serious."""

from __future__ import annotations

import random
import re
from pathlib import Path

from playwright.sync_api import expect
from sqlmodel import select

from tests.hotline.browser import (  # noqa: F401  (browser is a fixture)
    PHONE,
    accessible,
    browser,
    enrol,
    invite,
)
from tests.hotline.demo_server import serve_demo
from tests.hotline.test_console_reports import FIRST, LAST, seed_month, store


def test_the_reports_page_in_chromium(tmp_path, browser):  # noqa: F811
    from hotline.infra.db import transaction
    from hotline.infra.models import Responder

    with serve_demo(tmp_path) as (app, url):
        with app.app_context():
            with transaction() as session:
                names = sorted(r.name for r in session.exec(select(Responder)))
            store(seed_month(random.Random(16), names))
            token = invite(app, "coord@example.org", "coordinator")
        page = browser.new_context(viewport=PHONE).new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        enrol(page, url.rstrip("/"), token)
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
