"""One record per actor of a brief: the dictionaries' row with what the brief says of it
(name as written, title, affiliation, kind), and a CAMEO code for every actor that has one
or can be given one from its country or body and its title."""

from __future__ import annotations

from dataclasses import replace

from .dictionary import Dictionary
from .found import Found, State
from .records import ActorInfo


def actor_infos(mentions: list[Found], d: Dictionary, st: State) -> dict[str, ActorInfo]:
    aliases: dict[str, list[str]] = {}
    for m in mentions:
        aliases.setdefault(m.key, [])
        if m.text not in aliases[m.key]:
            aliases[m.key].append(m.text)
    out = {}
    for key, surface in aliases.items():
        base = d.actors.get(key)
        name = st.names.get(key, surface[0])
        if base is not None:
            # The field's names are re-cased capitals: the brief's own spelling reads better.
            name = name if key in d.known.actors and " " in name else base.name
        kind = base.kind if base else st.kinds.get(key, "organization")
        affiliation = st.affiliations.get(key) or (base.affiliation if base else None)
        # A title the dictionary gives undated is no title on a date none of its roles holds.
        stale = st.published and d.known.roles.get(key) and not d.known.role_at(key, st.published)
        out[key] = ActorInfo(
            key=key,
            name=name,
            kind=kind,
            title=st.titles.get(key) or (base.title if base and not stale else None),
            affiliation=affiliation,
            code=st.codes.get(key) or (base.code if base else None),
            aliases=tuple(surface),
        )
    for _ in range(2):  # a code may come from an affiliation's code found in the first round
        for key, info in out.items():
            if info.code is None:
                out[key] = replace(info, code=code_of(info, d, st, out))
    # Affiliations named only through the dictionary still need their own record.
    for info in list(out.values()):
        if info.affiliation and info.affiliation not in out and info.affiliation in d.actors:
            base = d.actors[info.affiliation]
            out[base.key] = base
    return out


def code_of(info: ActorInfo, d: Dictionary, st: State, known: dict[str, ActorInfo]) -> str | None:
    """A CAMEO code for an actor the dictionaries do not know: its country's or body's code,
    with the agent code of its title or name ("Japanese Minister of Defense" -> JPNGOV)."""
    if not info.affiliation:
        return None
    owner = d.actors.get(info.affiliation)
    found = known.get(info.affiliation)
    base = (
        st.codes.get(info.affiliation)
        or (found.code if found else None)
        or (owner.code if owner else None)
    )
    if not base:
        return None
    if owner is None or owner.kind != "country":
        return base
    words = (info.title or info.name or "").lower().replace("-", " ").split()
    for n in range(min(4, len(words)), 0, -1):
        for i in range(len(words) - n, -1, -1):
            agent = d.known.agent(" ".join(words[i : i + n]))
            if agent is not None:
                return base + agent.code if agent.after else agent.code + base
    return base
