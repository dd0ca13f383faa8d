"""Cases and the parties to them: the unit of work every change goes through, a case's
lifecycle (the only place its status changes), people and responders, and the line's roster.
"""
