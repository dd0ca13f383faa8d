"""The words and phrases triage listens for, in English and Spanish.

Kept apart from the decision rules in `triage.py` so that a crisis team can read and extend the
vocabulary without touching the logic. Every pattern here is written in plain spelling and is
matched against a normalised text: lower case, no accents, contractions spelled out ("im" →
"i am", "won't" → "will not"), slang expanded ("kms", "od'd", "rn"), clauses separated by " | ".
`triage.py` squeezes doubled letters out of both the text and these patterns, so "pleeease",
"killl" and "kill" all read the same.
"""

from __future__ import annotations


def any_of(*alternatives: str) -> str:
    """One non-capturing group matching any of the alternatives."""
    return "(?:" + "|".join(alternatives) + ")"


# Up to two filler words that are not negations ("going to just", "want to finally"): GAP is
# followed by a plain word, SPACED_GAP by a pattern that starts at a word boundary.
GAP = r"(?:(?!not |never |no |nunca |jamas )[a-z0-9]+ ){0,2}"
SPACED_GAP = r"(?: (?!not\b|never\b|no\b|nunca\b|jamas\b)[a-z0-9]+){0,2}"
SELF = any_of("myself", "himself", "herself", "themselves", "themself", "ourselves")
OWNER = any_of("my", "his", "her", "their", "our", "the", "these", "those")
VICTIM = (
    r"(?:me|us|her|him|them|(?:my|our|his|her|the) (?:little |baby |older |younger )?(?:mom|mother"
    r"|dad|father|sister|brother|kids?|children|child|son|daughter|baby|wife|husband|girlfriend"
    r"|boyfriend|partner|friend|roommate|grandma|grandmother|grandpa|family|aunt|uncle|cousin"
    r"|niece|nephew|stepmom|stepmother|mama|mum|dog|cat|pet))\b"
)
MEDS = (
    r"(?:sleeping |sleep |pain |anxiety |blood pressure )?(?:pills?|meds|medications?|medicines?"
    r"|tablets?|tylenol|advil|ibuprofen|aspirin|acetaminophen|antidepressants|prescriptions?"
    r"|insulin|lithium|seroquel|benadryl|melatonin|sleeping pills)\b"
)
QUANTITY = (
    r"(?:all|every|enough|too many|so many|a lot|a ton|(?:a|the|an|one) (?:whole |entire |full )?"
    r"(?:bottle|bunch|handful|box|pack|jar)|(?:like |about |over )?(?:[5-9]|[1-9]\d+)|ten|twenty"
    r"|thirty|forty|fifty|a hundred)"
)
MEDS_ES = r"(?:pastillas|pildoras|medicinas|medicamentos|tabletas|calmantes)"
QUANTITY_ES = r"(?:todas|todos|todo|un frasco|el frasco|muchas|un monton|un puno|varias|\d+)"

# --- Suicide and self-harm -------------------------------------------------------------------

