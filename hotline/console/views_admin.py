"""Accounts (admins): roles and deactivation, each ending the account's sessions; and the
audit log, filtered by actor, kind and date (coordinators and admins)."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from sqlmodel import select

from hotline.console import sessions
from hotline.console.blueprint import bp
from hotline.console.forms import ActionForm, AuditFilterForm, RoleForm
from hotline.console.guard import allow, client_address, line_ids
from hotline.console.text import t
from hotline.infra import audit, db
from hotline.infra.accounts import ROLES, Account
from hotline.infra.models import Line


@bp.get("/console/users")
@allow("admin")
def users():
    with db.transaction() as tx:
        found = tx.exec(select(Account).order_by(Account.email)).all()
        numbers = {line.id: line.number for line in tx.exec(select(Line))}
    return render_template("users.html", accounts=found, numbers=numbers, form=ActionForm(),
                           roles=ROLES)


def _other(tx, account_id: int) -> Account:
    account = tx.get(Account, account_id)
    if account is None:
        abort(404)
    if account.id == g.account.id:
        abort(409)  # an admin does not demote or lock out themself
    return account


@bp.post("/console/users/<int:account_id>/role")
@allow("admin")
def change_role(account_id: int):
    form = RoleForm()
    if not form.validate_on_submit():
        abort(400)
    with db.transaction() as tx:
        account = _other(tx, account_id)
        before = account.role
        account.role = form.role.data
        audit.record(tx, g.account.email, "role_changed", subject=account.email,
                     ip=client_address(), before=before, after=account.role)
    sessions.revoke_all(account_id)
    flash(t("role_changed_done", email=account.email))
    return redirect(url_for("console.users"))


@bp.post("/console/users/<int:account_id>/deactivate")
@allow("admin")
def deactivate(account_id: int):
    with db.transaction() as tx:
        account = _other(tx, account_id)
        account.active = False
        audit.record(tx, g.account.email, "account_deactivated", subject=account.email,
                     ip=client_address())
    sessions.revoke_all(account_id)
    flash(t("deactivated_done", email=account.email))
    return redirect(url_for("console.users"))


@bp.get("/console/audit")
@allow("coordinator")
def audit_log():
    form = AuditFilterForm(request.args)
    entries = []
    if form.validate():
        with db.transaction() as tx:
            entries = audit.search(tx, form.actor.data or "", form.kind.data or "",
                                   form.day_from.data, form.day_to.data,
                                   lines=line_ids(g.account))
    return render_template("audit.html", form=form, entries=entries)
