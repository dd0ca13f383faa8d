"""Every console route answers only a signed-in account with the right role: the URL map is
walked, so a route added later without a guard fails here."""

from __future__ import annotations

import re

import pytest

from tests.hotline.console_client import HTML, join, post, sign_in

PUBLIC = {"console.static", "console.sign_in", "console.invite", "console.sign_out",
          "console.language"}
ROLE_OF = {"console.users": "admin", "console.change_role": "admin",
           "console.deactivate": "admin", "console.audit_log": "coordinator",
           "console.now_page": "coordinator", "console.now_json": "coordinator",
           "console.case_urgent": "coordinator", "console.case_offer_again": "coordinator",
           "console.invite_someone": "coordinator", "console.schedule": "coordinator",
           "console.schedule_post": "coordinator", "console.report_page": "coordinator",
           "console.report_csv": "coordinator", "console.line_shifts": "coordinator",
           "console.line_shifts_cover": "coordinator"}
RANK = ["responder", "coordinator", "admin"]


def console_routes(app):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/console") and rule.endpoint not in PUBLIC:
            path = re.sub(r"<(?:int:)?(\w+)>", lambda m: "1" if "int" in m.group() else "x",
                          rule.rule)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule.endpoint, method, path


def test_every_console_route_is_guarded_or_declared_public(app):
    for endpoint, view in app.view_functions.items():
        if endpoint.startswith("console."):
            assert endpoint in PUBLIC or view.console_access[0] != "public", endpoint
            assert endpoint == "console.static" or hasattr(view, "console_access"), endpoint
    assert len(list(console_routes(app))) >= 14


def test_no_console_route_answers_without_sign_in(app):
    client = app.test_client()
    for endpoint, method, path in console_routes(app):
        for headers, wanted in ((HTML, 302), ({"Accept": "application/json"}, 401)):
            data = {"csrf_token": "x"} if method == "POST" else None
            answer = client.open(path, method=method, headers=headers, data=data)
            if method == "POST" and answer.status_code == 400:  # CSRF refused it first
                continue
            assert answer.status_code == wanted, (endpoint, method, headers, answer.status_code)
            if wanted == 302:
                assert answer.location.endswith("/console/sign-in")


@pytest.mark.parametrize("role", ["responder", "coordinator"])
def test_no_console_route_answers_a_role_below_its_own(app, role):
    client = app.test_client()
    join(client, f"{role}@example.org", role)
    client.get("/console/recovery-codes", headers=HTML)
    refused = 0
    for endpoint, method, path in console_routes(app):
        needed = ROLE_OF.get(endpoint, "responder")
        if RANK.index(role) >= RANK.index(needed):
            continue
        if method == "POST":
            answer = post(client, path, {}, page="/console/")
        else:
            answer = client.get(path, headers=HTML)
        assert answer.status_code == 403, (endpoint, method, answer.status_code)
        refused += 1
    assert refused >= (3 if role == "coordinator" else 8)


def test_a_post_without_its_csrf_token_is_refused(app):
    client = app.test_client()
    secret = join(client, "coord@example.org", "coordinator")
    client.post("/console/sign-out", data={"csrf_token": "x"}, headers=HTML)
    answer = client.post("/console/sign-in", data={"email": "coord@example.org",
                                                   "password": "whatever"}, headers=HTML)
    assert answer.status_code == 400
    assert sign_in(client, "coord@example.org", secret).status_code == 302
    assert client.post("/console/cases/1/urgent", headers=HTML).status_code == 400


def test_security_headers_and_cookie_flags(app):
    client = app.test_client()
    answer = client.get("/console/sign-in", headers=HTML)
    csp = answer.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "http" not in csp
    assert answer.headers["X-Frame-Options"] == "DENY"
    assert answer.headers["Cache-Control"] == "no-store"
    assert "Strict-Transport-Security" not in answer.headers  # production only
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/console" in cookie
    assert "<script>" not in answer.text and " style=" not in answer.text


def test_production_sets_secure_cookies_and_hsts(app):
    app.config["HOTLINE_ENV"] = "production"
    answer = app.test_client().get("/console/sign-in", headers=HTML)
    assert "Secure" in answer.headers["Set-Cookie"]
    assert answer.headers["Strict-Transport-Security"].startswith("max-age=")
