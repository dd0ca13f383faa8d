"""The Spanish words that say what a text is about, and which language it is in.

The same names as `triage_topics_en.py` (a topic with no Spanish words yet is left out);
`triage_words.py` weighs each topic and adds these after the English.
"""

from __future__ import annotations

# --- Mental health ---------------------------------------------------------------------------

PSYCHOSIS = (
    r"\b(?:escucho|oigo|oye|escucha) voces\b", r"\b(?:ve|veo) (?:cosas|gente)\b",
    r"\balucin", r"\bpsicosis\b", r"\bpsicotic", r"\besquizofren",
    r"\bhabla (?:sol[oa]|con gente que no)", r"\b(?:cosas|habla) (?:sin sentido"
    r"|que no tienen sentido)\b",
    r"\bcree que (?:la|lo|me|le|nos) (?:persiguen|siguen|vigilan|espian|quieren envenenar)\b",
    r"\b(?:habla|hablar|ve|ver|escucha|oye) (?:con )?(?:personas|gente|cosas) que no (?:existen"
    r"|estan|son reales|hay)\b",
)
CONDITIONS = (  # named conditions and states
    r"\bdeprimid", r"\bdepresion\b", r"\bansiedad\b", r"\bansios[oa]\b", r"\bpanico\b",
    r"\bsin esperanza\b", r"\bdesesperanza",
    r"\bcrisis (?:nerviosa|de ansiedad|de panico)",
    r"\bataque de (?:nervios|ansiedad|panico)", r"\bsalud mental\b", r"\btrastorno",
)
DISTRESS = (
    r"\btriste", r"\bllor", r"\bsoledad\b", r"\bvaci[oa]\b", r"\babrumad", r"\bagobiad",
    r"\bme siento (?:muy |tan |super )?(?:sol[oa]|vaci[oa]|mal|perdid[oa]|inutil)\b",
    r"\bestresad", r"\bestres\b", r"\bangusti", r"\bno puedo dormir\b", r"\bno come\b",
    r"\bnadie me (?:quiere|entiende)\b", r"\bme odio\b", r"\bno valgo\b",
    r"\bno (?:puedo|aguanto) mas\b", r"\bestoy mal\b", r"\bvolviendo loc",
    r"\bperdiendo la cabeza\b", r"\bdesesperad", r"\bduelo\b", r"\bpsicolog",
    r"\bpsiquiatr", r"\bterapia\b",
)
WORRY = (r"\b(?:miedo|asustad|preocupad|nervios[oa]|perdid[oa])\b",)

# --- Substance use ---------------------------------------------------------------------------

RECOVERY = (  # addiction, recovery, harm reduction
    r"\bsobredosis\b", r"\bnaloxona\b", r"\btiras (?:de prueba|reactivas)\b", r"\breca[iy]",
    r"\babstinencia\b", r"\bdesintox", r"\brehabilitacion\b", r"\badict", r"\badiccion\b",
    r"\bsobri[oa]\b", r"\blimpi[oa] (?:desde|por|hace) ", r"\balcoholic", r"\bjeringas?\b",
    r"\banexo\b",
)
DEADLY_DRUGS = (  # the drugs that kill
    r"\bfentanil", r"\bheroina\b", r"\bcocaina\b", r"\bmetanfetamina\b",
)
DRINKING = (
    r"\bborrach", r"\bemborrach", r"\bcerveza", r"\bchela", r"\bcheve", r"\btequila\b",
    r"\bbeb(?:e|o|er|iendo|io)\b",
    # "toma" drinks, unless it takes something ("toma pastillas", "toma su medicina")
    r"\btom(?:a|an|o|e|ar|ando|aba|ado)\b(?! (?:la|las|mi|tu|su|mis|tus|sus|unas|una|un|el"
    r"|toda|todas|muchas|varias|demasiadas|pastilla\w*|medicina\w*|medicamento\w*|agua|cafe"
    r"|decision\w*|foto\w*|tiempo|en cuenta|la vida|nota|control|valor)\b)",
)
USING = (
    r"\bdrog", r"\bmota\b", r"\bmarihuana\b", r"\bcristal\b", r"\bperico\b", r"\bpiedra\b",
    r"\bcoca\b", r"\bconsum(?:ir|o|e|iendo|io)\b",
    r"\b(?:despues de|antes de|ganas de|quiero|volvi a|deja de|dejar de|sigue) "
    r"(?:usar|consumir|tomar|beber)\b",
)
PILLS_OR_SMOKING = (r"\bpastillas\b",)

# --- Safety planning -------------------------------------------------------------------------

