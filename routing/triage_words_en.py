"""The English words and phrases that tell triage someone is in danger right now.

Suicide and self-harm, overdose and a body in danger, violence under way, and the words of time
that say whether it is happening now. What a text is about (its topic) is in
`triage_topics_en.py`; the Spanish vocabulary, under the same names, is in `triage_words_es.py`;
`triage_words.py` puts the languages together, English first. Every pattern is written against a
text as `triage_text.read` gives it: lower case, no accents, contractions and shorthand spelled
out ("im" → "i am", "kms" → "kill myself"), doubled letters squeezed, clauses separated by
" | ". People mix the languages, so a few patterns here also know a Spanish word or two.
"""

from __future__ import annotations

# Up to two filler words that are neither negations nor a wish to stop ("going to just", "want
# to finally", but not "want to stop"): GAP is followed by a plain word, SPACED_GAP by a pattern
# that starts at a word boundary.
GAP = r"(?:(?!not |never |no |nunca |jamas |stop |quit |dejar |parar )[a-z0-9]+ ){0,2}"
SPACED_GAP = (
    r"(?: (?!not\b|never\b|no\b|nunca\b|jamas\b|stop\b|quit\b|dejar\b|parar\b)[a-z0-9]+){0,2}"
)
SELF = r"(?:myself|himself|herself|themselves|themself|ourselves)"
OWNER = r"(?:my|his|her|their|our|the|these|those)"
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

# --- Suicide and self-harm -------------------------------------------------------------------

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
)
SELF_HARM = (
    rf"\b(?:hurt|hurting|harm|harming|cut|cutting|burn|burning) {SELF}",
    r"\bself ?harm",
    r"\bcutting (?:again|on my)\b|\b(?:i am|i have been|been|started|start|keep|i) cutting\b",
)
# Wishing to die, or thinking about it: mental health, but not danger on its own.
SUICIDAL_THOUGHTS = (
    r"\bsuicid[a-z]*",
    r"\b(?:want|wanna|wish|wishing|ready|deserve|deserves|wants|wanting) to die\b",
    r"\b(?:thinking|think|thoughts|thought) (?:about|of) (?:dying|death|being dead"
    r"|not being here)\b",
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
    r"\b(?:want|wanna|wish i could|just want to) (?:to )?disappear\b",
)
# Words that make a death wish a thought rather than an act ("thinking about suicide tonight").
THINKING = r"\b(?:think|thinking|thought|thoughts|ideas?|ideation)\b"
# Volition: with an act, intent ("going to kill myself").
VOLITION = (
    "going to", "about to", "ready to", "want to", "wants to", "wanting to", "will", "ill",
    "decided to", "planning to", "plan to", "plan on", "planning on", "trying to", "try to",
    "need to", "have to", "got to", "must", "finally", "intend to", "tonight i",
)
INTENT_ONLY_ACTS = (
    r"\boverdose\b", r"\bjump\b(?! (?:me|him|her|us|them|you)\b)",
    r"\b(?:take|swallow) (?:them|these|those|it) all\b",
    r"\b(?:take|swallow) all (?:of )?(?:them|these|those)\b",
    r"\b(?:take|swallow|down|eat) everything\b",
)
# With means in the text, "ready to take them" is intent.
INTENT_WITH_MEANS = (
    r"(?:take|swallow|use|do|pull) (?:them|it|this|these|those|the trigger)\b",
)
PLAN = (
    r"\b(?:have|got|made|making|has) (?:a |the |my )?plan\b",
    r"\bmy plan is\b",
    r"\b(?:wrote|written|writing) (?:a |my |the )?(?:suicide |goodbye )?(?:note|letter)",
    r"\bgave away (?:my|all)\b",
    r"\b(?:said|saying) (?:my )?goodbyes?\b",
    r"\b(?:picked|chose|chosen|set|settled on) (?:a|the) (?:time|date|day)\b",
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
    r"\bthis is (?:my )?(?:goodbye|good bye|the end)\b",
    # "this is my last message", not "did you get my last message"
    r"(?<!get )(?<!got )(?<!see )(?<!saw )(?<!read )(?<!get my )(?<!got my )(?<!see my )"
    r"(?<!saw my )(?<!read my )\b(?:my )?(?:last|final) (?:text|message|goodbye)\b",
    r"\bwill not be (?:here|alive) (?:tomorrow"
    r"|much longer|by morning)\b|\blast time (?:you|anyone) (?:will )?hear from me\b",
    r"\bgoodbye (?:everyone|world|forever|cruel)\b|\b(?:tonight|today) is the (?:night|day)\b",
    r"\b(?:wrote|written|writing|left) (?:[a-z]+ ){0,2}(?:letters?|notes?) (?:to|for) (?:my )?"
    r"(?:family|kids|children|parents|mom|dad|wife|husband|everyone|all|loved ones)\b",
    r"\b(?:knife|blade|razor|gun|pistol) (?:to|on|against|in) my (?:wrists?|throat|head|mouth|neck"
    r"|temple|chest)\b",
    r"\b(?:suicide|goodbye) (?:note|letter)\b",
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
)
# An attempt under way: pills swallowed, a deep cut.
ATTEMPT = (
    rf"\b(?:took|swallowed|downed|ate|drank|overdosed on|taken|popped) {QUANTITY} (?:of )?"
    rf"(?:{OWNER} )?{MEDS}",
    r"\b(?:drank|swallowed|drinking|ate) (?:some |a bottle of |the )?(?:bleach|poison|antifreeze"
    r"|rat poison)\b",
    r"\bcut (?:myself |my (?:arm|arms|wrist|wrists|leg|legs|thigh) )?(?:too |really |so |very )?"
    r"(?:deep|bad|badly)\b",
    r"\b(?:just|i) (?:cut|slit|slashed|sliced) (?:my|his|her) (?:wrists?|throat|arms? open)\b",
    r"\b(?:just|tried to|trying to|attempted to|just tried to) "
    r"(?:kill|hang|shoot|drown|poison|suffocate|overdose) (?:myself|himself|herself|themselves)\b",
    r"\balready (?:took|swallowed|taken|downed) (?:the|them|all)\b|\b(?:took|swallowed|downed) "
    r"(?:them|it) all\b|\b(?:took|swallowed) all of them\b",
    r"\b(?:overdosed|took|swallowed|drank|overdose) (?:[a-z]+ ){0,4}(?:on purpose|intentionally)\b",
    r"\b(?:took|swallowed|downed|ate) everything (?:in|from) (?:the|my|her|his) (?:[a-z]+ )?"
    r"(?:cabinet|drawer|bottle|box)\b",
    r"\b(?:chugged|drank|downed|swallowed) (?:a |the |an )?(?:whole |entire |full )?bottle of "
    r"(?:nyquil|cough syrup|robitussin|tylenol|pills|sleeping pills)\b",
    r"\bcan not stop (?:the )?bleeding\b",
    r"\bbleeding (?:a lot|so much|badly|heavily|everywhere|out)\b",
)

