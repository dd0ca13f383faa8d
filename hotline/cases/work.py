"""The unit of work: how every service changes the world.

State and the texts and calls it causes are written as rows in one transaction; once it
commits, the work they need is enqueued by task name. If Redis is away at that moment the rows
wait (`queued`) and the worker's sweep enqueues them again, so a decided text is never lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session

from hotline.infra import db, queue
from hotline.infra.crypto import phone_hash
from hotline.infra.models import OutboundMessage, VoiceCall
from hotline.infra.queue import Later, Task

MAX_BODY = 1600  # Twilio's limit for one message
SEND_ATTEMPTS = 6  # a text's tries at Twilio before it counts as failed


def split_body(body: str) -> list[str]:
    """Pieces of at most Twilio's length, so a long text passes through whole."""
    if len(body) <= MAX_BODY:
        return [body]
    return [body[i : i + MAX_BODY] for i in range(0, len(body), MAX_BODY)]


@dataclass
class UnitOfWork:
    """One transaction's session plus the texts and timers to start once it commits."""

    session: Session
    message_ids: list[tuple[int, str, str]] = field(default_factory=list)  # id, purpose, to
    timers: list[tuple[float, Task, tuple]] = field(default_factory=list)

    def text(self, to_number: str, body: str, *, purpose: str, line_id: int,
             case_id: int | None = None, person_id: int | None = None,
             responder_id: int | None = None) -> None:
        """Queue a text to one phone, sent after the transaction commits."""
        for piece in split_body(body):
            message = OutboundMessage(
                line_id=line_id, case_id=case_id, person_id=person_id,
                responder_id=responder_id, to_number=to_number, to_hash=phone_hash(to_number),
                body=piece, purpose=purpose,
            )
            self.session.add(message)
            self.session.flush()
            self.message_ids.append((message.id, purpose, message.to_hash))

    def call(self, call: VoiceCall) -> None:
        """Place an outbound call leg after the transaction commits."""
        self.session.add(call)
        self.session.flush()
        self.timers.append((0, Task.PLACE_CALL, (call.id,)))

    def later(self, seconds: float, task: Task, *args) -> None:
        """Run a task after the transaction commits, `seconds` from now."""
        self.timers.append((seconds, task, args))

    def start_jobs(self) -> None:
        """Enqueue the sends and timers this unit decided (after commit), in one round trip:
        urgent sends on the urgent queue, in the order they were decided."""
        queue.enqueue_all(
            [Later(queue.send_task(purpose), (message_id,), 0, SEND_ATTEMPTS - 1, to_hash)
             for message_id, purpose, to_hash in self.message_ids]
            + [Later(task, args, seconds, 3) for seconds, task, args in self.timers])


class unit_of_work:  # noqa: N801  (used as a context manager, like `open`)
    """`with unit_of_work() as uow:` a transaction whose texts and timers start on commit."""

    def __enter__(self) -> UnitOfWork:
        self._transaction = db.transaction()
        self.uow = UnitOfWork(self._transaction.__enter__())
        return self.uow

    def __exit__(self, *exc_info) -> bool:
        self._transaction.__exit__(*exc_info)
        if exc_info[0] is None:
            self.uow.start_jobs()
        return False
