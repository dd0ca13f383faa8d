"""Accounts and sign-in: invitations, Argon2id, TOTP and recovery codes, lockout, and
server-side sessions that can be listed, revoked and that time out."""

from __future__ import annotations

import re
import time

import pyotp
import time_machine
from sqlmodel import select

from hotline.console.accounts import LOCK_SECONDS
from hotline.console.sessions import ABSOLUTE_SECONDS, IDLE_SECONDS
from hotline.infra.accounts import Account, AuditEntry
from hotline.infra.db import transaction
from hotline.infra.models import utcnow
from tests.hotline.console_client import (
    HTML,
    PASSWORD,
    invite,
    join,
    next_code,
    post,
    sign_in,
)


def kinds() -> list[str]:
    with transaction() as session:
        return [e.kind for e in session.exec(select(AuditEntry).order_by(AuditEntry.id))]


def account(email: str) -> Account:
    with transaction() as session:
        return session.exec(select(Account).where(Account.email == email)).one()


def test_an_invitation_works_once_and_the_password_is_hashed_with_argon2id(app):
    client = app.test_client()
    token = invite("ana@example.org", "responder")
    page = client.get(f"/console/invite/{token}", headers=HTML)
    assert page.status_code == 200 and "ana@example.org" in page.text
    short = post(client, f"/console/invite/{token}", {"password": "short", "again": "short"})
    assert short.status_code == 200 and "at least 12" in short.text
    done = post(client, f"/console/invite/{token}", {"password": PASSWORD, "again": PASSWORD})
    assert done.location.endswith("/console/")  # a responder needs no second factor
    assert account("ana@example.org").password_hash.startswith("$argon2id$")
    assert app.test_client().get(f"/console/invite/{token}", headers=HTML).status_code == 404
    assert kinds() == ["invite_accepted", "sign_in"]


def test_an_invitation_expires_after_24_hours(app):
    token = invite("ben@example.org", "coordinator")
    with time_machine.travel(time.time() + 24 * 3600 + 60):
        assert app.test_client().get(f"/console/invite/{token}").status_code == 404


def test_a_coordinator_enrols_by_qr_code_and_signs_in_with_password_and_totp(app):
    client = app.test_client()
    token = invite("cy@example.org", "coordinator")
    post(client, f"/console/invite/{token}", {"password": PASSWORD, "again": PASSWORD})
    assert client.get("/console/", headers=HTML).status_code == 302  # not signed in yet
    page = client.get("/console/enrol", headers=HTML)
    assert '<svg' in page.text and 'class="qr"' in page.text  # drawn here, nothing fetched
    secret = re.search(r'<code id="secret">([^<]+)</code>', page.text).group(1).replace(" ", "")
    wrong = post(client, "/console/enrol", {"code": "000000"})
    assert "not right" in wrong.text
    post(client, "/console/enrol", {"code": pyotp.TOTP(secret).now()})
    codes = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>",
                       client.get("/console/recovery-codes", headers=HTML).text)
    assert len(codes) == 10
    assert client.get("/console/recovery-codes", headers=HTML).status_code == 302  # once
    post(client, "/console/sign-out", {}, page="/console/")

    first = post(client, "/console/sign-in", {"email": "CY@example.org", "password": PASSWORD})
    assert first.location.endswith("/console/sign-in/code")
    assert client.get("/console/", headers=HTML).status_code == 302  # password alone: no
    assert post(client, "/console/sign-in/code", {"code": "123456"}).status_code == 401
    assert post(client, "/console/sign-in/code",
                {"code": next_code(secret)}).location.endswith("/console/")
    assert client.get("/console/", headers=HTML).status_code == 200
    post(client, "/console/sign-out", {}, page="/console/")

    post(client, "/console/sign-in", {"email": "cy@example.org", "password": PASSWORD})
    assert post(client, "/console/sign-in/code", {"code": codes[0]}).status_code == 302
    post(client, "/console/sign-out", {}, page="/console/")
    post(client, "/console/sign-in", {"email": "cy@example.org", "password": PASSWORD})
    assert post(client, "/console/sign-in/code", {"code": codes[0]}).status_code == 401
    assert "recovery_code_used" in kinds() and "totp_enrolled" in kinds()


def test_a_totp_code_works_only_once(app):
    client = app.test_client()
    secret = join(client, "dee@example.org", "admin")
    post(client, "/console/sign-out", {}, page="/console/")
    with time_machine.travel(utcnow().timestamp() + 30, tick=True):
        code = pyotp.TOTP(secret).now()
        post(client, "/console/sign-in", {"email": "dee@example.org", "password": PASSWORD})
        assert post(client, "/console/sign-in/code", {"code": code}).status_code == 302
        post(client, "/console/sign-out", {}, page="/console/")
        post(client, "/console/sign-in", {"email": "dee@example.org", "password": PASSWORD})
        assert post(client, "/console/sign-in/code", {"code": code}).status_code == 401


