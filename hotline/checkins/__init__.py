"""Follow-up check-ins with consent: asked once when a case closes, scheduled only after a
yes, sent inside the chosen window, and a reply routed back to a responder.
"""
