"""The English words that say what a text is about, and which language it is in.

Each name is one topic of a category (psychosis, drinking, threats...); `triage_words.py` gives
each its weight and adds the Spanish words of `triage_topics_es.py`. The words that make a text
urgent are in `triage_words_en.py`.
"""

from __future__ import annotations

from routing.triage_words_en import PERSON, PRESENT_HARM, VICTIM

# --- Mental health ---------------------------------------------------------------------------

PSYCHOSIS = (
    r"\b(?:hearing|hear|hears|heard) (?:voices|things)\b",
    r"\bvoices (?:in my head|telling)",
    r"\b(?:talk|talking|talks|see|seeing|sees|hear|hearing|hears) (?:to )?(?:people|things"
    r"|someone|somebody|stuff) (?:who|that) (?:are|is|were|was) not (?:there|real)\b",
    r"\bhallucinat", r"\bpsycho(?:sis|tic)\b", r"\bparanoi", r"\bdelusion", r"\bschizo",
    r"\bbipolar\b", r"\bmanic\b",
    r"\bpoisoning (?:my|her|his|their) (?:food|water|drink)",
    r"\bspying on (?:me|her|him|us)\b", r"\bout to get (?:me|her|him|us)\b",
    r"\bthinks (?:people|everyone|someone|the government|the neighbors|we) (?:is|are)\b",
)
CONDITIONS = (  # named conditions and states
    r"\bdepress", r"\banxi(?:ety|ous)\b", r"\bpanic", r"\bhopeless", r"\bworthless",
    r"\bbreakdown\b", r"\bbreaking down\b", r"\bmental health\b", r"\bptsd\b",
    r"\bflashbacks?\b", r"\btrauma", r"\beating disorder", r"\banorexi", r"\bbulimi",
    r"\bpurging\b", r"\bstarving myself\b",
    r"\b(?:dark|bad|intrusive|racing|scary) thoughts\b", r"\bthoughts (?:are )?racing\b",
)
DISTRESS = (
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
)
WORRY = (r"\b(?:scared|afraid|fear|worried|terrified|upset|nervous|lost|hurting)\b",)

# --- Substance use ---------------------------------------------------------------------------

_DRUGS = (
    r"(?:fentanyl|heroin|meth|crystal|cocaine|coke|crack|opioids?|opiates?|oxy\w*|percocet|xanax"
    r"|benzos?|pills|molly|ecstasy|mdma|ketamine|ket|dope|weed|marijuana|pot|acid|lsd|shrooms"
    r"|speed|adderall|suboxone|methadone|drugs?|alcohol|booze|liquor|vodka|beer|whiskey|tequila"
    r"|wine|k2|spice|kratom|tranq|xylazine|morphine|codeine|lean|hydros?|dilaudid)"
)
RECOVERY = (  # addiction, recovery, harm reduction
    r"\boverdos", r"\brelaps", r"\bwithdraw", r"\bdope ?sick\b", r"\bdetox", r"\bnaloxone\b",
    r"\btest strips?\b", r"\baddict", r"\bsober", r"\brehab\b", r"\bcravings?\b",
    r"\bshot up\b", r"\bshooting up\b", r"\binject(?:ing|ed)?\b", r"\bneedle exchange\b",
    r"\bsyringes?\b", r"\bclean needles\b", r"\bin recovery\b",
    r"\b(?:been|stay|staying|get|getting|got|was|am|is) clean\b",
    r"\bclean (?:for )?(?:\d+|a|one|two|three|six) (?:days?|weeks?|months?|years?)\b",
    r"\b(?:\d+|a|one|two|three|six) (?:days?|weeks?|months?|years?) (?:clean|sober)\b",
    r"\bsponsor\b", r"\b12 step", r"\balcoholics anonymous\b", r"\bnarcotics anonymous\b",
)
DEADLY_DRUGS = (  # the drugs that kill
    r"\bfentanyl", r"\bheroin", r"\bmeth\b", r"\bmethamphetamine\b", r"\bcocaine\b",
    r"\bcrack\b", r"\bopioids?\b", r"\bopiates?\b", r"\bxylazine\b", r"\btranq\b",
    r"\bmethadone\b", r"\bsuboxone\b",
)
DRINKING = (
    r"\balcohol", r"\bdrink(?:s|ing)?\b", r"\bdrank\b", r"\bdrunk\b", r"\bbooze\b",
    r"\bliquor\b", r"\bvodka\b", r"\bbeer", r"\bwhiskey\b", r"\bdrinker\b", r"\bhungover\b",
    r"\bhangover\b", r"\bblack(?:ed)? ?out\b", r"\bbinge",
)
USING = (
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
)
PILLS_OR_SMOKING = (r"\bpills\b|\bsmok",)

