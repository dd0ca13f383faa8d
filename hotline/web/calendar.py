"""Calendar feeds: GET /calendar/<token>.ics, a responder's or a line's shifts as iCalendar.

The token in the URL is the only key: an unknown or revoked one gets 404, like a page that
does not exist, and nothing is told about which.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort

from hotline.infra import db
from hotline.shifts import feeds

bp = Blueprint("calendar", __name__)


@bp.get("/calendar/<token>.ics")
def feed(token: str):
    """The calendar this token opens."""
    with db.transaction() as session:
        body = feeds.render(session, token)
    if body is None:
        abort(404)
    return Response(body, mimetype="text/calendar",
                    headers={"Cache-Control": "private, max-age=300",
                             "Referrer-Policy": "no-referrer"})
