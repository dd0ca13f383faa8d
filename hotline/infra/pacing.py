"""Each sending number's pace at Twilio, so bulk texts never stand ahead of urgent ones there.

Twilio sends a long code's texts one segment a second (SENDER_SEGMENTS_PER_SECOND) and queues
the rest, in the order it got them. The worker's queues put urgent work first, but a batch of
check-ins handed to Twilio in one go would still wait in that number's queue, and an offer
accepted after them would wait behind every one. So the line keeps, in Redis, when each
sender's queue at Twilio runs empty: every text sent moves that time on by its segments; a
bulk text goes only while the queue is empty, else it takes the next free turn and waits for
it in the line's own queue, where urgent work passes it. At most one bulk text is ever ahead
of an urgent one at Twilio.
"""

from __future__ import annotations

import logging
import time

from flask import current_app

log = logging.getLogger(__name__)

EMPTY_AT = "hotline:sender:{sender}:empty-at"  # when its queue at Twilio runs empty
NEXT_TURN = "hotline:sender:{sender}:bulk-turn"  # the next turn a waiting bulk text gets
KEEP = 86400  # seconds the keys outlive the last text

# KEYS: empty-at, bulk-turn; ARGV: now, seconds this text takes, 1 for bulk. Returns how long
# a bulk text waits for its turn ("0": it is sent now, and the sender's time moves on).
_TAKE = """
local empty = tonumber(redis.call('GET', KEYS[1]) or '0')
local now, cost = tonumber(ARGV[1]), tonumber(ARGV[2])
if empty < now then empty = now end
if ARGV[3] == '1' and empty > now then
  local turn = tonumber(redis.call('GET', KEYS[2]) or '0')
  if turn < empty then turn = empty end
  redis.call('SET', KEYS[2], tostring(turn + cost), 'EX', ARGV[4])
  return tostring(turn - now)
end
redis.call('SET', KEYS[1], tostring(empty + cost), 'EX', ARGV[4])
return '0'
"""

GSM = set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTU"
          "VWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€")


def segments(body: str) -> int:
    """How many SMS segments Twilio splits a text into (GSM-7, else UCS-2)."""
    single, part = (160, 153) if set(body) <= GSM else (70, 67)
    return 1 if len(body) <= single else -(-len(body) // part)


def turn(sender: str, body: str, bulk: bool) -> float:
    """Seconds a text from `sender` must wait before it is handed to Twilio: always 0 for
    one that is not bulk (it is sent now, and counted); for bulk, 0 while the sender's queue
    at Twilio is empty, else the wait for its turn. 0 where pacing is off or Redis is away."""
    rate = current_app.config.get("SENDER_SEGMENTS_PER_SECOND") or 0
    redis = current_app.extensions.get("hotline.redis")
    if rate <= 0 or redis is None or not sender:
        return 0.0
    try:
        wait = redis.eval(_TAKE, 2, EMPTY_AT.format(sender=sender),
                          NEXT_TURN.format(sender=sender), repr(time.time()),
                          repr(segments(body) / rate), "1" if bulk else "0", KEEP)
    except Exception as error:  # Redis away: send (the job could not be re-queued anyway)
        log.warning("sender pace unavailable: %s", type(error).__name__)
        return 0.0
    return max(0.0, float(wait))
