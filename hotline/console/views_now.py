"""The Now page of a line, its JSON (polled by now.js), and a coordinator's two actions on a
case: make it urgent, or offer it again. Both are recorded in the audit log."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, url_for
from flask_wtf.csrf import generate_csrf

from hotline.cases.lifecycle import locked_case
from hotline.cases.work import unit_of_work
from hotline.console import now
from hotline.console.blueprint import bp
from hotline.console.forms import ActionForm
from hotline.console.guard import allow, can_see_line, client_address, visible_line
from hotline.console.text import t
from hotline.dispatch.again import offer_again
from hotline.dispatch.danger import make_urgent
from hotline.infra import audit, db
from hotline.infra.models import Case

COORDINATOR_URGENT = "a coordinator marked it urgent"


@bp.get("/console/lines/<int:line_id>/now")
@allow("coordinator")
def now_page(line_id: int):
    line = visible_line(line_id)
    with db.transaction() as tx:
        board = now.board(tx, line)
    return render_template("now.html", line=line, board=board, form=ActionForm(),
                           labels=_labels())


@bp.get("/console/lines/<int:line_id>/now.json")
@allow("coordinator")
def now_json(line_id: int):
    line = visible_line(line_id)
    with db.transaction() as tx:
        board = now.board(tx, line)
    return {**board, "csrf": generate_csrf(), "labels": _labels()}


def _labels() -> dict:
    return {key: t(key) for key in ("make_urgent", "offer_again", "no_cases", "nobody",
                                    "next_handoff", "case_code")}


def _act(case_id: int, kind: str, action) -> object:
    with unit_of_work() as uow:
        case = uow.session.get(Case, case_id)
        if case is None or not can_see_line(g.account, case.line_id):
            abort(404)
        case = locked_case(uow.session, case_id)
        done = action(uow, case)
        if done:
            audit.record(uow.session, g.account.email, kind, subject=f"case {case.code}",
                         ip=client_address(), line=case.line_id)
        line_id, code = case.line_id, case.code
    flash(t(f"{kind}_done" if done else f"{kind}_not_done", code=code))
    return redirect(url_for("console.now_page", line_id=line_id))


@bp.post("/console/cases/<int:case_id>/urgent")
@allow("coordinator")
def case_urgent(case_id: int):
    def urgent(uow, case) -> bool:
        if case.status == "closed" or case.urgent:
            return False
        make_urgent(uow, case, why=COORDINATOR_URGENT)
        return True

    return _act(case_id, "case_made_urgent", urgent)


@bp.post("/console/cases/<int:case_id>/offer-again")
@allow("coordinator")
def case_offer_again(case_id: int):
    return _act(case_id, "case_offered_again", offer_again)
