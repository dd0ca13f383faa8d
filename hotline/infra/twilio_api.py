"""The project's only door to the Twilio REST API.

Everything that sends a text, places or steers a call, or erases a message goes through
here, so three promises hold in one place:

- the official SDK talks to `TWILIO_API_URL` (a local Twilio-compatible server in tests
  and demos, `https://api.twilio.com` in production);
- every outcome is sorted into *sent*, *refused for good* (never retry: the person opted out,
  the number is invalid) or *failed for now* (`TransientTwilioError`, so an RQ job retries);
- nothing logged or raised from here carries a full phone number or a message body.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime

import requests
from twilio.base.exceptions import (
    TwilioException,
    TwilioRestException,
    TwilioServiceException,
)
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.twilio.com"

#: Twilio error codes that mean "this message will never go through as asked"; retrying
#: them only repeats the refusal (and for 21610 would text someone who said STOP).
PERMANENT_ERRORS = frozenset(
    {
        21610,  # the recipient texted STOP (or another opt-out word) to this number
        21211,  # the 'To' number is not a valid phone number
        21614,  # the 'To' number is not a mobile number (a landline cannot get SMS)
        21612,  # Twilio cannot route from this 'From' to this 'To' (unreachable by SMS)
        21408,  # SMS to the recipient's country is not enabled on the account
        21606,  # the 'From' number cannot send messages to this destination
        21217,  # the phone number does not appear to be valid (voice)
    }
)

#: The error Twilio answers when the account SID or auth token is wrong.
AUTHENTICATION_ERROR = 20003
#: "The requested resource was not found": the message or call is already gone.
NOT_FOUND_ERROR = 20404
#: "Call is not in-progress": the call already ended, so there is nothing to steer.
CALL_NOT_IN_PROGRESS = 21220

_GONE = frozenset({NOT_FOUND_ERROR})
_NETWORK_ERRORS = (
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,
)
_PHONE_LIKE = re.compile(r"\+?\d[\d\s().-]{5,}\d")


@dataclass(frozen=True)
class SendResult:
    """What became of one outbound SMS: accepted by Twilio, or refused for good."""

    sid: str | None
    status: str | None
    error_code: int | None
    error_message: str | None
    permanent: bool  # a refusal that must never be retried

    @property
    def ok(self) -> bool:
        """True when Twilio accepted the message for delivery."""
        return self.sid is not None and not self.permanent and self.error_code is None


class TransientTwilioError(Exception):
    """A passing failure (5xx, 429, connection refused or reset, timeout): retry later."""

    def __init__(self, message: str, *, status: int | None = None, code: int | None = None):
        super().__init__(message)
        self.status = status
        self.code = code


def mask_phone(number: str | None) -> str:
    """A phone number fit for logs: the plus, first digit and last two, as "+1…01"."""
    digits = re.sub(r"\D", "", number or "")
    if len(digits) < 4:
        return "…"
    lead = "+" + digits[0] if (number or "").lstrip().startswith("+") else ""
    return f"{lead}…{digits[-2:]}"


def _scrub(text: str | None) -> str | None:
    """Twilio's error text with every phone-number-like run masked (21211 quotes the number)."""
    if text is None:
        return None
    return _PHONE_LIKE.sub(lambda m: mask_phone(m.group(0)), text)


def make_client(
    account_sid: str,
    auth_token: str,
    api_url: str = DEFAULT_API_URL,
    timeout: float = 10,
) -> Client:
    """A Twilio client whose Messages and Calls requests go to `api_url`, with a timeout."""
    origin = (api_url or DEFAULT_API_URL).rstrip("/")
    # The proxy and CA bundle the environment names are read once, here, not on every
    # request (requests would scan the whole environment twice per text).
    http = TwilioHttpClient(timeout=timeout, proxy=requests.utils.get_environ_proxies(origin))
    http.session.trust_env = False
    http.session.verify = (os.environ.get("REQUESTS_CA_BUNDLE")
                           or os.environ.get("CURL_CA_BUNDLE") or True)
    client = Client(account_sid, auth_token, http_client=http)
    # The SDK would rewrite hostnames for TWILIO_EDGE/TWILIO_REGION found in the environment;
    # here the origin is exactly TWILIO_API_URL and nothing else.
    client.edge = None
    client.region = None
    # Messages and Calls live on the `api` domain; Domain.absolute_url joins base_url + uri.
    client.api.base_url = origin
    return client


_clients = threading.local()  # each thread's clients, by (account, token, API URL)


