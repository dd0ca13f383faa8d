"""A small Twilio-compatible HTTP server, so the real SDK can be exercised without Twilio.

Tests and local runs point `TWILIO_API_URL` here. It speaks the slice of the 2010-04-01 API
the hotline uses (Messages, Calls), refuses the way Twilio does (401/20003, 21211, 21610),
can fail on demand for retry tests, and can send signed status callbacks. Paced (`pace`), it
sends each number's texts at a rate and drops one whose ValidityPeriod ends first (30001); a
MessagingServiceSid sends from a sticky pool (scripts/harness/twilio_queue.py). It also learns the
texts people send in (`receive`, or POST /_fake/inbound), since Twilio keeps those too and the
line must redact and delete them, and the calls people place (`call_in`), which the line can
redirect. Standard library only, apart from the SDK's RequestValidator for signing those
callbacks.

    python -m scripts.harness.twilio_server --port 8089 --account-sid AC... --auth-token ...
        [--callbacks]
"""

from __future__ import annotations

import argparse
import base64
import json
import re
import sys
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from scripts.harness import twilio_resources as res
from scripts.harness.twilio_queue import QUEUE_OVERFLOW, Outbox

API_PATH = re.compile(
    r"^/2010-04-01/Accounts/(?P<account>[^/]+)/(?P<kind>Messages|Calls)(?:/(?P<sid>[^/.]+))?\.json$"
)
DROP = 0  # fail_next(status=DROP) closes the connection without answering


