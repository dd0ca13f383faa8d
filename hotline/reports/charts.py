"""Two pictures drawn on the server as SVG: contacts by hour of day, and how long answered
cases waited. Each has a title and a description for screen readers, and the page shows the
same counts as a table. Hidden counts are drawn as what they are: a pale stub marked "<5", or
a pale bar marked "5+"; never a bar that would tell the number."""

from __future__ import annotations

from html import escape

from hotline.reports.privacy import SMALL, Count

WIDTH, HEIGHT = 640, 260
TOP, BOTTOM, LEFT, RIGHT = 24, 40, 36, 8


def bars(ident: str, title: str, desc: str, labels: list[str], counts: list[Count],
         every: int = 1) -> str:
    """A bar chart, one bar a count; `every` labels only each nth bar on the axis."""
    tallest = max([c.value for c in counts if c.visible] + [SMALL])
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = inner_w / max(1, len(counts))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="chart" role="img" aria-labelledby="{ident}-t {ident}-d">',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(desc)}</desc>',
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" '
        f'y2="{HEIGHT - BOTTOM}" class="axis"/>',
        f'<text x="{LEFT - 4}" y="{TOP + 4}" text-anchor="end" class="tick">{tallest}</text>',
        f'<text x="{LEFT - 4}" y="{HEIGHT - BOTTOM}" text-anchor="end" class="tick">0</text>',
    ]
    for n, (label, count) in enumerate(zip(labels, counts, strict=True)):
        x = LEFT + n * step + step * 0.15
        shown = count.value if count.visible else (1 if count.few else SMALL)
        h = max(2.0, inner_h * shown / tallest)
        y = HEIGHT - BOTTOM - h
        kind = "bar" if count.visible else "bar hidden"
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" '
                     f'height="{h:.1f}" class="{kind}"><title>{escape(label)}: '
                     f'{escape(count.text)}</title></rect>')
        if not count.visible or len(counts) <= 12:
            parts.append(f'<text x="{x + step * 0.35:.1f}" y="{y - 4:.1f}" '
                         f'text-anchor="middle" class="value">{escape(count.text)}</text>')
        if n % every == 0:
            parts.append(f'<text x="{x + step * 0.35:.1f}" y="{HEIGHT - BOTTOM + 16}" '
                         f'text-anchor="middle" class="tick">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)
