"""English words of the line."""

WORDS = {
    # To a person
    "ack": "You reached the crisis line. It's confidential. We're finding someone to text "
    "with you. In danger now? Text {word}. STOP ends texts.",
    "ack_urgent": "You reached the crisis line. We're reaching a responder right now. "
    "Reply STOP to end texts.",
    "menu": "You reached the crisis line. This is confidential; reply STOP to end texts. "
    "What's going on? Reply 1 mental health, 2 substance use, 3 safety planning.",
    "finding": "We're finding someone to text with you now. In danger now? Text {word}.",
    "menu_again": "Reply 1 for mental health, 2 for substance use, or 3 for safety planning.",
    "connected": "{name} from the crisis team is here with you now. You can text here.",
    "waiting": "We're still finding someone for you. Thank you for waiting.",
    "still_waiting": "We're still here, still finding someone for you.",
    "no_one": "We couldn't reach a responder yet, and we're still trying.",
    "resources": "If you are in danger now, call or text 988.",
    "closed_hours": "The line is closed now. It opens {day} {time}.",
    "weekdays": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
    "closed_hours_unknown": "The line is closed now.",
    "no_text": "We got your message, but only words come through here. Please text us "
    "what's going on.",
    "started": "You're back in touch with the crisis line. Text here anytime.",
    "case_closed": "This conversation has ended. Text this number anytime to reach the "
    "crisis line again.",
    # Check-ins (neutral: nothing a person reading over a shoulder would learn from)
    "checkin_ask": "Thank you for reaching out. May we send a short check-in text later? "
    "Reply 1 yes, any time; 2 yes, evenings only; 3 no; 4 it's not safe to text me.",
    "checkin_ok_any": "Thank you. We'll check in once in a while, between 9 am and 9 pm. "
    "Take care.",
    "checkin_ok_evening": "Thank you. We'll check in only in the evening, 5 to 9 pm. Take care.",
    "checkin_1": "Hi, just checking in. How are you doing? You can reply here anytime.",
    "checkin_2": "Hi again. No need to reply, but we're here if you want to talk.",
    "checkin_3": "Thinking of you. You can text this number anytime.",
    "followup_ack": "Thanks for writing back. Someone will text you soon.",
    "forgotten": "Your messages and number will be erased from the line within minutes, "
    "and nothing more will be sent to you. You can text again anytime.",
    # To a responder
    "offer": "Case {code}: {category}, not urgent, {language}. Reply YES {code} to take it "
    "or NO {code} to pass.",
    "offer_urgent": "URGENT case {code}: {category}, {language}, danger now{why}. Reply YES "
    "{code} to take it.",
    "why": " ({why})",
    "now_urgent": "Case {code} is URGENT now{why}. Reply YES {code} to take it.",
    "danger_holder": "URGENT: case {code} reads as danger now{why}. Please check on them.",
    "backup_needed": "URGENT: {name} asked for backup on case {code} ({category}, {language}). "
    "Please reach {name}.",
    "marked_urgent": "Case {code} is urgent now; everyone on call was told.",
    "no_urgent_case": "You have no open case or offer {code} to mark urgent.",
    "offer_call": "CALL case {code}: {category}, {urgency}, {language}. Your phone will ring: "
    "press 1 to take it, or reply YES {code}.",
    "alert": "No one has taken case {code} ({category}, {language}{urgent}). The person got "
    "the resources text. Reply YES {code} to take it.",
    "alert_urgent": ", urgent",
    "accepted": "Case {code} is yours. Your texts here go to the person from the line's "
    "number. Text DONE {code} when finished.",
    "accepted_many": "Case {code} is yours. You have {count} cases open: start each reply "
    "with its code, like: {code} hello",
    "earlier": "[{code}] earlier: {text}",
    "relay": "[{code}] {text}",
    "media_note": "[{code}] (they sent a picture or file; only words come through)",
    "taken": "Case {code} was taken by another responder. Thank you.",
    "expired": "The offer for case {code} has ended and went on to someone else.",
    "no_offer": "You have no open offer to answer.",
    "no_such_offer": "You have no open offer for case {code}.",
    "which_offer": "You have {count} open offers ({codes}). Reply YES with the code, like: "
    "YES {first}",
    "passed": "Okay, case {code} goes on to someone else.",
    "need_code": "You have {count} cases open ({codes}). Start your reply with the case "
    "code, like: {first} your message",
    "no_case": "You have no open case, so this wasn't sent. Text HELP for commands.",
    "no_such_case": "You have no open case {code}.",
    "done": "Case {code} is closed. Thank you for being there.",
    "on": "You're ON: you'll get offers while you're on call.",
    "off": "You're OFF: no new offers until you text ON.",
    "help": "YES/NO [code]: answer an offer. DONE [code]: close a case. URGENT [code]: danger "
    "now, alert everyone. CALL [code]: call a caller back. ON/OFF: take or stop offers. Start "
    "a reply with a code to pick a case. Shifts: OK confirms, COVER asks for cover, TAKE "
    "[3-digit code] covers.",
    "person_back": "[{code}] The person texted START again, so the case is open again: "
    "their texts come to you here.",
    "person_stopped": "[{code}] The person texted STOP, so the line can't text them. The case "
    "is closed.",
    "relay_sent": "[{code}] sent: {text} (not you? tell your coordinator at once)",
    "earlier_more": "[{code}] {count} earlier texts are not shown here; the last ones follow.",
    "person_gone": "[{code}] The person is no longer reachable; this wasn't sent.",
    # Voice, to a caller
    "v_greeting": "You've reached the community crisis line. This call is confidential.",
    "v_menu": "Press 1 or say mental health. Press 2 or say substance use. Press 3 or say "
    "safety planning. Or tell us in a few words what is happening.",
    "v_no_input": "Sorry, we didn't catch that.",
    "v_text_offer": "To be texted at this number instead, press 1.",
    "v_texting": "We'll text you now. Take care.",
    "v_goodbye": "Take care. Goodbye.",
    "v_hold": "Thank you for holding. We're reaching a responder now. Stay on the line, or "
    "press any key to leave a voicemail.",
    "v_nobody": "We couldn't reach a responder right now.",
    "v_voicemail": "Please leave a message after the tone, and a responder will call you "
    "back. Hang up when you are done.",
    "v_recorded": "Thank you. A responder will call you back. Goodbye.",
    # Voice, to a responder
    "v_offer": "Crisis line. A caller needs help with {category}. {urgency}. {language}. "
    "Press 1 to take this call.",
    "v_urgent": "Urgent, danger now",
    "v_not_urgent": "Not urgent",
    "v_connecting": "Connecting you to the caller now.",
    "v_taken": "Another responder took this call. Thank you. Goodbye.",
    "v_ended": "This call has ended. Thank you. Goodbye.",
    "v_callback": "Calling the person back through the line now. Please stay on the line.",
    # Texts about calls, to a responder
    "voice_accepted": "Case {code} is yours. After the call, text CALL {code} to call them "
    "back through the line.",
    "voice_calling_you": "Calling you now to connect you with the caller of case {code}.",
    "voicemail_alert": "Voicemail on case {code} ({category}, {language}{urgent}). "
    "Text CALL {code}: the line plays it to you, then calls them back.",
    "v_voicemail_play": "Here is their voicemail.",
    "no_call_case": "There is no call case {code} for you to call back.",
    "calling_back": "Calling you now; answer and the line will call the person of case {code}.",
    "followup_direct": "Follow-up {code}: someone you helped replied to a check-in. Your texts "
    "here go to them. Text DONE {code} when finished.",
    "offer_followup": "Follow-up case {code}: {category}, {language}; they replied to a "
    "check-in. Reply YES {code} to take it or NO {code} to pass.",
    "person_exited": "[{code}] The person left the conversation. Don't text them; the case "
    "is closed.",
    "discreet": " Their phone may not be private: keep texts plain and discreet.",
    "person_forgot": "[{code}] The person asked the line to erase their data. The case is "
    "closed; don't text them.",
    # Names
    "category_mental_health": "mental health",
    "category_substance_use": "substance use",
    "category_safety_planning": "safety planning",
    "category_unknown": "need unclear",
    "language_en": "English",
    "language_es": "Spanish",
    # Shifts: reminders, cover requests, gap summaries (hotline/shifts).
    "shift_days": "Mon Tue Wed Thu Fri Sat Sun",
    "shift_months": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    "shift_reminder": "Shift reminder: you're on call for {category} {when}. Reply OK to "
    "confirm or COVER to ask for cover.",
    "shift_confirmed": "Thanks, your shift {when} is confirmed.",
    "shift_none": "You have no upcoming shift reminder to answer. Text HELP for commands.",
    "shift_unconfirmed": "Shift not confirmed: {name}, {category}, {when}. They were reminded "
    "and have not replied.",
    "cover_ask": "Can you cover {when} ({category})? Reply TAKE {code}",
    "cover_asked": "We asked {count} of the team to cover your shift {when}. We'll tell you who "
    "takes it. Text CANCEL {code} to keep it.",
    "cover_asked_for_you": "Your coordinator asked {count} of the team to cover your shift {when}. "
    "We'll tell you who takes it. Text CANCEL {code} to keep it.",
    "cover_nobody": "Nobody else can cover your shift {when} right now. Your coordinators "
    "know.",
    "cover_open_already": "You already asked for cover of {when}: request {code}. Text CANCEL "
    "{code} to keep the shift.",
    "cover_won": "It's yours: you're on call for {category} {when}. Thank you! Text UNTAKE "
    "{code} before it starts if you can't.",
    "cover_taken_for_you": "{name} is covering your shift {when}. You're off then. Thank you.",
    "cover_taken_note": "Cover {code}: {name} takes {requester}'s shift, {category} {when}.",
    "cover_taken_already": "Cover {code} was already taken by someone else. Thank you.",
    "cover_yours_already": "Cover {code} is already yours.",
    "cover_no_such": "There is no open cover request {code}.",
    "cover_started": "Cover {code} is no longer needed: the shift has started.",
    "cover_not_able": "Cover {code} is for {category}, which you are not on the roster for.",
    "cover_own": "Cover {code} is your own request. Text CANCEL {code} to keep the shift.",
    "cover_cancelled": "Your request {code} is withdrawn: the shift {when} stays yours.",
    "cover_withdrawn": "Cover {code} for {when} is no longer needed. Thank you.",
    "cover_cannot_cancel": "Cover {code} is already taken by {name}. Ask them to text UNTAKE "
    "{code}, or ask your coordinator.",
    "cover_untaken": "You gave back cover {code}. We're asking others again.",
    "cover_given_back": "{name} can no longer cover your shift {when}. We're asking others "
    "again; until then it is yours.",
    "cover_dropped_note": "Cover {code}: {name} gave back {requester}'s shift {when}; asking "
    "others again.",
    "cover_not_yours": "Cover {code} is not yours to give back.",
    "cover_untake_late": "Cover {code} has started; ask your coordinator to change it.",
    "cover_failed": "Cover {code} could not be written to the roster. Your coordinators "
    "know.",
    "cover_unanswered": "Nobody has taken cover {code}: {requester}'s shift, {category} "
    "{when}.",
    "gaps_summary": "Gaps in the next {days} days (nobody on call): {gaps}.",
    "gaps_more": " and {count} more",
}
