"""Server-side sessions: the cookie holds only a random id; what it stands for lives in the
console store (Redis, or the demo's process), so sessions can be listed and revoked.

A session ends after 30 minutes without a request and 12 hours after it began, whichever
comes first. The cookie is HttpOnly and SameSite=Strict, and Secure in production. The store
keys sessions by a hash of the id, so a copy of Redis holds no usable cookie. Signing in
gives a new id (no session fixation).
"""

from __future__ import annotations

import hashlib
import secrets
import time

from flask.sessions import SessionInterface, SessionMixin
from werkzeug.datastructures import CallbackDict

from hotline.console.store import store

COOKIE = "console_session"
IDLE_SECONDS = 30 * 60
ABSOLUTE_SECONDS = 12 * 60 * 60


def _key(sid: str) -> str:
    return "session:" + hashlib.sha256(sid.encode()).hexdigest()


def _index(account_id: int) -> str:
    return f"account-sessions:{account_id}"


class ServerSession(CallbackDict, SessionMixin):
    """A session's values, kept in the store under the hash of its id."""

    def __init__(self, initial=None, sid: str | None = None) -> None:
        def changed(_self) -> None:
            _self.modified = True

        super().__init__(initial, changed)
        self.sid = sid
        self.modified = False
        self.renew = False  # give it a new id when saved (after signing in)


class ServerSessionInterface(SessionInterface):
    """Flask's session, held server-side, with idle and absolute time limits."""

    def open_session(self, app, request) -> ServerSession:
        sid = request.cookies.get(COOKIE)
        if sid:
            data = store().get(_key(sid))
            now = time.time()
            if data and now - data["_seen"] < IDLE_SECONDS and \
                    now - data["_born"] < ABSOLUTE_SECONDS:
                return ServerSession(data, sid)
            if data:
                forget(_key(sid), data.get("account_id"))
        return ServerSession()

    def save_session(self, app, session: ServerSession, response) -> None:
        secure = app.config["HOTLINE_ENV"] == "production"
        if not session:
            if session.sid:
                forget(_key(session.sid), None)
                response.delete_cookie(COOKIE, path="/console", secure=secure,
                                       httponly=True, samesite="Strict")
            return
        if session.sid is None or session.renew:
            if session.sid:
                forget(_key(session.sid), session.get("account_id"))
            session.sid = secrets.token_urlsafe(32)
        now = time.time()
        session.setdefault("_born", now)
        session["_seen"] = now
        ttl = int(min(IDLE_SECONDS, ABSOLUTE_SECONDS - (now - session["_born"]))) + 1
        key = _key(session.sid)
        store().put(key, dict(session), ttl)
        if session.get("account_id"):
            store().add(_index(session["account_id"]), key, ABSOLUTE_SECONDS)
        response.set_cookie(COOKIE, session.sid, max_age=ABSOLUTE_SECONDS, path="/console",
                            secure=secure, httponly=True, samesite="Strict")


def forget(key: str, account_id: int | None) -> None:
    """End one session, by its store key."""
    store().delete(key)
    if account_id:
        store().remove(_index(account_id), key)


def key_of(session: ServerSession) -> str | None:
    """The store key of a session (what the sessions page names it by)."""
    return _key(session.sid) if session.sid else None


def of_account(account_id: int) -> list[dict]:
    """The account's live sessions, newest first: key, begun, last seen, address, browser."""
    found = []
    for key in store().members(_index(account_id)):
        data = store().get(key)
        if not data or data.get("account_id") != account_id:
            store().remove(_index(account_id), key)
            continue
        found.append({"key": key, "born": data["_born"], "seen": data["_seen"],
                      "ip": data.get("ip", ""), "agent": data.get("agent", "")})
    return sorted(found, key=lambda s: s["seen"], reverse=True)


def revoke(account_id: int, key: str) -> bool:
    """End one of the account's sessions; False if it has no such session."""
    if key not in store().members(_index(account_id)):
        return False
    forget(key, account_id)
    return True


def revoke_all(account_id: int) -> int:
    """End every session of an account (signed out everywhere); how many."""
    keys = store().members(_index(account_id))
    for key in keys:
        forget(key, account_id)
    return len(keys)
