"""Where console sessions and failed sign-ins are counted: Redis, or (the embedded demo, with
no REDIS_URL) a store in this process. Both offer the same few operations, each with a TTL."""

from __future__ import annotations

import json
import threading
import time

from flask import current_app
from redis import Redis

PREFIX = "console:"


class RedisStore:
    """Keys in Redis under `console:`; every key expires."""

    def __init__(self, redis: Redis) -> None:
        self.redis = redis

    def get(self, key: str) -> dict | None:
        raw = self.redis.get(PREFIX + key)
        return json.loads(raw) if raw else None

    def put(self, key: str, value: dict, ttl: int) -> None:
        self.redis.set(PREFIX + key, json.dumps(value), ex=max(1, ttl))

    def delete(self, key: str) -> None:
        self.redis.delete(PREFIX + key)

    def add(self, key: str, member: str, ttl: int) -> None:
        with self.redis.pipeline() as pipe:
            pipe.sadd(PREFIX + key, member)
            pipe.expire(PREFIX + key, ttl)
            pipe.execute()

    def members(self, key: str) -> set[str]:
        return {m.decode() if isinstance(m, bytes) else m
                for m in self.redis.smembers(PREFIX + key)}

    def remove(self, key: str, member: str) -> None:
        self.redis.srem(PREFIX + key, member)

    def count(self, key: str, ttl: int) -> int:
        """Add one to a counter that lapses `ttl` seconds after its last increment."""
        with self.redis.pipeline() as pipe:
            pipe.incr(PREFIX + key)
            pipe.expire(PREFIX + key, ttl)
            value, _ = pipe.execute()
        return int(value)

    def counted(self, key: str) -> int:
        return int(self.redis.get(PREFIX + key) or 0)


class MemoryStore:
    """The same operations in this process's memory (development without Redis only)."""

    def __init__(self) -> None:
        self._items: dict[str, tuple[float, object]] = {}
        self._lock = threading.Lock()

    def _live(self, key: str):
        found = self._items.get(key)
        if found is None or found[0] < time.monotonic():
            self._items.pop(key, None)
            return None
        return found[1]

    def _set(self, key: str, value, ttl: int) -> None:
        self._items[key] = (time.monotonic() + ttl, value)

    def get(self, key: str) -> dict | None:
        with self._lock:
            value = self._live(key)
            return json.loads(value) if value is not None else None

    def put(self, key: str, value: dict, ttl: int) -> None:
        with self._lock:
            self._set(key, json.dumps(value), ttl)

    def delete(self, key: str) -> None:
        with self._lock:
            self._items.pop(key, None)

    def add(self, key: str, member: str, ttl: int) -> None:
        with self._lock:
            self._set(key, set(self._live(key) or ()) | {member}, ttl)

    def members(self, key: str) -> set[str]:
        with self._lock:
            return set(self._live(key) or ())

    def remove(self, key: str, member: str) -> None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items[key] = (found[0], set(found[1]) - {member})

    def count(self, key: str, ttl: int) -> int:
        with self._lock:
            value = int(self._live(key) or 0) + 1
            self._set(key, value, ttl)
            return value

    def counted(self, key: str) -> int:
        with self._lock:
            return int(self._live(key) or 0)


def register_store(app) -> None:
    """Redis when the app has one, else a store in this process."""
    redis = app.extensions.get("hotline.redis")
    app.extensions["hotline.console_store"] = RedisStore(redis) if redis else MemoryStore()


def store() -> RedisStore | MemoryStore:
    """The current app's console store."""
    return current_app.extensions["hotline.console_store"]
