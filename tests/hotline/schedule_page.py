"""Reading the schedule editor's form as a browser submits it: every field inside
`<form id="editor">` (or tied to it by `form="editor"`), checkboxes only when ticked, the
selected option of each list, the text of each text area."""

from __future__ import annotations

from html.parser import HTMLParser

from tests.hotline.console_client import HTML


class _Form(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == "editor":
            self.inside = True
        if not self.inside and a.get("form") != "editor":
            return
        if tag == "input" and a.get("name"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            if a.get("type") not in ("submit", "button"):
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "select":
            self._select, self._options = a.get("name"), []
        elif tag == "option" and self._select:
            self._options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea":
            self._textarea, self._text = a.get("name"), []

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select" and self._select:
            chosen = [v for v, on in self._options if on] or [v for v, _ in self._options[:1]]
            self.fields.append((self._select, chosen[0] if chosen else ""))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, "".join(self._text).lstrip("\n")))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def form_of(html: str) -> dict[str, object]:
    """The editor's fields by name; a name given several times (ticked boxes) holds a list."""
    parser = _Form()
    parser.feed(html)
    found: dict[str, object] = {}
    for name, value in parser.fields:
        if name in found:
            before = found[name]
            found[name] = [*before, value] if isinstance(before, list) else [before, value]
        else:
            found[name] = value
    return found


def values(form: dict, name: str) -> list[str]:
    """Every value of a field (ticked boxes of a group)."""
    value = form.get(name, [])
    return value if isinstance(value, list) else [value]


def row_named(form: dict, section: str, field: str, name: str) -> int:
    """The index of the row whose `field` is `name`."""
    count = int(form[f"{section}-count"])
    return next(i for i in range(count) if form.get(f"{section}-{i}-{field}") == name)


def spare_row(form: dict, section: str) -> int:
    """The empty row at the end of a list, where a new item goes."""
    return int(form[f"{section}-count"]) - 1


class Editor:
    """The editor of one line, as a coordinator's browser uses it."""

    def __init__(self, client, line_id: int) -> None:
        self.client = client
        self.path = f"/console/lines/{line_id}/schedule"
        self.page = client.get(self.path, headers=HTML)
        assert self.page.status_code == 200, self.page.status_code
        self.form = form_of(self.page.text)

    def preview(self, **changes: object):
        """Change fields (by name; None unticks or empties) and press Preview."""
        for name, value in changes.items():
            if value is None:
                self.form.pop(name, None)
            else:
                self.form[name] = value
        return self._press("preview")

    def save(self):
        """Press Save under the preview."""
        return self._press("save")

    def _press(self, action: str):
        answer = self.client.post(self.path, data={**self.form, "action": action},
                                  headers=HTML)
        if answer.status_code == 302:
            self.page = self.client.get(self.path, headers=HTML)
        else:
            self.page = answer
        self.form = form_of(self.page.text)
        return answer


def preview_rows(html: str, category: str) -> list[tuple[str, str]]:
    """The preview of one category: (state, who) for each stretch, state being "staffed",
    "closed" or "gap"."""
    import re

    table = re.search(rf'<table class="preview" id="preview-{category}">(.*?)</table>', html,
                      re.S)
    assert table, f"no preview of {category}"
    rows = re.findall(r'<tr class="(\w+)">(.*?)</tr>', table.group(1), re.S)
    cells = []
    for state, row in rows:
        who = re.findall(r"<td>(.*?)</td>", row, re.S)[-1]
        cells.append((state, " ".join(re.sub(r"<[^>]+>", "", who).split())))
    return cells
