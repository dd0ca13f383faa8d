"""The Spanish words and phrases that tell triage someone is in danger right now.

The same names as `triage_words_en.py`, for texts in Spanish (and the Spanish in mixed ones);
`triage_words.py` adds them after the English. Patterns are written against a text as
`triage_text.read` gives it, so without accents: "esta" for "está", "puno" for "puño".
"""

from __future__ import annotations

MEDS = (
    r"(?:pastillas|pildoras|medicinas|medicamentos|tabletas|calmantes|paracetamol|aspirinas"
    r"|insulina)"
)
QUANTITY = (
    r"(?:todas|todos|todo|un frasco|el frasco|muchas|un monton|un puno|varias"
    r"|(?:como |unas |unos |mas de )?\d+)"
)

# --- Suicide and self-harm -------------------------------------------------------------------

# "me voy a matar": Spanish puts the pronoun before the intent.
INTENT = (
    r"\b(?:me (?:quiero|voy a|pienso|estoy por|iba a|tengo que)|se (?:quiere|va a|piensa|iba a)) "
    r"(?:matar|suicidar|ahorcar|colgar|tirar|aventar|lanzar|quitar la vida|cortar las venas"
    r"|dar un tiro|pegar un tiro|envenenar|tomar (?:todas|todo|un frasco|el frasco)"
    r"|tragar (?:todas|todo))\b"
)
# Naming the act itself: these, with intent, a plan, means or timing, are danger right now.
SUICIDE_ACTS = (
    r"\bme mato\b",
    r"\b(?<!quiere )(?<!quieren )(?<!va a )(?<!van a )(?<!trata de )(?<!con )(?<!de )"
    r"(?:matar|suicidar|ahorcar|envenenar)(?:me|se)\b",
    r"\bquitar(?:me|se)? la vida\b",
    r"\b(?:acabar|terminar) con (?:mi|su) vida\b",
    r"\b(?:tirar|aventar|lanzar)(?:me|se) (?:de|del|al|a|por|desde)\b",
    r"\bcolgar(?:me|se)\b",
    r"\bcortar(?:me|se) las venas\b",
    r"\b(?:pegar|dar|meter)(?:me|se) un (?:tiro|balazo)\b",
    rf"\b(?:tomar|tragar)(?:me|se) {QUANTITY}",
    INTENT,
)
SELF_HARM = (
    r"\b(?:hacerme|lastimarme|cortarme)\b",
    r"\bme (?:voy a|quiero|puedo) (?:hacer dano|lastimar|cortar)\b",
    r"\b(?:me|se) (?:corto|corte|corta|cortan|lastimo|lastima|quema) "
    r"(?:los |las |el |la |sus |mis )?(?:brazos?|piernas?|munecas?|muslos?|piel)\b",
    r"\bme (?:corto|corte|lastimo)\b|\bcortarse\b|\bse hace dano\b",
    r"\bautolesion",
)
# Wishing to die, or thinking about it: mental health, but not danger on its own.
SUICIDAL_THOUGHTS = (
    r"\b(?:pensar|pienso|pensando) en (?:la muerte|morir|morirme|quitarme la vida)\b",
    r"\b(?:me )?quiero morir(?:me)?\b",
    r"\bmorirme\b",
    r"\bquisiera (?:morir|estar muert|no existir|desaparecer)",
    r"\b(?:no|ya no) quiero (?:vivir|seguir viviendo|existir|estar aqui|despertar)\b",
    r"\b(?:pa|para|a ver si|aver si) (?:ya )?no (?:despertar|despierto)\b",
    r"\bmejor (?:muert|sin mi)",
    r"\bcansad[oa] de (?:vivir|la vida|estar viv)",
    r"\bganas de (?:morir|desaparecer|matarme)\b",
    r"\b(?:no tengo|sin|ya no tengo) ganas de vivir\b",
    r"\bpensamientos? (?:de|suicidas|sobre) ",
    r"\bideas? suicidas?",
)
# Words that make a death wish a thought rather than an act.
THINKING = r"\b(?:pensamientos?|pienso en|pensando)\b"
# Volition: with an act, intent ("voy a matarme").
VOLITION = (
    "voy a", "va a", "vas a", "quiero", "quiere", "pienso", "estoy por", "esta por",
    "estoy a punto de", "decidi", "tengo que", "necesito",
)
# With means in the text, "voy a tomarlas" is intent.
INTENT_WITH_MEANS = (
    r"(?:tomarlas|tomarmelas|usarla|usarlo|hacerlo)\b",
)
PLAN = (
    r"\btengo (?:un|el) plan\b",
    r"\bya (?:lo )?tengo (?:todo )?(?:planeado|pensado)\b",
    r"\b(?:escogi|elegi|ya tengo) (?:la hora|el dia|la fecha)\b",
)
# Enough on their own: a rope, a goodbye letter, standing on a bridge.
PLAN_ALONE = (
    r"\b(?:estoy|parad[oa]|sentad[oa]) (?:en|sobre) (?:el |la )?(?:orilla (?:del? )?)?"
    r"(?:puente|azotea|techo|vias|barandal|cornisa)\b",
    r"\btengo (?:una |la )?(?:soga|cuerda)\b",
    r"\bcarta de despedida\b",
    r"\besto es (?:un )?adios\b",
    r"\b(?:me despido|me estoy despidiendo|ya me despedi)\b",
)
MEANS = (
    r"\b(?:soga|cuerda|pistola|arma|rifle|navaja|cuchillo|veneno|cloro|raticida)\b",
    rf"\b{QUANTITY} (?:de )?(?:las |mis )?{MEDS}",
    r"\b(?:en|al|del|desde|sobre) (?:el |la |un |una |este |esta |lo alto del? )?"
    r"(?:puente|techo|azotea|edificio|vias|barandal|balcon|precipicio)\b",
)
# An attempt under way: pills swallowed, a deep cut.
ATTEMPT = (
    r"\bya (?:me )?(?:tome|trague) (?:las|mis|todas|todo|el frasco|un frasco)\b",
    rf"\b(?:me |se )?(?:tome|trague|tomo) {QUANTITY} (?:de )?(?:las |mis |sus )?"
    rf"(?:{MEDS}|tylenol|advil)"
    r"(?! (?:de |para )?(?:xanax|oxy\w*|percocet|fentanyl|fentanilo|heroina|cristal|perico"
    r"|coca|cocaina|drogas?)\b)",
    r"\b(?:tome|trague|bebi) (?:veneno|cloro|raticida)\b",
    r"\b(?:tome|trague|tomo)\b.*\b(?:pa|para) (?:ya )?no despertar\b",
    r"\bme corte (?:muy )?(?:profundo|las venas)\b",
    r"\b(?:sangrando mucho|no (?:para|deja) de sangrar)\b",
)