ABUSE = (  # abuse and violence named
    r"\bmaltrat", r"\babus[oa]", r"\bviolencia\b", r"\bviolacion\b", r"\babuso sexual\b",
)
HARMED = (  # someone harming the person
    r"\bme (?:hit|hits|beat|beats|hurt|hurts|chokes?|punch(?:es|ed)?|kick(?:s|ed)"
    r"|slap(?:s|ped))\b",  # Spanglish: "mi novio me hit"
    r"\bme (?:pega|pegan|pego|golpea|golpean|golpeo|maltrata|lastima|empuja|empujo|ahorca"
    r"|ahorco|jalonea|patea|amenaza|amenazo|acosa|persigue|vigila|controla|violo|insulta"
    r"|humilla|encerro|corrio|toca|toco|manosea|obliga|obligo|forzo|forza|mata|matara)\b",
    r"\b(?:me|le|la|nos|les) (?:peg|golpe|maltrat|lastim|ahorc|empuj|amenaz)"
    r"(?:a|an|aba|aban|o|aron)\b",
    r"\b(?:pegando|golpeando|ahorcando|maltratando|pateando|agrediendo)\b",
)
THREATS = (  # threats, stalking, control
    r"\bamenaz", r"\bacos[oa]\b",
    r"\b(?:tiene|tenia) (?:una |un |el |la |su )?(?:pistola|arma|cuchillo|navaja)\b",
    r"\bme (?:esta|anda) buscando\b",
    r"\bme (?:encuentre|encuentra|pegue|mate|lastime|golpee|haga dano)\b",
    r"\bcelos", r"\bcontrola (?:mi|mis|el|todo|todos)\b",
    r"\bno me deja (?:salir|ver|trabajar|usar|hablar|tener|ir|dormir)\b",
    r"\bme (?:sigue|persigue|esta siguiendo) (?:a todas partes|a todos lados|por|hasta|al"
    r"|a mi)\b",
    r"\b(?:me|nos) (?:quiere|quieren|va a|van a) matar\b",
    r"\b(?:quiere|quieren|va a|van a) matar(?:me|nos)\b",
)
LEAVING = (  # fear, leaving, safety
    r"\b(?:tengo miedo|le tengo miedo|miedo) (?:de|a) (?:el|ella|mi)\b", r"\ble tengo miedo\b",
    r"\b(?:dejar a|separarme de|escapar de|huir de|salirme de|irme de) (?:mi|el|ella"
    r"|la casa|casa)\b",
    r"\bseparar(?:me|nos)\b", r"\brefugio\b", r"\balbergue\b", r"\bcasa de acogida\b",
    r"\bplan de seguridad\b", r"\borden de (?:restriccion|proteccion|alejamiento)\b",
    r"\bpeligro\b", r"\blugar seguro\b",
)
NOWHERE_TO_GO = (
    r"\bno tengo (?:a )?(?:donde|adonde) ir\b", r"\bme corrio de\b",
)

# --- Spelling and language -------------------------------------------------------------------

# Long, distinctive words whose misspellings still count (see `triage_topics_en.py`).
WELL_KNOWN_WORDS = (
    "sobredosis", "suicidio", "suicidarme", "suicidar", "suicidarse", "suicidas", "suicida",
    "depresion", "deprimido", "deprimida", "ansiedad", "fentanilo", "heroina", "cocaina",
    "naloxona", "abstinencia", "recaida", "alcoholico", "alcoholica", "borracho", "borracha",
    "desmayo", "inconsciente", "violencia", "refugio", "albergue", "amenaza", "amenazando",
    "golpeando", "pastillas", "tristeza", "esperanza", "matarme", "respira", "despierta",
    # Kept apart from "despierta": "no despierta" is a body in danger, "ojala no despertar" a wish.
    "despertar", "despierto", "despierte",
)
# Common words, for telling the language of a text.
COMMON_WORDS = frozenset(
    """de la el los las que y en un una unos unas por para con sin mi mis tu tus su sus yo ella
    ellos ellas nosotros le les lo se te nos es esta estoy estas estan soy era fue hay tengo tiene
    tienes tienen quiero quiere necesito necesita puedo puede hacer quien como cuando donde
    porque pero muy mucho mucha mas ya aqui ahora hoy noche noches buenas buenos buen dia dias
    hola gracias ayuda ayudame ayudeme ayudenme favor alguien nadie nada todo todos toda todas
    siento triste miedo vida esposo esposa novio novia pareja marido hijo hija hijos hijas mama
    papa hermano hermana amigo amiga casa drogas droga tomar toma golpea pega pegando quitarme
    matarme morir suicidio pensamientos refugio dejar despues usar responde desmayo del al este
    ese eso esto esa tambien bien mal otra otro vez estar ser tener si va voy vas ir cual puedes
    hablar oye oiga bueno pues entonces solo sola poco hace desde hasta sobre entre tan asi algo
    usted ustedes contigo conmigo nunca siempre todavia aun ahorita senor senora nino nina ninos
    dinero trabajo sabe saber mismo estaba estuve fui sabes puedes podria podrias quisiera
    necesitamos ayudarme ayudar veces vez creo dice dijo digo porfa porfavor amor hablo hablar
    quiere quieren tenemos tengo estamos somos hermanos padre madre hijito hijita abuela abuelo
    cosas cosa gente nadie ninguno hace hizo paso pasa pasando siento sientes mejor peor tiempo
    dios mio ayudarnos llamar llame mensaje aqui alla ahi""".split()
)
