"""Driving the running line as Twilio and the phones do: signed posts in, the fake Twilio
server's record of what the line sent, RQ workers counted.

Shared by scripts/acceptance, scripts/acceptance-calls and scripts/acceptance-checkins (each
one's `Line` builds on `Phones`) and scripts/bench; `stack` starts the processes these talk to.
"""

from __future__ import annotations

import itertools
import json
import secrets
import time
from collections.abc import Callable
from urllib.parse import urlencode

from scripts.harness.procs import request
from scripts.harness.report import Fail
from scripts.harness.services import Settings

WAIT = 15.0  # the longest any one expected text, call or update may take to arrive


def form_body(form: dict[str, str]) -> bytes:
    """A form-encoded body, in the order given."""
    return urlencode(form).encode()


class FakeTwilio:
    """The fake Twilio server's /_fake/ endpoints: what the line sent, and steering."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.port = int(url.rsplit(":", 1)[1])

    def _get(self, path: str) -> list[dict]:
        status, body = request(self.port, "GET", path)
        if status != 200:
            raise RuntimeError(f"fake Twilio {path}: HTTP {status}")
        return json.loads(body)

    def messages(self) -> list[dict]:
        """Every message the line sent, oldest first."""
        return self._get("/_fake/messages")

    def requests(self) -> list[dict]:
        """Every request the fake server got, oldest first."""
        return self._get("/_fake/requests")

    def calls(self) -> list[dict]:
        """Every call the line placed (Calls.json POSTs accepted), oldest first."""
        return self._get("/_fake/calls")

    def call_updates(self) -> list[dict]:
        """Every update of a placed call (redirect `url`, hang up `status`), oldest first."""
        return self._get("/_fake/call_updates")

    def redactions(self) -> list[str]:
        """Sids of messages whose body the line blanked (POST Messages/{sid}.json Body="")."""
        return self._get("/_fake/redactions")

    def receive(self, sid: str, from_: str, to: str, body: str) -> None:
        """Tell Twilio of a text someone sent the line: Twilio keeps it in its Messages list
        before it calls any webhook, whatever the webhooks answer."""
        form = form_body({"sid": sid, "from": from_, "to": to, "body": body})
        status, _ = request(self.port, "POST", "/_fake/inbound", form,
                            {"Content-Type": "application/x-www-form-urlencoded"})
        if status != 200:
            raise RuntimeError(f"fake Twilio inbound: HTTP {status}")

    def opt_out(self, number: str) -> None:
        """Make Messages to `number` fail with 21610, as Twilio does after a STOP."""
        body = form_body({"number": number})
        status, _ = request(self.port, "POST", "/_fake/opt_out", body,
                            {"Content-Type": "application/x-www-form-urlencoded"})
        if status != 200:
            raise RuntimeError(f"fake Twilio opt_out: HTTP {status}")


def wait_for_workers(redis_url: str, count: int, timeout: float = 60) -> None:
    """Wait until `count` RQ workers listen on the hotline queue."""
    from redis import Redis
    from rq import Queue, Worker

    connection = Redis.from_url(redis_url)
    try:
        deadline = time.monotonic() + timeout
        while Worker.count(queue=Queue("hotline", connection=connection)) < count:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{count} RQ workers did not start in {timeout:.0f}s")
            time.sleep(0.2)
    finally:
        connection.close()


def signed_post(settings: Settings, path: str, form: dict[str, str], *,
                signature: str | None = None, sign: bool = True, port: int | None = None,
                timeout: float = 20) -> tuple[int, str]:
    """POST a form to the web process as Twilio does: `path` (or an absolute URL under
    PUBLIC_URL) signed with the auth token unless a `signature` is given or `sign` is False."""
    path = path.removeprefix(settings.public_url)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if signature is None and sign:
        from twilio.request_validator import RequestValidator

        signature = RequestValidator(settings.auth_token).compute_signature(
            settings.public_url + path, form)
    if signature is not None:
        headers["X-Twilio-Signature"] = signature
    status, body = request(port or settings.web_port, "POST", path, form_body(form), headers,
                           timeout=timeout)
    return status, body.decode("utf-8", "replace")


class Phones:
    """The running line as Twilio and the phones around it see it: each script's `Line`."""

    PREFIX = "+1628555"  # the people's numbers: this and four digits
    TIMED_OUT = "no {what} within {timeout:.0f}s"  # the Fail of a wait that runs out

    def __init__(self, settings: Settings, fake: FakeTwilio) -> None:
        self.settings = settings
        self.fake = fake
        self.number = settings.number
        self.port = settings.web_port
        self._run = secrets.token_hex(4)
        self._sids = itertools.count(1)
        self._people = itertools.count(1)
        self.people: list[str] = []

    def person(self) -> str:
        """A phone number that never texted or called the line before."""
        number = f"{self.PREFIX}{next(self._people):04d}"
        self.people.append(number)
        return number

    def sid(self, prefix: str = "SM") -> str:
        """A new Twilio sid, unique to this run."""
        return f"{prefix}{self._run}{next(self._sids):024x}"

    def post(self, path: str, form: dict[str, str], **options) -> tuple[int, str]:
        """POST a form as Twilio does, signed unless told otherwise (see `signed_post`)."""
        return signed_post(self.settings, path, form, **options)

    def sms_form(self, sender: str, body: str, sid: str | None = None) -> dict[str, str]:
        """An inbound text's webhook form, as Twilio sends it."""
        sid = sid or self.sid()
        return {"ToCountry": "US", "SmsMessageSid": sid, "NumMedia": "0", "SmsSid": sid,
                "SmsStatus": "received", "Body": body, "To": self.number, "NumSegments": "1",
                "MessageSid": sid, "AccountSid": self.settings.account_sid, "From": sender,
                "ApiVersion": "2010-04-01"}

    def sent(self, since: int = 0) -> list[dict]:
        """Every text the line sent (as the fake Twilio accepted them), from index `since`."""
        return self.fake.messages()[since:]

    def mark(self) -> int:
        """How many texts the line sent so far: a `since` for later reads."""
        return len(self.fake.messages())

    def inbox(self, phone: str, since: int = 0) -> list[str]:
        """The bodies of the texts to `phone` since `since`."""
        return [m["body"] for m in self.sent(since) if m["to"] == phone]

    def posts_to(self, phone: str) -> int:
        """Messages.json POSTs to `phone`, accepted or refused."""
        return sum(1 for r in self.fake.requests()
                   if r["method"] == "POST" and r["path"].endswith("/Messages.json")
                   and r["form"].get("To") == phone)

    def wait(self, what: str, found: Callable[[], object], timeout: float = WAIT,
             every: float = 0.1) -> object:
        """Poll until `found()` is truthy and return it; Fail after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            result = found()
            if result:
                return result
            if time.monotonic() > deadline:
                raise Fail(self.TIMED_OUT.format(what=what, timeout=timeout))
            time.sleep(every)

    def wait_inbox(self, phone: str, since: int, what: str,
                   matches: Callable[[str], bool] = lambda _: True,
                   timeout: float = WAIT) -> str:
        """The first text to `phone` since `since` that `matches`, waiting for it."""
        return self.wait(what, lambda: next((b for b in self.inbox(phone, since)
                                             if matches(b)), None), timeout)

    def database(self, query: str, *args) -> list[tuple]:
        """Rows of one query on the run's database."""
        import psycopg

        with psycopg.connect(self.settings.values["DATABASE_URL"], connect_timeout=5) as db:
            return db.execute(query, args).fetchall()
