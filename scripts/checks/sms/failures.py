"""SMS checks of the line when something is missing: the database, the settings."""

from __future__ import annotations

import html

from scripts.checks.sms.line import SmsChecks
from scripts.harness import procs
from scripts.harness.report import Fail


class FailureChecks(SmsChecks):
    """Checks 9, 9b and 10."""

    # 9
    def database_gone(self) -> str:
        """Check 9: a web process without its database degrades as the contract says."""
        line = self.line
        port = procs.free_port()
        env = self.settings.env(DATABASE_URL="postgresql://postgres@127.0.0.1:1/nope",
                                PORT=str(port))
        broken = self.processes.start("web-no-database", procs.procfile()["web"], env)
        try:
            procs.wait_http(port, "/healthz", timeout=60, process=broken)
            person = line.person()
            status, twiml = line.post("/twilio/fallback", line.sms_form(person, "please help"),
                                      port=port)
            sms_status, _ = line.post("/twilio/sms", line.sms_form(person, "please help"),
                                      port=port)
            ready_broken = procs.request(port, "GET", "/readyz")[0]
            ready_healthy = procs.request(line.port, "GET", "/readyz")[0]
            health = (procs.request(port, "GET", "/healthz")[0],
                      procs.request(line.port, "GET", "/healthz")[0])
        finally:
            self.processes.stop(broken)
        problems = []
        if status != 200 or "<Message>" not in twiml or "988" not in twiml:
            problems.append(f"/twilio/fallback answered {status}: {twiml[:200]!r}")
        if not 500 <= sms_status < 600:
            problems.append(f"/twilio/sms answered {sms_status}, not 5xx")
        if ready_broken != 503 or ready_healthy != 200:
            problems.append(f"/readyz: {ready_broken} without a database, {ready_healthy} "
                            "on the healthy one (want 503 and 200)")
        if health != (200, 200):
            problems.append(f"/healthz: {health} (want 200 on both)")
        if problems:
            raise Fail("; ".join(problems))
        served = ("the roster's" if self.resources.get("en", "\0") in html.unescape(twiml)
                  else "built-in")
        return (f"fallback 200 with the {served} resources, /twilio/sms {sms_status}, "
                f"/readyz 503 vs 200, /healthz 200 on both")

    # 9b
    def fallback_knows_the_line(self) -> str:
        """The contract's fallback serves the line's crisis resources, not only built-in ones."""
        form = self.line.sms_form(self.line.person(), "please help")
        status, twiml = self.line.post("/twilio/fallback", form)
        text = html.unescape(twiml)
        missing = [lang for lang, words in self.resources.items() if words not in text]
        if status != 200 or missing:
            raise Fail(f"the healthy web process's fallback answered {status} without the "
                       f"roster's resources ({', '.join(missing)}): {text[:240]!r}")
        return f"{text[:120]!r}"

    # 10
    def refuses_without_secret(self) -> str:
        """Check 10: production refuses to start without SECRET_KEY."""
        env = self.settings.env(SECRET_KEY=None, PORT=str(procs.free_port()))
        result = self.processes.run("web-no-secret", procs.procfile()["web"], env, timeout=30,
                                    check=False)
        output = (result.stdout + result.stderr).splitlines()
        naming = [text for text in output if "SECRET_KEY" in text]
        if result.returncode is None:
            raise Fail("gunicorn was still running after 30 s without SECRET_KEY")
        if result.returncode == 0 or len(naming) != 1 or any("Traceback" in t for t in output):
            raise Fail(f"exit {result.returncode}, output: {output[-8:]}")
        return f"exit {result.returncode}: {naming[0].strip()!r}"
