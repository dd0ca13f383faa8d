"""Driving the running line as Twilio and the phones do: signed posts in, the fake Twilio
server's record of what the line sent, RQ workers counted, the sample roster written.

Shared by scripts/acceptance, scripts/acceptance-calls and scripts/acceptance-checkins;
`procs` starts and stops the processes these talk to.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import urlencode

from procs import Settings, request


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


def write_sample_roster(path: Path) -> dict:
    """The test suite's sample roster (tests/hotline/line.py), everyone on call now, as YAML."""
    import yaml

    from tests.hotline.line import roster

    doc = roster()
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return doc
