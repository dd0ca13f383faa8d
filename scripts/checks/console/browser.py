"""A browser, as far as the console needs one: cookies kept by hand (the production cookie is
Secure, and this talks plain HTTP on 127.0.0.1), each form posted with the CSRF token of the
page it came from, TOTP codes from the enrolment page's key, and an address of its own
(X-Forwarded-For, read by the web process with PROXY_HOPS=1) so one browser's failures are
not another's."""

from __future__ import annotations

import http.client
import itertools
import re
import time
from urllib.parse import urlencode, urlsplit

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
SECRET = re.compile(r'<code id="secret">([^<]+)</code>')
HTML = "text/html"
_addresses = itertools.count(1)


class Answer:
    """One response: status, headers and body as text."""

    def __init__(self, status: int, headers: http.client.HTTPMessage, text: str) -> None:
        self.status, self.headers, self.text = status, headers, text

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")

    def everything(self) -> str:
        """Headers and body: all a response holds."""
        return "\n".join(f"{k}: {v}" for k, v in self.headers.items()) + "\n" + self.text


class Browser:
    """One person's browser on the console of the web process at 127.0.0.1:`port`."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.address = self.new_address()
        self.seen: list[tuple[str, Answer]] = []  # every answer, to scan for what it shows
        self.totp_secret: str | None = None
        self.email = ""  # the account it signs in as, once known

    @staticmethod
    def new_address() -> str:
        n = next(_addresses)
        return f"198.51.{n // 250}.{n % 250 + 1}"

    def request(self, method: str, path: str, form: dict | None = None,
                accept: str = HTML) -> Answer:
        """One request with this browser's cookies; Set-Cookie taken in."""
        path = urlsplit(path).path + (f"?{urlsplit(path).query}" if urlsplit(path).query else "")
        headers = {"Accept": accept, "X-Forwarded-For": self.address,
                   "User-Agent": "acceptance-console"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            answer = Answer(response.status, response.msg,
                            response.read().decode("utf-8", "replace"))
        finally:
            connection.close()
        for cookie in answer.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if "expires=Thu, 01 Jan 1970" in cookie or not value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        self.seen.append((f"{method} {path}", answer))
        return answer

    def get(self, path: str, accept: str = HTML) -> Answer:
        return self.request("GET", path, accept=accept)

    def token(self, page: str) -> str:
        """The CSRF token a page's forms carry."""
        found = TOKEN.search(self.get(page).text)
        if not found:
            raise RuntimeError(f"no form token on {page}")
        return found.group(1)

    def post(self, path: str, form: dict | None = None, page: str | None = None,
             accept: str = HTML) -> Answer:
        """POST a form with the token of `page` (default: the same path)."""
        return self.request("POST", path, {"csrf_token": self.token(page or path),
                                           **(form or {})}, accept)

    # Accounts

    def accept_invite(self, link: str, password: str) -> Answer:
        """Open an invitation link and set the password; admins and coordinators then add
        an authenticator (its key kept here) and see their recovery codes."""
        path = urlsplit(link).path
        answer = self.post(path, {"password": password, "again": password})
        if answer.location.endswith("/console/enrol"):
            self.totp_secret = SECRET.search(self.get("/console/enrol").text).group(1)
            self.totp_secret = self.totp_secret.replace(" ", "")
            answer = self.post("/console/enrol", {"code": self.code(0)})
            self.get("/console/recovery-codes")
        return answer

    def code(self, steps_ahead: int = 1) -> str:
        """A TOTP code of this browser's account (each step's code works once)."""
        import pyotp

        return pyotp.TOTP(self.totp_secret).at(time.time() + 30 * steps_ahead)

    def sign_in(self, email: str, password: str) -> Answer:
        """Password, then (with an authenticator) a code of the next time step."""
        answer = self.post("/console/sign-in", {"email": email, "password": password})
        if answer.location.endswith("/console/sign-in/code"):
            answer = self.post("/console/sign-in/code", {"code": self.code()})
        return answer

    def sign_out(self) -> Answer:
        return self.post("/console/sign-out", page="/console/")
