"""Reports: what a line did over a span of days, as counts and times that single nobody out.

`figures` reads the records (cases, offers, calls, check-ins) into plain counts; `privacy`
hides every count of people under 5, and any other count that would let a hidden one be
worked out from a total; `charts` draws two of them as SVG; `export` writes the CSV. Nothing
here reads a phone number or a message body.
"""
