"""Every console view, imported so their routes join the blueprint, which is then guarded."""

from hotline.console import (  # noqa: F401
    views_admin,
    views_auth,
    views_invite,
    views_now,
    views_own,
    views_reports,
    views_schedule,
    views_shifts,
)
from hotline.console.blueprint import bp
from hotline.console.guard import register_guard

register_guard(bp)
