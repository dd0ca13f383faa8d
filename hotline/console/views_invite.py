"""Inviting from the console: an admin invites anyone to any line; a coordinator invites
coordinators and responders to their own line. The one-time link is shown once, to pass on
privately, and the invitation is audited. A responder's account may be linked to their
roster entry, chosen by name (their phone is never shown)."""

from __future__ import annotations

from flask import abort, current_app, g, render_template, request
from flask_wtf import FlaskForm
from sqlmodel import select
from wtforms import EmailField, SelectField
from wtforms.validators import DataRequired, Length

from hotline.cases import rosters
from hotline.console import accounts
from hotline.console.blueprint import bp
from hotline.console.guard import allow, can_see_line, client_address, visible_lines
from hotline.console.text import t
from hotline.infra import audit, db
from hotline.infra.accounts import ROLES, Account
from hotline.infra.models import Responder

EVERY_LINE = "0"


class InviteForm(FlaskForm):
    email = EmailField(validators=[DataRequired(), Length(max=254)])
    role = SelectField()
    line = SelectField()
    responder = SelectField(default="")

    def __init__(self, lines, responders, roles, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.email.label.text = t("email")
        self.role.label.text = t("role")
        self.role.choices = [(r, t(f"role_{r}")) for r in roles]
        self.line.label.text = t("line")
        self.line.choices = [(str(line.id), rosters.line_label(line)) for line in lines]
        if "admin" in roles:
            self.line.choices.append((EVERY_LINE, t("every_line_admins")))
        self.responder.label.text = t("roster_entry")
        self.responder.choices = [("", t("no_roster_entry"))] + [
            (str(r.id), f"{r.name} ({label})") for r, label in responders]


def _choices() -> tuple[list, list, tuple[str, ...]]:
    lines = visible_lines(g.account)
    labels = {line.id: rosters.line_label(line) for line in lines}
    with db.transaction() as tx:
        responders = [(r, labels[r.line_id]) for r in tx.exec(
            select(Responder).where(Responder.in_roster == True,  # noqa: E712
                                    Responder.line_id.in_(list(labels) or [-1]))
            .order_by(Responder.name))]
    roles = ROLES if g.account.role == "admin" else ("responder", "coordinator")
    return lines, responders, roles


def _problem(form: InviteForm, responders: list) -> str | None:
    """What is wrong with the form's choices, in the reader's language; None if nothing."""
    role, line = form.role.data, form.line.data
    if role == "admin" and line != EVERY_LINE:
        return t("invite_admin_every_line")
    if role != "admin" and (line == EVERY_LINE or not can_see_line(g.account, int(line))):
        return t("invite_pick_line")
    if form.responder.data:
        entry = next(r for r, _ in responders if str(r.id) == form.responder.data)
        if role != "responder" or str(entry.line_id) != line:
            return t("invite_entry_mismatch")
    return None


def _not_someone_elses(tx, email: str) -> None:
    """A coordinator may not re-invite (and so change) an account of another line or an
    admin's that is not yet set up."""
    found = tx.exec(select(Account).where(Account.email == email.strip().lower())).first()
    if found is not None and g.account.role != "admin" and (
            found.role == "admin" or not can_see_line(g.account, found.line_id)):
        raise accounts.AccountError("not yours to invite")


@bp.route("/console/invitations", methods=["GET", "POST"])
@allow("coordinator")
def invite_someone():
    lines, responders, roles = _choices()
    form = InviteForm(lines, responders, roles)
    link = error = None
    if request.method == "POST":
        if not form.validate():
            abort(400)
        error = _problem(form, responders)
        if error is None:
            line_id = None if form.line.data == EVERY_LINE else int(form.line.data)
            responder_id = int(form.responder.data) if form.responder.data else None
            with db.transaction() as tx:
                try:
                    _not_someone_elses(tx, form.email.data)
                    account, token = accounts.invite(tx, form.email.data, form.role.data,
                                                     line_id, responder_id)
                except accounts.AccountError:
                    error = t("invite_taken")
                else:
                    audit.record(tx, g.account.email, "invite_created", subject=account.email,
                                 ip=client_address(), role=account.role, line=line_id)
            if error is None:
                origin = current_app.config.get("PUBLIC_URL") or request.host_url
                link = f"{origin.rstrip('/')}/console/invite/{token}"
    return render_template("invite_someone.html", form=form, link=link, error=error,
                           email=form.email.data, hours=accounts.INVITE_HOURS), \
        (422 if error else 200)
