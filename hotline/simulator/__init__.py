"""The phone simulator (development only): text and call the line from a browser as a person
or as any responder, and see what each phone received.
"""
