"""A person's data: FORGET ME erases it here and at Twilio, retention purges old words daily,
and key rotation re-encrypts everything with a new DATA_KEY.
"""
