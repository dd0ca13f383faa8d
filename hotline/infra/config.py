"""Configuration read from the environment, and the refusal to run production unsafely.

One place reads the environment (contract §2). Tests and the demo pass overrides to
`create_app(config)`; production refuses to start, naming the first missing or unsafe value.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import os
from collections.abc import Mapping
from urllib.parse import urlsplit

DEV_HOTLINE_NUMBER = "+15550100000"
DEV_SECRET_KEY = "dev-secret-key-not-for-production"
DEV_DATA_KEY = "dev-data-key-not-for-production"


class ConfigError(RuntimeError):
    """A setting that makes it unsafe to run; the message names the variable."""


def default_env(environ: Mapping[str, str]) -> str:
    """`production` unless HOTLINE_ENV says otherwise, whatever server or command runs."""
    return environ.get("HOTLINE_ENV") or "production"


def database_url(url: str | None, instance_path: str) -> str:
    """Normalise a DATABASE_URL to a SQLAlchemy URL with the psycopg 3 driver."""
    if not url:
        return "sqlite:///" + os.path.join(instance_path, "hotline.sqlite")
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _int(environ: Mapping[str, str], name: str, default: int) -> int:
    raw = environ.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number of seconds, not {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{name} must be positive, not {raw!r}")
    return value


def from_env(environ: Mapping[str, str] | None = None, instance_path: str = "instance") -> dict:
    """Read every setting of contract §2 from the environment."""
    env = os.environ if environ is None else environ
    hotline_env = default_env(env)
    development = hotline_env != "production"  # production gets no defaults for secrets
    return {
        "HOTLINE_ENV": hotline_env,
        "DATABASE_URL": database_url(env.get("DATABASE_URL"), instance_path),
        "REDIS_URL": env.get("REDIS_URL") or None,
        "SECRET_KEY": env.get("SECRET_KEY") or (DEV_SECRET_KEY if development else None),
        "DATA_KEY": env.get("DATA_KEY") or (DEV_DATA_KEY if development else None),
        "HOTLINE_NUMBER": env.get("HOTLINE_NUMBER") or (
            DEV_HOTLINE_NUMBER if development else None),
        "PUBLIC_URL": (env.get("PUBLIC_URL") or "").rstrip("/") or None,
        "TWILIO_ACCOUNT_SID": env.get("TWILIO_ACCOUNT_SID") or None,
        "TWILIO_AUTH_TOKEN": env.get("TWILIO_AUTH_TOKEN") or None,
        "TWILIO_API_URL": (env.get("TWILIO_API_URL") or "https://api.twilio.com").rstrip("/"),
        # texts then go out from the service's pool of numbers (sticky per recipient)
        "TWILIO_MESSAGING_SERVICE_SID": env.get("TWILIO_MESSAGING_SERVICE_SID") or None,
        "OFFER_TIMEOUT_SECONDS": _int(env, "OFFER_TIMEOUT_SECONDS", 120),
        "CHECKIN_AFTER_SECONDS": _int(env, "CHECKIN_AFTER_SECONDS", 86400),
        "MENU_TIMEOUT_SECONDS": _int(env, "MENU_TIMEOUT_SECONDS", 60),
        "MAX_CONTENT_LENGTH": MAX_REQUEST_BYTES,
        "PROXY_HOPS": _hops(env),
        "METRICS_TOKEN": env.get("METRICS_TOKEN") or None,  # unset: /metrics answers 404
        "LOG_FORMAT": _log_format(env),
    }


def _log_format(environ: Mapping[str, str]) -> str:
    """LOG_FORMAT: plain (the default) or json, one object a line."""
    value = (environ.get("LOG_FORMAT") or "plain").strip().lower()
    if value not in ("plain", "json"):
        raise ConfigError(f"LOG_FORMAT must be plain or json, not {value!r}")
    return value


def _hops(environ: Mapping[str, str]) -> int:
    """PROXY_HOPS: how many proxies in front set X-Forwarded-For (0: trust no such header)."""
    raw = environ.get("PROXY_HOPS") or "0"
    if not raw.isdigit():
        raise ConfigError(f"PROXY_HOPS must be a whole number, not {raw!r}")
    return int(raw)


MAX_REQUEST_BYTES = 64 * 1024  # a Twilio webhook is a few kilobytes; anything larger is refused


REQUIRED_IN_PRODUCTION = {
    "SECRET_KEY": DEV_SECRET_KEY,
    "DATA_KEY": DEV_DATA_KEY,
    "REDIS_URL": None,
    "TWILIO_ACCOUNT_SID": None,
    "TWILIO_AUTH_TOKEN": None,
    "HOTLINE_NUMBER": DEV_HOTLINE_NUMBER,
}


def check(config: Mapping[str, object]) -> None:
    """Refuse unsafe settings: in production every secret is set and none is a default."""
    env = config.get("HOTLINE_ENV")
    if env not in ("production", "development", "test"):
        raise ConfigError(f"HOTLINE_ENV must be production, development or test, not {env!r}")
    if env != "production":
        return
    for name, dev_default in REQUIRED_IN_PRODUCTION.items():
        value = config.get(name)
        if not value:
            raise ConfigError(f"{name} is required in production")
        if value == dev_default:
            raise ConfigError(f"{name} is still the development default; set a real one")
    if not config.get("PUBLIC_URL"):
        raise ConfigError("PUBLIC_URL is required in production (the https origin Twilio "
                          "calls, e.g. https://line.example.org)")
    if str(config.get("DATABASE_URL") or "sqlite").startswith("sqlite"):
        raise ConfigError("DATABASE_URL is required in production (PostgreSQL, shared by "
                          "every process)")
    if not secure_origin(str(config.get("TWILIO_API_URL") or "")):
        raise ConfigError("TWILIO_API_URL must be https (http only for a loopback host)")
    check_data_key(str(config["DATA_KEY"]))
    token = config.get("METRICS_TOKEN")
    if token and len(str(token)) < MIN_METRICS_TOKEN:
        raise ConfigError(f"METRICS_TOKEN must be at least {MIN_METRICS_TOKEN} random "
                          f"characters: {GENERATE_KEY}")


MIN_KEY_BYTES = 32
MIN_METRICS_TOKEN = 24
GENERATE_KEY = 'python3 -c "import secrets; print(secrets.token_urlsafe(32))"'


def check_data_key(data_key: str) -> None:
    """Every key in DATA_KEY (comma-separated, newest first) is random: at least 32 bytes in
    URL-safe base64, the form `secrets.token_urlsafe(32)` prints. A passphrase is refused."""
    for key in data_key.split(","):
        key = key.strip()
        try:
            raw = base64.urlsafe_b64decode(key + "=" * (-len(key) % 4))
            valid = len(raw) >= MIN_KEY_BYTES and base64.urlsafe_b64encode(raw).rstrip(
                b"=").decode() == key.rstrip("=")
        except (binascii.Error, ValueError):
            valid = False
        if not valid:
            raise ConfigError(f"DATA_KEY must be random keys of at least {MIN_KEY_BYTES} bytes, "
                              f"comma-separated; make one with: {GENERATE_KEY}")


def secure_origin(url: str) -> bool:
    """https, or http to this machine only (a local Twilio-compatible server)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return True
    if parts.scheme != "http" or not parts.hostname:
        return False
    if parts.hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(parts.hostname).is_loopback
    except ValueError:
        return False
