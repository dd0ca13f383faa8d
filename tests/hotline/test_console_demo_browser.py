"""The demo's console in Chromium: the credentials `scripts/demo` prints (`hotline users demo`,
run against the demo app) sign a coordinator in; they invite a responder from the console,
and the responder sees their own shifts and turns themself OFF. axe-core on each new page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.hotline.browser import (  # noqa: F401  (browser is a fixture)
    PASSWORD,
    PHONE,
    accessible,
    browser,
    digits,
)
from tests.hotline.demo_server import serve_demo

DEMO_PHONES = ("5105550101", "5105550102", "5105550103", "5105550104")


@pytest.fixture
def served(tmp_path):
    with serve_demo(tmp_path) as (app, url):
        yield app, url.rstrip("/")


def run(app, *args: str) -> str:
    from hotline.cli import cli

    result = app.test_cli_runner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def printed(output: str, field: str) -> str:
    return re.search(rf"^{field}:\s+(\S+)", output, re.M).group(1)


def test_the_demo_coordinator_signs_in_with_what_the_demo_prints(served, browser):  # noqa: F811
    app, base = served
    shown = run(app, "users", "demo")
    email, password = printed(shown, "email"), printed(shown, "password")
    assert printed(shown, "TOTP key")
    page = browser.new_context(viewport=PHONE).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/console/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label(re.compile("Code from your authenticator")).fill(
        run(app, "users", "demo-code").strip())
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name=f"Signed in as {email}")).to_be_visible()
    page.get_by_role("link", name=re.compile("Now on line")).click()
    expect(page.locator("#cases")).to_contain_text("No case is in progress.")
    expect(page.locator("main")).to_contain_text("times in America/Los_Angeles")
    accessible(page)

    # An invitation from the console, linked to Ana's roster entry by name.
    page.get_by_role("link", name="Invite").click()
    accessible(page)
    page.get_by_label("Email").fill("ana@example.org")
    page.get_by_label("Role").select_option(label="responder")
    page.get_by_label("Their roster entry").select_option(
        index=_option_index(page, "Ana Reyes"))
    page.get_by_role("button", name="Make invitation link").click()
    link = page.locator("#invite-link").inner_text()
    assert "/console/invite/" in link
    accessible(page)
    assert not any(n[-7:] in digits(page.content()) for n in DEMO_PHONES)

    responder = browser.new_context(viewport=PHONE).new_page()
    responder.goto(link)
    responder.get_by_label("New password").fill(PASSWORD)
    responder.get_by_label("The same password again").fill(PASSWORD)
    responder.get_by_role("button", name="Set password").click()
    responder.get_by_role("link", name="My shifts").first.click()
    expect(responder.locator(".shifts li").first).to_contain_text("mental health")
    accessible(responder)
    responder.get_by_role("button", name="Turn OFF").click()
    expect(responder.get_by_role("status")).to_contain_text("You are OFF")
    expect(responder.get_by_role("button", name="Turn ON")).to_be_visible()
    accessible(responder)
    assert not any(n[-7:] in digits(responder.content()) for n in DEMO_PHONES)
    assert responder.goto(f"{base}/console/invitations").status == 403
    assert errors == []


def _option_index(page, name: str) -> int:
    options = page.get_by_label("Their roster entry").locator("option").all_inner_texts()
    return next(i for i, text in enumerate(options) if text.startswith(name))
