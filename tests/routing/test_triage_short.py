"""Short texts, and what `why` tells a responder.

The line reads every text a person sends with the same triage, the ones sent while waiting or
mid-conversation too, and an urgent reading wakes every responder on call. A plea or a wait
with nothing else ("please", "still here") must not read as danger; a few words that do say
danger now must. These tables were written for these tests, not taken from any evaluation set.
"""

from __future__ import annotations

import re

import pytest

from routing.triage import WHY_LENGTH, triage

SHORT_AND_CALM = [
    # the four reported
    "please", "hurry", "please hurry", "still here",
    # pleas, waits and thanks, English
    "pls hurry", "hurry up please", "can you hurry", "plz", "ok", "k thanks", "thank you",
    "yes", "no", "sorry", "hello??", "is anyone there", "are you still there?", "i'm here",
    "still waiting", "waiting...", "ok i'll wait", "how long", "how much longer", "hi again",
    "ok", "got it", "ty", "sure", "brb", "still here, still waiting",
    # pleas, waits and thanks, Spanish
    "por favor", "porfa", "apúrense por favor", "rápido porfa", "sigo aquí", "gracias",
    "ok gracias", "¿hay alguien?", "¿siguen ahí?", "todavía espero", "bueno", "sí", "ya",
    "hola?", "perdón", "cuánto falta",
]

SHORT_AND_DANGEROUS = [
    # the four reported
    "not breathing", "he's here with a knife", "took them all", "ya se tomo todo",
    # English
    "she's not breathing", "took the whole bottle", "he's kicking the door in",
    "gun to my head", "lips are blue, wont wake", "cut deep cant stop the bleeding",
    "swallowed all my pills", "he's choking me", "rope is ready tonight",
    "my friend is seizing", "he has a gun and he's here",
    # Spanish
    "no respira", "me tomé todas las pastillas", "tiene un cuchillo y está aquí",
    "está pateando la puerta", "me corté y no para de sangrar", "se está convulsionando",
    "me voy a matar hoy",
]


@pytest.mark.parametrize("text", SHORT_AND_CALM)
def test_a_short_text_with_no_danger_in_it_is_not_urgent(text: str) -> None:
    result = triage(text)
    assert not result.urgent, result.why


@pytest.mark.parametrize("text", SHORT_AND_DANGEROUS)
def test_a_short_text_that_says_danger_now_is_urgent(text: str) -> None:
    assert triage(text).urgent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the rules' kind of danger in plain words, and the person's words as written
        ("i have the pills in my hand and i'm going to take them all", "intent stated: \""),
        ("I'm gonna kms tonight", '"gonna kms"'),
        ("im gonna kms rn", "intent and a time"),
        ("my friend od'd and isn't breathing", 'overdose signs: "isn\'t breathing"'),
        ("he's at the door with a knife right now", "violence now"),
        ("Tomé todas mis pastíllas", '"Tomé todas mis pastíllas"'),
        ("no one will miss me, ive got the rope ready for tonight", "plan and a time"),
        ("day 4 off the bottle and i think i just had a seizure", "seizure now"),
        ("hola", "no danger now; need not clear"),
    ],
)
def test_why_names_the_kind_of_signal_and_quotes_the_person(text: str, expected: str) -> None:
    why = triage(text).why
    assert expected in why
    assert len(why) <= WHY_LENGTH


@pytest.mark.parametrize(
    "text",
    [
        "I have pills in my hand",
        "i took all my pils",
        "im holdin the pillz rite now and gonna take em all",
        "my boyfriend's hitting me rn",
        "gave my dog to my sister today and wrote everyone letters",
        "shes not waking up after the fent",
        "se tomó todas las pastillas de mi abuela",
        "please hurry",
        "still here",
    ],
)
def test_why_quotes_only_words_the_person_wrote(text: str) -> None:
    why = triage(text).why
    assert 0 < len(why) <= WHY_LENGTH
    for quote in re.findall(r'"([^"]*)"', why):
        assert quote.rstrip("…") in text, (quote, why)
    assert "'please'" not in why and '"please"' not in why
