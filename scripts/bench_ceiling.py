"""The bench's ceiling: a bare Flask route answering empty TwiML, served as the app is.

`scripts/bench` runs it under the same gunicorn settings as `wsgi:app`
(`gunicorn --pythonpath scripts bench_ceiling:app`), so the gap between the two is the
webhook's own work: signature, database commit and enqueue.
"""

from flask import Flask
from twilio.twiml.messaging_response import MessagingResponse

app = Flask(__name__)


@app.post("/twilio/sms")
def sms():
    """Empty TwiML, as the hotline's webhook answers."""
    return str(MessagingResponse()), 200, {"Content-Type": "text/xml"}


@app.get("/healthz")
def healthz():
    """The process runs."""
    return {"ok": True}