# "me voy a matar": Spanish puts the pronoun before the intent.
SPANISH_INTENT = (
    r"\b(?:me (?:quiero|voy a|pienso|estoy por|iba a|tengo que)|se (?:quiere|va a|piensa|iba a)) "
    r"(?:matar|suicidar|ahorcar|colgar|tirar|aventar|lanzar|quitar la vida|cortar las venas"
    r"|dar un tiro|pegar un tiro|envenenar|tomar (?:todas|todo|un frasco|el frasco)"
    r"|tragar (?:todas|todo))\b"
)
# Naming the act itself: these, with intent, a plan, means or timing, are danger right now.
SUICIDE_ACTS = (
    rf"\bkill(?:ing)? {SELF}",
    rf"\b(?:end|ending|take|taking) {OWNER} (?:own )?li(?:fe|ves)\b",
    r"\bend(?:ing)? (?:it all|everything|things|my suffering)\b(?! with)",
    r"\bend(?:ing)? it(?: all)?(?= \||$| tonight| today| now| right now| for good| forever)",
    r"\bcommit(?:ting)? suicide\b",
    rf"\b(?:hang|hanging|shoot|shooting|drown|drowning|poison|poisoning|off|offing) {SELF}",
    rf"\b(?:drink|drinking) {SELF} to death",
    rf"\b(?:slit|slitting|cut|cutting) {OWNER} (?:wrists?|throat)",
    rf"\b(?:take|taking|swallow|swallowing|down|downing) {QUANTITY} (?:of )?(?:{OWNER} )?{MEDS}",
    r"\bjump(?:ing)? (?:off|from|in front)\b",
    r"\b(?:drive|driving|crash|crashing|steer|steering) (?:my |the |a )?(?:car |truck )?"
    r"(?:off|into) (?:a |the )?(?:cliff|bridge|tree|wall|traffic|river|lake|ocean)\b",
    r"\b(?:step|stepping|walk|walking|lie|lying) (?:out )?(?:in front of|into|on) (?:a |the )?"
    r"(?:car|train|bus|truck|traffic|tracks)\b",
    r"\boverdose on purpose\b",
    r"\bme mato\b",
    # Spanish
    r"\b(?<!quiere )(?<!quieren )(?<!va a )(?<!van a )(?<!trata de )(?<!con )(?<!de )"
    r"(?:matar|suicidar|ahorcar|envenenar)(?:me|se)\b",
    r"\bquitar(?:me|se)? la vida\b",
    r"\b(?:acabar|terminar) con (?:mi|su) vida\b",
    r"\b(?:tirar|aventar|lanzar)(?:me|se) (?:de|del|al|a|por|desde)\b",
    r"\bcolgar(?:me|se)\b",
    r"\bcortar(?:me|se) las venas\b",
    r"\b(?:pegar|dar|meter)(?:me|se) un (?:tiro|balazo)\b",
    rf"\b(?:tomar|tragar)(?:me|se) {QUANTITY_ES}",
    SPANISH_INTENT,
)
SELF_HARM = (
    rf"\b(?:hurt|hurting|harm|harming|cut|cutting|burn|burning) {SELF}",
    r"\bself ?harm",
    r"\bcutting (?:again|on my)\b|\b(?:i am|i have been|been|started|start|keep|i) cutting\b",
    r"\b(?:hacerme|lastimarme|cortarme)\b",
    r"\bme (?:voy a|quiero|puedo) (?:hacer dano|lastimar|cortar)\b",
    r"\b(?:me|se) (?:corto|corte|corta|cortan|lastimo|lastima|quema) "
    r"(?:los |las |el |la |sus |mis )?(?:brazos?|piernas?|munecas?|muslos?|piel)\b",
    r"\bme (?:corto|corte|lastimo)\b|\bcortarse\b|\bse hace dano\b",
    r"\bautolesion",
)
# Wishing to die, or thinking about it: mental health, but not danger on its own.
SUICIDAL_THOUGHTS = (
    r"\bsuicid[a-z]*",
    r"\b(?:want|wanna|wish|wishing|ready|deserve|deserves|wants|wanting) to die\b",
    r"\b(?:thinking|think|thoughts|thought) (?:about|of) (?:dying|death|being dead"
    r"|not being here)\b",
    r"\b(?:pensar|pienso|pensando) en (?:la muerte|morir|morirme|quitarme la vida)\b",
    r"\bwish (?:i|he|she) (?:was|were|had never been) (?:dead|born)\b",
    r"\bbetter off (?:dead|without me)\b",
    r"\b(?:do not|not|no longer|never) (?:want|wanna) to (?:live|be alive|be here|exist|wake up"
    r"|go on)",
    r"\bno (?:reason|point) (?:to live|in living|living)\b",
    r"\btired of (?:living|life|being alive)\b",
    r"\b(?:see|no|what is the|any) (?:the )?point (?:of|in) (?:living|life|going on|anything)\b",
    r"\bleave this (?:world|earth)\b",
    r"\b(?:nobody|noone|no one) (?:would|will|is going to) (?:miss|notice|care)\b",
    r"\b(?:notice|care|miss me) if i (?:was|were|am) gone\b|\bif i (?:disappeared|died|was dead)\b",
    r"\b(?:can not|could not) go on\b",
    r"\bwant (?:it|everything|this|the pain) (?:all )?to (?:end|stop|be over)\b",
    r"\bnever wake up\b",
    r"\bunalive\b",
    r"\b(?:me )?quiero morir(?:me)?\b",
    r"\bmorirme\b",
    r"\bquisiera (?:morir|estar muert|no existir|desaparecer)",
    r"\b(?:no|ya no) quiero (?:vivir|seguir viviendo|existir|estar aqui|despertar)\b",
    r"\bmejor (?:muert|sin mi)",
    r"\bcansad[oa] de (?:vivir|la vida|estar viv)",
    r"\bganas de (?:morir|desaparecer|matarme)\b",
    r"\b(?:no tengo|sin|ya no tengo) ganas de vivir\b",
    r"\b(?:want|wanna|wish i could|just want to) (?:to )?disappear\b",
    r"\bpensamientos? (?:de|suicidas|sobre) ",
    r"\bideas? suicidas?",
)
# Words that make a death wish a thought rather than an act ("thinking about suicide tonight").
THINKING = (
    r"\b(?:think|thinking|thought|thoughts|ideas?|ideation|pensamientos?|pienso en|pensando)\b"
)
# Volition: with an act, intent ("going to kill myself", "voy a matarme").
VOLITION = any_of(
    "going to", "about to", "ready to", "want to", "wants to", "wanting to", "will", "ill",
    "decided to", "planning to", "plan to", "plan on", "planning on", "trying to", "try to",
    "need to", "have to", "got to", "must", "finally", "intend to", "tonight i",
    "voy a", "va a", "vas a", "quiero", "quiere", "pienso", "estoy por", "esta por",
    "estoy a punto de", "decidi", "tengo que", "necesito",
)
INTENT_ONLY_ACTS = (
    r"\boverdose\b", r"\bjump\b", r"\b(?:take|swallow) (?:them|these|those|it) all\b",
    r"\b(?:take|swallow) all (?:of )?(?:them|these|those)\b",
    r"\b(?:take|swallow|down|eat) everything\b",
)
# With means in the text, "ready to take them" is intent.
INTENT_WITH_MEANS = (
    r"(?:take|swallow|use|do|pull) (?:them|it|this|these|those|the trigger)\b",
    r"(?:tomarlas|tomarmelas|usarla|usarlo|hacerlo)\b",
)
PLAN = (
    r"\b(?:have|got|made|making|has) (?:a |the |my )?plan\b",
    r"\bmy plan is\b",
    r"\b(?:wrote|written|writing) (?:a |my |the )?(?:suicide |goodbye )?(?:note|letter)",
    r"\bgave away (?:my|all)\b",
    r"\b(?:said|saying) (?:my )?goodbyes?\b",
    r"\btengo (?:un|el) plan\b",
    r"\bya (?:lo )?tengo (?:todo )?(?:planeado|pensado)\b",
)
# Enough on their own: a noose ("hanging rope" once read), a goodbye note.
PLAN_ALONE = (
    r"\b(?:have|got|bought|holding|tied|made) (?:a |the |my )?rope\b",
    r"\brope (?:around|on) my neck\b",
    r"\bhanging rope\b",
    r"\b(?:gun|pistol) (?:to|in|against) my (?:head|mouth)\b",
    r"\b(?:gun|pistol|knife|razor|blade|pills|rope) (?:is |are )?(?:in|on) my (?:lap|hands?)\b",
    r"\bgarage\b.*\b(?:car|engine) (?:is )?running\b",
    r"\b(?:car|engine) (?:is )?running\b.*\bgarage\b",
    r"\b(?:pills|meds|rope|gun|knife|razor|blade|pastillas|soga|pistola) (?:are |estan )?(?:ready"
    r"|lined up|counted out|in my hand|next to me|listas|preparadas|en la mano|en mi mano)\b",
    r"\bgot the (?:pills|meds|rope|gun|knife|razor) (?:ready|out)\b",
    r"\b(?:(?:standing|sitting) (?:on|at)|i am on|we are on) (?:the |a |this )?(?:edge of "
    r"(?:the |a )?)?(?:ledge|bridge|roof|rooftop|edge|cliff|railing|tracks|train tracks)\b"
    r"(?! (?:club|party|game|meeting|tour))",
    r"\b(?:i am|we are) at (?:the )?(?:train tracks|tracks|railroad|edge|ledge|cliff)\b",
    r"\b(?:estoy|parad[oa]|sentad[oa]) (?:en|sobre) (?:el |la )?(?:orilla (?:del? )?)?"
    r"(?:puente|azotea|techo|vias|barandal|cornisa)\b",
    r"\bthis is (?:my )?(?:goodbye|good bye|the end)\b",
    r"\b(?:my )?(?:last|final) (?:text|message|goodbye)\b|\bwill not be (?:here|alive) (?:tomorrow"
    r"|much longer|by morning)\b|\blast time (?:you|anyone) (?:will )?hear from me\b",
    r"\bgoodbye (?:everyone|world|forever|cruel)\b|\b(?:tonight|today) is the (?:night|day)\b",
    r"\b(?:wrote|written|writing|left) (?:[a-z]+ ){0,2}(?:letters?|notes?) (?:to|for) (?:my )?"
    r"(?:family|kids|children|parents|mom|dad|wife|husband|everyone|all|loved ones)\b",
    r"\b(?:knife|blade|razor|gun|pistol) (?:to|on|against|in) my (?:wrists?|throat|head|mouth|neck"
    r"|temple|chest)\b",
    r"\b(?:suicide|goodbye) (?:note|letter)\b",
    r"\btengo (?:una |la )?(?:soga|cuerda)\b",
    r"\bcarta de despedida\b",
    r"\besto es (?:un )?adios\b",
    r"\b(?:me despido|me estoy despidiendo|ya me despedi)\b",
)
# Means in hand: with "now" in the same clause, danger right now.
MEANS_IN_HAND = (
    rf"\b(?:i am holding|i have|i got|i am sitting with|i am holding onto|in my hand) "
    rf"(?:a |the |my )?(?:{QUANTITY} (?:of )?)?(?:{MEDS}|gun|pistol|rope|knife|razor|blade)",
)
MEANS = (
    r"\b(?:rope|gun|pistol|rifle|shotgun|firearm|razor|razors|blade|blades|bleach|poison|knife"
    r"|hose|exhaust|carbon monoxide|charcoal)\b",
    rf"\b{QUANTITY} (?:of )?(?:{OWNER} )?{MEDS}",
    rf"\b(?:saved|saving|stockpiled|stockpiling|collected|hoarding|hoarded) (?:up )?(?:{OWNER} )?"
    rf"{MEDS}",
    r"\b(?:on|at|to|near|onto|off|from|standing on|sitting on) (?:the |a |this |that |my )?"
    r"(?:top of (?:the |a )?)?(?:roof|rooftop|bridge|ledge|edge|cliff|balcony|tracks|train tracks"
    r"|railroad|railing|overpass|parking garage|tower)\b",
    r"\b(?:soga|cuerda|pistola|arma|rifle|navaja|cuchillo|veneno|cloro|raticida)\b",
    rf"\b{QUANTITY_ES} (?:de )?(?:las |mis )?{MEDS_ES}",
    r"\b(?:en|al|del|desde|sobre) (?:el |la |un |una |este |esta |lo alto del? )?"
    r"(?:puente|techo|azotea|edificio|vias|barandal|balcon|precipicio)\b",
)
# An attempt under way: pills swallowed, a deep cut.
ATTEMPT = (
    rf"\b(?:took|swallowed|downed|ate|drank|overdosed on|taken|popped) {QUANTITY} (?:of )?"
    rf"(?:{OWNER} )?{MEDS}",
    r"\b(?:drank|swallowed|drinking|ate) (?:some |a bottle of |the )?(?:bleach|poison|antifreeze"
    r"|rat poison)\b",
    r"\bcut (?:too deep|really deep|so deep|deep)\b",
    r"\b(?:just|i) (?:cut|slit|slashed|sliced) (?:my|his|her) (?:wrists?|throat|arms? open)\b",
    r"\b(?:just|tried to|trying to|attempted to|just tried to) "
    r"(?:kill|hang|shoot|drown|poison|suffocate|overdose) (?:myself|himself|herself|themselves)\b",
    r"\bya (?:me )?(?:tome|trague) (?:las|mis|todas|todo|el frasco)\b",
    r"\balready (?:took|swallowed|taken|downed) (?:the|them|all)\b|\b(?:took|swallowed|downed) "
    r"(?:them|it) all\b|\b(?:took|swallowed) all of them\b",
    r"\b(?:overdosed|took|swallowed|drank|overdose) (?:[a-z]+ ){0,4}(?:on purpose|intentionally)\b",
    r"\bcan not stop (?:the )?bleeding\b",
    r"\bbleeding (?:a lot|so much|badly|heavily|everywhere|out)\b",
    rf"\b(?:me |se )?(?:tome|trague|tomo) {QUANTITY_ES} (?:de )?(?:las |mis |sus )?{MEDS_ES}"
    r"(?! (?:de |para )?(?:xanax|oxy\w*|percocet|fentanyl|fentanilo|heroina|cristal|perico"
    r"|coca|cocaina|drogas?)\b)",
    r"\b(?:tome|trague|bebi) (?:veneno|cloro|raticida)\b",
    r"\bme corte (?:muy )?(?:profundo|las venas)\b",
    r"\b(?:sangrando mucho|no (?:para|deja) de sangrar)\b",
)

