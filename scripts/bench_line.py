"""`scripts/bench --line`: what people feel, measured from outside the running line.

Runs the Procfile's `web` (gunicorn as the Procfile runs it: gunicorn.conf.py's workers and
threads) and two `hotline worker`s against a fresh PostgreSQL database, Redis db 13 and the
Twilio-compatible test server, all on 127.0.0.1, and drives them as Twilio would:

  cases      new people text a clear first message at R a second for S seconds (open loop,
             one new connection each). For each case: the time from the text to its first
             offer accepted by the Twilio API, and to the person's first reply. Lost: a case
             not offered within BOUND seconds of its text.
  fan-out    a person texts danger now to a line whose N responders are all on call, so the
             case is offered to all N at once: the time until the last offer is accepted by
             the API, and when Twilio, sending 1 segment a second from each number, hands the
             last one on: from the line's one number (the test server paced so), and from a
             Messaging Service pool of 3 numbers (the same texts, the same pacing, each
             recipient on its sticky number).
  sustained  T texts a second for S seconds from a few thousand people: webhook p50/p99, texts
             stored against 2xx answers, and how long after the last text every text is acted
             on and the queues are empty.
  timeouts   the workers replaced by one with a 5 s offer timeout, K people text (one a second)
             and nobody answers: how long after each offer's time was up the case was offered
             to the next responder (never before).

Times come from the test server's record of when it accepted each text, and the database's
record of which case each text and send belong to.
"""

from __future__ import annotations

import asyncio
import time
import zlib

from scripts.bench_watch import Watch
from scripts.harness.driving import wait_for_workers
from scripts.harness.load import CpuMeter, SignedTexts, open_loop
from scripts.harness.roster import sample_roster
from scripts.harness.stack import running

FIRST_TEXTS = ("i feel hopeless and can't get out of bed", "i relapsed and need help",
               "my partner hurt me again and i need a plan",
               "me siento muy triste y sin esperanza")
DANGER = "i want to kill myself tonight"
FANOUT_LINE = "+15005550007"
OFFER_TIMEOUT = "600"  # seconds: no offer times out (and re-offers) while the bench runs
SENDER_RATE = 1.0  # segments a second from one US long code
POOL = 3  # numbers in the Messaging Service of the fan-out's second figure


def fanout_roster(count: int) -> dict:
    """A line where `count` responders are all on call for mental health now."""
    names = [f"Responder {i + 1:02d}" for i in range(count)]
    return sample_roster(
        responders=[{"name": name, "phone": f"+1510555{200 + i:04d}", "languages": ["en"],
                     "categories": ["mental_health"]} for i, name in enumerate(names)],
        rotations=[{"name": "Everyone", "category": "mental_health", "every": "weekly",
                    "shift_length": 1, "per_shift": count, "start": "2020-01-06T09:00",
                    "members": names}],
        backup=[names[0]])


def _percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def _behind(result) -> str:
    """A note when the load generator itself fell behind its schedule."""
    late = result.late * 1000
    return f", sent up to {late:.0f} ms behind schedule" if late > 50 else ""


def _cpu_line(meter_before: dict, meter_after: dict, count: int, what: str) -> str:
    per = 1000 / max(count, 1)
    cpu = {k: (meter_after[k] - meter_before.get(k, 0.0)) * per for k in meter_after}
    ours = sum(v for k, v in cpu.items() if k != "machine")
    return (f"  CPU ms per {what}: web {cpu.get('gunicorn', 0):.1f}, workers "
            f"{cpu.get('worker', 0):.1f}, postgres {cpu.get('postgres', 0):.1f}, redis "
            f"{cpu.get('redis', 0):.1f}, test Twilio {cpu.get('twilio', 0):.1f}; other "
            f"processes on the machine {max(cpu.get('machine', 0) - ours, 0):.1f}")


