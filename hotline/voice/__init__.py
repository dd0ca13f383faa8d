"""The voice line: the caller's greeting, menu, wait and voicemail; responder legs that ring,
take a call by keypress and bridge; placing and ending legs through Twilio; and the table of
voice routes that both the webhooks and the phone simulator answer from.
"""
