"""The schedule editor: the roster in forms, checked by the engine's own validation, each
problem beside its field, previewed for 14 days, saved in one transaction with an audit
entry that names no phone number."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import yaml
from sqlmodel import select

from hotline.cases import rosters
from hotline.infra.accounts import AuditEntry
from hotline.infra.db import transaction
from hotline.infra.models import Line, Responder, utcnow
from tests.hotline.console_client import HTML, join, post
from tests.hotline.line import ANA, BEN, CY, DEE, roster
from tests.hotline.schedule_page import Editor, preview_rows, row_named, spare_row
from tests.hotline.test_console_now import assert_no_number, coordinator

ZONE = ZoneInfo("America/Los_Angeles")


def saved() -> dict:
    with transaction() as session:
        return rosters.line_for(session).roster


def local(moment) -> str:
    return moment.astimezone(ZONE).strftime("%Y-%m-%dT%H:%M")


def notes(editor: Editor, field: str) -> str:
    """What the page says beside a field: its hint and its problems."""
    found = re.search(rf'id="{field}-notes">(.*?)</div>', editor.page.text, re.S)
    return html.unescape(found.group(1))


def schedule_entries() -> list[AuditEntry]:
    with transaction() as session:
        return session.exec(select(AuditEntry).where(AuditEntry.kind == "schedule_changed")
                            .order_by(AuditEntry.id)).all()


def test_the_editor_shows_the_roster_with_every_phone_masked(app, line):
    line.load()
    client, line_id = coordinator(app)
    editor = Editor(client, line_id)
    text = editor.page.text
    assert "Schedule of line" in text and "Mental health" in text
    assert "Saved number ends in 01" in text and "Saved number ends in 04" in text
    assert_no_number(text)
    assert all(value == "" for name, value in editor.form.items()
               if name.endswith("-phone"))
    assert preview_rows(text, "mental_health") == [("staffed", "Ben Ortiz, Ana Reyes")]


def test_editing_a_rotation_changes_the_preview_and_saving_stores_it(app, line):
    line.load()
    client, line_id = coordinator(app)
    editor = Editor(client, line_id)
    row = row_named(editor.form, "rotations", "name", "Mental health")
    answer = editor.preview(**{f"rotations-{row}-per_shift": "1"})
    assert answer.status_code == 200
    shown = preview_rows(editor.page.text, "mental_health")
    assert len(shown) >= 2 and all(who in ("Ben Ortiz", "Ana Reyes") for _, who in shown)
    assert shown[0][1] != shown[1][1]  # one of them a week, in turn
    assert saved()["rotations"][0]["per_shift"] == 2  # nothing saved by a preview
    answer = editor.save()
    assert answer.status_code == 302
    assert "The schedule is saved." in editor.page.text
    assert saved()["rotations"][0]["per_shift"] == 1
    assert preview_rows(editor.page.text, "mental_health") == shown
    [entry] = schedule_entries()
    assert entry.actor == "coord@example.org" and entry.detail["parts"] == ["rotations"]


def test_each_problem_is_shown_beside_its_field_and_nothing_is_saved(app, line):
    line.load()
    client, line_id = coordinator(app)
    editor = Editor(client, line_id)
    before = saved()
    row = row_named(editor.form, "rotations", "name", "Safety")
    answer = editor.preview(**{f"rotations-{row}-members": "Ana Reyes\nBo",
                               "timezone": "Mars/Olympus"})
    assert answer.status_code == 422
    said = notes(editor, f"rotations-{row}-members")
    assert 'no responder named "Bo"' in said
    assert 'aria-invalid="true"' in editor.page.text
    zone_notes = notes(editor, "timezone")
    assert "Mars/Olympus" in zone_notes
    assert 'id="save"' not in editor.page.text  # no preview, nothing to save
    assert editor.form[f"rotations-{row}-members"] == "Ana Reyes\nBo"  # what was typed stays
    editor.form["action"] = "save"
    assert editor.save().status_code == 422
    assert saved() == before and schedule_entries() == []


def test_an_override_closes_a_gap_in_the_preview(app, line):
    starts = utcnow() + timedelta(days=3)
    doc = roster()
    doc["rotations"][0]["start"] = local(starts.replace(minute=0))
    line.load(doc)
    client, line_id = coordinator(app)
    editor = Editor(client, line_id)
    assert preview_rows(editor.page.text, "mental_health")[0] == ("gap", "Nobody on call")
    assert "with nobody on call" in editor.page.text
    new = spare_row(editor.form, "overrides")
    editor.preview(**{f"overrides-{new}-rotation": "Mental health",
                      f"overrides-{new}-responder": "Dee Park",
                      f"overrides-{new}-from": local(utcnow()),
                      f"overrides-{new}-to": doc["rotations"][0]["start"]})
    shown = preview_rows(editor.page.text, "mental_health")
    assert ("gap", "Nobody on call") not in shown
    assert shown[0] == ("staffed", "Dee Park (covering)")
    assert editor.save().status_code == 302
    assert saved()["overrides"][0]["responder"] == "Dee Park"


def test_past_overrides_are_read_only_and_one_under_way_can_only_end(app, line):
    now = utcnow()
    doc = roster(overrides=[
        {"rotation": "Mental health", "responder": "Dee Park", "replaces": "Ben Ortiz",
         "from": local(now - timedelta(days=3)), "to": local(now - timedelta(days=2))},
        {"rotation": "Safety", "responder": "Ben Ortiz",
         "from": local(now - timedelta(hours=2)), "to": local(now + timedelta(hours=5))},
    ])
    doc["responders"][1]["categories"].append("safety_planning")
    line.load(doc)
    client, line_id = coordinator(app)
    editor = Editor(client, line_id)
    assert "ended (read-only)" in editor.page.text and "under way" in editor.page.text
    assert "overrides-0-from" not in editor.form and "overrides-1-from" not in editor.form
    # A forged edit of the ended one, and a start moved into the past, change nothing.
    answer = editor.preview(**{"overrides-0-to": local(now + timedelta(days=1)),
                               "overrides-0-remove": "1",
                               "overrides-1-from": local(now - timedelta(days=9))})
    assert answer.status_code == 200
    editor.form["overrides-1-remove"] = "1"
    editor.preview()
    assert editor.save().status_code == 302
    kept = saved()["overrides"]
    assert kept[0] == doc["overrides"][0]
    assert kept[1]["from"] == doc["overrides"][1]["from"]
    assert kept[1]["to"] == local(utcnow())  # ended now, not erased from the record
    # A new override may not begin in the past.
    new = spare_row(editor.form, "overrides")
    answer = editor.preview(**{f"overrides-{new}-rotation": "Safety",
                               f"overrides-{new}-responder": "Dee Park",
                               f"overrides-{new}-from": local(now - timedelta(hours=3)),
                               f"overrides-{new}-to": local(now + timedelta(hours=3))})
    assert answer.status_code == 422
    said = notes(editor, f"overrides-{new}-from")
    assert "in the past" in said


def test_a_responder_is_deactivated_not_deleted_and_comes_back_with_their_number(app, line):
    line.load()
    client, line_id = coordinator(app)
    editor = Editor(client, line_id)
    dee = row_named(editor.form, "responders", "key", "Dee Park")
    answer = editor.preview(**{f"responders-{dee}-active": None})
    assert answer.status_code == 422  # still the backup
    said = notes(editor, "backup")
    assert 'no responder named "Dee Park"' in said
    editor.preview(backup="")
    assert editor.save().status_code == 302
    with transaction() as session:
        row = session.exec(select(Responder).where(Responder.name == "Dee Park")).one()
        assert not row.in_roster and row.phone == DEE
    assert "Dee Park" not in [r["name"] for r in saved()["responders"]]
    assert "deactivated" in editor.page.text and "Saved number ends in 04" in editor.page.text
    dee = row_named(editor.form, "responders", "key", "Dee Park")
    editor.preview(**{f"responders-{dee}-active": "1",
                      f"responders-{dee}-categories": ["mental_health"], "backup": "Dee Park"})
    assert editor.save().status_code == 302
    assert {"name": "Dee Park", "phone": DEE, "languages": ["en", "es"],
            "categories": ["mental_health"]} in saved()["responders"]
    entries = schedule_entries()
    assert entries[0].detail["responders_deactivated"] == ["Dee Park"]
    assert entries[1].detail["responders_added"] == ["Dee Park"]


def test_a_new_responder_is_saved_and_then_shown_masked_and_the_audit_holds_no_number(
        app, line):
    line.load()
    client, line_id = coordinator(app)
    editor = Editor(client, line_id)
    new = spare_row(editor.form, "responders")
    editor.preview(**{f"responders-{new}-name": "Eve Soto",
                      f"responders-{new}-phone": "+15105550199",
                      f"responders-{new}-languages": ["en", "es"]})
    assert editor.save().status_code == 302
    assert "Saved number ends in 99" in editor.page.text
    assert "5550199" not in re.sub(r"\D", "", editor.page.text)
    ana = row_named(editor.form, "responders", "key", "Ana Reyes")
    editor.preview(**{f"responders-{ana}-phone": "+15105550111"})
    assert editor.save().status_code == 302
    assert {r["name"]: r["phone"] for r in saved()["responders"]}["Ana Reyes"] == \
        "+15105550111"
    entries = schedule_entries()
    assert entries[-1].detail["phone_changed"] == ["Ana Reyes"]
    flat = re.sub(r"\D", "", str([(e.actor, e.subject, e.detail) for e in entries]))
    for number in (ANA, BEN, CY, DEE, "+15105550199", "+15105550111"):
        assert number[-7:] not in flat


def test_a_change_after_the_preview_is_previewed_again_not_saved(app, line):
    line.load()
    client, line_id = coordinator(app)
    editor = Editor(client, line_id)
    editor.preview(backup="Ben Ortiz")
    editor.form["backup"] = "Cy Lam"
    answer = editor.save()
    assert answer.status_code == 200
    assert "Something changed after the preview" in editor.page.text
    assert saved()["backup"] == ["Dee Park"]
    assert editor.save().status_code == 302 and saved()["backup"] == ["Cy Lam"]


def test_a_save_over_someone_elses_newer_save_is_refused(app, line):
    line.load()
    client, line_id = coordinator(app)
    editor = Editor(client, line_id)
    editor.preview(backup="Ben Ortiz")
    line.load(roster(backup=["Cy Lam"]))
    assert editor.save().status_code == 302
    assert "Someone else saved this schedule meanwhile" in editor.page.text
    assert saved()["backup"] == ["Cy Lam"]


def test_a_roster_exported_after_console_edits_imports_unchanged(app, line):
    line.load()
    client, line_id = coordinator(app)
    editor = Editor(client, line_id)
    new_override = spare_row(editor.form, "overrides")
    new_hours = spare_row(editor.form, "hours")
    rotation = row_named(editor.form, "rotations", "name", "Safety")
    editor.preview(**{
        f"hours-{new_hours}-days": ["mon", "tue", "fri"], f"hours-{new_hours}-from": "17:00",
        f"hours-{new_hours}-to": "09:00",
        f"rotations-{rotation}-members": "Cy Lam\nAna Reyes",
        f"overrides-{new_override}-rotation": "Substance use",
        f"overrides-{new_override}-responder": "Ben Ortiz",
        f"overrides-{new_override}-replaces": "Cy Lam",
        f"overrides-{new_override}-from": local(utcnow() + timedelta(days=1)),
        f"overrides-{new_override}-to": local(utcnow() + timedelta(days=2)),
        "resources-urgent.substance_use.en": "Call 911 now.",
        "resources-urgent.substance_use.es": "Llama al 911 ahora.",
        "retention_days": "14",
    })
    assert editor.save().status_code == 302
    with transaction() as session:
        line_row = rosters.line_for(session)
        before = line_row.roster
        people = sorted((r.name, r.phone, r.languages, r.in_roster)
                        for r in session.exec(select(Responder)))
        exported = rosters.export_roster(session)
    assert before["retention_days"] == 14 and before["hours"][0]["days"] == ["mon", "tue", "fri"]
    with transaction() as session:
        rosters.import_roster(session, yaml.safe_load(exported))
    with transaction() as session:
        assert session.exec(select(Line)).one().roster == before
        assert sorted((r.name, r.phone, r.languages, r.in_roster)
                      for r in session.exec(select(Responder))) == people
    again = Editor(client, line_id).form
    assert {k: v for k, v in again.items() if k != "csrf_token"} == \
        {k: v for k, v in editor.form.items() if k != "csrf_token"}


def test_only_the_lines_coordinators_and_admins_reach_the_editor(app, line):
    line.load()
    client, line_id = coordinator(app)
    with transaction() as session:
        other = rosters.line_numbered(session, "+15550109999").id
    assert client.get(f"/console/lines/{other}/schedule", headers=HTML).status_code == 403
    responder = app.test_client()
    join(responder, "resp@example.org", "responder")
    assert responder.get(f"/console/lines/{line_id}/schedule",
                         headers=HTML).status_code == 403


def test_an_override_added_for_tonight_gets_the_next_text(app, line):
    line.load()
    client, line_id = coordinator(app)
    line.text("+15555550140", "i feel hopeless and can't get out of bed")
    assert line.code_in(BEN)  # Ben is first on the mental health rotation
    editor = Editor(client, line_id)
    new = spare_row(editor.form, "overrides")
    editor.preview(**{f"overrides-{new}-rotation": "Mental health",
                      f"overrides-{new}-responder": "Dee Park",
                      f"overrides-{new}-replaces": "Ben Ortiz",
                      f"overrides-{new}-from": local(utcnow()),
                      f"overrides-{new}-to": local(utcnow() + timedelta(hours=12))})
    assert preview_rows(editor.page.text, "mental_health")[0] == (
        "staffed", "Dee Park (covering), Ana Reyes")
    assert editor.save().status_code == 302
    texts_to_ben = len(line.inbox(BEN))
    line.text("+15555550141", "i feel hopeless and can't get out of bed")
    code = line.code_in(DEE)
    assert len(line.inbox(BEN)) == texts_to_ben  # Ben is covered tonight: nothing new
    line.text(DEE, f"YES {code}")
    assert "Dee" in line.last("+15555550141")


def test_saving_what_is_already_saved_writes_nothing(app, line):
    line.load()
    client, line_id = coordinator(app)
    editor = Editor(client, line_id)
    editor.preview()
    assert editor.save().status_code == 302
    assert "Nothing changed, so nothing was saved." in editor.page.text
    assert schedule_entries() == []


def test_the_preview_keeps_handoffs_on_the_wall_clock_across_the_change_of_clocks(app, line):
    import time_machine

    doc = roster(hours=[{"days": ["sat", "sun"], "from": "18:00", "to": "06:00"}])
    doc["rotations"][0].update(every="daily", per_shift=1, start="2026-10-01T20:00")
    with time_machine.travel(datetime(2026, 10, 28, 19, 0, tzinfo=UTC), tick=True):
        line.load(doc)
        client, line_id = coordinator(app)
        editor = Editor(client, line_id)
        rows = re.findall(r'<tr class="(\w+)">(.*?)</tr>', re.search(
            r'id="preview-mental_health">(.*?)</table>', editor.page.text, re.S).group(1), re.S)
    text = [(state, " ".join(re.sub(r"<[^>]+>", "", row).split())) for state, row in rows]
    # Saturday night's window runs into the morning the clocks go back: 10 hours on the
    # clock, 11 in fact.
    assert ("staffed", "Sat 31 Oct 20:00 PDT Sun 01 Nov 06:00 PST (11 h, the clocks change) "
            "Ben Ortiz") in text
    assert ("staffed", "Sun 01 Nov 18:00 PST Sun 01 Nov 20:00 PST (2 h) Ben Ortiz") in text
    assert ("staffed", "Sun 01 Nov 20:00 PST Mon 02 Nov 06:00 PST (10 h) Ana Reyes") in text
    assert text[0][0] == "closed"


def test_a_forged_form_cannot_erase_an_ended_override_or_break_the_page(app, line):
    now = utcnow()
    ended = {"rotation": "Mental health", "responder": "Dee Park", "replaces": "Ben Ortiz",
             "from": local(now - timedelta(days=3)), "to": local(now - timedelta(days=2))}
    line.load(roster(overrides=[ended]))
    client, line_id = coordinator(app)
    editor = Editor(client, line_id)
    del editor.form["overrides-0-stored"]
    editor.form["overrides-count"] = "0"
    editor.preview(backup="Ben Ortiz")
    assert editor.save().status_code == 302
    assert saved()["overrides"] == [ended] and saved()["backup"] == ["Ben Ortiz"]
    editor.form["rotations-count"] = "many"
    assert editor.preview().status_code == 422  # no rotation read: the override names none


def test_the_editor_speaks_spanish_to_a_spanish_reader(app, line):
    line.load()
    client, line_id = coordinator(app)
    path = f"/console/lines/{line_id}/schedule"
    post(client, "/console/language", {"lang": "es", "back": path}, page=path)
    editor = Editor(client, line_id)
    text = html.unescape(editor.page.text)
    assert "Horario de la línea" in text and "Personas que responden" in text
    assert "El número guardado termina en 01" in text
    assert re.search(r"\b(ene|feb|mar|abr|may|jun|jul|ago|sep|oct|nov|dic)\b", text)
    row = row_named(editor.form, "rotations", "name", "Safety")
    editor.preview(backup="Bo", timezone="Mars/Olympus", **{f"rotations-{row}-per_shift": "9"})
    text = html.unescape(editor.page.text)
    assert "Problema:" in text
    # The engine's own messages too, beside their fields: names and values as written.
    assert 'nadie se llama "Bo" en el horario' in notes(editor, "backup")
    assert "no es el nombre de una zona horaria IANA" in notes(editor, "timezone")
    per_shift = notes(editor, f"rotations-{row}-per_shift")
    assert "9 es más que las 2 personas de la rotación" in per_shift
    assert "no responder named" not in text and "is more than" not in text
