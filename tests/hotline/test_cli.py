"""The `hotline` command as coordinators and deployers use it."""

from __future__ import annotations

import json

import pytest
import yaml

from hotline.cli import cli
from tests.hotline.line import roster


@pytest.fixture
def run(app):
    runner = app.test_cli_runner(mix_stderr=False) if _mixes() else app.test_cli_runner()

    def invoke(*args, input=None):
        return runner.invoke(cli, list(args), input=input)

    return invoke


def _mixes() -> bool:
    import inspect

    from click.testing import CliRunner

    return "mix_stderr" in inspect.signature(CliRunner.__init__).parameters


def write(tmp_path, doc, name="roster.yaml") -> str:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc) if name.endswith(".yaml") else json.dumps(doc))
    return str(path)


def test_a_roster_imports_and_exports_the_same(run, tmp_path):
    result = run("roster", "import", write(tmp_path, roster()))
    assert result.exit_code == 0, result.output
    assert "4 responders" in result.output
    exported = run("roster", "export").output
    assert yaml.safe_load(exported)["backup"] == ["Dee Park"]
    again = run("roster", "import", write(tmp_path, yaml.safe_load(exported), "again.yaml"))
    assert again.exit_code == 0
    assert run("roster", "export").output == exported


def test_a_json_roster_imports_too(run, tmp_path):
    assert run("roster", "import", write(tmp_path, roster(), "roster.json")).exit_code == 0


def test_a_roster_with_problems_lists_each_with_its_place_and_changes_nothing(run, tmp_path):
    run("roster", "import", write(tmp_path, roster()))
    before = run("roster", "export").output
    bad = roster()
    bad["rotations"][1]["members"].append("Bo")
    bad["responders"][0]["phone"] = "510-555"
    result = run("roster", "import", write(tmp_path, bad, "bad.yaml"))
    assert result.exit_code == 1
    assert 'rotations[1].members[2]: no responder named "Bo"' in result.stderr
    assert "responders[0].phone" in result.stderr
    assert run("roster", "export").output == before


def test_a_file_that_is_not_yaml_says_where(run, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("timezone: [unclosed\n")
    result = run("roster", "import", str(path))
    assert result.exit_code == 1
    assert "line" in result.stderr and "not valid YAML" in result.stderr


def test_oncall_prints_who_is_on_call_as_json(run, tmp_path):
    run("roster", "import", write(tmp_path, roster()))
    result = run("oncall", "--category", "substance_use", "--at", "2026-11-23T10:00")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["category"] == "substance_use"
    assert answer["on_call"] == ["Ben Ortiz", "Cy Lam"]
    assert answer["at"].startswith("2026-11-23T10:00:00-08:00")


def test_oncall_outside_line_hours_is_nobody(run, tmp_path):
    doc = roster(hours=[{"days": ["fri", "sat"], "from": "20:00", "to": "08:00"}])
    run("roster", "import", write(tmp_path, doc))
    monday = json.loads(run("oncall", "--category", "mental_health",
                            "--at", "2026-11-23T21:00").output)
    saturday_night = json.loads(run("oncall", "--category", "mental_health",
                                    "--at", "2026-11-28T02:00").output)
    assert monday["on_call"] == []
    assert saturday_night["on_call"] == ["Ben Ortiz", "Ana Reyes"]


def test_triage_prints_json_for_one_text_and_for_a_stream(run):
    one = json.loads(run("triage", "my friend OD'd and isn't breathing").output)
    assert {key: one[key] for key in ("category", "urgent", "language")} == {
        "category": "substance_use", "urgent": True, "language": "en"}
    assert "breath" in one["why"]  # the deciding signal, in words a responder reads
    lines = run("triage", input="hey\nmi pareja me golpea\n").output.splitlines()
    assert [json.loads(x)["language"] for x in lines] == ["en", "es"]
    assert json.loads(lines[1])["category"] == "safety_planning"


def test_db_upgrade_can_run_again(run):
    result = run("db", "upgrade")
    assert result.exit_code == 0
    assert "up to date" in result.output
