"""The parts of a brief: title, subtitle, photo captions and credits, kicker, body paragraphs.

Pure string work over the stored text, so every part keeps exact code-point offsets.
"""

from __future__ import annotations

import re

from .records import Layout, Media, Paragraph

# "Abdalrhman Ismail / Reuters", "Jane Doe/AP Photo": a name, a slash, an agency.
CREDIT_RE = re.compile(
    r"^(?P<who>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4}) ?/ ?(?P<agency>[A-Z][\w.&'’ -]{1,60})$"
)
# "PARIS, May 3 (Reuters) –", "WASHINGTON —", "KYIV, Ukraine, March 2 -"
DATELINE_RE = re.compile(
    r"^[A-Z][A-Z.'’ -]{2,}(?:, [A-Z][\w.]+(?: [A-Z][\w.]+)?)*(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"(?: \([^)]{1,40}\))?\s*[-–—:]+\s+"
)
# Two or more uppercase words, or one long one, before a capitalized word: "NEWS BRIEF The".
# The word after it is not uppercase: "GAZA CITY —" is a dateline, not the kicker "GAZA".
KICKER_RE = re.compile(
    r"^(?P<kicker>[A-Z][A-Z’'&-]+(?: [A-Z][A-Z’'&-]+)*):? (?=[“\"‘']|[A-Z](?![A-Z.’'&-]))"
)
HEADLINE_MAX_WORDS = 25


def _blocks(text: str) -> list[list[tuple[int, int]]]:
    """Blank-line separated blocks, each a list of (start, end) line spans without edge spaces."""
    blocks: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            current.append((pos + lead, pos + lead + len(stripped)))
        elif current:
            blocks.append(current)
            current = []
        pos += len(line) + 1
    if current:
        blocks.append(current)
    return blocks


def _is_credit(line: str) -> re.Match | None:
    m = CREDIT_RE.match(line)
    if m and len(m.group("who").split()) <= 5 and not line.endswith("."):
        return m
    return None


def _kicker(text: str, acronyms: frozenset[str]) -> str | None:
    m = KICKER_RE.match(text)
    if not m:
        return None
    words = m.group("kicker").split()
    # "NATO Secretary General..." or "US President..." are subjects, not labels.
    if all(w.strip("’'") in acronyms for w in words):
        return None
    if len(words) == 1 and len(words[0]) < 4:
        return None
    return m.group("kicker")


def parse_layout(text: str, acronyms: frozenset[str] = frozenset(), section: str | None = None):
    blocks = _blocks(text)
    title = subtitle = None
    title_span = None
    zones: list[tuple[int, int]] = []
    media: list[Media] = []
    body: list[list[tuple[int, int]]] = []

    if len(blocks) > 1 or (blocks and len(blocks[0]) > 1):
        first = blocks[0][0]
        line = text[first[0] : first[1]]
        if len(line.split()) <= HEADLINE_MAX_WORDS and not DATELINE_RE.match(line):
            title, title_span = line, first
            blocks[0] = blocks[0][1:]
            if not blocks[0]:
                blocks.pop(0)

    # Lines that are credits turn their block (or the block before) into a caption.
    header_end = 0
    for bi, block in enumerate(blocks):
        lines = [text[s:e] for s, e in block]
        credit_at = next((i for i, ln in enumerate(lines) if _is_credit(ln)), None)
        if credit_at is None:
            body.append(block)
            continue
        cs, ce = block[credit_at]
        m = _is_credit(lines[credit_at])
        cap_lines = block[:credit_at]
        if not cap_lines and body and len(body[-1]) == 1 and len(body) > 0:
            cap_lines = body.pop()
        caption = None
        if cap_lines:
            caption = text[cap_lines[0][0] : cap_lines[-1][1]]
            zones.append((cap_lines[0][0], cap_lines[-1][1]))
        media.append(
            Media(
                caption=caption,
                credit=lines[credit_at],
                photographer=m.group("who").strip(),
                agency=m.group("agency").strip(),
                start=cap_lines[0][0] if cap_lines else cs,
                end=ce,
            )
        )
        rest = block[credit_at + 1 :]
        if rest:
            body.append(rest)
        if bi <= 3:
            header_end = len(body) - (1 if rest else 0)

    # The subtitle is a lone line before the first photo or before a kicker/dateline lead.
    if title is not None and len(body) > 1:
        lead = next(
            (
                i
                for i, b in enumerate(body[:3])
                if _kicker(text[b[0][0] : b[-1][1]], acronyms)
                or DATELINE_RE.match(text[b[0][0] : b[-1][1]])
            ),
            None,
        )
        cut = header_end if header_end else (lead or 0)
        if cut >= 1 and len(body[0]) == 1:
            s, e = body[0][0]
            subtitle = text[s:e]
            zones.append((s, e))
            body = body[1:]

    paragraphs: list[Paragraph] = []
    kicker = dateline = None
    for block in body:
        s, e = block[0][0], block[-1][1]
        if not paragraphs:
            found = _kicker(text[s:e], acronyms)
            if section and text[s:e].startswith(section.upper() + " "):
                found = section.upper()
            if found:
                kicker = found
                s += len(found)
                while s < e and text[s] in " :–—-":
                    s += 1
        para_text = text[s:e]
        dl = DATELINE_RE.match(para_text) if not paragraphs else None
        if dl:
            dateline = para_text[: dl.end()].strip()
        zones.append((s + dl.end(), e) if dl else (s, e))
        paragraphs.append(Paragraph(len(paragraphs), "paragraph", para_text, s, e))
    paragraphs = mark_block_quotes(paragraphs)
    zones.sort()
    return Layout(
        title, subtitle, kicker, tuple(media), tuple(paragraphs), tuple(zones), title_span, dateline
    )


# A paragraph that reports the statement (or anyone) in the third person ends the block.
REPORTING_RE = re.compile(
    # "continued" only as a verb of saying ("…," he continued.), not "continued close ties"
    r"\b(?:said|says|added|stated|noted|wrote|continued(?=\s*[,.:;])|according to|told|went on)\b"
)


# A paragraph introducing a statement: "… said:", and the slip "Mark Simmonds, said;".
INTRO_END_RE = re.compile(r"(?::|\b(?:said|says|stated|added|declared);)\s*$")


LIST_ITEM_WORDS = 10


def _list_item(text: str) -> bool:
    """A line of a list after "Involved in the case are:" ("Coast Guard Station Panama City",
    "Emergencies which lead to a DEC Appeal being triggered; and"): no statement."""
    t = text.rstrip()
    return bool(re.search(r";(?:\s*(?:and|or))?$", t)) or (
        len(t.split()) <= LIST_ITEM_WORDS and t[-1:] not in '.!?”"’'
    )


def mark_block_quotes(paragraphs: list[Paragraph]) -> list[Paragraph]:
    out: list[Paragraph] = []
    inside = False
    for p in paragraphs:
        if inside and (
            REPORTING_RE.search(p.text) or p.text.rstrip().endswith(":") or _list_item(p.text)
        ):
            inside = False  # the writer's own words again, or a list
        kind = "block_quote" if inside else "paragraph"
        out.append(Paragraph(p.index, kind, p.text, p.start, p.end))
        if kind == "paragraph" and INTRO_END_RE.search(p.text) and len(p.text.split()) <= 40:
            inside = True
    return out