# --- Overdose and medical danger -------------------------------------------------------------

# Someone overdosing: explicit words.
OVERDOSING = (
    r"\boverdosing\b",
    r"\b(?:having|had|has|is having) an overdose\b",
    r"\boverdosed\b",
    r"\b(?:took|did|used|smoked|shot|snorted|drank|take|had|hit) (?:way )?(?:too much|too many)\b",
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
    r"\b(?:can not|could not) wake (?:him|her|them|my [a-z]+)\b",
    r"\b(?:will not|would not|does not|did not) wake(?= \||$)",
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
    r"\b(?:gurgling|snoring|choking) (?:sounds|noises|weird|strange|loud)\b",
    r"\bchoking on (?:his|her|their|my) (?:own )?(?:vomit|puke)\b",
    r"\b(?:throwing up|puking|vomiting) (?:while |in (?:his|her|their) )?(?:passed out|asleep|sleep"
    r"|unconscious)\b",
    r"\b(?:someone|somebody) is dying (?:here|right now|now)\b",
    r"\b(?:vomiting|vomited|throwing up|threw up|puking) blood\b",
    r"\b(?:will not|does not|is not) respond(?:ing)?\b(?! to\b)",
    r"\bstill (?:blue|gray|grey|purple)\b",
)
# Only with drugs in the text: otherwise panic, not poisoning.
BODY_IN_DANGER_AFTER_USE = (
    r"\bbreathing (?:is |sounds )?(?:really |very |so )?(?:weird|slow|shallow|strange|funny|slowly"
    r"|wrong)\b|\b(?:slow|shallow|weird) breathing\b",
    r"\b(?:is|he is|she is|they are) dying\b",
    r"\b(?:can not|could not) breathe\b",
    r"\b(?:trouble|hard to|problems) breath",
    r"\bchest (?:pain|hurts|is tight)\b",
)
# What might happen, not what is: "what if", fear of one day, a wish not to wake up.
HYPOTHETICAL = (
    r"\b(?:in case|just in case|what if|someday|some day|one of these days)\b"
    r"|\b(?:that|scared|afraid|worried|fear) one day\b"
    r"|\b(?:wish|hope|hoping|pray|rather|easier|better|alright|okay|fine|nice|peaceful)(?: if"
    r"| that)? (?:i|to)(?: [a-z]+){0,2} not wake up\b"
    r"|\b(?:what|how) (?:do|should|can|would|to) (?:i |we |you )?(?:[a-z]+ ){0,3}(?:if|when)\b"
)