# --- Overdose and medical danger -------------------------------------------------------------

# Someone overdosing: explicit words.
OVERDOSING = (
    r"\boverdosing\b",
    r"\b(?:having|had|has|is having) an overdose\b",
    r"\boverdosed\b",
    r"\b(?:took|did|used|smoked|shot|snorted|drank|take|had|hit) (?:way )?(?:too much|too many)\b",
    r"\b(?:tiene|teniendo|tuvo|le dio) (?:una )?sobredosis\b",
    r"\bse (?:paso|metio) (?:de|demasiad)",
)
# Signs of a body in danger: read as an overdose unless the text says otherwise.
BODY_IN_DANGER = (
    r"\b(?:(?<!can )(?<!could )not|no longer|barely|stopped|hardly|struggling|can barely) "
    r"breath(?:ing|e)\b",
    r"\bunresponsive\b",
    r"\bnot (?:responding|responsive)\b(?! to (?:my |his |her |our )?(?:texts?|messages?|calls?))",
    r"\b(?:will not|would not|can not|could not|does not|did not|not) (?:wake|waking) (?:up|him"
    r"|her)",
    r"\b(?:can not|could not) (?:wake|get) (?:him|her|them|my [a-z]+|[a-z]+) up\b",
    r"\bturn(?:ing|ed)? (?:blue|purple|grey|gray)\b",
    r"\b(?:lips|face|skin|fingers|fingertips|nails) (?:are|is|turned|turning|look|looks|going) "
    r"(?:blue|purple|grey|gray)\b",
    r"\bblue lips\b",
    r"\bpassed out\b",
    r"\bcollapsed\b",
    r"\bunconscious\b",
    r"\bfoaming\b",
    r"\b(?:seizing|seizures?|convulsing)\b",
    r"\bno pulse\b",
    r"\bheart (?:stopped|is not beating)\b",
    r"\b(?:gurgling|snoring) (?:sounds|noises|weird|strange|loud)\b",
    r"\b(?:no|ya no|casi no|dejo de) (?:esta )?respir(?:a|ando|ar)\b",
    r"\bno responde\b(?! (?:a )?(?:mis|los|el|sus|mi) (?:mensajes|llamadas|textos|telefono"
    r"|celular))",
    r"\bno reacciona\b",
    r"\bno (?:se )?despierta\b",
    r"\bno (?:lo|la|los) puedo despertar\b",
    r"\bno puedo despertarl[oa]\b",
    r"\bse (?:desmayo|desvanecio|colapso)\b",
    r"\b(?:esta|quedo) (?:desmayad|inconscient)",
    r"\binconsciente\b",
    r"\bse (?:esta )?(?:puso|poniendo) (?:azul|morad)",
    r"\blabios (?:azules|morados)\b",
    r"\bconvulsi",
    r"\bespuma (?:por|en) la boca\b",
)
# Only with drugs in the text: otherwise panic, not poisoning.
BODY_IN_DANGER_AFTER_USE = (
    r"\bbreathing (?:is |sounds )?(?:really |very |so )?(?:weird|slow|shallow|strange|funny|slowly"
    r"|wrong)\b|\b(?:slow|shallow|weird) breathing\b",
    r"\bse (?:esta )?(?:muriendo|muere)\b|\b(?:is|he is|she is|they are) dying\b",
    r"\b(?:can not|could not) breathe\b",
    r"\b(?:trouble|hard to|problems) breath",
    r"\bheart (?:is )?(?:racing|pounding)\b",
    r"\bchest (?:pain|hurts|is tight)\b",
    r"\bno puedo respirar\b",
)
HYPOTHETICAL = (
    r"\b(?:in case|just in case|what if|por si|que hago si|como se si|que hacer si)\b"
    r"|\b(?:what|how) (?:do|should|can|would|to) (?:i |we |you )?(?:[a-z]+ ){0,3}(?:if|when)\b"
)

