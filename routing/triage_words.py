"""The words and phrases triage listens for, in English and Spanish, put together.

Kept apart from the decision rules in `triage.py` so that a crisis team can read and extend the
vocabulary without touching the logic, one language at a time: what makes a text urgent is in
`triage_words_en.py` and `triage_words_es.py`, what it is about in `triage_topics_en.py` and
`triage_topics_es.py`. This module joins each list of the two languages, English first, and
gives each topic its weight. Every pattern is written in plain spelling and matched against a
text as `triage_text.read` gives it: lower case, no accents, contractions spelled out ("im" →
"i am", "won't" → "will not"), slang expanded ("kms", "od'd", "rn"), clauses separated by
" | ". Doubled letters are squeezed out of both the text and the patterns, so "pleeease",
"killl" and "kill" all read the same.
"""

from __future__ import annotations

from routing import triage_topics_en as topics_en
from routing import triage_topics_es as topics_es
from routing import triage_words_en as en
from routing import triage_words_es as es


def any_of(*alternatives: str) -> str:
    """One non-capturing group matching any of the alternatives."""
    return "(?:" + "|".join(alternatives) + ")"


# --- Danger right now ------------------------------------------------------------------------

# Up to two filler words that are not negations, before a word (GAP) or a pattern (SPACED_GAP).
GAP = en.GAP
SPACED_GAP = en.SPACED_GAP
# "me voy a matar": Spanish puts the pronoun before the intent.
SPANISH_INTENT = es.INTENT
SUICIDE_ACTS = en.SUICIDE_ACTS + es.SUICIDE_ACTS
SELF_HARM = en.SELF_HARM + es.SELF_HARM
SUICIDAL_THOUGHTS = en.SUICIDAL_THOUGHTS + es.SUICIDAL_THOUGHTS
THINKING = any_of(en.THINKING, es.THINKING)
VOLITION = any_of(*en.VOLITION, *es.VOLITION)
INTENT_ONLY_ACTS = en.INTENT_ONLY_ACTS
INTENT_WITH_MEANS = en.INTENT_WITH_MEANS + es.INTENT_WITH_MEANS
PLAN = en.PLAN + es.PLAN
PLAN_ALONE = en.PLAN_ALONE + es.PLAN_ALONE
MEANS_IN_HAND = en.MEANS_IN_HAND
MEANS = en.MEANS + es.MEANS
ATTEMPT = en.ATTEMPT + es.ATTEMPT
OVERDOSING = en.OVERDOSING + es.OVERDOSING
BODY_IN_DANGER = en.BODY_IN_DANGER + es.BODY_IN_DANGER
BODY_IN_DANGER_AFTER_USE = en.BODY_IN_DANGER_AFTER_USE + es.BODY_IN_DANGER_AFTER_USE
HYPOTHETICAL = any_of(en.HYPOTHETICAL, es.HYPOTHETICAL)
VIOLENCE_NOW = en.VIOLENCE_NOW + es.VIOLENCE_NOW
VIOLENCE_PRESENT = en.VIOLENCE_PRESENT + es.VIOLENCE_PRESENT
HARM_DONE = en.HARM_DONE + es.HARM_DONE
STILL_THERE = en.STILL_THERE + es.STILL_THERE
CONDITIONAL_THREAT = any_of(en.CONDITIONAL_THREAT, es.CONDITIONAL_THREAT)
NOW = any_of(en.NOW, es.NOW)
SOON = any_of(en.SOON, es.SOON)
PAST = any_of(en.PAST, es.PAST)
RECENT_PAST = any_of(en.RECENT_PAST, es.RECENT_PAST)
STILL = any_of(en.STILL, es.STILL)

# --- What the text is about: (weight, pattern) per category ----------------------------------

MENTAL_HEALTH = (
    (4, any_of(*SUICIDE_ACTS, *SELF_HARM, *SUICIDAL_THOUGHTS, *PLAN_ALONE, *ATTEMPT)),
    (3, any_of(*topics_en.PSYCHOSIS, *topics_es.PSYCHOSIS)),
    (3, any_of(*topics_en.CONDITIONS, *topics_es.CONDITIONS)),
    (2, any_of(*topics_en.DISTRESS, *topics_es.DISTRESS)),
    (1, any_of(*topics_en.WORRY, *topics_es.WORRY)),
)
SUBSTANCE_USE = (
    (4, any_of(*topics_en.RECOVERY, *topics_es.RECOVERY)),
    (4, any_of(*topics_en.DEADLY_DRUGS, *topics_es.DEADLY_DRUGS)),
    (3, any_of(*topics_en.DRINKING, *topics_es.DRINKING)),
    (3, any_of(*topics_en.USING, *topics_es.USING)),
    (1, any_of(*topics_en.PILLS_OR_SMOKING, *topics_es.PILLS_OR_SMOKING)),
)
SAFETY_PLANNING = (
    (4, any_of(*topics_en.ABUSE, *topics_es.ABUSE)),
    (4, any_of(*topics_en.HARMED, *topics_es.HARMED)),
    (4, any_of(*topics_en.THREATS, *topics_es.THREATS)),
    (4, any_of(*topics_en.LEAVING, *topics_es.LEAVING)),
    (3, any_of(*topics_en.UNSAFE_HOME)),
    (2, any_of(*topics_en.NOWHERE_TO_GO, *topics_es.NOWHERE_TO_GO)),
)

# --- Spelling and language -------------------------------------------------------------------

WELL_KNOWN_WORDS = topics_en.WELL_KNOWN_WORDS + topics_es.WELL_KNOWN_WORDS
SPANISH_WORDS = topics_es.COMMON_WORDS
ENGLISH_WORDS = topics_en.COMMON_WORDS
