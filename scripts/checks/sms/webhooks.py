"""SMS checks of the webhook's door: forged posts refused, a redelivered text handled once."""

from __future__ import annotations

import time

from twilio.request_validator import RequestValidator

from scripts.checks.sms.line import HOPELESS, SmsChecks
from scripts.harness.report import Fail


class WebhookChecks(SmsChecks):
    """Checks 1 and 2."""

    # 1
    def forged(self) -> str:
        """Check 1: forged or unsigned POSTs get 403 and send nothing."""
        line = self.line
        person = line.person()
        form = line.sms_form(person, HOPELESS)
        url = self.settings.public_url + "/twilio/sms"
        tampered = dict(form, Body="hello")
        forgeries = {
            "no signature": None,
            "empty signature": "",
            "signed with another token": RequestValidator("not-the-token")
            .compute_signature(url, form),
            "signed for another URL": line.validator.compute_signature(
                "https://elsewhere.example/twilio/sms", form),
            "body changed after signing": line.validator.compute_signature(url, tampered),
            "garbage signature": "bm90IGEgc2lnbmF0dXJl",
        }
        mark, requests_before = line.mark(), len(line.fake.requests())
        bad = []
        for what, signature in forgeries.items():
            status, _ = line.post("/twilio/sms", form, signature=signature, sign=False)
            if status != 403:
                bad.append(f"{what}: {status}")
        if bad:
            raise Fail("expected 403, got " + "; ".join(bad))
        time.sleep(3)
        if line.sent(mark) or len(line.fake.requests()) != requests_before:
            raise Fail(f"texts were sent after forged posts: {line.sent(mark)}")
        return f"{len(forgeries)} forgeries, 403 each; nothing sent in 3 s"

    # 2
    def duplicate_sid(self) -> str:
        """Check 2: one MessageSid delivered five times at once is handled once."""
        line = self.line
        person = line.person()
        form = line.sms_form(person, "i relapsed and need help")
        mark = line.mark()
        statuses = line.together([("/twilio/sms", form)] * 5)
        if statuses != [200] * 5:
            raise Fail(f"the five deliveries got {statuses}, not 200 each")
        line.wait_inbox(person, mark, "a reply to the person")
        responder, code, _ = self._first_offer(mark, self.responders, "an offer")
        time.sleep(2)  # a duplicate would be sent now; the offer's own timeout is 4 s
        replies = line.inbox(person, mark)
        offers = line.offers(mark, self.responders)
        self._stop(person)
        if len(replies) != 1:
            raise Fail(f"the person got {len(replies)} replies: {replies}")
        if len(offers) != 1:
            raise Fail(f"{len(offers)} offers went out: {offers}")
        return f"5 x 200; one offer (to {self.name_of[responder]}), one reply to the person"
