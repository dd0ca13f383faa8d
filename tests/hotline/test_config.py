"""Production refuses to start unsafely; development has working defaults."""

import pytest

from hotline.infra import config

PRODUCTION = {
    "HOTLINE_ENV": "production",
    "SECRET_KEY": "s3cret",
    "DATA_KEY": "q4dS3nWk8b1bX0cJ5cXl2yq8wD3e2vR7aT9mPp6uYhE",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "TWILIO_ACCOUNT_SID": "AC123",
    "TWILIO_AUTH_TOKEN": "token",
    "HOTLINE_NUMBER": "+15105550100",
    "PUBLIC_URL": "https://line.example.org",
    "DATABASE_URL": "postgresql://hotline@db.internal/hotline",
}


def test_a_complete_production_environment_starts():
    config.check(config.from_env(PRODUCTION))


@pytest.mark.parametrize("missing", sorted(config.REQUIRED_IN_PRODUCTION))
def test_production_refuses_a_missing_setting_and_names_it(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    with pytest.raises(config.ConfigError, match=f"{missing} is required in production"):
        config.check(config.from_env(env))


@pytest.mark.parametrize("name, default", [("SECRET_KEY", config.DEV_SECRET_KEY),
                                           ("HOTLINE_NUMBER", config.DEV_HOTLINE_NUMBER)])
def test_production_refuses_a_development_default(name, default):
    with pytest.raises(config.ConfigError, match=f"{name} is still the development default"):
        config.check(config.from_env({**PRODUCTION, name: default}))


def test_development_runs_on_embedded_defaults():
    settings = config.from_env({"HOTLINE_ENV": "development"}, instance_path="data")
    config.check(settings)
    assert settings["DATABASE_URL"] == "sqlite:///data/hotline.sqlite"
    assert settings["REDIS_URL"] is None
    assert settings["OFFER_TIMEOUT_SECONDS"] == 120


@pytest.mark.parametrize("url", ["postgres://u@h/db", "postgresql://u@h/db"])
def test_postgres_urls_use_the_psycopg_driver(url):
    assert config.database_url(url, "x") == "postgresql+psycopg://u@h/db"


def test_a_bad_timeout_is_a_clear_error():
    with pytest.raises(config.ConfigError, match="OFFER_TIMEOUT_SECONDS"):
        config.from_env({"OFFER_TIMEOUT_SECONDS": "soon"})


@pytest.mark.parametrize("value", ["fast", "-1", "nan"])
def test_a_bad_sender_rate_is_a_clear_error(value):
    with pytest.raises(config.ConfigError, match="SENDER_SEGMENTS_PER_SECOND"):
        config.from_env({"SENDER_SEGMENTS_PER_SECOND": value})


def test_senders_are_paced_at_a_long_codes_rate_unless_told_otherwise():
    assert config.from_env({})["SENDER_SEGMENTS_PER_SECOND"] == 1
    assert config.from_env({"SENDER_SEGMENTS_PER_SECOND": "0"})["SENDER_SEGMENTS_PER_SECOND"] == 0
