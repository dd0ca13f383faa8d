"""The console checked from outside, through the web process the Procfile runs: each check
drives browsers (`browser.Browser`) and reads the database or runs `hotline` only to set up
or to look."""

from __future__ import annotations

import re

from scripts.checks.console.browser import Browser
from scripts.harness.driving import WAIT, Phones
from scripts.harness.report import Fail, national
from scripts.harness.roster import OTHER_LINE
from scripts.harness.stack import Stack

PASSWORD = "correct horse battery staple"
RANKS = ("responder", "coordinator", "admin")
WORDS_A = "i feel hopeless and can't get out of bed"
WORDS_B = "i relapsed and need help"
REPLY = "ok thank you, i will wait for your text"
CODE = re.compile(r"\b(\d{4})\b")


def console_routes() -> list[tuple[str, str, str, str]]:
    """(endpoint, method, path, role) of every console route, read from the app's URL map and
    each view's guard (an app made here, on nothing, only to read its routes)."""
    from hotline.app import create_app

    app = create_app({"HOTLINE_ENV": "test", "DATABASE_URL": "sqlite://", "REDIS_URL": None})
    found = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/console") or rule.endpoint == "console.static":
            continue
        role = app.view_functions[rule.endpoint].console_access[0]
        path = re.sub(r"<(int:)?(\w+)>", lambda m: "1" if m.group(1) else "x", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((rule.endpoint, method, path, role))
    app.extensions["hotline.engine"].dispose()
    return found


class ConsoleChecks:
    """Two lines (A: the sample roster; B: Eve and Fay), their people and console accounts."""

    def __init__(self, stack: Stack, roster_a: dict, roster_b: dict) -> None:
        self.stack = stack
        self.port = stack.settings.web_port
        self.line = Phones(stack.settings, stack.fake)
        self.responders = [r["phone"] for r in roster_a["responders"] + roster_b["responders"]]
        self.b_phones = {r["phone"] for r in roster_b["responders"]}
        self.routes = console_routes()
        self.browsers: list[Browser] = []
        self.people: list[str] = []
        self.line_ids = dict(self.line.database("SELECT number, id FROM line"))
        self.admin = self.join("admin@example.org", "admin")
        self.coord_a = self.join("coord-a@example.org", "coordinator")
        self.coord_b = self.join("coord-b@example.org", "coordinator", "--line", OTHER_LINE)
        self.responder = self.join("ana@example.org", "responder",
                                   "--responder", "Ana Reyes")

    def browser(self) -> Browser:
        made = Browser(self.port)
        self.browsers.append(made)
        return made

    def invite(self, email: str, role: str, *options: str) -> str:
        """`hotline users invite`, as the deployer runs it; the link it prints."""
        done = self.stack.processes.run(f"invite-{email}", [
            "hotline", "users", "invite", email, "--role", role, *options],
            self.stack.settings.env())
        return done.stdout.strip().splitlines()[-1]

    def join(self, email: str, role: str, *options: str) -> Browser:
        """A browser whose account was invited, set up and signed in."""
        browser = self.browser()
        answer = browser.accept_invite(self.invite(email, role, *options), PASSWORD)
        if answer.status != 302:
            raise Fail(f"{email} could not accept the invitation: HTTP {answer.status}")
        browser.email = email
        return browser

    # 1. Refused without a session, and with too low a role

    def refused_without_session_or_role(self) -> str:
        anonymous = self.browser()
        token = anonymous.token("/console/sign-in")  # a session, but nobody signed in
        guarded = [r for r in self.routes if r[3] != "public"]
        for endpoint, method, path, _ in guarded:
            for accept, wanted in (("text/html", 302), ("application/json", 401)):
                form = {"csrf_token": token} if method == "POST" else None
                answer = anonymous.request(method, path, form, accept)
                if answer.status != wanted or (wanted == 302 and not answer.location
                                               .endswith("/console/sign-in")):
                    raise Fail(f"{method} {path} ({endpoint}) without sign-in answered "
                               f"{answer.status} {answer.location}, not {wanted}")
        refused = 0
        for browser in (self.responder, self.coord_a):
            rank = RANKS.index("responder" if browser is self.responder else "coordinator")
            for endpoint, method, path, role in guarded:
                if role not in RANKS or RANKS.index(role) <= rank:
                    continue
                answer = (browser.post(path, page="/console/") if method == "POST"
                          else browser.get(path))
                if answer.status != 403:
                    raise Fail(f"{browser.email} got {answer.status} from {method} {path} "
                               f"({endpoint}, for {role}s), not 403")
                refused += 1
        roles = sorted({r[3] for r in guarded})
        return (f"{len(guarded)} guarded routes ({', '.join(roles)}) each answered 302 to "
                f"sign-in (HTML) and 401 (JSON) without a session; {refused} requests by a "
                "responder or coordinator above their role answered 403")

    # 2. Lockout

    def ten_bad_passwords_lock(self) -> str:
        victim = self.join("locked@example.org", "responder")
        victim.sign_out()
        for n in range(10):
            tries = self.browser()  # a new address each time: the account's count, not one IP
            answer = tries.post("/console/sign-in", {"email": "locked@example.org",
                                                     "password": f"wrong guess {n}"})
            if answer.status != 401 or "do not match" not in answer.text:
                raise Fail(f"bad password {n + 1} answered {answer.status}")
        right = self.browser()
        answer = right.post("/console/sign-in", {"email": "locked@example.org",
                                                 "password": PASSWORD})
        if answer.status == 302 or "Too many failed attempts" not in answer.text:
            raise Fail(f"the right password after 10 wrong ones answered {answer.status}")
        if right.get("/console/").status != 302:
            raise Fail("the locked account reached the console")
        locked = self.line.database("SELECT count(*) FROM audit_entry WHERE kind = "
                                    "'sign_in_locked' AND actor = 'locked@example.org'")[0][0]
        return (f"10 wrong passwords from 10 addresses, then the right one from an 11th: "
                f"'Too many failed attempts', no session; {locked} refusal(s) audited")

    # 3. A copied cookie

    def stolen_cookie_stops_after_sign_out(self) -> str:
        owner = self.browser()
        owner.totp_secret = self.coord_a.totp_secret
        if owner.sign_in(self.coord_a.email, PASSWORD).status != 302:
            raise Fail("the coordinator could not sign in")
        thief = self.browser()
        thief.cookies = dict(owner.cookies)
        before = thief.get("/console/")
        if before.status != 200:
            raise Fail(f"the copied cookie did not work even before sign-out: {before.status}")
        owner.sign_out()
        html, api = thief.get("/console/"), thief.get(
            f"/console/lines/{self.line_ids[self.stack.settings.number]}/now.json",
            accept="application/json")
        if html.status != 302 or api.status != 401:
            raise Fail(f"after sign-out the copied cookie still got {html.status}/{api.status}")
        return ("a copied session cookie opened the console from another address (200); "
                f"after the owner signed out it got {html.status} to sign-in and {api.status} "
                "on the Now JSON")

    # 4. The audit chain

    def audit_verify_catches_an_edit(self) -> str:
        first = self.stack.processes.run("audit-verify", ["hotline", "audit", "verify"],
                                         self.stack.settings.env(), check=False)
        if first.returncode != 0:
            raise Fail(f"the untouched log did not verify: {first.stderr.strip()}")
        import psycopg

        with psycopg.connect(self.stack.database_url, autocommit=True) as db:
            try:
                db.execute("UPDATE audit_entry SET actor = 'nobody' WHERE id = 2")
                raise Fail("the database let an audit entry be updated")
            except psycopg.errors.RaiseException:
                pass  # the trigger: append-only
            # someone with the database owner's rights goes around the trigger
            db.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only")
            db.execute("UPDATE audit_entry SET actor = 'nobody' WHERE id = 2")
            db.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only")
        second = self.stack.processes.run("audit-verify-edited", ["hotline", "audit", "verify"],
                                          self.stack.settings.env(), check=False)
        if second.returncode != 1 or "entry 2: its contents were changed" not in second.stderr:
            raise Fail(f"verify did not catch the edit: {second.returncode} {second.stderr}")
        return (f"`hotline audit verify`: {first.stdout.strip()}; an UPDATE was refused by the "
                "trigger; with the trigger disabled and entry 2 edited, it exits 1: "
                f"{second.stderr.strip().splitlines()[0]}")

    # 5 and 6. Cases on both lines, then what pages show and who sees what

    def text(self, sender: str, body: str, to: str) -> None:
        form = {**self.line.sms_form(sender, body), "To": to}
        status, answer = self.line.post("/twilio/sms", form)
        if status != 200:
            raise Fail(f"the webhook answered {status}: {answer[:200]}")

    def case_on(self, number: str, words: str, take: bool = True) -> tuple[str, str, set[str]]:
        """A person's text to a line, taken by whoever it is offered to first and a reply
        relayed (unless not `take`); (person, case code, every responder it was offered to)."""
        person = self.line.person()
        self.people.append(person)
        mark = self.line.mark()
        self.text(person, words, number)
        offer = self.line.wait("an offer", lambda: next(
            (m for m in self.line.sent(mark) if m["to"] in self.responders
             and m["from_"] == number and CODE.search(m["body"])), None), timeout=WAIT)
        code = CODE.search(offer["body"]).group(1)
        if not take:
            strays = [m for m in self.line.sent(mark) if m["to"] in self.responders
                      and (m["from_"] == number) != (code in m["body"])]
            if strays:
                raise Fail(f"texts to responders about case {code} of {number}: {strays}")
            return person, code, {m["to"] for m in self.line.sent(mark)
                                  if m["to"] in self.responders and m["from_"] == number}
        self.text(offer["to"], f"YES {code}", number)
        self.line.wait("the case to be taken", lambda: self.line.database(
            'SELECT 1 FROM "case" WHERE code = %s AND status = %s', code, "active"))
        self.text(person, REPLY, number)
        self.line.wait_inbox(offer["to"], mark, "the person's reply", lambda b: REPLY in b)
        offered = {m["to"] for m in self.line.sent(mark)
                   if m["to"] in self.responders and code in m["body"]}
        senders = {m["from_"] for m in self.line.sent(mark) if m["to"] in offered | {person}}
        if senders != {number}:
            raise Fail(f"the case on {number} was texted from {sorted(senders)}")
        return person, code, offered

    def line_b_is_its_own(self) -> str:
        a, b = self.line_ids[self.stack.settings.number], self.line_ids[OTHER_LINE]
        _, code_a, _ = self.case_on(self.stack.settings.number, WORDS_A)
        _, code_b, offered = self.case_on(OTHER_LINE, WORDS_B, take=False)
        if not offered or not offered <= self.b_phones:
            raise Fail(f"line B's case was offered to {sorted(offered)}")
        coord = self.coord_a
        home = coord.get("/console/").text
        if "Westside" in home or "Eastside" not in home:
            raise Fail("coordinator A's home page lists line B, or not line A")
        for path in (f"/console/lines/{b}/now", f"/console/lines/{b}/now.json"):
            if (status := coord.get(path).status) != 403:
                raise Fail(f"coordinator A got {status} from {path}")
        case_b = self.line.database("SELECT id FROM \"case\" WHERE code = %s", code_b)[0][0]
        for action in ("urgent", "offer-again"):
            answer = coord.post(f"/console/cases/{case_b}/{action}", page="/console/")
            if answer.status != 404:
                raise Fail(f"coordinator A got {answer.status} acting on line B's case")
        urgent = self.line.database('SELECT urgent FROM "case" WHERE id = %s', case_b)[0][0]
        action = "offer-again" if urgent else "urgent"
        answer = self.coord_b.post(f"/console/cases/{case_b}/{action}",
                                   page=f"/console/lines/{b}/now")
        if answer.status != 302 or f"Case {code_b} is" not in self.coord_b.get(
                answer.location).text:
            raise Fail(f"coordinator B could not act ({action}) on their own case")
        log = coord.get("/console/audit").text
        if "coord-b@example.org" in log or f"case {code_b}" in log:
            raise Fail("coordinator A's audit log shows line B's entries")
        now_a = coord.get(f"/console/lines/{a}/now").text
        if f"Case {code_a}" not in now_a or f"Case {code_b}" in now_a:
            raise Fail("line A's Now page does not show its own case alone")
        if f"case {code_b}" not in self.coord_b.get("/console/audit").text:
            raise Fail("coordinator B's audit log lacks their own action")
        return (f"a text to line B was offered to {len(offered)} of B's responders and none of "
                "A's, all from B's number; coordinator A: line B absent from home, 403 on its "
                f"Now page and JSON, 404 acting on its case {code_b}, none of B's entries in "
                "the audit log")

    def no_number_or_words_shown(self) -> str:
        """Every page each account can open, and every answer the run got, scanned."""
        ids = list(self.line_ids.values())
        pages = 0
        for browser in (self.admin, self.coord_a, self.coord_b, self.responder):
            for _, method, path, _ in self.routes:
                if method != "GET" or "/invite/" in path:
                    continue
                for line_id in ids if "/lines/" in path else [None]:
                    target = path.replace("/lines/1/", f"/lines/{line_id}/") if line_id else path
                    browser.get(target, accept="application/json" if target.endswith(".json")
                                else "text/html")
                    pages += 1
            browser.get("/console/audit?kind=case_made_urgent")
            browser.get("/console/audit?actor=coord")
        numbers = self.people + self.responders
        needles = set()
        for number in numbers:
            needles |= {number, national(number), national(number)[-7:]}
        words = (WORDS_A, WORDS_B, REPLY)

        def shown(text: str) -> list[str]:
            flat = re.sub(r"[\s().-]", "", text)
            return [n for n in needles if n in flat] + [w for w in words if w in text]

        # the scan finds what it looks for: the texts the line sent name the people
        if not shown(str(self.line.sent())):
            raise Fail("the scan finds no number even in the texts the line sent")
        seen = [(what, answer) for b in self.browsers for what, answer in b.seen]
        for what, answer in seen:
            if found := shown(answer.everything()):
                raise Fail(f"{what} (HTTP {answer.status}) shows {found}")
        return (f"{len(seen)} console answers ({pages} pages opened by an admin, both "
                f"coordinators and a responder, with {len(self.people)} live cases) hold no "
                f"digits of {len(numbers)} people's and responders' numbers and none of the "
                f"{len(words)} messages' words")
