"""What `scripts/bench --line` reads to see what happened to each text: the run's database,
its Redis and the test Twilio's record of what it accepted."""

from __future__ import annotations

from scripts.harness.procs import request


class Watch:
    """The run's database and test server, read for what happened to each text."""

    def __init__(self, stack) -> None:
        self.stack = stack
        self.url = stack.database_url

    def _rows(self, query: str, *args) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.url, connect_timeout=5) as connection:
            return connection.execute(query, args).fetchall()

    def sends(self, sids: list[str]) -> list[tuple[str, str, str, bool]]:
        """(inbound sid, outbound Twilio sid, purpose, to the person) for every text sent so
        far about the cases these inbound texts opened."""
        return [tuple(row) for row in self._rows(
            "SELECT i.sid, o.sid, o.purpose, o.person_id IS NOT NULL FROM inbound_message i "
            "JOIN outbound_message o ON o.case_id = i.case_id "
            "WHERE i.sid = ANY(%s) AND o.sid IS NOT NULL", sids)]

    def offered(self, sids: list[str]) -> int:
        """How many of these texts' cases have an offer accepted by the Twilio API."""
        return self._rows(
            "SELECT count(DISTINCT i.case_id) FROM inbound_message i "
            "JOIN outbound_message o ON o.case_id = i.case_id "
            "WHERE i.sid = ANY(%s) AND o.purpose = 'offer' AND o.sid IS NOT NULL", sids)[0][0]

    def unfinished(self) -> int:
        """Texts not yet acted on, plus jobs waiting in Redis (intake list and queues)."""
        from redis import Redis

        unprocessed = self._rows(
            "SELECT count(*) FROM inbound_message WHERE processed_at IS NULL")[0][0]
        client = Redis.from_url(self.stack.redis_url)
        try:
            waiting = client.llen("hotline:intake") + sum(
                client.llen(f"rq:queue:{name}") for name in ("urgent", "hotline", "bulk"))
        finally:
            client.close()
        return unprocessed + waiting

    def moved_on(self, sids: list[str]) -> list[float]:
        """For each of these texts' cases offered a second time: seconds from the first
        offer's expiry to the second offer (negative: it moved on early)."""
        rows = self._rows(
            "SELECT extract(epoch FROM o2.created_at - o1.expires_at) FROM inbound_message i "
            "JOIN offer o1 ON o1.case_id = i.case_id JOIN offer o2 ON o2.case_id = i.case_id "
            "AND o2.id = (SELECT min(id) FROM offer WHERE case_id = i.case_id AND id > o1.id) "
            "WHERE i.sid = ANY(%s) AND o1.id = (SELECT min(id) FROM offer "
            "WHERE case_id = i.case_id)", sids)
        return [float(row[0]) for row in rows]

    def stored(self) -> int:
        return self._rows("SELECT count(*) FROM inbound_message")[0][0]

    def accepted(self) -> dict[str, dict]:
        """Every text the test server accepted, by its sid."""
        return {m["sid"]: m for m in self.stack.fake.messages()}

    def pace(self, rate: float | None, pool: int) -> None:
        body = f"rate={rate}&pool={pool}".encode() if rate else b""
        status, _ = request(self.stack.fake.port, "POST", "/_fake/pace", body,
                            {"Content-Type": "application/x-www-form-urlencoded"})
        if status != 200:
            raise RuntimeError(f"fake Twilio pace: HTTP {status}")
