"""The dotted paths jobs had before the tasks moved to `hotline.worker.tasks`.

RQ stores a job by its function's dotted path, so work queued by the previous release (a
check-in scheduled a day ahead) still runs after a deploy. Remove after the next release.
"""

from hotline.worker.tasks import (  # noqa: F401
    drain_intake,
    end_call,
    expire_offer,
    forget_person,
    place_call,
    process_inbound,
    purge_old_messages,
    redact_at_twilio,
    redirect_call,
    send_checkin,
    send_message,
)
