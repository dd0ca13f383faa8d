"""The HTTP surface Twilio and the platform see: signed webhooks for texts and calls, the
fallback that needs neither database nor Redis, and health checks. Each view checks the
signature, parses the form, calls a capability and answers TwiML.
"""
