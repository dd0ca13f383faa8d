"""The rules' own reading of danger: signs they must catch, and look-alikes they must let pass.

The model can add danger the rules miss, never take it away, so each rule that fires wrongly
wakes responders for nothing, and each sign the rules know but miss leaves the model alone to
catch it. These tables hold the readings the rules were once wrong about.
"""

from __future__ import annotations

import pytest

from routing.triage_rules import read_rules

# Danger now, in words the rules must know.
DANGER_NOW = [
    "my brother did a line and now he won't wake",
    "cant wake my wife, there are pills on the floor",
    "no lo puedo despertar, se metió algo en el baño",
    "mi hermano no lo despierto y respira raro",
    "la estoy tratando de mantener despierta, se tomó pastillas con tequila",
    "he's kicking in the front door",
    "hes kicking the bedroom door and screaming",
    "somebody is jiggling the back door handle, i think it's my ex",
    "he just threw a lamp at me and now he's coming down the hall",
    "he choked me an hour ago and now he's back",
    "he is yelling that he'll kill her, i can hear it through the wall",
    "my stepdad is drunk and throwing dishes at my mom right now",
    "me dejó encerrada en el cuarto y se llevó mi teléfono",
    "mi ex viene para acá armado",
    "me está amenazando con un cuchillo",
    "she's making choking sounds after she used",
    "vomiting blood after three days of drinking",
    "no le siento el pulso, se metió heroína",
    "ya le pusimos la naloxona y sigue morado",
    "someone is dying here, please hurry",
    "i took everything in the medicine cabinet",
    "ya me tragué como 30 tylenol",
    "me tomé todas las pastillas para no despertar",
    "cuando se duerma mi esposo me mato",
    "i cut myself really bad and it won't stop",
]

# Frightening words with no danger now: a wish, a fear of one day, a joke, the past, a program.
NOT_NOW = [
    "i wish i could just not wake up tomorrow, but i won't do anything",
    "kinda hope i don't wake up. not going to do anything",
    "ojalá no despertar mañana, no tengo plan",
    "quisiera dormirme y ya no despertar",
    "my dad drinks with his sleeping pills and i'm scared one day he won't wake up",
    "me da miedo que algún día mi mamá no despierte por mezclar pastillas y vino",
    "i think my husband is going to hurt me someday, he hasn't yet",
    "esta tarea me va a matar jaja",
    "mi ex me manda mensajes que me va a matar pero vive en otro país",
    "the pills for my back are finally kicking in",
    "the depression is kicking in again now that it's winter",
    "my sober living house kicked me out for drinking",
    "mi hijo quiere entrar a un programa de desintoxicación",
    "i overdosed twice in my twenties, ten years clean now",
    "mi papá tuvo una sobredosis en 2019, ahora está bien",
    "my friend told me she tried to hang herself when she was 15",
    "a year ago today i took everything in my medicine cabinet, i'm ok now",
    "hace tres años me quise quitar la vida y hoy es el aniversario",
    "i want to stop hurting myself",
    "quiero dejar de lastimarme",
    "a girl at school says she's going to jump me after class",
    "smoked a joint and now my heart is racing, i know it'll pass",
    "el novio de mi hija la amenaza con publicar sus fotos",
]


@pytest.mark.parametrize("text", DANGER_NOW)
def test_the_rules_call_a_sign_of_danger_now_urgent(text: str) -> None:
    assert read_rules(text).urgent


@pytest.mark.parametrize("text", NOT_NOW)
def test_the_rules_let_a_look_alike_without_danger_now_pass(text: str) -> None:
    assert not read_rules(text).urgent
