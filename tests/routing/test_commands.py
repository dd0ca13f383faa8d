"""What texted words mean."""

import pytest

from routing.commands import Command, Relay, menu_choice, parse_responder_text, person_keyword


@pytest.mark.parametrize(
    "text, expected",
    [
        ("YES 4821", Command("yes", "4821")),
        ("yes4821", Command("yes", "4821")),
        ("  Yes, 4821! ", Command("yes", "4821")),
        ("sí 4821", Command("yes", "4821")),
        ("no 4821", Command("no", "4821")),
        ("YES", Command("yes")),
        ("done", Command("done")),
        ("Done 4821.", Command("done", "4821")),
        ("off", Command("off")),
        ("ON", Command("on")),
        ("help", Command("help")),
        ("?help", Command("help")),
        ("URGENT 4821", Command("urgent", "4821")),
        ("urgente 4821", Command("urgent", "4821")),
    ],
)
def test_commands_ignore_case_spacing_and_punctuation(text, expected):
    assert parse_responder_text(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("no, that's not right", Relay("no, that's not right")),
        ("4821 on my way", Relay("on my way", "4821")),
        ("[4821] hola", Relay("hola", "4821")),
        ("4821: are you safe?", Relay("are you safe?", "4821")),
        ("call 988 now", Relay("call 988 now")),
        ("yes 48", Relay("yes 48")),
        ("🙂", Relay("🙂")),
    ],
)
def test_anything_else_is_a_message_to_relay(text, expected):
    assert parse_responder_text(text) == expected


@pytest.mark.parametrize("text", ["STOP", "stop", " Stop. ", "unsubscribe", "QUIT", "Stop all"])
def test_opt_out_words_stop_the_line(text):
    assert person_keyword(text) == "stop"


@pytest.mark.parametrize("text", ["please stop calling me", "help", "help me", "HELP", "hi"])
def test_other_texts_are_not_keywords(text):
    assert person_keyword(text) is None


def test_start_reopens_the_line():
    assert person_keyword("START") == "start"


@pytest.mark.parametrize(
    "text, category",
    [("1", "mental_health"), (" 2 ", "substance_use"), ("3.", "safety_planning"),
     ("dos", "substance_use"), ("4", None), ("12", None)],
)
def test_menu_answers_pick_a_category(text, category):
    assert menu_choice(text) == category


@pytest.mark.parametrize("text", ["RED", "red", " Red. ", "ROJO", "rojo!"])
def test_the_danger_word_alone_means_danger_now(text):
    assert person_keyword(text) == "danger"


@pytest.mark.parametrize("text", ["red car outside", "i feel red", "the red one", "rojo y negro"])
def test_the_danger_word_inside_a_sentence_is_not_the_keyword(text):
    assert person_keyword(text) is None
