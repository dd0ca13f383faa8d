"""The SMS line: texts stored at the webhook, acted on by a job (a person's side and a
responder's side), texts sent through Twilio, texts the fallback parked in Redis,
and texts read back from Twilio's own log when Redis lost them.
"""