# --- Violence happening now ------------------------------------------------------------------

_HARMING = any_of(
    "hitting", "beating", "beating up", "punching", "kicking", "choking", "strangling", "slapping",
    "attacking", "hurting", "stabbing", "shooting at", "raping", "assaulting", "smacking",
    "throwing things at", "dragging", "pushing", "shoving", "grabbing", "burning", "biting",
    "chasing", "suffocating", "smothering", "pinning", "following",
)
_HARM = any_of(
    "kill", "shoot", "stab", "hurt", "murder", "beat", "strangle", "choke", "rape", "hit",
    "attack", "kidnap",
)
_PRESENT_HARM = (
    r"(?:hit|hits|hitting|beat|beats|beating|punch\w*|kick\w*|chok\w*|strangl\w*|slap\w*|attack\w*"
    r"|hurt|hurts|hurting|stab\w*|rap(?:e|es|ing)|assault\w*|threaten\w*|push\w*|shov\w*|grab\w*)"
)
_PERSON = (
    r"(?:he|she|they|someone|somebody|(?:my|his|her|a|the) (?:[a-z]+ )?(?:husband|wife|boyfriend"
    r"|girlfriend|partner|ex|dad|father|stepdad|stepfather|mom|mother|brother|son|uncle|man|guy"
    r"|neighbor|roommate|abuser|cousin|boss))"
)
VIOLENCE_NOW = (
    rf"\b(?:is|are|am|still) (?:(?!been |was |not |never )[a-z]+ ){{0,3}}{_HARMING} {VICTIM}",
    rf"\bjust (?:hit|beat|punched|kicked|choked|strangled|slapped|attacked|stabbed|shot|raped"
    rf"|assaulted|pushed|shoved|threw|hurt|broke) {VICTIM}",
    rf"\b{_PERSON} (?:[a-z]+ ){{0,3}}(?:going to|about to|trying to|threatening to|wants to"
    rf"|coming to|coming back to) {GAP}{_HARM} (?!myself|himself|herself){VICTIM}",
    rf"\b(?:says|said|saying|swears|swore) (?:he|she|they) (?:will|is going to) {GAP}{_HARM} "
    rf"(?!myself|himself|herself){VICTIM}",
    r"\b(?:he|she|they|my [a-z]+|his [a-z]+|her [a-z]+|someone|somebody|a man|a guy) "
    r"(?:[a-z]+ ){0,3}(?:has|got|holding|pulled|pointing|points|pointed|waving|grabbed|with) "
    r"(?:out )?(?:a |his |her |their |the |my )?"
    r"(?:gun|knife|pistol|rifle|shotgun|weapon|machete|bat)\b"
    r"(?=.*\b(?:(?:kill|shoot|stab|hurt) (?:me|us|her|him|them|my|the kids|everyone)|threat\w*"
    r"|pointing|at me|coming|looking for me|after me)\b)",
    r"\bpointing (?:a |his |her |the )?(?:gun|knife|pistol|rifle) at\b",
    r"\bthreatening (?:me|us|her|him|them|my [a-z]+) with (?:a |his |her |the )?(?:gun|knife|pistol"
    r"|rifle|weapon|machete|bat)\b",
    r"\bhelp (?:[a-z]+ ){0,2}(?:he|she|they) (?:has|got|is holding|have) (?:a |his |her )?"
    r"(?:gun|knife|pistol|rifle|weapon|machete)\b",
    r"\bbroke (?:in|into) (?:my|the|our)?",
    r"\bbroke (?:down|through|in) (?:the|my|our) (?:door|window)\b",
    r"\b(?:is|are) coming (?:for|after|to get|to kill|to hurt) (?:me|us)\b",
    r"\b(?:has|got|is holding|holds|put|puts|is pressing) (?:a |his |her |the )?(?:knife|gun|blade"
    r"|pistol) (?:to|on|against) my\b",
    r"\b(?:is|are) (?:here|outside|home|back|at the door)\b.*\b(?:has|got|with|holding) "
    r"(?:a |his |her |the )?(?:gun|knife|pistol|rifle|weapon|machete)\b",
    r"\b(?:trying to|is|are) (?:break|breaking|get|getting|kick|kicking|bust|busting) (?:in|into"
    r"|down)\b",
    r"\b(?:breaking|kicking|banging on|pounding on|beating on|busting) (?:down )?(?:the|my|our) "
    r"(?:door|window|windows)\b",
    r"\b(?:i am|we are) (?:hiding|locked) (?:in|from|under)\b",
    r"\bhiding (?:in|from) (?:him|her|them|the|my)\b",
    r"\b(?:is|are) (?:outside|at) (?:my|the|our) (?:door|house|home|apartment|window|work|car)\b",
    r"\blocked me in\b",
    r"\bholding me (?:down|hostage|against)\b",
    r"\b(?:i am|we are) in danger\b",
    r"\b(?:not safe|in danger) (?:right now|now)\b",
    # Spanish
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
    r"\b(?:tratando de|quiere) (?:entrar|tirar la puerta)\b",
    r"\b(?:golpeando|rompiendo|tumbando|pateando|forzando) la (?:puerta|ventana)\b",
    r"\bestoy escondid[ao]\b",
    r"\bme (?:escondi|estoy escondiendo)\b",
    r"\b(?:estoy|estamos) en peligro\b",
)
# Harm in the present tense: danger now when the same clause says "now".
VIOLENCE_PRESENT = (
    rf"\b{_PRESENT_HARM} {VICTIM}",
    r"\b(?:me|le|la|lo|nos) (?:pega|pegan|golpea|golpean|ahorca|ataca|lastima|patea|amenaza"
    r"|maltrata|empuja|jalonea)\b",
)
CONDITIONAL_THREAT = (
    r"\bif (?:i|we) (?:leave|left|tell|told|call|called|go|try|ever)\b|\balways\b"
    r"|\b(?:keeps?|constantly|often|usually|sometimes|every time|whenever)\b"
    r"|\bsi (?:lo|la|le|los) (?:dejo|deje|denuncio|digo|llamo)\b|\bsiempre\b"
)

