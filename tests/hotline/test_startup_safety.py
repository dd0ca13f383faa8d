"""The line will not run unsafely: a wrong DATA_KEY, a default environment, a missing or
unsafe production setting, or an oversized request all stop at the door."""

from __future__ import annotations

import secrets

import pytest
from click.testing import CliRunner

from hotline.app import create_app
from hotline.cli import cli
from hotline.infra import crypto
from hotline.infra.config import ConfigError
from hotline.infra.db import transaction
from tests.hotline.conftest import ACCOUNT_SID, AUTH_TOKEN
from tests.hotline.line import roster

KEY, OTHER_KEY = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
GONE_POSTGRES = "postgresql://postgres@127.0.0.1:1/gone"


def production(twilio_url: str, **changes) -> dict:
    """A complete production environment, as a deployer sets it."""
    env = {
        "HOTLINE_ENV": "production", "DATABASE_URL": GONE_POSTGRES,
        "REDIS_URL": "redis://127.0.0.1:6379/0", "SECRET_KEY": secrets.token_urlsafe(32),
        "DATA_KEY": KEY, "HOTLINE_NUMBER": "+15105550100", "PUBLIC_URL": "https://line.example.org",
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_API_URL": twilio_url,
    }
    env.update(changes)
    return {k: v for k, v in env.items() if v is not None}


def hotline(env: dict, *args: str):
    """Run the `hotline` command with exactly this environment."""
    return CliRunner().invoke(cli, list(args), env={"FLASK_APP": None, **env})


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("HOTLINE_ENV", "DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DATA_KEY",
                 "HOTLINE_NUMBER", "PUBLIC_URL", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN",
                 "TWILIO_API_URL"):
        monkeypatch.delenv(name, raising=False)
    yield
    crypto.configure(crypto_key_of_tests())


def crypto_key_of_tests() -> str:
    from hotline.infra.config import DEV_DATA_KEY

    return DEV_DATA_KEY


# Item 3: a wrong DATA_KEY


def test_a_wrong_data_key_refuses_to_start_and_the_readiness_check_fails(
        database_url, redis_url, twilio, clean_env):
    config = {"HOTLINE_ENV": "test", "DATABASE_URL": database_url, "REDIS_URL": redis_url,
              "DATA_KEY": KEY}
    first = create_app(config)  # on an empty database there is nothing to prove yet
    with first.app_context():
        with transaction() as session:
            from hotline.cases import rosters

            rosters.import_roster(session, roster())
    assert first.test_client().get("/readyz").status_code == 200

    with pytest.raises(ConfigError, match="DATA_KEY does not decrypt"):
        create_app({**config, "DATA_KEY": OTHER_KEY})
    refused = hotline({**config, "DATA_KEY": OTHER_KEY}, "roster", "export")
    assert refused.exit_code == 1
    assert "refusing to start: DATA_KEY does not decrypt" in refused.output

    crypto.configure(KEY)  # a process started before the data existed, with the wrong key
    late = create_app({**config, "DATA_KEY": OTHER_KEY, "DATABASE_URL": GONE_POSTGRES})
    late.extensions["hotline.engine"] = first.extensions["hotline.engine"]
    answer = late.test_client().get("/readyz")
    assert answer.status_code == 503
    assert "DATA_KEY" in answer.get_data(as_text=True)
    first.extensions["hotline.engine"].dispose()


# Item 7: production unless development is asked for, and the simulator only on a local database


def test_without_hotline_env_every_entry_point_runs_as_production(clean_env, tmp_path):
    local = {"DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite"}
    with pytest.raises(ConfigError, match="SECRET_KEY is required in production"):
        create_app(local)
    refused = hotline(local, "db", "upgrade")
    assert refused.exit_code == 1
    assert "refusing to start: SECRET_KEY is required in production" in refused.output


def test_the_simulator_is_not_served_on_a_shared_database(clean_env, tmp_path):
    shared = create_app({"HOTLINE_ENV": "development", "DATABASE_URL": GONE_POSTGRES,
                         "REDIS_URL": None, "TWILIO_ACCOUNT_SID": None})
    assert shared.test_client().get("/simulator/state").status_code == 404
    local = create_app({"HOTLINE_ENV": "development", "REDIS_URL": None,
                        "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite",
                        "TWILIO_ACCOUNT_SID": None})
    assert local.test_client().get("/simulator/state").status_code != 404  # scripts/demo


# Item 11: unsafe production settings


@pytest.mark.parametrize("change, named", [
    ({"PUBLIC_URL": None}, "PUBLIC_URL is required in production"),
    ({"DATABASE_URL": None}, "DATABASE_URL is required in production"),
    ({"TWILIO_API_URL": "http://api.twilio.example.org"}, "TWILIO_API_URL must be https"),
])
def test_production_refuses_an_unsafe_setting_in_one_line_naming_it(
        twilio, clean_env, change, named):
    refused = hotline(production(twilio.url, **change), "roster", "export")
    assert refused.exit_code == 1
    lines = refused.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"hotline: refusing to start: {named}")


def test_a_local_twilio_over_http_is_allowed_in_production(twilio, clean_env):
    app = create_app(production(twilio.url))  # the acceptance scripts' fake Twilio
    assert app.config["TWILIO_API_URL"].startswith("http://127.0.0.1:")


# Item 6: DATA_KEY is random, not a passphrase


@pytest.mark.parametrize("weak", ["my,secret", "correct horse battery staple",
                                  f"{KEY},hunter2"])
def test_production_refuses_a_passphrase_as_data_key(twilio, clean_env, weak):
    refused = hotline(production(twilio.url, DATA_KEY=weak), "roster", "export")
    assert refused.exit_code == 1
    assert "refusing to start: DATA_KEY must be random keys" in refused.output
    assert "secrets.token_urlsafe(32)" in refused.output


def test_two_random_keys_for_a_rotation_are_accepted(twilio, clean_env):
    create_app(production(twilio.url, DATA_KEY=f"{OTHER_KEY},{KEY}"))


# Item 12: request bodies are capped


def test_an_oversized_webhook_is_refused_and_nothing_is_stored(line):
    line.load()
    response = line.text("+15555550123", "x" * 200_000)
    assert response.status_code == 413
    assert line.inbox("+15555550123") == []
