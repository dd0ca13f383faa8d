"""What a Twilio-compatible server says: resource JSON, error JSON, Twilio's checks and
the signed status callbacks it posts.

Kept apart from the HTTP plumbing in `twilio_server.py` so the shapes the real SDK
parses (a Message, a Call, an error) are easy to compare with Twilio's API reference.
Standard library only, apart from the SDK's RequestValidator that signs callbacks.
"""

from __future__ import annotations

import re
import urllib.request
import uuid
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import urlencode

from twilio.request_validator import RequestValidator

API_VERSION = "2010-04-01"
E164 = re.compile(r"^\+[1-9]\d{7,14}$")
MAX_BODY_CHARS = 1600  # Twilio's limit for one (concatenated) message, counted in characters

# GSM 03.38: the basic set costs one septet, the extension table two; anything else is UCS-2.
GSM_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENDED = "^{}\\[~]|€\f"

ERROR_TEXT = {
    20003: "Authenticate",
    20404: "The requested resource {path} was not found",
    21211: "The 'To' number {to} is not a valid phone number.",
    21220: "Call is not in-progress. Cannot redirect.",
    21602: "Message body is required.",
    21603: "A 'From' phone number is required.",
    21604: "A 'To' phone number is required.",
    21205: "Url parameter is required.",
    21610: "Attempt to send to unsubscribed recipient",
    21617: "The concatenated message body exceeds the 1600 character limit.",
    20429: "Too Many Requests",
    20500: "An internal server error has occurred",
    20503: "Service is unavailable. Please try again",
}


def new_sid(prefix: str) -> str:
    """A Twilio-style SID: two letters and 32 hex digits."""
    return prefix + uuid.uuid4().hex


def rfc2822_now() -> str:
    """The current time the way Twilio writes date_created."""
    return format_datetime(datetime.now(UTC), usegmt=True)


def error_body(code: int, status: int, **details: str) -> dict:
    """Twilio's error JSON: code, message, more_info, status."""
    template = ERROR_TEXT.get(code, "HTTP {status} error")
    return {
        "code": code,
        "message": template.format(status=status, **details),
        "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "status": status,
    }


def error_code_for(status: int) -> int:
    """The Twilio code that goes with an injected HTTP failure (503 → 20503)."""
    return {429: 20429, 500: 20500, 502: 20500, 503: 20503, 504: 20503}.get(status, status)


