"""LOG_FORMAT=json: one JSON object a line, as free of message bodies and full numbers as the
plain lines, through the same guard."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import subprocess
import sys

import pytest

from hotline.app import create_app
from hotline.infra import logs
from hotline.infra.config import ConfigError
from tests.hotline.line import BEN, shows_part_of
from tests.hotline.test_privacy import PERSON, REPLY, WORDS, conversation
from tests.hotline.test_web_process import ROOT

SCRIPT = """
import logging
from hotline.app import create_app
create_app({"HOTLINE_ENV": "test", "REDIS_URL": None, "DATABASE_URL": "sqlite://"})
log = logging.getLogger("hotline.example")
log.warning("text from %s kept", "+15555550123")
try:
    raise ValueError("refused: (555) 555-0123")
except ValueError:
    log.exception("send failed")
"""


@pytest.mark.parametrize("fmt", ["json", "plain"])
def test_log_format_picks_the_lines_and_both_mask_a_number(fmt, tmp_path):
    env = {**os.environ, "LOG_FORMAT": fmt, "HOTLINE_ENV": "test"}
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, timeout=60,
                          capture_output=True, text=True, check=True)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert "5550123" not in done.stderr and "555-0123" not in done.stderr
    if fmt == "plain":
        assert "WARNING hotline.example: text from +1…23 kept" in done.stderr
        return
    entries = [json.loads(line) for line in lines]  # every line is one object
    kept = next(e for e in entries if e["logger"] == "hotline.example"
                and e["level"] == "WARNING")
    assert kept["message"] == "text from +1…23 kept" and kept["time"].endswith("+00:00")
    failed = next(e for e in entries if e["message"] == "send failed")
    assert "ValueError: refused: …23" in failed["error"]


def test_a_bad_log_format_stops_the_app_with_one_clear_line(monkeypatch):
    monkeypatch.setenv("LOG_FORMAT", "yaml")
    with pytest.raises(ConfigError, match="LOG_FORMAT must be plain or json"):
        create_app({"HOTLINE_ENV": "test", "REDIS_URL": None, "DATABASE_URL": "sqlite://"})


def test_json_logs_of_a_whole_conversation_hold_no_body_and_no_full_number(line):
    out = io.StringIO()
    handler = logs.handler("json", out)
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    try:
        code = conversation(line)
        line.text(BEN, f"DONE {code}")
        line.twilio.opted_out.add(PERSON)
        line.text(PERSON, "STOP")
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    entries = [json.loads(text) for text in out.getvalue().splitlines()]
    ours = [e for e in entries if e["logger"].startswith("hotline")]
    assert ours and all(set(e) <= {"time", "level", "logger", "message", "error"}
                        for e in entries)
    logged = "\n".join(json.dumps(e, ensure_ascii=False) for e in entries)
    assert "…23" in logged  # the person is logged, by the last two digits at most
    for secret in (WORDS, REPLY, "she says"):
        assert secret not in logged
    sids_and_codes = re.compile(rf"\b(?:(?:SM|CA|MM|RE|AC)[0-9a-f]{{32}}|{code})\b")
    for number in (PERSON, BEN):
        shown = sids_and_codes.sub("#", "\n".join(e["message"] for e in ours))
        assert not shows_part_of(shown, number)