# --- Time ------------------------------------------------------------------------------------

NOW = r"\b(?:now|right now|currently|at the moment|as we speak|ahora|ahorita|en este momento)\b"
SOON = (
    r"\b(?:tonight|today|tomorrow|this (?:morning|afternoon|evening|weekend|week)|shortly"
    r"|in (?:a few|an|a|\d+|[a-z]+) (?:minutes?|mins?|hours?|hrs?)|as shortly as|esta noche|hoy"
    r"|manana|en (?:un rato|unos minutos|una hora))\b"
)
PAST = (
    r"\b(?:last (?:week|month|year|summer|winter|spring|fall|time|weekend)|(?:\d+|a|an|one|two"
    r"|three|few|couple|couple of|several|many) (?:days|weeks|months|years|yrs) ago|years ago"
    r"|months ago|yesterday|when i was|used to|in the past|back in|in (?:19|20)\d\d|once before"
    r"|twice before|previously|el ano pasado|la semana pasada|el mes pasado|ayer|hace (?:anos"
    r"|meses|semanas|un ano|un mes|tiempo|mucho)|cuando (?:era|tenia|estaba)|died|passed away"
    r"|funeral|murio|fallecio|before(?! i| it| he| she| they| you| we| my))\b"
)
RECENT_PAST = r"\b(?:last night|earlier|this morning|the other (?:day|night)|anoche|hace rato)\b"
STILL = r"\b(?:still|now|right now|todavia|aun|sigue)\b"

# --- What the text is about: (weight, pattern) per category ----------------------------------

