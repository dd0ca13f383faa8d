"""English text of the console's shift pages: asking for cover (a responder's own page, a
line's Shifts page) and the line's gaps."""

TEXT = {
    "shifts": "Shifts",
    "shifts_of_line": "Shifts of line {number}",
    "ask_cover": "Ask for cover",
    "cover_span_hint": "Leave both times empty to ask for the whole shift, or give a part of "
    "it, between {start} and {end}. Everyone who could take it is asked by text.",
    "cover_span_whole": "Leave both times empty to ask for the whole shift, or give a part "
    "of it; for a shift under way, give both. Everyone who could take it is asked by text.",
    "cover_underway_hint": "On call now. Give the part you need covered: a start and an end "
    "inside the shift, both later than now. Everyone who could take it is asked by text.",
    "cover_underway_need": "This shift has started: give a date and time later than now, like "
    "{example}.",
    "underway_until": "on call now, until {end}",
    "beyond_days": "beyond the next {n} days",
    "underway_open": "on call now and beyond the next {n} days",
    "cover_time_hint": "Date and time, like {example}.",
    "cover_requests": "Cover requests",
    "no_cover_requests": "No cover request is open or taken.",
    "cover_request": "Request {code}",
    "cover_code": "Request",
    "cover_status": "Status",
    "cover_open": "open: nobody has taken it yet",
    "cover_taken_by": "taken by {name}",
    "cover_whose": "Whose shift",
    "cancel_cover": "Cancel request {code}",
    "cover_asked_done": "Request {code}: texted to everyone who could take it ({count}). "
    "You will get a text when someone takes it.",
    "cover_asked_for_done": "Request {code} for {name}: texted to everyone who could take it "
    "({count}), and to {name}.",
    "cover_nobody_done": "Request {code}: nobody else can cover it right now. The "
    "coordinators are told.",
    "cover_cancelled_done": "Request {code} is withdrawn: the shift stays yours.",
    "cover_cancel_taken": "Request {code} is already taken by {name}. Ask them to text "
    "UNTAKE {code}, or ask your coordinator.",
    "cover_cancel_none": "Request {code} is not open any more.",
    "cover_not_made": "The request was not made. See the form below.",
    "cover_no_shift": "Choose one of the shifts listed. A shift that is no longer on the "
    "schedule cannot be asked for.",
    "cover_bad_time": "Write a date and time, like {example}.",
    "cover_order": "The end must be after the start.",
    "cover_past": "That time has passed. Choose a later start.",
    "cover_outside": "Choose times inside the shift: from {start} until {end}.",
    "cover_open_already": "Request {code} already asks for cover of part of this time. "
    "Cancel it first, or wait for an answer.",
    "gaps_title": "Gaps in the next {n} days",
    "gaps_hint": "Hours inside line hours with nobody on call. Closed hours are not gaps. "
    "Times in {timezone}.",
    "no_gaps": "No gaps: someone is on call at every open hour.",
    "cover_for_someone": "Ask for cover for a responder",
    "cover_for_hint": "For one of their shifts in the next {n} days. They are told by text, "
    "and the request is recorded in the audit log.",
    "shift_choice": "Shift",
    "kind_shift_cover_requested": "asked for cover of a shift",
    "kind_shift_cover_cancelled": "withdrew a cover request",
}