# --- Violence happening now ------------------------------------------------------------------

_HARMING = (
    "(?:hitting|beating|beating up|punching|kicking|choking|strangling|slapping|attacking|hurting"
    "|stabbing|shooting at|raping|assaulting|smacking|throwing things at|dragging|pushing|shoving"
    "|grabbing|burning|biting|chasing|suffocating|smothering|pinning|following"
    "|throwing (?:[a-z]+ ){1,2}at|swinging (?:[a-z]+ ){1,2}at)"
)
_HARM = "(?:kill|shoot|stab|hurt|murder|beat|strangle|choke|rape|hit|attack|kidnap)"
PRESENT_HARM = (
    r"(?:hit|hits|hitting|beat|beats|beating|punch\w*|kick\w*|chok\w*|strangl\w*|slap\w*|attack\w*"
    r"|hurt|hurts|hurting|stab\w*|rap(?:e|es|ing)|assault\w*|threaten\w*|push\w*|shov\w*|grab\w*)"
)
PERSON = (
    r"(?:he|she|they|someone|somebody|(?:my|his|her|a|the) (?:[a-z]+ )?(?:husband|wife|boyfriend"
    r"|girlfriend|partner|ex|dad|father|stepdad|stepfather|mom|mother|brother|son|uncle|man|guy"
    r"|neighbor|roommate|abuser|cousin|boss))"
)
VIOLENCE_NOW = (
    rf"\b(?:is|are|am|still) (?:(?!been |was |not |never )[a-z]+ ){{0,3}}{_HARMING} {VICTIM}",
    rf"\bjust (?:hit|beat|punched|kicked|choked|strangled|slapped|attacked|stabbed|shot|raped"
    rf"|assaulted|pushed|shoved|threw|hurt|broke) {VICTIM}",
    rf"\b{PERSON} (?:[a-z]+ ){{0,3}}(?:going to|about to|trying to|threatening to|wants to"
    rf"|coming to|coming back to) {GAP}{_HARM} (?!myself|himself|herself){VICTIM}",
    rf"\b(?:says|said|saying|swears|swore|yelling|screaming|shouting) (?:that )?(?:he|she|they) "
    rf"(?:will|is going to) {GAP}{_HARM} "
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
    r"\bbroke (?:in|into)\b",
    r"\bbroke (?:down|through|in) (?:the|my|our) (?:door|window)\b",
    r"\b(?:is|are) coming (?:for|after|to get|to kill|to hurt) (?:me|us)\b",
    r"\b(?:has|got|is holding|holds|put|puts|is pressing) (?:a |his |her |the )?(?:knife|gun|blade"
    r"|pistol) (?:to|on|against) my\b",
    r"\b(?:is|are) (?:here|outside|home|back|at the door)\b.*\b(?:has|got|with|holding) "
    r"(?:a |his |her |the )?(?:gun|knife|pistol|rifle|weapon|machete)\b",
    r"\b(?:trying to|is|are) (?:break|breaking|get|getting|bust|busting) (?:in|into|down)\b",
    # "kicking in" alone is pills or a feeling setting in; a door is kicked in.
    r"\b(?:trying to|is|are) (?:kick|kicking) (?:down|in (?=the |my |our |her |his |a ))",
    r"\b(?:breaking|kicking|banging on|pounding on|beating on|busting) (?:down |in )?(?:the|my|our"
    r"|her|his) (?:[a-z]+ )?(?:door|window|windows)\b",
    r"\bjust (?:kicked|broke|busted) (?:in |down )?(?:the|my|our|her|his) (?:[a-z]+ )?(?:door"
    r"|window)\b",
    r"\b(?:i am|we are) (?:hiding|locked) (?:in|from|under)\b",
    r"\b(?:trying|jiggling|rattling|pulling on) (?:my|the|our) (?:front |back |bedroom )?"
    r"(?:door|doors|window|windows|handle|door handle|doorknob|lock)\b",
    r"\bhiding (?:in|from) (?:him|her|them|the|my)\b",
    r"\b(?:is|are) (?:outside|at) (?:my|the|our) (?:door|house|home|apartment|window|work|car)\b",
    r"\blocked (?:me|us) in\b",
    r"\bholding me (?:down|hostage|against)\b",
    r"\b(?:i am|we are) in danger\b",
    r"\b(?:not safe|in danger) (?:right now|now)\b",
)
# Harm in the present tense: danger now when the same clause says "now".
VIOLENCE_PRESENT = (
    rf"\b{PRESENT_HARM} {VICTIM}(?! out\b)",  # "kicked me out" is not a blow
    r"\b(?:is|are|am) (?:getting|being) (?:hit|beaten|beat up|choked|strangled|stabbed|attacked"
    r"|raped|dragged|kicked|punched)\b",
)
# Harm just done ("choked me earlier") that is danger now when the one who did it is still there
# or back ("he's back", "coming down the hall").
HARM_DONE = (
    r"\b(?:hit|punched|kicked|slapped|beat|choked|strangled|stabbed|pushed|shoved|dragged|burned"
    r"|bit|threw (?:[a-z]+ ){0,3}(?:at|into|against)) (?:me|us|my head|my face)\b",
)
STILL_THERE = (
    r"\b(?:he|she|they) is (?:back|here|home|coming|still here|outside|at the door|in the (?:house"
    r"|hall|hallway|next room|kitchen|living room))\b",
    r"\b(?:he|she|they) is still (?:home|in the house|out in the [a-z]+|outside"
    r"|in the [a-z]+ room)\b",
    r"\bcoming (?:down the hall|up the stairs|back)\b",
)
CONDITIONAL_THREAT = (
    r"\bif (?:i|we) (?:leave|left|tell|told|call|called|go|try|ever)\b|\balways\b"
    r"|\b(?:keeps?|constantly|often|usually|sometimes|every time|whenever)\b"
)

