"""Checks of the coordinator console against the running line: refused without a session or
with too low a role, lockout, sign-out ending a copied cookie, the audit chain, no number or
message shown, and two lines kept apart."""
