"""Who may see what: one decorator, `allow`, on every console route (or `public` on the few
that must answer before sign-in), the security headers, and CSRF on every unsafe request.

A request without a signed-in session gets a redirect to the sign-in page when it asks for
HTML, and 401 otherwise; a signed-in account below the route's role gets 403.
"""

from __future__ import annotations

from functools import wraps

from flask import (
    abort,
    current_app,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_wtf.csrf import CSRFProtect
from sqlmodel import select

from hotline.console.accounts import rank
from hotline.console.text import t
from hotline.infra import db
from hotline.infra.accounts import Account
from hotline.infra.models import Line

FULL, TOTP, ENROL = "full", "totp", "enrol"  # a session's stage of signing in
csrf = CSRFProtect()
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


def signed_in(stage: str = FULL) -> Account | None:
    """The session's account, if active and at this stage of signing in."""
    account_id = session.get("account_id")
    if not account_id or session.get("stage") != stage:
        return None
    with db.transaction() as tx:
        account = tx.get(Account, account_id)
    return account if account is not None and account.active else None


def wants_html() -> bool:
    return "text/html" in request.headers.get("Accept", "")


def allow(role: str = "responder", stage: str = FULL):
    """Answer only an account signed in (to `stage`) whose role is `role` or above."""

    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            account = signed_in(stage)
            if account is None:
                if wants_html():
                    return redirect(url_for("console.sign_in"))
                return jsonify(error="sign in first"), 401
            if rank(account.role) < rank(role):
                abort(403)
            g.account = account
            return view(*args, **kwargs)

        guarded.console_access = (role, stage)
        return guarded

    return decorate


def public(view):
    """A route that answers before sign-in (the sign-in pages themselves)."""
    view.console_access = ("public", None)
    return view


def can_see_line(account: Account, line_id: int | None) -> bool:
    """Admins see every line; anyone else only the line of their account."""
    return account.role == "admin" or (line_id is not None and account.line_id == line_id)


def visible_line(line_id: int) -> Line:
    """The line a page is about, if the signed-in account may see it: else 403 (404 when
    there is no such line)."""
    if not can_see_line(g.account, line_id):
        abort(403)
    with db.transaction() as tx:
        line = tx.get(Line, line_id)
    if line is None:
        abort(404)
    return line


def line_ids(account: Account) -> list[int] | None:
    """The ids of the lines an account may see; None for every line (an admin)."""
    if account.role == "admin":
        return None
    return [account.line_id] if account.line_id is not None else []


def visible_lines(account: Account) -> list[Line]:
    """The lines an account may see, by name."""
    with db.transaction() as tx:
        return sorted((line for line in tx.exec(select(Line))
                       if can_see_line(account, line.id)),
                      key=lambda line: (line.name or line.number).lower())


def client_address() -> str:
    """The address a request came from (behind PROXY_HOPS proxies, the one they saw)."""
    return request.remote_addr or "unknown"


def register_guard(bp) -> None:
    """Every console request: a route must carry a decision; unsafe ones need a CSRF token."""

    @bp.before_request
    def _checked():
        # Nothing carried over from another request sharing this app context (tests do).
        g.pop("csrf_token", None)
        g.pop("account", None)
        view = current_app.view_functions.get(request.endpoint)
        if request.endpoint != "console.static" and \
                getattr(view, "console_access", None) is None:
            abort(403)  # a route someone forgot to guard answers nobody
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            csrf.protect()

    def _refused(error):
        code = getattr(error, "code", 400) or 400
        if not wants_html():
            return jsonify(error=getattr(error, "description", "refused")), code
        return render_template("message.html", title=t(f"error_{code}")), code

    for code in (400, 403, 404, 409):
        bp.register_error_handler(code, _refused)

    @bp.after_request
    def _headers(response):
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if request.endpoint != "console.static":
            response.headers["Cache-Control"] = "no-store"
        if current_app.config["HOTLINE_ENV"] == "production":
            response.headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
        return response
