"""Briefs whose text is hostile to a page that renders it (issue 24): markup, event handlers,
a closing `</mark>`, entities that must stay literal, and spreadsheet formulas. Each is a
valid brief; every search term below matches inside the hostile part. Shared by the API tests
and the Chromium test."""

from __future__ import annotations

# (title line, body) pairs; the title is the first line of the text.
MARKUP = [
    (
        "Protesters clash in Paris",
        "Police clashed with protesters <img src=x onerror=alert(1)> in Paris on Monday, "
        "officials said.",
    ),
    (
        "Minister quoted on script",
        'The minister said: "<script>window.__pwned = 1; alert(2)</script> was never the '
        'script we agreed to," according to Reuters.',
    ),
    (
        "Closing mark tags in a brief",
        "Rebels said the </mark><b onmouseover=alert(3)>mark</b> of the talks was lost, "
        "negotiators said on Tuesday.",
    ),
    (
        "Entities stay literal",
        "The leaflet read &lt;script&gt;alert(4)&lt;/script&gt; and &amp; quoted the "
        'senator, who said "script kiddies" were to blame.',
    ),
    (
        "Svg handlers and iframes",
        '<svg onload=alert(5)><iframe src="javascript:alert(6)"></iframe> Diplomats '
        "said the svg leaflets angered protesters.",
    ),
]
# Words searched for: each matches inside hostile text above, on both engines (PostgreSQL's
# parser drops what it reads as an entity, so `lt` of `&lt;` is no word there).
TERMS = ["protesters", "script", "mark", "onerror", "svg", "alert"]

# Text cells a spreadsheet would run: each leading character OWASP names.
FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]


def formula_brief(lead: str) -> dict:
    """A brief whose title and quote may start with `lead` (extraction strips some leading
    characters from each: a title loses a tab, normalizing turns a CR into a line break)."""
    title = f'{lead}HYPERLINK("http://evil.example/x","Click") talks'
    body = f"\"{lead}cmd|'/C calc'!A0 is the answer,\" Putin said Monday."
    return {"text": f"{title}\n\n{body}"}


def text_of(title: str, body: str) -> str:
    return f"{title}\n\n{body}"