class TwilioServer:
    """The fake Twilio API: start(), point the SDK at .url, inspect what arrived."""

    def __init__(
        self,
        account_sid: str = "AC" + "0" * 32,
        auth_token: str = "test-token",
        callbacks: bool = False,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        verbose: bool = False,
    ) -> None:
        self.account_sid, self.auth_token = account_sid, auth_token
        self.callbacks, self.verbose = callbacks, verbose
        self._address = (host, port)
        self._lock = threading.Condition()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.clear()

    # -- life cycle -------------------------------------------------------------------------

    def start(self) -> TwilioServer:
        """Listen on a port (a free one by default) in a daemon thread."""
        self._httpd = _HTTPServer(self._address, _Handler)
        self._httpd.twilio = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    @property
    def url(self) -> str:
        """The origin to use as TWILIO_API_URL, like http://127.0.0.1:8089."""
        assert self._httpd is not None, "start() the server first"
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def stop(self) -> None:
        """Stop listening; later requests get connection refused."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(timeout=5)
            self._httpd = None

    def __enter__(self) -> TwilioServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- test controls ----------------------------------------------------------------------

    def clear(self) -> None:
        """Forget everything recorded, the opt-out list and any pending failures."""
        with self._lock:
            self.messages: list[dict] = []
            self.inbound: list[dict] = []
            self.inbound_calls: list[dict] = []
            self.calls: list[dict] = []
            self.call_updates: list[dict] = []
            self.redactions: list[str] = []
            self.deletions: list[str] = []
            self.requests: list[dict] = []
            self.callbacks_sent: list[dict] = []
            self.opted_out: set[str] = set()
            self._failures: deque[tuple[str, float]] = deque()
            self.outbox = Outbox()

    def pace(self, rate: float | None, pool: int = 3) -> None:
        """Send each number's texts at `rate` segments a second (None: at once), a Messaging
        Service from `pool` numbers; a text whose ValidityPeriod ends first fails, 30001."""
        with self._lock:
            self.outbox = Outbox(rate, pool)

    def delivered(self, phone: str | None = None) -> list[dict]:
        """The texts delivered by now (to `phone`), oldest first: none dropped or still queued."""
        with self._lock:
            return [m for m in self.messages if Outbox.status(m) == "delivered"
                    and (phone is None or m["to"] == phone)]

    def dropped(self) -> list[dict]:
        """The texts Twilio dropped by now, with 30001, because their validity ran out."""
        with self._lock:
            return [m for m in self.messages if Outbox.status(m) == "failed"]

    def fail_next(self, n: int = 1, status: int = 503) -> None:
        """Make the next n Messages/Calls requests (not reads) fail with `status` (0: hang up)."""
        with self._lock:
            self._failures.extend([("fail", status)] * n)

    def stall_next(self, n: int = 1, seconds: float = 2.0) -> None:
        """Make the next n Messages/Calls requests answer only after `seconds` (for timeouts)."""
        with self._lock:
            self._failures.extend([("stall", seconds)] * n)

    def hold_next(self, n: int = 1, seconds: float = 2.0) -> None:
        """Make the next n Messages/Calls requests take effect at once but answer only after
        `seconds`: what a sender that dies, or times out, before the answer never learns."""
        with self._lock:
            self._failures.extend([("hold", seconds)] * n)

    def lose_next(self, n: int = 1) -> None:
        """Make the next n Messages/Calls requests take effect, then hang up unanswered (the
        answer lost on its way): the sender cannot tell whether Twilio took it."""
        with self._lock:
            self._failures.extend([("lose", 0.0)] * n)

    def receive(self, sid: str, from_: str, to: str, body: str) -> None:
        """Learn a text someone sent in: Twilio keeps it under its sid, as it does outbound."""
        with self._lock:
            self.inbound.append({
                "sid": sid, "account_sid": self.account_sid, "to": to, "from_": from_,
                "body": body, "status_callback": None, "media_urls": [],
                "num_segments": res.num_segments(body), "status": "received",
                "direction": "inbound", "date_created": res.rfc2822_now(),
                "date_sent": res.rfc2822_now(), "created": time.time(),
            })

    def call_in(self, sid: str, from_: str, to: str) -> None:
        """Learn a call someone placed to the line, so the line can redirect or end it."""
        with self._lock:
            if not any(c["sid"] == sid for c in self.inbound_calls):
                self.inbound_calls.append({
                    "sid": sid, "account_sid": self.account_sid, "to": to, "from_": from_,
                    "url": None, "twiml": None, "status_callback": None, "timeout": None,
                    "status": "in-progress", "date_created": res.rfc2822_now(),
                })

    def wait_for_messages(self, n: int, timeout: float = 5) -> list[dict]:
        """Block until at least n messages were accepted (or timeout); return them all."""
        with self._lock:
            self._lock.wait_for(lambda: len(self.messages) >= n, timeout)
            return list(self.messages)

    def wait_for_callbacks(self, n: int, timeout: float = 5) -> list[dict]:
        """Block until at least n status callbacks were delivered (or timeout)."""
        with self._lock:
            self._lock.wait_for(lambda: len(self.callbacks_sent) >= n, timeout)
            return list(self.callbacks_sent)

    # -- the API ----------------------------------------------------------------------------

    def handle(self, method: str, path: str, auth: str | None, form: dict) -> tuple[int, object]:
        """Answer one API request: (HTTP status, JSON body or None); status DROP hangs up."""
        with self._lock:
            self.requests.append({"method": method, "path": path, "form": form})
        match = API_PATH.match(path)
        if match is None:
            return 404, res.error_body(20404, 404, path=path)
        with self._lock:  # injected failures are for requests that change something
            action = self._failures.popleft() if self._failures and method != "GET" else None
        if action and action[0] == "fail":
            status = int(action[1])
            return status, (res.error_body(res.error_code_for(status), status) if status else None)
        if action and action[0] == "stall":
            time.sleep(action[1])
        if auth != self._expected_auth() or match["account"] != self.account_sid:
            return 401, res.error_body(20003, 401)
        kind, sid = match["kind"], match["sid"]
        answer = (self._message if kind == "Messages" else self._call)(method, sid, form)
        if action and action[0] == "hold":
            time.sleep(action[1])
        if action and action[0] == "lose":
            return DROP, None
        return answer

    def _expected_auth(self) -> str:
        pair = f"{self.account_sid}:{self.auth_token}".encode()
        return "Basic " + base64.b64encode(pair).decode()

    def _message(self, method: str, sid: str | None, form: dict) -> tuple[int, object]:
        if sid is None:
            if method == "GET":
                return self._list_messages(form)
            if method != "POST":
                return 405, res.error_body(20004, 405)
            return self._create_message(form)
        with self._lock:
            deleted = sid in self.deletions
            found = [m for m in self.messages + self.inbound if m["sid"] == sid and not deleted]
            if not found:
                return 404, res.error_body(20404, 404, path=f"Message {sid}")
            message = found[0]
            if method == "DELETE":
                self.deletions.append(sid)
                return 204, None
            if method == "POST":
                if form.get("Body", None) != "":
                    return 400, res.error_body(21602, 400)
                message["body"] = ""
                message["date_updated"] = res.rfc2822_now()
                self.redactions.append(sid)
            return 200, res.message_json(message)

    def _list_messages(self, query: dict) -> tuple[int, object]:
        """Messages.json read as Twilio answers it: newest first, filtered by To, From and
        DateSent, a page at a time (PageSize, PageToken) with the paging fields."""
        with self._lock:
            found = [m for m in self.messages + self.inbound if m["sid"] not in self.deletions]
            found.sort(key=lambda m: m["created"], reverse=True)  # Twilio: newest first
            shown = [res.message_json(m, Outbox.status(m)) for m in found]
        return 200, res.message_page(self.account_sid, shown, query)

    def _create_message(self, form: dict) -> tuple[int, object]:
        with self._lock:
            problem = res.message_problem(form, self.opted_out)
            if problem:
                return 400, res.error_body(problem[0], 400, **problem[1])
            media = form.get("MediaUrl") or []
            message = {
                "sid": res.new_sid("SM"),
                "account_sid": self.account_sid,
                "to": form["To"],
                "from_": self.outbox.sender(form),
                "messaging_service_sid": form.get("MessagingServiceSid"),
                "body": form.get("Body", ""),
                "status_callback": form.get("StatusCallback"),
                "media_urls": media if isinstance(media, list) else [media],
                "num_segments": res.num_segments(form.get("Body", "")),
                "status": "queued",
                "date_created": res.rfc2822_now(),
                "created": time.time(),  # when the API accepted it (benches time this)
            }
            self.outbox.schedule(message, message["num_segments"], form.get("ValidityPeriod"))
            self.messages.append(message)
            created = res.message_json(message)  # "queued", before any callback moves it on
            self._lock.notify_all()
        if self.callbacks and message["status_callback"]:
            threading.Thread(target=self._send_callbacks, args=(message,), daemon=True).start()
        return 201, created

    def _call(self, method: str, sid: str | None, form: dict) -> tuple[int, object]:
        with self._lock:
            if sid is None:
                problem = res.call_problem(form)
                if problem:
                    return 400, res.error_body(problem[0], 400, **problem[1])
                timeout = form.get("Timeout")
                call = {
                    "sid": res.new_sid("CA"),
                    "account_sid": self.account_sid,
                    "to": form["To"],
                    "from_": form["From"],
                    "url": form.get("Url"),
                    "twiml": form.get("Twiml"),
                    "status_callback": form.get("StatusCallback"),
                    "timeout": int(timeout) if timeout and timeout.isdigit() else timeout,
                    "status": "queued",
                    "date_created": res.rfc2822_now(),
                }
                self.calls.append(call)
                return 201, res.call_json(call)
            found = [c for c in self.calls + self.inbound_calls if c["sid"] == sid]
            if not found:
                return 404, res.error_body(20404, 404, path=f"Call {sid}")
            call = found[0]
            if method == "POST":
                if call["status"] in ("completed", "canceled"):
                    return 400, res.error_body(21220, 400)
                update = {
                    "sid": sid,
                    "url": form.get("Url"),
                    "status": form.get("Status"),
                    "twiml": form.get("Twiml"),
                }
                self.call_updates.append(update)
                if update["status"] in ("completed", "canceled"):
                    call["status"] = update["status"]
                call["date_updated"] = res.rfc2822_now()
            return 200, res.call_json(call)

    def _send_callbacks(self, message: dict) -> None:
        """POST signed "sent" then "delivered" status callbacks, as Twilio does, once the
        text's turn comes; or "failed" with 30001 once its validity ends first."""
        url = message["status_callback"]
        time.sleep(max(0.0, Outbox.due(message) - time.time()))
        dropped = Outbox.status(message) == "failed"
        for status in ("failed",) if dropped else ("sent", "delivered"):
            with self._lock:
                message["status"] = status
                message["error_code"] = QUEUE_OVERFLOW if dropped else None
            params, answer = res.post_status_callback(url, self.auth_token, message, status)
            if self.verbose:
                print(f"callback {status} -> {url}: {answer}", file=sys.stderr)
            with self._lock:
                self.callbacks_sent.append({"url": url, "params": params, "answer": answer})
                self._lock.notify_all()

    def inspect(self, method: str, path: str, form: dict) -> tuple[int, object]:
        """The /_fake/ endpoints for manual runs: look at and steer the server."""
        if method == "GET" and path in ("/_fake/messages", "/_fake/calls", "/_fake/requests",
                                        "/_fake/call_updates", "/_fake/redactions",
                                        "/_fake/deletions", "/_fake/inbound"):
            with self._lock:
                return 200, list(getattr(self, path.rsplit("/", 1)[1]))
        if method == "POST" and path == "/_fake/opt_out" and form.get("number"):
            with self._lock:
                self.opted_out.add(form["number"])
            return 200, {"opted_out": sorted(self.opted_out)}
        if method == "POST" and path == "/_fake/inbound" and form.get("sid"):
            self.receive(form["sid"], form.get("from", ""), form.get("to", ""),
                         form.get("body", ""))
            return 200, {"received": form["sid"]}
        if method == "POST" and path == "/_fake/fail":
            self.fail_next(int(form.get("n", 1)), int(form.get("status", 503)))
            with self._lock:
                return 200, {"failing": len(self._failures)}
        if method == "POST" and path == "/_fake/pace":
            rate = float(form["rate"]) if form.get("rate") else None
            self.pace(rate, int(form.get("pool", 3)))
            return 200, {"rate": rate}
        if method == "POST" and path == "/_fake/clear":
            self.clear()
            return 200, {"cleared": True}
        return 404, res.error_body(20404, 404, path=path)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    twilio: TwilioServer

    def handle_error(self, request: object, client_address: object) -> None:
        """Stay quiet when a client hung up first (it timed out); report anything else."""
        if self.twilio.verbose or not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer

    server_version = "TwilioServer/1.0"
    protocol_version = "HTTP/1.1"  # keep-alive, as Twilio's API does
    disable_nagle_algorithm = True  # headers and body go out at once, not 40 ms apart

    def _serve(self) -> None:
        twilio = self.server.twilio
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8") if length else ""
        pairs = parse_qs(raw, keep_blank_values=True)
        form = {key: values[0] if len(values) == 1 else values for key, values in pairs.items()}
        path, _, query = self.path.partition("?")
        if self.command == "GET" and query:  # a list's filters and paging
            pairs = parse_qs(query, keep_blank_values=True)
            form = {key: values[0] for key, values in pairs.items()}
        if path.startswith("/_fake/"):
            status, payload = twilio.inspect(self.command, path, form)
        else:
            auth = self.headers.get("Authorization")
            status, payload = twilio.handle(self.command, path, auth, form)
        if status == DROP:
            self.close_connection = True
            return
        data = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        if data:
            self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_DELETE = _serve

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        if self.server.twilio.verbose:
            super().log_message(format, *args)


def main(argv: list[str] | None = None) -> None:
    """Run the server until interrupted, printing its URL."""
    parser = argparse.ArgumentParser(
        prog="python -m scripts.harness.twilio_server",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8089)
    parser.add_argument("--account-sid", default="AC" + "0" * 32)
    parser.add_argument("--auth-token", default="test-token")
    parser.add_argument("--callbacks", action="store_true", help="send status callbacks")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    parser.add_argument("--rate", type=float, help="segments a second per sending number")
    args = parser.parse_args(argv)
    server = TwilioServer(
        args.account_sid,
        args.auth_token,
        args.callbacks,
        host=args.host,
        port=args.port,
        verbose=args.verbose,
    ).start()
    server.pace(args.rate)
    print(server.url, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
