"""Date expressions in a sentence, resolved against the publication date.

Conventions (GOLD-FORMAT.md): a weekday is the most recent such day on or before publication;
"last week" is the week before the publication week; a period is dated by its first day and
`precision` says day, week, month or year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "several": 3,
    "few": 3,
}

MONTH_RE = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
DATE_RE = re.compile(
    rf"\b(?:(?P<md>{MONTH_RE}) (?P<mday>\d{{1,2}})(?:st|nd|rd|th)?(?:,? (?P<my>\d{{4}}))?"
    rf"|(?P<dm>\d{{1,2}})(?:st|nd|rd|th)? (?P<dmon>{MONTH_RE})(?:,? (?P<dmy>\d{{4}}))?"
    rf"|(?:in |since |during |early |late |mid-)?(?P<mon>{MONTH_RE}) ?(?P<monyear>\d{{4}})?(?![\w-])"
    r"|(?P<rel>(?i:last|this|next|earlier this|later this)) (?P<unit>week|month|year)"
    r"|(?:(?P<wlast>(?i:last|this|next|on|late|early)) )?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|(?P<ago>a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|\d+) (?P<agounit>days?|weeks?|months?|years?) (?P<dir>ago|earlier|before|after|later)"
    r"|(?P<yday>(?i:yesterday|today|tonight))"
    r"|(?:in |since |during |early |late )(?P<year>(?:19|20)\d{2})(?![\w-])"
    r")"
)


@dataclass(frozen=True)
class DateRef:
    start: int  # offsets into the sentence text
    end: int
    text: str
    value: date
    precision: str
    ahead: date | None = None  # the reading of an event told in the future, where it differs


def _month_before(pub: date, month: int, year: str | None, forward: bool = False) -> date:
    if year:
        return date(int(year), month, 1)
    if forward:  # "would host a meeting in June", published in April: June of that year
        return date(pub.year if month >= pub.month else pub.year + 1, month, 1)
    y = pub.year if month <= pub.month else pub.year - 1
    return date(y, month, 1)


def _resolve(m: re.Match, pub: date, forward: bool = False) -> tuple[date, str] | None:
    g = m.groupdict()
    if g["md"] or g["dmon"]:
        month = MONTHS[(g["md"] or g["dmon"]).lower().rstrip(".")]
        day = int(g["mday"] or g["dm"])
        year = g["my"] or g["dmy"]
        try:
            d = date(int(year) if year else pub.year, month, day)
        except ValueError:
            return None
        if not year and not forward and d > pub:
            d = d.replace(year=pub.year - 1)
        if not year and forward and d < pub:
            d = d.replace(year=pub.year + 1)
        return d, "day"
    if g["mon"]:
        if (
            g["mon"] == "May"
            and not g["monyear"]
            and not m.group(0).startswith(("in ", "since ", "during ", "early ", "late ", "mid-"))
        ):
            return None  # "may" the modal, capitalized at a sentence start
        month = MONTHS[g["mon"].lower().rstrip(".")]
        return _month_before(pub, month, g["monyear"], forward), "month"
    if g["unit"]:
        step = {"last": -1, "this": 0, "earlier this": 0, "later this": 0, "next": 1}[
            g["rel"].lower()
        ]
        if g["unit"] == "week":
            monday = pub - timedelta(days=pub.weekday())
            return monday + timedelta(weeks=step), "week"
        if g["unit"] == "month":
            return pub.replace(day=1) + relativedelta(months=step), "month"
        return date(pub.year + step, 1, 1), "year"
    if g["wd"]:
        target = WEEKDAYS.index(g["wd"].lower())
        back = (pub.weekday() - target) % 7
        wlast = (g["wlast"] or "").lower()
        if wlast == "next":
            return pub + timedelta(days=(target - pub.weekday()) % 7 or 7), "day"
        if forward and wlast != "last":  # "will meet on Thursday": the coming one
            return pub + timedelta(days=(target - pub.weekday()) % 7), "day"
        if wlast == "last" and back == 0:
            back = 7
        return pub - timedelta(days=back), "day"
    if g["agounit"]:
        if g["dir"] == "later":
            return None  # later than some other event: no anchor to count from
        n = int(g["ago"]) if g["ago"].isdigit() else NUMBERS[g["ago"].lower()]
        unit = g["agounit"].rstrip("s")
        # "comes a week after X did": counted back from the brief's own day.
        back = relativedelta(**{unit + "s": n})
        return pub - back, "day" if unit in ("day", "week") else unit
    if g["yday"]:
        return (pub - timedelta(days=1) if g["yday"].lower() == "yesterday" else pub), "day"
    if g["year"]:
        return date(int(g["year"]), 1, 1), "year"
    return None


def find_dates(text: str, published: date | None) -> list[DateRef]:
    if published is None:
        return []
    out = []
    for m in DATE_RE.finditer(text):
        if re.search(r"\b(?:by|until|till|before)\s*$", text[: m.start()]):
            continue  # a deadline, not when anything happened
        resolved = _resolve(m, published)
        if resolved:
            ahead = _resolve(m, published, forward=True)
            later = ahead[0] if ahead and ahead[0] != resolved[0] else None
            out.append(DateRef(m.start(), m.end(), m.group(0), resolved[0], resolved[1], later))
    return out