def client_for(config: Mapping[str, object]) -> Client | None:
    """The app's Twilio client, or None where there are no credentials (development).

    Made once per thread and settings, not per request: its HTTP session keeps the connection
    to Twilio open between sends, so a worker does not set up a new client and a new TLS
    connection for every text."""
    if not config.get("TWILIO_ACCOUNT_SID"):
        return None
    key = (str(config["TWILIO_ACCOUNT_SID"]), str(config["TWILIO_AUTH_TOKEN"]),
           str(config.get("TWILIO_API_URL") or DEFAULT_API_URL))
    made = getattr(_clients, "by_settings", None)
    if made is None:
        made = _clients.by_settings = {}
    if key not in made:
        if len(made) >= 8:  # settings changed (tests, a rotated token): the old ones go
            made.clear()
        made[key] = make_client(*key)
    return made[key]


def _is_transient(status: int | None) -> bool:
    return status is None or status == 429 or status >= 500


def _transient(action: str, error: Exception) -> TransientTwilioError:
    """Log a passing failure without personal data and wrap it for the retrying job."""
    if isinstance(error, TwilioRestException | TwilioServiceException):
        status, code = error.status, error.code
        log.warning("twilio %s failed for now: HTTP %s, code %s", action, status, code)
        return TransientTwilioError(
            f"Twilio {action} failed for now (HTTP {status}, code {code})", status=status, code=code
        )
    kind = type(error).__name__
    log.warning("twilio %s failed for now: %s", action, kind)
    return TransientTwilioError(f"Twilio {action} failed for now ({kind})")


def _message(error: TwilioRestException | TwilioServiceException) -> str | None:
    if isinstance(error, TwilioServiceException):
        return _scrub(error.detail or error.title)
    return _scrub(error.msg)


#: Twilio keeps a text it cannot send yet this long at most (ValidityPeriod's range, seconds).
VALIDITY_RANGE = (1, 36000)
#: "Queue overflow": Twilio dropped a text it held longer than its ValidityPeriod, or
#: more than its queue takes. A status callback reports it, after the send was accepted.
QUEUE_OVERFLOW = 30001


def send_sms(
    client: Client, *, to: str, from_: str | None, body: str, status_callback: str | None = None,
    messaging_service_sid: str | None = None, validity: int | None = None,
) -> SendResult:
    """Send one SMS; return it accepted or refused for good, or raise TransientTwilioError.

    With `messaging_service_sid` Twilio picks the sender from the service's pool of numbers
    (and keeps each recipient on one of them); otherwise the text comes from `from_`. With
    `validity` (seconds) Twilio drops the text, as error 30001, if it could not send it by then.

    Any 4xx other than 429 is a permanent refusal, including 20003 (wrong account SID or
    auth token): retrying cannot fix credentials, so the send is recorded as refused and
    logged at ERROR level for whoever runs the line to fix the configuration.
    """
    try:
        options: dict[str, object] = {"to": to, "body": body, "status_callback": status_callback}
        if messaging_service_sid:
            options["messaging_service_sid"] = messaging_service_sid
        else:
            options["from_"] = from_
        if validity is not None:
            low, high = VALIDITY_RANGE
            options["validity_period"] = max(low, min(high, int(validity)))
        message = client.api.account.messages.create(**options)
    except (TwilioRestException, TwilioServiceException) as error:
        if _is_transient(error.status):
            raise _transient("send", error) from None
        code = error.code if isinstance(error.code, int) else None
        if code == AUTHENTICATION_ERROR or error.status in (401, 403):
            log.error(
                "twilio refused the account credentials (code %s): check "
                "TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN",
                code,
            )
        else:
            log.info(
                "twilio refused sms to %s for good: HTTP %s, code %s",
                mask_phone(to),
                error.status,
                code,
            )
        return SendResult(None, None, code, _message(error), permanent=True)
    except _NETWORK_ERRORS as error:
        raise _transient("send", error) from error
    log.info("twilio accepted sms %s to %s (%s)", message.sid, mask_phone(to), message.status)
    return SendResult(message.sid, message.status, None, None, permanent=False)


@dataclass(frozen=True)
class Listed:
    """One text in Twilio's Messages list, as far as the line compares it."""

    sid: str
    to: str
    from_: str
    body: str
    direction: str
    messaging_service_sid: str | None
    created: datetime | None
    num_media: int = 0
    status: str = ""