# --- Overdose and medical danger -------------------------------------------------------------

# Someone overdosing: explicit words.
OVERDOSING = (
    r"\b(?:tiene|teniendo|tuvo|le dio) (?:una )?sobredosis\b",
    r"\bse (?:paso|metio) (?:de|demasiad)",
)
# Signs of a body in danger: read as an overdose unless the text says otherwise.
BODY_IN_DANGER = (
    r"\b(?:no|ya no|casi no|dejo de) (?:esta )?respir(?:a|ando|ar)\b",
    r"\bno responde\b(?! (?:a )?(?:mis|los|el|sus|mi) (?:mensajes|llamadas|textos|telefono"
    r"|celular))",
    r"\bno reacciona\b",
    r"\bno (?:se )?despierta\b",
    r"\bno (?:lo|la|los|las|le) (?:puedo|podemos|pude|pudimos|puede|pueden) despertar\b",
    r"\bno (?:lo|la|le) despierto\b",
    r"\bno (?:le |se le )?(?:siento|encuentro|tiene) (?:el )?pulso\b",
    r"\b(?:vomita|vomitando) dormid[ao]\b",
    r"\bahogando(?:se)? con (?:su )?vomito\b",
    r"\balguien se (?:esta )?(?:muere|muriendo) (?:aqui|ahorita|ahora)\b",
    r"\bvomit(?:e|o|a|ando) sangre\b",
    r"\bsigue (?:morad|azul|gris|sin (?:respirar|despertar|reaccionar))",
    r"\ble dio un ataque\b(?! de)",
    r"\bse (?:sacudio|sacude|esta sacudiendo) (?:todo|todito|toda|todita)\b",
    r"\bno puedo despertarl[oa]\b",
    r"\bse (?:desmayo|desvanecio|colapso)\b",
    r"\b(?:esta|quedo) (?:desmayad|inconscient)",
    r"\binconsciente\b",
    r"\bse (?:esta )?(?:puso|poniendo) (?:azul|morad)",
    r"\blabios (?:azules|morados)\b",
    r"\bconvulsi",
    r"\bespuma (?:por|en) la boca\b|\b(?:echando|echa|sacando|saca) espuma\b",
)
# Only with drugs in the text: otherwise panic, not poisoning.
BODY_IN_DANGER_AFTER_USE = (
    r"\bse (?:esta )?(?:muriendo|muere)\b",
    r"\bno puedo respirar\b",
    r"\bno (?:puedo|puede|podemos) mantener(?:me|se|lo|la|le)? despiert[ao]\b",
    r"\b(?:tratando de|trato de|intento) mantener(?:lo|la|le)? despiert[ao]\b",
)
# What might happen one day, not now; and hyperbole ("esta tarea me va a matar").
HYPOTHETICAL = (
    r"\b(?:por si|que hago si|como se si|que hacer si|que un dia|algun dia|un dia de estos)\b"
    r"|\b(?:este|esta|mi|la|el) (?:trabajo|tarea|examen|escuela|chamba|clase|jefe|jefa|semana"
    r"|calor|dolor|cansancio|ansiedad|depresion) (?:me|nos) (?:va|van) a matar\b"
)

