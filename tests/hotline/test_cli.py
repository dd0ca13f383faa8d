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


def test_triage_needs_no_settings_at_all(tmp_path):
    """Reading a text needs no database, no Redis and no secrets: on a machine with nothing
    set (production by default), `hotline triage` still answers."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path)}
    done = subprocess.run([str(Path(sys.executable).with_name("hotline")), "triage",
                           "i have the pills in my hand"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["urgent"] is True


def test_db_upgrade_can_run_again(run):
    result = run("db", "upgrade")
    assert result.exit_code == 0
    assert "up to date" in result.output


DEMO = "hotline/demo/roster.yaml"


def _demo_with(tmp_path, old: str, new: str) -> tuple[str, list[str]]:
    """The demo roster file with one piece of text changed, and its lines."""
    from pathlib import Path

    text = Path(DEMO).read_text()
    assert old in text
    path = tmp_path / "roster.yaml"
    path.write_text(text.replace(old, new, 1))
    return str(path), path.read_text().splitlines()


def _line(lines: list[str], piece: str) -> int:
    return next(n for n, line in enumerate(lines, 1) if piece in line)


def test_each_problem_names_its_line_in_the_file_and_guesses_a_misspelt_name(run, tmp_path):
    path, lines = _demo_with(tmp_path, "members: [Ben Ortiz, Cy Lam]",
                             "members: [Ben Ortiz, Cy Lam, Bo]")
    result = run("roster", "import", path)
    assert result.exit_code == 1
    line = _line(lines, "Bo]")
    assert (f'{path}:{line}: rotations[1].members[2]: no responder named "Bo"'
            ' (did you mean "Ben Ortiz"?)') in result.stderr.splitlines()


def test_a_missing_key_is_placed_at_the_entry_that_lacks_it(run, tmp_path):
    path, lines = _demo_with(tmp_path, '    phone: "+15105550103"\n', "")
    result = run("roster", "import", path)
    assert result.exit_code == 1
    assert f"{path}:{_line(lines, 'name: Cy Lam')}: responders[2].phone: missing" in result.stderr


def test_nonsense_overrides_are_refused_and_change_nothing(run, tmp_path):
    run("roster", "import", DEMO)
    before = run("roster", "export").output
    path, lines = _demo_with(tmp_path, "backup: [Dee Park]", """overrides:
  - rotation: Mental health
    responder: Ana Reyes
    replaces: Ana Reyes
    from: "2026-11-27T20:00"
    to: "2026-11-28T08:00"
  - rotation: Substance use
    responder: Dee Park
    replaces: Cy Lam
    from: "2026-11-27T20:00"
    to: "2026-11-28T08:00"
  - rotation: Substance use
    responder: Ana Reyes
    replaces: Cy Lam
    from: "2026-11-28T06:00"
    to: "2026-11-28T09:00"
