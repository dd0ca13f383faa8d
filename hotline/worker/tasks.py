"""The task registry: one module-level function for each `Task` name, each taking ids and
plain values and safe to run twice. The queue stores a task as this module's dotted path, so
this is the only module that imports the services behind the names.

A task runs inside the current app when there is one (tests, the embedded queue), else inside
an app built from the environment once per worker process (`rq worker` or `hotline worker`).
"""

from __future__ import annotations

import functools

from flask import Flask, has_app_context

from hotline.app import create_app
from hotline.cases.work import unit_of_work
from hotline.checkins import sending
from hotline.dispatch import offers
from hotline.infra import handoff, queue
from hotline.infra.models import utcnow
from hotline.infra.queue import Task
from hotline.privacy import forget, retention
from hotline.shifts import cover, gaps, reminders
from hotline.sms import delivery, intake, parked, unclear, waiting
from hotline.voice import placing

_worker_app: Flask | None = None


def worker_app() -> Flask:
    """The app a worker process runs tasks in, built once from the environment."""
    global _worker_app
    if _worker_app is None:
        _worker_app = create_app()
    return _worker_app


def in_app(func):
    """Run the task inside an app context."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if has_app_context():
            return func(*args, **kwargs)
        with worker_app().app_context():
            return func(*args, **kwargs)

    return wrapper


@in_app
def process_inbound(message_id: int) -> None:
    """Act on an inbound text (and any earlier ones from the same phone)."""
    intake.process(message_id)


@in_app
def drain_intake() -> None:
    """Move every handed-in text onto the queue (where no `hotline worker` forwards them)."""
    handoff.forward_intake()


STORE_PARKED_AGAIN = 60  # seconds between tries while the database stays away


@in_app
def store_parked() -> int:
    """Store the texts the fallback parked (any worker, `rq worker` too, runs this). While
    the database stays away it schedules itself again, one job, so texts never wait on a
    sweep that plain `rq worker` does not run."""
    try:
        return parked.store_parked()
    except Exception as error:
        queue.try_enqueue(Task.STORE_PARKED, delay=STORE_PARKED_AGAIN,
                          job_id="hotline-store-parked-again")
        raise RuntimeError(f"parked texts wait: {type(error).__name__}") from None


@in_app
def send_message(message_id: int) -> None:
    """Send one outbound text; a passing failure raises so the queue retries it."""
    delivery.deliver(message_id)


@in_app
def send_urgent(message_id: int) -> None:
    """Send a text someone is waiting for (an offer, a relay, a person's answer)."""
    delivery.deliver(message_id)


@in_app
def send_bulk(message_id: int) -> None:
    """Send a text nobody is waiting for (a check-in)."""
    delivery.deliver(message_id)


@in_app
def expire_offer(offer_id: int) -> None:
    """An offer's timeout: move its case on unless it was answered already."""
    with unit_of_work() as uow:
        offers.expire(uow, offer_id)


@in_app
def menu_timeout(case_id: int) -> None:
    """A menu left unanswered: the case goes to whoever is on call for any need."""
    unclear.menu_timeout(case_id)


@in_app
def still_waiting(case_id: int) -> None:
    """A person still waiting for a responder hears that the line is still looking."""
    waiting.notice(case_id)


@in_app
def place_call(call_id: int) -> None:
    """Dial an outbound call leg."""
    placing.place(call_id)


@in_app
def end_call(call_id: int) -> None:
    """Hang up a call leg."""
    placing.hang_up(call_id)


@in_app
def redirect_call(call_id: int, path: str) -> None:
    """Point a live call leg at new TwiML."""
    placing.redirect(call_id, path)


@in_app
def send_checkin(checkin_id: int) -> None:
    """Send a due check-in, if it is still wanted and inside its window."""
    sending.send(checkin_id)


@in_app
def forget_person(person_id: int, tries: int = 0) -> None:
    """Erase a person who texted FORGET ME, once the confirmation has gone out."""
    if not forget.erase(person_id) and tries < 30:
        queue.try_enqueue(Task.FORGET_PERSON, person_id, tries + 1, delay=forget.WAIT_FOR_SENDS)


@in_app
def purge_old_messages() -> int:
    """The daily retention run: bodies older than the roster's retention_days are blanked."""
    return retention.purge()


@in_app
def redact_at_twilio(sids: list[str]) -> None:
    """Blank purged messages' bodies at Twilio."""
    retention.redact(sids)


@in_app
def delete_at_twilio(recordings: list[str], media_of: list[str]) -> None:
    """Delete voicemail recordings, and the pictures of these messages, at Twilio."""
    retention.delete_at_twilio(recordings, media_of)


@in_app
def plan_shifts() -> int:
    """Make a reminder row, with its timers, for every turn on call due a reminder soon."""
    with unit_of_work() as uow:
        cover.release_codes(uow.session, utcnow())
    return reminders.plan()


@in_app
def send_shift_reminder(reminder_id: int) -> None:
    """Text a responder the reminder of their next turn on call."""
    reminders.send(reminder_id)


@in_app
def shift_unconfirmed(reminder_id: int) -> None:
    """Tell the coordinators of a turn still unconfirmed a few hours before it starts."""
    reminders.unconfirmed(reminder_id)


@in_app
def cover_unanswered(request_id: int) -> None:
    """Tell the coordinators of a cover request nobody took."""
    cover.unanswered(request_id)


@in_app
def watch_gaps() -> int:
    """The daily gap watch: one summary text per line with hours nobody is on call."""
    return gaps.watch()


REGISTRY = {task: globals()[task.value] for task in Task}  # every name has its function
