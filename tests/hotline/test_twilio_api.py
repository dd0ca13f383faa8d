"""hotline.infra.twilio_api driven through the real Twilio SDK against the Twilio-compatible
server in scripts/harness/twilio_server.py."""

import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

import pytest
from twilio.base.exceptions import TwilioRestException
from twilio.request_validator import RequestValidator

from hotline.infra.twilio_api import (
    PERMANENT_ERRORS,
    TransientTwilioError,
    create_call,
    delete_message,
    make_client,
    mask_phone,
    redact_message,
    send_sms,
    update_call,
)
from scripts.harness.twilio_server import DROP, TwilioServer

LINE = "+15550100000"
PERSON = "+15105550101"
STATUS_URL = "https://line.example.org/twilio/sms/status"


@pytest.fixture
def twilio():
    with TwilioServer() as server:
        yield server


@pytest.fixture
def client(twilio):
    return make_client(twilio.account_sid, twilio.auth_token, twilio.url, timeout=2)


def send(client, body="You reached the line. Reply STOP to stop.", to=PERSON):
    return send_sms(client, to=to, from_=LINE, body=body, status_callback=STATUS_URL)


def test_a_text_arrives_at_twilio_from_the_line_with_its_body_and_status_callback(client, twilio):
    result = send(client, body="Someone will text you back shortly.")

    assert result.ok and result.status == "queued"
    assert result.sid.startswith("SM") and len(result.sid) == 34
    [message] = twilio.messages
    assert message["sid"] == result.sid
    assert (message["to"], message["from_"]) == (PERSON, LINE)
    assert message["body"] == "Someone will text you back shortly."
    assert message["status_callback"] == STATUS_URL
    assert message["account_sid"] == twilio.account_sid


def test_a_long_text_with_emoji_and_accents_arrives_intact(client, twilio):
    body = ("Estás a salvo aquí 💙 Respira 🌿 " * 60)[:1600]

    assert send(client, body=body).ok

    assert twilio.messages[0]["body"] == body


def test_a_person_who_texted_stop_is_refused_for_good(client, twilio):
    twilio.opted_out.add(PERSON)

    result = send(client)

    assert not result.ok and result.permanent
    assert result.error_code == 21610 and result.sid is None
    assert twilio.messages == []


def test_an_invalid_number_is_refused_for_good_without_quoting_the_number(client, twilio):
    result = send(client, to="+1510555")

    assert result.permanent and result.error_code == 21211
    assert "not a valid phone number" in result.error_message
    assert "+1510555" not in result.error_message


@pytest.mark.parametrize(
    ("status", "transient"),
    [(503, True), (500, True), (502, True), (429, True), (400, False), (404, False)],
)
def test_server_errors_and_rate_limits_are_retried_other_refusals_are_not(
    client, twilio, status, transient
):
    twilio.fail_next(1, status=status)

    if transient:
        with pytest.raises(TransientTwilioError) as raised:
            send(client)
        assert raised.value.status == status
    else:
        result = send(client)
        assert result.permanent and not result.ok


def test_a_text_that_failed_for_now_goes_through_once_on_retry(client, twilio):
    twilio.fail_next(1, status=503)
    with pytest.raises(TransientTwilioError):
        send(client)

    assert send(client).ok
    assert len(twilio.messages) == 1


def test_wrong_credentials_are_a_permanent_refusal_logged_as_a_configuration_error(twilio, caplog):
    bad = make_client(twilio.account_sid, "not-the-token", twilio.url, timeout=2)

    result = send(bad)

    assert result.permanent and result.error_code == 20003
    assert twilio.messages == []
    assert "TWILIO_AUTH_TOKEN" in caplog.text
    assert any(record.levelno == logging.ERROR for record in caplog.records)


def test_twilio_unreachable_is_a_transient_failure():
    server = TwilioServer().start()
    client = make_client(server.account_sid, server.auth_token, server.url, timeout=2)
    server.stop()

    with pytest.raises(TransientTwilioError):
        send(client)


def test_a_connection_dropped_mid_request_is_a_transient_failure(client, twilio):
    twilio.fail_next(1, status=DROP)

    with pytest.raises(TransientTwilioError):
        send(client)


def test_a_request_that_outlasts_the_timeout_is_a_transient_failure(twilio):
    impatient = make_client(twilio.account_sid, twilio.auth_token, twilio.url, timeout=0.2)
    twilio.stall_next(1, seconds=1)

    with pytest.raises(TransientTwilioError):
        send(impatient)


def test_logs_show_neither_full_numbers_nor_message_bodies(client, twilio, caplog):
    caplog.set_level(logging.DEBUG)
    body = "I am scared to go home tonight"
    send(client, body=body)
    twilio.opted_out.add("+15105550177")
    send(client, body=body, to="+15105550177")
    send(client, body=body, to="+1510555")
    twilio.fail_next(1)
    with pytest.raises(TransientTwilioError):
        send(client, body=body)

    logged = caplog.text
    assert "+1…01" in logged and "+1…77" in logged
    for secret in (PERSON, "5105550101", "5105550177", "1510555", body):
        assert secret not in logged


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("+15105550101", "+1…01"),
        ("+447700900123", "+4…23"),
        ("5105550199", "…99"),
        ("", "…"),
        (None, "…"),
    ],
)
def test_masked_numbers_keep_at_most_the_last_two_digits(number, masked):
    assert mask_phone(number) == masked


