"""The schedule editor in a real browser (Debian's Chromium driven by Playwright, against the
demo app), at phone width: a coordinator edits a rotation and sees the preview change, makes
a gap and closes it with an override, sees a problem beside its field, and saves; axe-core
finds nothing serious on any of these pages."""

from __future__ import annotations

import re
import time
from datetime import timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from tests.hotline.browser import (  # noqa: F401  (browser and served are fixtures)
    accessible,
    browser,
    served,
    signed_in_coordinator,
)

ZONE = ZoneInfo("America/Los_Angeles")  # the demo roster's


def local(moment) -> str:
    return moment.astimezone(ZONE).strftime("%Y-%m-%dT%H:%M")


def first_row(page, category: str):
    return page.locator(f"#preview-{category} tbody tr").first


def test_the_schedule_editor_in_chromium(served, browser):  # noqa: F811
    app, base = served
    page = signed_in_coordinator(browser, app, base)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.get_by_role("link", name=re.compile("Schedule of line")).click()
    expect(page.get_by_role("heading", name=re.compile("Schedule of line"))).to_be_visible()
    expect(page.get_by_text("Saved number ends in 01")).to_be_visible()
    mental = first_row(page, "mental_health")
    expect(mental).to_contain_text("Ana Reyes, Ben Ortiz")
    accessible(page)

    # Editing a rotation: one person a shift instead of two; the preview shows it.
    rotation = page.get_by_role("group", name="Rotation: Mental health")
    rotation.get_by_label("People on call per shift").fill("1")
    page.get_by_role("button", name="Preview", exact=True).click()
    heading = page.get_by_role("heading", name=re.compile("Preview: the next 14 days"))
    expect(heading).to_be_visible()
    expect(mental).not_to_contain_text("Ana Reyes, Ben Ortiz")
    expect(mental).to_contain_text(re.compile("Ana Reyes|Ben Ortiz"))
    expect(page.locator("#preview")).to_be_focused()
    accessible(page)

    # A rotation that starts in three days leaves a gap until then ...
    starts = local(time_from_now(days=3))
    rotation = page.get_by_role("group", name="Rotation: Mental health")
    rotation.get_by_label("First handoff").fill(starts)
    page.get_by_role("button", name="Preview", exact=True).click()
    expect(mental).to_contain_text("Nobody on call")
    expect(mental).to_have_class("gap")
    expect(page.locator("#preview-mental_health caption")).to_contain_text(
        "with nobody on call")

    # ... which an override closes.
    new = page.get_by_role("group", name="Add an override")
    new.get_by_label("Rotation").select_option("Mental health")
    new.get_by_label("Responder", exact=True).select_option("Dee Park")
    new.get_by_label("From").fill(local(time_from_now()))
    new.get_by_label("Until").fill(starts)
    page.get_by_role("button", name="Preview", exact=True).click()
    expect(mental).to_contain_text("Dee Park (covering)")
    expect(page.locator("#preview-mental_health tr.gap")).to_have_count(0)
    accessible(page)

    # A problem is shown beside its field, and nothing can be saved until it is fixed.
    backup = page.get_by_label("Backup list")
    backup.fill("Bo")
    page.get_by_role("button", name="Preview", exact=True).click()
    expect(page.locator("#backup-notes")).to_contain_text('no responder named "Bo"')
    expect(backup).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#problems")).to_be_focused()
    expect(page.get_by_role("button", name="Save these changes")).to_have_count(0)
    accessible(page)
    backup.fill("Dee Park")
    page.get_by_role("button", name="Preview", exact=True).click()
    page.get_by_role("button", name="Save these changes").click()
    expect(page.get_by_role("status")).to_contain_text("The schedule is saved.")
    expect(first_row(page, "mental_health")).to_contain_text("Dee Park (covering)")
    expect(page.get_by_text("ended (read-only)")).to_have_count(0)
    expect(page.get_by_role("group", name=re.compile("Override 1"))).to_be_visible()
    accessible(page)
    assert errors == []


def time_from_now(**delta):
    from datetime import UTC, datetime

    return datetime.fromtimestamp(time.time(), UTC) + timedelta(**delta)
