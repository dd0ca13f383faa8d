"""Driving the console as a browser would: invitations made by the CLI's own service, forms
posted with the CSRF token the page gave, TOTP codes computed from the enrolment page."""

from __future__ import annotations

import re

import pyotp
import time_machine

from hotline.cases import rosters
from hotline.console import accounts
from hotline.infra.db import transaction
from hotline.infra.models import utcnow

HTML = {"Accept": "text/html"}
PASSWORD = "correct horse battery staple"
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def invite(email: str, role: str, number: str | None = None,
           responder_id: int | None = None) -> str:
    """A fresh invitation token, as `hotline users invite` makes it (for the line of
    `number`, default HOTLINE_NUMBER's)."""
    with transaction() as session:
        line_id = None if role == "admin" else rosters.line_for(session, number).id
        _, token = accounts.invite(session, email, role, line_id, responder_id)
    return token


def csrf(client, path: str) -> str:
    page = client.get(path, headers=HTML)
    return TOKEN.search(page.text).group(1)


def post(client, path: str, form: dict, page: str | None = None):
    """POST a form with the token of `page` (default: the same path)."""
    return client.post(path, data={"csrf_token": csrf(client, page or path), **form},
                       headers=HTML)


def next_code(secret: str) -> str:
    """The TOTP code of the next 30-second step (each code works once)."""
    return pyotp.TOTP(secret).at(utcnow().timestamp() + 30)


def join(client, email: str, role: str, number: str | None = None,
         responder_id: int | None = None) -> str | None:
    """Accept an invitation and, for admins and coordinators, enrol TOTP; the TOTP secret."""
    token = invite(email, role, number, responder_id)
    answer = post(client, f"/console/invite/{token}", {"password": PASSWORD,
                                                       "again": PASSWORD})
    assert answer.status_code == 302, answer.text
    if role == "responder":
        return None
    page = client.get("/console/enrol", headers=HTML)
    secret = re.search(r'<code id="secret">([^<]+)</code>', page.text).group(1).replace(" ", "")
    answer = post(client, "/console/enrol", {"code": pyotp.TOTP(secret).now()})
    assert answer.location.endswith("/console/recovery-codes"), answer.text
    return secret


def sign_in(client, email: str, secret: str | None, password: str = PASSWORD):
    """Password, then (with a secret) a TOTP code from the next time step."""
    answer = post(client, "/console/sign-in", {"email": email, "password": password})
    if secret is None or answer.status_code != 302:
        return answer
    with time_machine.travel(utcnow().timestamp() + 30, tick=True):
        return post(client, "/console/sign-in/code", {"code": pyotp.TOTP(secret).now()})