MENTAL_HEALTH = (
    (4, any_of(*SUICIDE_ACTS, *SELF_HARM, *SUICIDAL_THOUGHTS, *PLAN_ALONE, *ATTEMPT)),
    (3, any_of(  # psychosis
        r"\b(?:hearing|hear|hears|heard) (?:voices|things)\b",
        r"\bvoices (?:in my head|telling)",
        r"\b(?:talk|talking|talks|see|seeing|sees|hear|hearing|hears) (?:to )?(?:people|things"
        r"|someone|somebody|stuff) (?:who|that) (?:are|is|were|was) not (?:there|real)\b",
        r"\bhallucinat", r"\bpsycho(?:sis|tic)\b", r"\bparanoi", r"\bdelusion", r"\bschizo",
        r"\bbipolar\b", r"\bmanic\b",
        r"\bpoisoning (?:my|her|his|their) (?:food|water|drink)",
        r"\bspying on (?:me|her|him|us)\b", r"\bout to get (?:me|her|him|us)\b",
        r"\bthinks (?:people|everyone|someone|the government|the neighbors|we) (?:is|are)\b",
        r"\b(?:escucho|oigo|oye|escucha) voces\b", r"\b(?:ve|veo) (?:cosas|gente)\b",
        r"\balucin", r"\bpsicosis\b", r"\bpsicotic", r"\besquizofren",
        r"\bhabla (?:sol[oa]|con gente que no)", r"\b(?:cosas|habla) (?:sin sentido"
        r"|que no tienen sentido)\b",
        r"\bcree que (?:la|lo|me|le|nos) (?:persiguen|siguen|vigilan|espian|quieren envenenar)\b",
        r"\b(?:habla|hablar|ve|ver|escucha|oye) (?:con )?(?:personas|gente|cosas) que no (?:existen"
        r"|estan|son reales|hay)\b",
    )),
    (3, any_of(  # named conditions and states
        r"\bdepress", r"\banxi(?:ety|ous)\b", r"\bpanic", r"\bhopeless", r"\bworthless",
        r"\bbreakdown\b", r"\bbreaking down\b", r"\bmental health\b", r"\bptsd\b",
        r"\bflashbacks?\b", r"\btrauma", r"\beating disorder", r"\banorexi", r"\bbulimi",
        r"\bpurging\b", r"\bstarving myself\b",
        r"\b(?:dark|bad|intrusive|racing|scary) thoughts\b", r"\bthoughts (?:are )?racing\b",
        r"\bdeprimid", r"\bdepresion\b", r"\bansiedad\b", r"\bansios[oa]\b", r"\bpanico\b",
        r"\bsin esperanza\b", r"\bdesesperanza",
        r"\bcrisis (?:nerviosa|de ansiedad|de panico)",
        r"\bataque de (?:nervios|ansiedad|panico)", r"\bsalud mental\b", r"\btrastorno",
    )),
    (2, any_of(  # distress
        r"\b(?:sad|sadness|crying|cry|lonely|loneliness|alone|isolated|empty|numb|overwhelmed"
        r"|stressed|stress|grief|grieving|heartbroken|insomnia|nightmares|burden|struggling"
        r"|miserable|exhausted|broken|falling apart)\b",
        r"\b(?:can not|could not) (?:sleep|get out of bed|stop crying|cope|handle|take it"
        r"|do this|function|think|eat)\b",
        r"\bhead is (?:so )?loud\b", r"\blosing my mind\b", r"\bgoing crazy\b",
        r"\blost my mind\b", r"\bfreaking out\b",
        r"\b(?:no one|noone|nobody) (?:cares|loves|understands)\b", r"\bhate myself\b",
        r"\bgiv(?:e|ing) up\b", r"\bno point\b", r"\bnot (?:ok|okay|doing well|alright)\b",
        r"\b(?:hard|rough|tough) time\b", r"\btherap", r"\bpsychiatr", r"\bcounsel",
        r"\b(?:will not|does not|not|stopped) eat(?:ing)?\b", r"\bhas not eaten\b",
        r"\bfeel(?:ing)? (?:so |really |very )?(?:down|low|blue|bad|like shit|like crap"
        r"|trapped)\b",
        r"\bno way out\b", r"\bcan not (?:go|keep going) on\b",
        r"\b(?:mind|thoughts|head) (?:is |are |will not stop |keeps? )?racing\b",
        r"\b(?:have not|has not|had not|did not|not|barely) (?:slept|sleeping)\b",
        r"\b(?:everything|it|life|this) is (?:just )?(?:too much|so much)\b",
        r"\bnothing matters\b", r"\bspiral", r"\bi (?:think|feel like) i am dying\b",
        r"\bheart (?:is )?(?:racing|pounding)\b", r"\b(?:shaking|trembling)\b",
        r"\b(?:in|stay|stayed|staying) (?:in )?bed (?:for|all)\b", r"\bempty inside\b",
        r"\bdark place\b",
        r"\btriste", r"\bllor", r"\bsoledad\b", r"\bvaci[oa]\b", r"\babrumad", r"\bagobiad",
        r"\bme siento (?:muy |tan |super )?(?:sol[oa]|vaci[oa]|mal|perdid[oa]|inutil)\b",
        r"\bestresad", r"\bestres\b", r"\bangusti", r"\bno puedo dormir\b", r"\bno come\b",
        r"\bnadie me (?:quiere|entiende)\b", r"\bme odio\b", r"\bno valgo\b",
        r"\bno (?:puedo|aguanto) mas\b", r"\bestoy mal\b", r"\bvolviendo loc",
        r"\bperdiendo la cabeza\b", r"\bdesesperad", r"\bduelo\b", r"\bpsicolog",
        r"\bpsiquiatr", r"\bterapia\b",
    )),
    (1, r"\b(?:scared|afraid|fear|worried|terrified|upset|nervous|lost|hurting|miedo|asustad"
        r"|preocupad|nervios[oa]|perdid[oa])\b"),
)
_DRUGS = (
    r"(?:fentanyl|heroin|meth|crystal|cocaine|coke|crack|opioids?|opiates?|oxy\w*|percocet|xanax"
    r"|benzos?|pills|molly|ecstasy|mdma|ketamine|ket|dope|weed|marijuana|pot|acid|lsd|shrooms"
    r"|speed|adderall|suboxone|methadone|drugs?|alcohol|booze|liquor|vodka|beer|whiskey|tequila"
    r"|wine|k2|spice|kratom|tranq|xylazine|morphine|codeine|lean|hydros?|dilaudid)"
)
SUBSTANCE_USE = (
    (4, any_of(  # addiction, recovery, harm reduction
        r"\boverdos", r"\brelaps", r"\bwithdraw", r"\bdope ?sick\b", r"\bdetox", r"\bnaloxone\b",
        r"\btest strips?\b", r"\baddict", r"\bsober", r"\brehab\b", r"\bcravings?\b",
        r"\bshot up\b", r"\bshooting up\b", r"\binject(?:ing|ed)?\b", r"\bneedle exchange\b",
        r"\bsyringes?\b", r"\bclean needles\b", r"\bin recovery\b",
        r"\b(?:been|stay|staying|get|getting|got|was|am|is) clean\b",
        r"\bclean (?:for )?(?:\d+|a|one|two|three|six) (?:days?|weeks?|months?|years?)\b",
        r"\b(?:\d+|a|one|two|three|six) (?:days?|weeks?|months?|years?) (?:clean|sober)\b",
        r"\bsponsor\b", r"\b12 step", r"\balcoholics anonymous\b", r"\bnarcotics anonymous\b",
        r"\bsobredosis\b", r"\bnaloxona\b", r"\btiras (?:de prueba|reactivas)\b", r"\breca[iy]",
        r"\babstinencia\b", r"\bdesintox", r"\brehabilitacion\b", r"\badict", r"\badiccion\b",
        r"\bsobri[oa]\b", r"\blimpi[oa] (?:desde|por|hace) ", r"\balcoholic", r"\bjeringas?\b",
        r"\banexo\b",
    )),
    (4, any_of(  # the drugs that kill
        r"\bfentanyl", r"\bheroin", r"\bmeth\b", r"\bmethamphetamine\b", r"\bcocaine\b",
        r"\bcrack\b", r"\bopioids?\b", r"\bopiates?\b", r"\bxylazine\b", r"\btranq\b",
        r"\bmethadone\b", r"\bsuboxone\b", r"\bfentanil", r"\bheroina\b", r"\bcocaina\b",
        r"\bmetanfetamina\b",
    )),
    (3, any_of(  # drinking
        r"\balcohol", r"\bdrink(?:s|ing)?\b", r"\bdrank\b", r"\bdrunk\b", r"\bbooze\b",
        r"\bliquor\b", r"\bvodka\b", r"\bbeer", r"\bwhiskey\b", r"\bdrinker\b", r"\bhungover\b",
        r"\bhangover\b", r"\bblack(?:ed)? ?out\b", r"\bbinge",
        r"\bborrach", r"\bemborrach", r"\bcerveza", r"\bchela", r"\bcheve", r"\btequila\b",
        r"\bbeb(?:e|o|er|iendo|io)\b",
        # "toma" drinks, unless it takes something ("toma pastillas", "toma su medicina")
        r"\btom(?:a|an|o|e|ar|ando|aba|ado)\b(?! (?:la|las|mi|tu|su|mis|tus|sus|unas|una|un|el"
        r"|toda|todas|muchas|varias|demasiadas|pastilla\w*|medicina\w*|medicamento\w*|agua|cafe"
        r"|decision\w*|foto\w*|tiempo|en cuenta|la vida|nota|control|valor)\b)",
    )),
    (3, any_of(  # using
        rf"\b{_DRUGS}\b", r"\bnodding (?:out|off)\b", r"\bpain pills\b", r"\bplug\b",
        r"\bdealer\b", r"\bsnort", r"\bsmok\w* (?:crack|meth|weed|pot|rock)\b", r"\bstoned\b",
        r"\bwasted\b",
        r"\b(?:i am|he is|she is|they are|we are|was|got|get|getting|gets|being|stay|staying"
        r"|while|when|were) high\b(?! school)",
        r"\b(?:stop|stopped|quit|start|started|keep|been|was|is|are|am|after|before|while|from"
        r"|not|urge to|want to|need to|again) using\b",
        r"\b(?:have not|has not|had not|did not|not|without) (?:used|using|drank|drinking"
        r"|had a drink|a drink|a drug|gotten high)\b",
        r"\busing again\b",
        r"\b(?:want|urge|urges|need) to use\b(?! (?:the|a|my|your|it|this|that|his|her)\b)",
        r"\bquit(?:ting)? (?:drinking|using|drugs)\b",
        r"\bdrog", r"\bmota\b", r"\bmarihuana\b", r"\bcristal\b", r"\bperico\b", r"\bpiedra\b",
        r"\bcoca\b", r"\bconsum(?:ir|o|e|iendo|io)\b",
        r"\b(?:despues de|antes de|ganas de|quiero|volvi a|deja de|dejar de|sigue) "
        r"(?:usar|consumir|tomar|beber)\b",
    )),
    (1, r"\bpills\b|\bpastillas\b|\bsmok"),
)
_PARTNER = (
    r"(?:husband|wife|boyfriend|girlfriend|partner|ex|fiance|spouse|bf|gf|dad|father|stepdad"
    r"|mom|mother|brother|son|abuser|him|her|them|marriage|relationship)"
)
SAFETY_PLANNING = (
    (4, any_of(  # abuse and violence named
        r"\bdomestic (?:violence|abuse)\b", r"\bintimate partner\b",
        r"\b(?<!substance )(?<!drug )(?<!alcohol )abus(?:e|ive|er|ing|ed)\b",
        r"\bviolen(?:ce|t)\b", r"\bassault", r"\brap(?:e|ed)\b", r"\bmolest", r"\btraffick",
        r"\bmaltrat", r"\babus[oa]", r"\bviolencia\b", r"\bviolacion\b", r"\babuso sexual\b",
    )),
    (4, any_of(  # someone harming the person
        rf"\b{_PRESENT_HARM} {VICTIM}",
        r"\b(?:hit|hits|beat|beats|punched|kicked|choked|strangled|slapped|raped|assaulted"
        r"|pushed|shoved|hurt|attacked|threatened|stabbed|threw|throws|dragged|drags|grabbed"
        r"|grabs|pinned|shook|spit on|spat on|bit) me\b",
        r"\b(?:broke|broken|bruised|fractured) my (?:nose|arm|ribs?|jaw|wrist|hand|finger|leg)\b",
        r"\bblack eye\b", r"\bbruises\b", r"\btouch(?:es|ed|ing) me\b",
        r"\bforc(?:ed|es|ing) me\b", r"\bmade me (?:have sex|do)\b",
        r"\bme (?:hit|hits|beat|beats|hurt|hurts|chokes?|punch(?:es|ed)?|kick(?:s|ed)"
        r"|slap(?:s|ped))\b",  # Spanglish: "mi novio me hit"
        r"\bme (?:pega|pegan|pego|golpea|golpean|golpeo|maltrata|lastima|empuja|empujo|ahorca"
        r"|ahorco|jalonea|patea|amenaza|amenazo|acosa|persigue|vigila|controla|violo|insulta"
        r"|humilla|encerro|corrio|toca|toco|manosea|obliga|obligo|forzo|forza|mata|matara)\b",
        r"\b(?:me|le|la|nos|les) (?:peg|golpe|maltrat|lastim|ahorc|empuj|amenaz)"
        r"(?:a|an|aba|aban|o|aron)\b",
        r"\b(?:pegando|golpeando|ahorcando|maltratando|pateando|agrediendo)\b",
    )),
    (4, any_of(  # threats, stalking, control
        r"\bthreat", rf"\b{_PERSON} (?:[a-z]+ ){{0,4}}kill (?:me|us)\b", r"\bamenaz",
        r"\bharas", r"\bacos[oa]\b", r"\bstalk",
        r"\b(?:follows|following|followed|tracking|tracks) me\b",
        r"\b(?:tracks|tracking|tracked|monitors|monitoring|checks|checking|reads|reading"
        r"|goes through|spies on|spying on|took|takes|smashed|broke) my (?:phone|location"
        r"|messages|texts|emails?|car|every move)\b",
        r"\b(?:took|takes|hid|hides|keeps|destroyed|broke) my (?:car keys|keys|id|passport"
        r"|papers|documents|money|wallet)\b",
        r"\bcontrol(?:s|ling)? (?:me|my|all|the|everything|who|where|what)\b",
        r"\bcontrolling\b", r"\b(?:will not|does not|would not|never) let me\b",
        r"\bisolat(?:es|ing) me\b", r"\bjealous\b", r"\blocked me (?:in|out)\b",
        r"\bwill not stop (?:calling|texting|showing up|following)\b",
        r"\b(?:will not|does not|would not|never) leave (?:me|us) alone\b",
        r"\bkeeps? (?:calling|texting|showing up)\b",
        r"\b(?:he|she|they|ex|husband|boyfriend|partner|wife|girlfriend) (?:has|have|owns|keeps"
        r"|got) (?:a |his |her |several |many )?(?:guns?|knife|knives|weapons?|pistol)\b",
        r"\b(?:he|she|they|ex|husband|boyfriend|partner|wife|girlfriend|dad|father) (?:will|would"
        r"|is going to|going to|might|could) (?:find|kill|hurt|hit|come after|track) (?:me|us)\b",
        r"\b(?:tiene|tenia) (?:una |un |el |la |su )?(?:pistola|arma|cuchillo|navaja)\b",
        r"\bme (?:esta|anda) buscando\b",
        r"\bme (?:encuentre|encuentra|pegue|mate|lastime|golpee|haga dano)\b",
        r"\bcelos", r"\bcontrola (?:mi|mis|el|todo|todos)\b",
        r"\bno me deja (?:salir|ver|trabajar|usar|hablar|tener|ir|dormir)\b",
        r"\bme (?:sigue|persigue|esta siguiendo) (?:a todas partes|a todos lados|por|hasta|al"
        r"|a mi)\b",
        r"\b(?:me|nos) (?:quiere|quieren|va a|van a) matar\b",
        r"\b(?:quiere|quieren|va a|van a) matar(?:me|nos)\b",
    )),
    (4, any_of(  # fear, leaving, safety
        rf"\b(?:leave|leaving|left|escape|escaping|get away from|run away from|get out of)"
        rf" (?:my |the |this |an )?"
        rf"{_PARTNER}\b",
        r"\b(?:afraid|scared|terrified) of (?:him|her|them|my|what he|what she)\b",
        r"\b(?:scared|afraid|terrified) (?:to go|of going) (?:back )?home\b",
        r"\b(?:in danger|unsafe|not safe)\b", r"\bdo not feel safe\b", r"\bsafety plan",
        r"\bshelter\b", r"\brestraining order\b", r"\bprotective order\b",
        r"\b(?:tengo miedo|le tengo miedo|miedo) (?:de|a) (?:el|ella|mi)\b", r"\ble tengo miedo\b",
        r"\b(?:dejar a|separarme de|escapar de|huir de|salirme de|irme de) (?:mi|el|ella"
        r"|la casa|casa)\b",
        r"\bseparar(?:me|nos)\b", r"\brefugio\b", r"\balbergue\b", r"\bcasa de acogida\b",
        r"\bplan de seguridad\b", r"\borden de (?:restriccion|proteccion|alejamiento)\b",
        r"\bpeligro\b", r"\blugar seguro\b",
    )),
    (3, any_of(  # a home that is not safe
        r"\b(?:somewhere|some place|a place|safe place) (?:safe|to stay|to hide|to go)\b",
        r"\bsafe place\b", r"\b(?:has|keeps|takes|took|controls) (?:all )?(?:of )?(?:our|the|my)"
        r" money",
        r"\b(?:yells|yelled|yelling|screams|screamed|screaming) at (?:me|us)\b",
        r"\b(?:throws|threw|throwing|breaks|smashes|broke|smashed) (?:things|stuff|plates"
        r"|furniture)\b",
        r"\bpunch(?:es|ed)? (?:walls?|holes)",
    )),
    (2, any_of(
        r"\bnowhere (?:to go|safe)\b", r"\bkicked (?:me |us )?out\b", r"\bcustody\b",
        r"\b(?:want|need|trying|try|plan|planning) to leave\b(?! (?:this|the) (?:world|earth))",
        r"\bno tengo (?:a )?(?:donde|adonde) ir\b", r"\bme corrio de\b",
    )),
)

