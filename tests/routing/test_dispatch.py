"""Who a case is offered to next."""

from datetime import UTC, datetime, timedelta

import pytest

from routing.dispatch import Candidate, CaseView, Escalate, Offer, Wait, decide, queue_for

NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
TIMEOUT = timedelta(seconds=120)


def person(name, languages=("en",), on=True, busy=False, offered_minutes_ago=None):
    last = NOW - timedelta(minutes=offered_minutes_ago) if offered_minutes_ago else None
    return Candidate(name, tuple(languages), on, busy, last)


def case(urgent=False, language="en", offered=(), open_offers=0, escalated=False):
    return CaseView(urgent, language, frozenset(offered), open_offers, escalated)


def test_offer_goes_to_the_one_offered_least_recently():
    on_call = [person("Ana", offered_minutes_ago=5), person("Ben", offered_minutes_ago=50)]
    decision = decide(case(), on_call, [], NOW, TIMEOUT)
    assert decision == Offer(("Ben",), "on_call", NOW + TIMEOUT)


def test_someone_never_offered_comes_before_everyone_offered_before():
    on_call = [person("Ana", offered_minutes_ago=500), person("Ben")]
    assert decide(case(), on_call, [], NOW, TIMEOUT).names == ("Ben",)


def test_a_language_match_comes_first():
    on_call = [person("Ben"), person("Ana", ("en", "es"), offered_minutes_ago=1)]
    assert decide(case(language="es"), on_call, [], NOW, TIMEOUT).names == ("Ana",)


def test_offer_moves_to_next_responder_after_the_first_was_offered():
    on_call = [person("Ana"), person("Ben")]
    assert decide(case(offered={"Ana"}), on_call, [], NOW, TIMEOUT).names == ("Ben",)


def test_backup_comes_after_the_on_call_responders():
    decision = decide(case(offered={"Ana"}), [person("Ana")], [person("Dee")], NOW, TIMEOUT)
    assert decision == Offer(("Dee",), "backup", NOW + TIMEOUT)


@pytest.mark.parametrize("skipped", [person("Ana", on=False), person("Ana", busy=True)])
def test_off_or_busy_responders_are_skipped_unless_nobody_else_is_left(skipped):
    assert decide(case(), [skipped, person("Ben")], [], NOW, TIMEOUT).names == ("Ben",)
    decision = decide(case(offered={"Ben"}), [skipped, person("Ben")], [], NOW, TIMEOUT)
    assert decision.names == ("Ana",) and decision.stage == "fallback"


def test_busy_responders_are_asked_before_those_who_are_off():
    on_call = [person("Off", on=False), person("Busy", busy=True)]
    assert decide(case(), on_call, [], NOW, TIMEOUT).names == ("Busy",)


def test_nobody_left_escalates_with_an_alert_to_the_backup_list():
    decision = decide(case(offered={"Ana", "Dee"}), [person("Ana")], [person("Dee")], NOW,
                      TIMEOUT)
    assert decision == Escalate(alert=("Dee",))


def test_an_escalated_case_waits_instead_of_escalating_twice():
    assert decide(case(offered={"Ana"}, escalated=True), [person("Ana")], [], NOW,
                  TIMEOUT) == Wait()


def test_open_offers_mean_wait():
    assert decide(case(open_offers=1), [person("Ana")], [], NOW, TIMEOUT) == Wait()


def test_an_urgent_case_goes_to_every_available_on_call_and_backup_responder_at_once():
    on_call = [person("Ana"), person("Ben"), person("Off", on=False)]
    decision = decide(case(urgent=True), on_call, [person("Dee")], NOW, TIMEOUT)
    assert set(decision.names) == {"Ana", "Ben", "Dee"}


def test_an_urgent_case_with_only_busy_responders_still_reaches_them():
    decision = decide(case(urgent=True), [person("Ana", busy=True)], [], NOW, TIMEOUT)
    assert decision.names == ("Ana",)


def test_someone_both_on_call_and_backup_is_offered_once():
    names = [c.name for _, c in queue_for(case(), [person("Ana")], [person("Ana")])]
    assert names == ["Ana"]


def test_with_no_backup_list_the_on_call_responders_are_alerted():
    decision = decide(case(offered={"Ana", "Ben"}), [person("Ana"), person("Ben")], [], NOW,
                      TIMEOUT)
    assert decision == Escalate(alert=("Ana", "Ben"))