# --- Violence happening now ------------------------------------------------------------------

VIOLENCE_NOW = (
    r"\b(?:me|le|la|lo|nos|les|te) (?:esta|estan) (?:[a-z]+ )?(?:pegando|golpeando|ahorcando"
    r"|ahogando|atacando|lastimando|apunalando|acuchillando|amenazando|violando|jaloneando|empujando"
    r"|pateando|persiguiendo|siguiendo|asfixiando|disparando|maltratando|agrediendo)\b",
    r"\b(?:esta|estan) (?:[a-z]+ )?(?:pegando|golpeando|ahorcando|atacando|lastimando|apunalando"
    r"|pateando|agrediendo|amenazando|maltratando) (?:a )?(?:mi|mis|la|el|los|las|nos|me)\b",
    r"\b(?:me )?acaba de (?:pegar|golpear|apunalar|atacar|ahorcar|violar|disparar)",
    r"\b(?:me|nos|la|lo|te) (?:va|van|quiere|quieren|esta tratando de|trata de) (?:a )?"
    r"(?:matar|golpear|pegar|apunalar|disparar|violar|ahorcar)\b",
    r"\b(?:va|van|quiere|quieren) (?:a )?(?:matar|golpear|apunalar|disparar)(?:me|nos|la|lo)\b",
    r"\btiene (?:una |un |el |la |su )?(?:pistola|arma|cuchillo|navaja|machete|rifle)\b"
    r"(?=.*\b(?:amenaz\w*|(?:me|nos|te|la|lo|les) (?:va a |van a |quiere |quieren )?(?:matar"
    r"|disparar)|matar(?:me|nos|te|la|lo)|disparar(?:me|nos|le)|apunta\w*|buscando|viene"
    r"|afuera)\b)",
    r"\bme (?:esta )?apunta(?:ndo)? con\b",
    r"\b(?:esta|estan) (?:afuera|fuera|en la puerta) de (?:mi|la) (?:casa|puerta|departamento"
    r"|trabajo)\b",
    r"\b(?:tratando de|quiere) (?:tirar la puerta|entrar(?! (?:a|al|en) (?:un |una |el |la )?"
    r"(?:programa|desintox|rehab|tratamiento|centro|clinica|anexo|grupo|detox|escuela)))",
    r"\b(?:golpeando|rompiendo|tumbando|pateando|forzando) la (?:puerta|ventana|chapa|cerradura)\b",
    r"\bestoy escondid[ao]\b",
    r"\b(?:me|nos) (?:tiene|tienen|dejo) encerrad[ao]s?\b",
    r"\b(?:viene|vino|llego|esta aqui|esta afuera) (?:[a-z]+ ){0,3}(?:armado|con "
    r"(?:la |una |el |un |su )?(?:escopeta|pistola|arma|cuchillo|machete|rifle))\b",
    r"\b(?:me|nos|la|lo|los) (?:esta )?amenaza(?:ndo)? con (?:un |una |el |la |su )?(?:machete"
    r"|cuchillo|pistola|arma|navaja|escopeta|rifle)\b",
    r"\bme (?:escondi|estoy escondiendo)\b",
    r"\b(?:estoy|estamos) en peligro\b",
)
# Harm in the present tense: danger now when the same clause says "ahora".
VIOLENCE_PRESENT = (
    r"\b(?:me|le|la|lo|nos) (?:pega|pegan|golpea|golpean|ahorca|ataca|lastima|patea|amenaza"
    r"|maltrata|empuja|jalonea)\b(?! con (?:publicar|subir|mandar|ensenar|decir|contar|quitar"
    r"|llamar|reportar|dejar|correr|echar))",
    r"\b(?:me|nos) (?:sigue|siguen|persigue|persiguen)\b(?! [a-z]+(?:ando|iendo)\b)",
)
HARM_DONE = (
    r"\b(?:me|nos) (?:pego|golpeo|ahorco|arrastro|empujo|apunalo|acuchillo|avento|quemo|mordio"
    r"|cacheteo)\b",
)
STILL_THERE = (
    r"\b(?:ya )?(?:regreso|volvio)\b",
    r"\b(?:sigue|esta|anda) (?:aqui|afuera|en la casa|en la puerta)\b",
    r"\bviene para aca\b",
)
# Threats with a condition, a habit, or from afar ("me mandó mensaje que me va a matar").
CONDITIONAL_THREAT = (
    r"\bsi (?:lo|la|le|los) (?:dejo|deje|denuncio|digo|llamo)\b|\bsiempre\b"
    r"|\b(?:mensajes?|textos?|por telefono) (?:[a-z]+ ){0,2}que (?:me|nos|la|lo) (?:va|van) a "
    r"matar\b"
    r"(?!.* (?:viene|vino|llega|llego|afuera|aqui|en camino)\b)"
)

# --- Time ------------------------------------------------------------------------------------

NOW = r"\b(?:ahora|ahorita|en este momento)\b"
SOON = (
    r"\b(?:esta noche|hoy(?! (?:es el aniversario|se cumple|cumplo)\b)|manana"
    r"|en (?:un rato|unos minutos|una hora)|a (?:la )?medianoche"
    r"|cuando (?:se duerm[a-z]+|(?:todos )?(?:esten|estan) dormidos))\b"
)
PAST = (
    r"\b(?:el ano pasado|la semana pasada|el mes pasado|ayer|hace (?:anos|meses|semanas|un ano"
    r"|un mes|tiempo|mucho)|hace (?:\d+|dos|tres|cuatro|cinco|seis|unos|varios|muchos) (?:anos"
    r"|meses|semanas)|en (?:19|20)\d\d|cuando (?:era|tenia|estaba)|murio|fallecio)\b"
)
RECENT_PAST = r"\b(?<!desde )(?:anoche|hace rato)\b"
STILL = r"\b(?:todavia|aun|sigue)\b"
