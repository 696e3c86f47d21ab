"""A seeded generator of varied synthetic briefs (actors, quotes, events, dates; no two alike)."""

from __future__ import annotations

import random

COUNTRIES = [
    "Russia",
    "Ukraine",
    "China",
    "the United States",
    "France",
    "Germany",
    "Iran",
    "Israel",
    "Turkey",
    "India",
    "Brazil",
    "Japan",
    "Egypt",
    "Sudan",
    "Syria",
    "Poland",
    "Nigeria",
    "Mexico",
]
PEOPLE = [
    ("Foreign Minister", "Sergei Lavrov"),
    ("Secretary of State", "Antony Blinken"),
    ("President", "Emmanuel Macron"),
    ("Chancellor", "Olaf Scholz"),
    ("Prime Minister", "Narendra Modi"),
    ("President", "Recep Tayyip Erdogan"),
    ("spokesman", "Dmitry Peskov"),
    ("Secretary-General", "Antonio Guterres"),
]
ORGS = [
    "NATO",
    "the European Union",
    "the United Nations",
    "the World Health Organization",
    "the IMF",
    "the African Union",
    "the Kremlin",
    "the Pentagon",
    "Hamas",
    "the Taliban",
]
ACTS = [
    "accused {t} of violating the ceasefire",
    "imposed sanctions on {t}",
    "held talks with {t}",
    "threatened to cut off talks with {t}",
    "urged {t} to show restraint",
    "praised {t}",
    "launched missile attacks on {t}",
    "signed an agreement with {t}",
    "rejected the proposal from {t}",
    "expelled diplomats from {t}",
    "sent humanitarian aid to {t}",
    "condemned {t}",
]
WHEN = [
    "on Monday",
    "on Tuesday",
    "last week",
    "last month",
    "in March",
    "on September 19",
    "yesterday",
    "",
]
SAY = ["said", "told reporters", "warned", "added"]


def brief(rng: random.Random, n: int) -> str:
    c = rng.sample(COUNTRIES, 4)
    title, person = rng.choice(PEOPLE)
    org = rng.choice(ORGS)
    lines = [
        f"{c[0].replace('the ', '').title()} and {c[1].replace('the ', '')} Clash Over Talks No. {n}",
        "",
    ]
    lines += [f"{c[0][0].upper() + c[0][1:]} said {c[1]} had failed to honor its commitments.", ""]
    body = []
    for _ in range(rng.randint(5, 9)):
        kind = rng.random()
        a, b = rng.sample(c, 2)
        act = rng.choice(ACTS).format(t=b)
        when = rng.choice(WHEN)
        if kind < 0.3:
            body.append(f"{a[0].upper() + a[1:]} {act} {when}, officials said.".replace("  ", " "))
        elif kind < 0.55:
            body.append(
                f"{title} {person} {rng.choice(SAY)} that {a} {act} {when}.".replace("  ", " ")
            )
        elif kind < 0.75:
            body.append(
                f"\u201cWe will not accept this,\u201d {person} said. \u201c{b[0].upper() + b[1:]} must respond.\u201d"
            )
        else:
            body.append(
                f"{org[0].upper() + org[1:]} {act} {when}, according to a statement.".replace(
                    "  ", " "
                )
            )
    lines += ["\n\n".join(body)]
    return "\n".join(lines) + f"\n\nThe talks are due to resume in round {n}.\n"


def corpus(min_bytes: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out, size, n = [], 0, 0
    while size < min_bytes:
        text = brief(rng, n)
        out.append(text)
        size += len(text.encode("utf-8"))
        n += 1
    return out