def num_segments(body: str) -> int:
    """How many SMS segments Twilio bills for `body` (GSM-7 or UCS-2)."""
    if all(ch in GSM_BASIC or ch in GSM_EXTENDED for ch in body):
        units, single, multi = sum(2 if ch in GSM_EXTENDED else 1 for ch in body), 160, 153
    else:
        units, single, multi = len(body.encode("utf-16-le")) // 2, 70, 67
    if units <= single:
        return 1
    return -(-units // multi)


def message_problem(form: dict, opted_out: set[str]) -> tuple[int, dict] | None:
    """The (code, details) Twilio would refuse this Messages.json form with, or None."""
    to, from_ = form.get("To", ""), form.get("From", "")
    body, media = form.get("Body", ""), form.get("MediaUrl")
    if not to:
        return 21604, {}
    if not from_ and not form.get("MessagingServiceSid"):
        return 21603, {}
    if not body and not media:
        return 21602, {}
    if len(body) > MAX_BODY_CHARS:
        return 21617, {}
    if not E164.match(to):
        return 21211, {"to": to}
    if to in opted_out:
        return 21610, {}
    return None


def call_problem(form: dict) -> tuple[int, dict] | None:
    """The (code, details) Twilio would refuse this Calls.json form with, or None."""
    to = form.get("To", "")
    if not to or not E164.match(to):
        return 21211, {"to": to}
    if not form.get("From"):
        return 21603, {}
    if not form.get("Url") and not form.get("Twiml"):
        return 21205, {}
    return None


def message_json(message: dict, queue_status: str | None = None) -> dict:
    """A stored message rendered as Twilio's Message resource; `queue_status` (queued,
    delivered, failed) is where Twilio's outgoing queue has it by now, for `date_sent`, and
    for its status once dropped (failed, as Twilio lists a text whose validity ran out)."""
    sid, account = message["sid"], message["account_sid"]
    date_sent = message.get("date_sent")
    if date_sent is None and queue_status == "delivered" and message.get("send_at"):
        date_sent = format_datetime(datetime.fromtimestamp(message["send_at"], UTC), usegmt=True)
    uri = f"/{API_VERSION}/Accounts/{account}/Messages/{sid}.json"
    return {
        "account_sid": account,
        "api_version": API_VERSION,
        "body": message["body"],
        "date_created": message["date_created"],
        "date_sent": date_sent,
        "date_updated": message.get("date_updated", message["date_created"]),
        "direction": message.get("direction", "outbound-api"),
        "error_code": message.get("error_code"),
        "error_message": None,
        "from": message["from_"],
        "messaging_service_sid": message.get("messaging_service_sid"),
        "num_media": str(len(message["media_urls"])),
        "num_segments": str(message["num_segments"]),
        "price": None,
        "price_unit": "USD",
        "sid": sid,
        "status": "failed" if queue_status == "failed" else message["status"],
        "subresource_uris": {"media": uri.replace(".json", "/Media.json")},
        "to": message["to"],
        "uri": uri,
    }


PAGE_SIZE = 50  # Twilio's default page of a list
MAX_PAGE_SIZE = 1000


def _sent_day(message: dict) -> str | None:
    """The GMT day (YYYY-MM-DD) a rendered message was sent, or None while it waits."""
    if not message["date_sent"]:
        return None
    return parsedate_to_datetime(message["date_sent"]).astimezone(UTC).date().isoformat()


def _matches(message: dict, query: dict) -> bool:
    """Whether a rendered message passes a list's To, From and DateSent filters (Twilio
    compares DateSent by GMT day; a message not sent yet has none and passes no such filter)."""
    if query.get("To") and message["to"] != query["To"]:
        return False
    if query.get("From") and message["from"] != query["From"]:
        return False
    day = _sent_day(message)
    for key, test in (("DateSent", str.__eq__), ("DateSent>", str.__ge__),
                      ("DateSent<", str.__le__)):
        if query.get(key) and (day is None or not test(day, query[key][:10])):
            return False
    return True


def message_page(account: str, messages: list[dict], query: dict) -> dict:
    """One page of a Messages list, as Twilio answers GET Messages.json: the records under
    `messages` and the paging fields the SDK follows (`next_page_uri`)."""
    try:
        size = max(1, min(MAX_PAGE_SIZE, int(query.get("PageSize") or PAGE_SIZE)))
        start = int((query.get("PageToken") or "PA0").removeprefix("PA"))
    except ValueError:
        size, start = PAGE_SIZE, 0
    found = [m for m in messages if _matches(m, query)]
    page = found[start:start + size]
    base = f"/{API_VERSION}/Accounts/{account}/Messages.json"
    kept = {k: v for k, v in query.items() if k not in ("PageToken", "Page", "PageSize")}

    def uri(at: int) -> str:
        return base + "?" + urlencode({**kept, "PageSize": size, "Page": at // size,
                                       "PageToken": f"PA{at}"})

    more = start + size < len(found)
    return {
        "messages": page,
        "end": start + len(page) - 1 if page else start,
        "first_page_uri": uri(0),
        "next_page_uri": uri(start + size) if more else None,
        "page": start // size,
        "page_size": size,
        "previous_page_uri": uri(max(0, start - size)) if start else None,
        "start": start,
        "uri": uri(start),
    }


def call_json(call: dict) -> dict:
    """A stored call rendered as Twilio's Call resource."""
    sid, account = call["sid"], call["account_sid"]
    uri = f"/{API_VERSION}/Accounts/{account}/Calls/{sid}.json"
    return {
        "account_sid": account,
        "annotation": None,
        "answered_by": None,
        "api_version": API_VERSION,
        "caller_name": None,
        "date_created": call["date_created"],
        "date_updated": call.get("date_updated", call["date_created"]),
        "direction": "outbound-api",
        "duration": None,
        "end_time": None,
        "forwarded_from": None,
        "from": call["from_"],
        "from_formatted": call["from_"],
        "group_sid": None,
        "parent_call_sid": None,
        "phone_number_sid": None,
        "price": None,
        "price_unit": "USD",
        "queue_time": "0",
        "sid": sid,
        "start_time": None,
        "status": call["status"],
        "subresource_uris": {"recordings": uri.replace(".json", "/Recordings.json")},
        "to": call["to"],
        "to_formatted": call["to"],
        "trunk_sid": None,
        "uri": uri,
    }


def post_status_callback(
    url: str, auth_token: str, message: dict, status: str
) -> tuple[dict, int | str]:
    """POST one signed status callback as Twilio does; its form and the answer's HTTP status
    (or why there was none)."""
    params = {
        "MessageSid": message["sid"],
        "SmsSid": message["sid"],
        "MessageStatus": status,
        "SmsStatus": status,
        "To": message["to"],
        "From": message["from_"],
        "AccountSid": message["account_sid"],
        "ApiVersion": API_VERSION,
    }
    if message.get("error_code"):
        params["ErrorCode"] = str(message["error_code"])
    signature = RequestValidator(auth_token).compute_signature(url, params)
    request = urllib.request.Request(
        url,
        data=urlencode(params).encode(),
        method="POST",
        headers={
            "X-Twilio-Signature": signature,
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return params, response.status
    except OSError as error:  # urllib's HTTPError and URLError are both OSErrors
        return params, getattr(error, "code", None) or type(error).__name__