def recent_messages(client: Client, *, since: datetime, to: str | None = None,
                    from_: str | None = None, page_size: int = 50) -> Iterator[Listed]:
    """Twilio's Messages list (to `to`, from `from_`), newest first, back to `since`.

    Raises TransientTwilioError when Twilio cannot be read now; a refusal (bad
    credentials) propagates as the SDK's exception.
    """
    filters: dict[str, object] = {"page_size": page_size}
    if to:
        filters["to"] = to
    if from_:
        filters["from_"] = from_
    try:
        for item in client.api.account.messages.stream(**filters):
            created = item.date_created
            if created is not None and created < since:
                return  # newest first: everything after this is older still
            yield Listed(item.sid, item.to, item.from_, item.body or "",
                         str(item.direction or ""), item.messaging_service_sid, created,
                         int(item.num_media or 0) if str(item.num_media or "").isdigit() else 0,
                         str(item.status or ""))
    except (TwilioRestException, TwilioServiceException) as error:
        if _is_transient(error.status):
            raise _transient("list messages", error) from None
        raise
    except TwilioException as error:  # a later page that did not answer 200
        raise _transient("list messages", error) from None
    except _NETWORK_ERRORS as error:
        raise _transient("list messages", error) from error


def _call_api(action: str, func, *, gone_codes: frozenset[int] = frozenset()):
    """Run one SDK call: transient failures raise TransientTwilioError, `gone_codes` return
    None (the thing is already gone), other refusals propagate as the SDK's exception."""
    try:
        return func()
    except (TwilioRestException, TwilioServiceException) as error:
        if _is_transient(error.status):
            raise _transient(action, error) from None
        if error.code in gone_codes:
            log.info("twilio %s: nothing to do (code %s)", action, error.code)
            return None
        log.warning("twilio %s refused: HTTP %s, code %s", action, error.status, error.code)
        if isinstance(error, TwilioRestException):
            error.msg = _scrub(error.msg)  # 21211 quotes the number; callers may log this
        raise
    except _NETWORK_ERRORS as error:
        raise _transient(action, error) from error


def redact_message(client: Client, sid: str) -> None:
    """Erase a message's body at Twilio (update with Body=""); a message already gone is fine."""
    messages = client.api.account.messages
    done = _call_api("redact", lambda: messages(sid).update(body=""), gone_codes=_GONE)
    if done is not None:
        log.info("twilio redacted message %s", sid)


def delete_message(client: Client, sid: str) -> None:
    """Delete a message's record at Twilio; a message already gone is fine."""
    messages = client.api.account.messages
    if _call_api("delete", lambda: messages(sid).delete(), gone_codes=_GONE) is not None:
        log.info("twilio deleted message %s", sid)


def create_call(
    client: Client,
    *,
    to: str,
    from_: str,
    url: str,
    status_callback: str | None = None,
    timeout: int | None = None,
) -> str:
    """Place a call that fetches its TwiML from `url`; return the call SID.

    Passing failures raise TransientTwilioError; a refusal raises the SDK's exception.
    """
    calls = client.api.account.calls
    options: dict[str, object] = {"to": to, "from_": from_, "url": url}
    if status_callback is not None:
        options["status_callback"] = status_callback
    if timeout is not None:
        options["timeout"] = timeout
    call = _call_api("call", lambda: calls.create(**options))
    log.info("twilio placed call %s to %s", call.sid, mask_phone(to))
    return call.sid


def update_call(
    client: Client, sid: str, *, url: str | None = None, status: str | None = None
) -> None:
    """Redirect a live call to new TwiML (`url`) or end it (`status="completed"`/"canceled").

    A call that has already ended, or is unknown, is left alone.
    """
    calls = client.api.account.calls
    options: dict[str, object] = {}
    if url is not None:
        options["url"] = url
    if status is not None:
        options["status"] = status
    if not options:
        raise ValueError("update_call needs a url or a status")
    ended = _GONE | {CALL_NOT_IN_PROGRESS}
    if _call_api("update call", lambda: calls(sid).update(**options), gone_codes=ended):
        log.info("twilio updated call %s", sid)


def delete_recording(client: Client, sid: str) -> None:
    """Delete a voicemail recording at Twilio; one already gone is fine."""
    recordings = client.api.account.recordings
    if _call_api("delete recording", lambda: recordings(sid).delete(),
                 gone_codes=_GONE) is not None:
        log.info("twilio deleted recording %s", sid)


def delete_media(client: Client, message_sid: str) -> int:
    """Delete every picture or file of a message at Twilio; how many there were."""
    media = client.api.account.messages(message_sid).media
    found = _call_api("list media", lambda: media.list(), gone_codes=_GONE) or []
    for item in found:
        _call_api("delete media", lambda sid=item.sid: media(sid).delete(), gone_codes=_GONE)
    if found:
        log.info("twilio deleted %d media of message %s", len(found), message_sid)
    return len(found)
