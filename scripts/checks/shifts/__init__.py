"""The shifts' acceptance checks (`scripts/acceptance-shifts`): reminders, cover by text, the
unconfirmed-shift alert and the gap watch."""