# --- Safety planning -------------------------------------------------------------------------

_PARTNER = (
    r"(?:husband|wife|boyfriend|girlfriend|partner|ex|fiance|spouse|bf|gf|dad|father|stepdad"
    r"|mom|mother|brother|son|abuser|him|her|them|marriage|relationship)"
)
ABUSE = (  # abuse and violence named
    r"\bdomestic (?:violence|abuse)\b", r"\bintimate partner\b",
    r"\b(?<!substance )(?<!drug )(?<!alcohol )abus(?:e|ive|er|ing|ed)\b",
    r"\bviolen(?:ce|t)\b", r"\bassault", r"\brap(?:e|ed)\b", r"\bmolest", r"\btraffick",
)
HARMED = (  # someone harming the person
    rf"\b{PRESENT_HARM} {VICTIM}",
    r"\b(?:hit|hits|beat|beats|punched|kicked|choked|strangled|slapped|raped|assaulted"
    r"|pushed|shoved|hurt|attacked|threatened|stabbed|threw|throws|dragged|drags|grabbed"
    r"|grabs|pinned|shook|spit on|spat on|bit) me\b",
    r"\b(?:broke|broken|bruised|fractured) my (?:nose|arm|ribs?|jaw|wrist|hand|finger|leg)\b",
    r"\bblack eye\b", r"\bbruises\b", r"\btouch(?:es|ed|ing) me\b",
    r"\bforc(?:ed|es|ing) me\b", r"\bmade me (?:have sex|do)\b",
)
THREATS = (  # threats, stalking, control
    r"\bthreat", rf"\b{PERSON} (?:[a-z]+ ){{0,4}}kill (?:me|us)\b", r"\bharas", r"\bstalk",
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
)
LEAVING = (  # fear, leaving, safety
    rf"\b(?:leave|leaving|left|escape|escaping|get away from|run away from|get out of)"
    rf" (?:my |the |this |an )?"
    rf"{_PARTNER}\b",
    r"\b(?:afraid|scared|terrified) of (?:him|her|them|my|what he|what she)\b",
    r"\b(?:scared|afraid|terrified) (?:to go|of going) (?:back )?home\b",
    r"\b(?:in danger|unsafe|not safe)\b", r"\bdo not feel safe\b", r"\bsafety plan",
    r"\bshelter\b", r"\brestraining order\b", r"\bprotective order\b",
)
UNSAFE_HOME = (  # a home that is not safe
    r"\b(?:somewhere|some place|a place|safe place) (?:safe|to stay|to hide|to go)\b",
    r"\bsafe place\b", r"\b(?:has|keeps|takes|took|controls) (?:all )?(?:of )?(?:our|the|my)"
    r" money",
    r"\b(?:yells|yelled|yelling|screams|screamed|screaming) at (?:me|us)\b",
    r"\b(?:throws|threw|throwing|breaks|smashes|broke|smashed) (?:things|stuff|plates"
    r"|furniture)\b",
    r"\bpunch(?:es|ed)? (?:walls?|holes)",
)
NOWHERE_TO_GO = (
    r"\bnowhere (?:to go|safe)\b", r"\bkicked (?:me |us )?out\b", r"\bcustody\b",
    r"\b(?:want|need|trying|try|plan|planning) to leave\b(?! (?:this|the) (?:world|earth))",
)

# --- Spelling and language -------------------------------------------------------------------

# Long, distinctive words whose misspellings ("suicde", "withdrawl", "fentanly") still count.
# Words with a common near neighbour ("hopeless"/"homeless", "attacking"/"attaching") stay out.
WELL_KNOWN_WORDS = (
    "suicide", "suicidal", "overdose", "overdosed", "overdosing", "overdoses", "depressed",
    "depression", "anxiety", "anxious", "worthless", "breakdown", "hallucinating",
    "hallucinations", "schizophrenia", "psychosis", "psychotic", "paranoid", "overwhelmed",
    "fentanyl", "heroin", "cocaine", "naloxone", "withdrawal", "withdrawals", "withdrawing",
    "relapse", "relapsed", "relapsing", "alcohol", "alcoholic", "addicted", "addiction",
    "cravings", "unresponsive", "breathing", "methadone", "suboxone", "percocet", "abusive",
    "threatening", "threatened", "restraining", "domestic", "violence", "shelter", "strangled",
    "strangling", "unconscious", "swallowed", "myself",
)
# Common words, for telling the language of a text.
COMMON_WORDS = frozenset(
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