def test_permanent_errors_include_opt_out_and_invalid_number():
    assert {21610, 21211} <= PERMANENT_ERRORS


def test_redacting_a_message_erases_its_body_at_twilio(client, twilio):
    sid = send(client, body="my address is 12 Elm St").sid

    redact_message(client, sid)

    assert twilio.redactions == [sid]
    assert twilio.messages[0]["body"] == ""
    assert client.api.account.messages(sid).fetch().body == ""


def test_deleting_a_message_removes_it_and_deleting_again_is_harmless(client, twilio):
    sid = send(client).sid

    delete_message(client, sid)
    delete_message(client, sid)
    redact_message(client, sid)

    assert twilio.deletions == [sid]
    with pytest.raises(TwilioRestException) as raised:
        client.api.account.messages(sid).fetch()
    assert raised.value.status == 404


def test_a_call_is_placed_with_its_twiml_url_callback_and_ring_timeout(client, twilio):
    sid = create_call(
        client,
        to=PERSON,
        from_=LINE,
        url="https://line.example.org/twilio/voice/x",
        status_callback="https://line.example.org/twilio/voice/status",
        timeout=25,
    )

    assert sid.startswith("CA") and len(sid) == 34
    [call] = twilio.calls
    assert (call["sid"], call["to"], call["from_"]) == (sid, PERSON, LINE)
    assert call["url"] == "https://line.example.org/twilio/voice/x"
    assert call["status_callback"] == "https://line.example.org/twilio/voice/status"
    assert call["timeout"] == 25


def test_a_call_can_be_redirected_then_hung_up_and_hanging_up_twice_is_harmless(client, twilio):
    sid = create_call(client, to=PERSON, from_=LINE, url="https://line.example.org/a")

    update_call(client, sid, url="https://line.example.org/b")
    update_call(client, sid, status="completed")
    update_call(client, sid, status="completed")

    assert [(u["url"], u["status"]) for u in twilio.call_updates] == [
        ("https://line.example.org/b", None),
        (None, "completed"),
    ]
    assert twilio.calls[0]["status"] == "completed"


def test_placing_a_call_while_twilio_is_down_is_a_transient_failure(client, twilio):
    twilio.fail_next(1, status=503)

    with pytest.raises(TransientTwilioError):
        create_call(client, to=PERSON, from_=LINE, url="https://line.example.org/a")
    assert twilio.calls == []


def test_calling_an_invalid_number_is_refused_with_twilios_code_without_quoting_it(client):
    with pytest.raises(TwilioRestException) as raised:
        create_call(client, to="+1510555", from_=LINE, url="https://line.example.org/a")
    assert raised.value.code == 21211
    assert "+1510555" not in str(raised.value)


def test_twilio_edge_settings_in_the_environment_do_not_redirect_the_client(twilio, monkeypatch):
    monkeypatch.setenv("TWILIO_EDGE", "sydney")
    monkeypatch.setenv("TWILIO_REGION", "au1")
    client = make_client(twilio.account_sid, twilio.auth_token, twilio.url, timeout=2)

    assert send(client).ok


class _Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers["Content-Length"])
        form = dict(parse_qsl(self.rfile.read(length).decode(), keep_blank_values=True))
        self.server.received.append((self.path, self.headers.get("X-Twilio-Signature"), form))
        self.send_response(204)
        self.end_headers()

    def log_message(self, format, *args):
        pass


@pytest.fixture
def webhook():
    receiver = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    receiver.received = []
    threading.Thread(target=receiver.serve_forever, args=(0.05,), daemon=True).start()
    yield receiver
    receiver.shutdown()
    receiver.server_close()


def test_delivery_reports_arrive_signed_with_the_auth_token(webhook):
    callback = f"http://127.0.0.1:{webhook.server_address[1]}/twilio/sms/status?line=1"
    with TwilioServer(callbacks=True) as twilio:
        client = make_client(twilio.account_sid, twilio.auth_token, twilio.url, timeout=2)
        result = send_sms(client, to=PERSON, from_=LINE, body="hi", status_callback=callback)
        assert result.status == "queued"
        assert [c["answer"] for c in twilio.wait_for_callbacks(2)] == [204, 204]
        assert client.api.account.messages(result.sid).fetch().status == "delivered"
        sid = result.sid

    assert [form["MessageStatus"] for _, _, form in webhook.received] == ["sent", "delivered"]
    for path, signature, form in webhook.received:
        assert path == "/twilio/sms/status?line=1"
        assert (form["MessageSid"], form["To"], form["From"]) == (sid, PERSON, LINE)
        assert form["AccountSid"] == twilio.account_sid
        assert RequestValidator(twilio.auth_token).validate(callback, form, signature)
        assert not RequestValidator("another-token").validate(callback, form, signature)
