"""Shared infrastructure every capability stands on: configuration, the database and its
models, encryption at rest, the queue (work named by task), the Twilio client, webhook
signatures, the words people read, and the voice URLs the line hands out.

Nothing here knows about cases, offers or conversations.
"""
