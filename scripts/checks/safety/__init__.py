"""Checks of the safety net: danger read later, the danger word, URGENT, the unanswered menu."""