backup: [Dee Park]""")
    result = run("roster", "import", path)
    assert result.exit_code == 1
    problems = result.stderr.splitlines()
    assert problems[0] == (f'{path}:{_line(lines, "replaces: Ana Reyes")}: overrides[0].replaces:'
                           ' "Ana Reyes" cannot replace themself (responder is "Ana Reyes")')
    assert "overrides[2].responder: \"Ana Reyes\" does not serve substance_use" in problems[1]
    assert problems[-1] == "roster not imported: 2 problem(s)"
    assert run("roster", "export").output == before


def test_warnings_are_printed_on_import_and_the_roster_still_loads(run, tmp_path):
    path, lines = _demo_with(tmp_path, '\n      es: "Si alguien no despierta', '\n      #')
    result = run("roster", "import", path)
    assert result.exit_code == 0, result.stderr
    assert "roster imported: 4 responders" in result.output
    line = _line(lines, "substance_use:")
    assert result.stderr.splitlines() == [
        f"{path}:{line}: warning: resources.urgent.substance_use: in English only, though Ana"
        " Reyes and Dee Park speak Spanish; people who text in Spanish get resources.es instead"
    ]


def test_oncall_without_a_category_lists_every_category_for_people(run, tmp_path):
    run("roster", "import", write(tmp_path, roster()))
    result = run("oncall", "--at", "2026-11-23T10:00")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "On call at Mon 23 Nov 10:00 PST (America/Los_Angeles):",
        "  mental_health    Ben Ortiz, Ana Reyes",
        "  substance_use    Ben Ortiz, Cy Lam",
        "  safety_planning  Ana Reyes, Cy Lam",
    ]


def test_oncall_says_when_a_closed_line_opens(run, tmp_path):
    doc = roster(hours=[{"days": ["fri", "sat"], "from": "20:00", "to": "08:00"}])
    run("roster", "import", write(tmp_path, doc))
    result = run("oncall", "--at", "2026-11-23T10:00")
    assert "  mental_health    nobody: the line is closed until Fri 27 Nov 20:00 PST" in (
        result.output.splitlines())


def test_oncall_as_json_without_a_category_is_one_object_a_category(run, tmp_path):
    run("roster", "import", write(tmp_path, roster()))
    lines = run("oncall", "--json", "--at", "2026-11-23T10:00").output.splitlines()
    answers = [json.loads(line) for line in lines]
    assert [a["category"] for a in answers] == ["mental_health", "substance_use",
                                                "safety_planning"]
    assert answers[1] == {"category": "substance_use", "at": "2026-11-23T10:00:00-08:00",
                          "on_call": ["Ben Ortiz", "Cy Lam"]}
    one = run("oncall", "--json", "--category", "substance_use", "--at", "2026-11-23T10:00")
    assert one.output.splitlines() == [lines[1]]


def test_oncall_week_shows_each_shift_with_overrides_and_line_hours(run, tmp_path):
    doc = roster(
        hours=[{"days": ["fri", "sat"], "from": "20:00", "to": "08:00"}],
        overrides=[{"rotation": "Mental health", "responder": "Dee Park",
                    "replaces": "Ana Reyes", "from": "2026-11-27T22:00",
                    "to": "2026-11-28T02:00"}],
    )
    run("roster", "import", write(tmp_path, doc))
    result = run("oncall", "--week", "--category", "mental_health", "--at", "2026-11-23T10:00")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "On call from Mon 23 Nov 10:00 PST to Mon 30 Nov 10:00 PST (America/Los_Angeles)",
        "",
        "mental_health",
        "  from                  to                    on call",
        "  Mon 23 Nov 10:00 PST  Fri 27 Nov 20:00 PST  line closed",
        "  Fri 27 Nov 20:00 PST  Fri 27 Nov 22:00 PST  Ben Ortiz, Ana Reyes",
        "  Fri 27 Nov 22:00 PST  Sat 28 Nov 02:00 PST  Ben Ortiz, Dee Park",
        "  Sat 28 Nov 02:00 PST  Sat 28 Nov 08:00 PST  Ben Ortiz, Ana Reyes",
        "  Sat 28 Nov 08:00 PST  Sat 28 Nov 20:00 PST  line closed",
        "  Sat 28 Nov 20:00 PST  Sun 29 Nov 08:00 PST  Ben Ortiz, Ana Reyes",
        "  Sun 29 Nov 08:00 PST  Mon 30 Nov 10:00 PST  line closed",
    ]


def test_oncall_week_covers_every_category_and_can_be_json(run, tmp_path):
    run("roster", "import", write(tmp_path, roster()))
    table = run("oncall", "--week", "--at", "2026-11-23T10:00").output
    assert all(f"\n{name}\n" in table
               for name in ("mental_health", "substance_use", "safety_planning"))
    rows = [json.loads(line) for line in
            run("oncall", "--week", "--json", "--at", "2026-11-23T10:00").output.splitlines()]
    assert rows[0] == {"category": "mental_health", "from": "2026-11-23T10:00:00-08:00",
                       "to": "2026-11-30T10:00:00-08:00", "on_call": ["Ben Ortiz", "Ana Reyes"],
                       "open": True}


def test_triage_as_a_table_shows_each_text_beside_its_answer(run):
    lines = run("triage", "--table", input="hey\nmi pareja me golpea\n").output.splitlines()
    assert lines[0].split() == ["category", "urgent", "lang", "text", "why"]
    assert lines[1].split()[:4] == ["unclear", "no", "en", "hey"]
    assert lines[2].startswith("safety_planning")
    assert "mi pareja me golpea" in lines[2] and "  es  " in lines[2]


def test_a_responder_renamed_in_the_roster_keeps_their_record(app, run, tmp_path):
    from sqlmodel import select

    from hotline.infra.db import transaction
    from hotline.infra.models import Responder

    doc = roster()
    assert run("roster", "import", write(tmp_path, doc)).exit_code == 0
    with app.app_context(), transaction() as session:
        ana = session.exec(select(Responder).where(Responder.name == "Ana Reyes")).one()
        ana.taking_offers = False  # she turned herself OFF
        ana_id = ana.id
    renamed = yaml.safe_load(yaml.safe_dump(doc).replace("Ana Reyes", "Ana María Reyes"))
    assert run("roster", "import", write(tmp_path, renamed, "b.yaml")).exit_code == 0
    with app.app_context(), transaction() as session:
        rows = list(session.exec(select(Responder).where(Responder.in_roster)))
        ana = session.get(Responder, ana_id)
    assert (ana.name, ana.in_roster, ana.taking_offers) == ("Ana María Reyes", True, False)
    assert sorted(r.name for r in rows) == ["Ana María Reyes", "Ben Ortiz", "Cy Lam", "Dee Park"]