# --- Spelling and language -------------------------------------------------------------------

# Long, distinctive words whose misspellings ("suicde", "withdrawl", "fentanly") still count.
# Words with a common near neighbour ("hopeless"/"homeless", "attacking"/"attaching") stay out.
WELL_KNOWN_WORDS = (
    "suicide", "suicidal", "overdose", "overdosed", "overdosing", "depressed", "depression",
    "anxiety", "anxious", "worthless", "breakdown", "hallucinating", "hallucinations",
    "schizophrenia", "psychosis", "psychotic", "paranoid", "overwhelmed", "fentanyl", "heroin",
    "cocaine", "naloxone", "withdrawal", "withdrawals", "withdrawing", "relapse", "relapsed",
    "relapsing", "alcohol", "alcoholic", "addicted", "addiction", "cravings", "unresponsive",
    "breathing", "methadone", "suboxone", "abusive", "threatening", "threatened", "restraining",
    "domestic", "violence", "shelter", "strangled", "strangling", "unconscious", "swallowed",
    "sobredosis", "suicidio", "suicidarme", "depresion", "deprimido", "deprimida", "ansiedad",
    "fentanilo", "heroina", "cocaina", "naloxona", "abstinencia", "recaida", "alcoholico",
    "alcoholica", "borracho", "borracha", "desmayo", "inconsciente", "violencia", "refugio",
    "albergue", "amenaza", "amenazando", "golpeando", "pastillas", "tristeza", "esperanza",
    "matarme", "respira", "despierta", "percocet", "myself", "suicidar", "suicidarse",
    "suicidas", "suicida", "overdoses",
)
SPANISH_WORDS = frozenset(
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
ENGLISH_WORDS = frozenset(
    """the i my you your is are am was were be been to and of it its he she they we him her them
    his in on at for with this that what who how why where when can do does did have has had not
    just so but or if about want need help please hi hey hello yes someone anyone there here talk
    feel know get going will would now right today tonight all really very too from out up like
    drugs drug drink drinking hits hitting pills friend boyfriend husband wife girlfriend mom dad
    kids scared anymore life myself think cant dont im ive thats whats an by as our us than then
    because being some any one could should may might much many more never always keep still
    again after before over down off into only also back even make take took go went see tell
    told said say says anything everything nothing something hurt kill die safe leave stop using
    used use high drunk tired sad lonely alone work home house sister brother partner""".split()
)