def cases(stack, watch: Watch, meter: CpuMeter, texts: SignedTexts, rate: float,
          seconds: float, bound: float, first: int) -> list[str]:
    """New people at `rate` a second: time to offer and to first reply; the report lines."""
    port = stack.settings.web_port
    n = max(1, int(rate * seconds))
    forms = [texts.form(FIRST_TEXTS[i % len(FIRST_TEXTS)], f"+1628{first + i:07d}")
             for i in range(n)]
    sids = [form["MessageSid"] for form in forms]
    raws = [texts.request(form, port) for form in forms]
    before = meter.sample()
    result = asyncio.run(open_loop(f"{rate:g}/s", port, raws, rate))
    due = {sid: result.wall_start + i / rate for i, sid in enumerate(sids)}
    deadline = result.wall_start + (n - 1) / rate + bound
    while time.time() < deadline and (watch.offered(sids) < n or watch.unfinished()):
        time.sleep(0.5)
    after = meter.sample()
    accepted = watch.accepted()
    offer: dict[str, float] = {}
    reply: dict[str, float] = {}
    for inbound, outbound, purpose, to_person in watch.sends(sids):
        at = accepted.get(outbound, {}).get("created")
        if at is None:
            continue
        took = at - due[inbound]
        if purpose == "offer":
            offer[inbound] = min(offer.get(inbound, took), took)
        elif to_person:
            reply[inbound] = min(reply.get(inbound, took), took)
    in_time = [t for t in offer.values() if t <= bound]
    lost = n - len(in_time)
    lines = [
        f"{rate:g} new cases/s for {seconds:g} s ({n} people; webhook p50 "
        f"{result.percentile(50):.0f} ms, p99 {result.percentile(99):.0f} ms, "
        f"{result.ok}/{result.sent} answered 2xx{_behind(result)})",
        f"  time to offer:       p50 {_percentile(in_time, 50):6.2f} s   p99 "
        f"{_percentile(in_time, 99):6.2f} s   max {_percentile(in_time, 100):6.2f} s   "
        f"lost (not offered within {bound:g} s): {lost}",
        f"  person's 1st reply:  p50 {_percentile(list(reply.values()), 50):6.2f} s   p99 "
        f"{_percentile(list(reply.values()), 99):6.2f} s   max "
        f"{_percentile(list(reply.values()), 100):6.2f} s   answered {len(reply)}/{n} (the "
        f"line answers at most 120 people a minute automatically; the rest are held back)",
        _cpu_line(before, after, n, "case"),
    ]
    return lines


def fanout(stack, watch: Watch, texts: SignedTexts, responders: int, repeats: int,
           first: int) -> list[str]:
    """Urgent cases offered to every responder at once: the last offer, at the API and as
    Twilio would hand it on from one number and from a pool."""
    port = stack.settings.web_port
    lines = [f"urgent fan-out to {responders} responders, {repeats} cases, Twilio sending "
             f"{SENDER_RATE:g} segment/s from each number:"]
    for k in range(repeats):
        texts_of_case: list[dict] = []
        watch.pace(SENDER_RATE, POOL)  # each case meets an idle sender, as the first of a burst
        form = texts.form(DANGER, f"+1629{first + k:07d}", to=FANOUT_LINE)
        sid = form["MessageSid"]
        raw = texts.request(form, port)
        sent = time.time()
        asyncio.run(_one(port, raw))
        deadline = sent + 30
        offers: list[dict] = []
        while time.time() < deadline:
            rows = watch.sends([sid])
            accepted = watch.accepted()
            texts_of_case = sorted((accepted[o] for _, o, _, _ in rows if o in accepted),
                                   key=lambda m: m["created"])
            offers = [accepted[o] for _, o, purpose, _ in rows
                      if purpose == "offer" and o in accepted]
            if len(offers) >= responders:
                break
            time.sleep(0.2)
        if not offers:
            lines.append(f"  case {k + 1}: no offer within 30 s")
            continue
        last_api = max(m["created"] for m in offers) - sent
        last_one = max(m.get("send_at", m["created"]) for m in offers) - sent
        last_pool = _pool_last(texts_of_case, offers) - sent
        segments = sum(m["num_segments"] for m in offers)
        lines.append(
            f"  case {k + 1}: {len(offers)} offers ({segments} segments) after "
            f"{len(texts_of_case) - len(offers)} texts to the person; last offer at the API "
            f"{last_api:5.2f} s; last handed on from one number {last_one:5.1f} s, from a "
            f"pool of {POOL} {last_pool:5.1f} s")
    watch.pace(None, POOL)
    return lines


def _pool_last(in_order: list[dict], offers: list[dict]) -> float:
    """When the last offer would leave Twilio if a Messaging Service of POOL numbers sent
    these texts (sticky sender: each recipient on one number), each at SENDER_RATE."""
    free: dict[int, float] = {}
    last = 0.0
    wanted = {m["sid"] for m in offers}
    for message in in_order:
        number = zlib.crc32(f"MG:{message['to']}".encode()) % POOL
        start = max(message["created"], free.get(number, 0.0))
        free[number] = start + message["num_segments"] / SENDER_RATE
        if message["sid"] in wanted:
            last = max(last, start)
    return last


async def _one(port: int, raw: bytes) -> None:
    from scripts.harness.load import _send

    status = await _send(port, raw)
    if not status.startswith("2"):
        raise RuntimeError(f"the webhook answered {status}")


