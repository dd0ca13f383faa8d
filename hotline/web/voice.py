"""Twilio's voice webhooks: every path of `hotline.voice.routes`, behind the signature check."""

from __future__ import annotations

from flask import Blueprint, request

from hotline.infra.signature import twilio_signed
from hotline.voice import routes
from hotline.web.twiml import twiml

bp = Blueprint("voice", __name__)


def _view(path: str):
    def view():
        try:
            response = routes.answer(path, request.args, request.form,
                                     request.host_url.rstrip("/"))
        except routes.BadRequest as error:
            return {"error": str(error)}, 400
        return twiml(response)

    view.__name__ = path.strip("/").replace("/", "_").replace("-", "_")
    view.__doc__ = f"Twilio's request to {path}."
    return twilio_signed(view)


for _path in routes.ROUTES:
    bp.add_url_rule(_path, view_func=_view(_path), methods=["POST"])
