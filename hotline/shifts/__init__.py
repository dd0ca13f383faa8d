"""Shifts that look after themselves: reminders a responder confirms by text, cover requests
the first TAKE wins, a daily watch for hours nobody is on call, and calendar feeds.

`routing.shift_plan` decides who is on call when; this package keeps the records, texts the
people and names the follow-up work. Coordinators are texted at the phones the roster lists
under `coordinators` (docs/roster.md).
"""
