"""The console's blueprint: pages under /console/, its own templates and static files."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("console", __name__, template_folder="templates", static_folder="static",
               static_url_path="/console/static")