def test_ten_bad_passwords_lock_the_account_even_against_the_right_one(app):
    client = app.test_client()
    secret = join(client, "eve@example.org", "coordinator")
    attacker = app.test_client()
    for _ in range(10):
        answer = post(attacker, "/console/sign-in",
                      {"email": "eve@example.org", "password": "wrong password!"})
        assert "do not match" in answer.text
    answer = sign_in(app.test_client(), "eve@example.org", secret)
    assert answer.status_code == 401 and "Too many failed attempts" in answer.text
    assert kinds().count("sign_in_failed") == 10 and "sign_in_locked" in kinds()
    redis = app.extensions["hotline.redis"]
    eve = account("eve@example.org").id
    assert 0 < redis.ttl(f"console:fail:account:{eve}") <= LOCK_SECONDS  # it lifts by itself
    redis.delete(f"console:fail:account:{eve}", "console:fail:ip:127.0.0.1")
    assert sign_in(app.test_client(), "eve@example.org", secret).status_code == 302


def test_ten_failures_from_one_address_lock_that_address(app):
    client = app.test_client()
    join(client, "fay@example.org", "responder")
    for n in range(10):
        post(client, "/console/sign-in", {"email": f"x{n}@example.org", "password": "nope"})
    answer = sign_in(client, "fay@example.org", None)
    assert "Too many failed attempts" in answer.text
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "10.0.0.9"
    assert sign_in(other, "fay@example.org", None).status_code == 302


def test_sessions_are_listed_and_one_revoked_elsewhere_stops_working(app):
    phone, laptop = app.test_client(), app.test_client()
    join(phone, "gus@example.org", "responder")
    sign_in(laptop, "gus@example.org", None)
    page = phone.get("/console/sessions", headers=HTML)
    keys = re.findall(r"/console/sessions/([0-9a-f]{64})/end", page.text)
    assert len(keys) == 2
    stolen = laptop.get_cookie("console_session", path="/console").value
    for key in keys:
        if "this one" not in page.text.split(key)[0].rsplit("<li", 1)[-1]:
            post(phone, f"/console/sessions/{key}/end", {}, page="/console/sessions")
    thief = app.test_client()
    thief.set_cookie("console_session", stolen, path="/console")
    assert thief.get("/console/", headers=HTML).status_code == 302
    assert phone.get("/console/", headers=HTML).status_code == 200


def test_a_cookie_stops_working_after_sign_out(app):
    client = app.test_client()
    join(client, "hal@example.org", "responder")
    cookie = client.get_cookie("console_session", path="/console").value
    post(client, "/console/sign-out", {}, page="/console/")
    thief = app.test_client()
    thief.set_cookie("console_session", cookie, path="/console")
    assert thief.get("/console/", headers=HTML).status_code == 302


def test_a_session_ends_after_30_idle_minutes_and_after_12_hours(app):
    client = app.test_client()
    join(client, "ida@example.org", "responder")
    with time_machine.travel(time.time() + IDLE_SECONDS + 5):
        assert client.get("/console/", headers=HTML).status_code == 302
    client = app.test_client()
    sign_in(client, "ida@example.org", None)
    start = time.time()
    for step in range(1, 26):  # active every 29 minutes, for 12 hours and more
        with time_machine.travel(start + step * 29 * 60):
            answer = client.get("/console/", headers=HTML)
            expired = start + step * 29 * 60 - start >= ABSOLUTE_SECONDS
            assert answer.status_code == (302 if expired else 200), step


def test_a_role_change_by_an_admin_signs_the_account_out_everywhere(app):
    admin, ben = app.test_client(), app.test_client()
    join(admin, "root@example.org", "admin")
    admin.get("/console/recovery-codes", headers=HTML)
    join(ben, "ben@example.org", "responder")
    ben_id = account("ben@example.org").id
    answer = post(admin, f"/console/users/{ben_id}/role", {"role": "coordinator"},
                  page="/console/users")
    assert answer.status_code == 302
    assert ben.get("/console/", headers=HTML).status_code == 302
    assert account("ben@example.org").role == "coordinator"
    post(admin, f"/console/users/{ben_id}/deactivate", {}, page="/console/users")
    assert sign_in(app.test_client(), "ben@example.org", None).status_code == 401
    assert {"role_changed", "account_deactivated"} <= set(kinds())


def test_the_demo_keeps_sessions_and_lockout_in_its_own_process(demo):
    with demo.application.app_context():
        _demo_sign_in(demo)


def _demo_sign_in(demo):
    join(demo, "demo@example.org", "responder")
    assert demo.get("/console/", headers=HTML).status_code == 200
    for _ in range(10):
        post(demo, "/console/sign-in", {"email": "demo@example.org", "password": "no"})
    assert "Too many failed attempts" in sign_in(demo, "demo@example.org", None).text


def test_pages_read_in_spanish(app):
    client = app.test_client()
    page = client.get("/console/sign-in", headers={**HTML, "Accept-Language": "es"})
    assert 'lang="es"' in page.text and "Iniciar sesión" in page.text
    post(client, "/console/language", {"lang": "es", "back": "/console/sign-in"},
         page="/console/sign-in")
    assert "Contraseña" in client.get("/console/sign-in", headers=HTML).text


def test_both_catalogues_have_the_same_keys():
    from hotline.console.text import CATALOGUES, en, es, shifts_en, shifts_es

    assert set(en.TEXT) == set(es.TEXT) and set(shifts_en.TEXT) == set(shifts_es.TEXT)
    assert not set(en.TEXT) & set(shifts_en.TEXT)  # joined, neither hides the other's words
    assert set(CATALOGUES["en"]) == set(CATALOGUES["es"])