# --- Time ------------------------------------------------------------------------------------

NOW = r"\b(?:now|right now|currently|at the moment|as we speak)\b"
SOON = (
    r"\b(?:tonight|(?<!ago )today|tomorrow|this (?:morning|afternoon|evening|weekend|week)|shortly"
    r"|in (?:a few|an|a|\d+|[a-z]+) (?:minutes?|mins?|hours?|hrs?)|as shortly as|at midnight"
    r"|after (?:everyone|everybody|they|the kids|my (?:kids|parents|family|wife|husband|roommate))"
    r" (?:is |are |go |goes |fall |falls |gets |get )?(?:asleep|to sleep|to bed))\b"
)
PAST = (
    r"\b(?:last (?:week|month|year|summer|winter|spring|fall|time|weekend)|(?:\d+|a|an|one|two"
    r"|three|few|couple|couple of|several|many) (?:days|weeks|months|years|yrs) ago|years ago"
    r"|months ago|(?:a|an|one) (?:day|week|month|year) ago|yesterday"
    r"|when (?:i|he|she|they|we) (?:was|were)|used to|in the past|back in"
    r"|in (?:19|20)\d\d|in (?:my|his|her|their) (?:teens|twenties|thirties|20s|30s|40s)|once before"
    r"|twice before|previously|died|passed away|funeral"
    r"|before(?! i| it| he| she| they| you| we| my))\b"
)
RECENT_PAST = r"\b(?<!since )(?:last night|earlier|this morning)\b|\bthe other (?:day|night)\b"
STILL = r"\b(?:still|now|right now)\b"