def sustained(stack, watch: Watch, meter: CpuMeter, texts: SignedTexts, rate: float,
              seconds: float, bound: float) -> list[str]:
    """`rate` texts a second from people who text again and again: the webhook, and the
    queue draining after."""
    port = stack.settings.web_port
    raws = texts.build(int(rate * seconds), port)
    stored_before = watch.stored()
    before = meter.sample()
    result = asyncio.run(open_loop(f"{rate:g}/s", port, raws, rate))
    end = result.wall_start + (len(raws) - 1) / rate
    while watch.unfinished() and time.time() < end + bound:
        time.sleep(0.5)
    drained = time.time() - end
    left = watch.unfinished()
    after = meter.sample()
    stored = watch.stored() - stored_before
    errors = ", ".join(f"{k} x{v}" for k, v in sorted(result.errors.items())) or "none"
    return [
        f"{rate:g} texts/s for {seconds:g} s from {texts.people} people: webhook p50 "
        f"{result.percentile(50):.1f} ms, p99 {result.percentile(99):.1f} ms, max "
        f"{result.percentile(100):.0f} ms; {result.ok}/{result.sent} answered 2xx (errors: "
        f"{errors}); {stored} stored{_behind(result)}",
        (f"  every text acted on and the queues empty {drained:.1f} s after the last text"
         if not left else
         f"  after {bound:g} s, {left} texts or jobs still waited (nothing is lost: they "
         f"stay stored and queued)"),
        _cpu_line(before, after, max(result.ok, 1), "text"),
    ]


TIMEOUT_SECONDS = 5  # the offer timeout of the timeouts run


def timeouts(stack, watch: Watch, texts: SignedTexts, count: int, first: int) -> list[str]:
    """Offers nobody answers, with a short timeout: how long after each offer's time was up
    the case was offered to the next responder (never before). The workers are replaced by
    one whose OFFER_TIMEOUT_SECONDS is TIMEOUT_SECONDS."""
    for worker in list(stack.workers):
        stack.processes.stop(worker)
        stack.workers.remove(worker)
    stack.workers.append(stack.processes.start(
        "worker-timeouts", stack.types["worker"],
        stack.settings.env(OFFER_TIMEOUT_SECONDS=str(TIMEOUT_SECONDS))))
    wait_for_workers(stack.redis_url, 1)
    port = stack.settings.web_port
    sids = []
    for i in range(count):  # one case a second, so each offer's timer is its own
        form = texts.form(FIRST_TEXTS[0], f"+1630{first + i:07d}")  # mental health
        sids.append(form["MessageSid"])
        asyncio.run(_one(port, texts.request(form, port)))
        time.sleep(1)
    deadline = time.time() + TIMEOUT_SECONDS + 30
    moved: list[float] = []
    while time.time() < deadline:
        moved = watch.moved_on(sids)
        if len(moved) >= count:
            break
        time.sleep(0.5)
    if not moved:
        return [f"offer timeouts ({TIMEOUT_SECONDS} s): no case moved on within 30 s"]
    return [f"offer timeouts ({TIMEOUT_SECONDS} s, {count} cases nobody answers): the next "
            f"offer came {_percentile(moved, 50):.2f} s (p50) and {max(moved):.2f} s (max) "
            f"after the first one's time was up; earliest {min(moved):+.2f} s; "
            f"{count - len(moved)} not moved on within 30 s"]


def idle(watch: Watch, bound: float) -> None:
    """Wait (up to `bound` seconds) until the line has acted on every text and its queues
    are empty, so each measurement starts on an idle line; say so when it did not."""
    start = time.time()
    while watch.unfinished() and time.time() < start + bound:
        time.sleep(0.5)
    left = watch.unfinished()
    note = f"; {left} texts or jobs still waiting" if left else ""
    print(f"(the line was idle again after {time.time() - start:.0f} s{note})", flush=True)


def main(args) -> int:
    settings = {"OFFER_TIMEOUT_SECONDS": OFFER_TIMEOUT}
    with running("bench-line", "hotline_bench", 13, callbacks=False, **settings) as stack:
        stack.release()
        stack.import_roster(sample_roster(), name="roster")
        stack.import_roster(fanout_roster(args.fanout), name="roster-fanout",
                            file="fanout.yaml", line=FANOUT_LINE)
        stack.start(workers=2)
        print(stack.describe(f"OFFER_TIMEOUT_SECONDS={OFFER_TIMEOUT}"), flush=True)
        watch = Watch(stack)
        meter = CpuMeter(stack.web.pid, stack.database_url, stack.redis_url,
                         [w.pid for w in stack.workers], stack.twilio.pid)
        texts = SignedTexts(stack.settings, args.people)
        first = 1000
        for rate in args.case_rates:
            for line in cases(stack, watch, meter, texts, rate, args.case_seconds,
                              args.bound, first):
                print(line, flush=True)
            first += int(rate * args.case_seconds) + 1
        idle(watch, args.drain_bound)
        for line in fanout(stack, watch, texts, args.fanout, args.fanout_cases, first):
            print(line, flush=True)
        if args.sustain_rate:
            idle(watch, args.drain_bound)
            for line in sustained(stack, watch, meter, texts, args.sustain_rate,
                                  args.sustain_seconds, args.drain_bound):
                print(line, flush=True)
        if args.timeout_cases:
            idle(watch, args.drain_bound)
            for line in timeouts(stack, watch, texts, args.timeout_cases, first + 100):
                print(line, flush=True)
        print(f"logs: {stack.logdir}")
    return 0
