"""The phone simulator in a real browser: Debian's Chromium, driven by Playwright, against the
demo app served on a free port, as `scripts/demo` serves it.

A person texts about an overdose; the page must show them the roster's urgent advice and show a
responder an offer marked urgent, and axe-core (shipped inside axe-playwright-python, nothing
fetched at run time) must find no serious or critical accessibility problem, at desktop width and
at phone width. Screenshots of both go to $SIMULATOR_SCREENSHOTS, else the test's tmp folder.

In CI a missing browser fails the test; elsewhere it is skipped with the reason.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not os.environ.get("CI") and not CHROMIUM.exists():
    pytest.skip("no /usr/bin/chromium: `apt-get install chromium` (CI installs it)",
                allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tests.hotline.demo_server import serve_demo  # noqa: E402

OVERDOSE = "my friend is not breathing, i think she overdosed"
URGENT_ADVICE = "If someone won't wake or isn't breathing"
WAIT_MS = 30_000  # a busy CI machine; every wait ends as soon as its condition holds
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def served(tmp_path):
    """The demo app on a real server, with the demo's short timings; its base URL."""
    with serve_demo(tmp_path, OFFER_TIMEOUT_SECONDS=30, CHECKIN_AFTER_SECONDS=60) as (_, url):
        yield url


@pytest.fixture
def page():
    """A fresh page in headless Chromium."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        context = browser.new_context(viewport=DESKTOP)
        try:
            yield context.new_page()
        finally:
            context.close()
            browser.close()


def serious_problems(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now."""
    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            f"{[node['target'] for node in v['nodes']][:3]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def test_an_overdose_text_gets_urgent_advice_and_an_urgent_offer_on_an_accessible_page(
        served, page, tmp_path):
    shots = Path(os.environ.get("SIMULATOR_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(served)

    person = page.locator("#person")
    person.get_by_label("Text message").fill(OVERDOSE)
    person.get_by_role("button", name="Send").click()

    expect(person.locator(".bubble.sent", has_text=OVERDOSE)).to_be_visible(timeout=WAIT_MS)
    advice = person.locator(".bubble.received", has_text=URGENT_ADVICE)
    expect(advice).to_be_visible(timeout=WAIT_MS)
    urgent_offer = page.locator(".bubble.urgent", has_text="URGENT case")
    offer = page.locator(".phone.responder").locator(urgent_offer)
    expect(offer.first).to_be_visible(timeout=WAIT_MS)
    expect(offer.first.locator(".flag")).to_have_text("⚠ URGENT")  # a word, not colour alone
    expect(page.locator("#announce")).to_contain_text("URGENT", timeout=WAIT_MS)
    expect(page.locator(".timings")).to_contain_text("30 seconds")

    page.screenshot(path=str(shots / "simulator-desktop.png"))
    assert serious_problems(page) == []

    page.set_viewport_size(PHONE)
    chooser = page.get_by_role("navigation", name="Phone to show")
    expect(chooser).to_be_visible()
    expect(page.locator(".phone.responder").first).to_be_hidden()  # one phone at a time
    expect(advice).to_be_visible()
    page.screenshot(path=str(shots / "simulator-phone.png"))
    assert serious_problems(page) == []

    offered = page.locator(".phone.responder", has=urgent_offer).first.get_attribute("data-name")
    chooser.get_by_role("button", name=offered).click()
    expect(offer.first).to_be_visible()
    expect(person).to_be_hidden()
    page.screenshot(path=str(shots / "simulator-phone-responder.png"))
    assert serious_problems(page) == []
    assert errors == []
