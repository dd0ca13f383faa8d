"""The console in a real browser: Debian's Chromium driven by Playwright, against the demo app
served on a free port (in-process session store, no Redis). Sign-in with TOTP, the lockout, a
POST without its CSRF token, a responder refused a coordinator page, and the Now page showing
a live case, arriving without a reload, without any number; axe-core on each page, at phone
width (390 px)."""

from __future__ import annotations

import re
import time

import pyotp
from playwright.sync_api import expect

from tests.hotline.browser import (  # noqa: F401  (browser and served are fixtures)
    PASSWORD,
    PHONE,
    accessible,
    browser,
    digits,
    enrol,
    invite,
    served,
)

WAIT_MS = 30_000
PERSON = "+15555550123"
WORDS = "i relapsed and need help"


def test_the_console_in_chromium(served, browser):  # noqa: F811
    app, base = served
    coordinator = browser.new_context(viewport=PHONE)
    page = coordinator.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    # Invitation, password, TOTP enrolment by QR code, recovery codes.
    secret = enrol(page, base, invite(app, "coord@example.org", "coordinator"), accessible)
    page.get_by_role("button", name="Sign out").click()

    # Sign in again: password, then a code from the authenticator's next time step.
    page.get_by_label("Email").fill("coord@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your sign-in code")).to_be_visible()
    accessible(page)
    page.get_by_label(re.compile("Code from your authenticator")).fill(
        pyotp.TOTP(secret).at(time.time() + 30))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Signed in as coord@example.org")).to_be_visible()
    accessible(page)

    # The Now page: a case arrives while it is open, without a reload, with no number.
    page.get_by_role("link", name=re.compile("Now on line")).click()
    expect(page.locator("#cases")).to_contain_text("No case is in progress.")
    accessible(page)
    with app.app_context():
        from hotline.sms import intake

        intake.receive({"MessageSid": "SM" + "1" * 32, "From": PERSON, "To": "+15550100000",
                        "Body": WORDS, "NumMedia": "0"})
    expect(page.locator("#cases .case")).to_have_count(1, timeout=WAIT_MS)
    expect(page.locator("#cases .state")).to_contain_text(re.compile(r"offering to \w+"))
    accessible(page)
    shown = page.content()
    assert digits(PERSON)[-7:] not in digits(shown) and WORDS not in shown
    for number in ("5105550101", "5105550102", "5105550103", "5105550104"):
        assert number[-7:] not in digits(shown)
    page.get_by_role("link", name="Audit log").click()
    expect(page.locator("table")).to_contain_text("added authenticator")
    accessible(page)

    # A POST without its CSRF token is refused.
    refused = page.request.post(f"{base}/console/cases/1/urgent", form={})
    assert refused.status == 400

    # A responder is refused a coordinator's page.
    responder = browser.new_context(viewport=PHONE).new_page()
    responder.goto(f"{base}/console/invite/{invite(app, 'resp@example.org', 'responder')}")
    responder.get_by_label("New password").fill(PASSWORD)
    responder.get_by_label("The same password again").fill(PASSWORD)
    responder.get_by_role("button", name="Set password").click()
    expect(responder.get_by_role("heading", name=re.compile("Signed in as"))).to_be_visible()
    answer = responder.goto(f"{base}/console/lines/1/now")
    assert answer.status == 403
    expect(responder.get_by_role("heading", name="You may not see this page.")).to_be_visible()

    # Ten wrong passwords lock the account, even against the right one.
    stranger = browser.new_context(viewport=PHONE).new_page()
    stranger.goto(f"{base}/console/sign-in")
    for _ in range(10):
        stranger.get_by_label("Email").fill("resp@example.org")
        stranger.get_by_label("Password").fill("not the password")
        stranger.get_by_role("button", name="Sign in").click()
        expect(stranger.get_by_role("alert")).to_contain_text("do not match")
    stranger.get_by_label("Email").fill("resp@example.org")
    stranger.get_by_label("Password").fill(PASSWORD)
    stranger.get_by_role("button", name="Sign in").click()
    expect(stranger.get_by_role("alert")).to_contain_text("Too many failed attempts")
    accessible(stranger)
    assert errors == []
