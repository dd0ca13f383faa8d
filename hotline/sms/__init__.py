"""The SMS line: texts stored at the webhook, acted on by a job (a person's side and a
responder's side), texts sent through Twilio, and texts the fallback parked in Redis.
"""
