"""Check-in checks of privacy: FORGET ME erases a person, a dump holds no plain number or text.
"""

from __future__ import annotations

import shutil
import subprocess

from scripts.checks.checkins.line import CheckinChecks
from scripts.harness.report import Fail, national
from scripts.harness.services import Settings


class PrivacyChecks(CheckinChecks):
    """Checks 4 and 5; `scan` also serves the log check."""

    # 4
    def forget_me(self) -> str:
        """Check 4: FORGET ME leaves no trace in the database and at Twilio."""
        line = self.line
        person = line.person()
        responder, code, words = self.conversation(person, close=False)
        more = "please don't tell anyone what i said about the pills"
        talk = line.mark()
        line.text(person, more, words=True)
        line.wait_inbox(responder, talk, "the person's last words at the responder",
                        lambda b: more in b)
        words.append(more)
        mark = line.mark()
        line.text(person, "FORGET ME")
        confirmation = line.wait_inbox(person, mark, "the confirmation of FORGET ME")
        notice = line.wait_inbox(responder, mark, "a notice to the responder",
                                 lambda b: code in b)
        mine = {m["sid"] for m in line.sent() if m["to"] == person}
        mine |= {m["sid"] for m in line.sent() if m["to"] == responder
                 and any(w in m["body"] for w in words)}
        inbound = set(line.sids[person])

        def redacted_everywhere():
            blanked = set(line.fake.redactions())
            asked = {r["path"].rsplit("/", 1)[1].removesuffix(".json")
                     for r in line.fake.requests() if r["method"] == "POST"
                     and "/Messages/" in r["path"] and r["form"].get("Body") == ""}
            return mine <= blanked and inbound <= asked

        problems = []
        try:
            line.wait("redactions at Twilio of every message of the person", redacted_everywhere,
                      timeout=60, every=0.5)
        except Fail:
            blanked = set(line.fake.redactions())
            problems.append(f"{len(mine - blanked)} of {len(mine)} outbound and "
                            f"{len(inbound - blanked)} of {len(inbound)} inbound messages of "
                            "the person were not redacted at Twilio")
        try:
            line.wait("database free of the person",
                      lambda: not scan(self.settings, [person], words), timeout=30, every=1)
        except Fail:
            pass
        found = scan(self.settings, [person], words)
        if found:
            problems.append("still in the database: " + "; ".join(found[:6]))
        if problems:
            raise Fail("; ".join(problems))
        return (f"{confirmation!r}; responder told {notice!r}; {len(mine)} outbound and "
                f"{len(inbound)} inbound sids redacted at Twilio; no column holds the number "
                f"(+1 or not, plain, encrypted or hashed) or any of {len(words)} texts")

    # 5
    def dump_clean(self) -> str:
        """Check 5: a data dump holds no plaintext number or message body."""
        database_url = self.settings.values["DATABASE_URL"]
        pg_dump = shutil.which("pg_dump")
        if pg_dump:
            result = subprocess.run([pg_dump, "--data-only", "--no-owner", database_url],
                                    capture_output=True, text=True, timeout=120)
            if result.returncode != 0:
                raise Fail(f"pg_dump failed: {result.stderr.strip()[:200]}")
            dump, how = result.stdout, "pg_dump --data-only"
        else:
            dump, how = select_everything(database_url), "SELECT of every column"
        if len(dump) < 1000:
            raise Fail(f"the dump is suspiciously small ({len(dump)} characters)")
        numbers = self.line.people + sorted(self.responders)
        found = [f"number {n}" for n in numbers if national(n) in dump]
        found += [f"text {b!r}" for b in self.line.bodies if b in dump]
        if found:
            raise Fail(f"the dump shows {len(found)} secrets: " + ", ".join(found[:5]))
        return (f"{how}: {len(dump)} characters, none of {len(numbers)} numbers (with or "
                f"without +1) or {len(self.line.bodies)} texts")


def select_everything(database_url: str) -> str:
    """Every value of every table as text: what a dump shows."""
    import psycopg
    from psycopg import sql

    rows = []
    with psycopg.connect(database_url, connect_timeout=5) as connection:
        tables = [t for (t,) in connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")]
        for table in tables:
            for row in connection.execute(sql.SQL("SELECT * FROM {}").format(
                    sql.Identifier(table))):
                rows.append("\t".join(str(v) for v in row))
    return "\n".join(rows)


def scan(settings: Settings, numbers: list[str], words: list[str]) -> list[str]:
    """Every text column of every table that holds one of the numbers (with or without +1,
    in plain text, inside an encrypted value, or as its lookup hash) or one of the words."""
    import psycopg
    from psycopg import sql

    from hotline.infra import crypto

    crypto.configure(settings.values["DATA_KEY"])
    hashes = {h for n in numbers for h in crypto.phone_hashes(n)}
    needles = [national(n) for n in numbers] + list(words)
    found = []
    with psycopg.connect(settings.values["DATABASE_URL"], connect_timeout=5) as connection:
        columns = connection.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type IN "
            "('text', 'character varying', 'json', 'jsonb', 'character')").fetchall()
        for table, column in columns:
            query = sql.SQL("SELECT {}::text FROM {} WHERE {} IS NOT NULL").format(
                sql.Identifier(column), sql.Identifier(table), sql.Identifier(column))
            for (value,) in connection.execute(query):
                readable = value
                if value.startswith("gAAAAA"):
                    try:
                        readable = crypto.decrypt(value)
                    except Exception:
                        readable = value
                hit = [n for n in needles if n in value or n in readable]
                hit += ["its lookup hash" for h in hashes if h in value]
                if hit:
                    found.append(f"{table}.{column}: {hit[0]!r}")
    return sorted(set(found))
