"""Redis db numbers held by one run at a time: test runs and the acceptance scripts, bench and
the rest all claim theirs here, so no run flushes another's queue.

A run holds db N by writing its pid under `hotline-test-db:N` in db 0 (which nothing flushes)
and under `hotline-test-run` in db N itself. A claim whose process has died is free again.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from redis import Redis
from redis.exceptions import WatchError

CLAIM = "hotline-test-run"  # in the db a run holds: its pid
REGISTRY = "hotline-test-db:{number}"  # in db 0, which no run flushes: the same claim
NUMBERS = range(15, 0, -1)


def _alive(pid: bytes | None) -> bool:
    """Whether the process that claimed a db still runs (claims are made on this machine)."""
    try:
        os.kill(int(pid), 0)
    except (TypeError, ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def claim(base: str, number: int, connect=Redis.from_url) -> bool:
    """Hold db `number` for this process: free in the registry (or its holder died) and unused."""
    registry, db = connect(f"{base}/0"), connect(f"{base}/{number}")
    try:
        key = REGISTRY.format(number=number)
        holder = registry.get(key)
        if holder is not None and _alive(holder):
            return False
        if db.get(CLAIM) is not None and _alive(db.get(CLAIM)):
            return False  # a run that does not use the registry holds it
        with registry.pipeline() as pipe:
            try:
                pipe.watch(key)
                if pipe.get(key) != holder:
                    return False
                pipe.multi()
                pipe.set(key, os.getpid(), ex=6 * 3600)
                pipe.execute()
            except WatchError:
                return False
        db.set(CLAIM, os.getpid(), ex=6 * 3600)
        return True
    finally:
        registry.close()
        db.close()


def release(base: str, number: int, connect=Redis.from_url) -> None:
    """Give db `number` back (emptied of the claim; the caller flushes what it wrote)."""
    db, registry = connect(f"{base}/{number}"), connect(f"{base}/0")
    try:
        db.delete(CLAIM)
        registry.delete(REGISTRY.format(number=number))
    finally:
        db.close()
        registry.close()


def flush_keeping_claim(connection) -> None:
    """Empty a held db and keep holding it, in one MULTI: between a bare FLUSHDB and the claim
    set again, another run could take the same db and share its queue."""
    with connection.pipeline(transaction=True) as pipe:
        pipe.flushdb()
        pipe.set(CLAIM, os.getpid(), ex=6 * 3600)
        pipe.execute()


@contextmanager
def held_db(base: str, prefer: Iterable[int] = (), connect=Redis.from_url) -> Iterator[int]:
    """A db number no other run holds (`prefer`red ones first), held until the block ends."""
    for number in dict.fromkeys([*prefer, *NUMBERS]):
        if claim(base, number, connect):
            try:
                yield number
            finally:
                release(base, number, connect)
            return
    raise RuntimeError(f"every Redis db number of {base} is held by another run")
