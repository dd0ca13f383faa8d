"""Signing in and out: password, then a TOTP or recovery code (admins and coordinators),
accepting an invitation, enrolling a phone by QR code, and one's own sessions."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, session, url_for
from sqlmodel import select

from hotline.console import accounts, sessions
from hotline.console.blueprint import bp
from hotline.console.forms import ActionForm, CodeForm, LanguageForm, PasswordForm, SignInForm
from hotline.console.guard import (
    ENROL,
    FULL,
    TOTP,
    allow,
    client_address,
    public,
    visible_lines,
)
from hotline.console.text import CATALOGUES, t
from hotline.infra import audit, db
from hotline.infra.accounts import Account

UNKNOWN = "unknown account"


def _begin(account: Account, stage: str) -> None:
    """A new session id for this account at this stage (the old id stops working)."""
    lang = session.get("lang")
    session.clear()
    g.pop("csrf_token", None)  # the cleared session's token
    session.update(account_id=account.id, stage=stage, ip=client_address(),
                   agent=request.user_agent.string[:120])
    if lang:
        session["lang"] = lang
    session.renew = True


def _next_page(stage: str):
    return redirect(url_for({FULL: "console.home", TOTP: "console.code",
                             ENROL: "console.enrol"}[stage]))


@bp.route("/console/sign-in", methods=["GET", "POST"])
@public
def sign_in():
    form, error = SignInForm(), None
    if form.validate_on_submit():
        address = client_address()
        with db.transaction() as tx:
            account = tx.exec(select(Account).where(
                Account.email == form.email.data.strip().lower())).one_or_none()
            actor = account.email if account else UNKNOWN
            if accounts.locked(account, address):
                audit.record(tx, actor, "sign_in_locked", ip=address)
                error = t("locked")
            elif not accounts.check_password(account, form.password.data):
                accounts.failed(account, address)
                audit.record(tx, actor, "sign_in_failed", ip=address, step="password")
                error = t("wrong_password")
            else:
                stage = TOTP if account.totp_secret else (
                    ENROL if accounts.needs_totp(account) else FULL)
                if stage == FULL:
                    accounts.succeeded(account)
                    audit.record(tx, account.email, "sign_in", ip=address)
        if error is None:
            _begin(account, stage)
            return _next_page(stage)
    return render_template("sign_in.html", form=form, error=error), 401 if error else 200


@bp.route("/console/sign-in/code", methods=["GET", "POST"])
@allow("responder", stage=TOTP)
def code():
    form, error = CodeForm(), None
    if form.validate_on_submit():
        address = client_address()
        with db.transaction() as tx:
            account = tx.get(Account, g.account.id)
            if accounts.locked(account, address):
                audit.record(tx, account.email, "sign_in_locked", ip=address)
                error = t("locked")
            elif (how := accounts.second_factor(tx, account, form.code.data)) is None:
                accounts.failed(account, address)
                audit.record(tx, account.email, "sign_in_failed", ip=address, step="code")
                error = t("wrong_code")
            else:
                accounts.succeeded(account)
                if how == "recovery":
                    audit.record(tx, account.email, "recovery_code_used", ip=address)
                audit.record(tx, account.email, "sign_in", ip=address)
        if error is None:
            _begin(g.account, FULL)
            return _next_page(FULL)
    return render_template("code.html", form=form, error=error), 401 if error else 200


@bp.route("/console/invite/<token>", methods=["GET", "POST"])
@public
def invite(token: str):
    with db.transaction() as tx:
        found = accounts.invitation(tx, token)
    if found is None:
        return render_template("message.html", title=t("invite_invalid")), 404
    form, error = PasswordForm(), None
    if form.validate_on_submit():
        if form.password.data != form.again.data:
            error = t("password_mismatch")
        elif len(form.password.data) < accounts.MIN_PASSWORD:
            error = t("password_short", n=accounts.MIN_PASSWORD)
        else:
            with db.transaction() as tx:
                account = accounts.accept(tx, token, form.password.data)
                audit.record(tx, account.email, "invite_accepted", ip=client_address(),
                             role=account.role)
                stage = ENROL if accounts.needs_totp(account) else FULL
                if stage == FULL:
                    audit.record(tx, account.email, "sign_in", ip=client_address())
            _begin(account, stage)
            return _next_page(stage)
    return render_template("invite.html", form=form, error=error, email=found[1].email,
                           min_length=accounts.MIN_PASSWORD)


@bp.route("/console/enrol", methods=["GET", "POST"])
@allow("responder", stage=ENROL)
def enrol():
    secret = session.setdefault("enrol_secret", accounts.new_totp_secret())
    form, error = CodeForm(), None
    if form.validate_on_submit():
        with db.transaction() as tx:
            account = tx.get(Account, g.account.id)
            if accounts.enrol(account, secret, form.code.data):
                codes = accounts.new_recovery_codes(tx, account)
                audit.record(tx, account.email, "totp_enrolled", ip=client_address())
                audit.record(tx, account.email, "sign_in", ip=client_address())
            else:
                error = t("wrong_code")
        if error is None:
            _begin(g.account, FULL)
            session["recovery_codes"] = codes
            return redirect(url_for("console.recovery_codes"))
    uri = accounts.totp_uri(secret, g.account.email)
    return render_template("enrol.html", form=form, error=error, qr=accounts.qr_svg(uri),
                           secret=" ".join(secret[i:i + 4] for i in range(0, len(secret), 4)))


@bp.get("/console/recovery-codes")
@allow("responder")
def recovery_codes():
    codes = session.pop("recovery_codes", None)
    if not codes:
        return redirect(url_for("console.home"))
    return render_template("recovery.html", codes=codes)


@bp.post("/console/sign-out")
@public
def sign_out():
    account_id = session.get("account_id")
    if account_id:
        with db.transaction() as tx:
            account = tx.get(Account, account_id)
            if account is not None:
                audit.record(tx, account.email, "sign_out", ip=client_address())
    session.clear()
    return redirect(url_for("console.sign_in"))


@bp.post("/console/language")
@public
def language():
    form = LanguageForm()
    if form.validate_on_submit() and form.lang.data in CATALOGUES:
        session["lang"] = form.lang.data
    back = request.form.get("back", "")
    return redirect(back if back.startswith("/console/") and "//" not in back
                    else url_for("console.sign_in"))


@bp.get("/console/")
@allow("responder")
def home():
    return render_template("home.html", lines=visible_lines(g.account))


@bp.get("/console/sessions")
@allow("responder")
def my_sessions():
    return render_template("sessions.html", form=ActionForm(),
                           sessions=sessions.of_account(g.account.id),
                           current=sessions.key_of(session))


@bp.post("/console/sessions/<key>/end")
@allow("responder")
def end_session(key: str):
    if not sessions.revoke(g.account.id, "session:" + key):
        abort(404)
    with db.transaction() as tx:
        audit.record(tx, g.account.email, "session_revoked", subject=g.account.email,
                     ip=client_address())
    flash(t("session_ended"))
    return redirect(url_for("console.my_sessions"))
