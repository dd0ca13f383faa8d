"""SMS checks of what the line keeps from whom: STOP, relays without numbers, data at rest."""

from __future__ import annotations

import time

from scripts.checks.sms.line import HOPELESS, OFFER_TIMEOUT, RELAYED, YOURS, SmsChecks, has
from scripts.harness.report import Fail, national


class PrivacyChecks(SmsChecks):
    """Checks 7 and 8; check 11 is `at_rest`."""

    # 7
    def stop_and_opt_out(self) -> str:
        """Check 7: nothing goes out after STOP; a 21610 refusal is not retried."""
        line = self.line
        person = line.person()
        mark = line.mark()
        line.text(person, HOPELESS)
        line.wait_inbox(person, mark, "the first reply")
        responder, code, _ = self._first_offer(mark, self.responders, "an offer")
        line.text(person, "STOP")
        time.sleep(1.5)
        after_stop = line.mark()
        attempts = self.line.posts_to(person)
        line.text(person, "are you still there?")
        line.text(responder, f"YES {code}")
        answer = line.wait_inbox(responder, after_stop, "an answer to the responder's YES")
        time.sleep(OFFER_TIMEOUT + 1.5)  # past the offer's timeout: nothing re-offers either
        if has(answer, YOURS):
            raise Fail(f"the responder was given a case whose person said STOP: {answer!r}")
        if line.inbox(person, after_stop) or self.line.posts_to(person) != attempts:
            raise Fail(f"texts went to the person after STOP: {line.inbox(person, after_stop)}")
        refused = line.person()
        line.fake.opt_out(refused)
        line.text(refused, "hi")
        line.wait("the line to try the opted-out number",
                  lambda: self.line.posts_to(refused) >= 1)
        time.sleep(6)
        tries = self.line.posts_to(refused)
        if tries != 1:
            raise Fail(f"{tries} sends to a 21610 (opted out) number, not exactly 1")
        recorded = self._refusals()
        if not recorded:
            raise Fail("no outbound message was recorded as refused with 21610")
        return (f"nothing to the person after STOP (responder's YES got {answer!r}); "
                f"21610: one try, recorded ({recorded} row)")

    def _refusals(self) -> int:
        import psycopg

        with psycopg.connect(self.database_url, connect_timeout=5) as connection:
            return connection.execute(
                "SELECT count(*) FROM outbound_message WHERE error_code = 21610").fetchone()[0]

    # 8
    def relay(self) -> str:
        """Check 8: texts are relayed both ways and no number is shown."""
        line = self.line
        person = line.person()
        mark = line.mark()
        line.text(person, "i need a safety plan")
        responder, code, _ = self._first_offer(mark, self.responders, "an offer")
        name = self.name_of[responder]
        accepted = line.mark()
        line.text(responder, f"YES {code}")
        line.wait_inbox(responder, accepted, "the case to be theirs", lambda b: has(b, YOURS))
        line.wait_inbox(person, accepted, "the person to be told someone is with them")
        asked = line.mark()
        question = RELAYED
        line.text(person, question)
        relayed = line.wait_inbox(responder, asked, "the person's text at the responder",
                                  lambda b: question in b)
        answered = line.mark()
        reply = "I'm here with you. What is happening right now?"
        line.text(responder, reply)
        got = line.wait_inbox(person, answered, "the responder's reply at the person",
                              lambda b: reply in b)
        self._close(responder, code)
        if not relayed.startswith(f"[{code}]"):
            raise Fail(f"the relayed text is not prefixed by [{code}]: {relayed!r}")
        if got != reply:
            raise Fail(f"the person got {got!r}, not the reply as written")
        leaks = self.leaks()
        if leaks:
            raise Fail("; ".join(leaks[:5]))
        return (f"{name}: {relayed!r}; person: {got!r}; no number shown in "
                f"{len(line.sent())} texts, all from the hotline number")

    def leaks(self) -> list[str]:
        """Texts that show a number across the line, or come from another number."""
        problems = []
        for message in self.line.sent():
            if message.get("from_") != self.line.number:
                problems.append(f"a text to {message['to']} came from {message.get('from_')}")
            hidden = self.line.people if message["to"] in self.responders else self.responders
            for number in hidden:
                if national(number) in message["body"]:
                    problems.append(f"a text to {message['to']} shows {number}: "
                                    f"{message['body']!r}")
        return problems


def at_rest(database_url: str, people: list[str], bodies: list[str]) -> str:
    """Contract §2: DATA_KEY encrypts phone numbers and message bodies at rest."""
    import psycopg
    from psycopg import sql

    needles = [f"%{national(p)}%" for p in people] + [f"%{b}%" for b in bodies]
    found = []
    with psycopg.connect(database_url, connect_timeout=5) as connection:
        columns = connection.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name <> 'alembic_version' AND data_type "
            "IN ('text', 'character varying', 'json', 'jsonb')").fetchall()
        for table, column in columns:
            query = sql.SQL("SELECT count(*) FROM {} WHERE {}::text LIKE ANY(%s)").format(
                sql.Identifier(table), sql.Identifier(column))
            rows = connection.execute(query, (needles,)).fetchone()[0]
            if rows:
                found.append(f"{table}.{column} ({rows} rows)")
    if found:
        raise Fail("people's numbers or message bodies in plain text in " + ", ".join(found))
    return f"{len(columns)} text columns hold none of {len(people)} numbers, {len(bodies)} texts"
