"""Events: text -> (type, status, sources, targets, date, precision) rows, one table row per
construction the coder reads off the parse. Published on a Monday."""

from __future__ import annotations

from datetime import date

import pytest

from extract import extract

PUB = date(2016, 10, 3)  # a Monday


def events(text, published=PUB):
    x = extract("Title\n\n" + text, published)
    names = {a.key: a.name for a in x.actors}
    return [
        (
            e.type,
            e.status,
            tuple(names[k] for k in e.sources),
            tuple(names[k] for k in e.targets),
            e.date,
            e.date_precision,
        )
        for e in x.events
    ]


ASSERTED = "asserted"
UNDATED = ("2016-10-03", "reported")
MONDAY = ("2016-10-03", "day")


@pytest.mark.parametrize(
    ("construction", "text", "expected"),
    [
        (
            "active",
            "Russia bombed Syria on Monday.",
            [("ASSAULT", ASSERTED, ("Russia",), ("Syria",), "2016-10-03", "day")],
        ),
        (
            "passive with agent",
            "Syria was bombed by Russia on Monday.",
            [("ASSAULT", ASSERTED, ("Russia",), ("Syria",), "2016-10-03", "day")],
        ),
        (
            "agentless passive",
            "Ukraine was attacked on Monday.",
            [("ASSAULT", ASSERTED, (), ("Ukraine",), "2016-10-03", "day")],
        ),
        (
            "object control",
            "NATO forced Serbia to withdraw its troops from Kosovo.",
            [
                ("COERCE", ASSERTED, ("NATO",), ("Serbia",), *UNDATED),
                ("RETREAT", ASSERTED, ("Serbia",), ("Kosovo",), *UNDATED),
            ],
        ),
        (
            "complement (subject control)",
            "Germany agreed to provide aid to Ukraine.",
            [
                ("AGREE", ASSERTED, ("Germany",), ("Ukraine",), *UNDATED),
                ("AID", ASSERTED, ("Germany",), ("Ukraine",), *UNDATED),
            ],
        ),
        (
            "request content is no act",
            "Iran urged Syria to end the war.",
            [("REQUEST", ASSERTED, ("Iran",), ("Syria",), *UNDATED)],
        ),
        (
            "coordinated subjects",
            "France and Germany condemned Russia.",
            [("ACCUSE", ASSERTED, ("France", "Germany"), ("Russia",), *UNDATED)],
        ),
        (
            "coordinated verbs share a subject",
            "Iran met Iraq on Tuesday and urged Syria to end the war.",
            [
                ("CONSULT", ASSERTED, ("Iran",), ("Iraq",), "2016-09-27", "day"),
                ("REQUEST", ASSERTED, ("Iran",), ("Syria",), "2016-09-27", "day"),
            ],
        ),
        (
            "relative clause",
            "Egypt, which has mediated between Israel and Hamas before, urged both sides to "
            "show restraint.",
            [
                ("CONSULT", ASSERTED, ("Egypt",), ("Israel", "Hamas"), *UNDATED),
                ("REQUEST", ASSERTED, ("Egypt",), ("Israel", "Hamas"), *UNDATED),
            ],
        ),
        (
            "non-restrictive relative after a comma",
            "The U.S. imposed sanctions on Iran, which it accused of supporting Hezbollah.",
            [
                ("ACCUSE", ASSERTED, ("United States",), ("Iran",), *UNDATED),
                ("SUPPORT", "alleged", ("Iran",), ("Hezbollah",), *UNDATED),
                ("SANCTION", ASSERTED, ("United States",), ("Iran",), *UNDATED),
            ],
        ),
        (
            "apposition",
            "The U.S. Secretary of State, John Kerry, met Russian Foreign Minister Sergei "
            "Lavrov in Geneva.",
            [("CONSULT", ASSERTED, ("John Kerry",), ("Sergei Lavrov",), *UNDATED)],
        ),
        (
            "light verb",
            "China held talks with Russia on Tuesday.",
            [("CONSULT", ASSERTED, ("China",), ("Russia",), "2016-09-27", "day")],
        ),
        (
            "light verb carries the noun's type",
            "Russia and Syria intensified their attacks last month.",
            [("ASSAULT", ASSERTED, ("Russia", "Syria"), (), "2016-09-01", "month")],
        ),
        (
            "nominal trigger inside another act",
            "The U.S. condemned Russia's attack on Ukraine.",
            [
                ("ACCUSE", ASSERTED, ("United States",), ("Russia",), *UNDATED),
                ("ASSAULT", ASSERTED, ("Russia",), ("Ukraine",), *UNDATED),
            ],
        ),
        (
            "negation",
            "France did not reject the offer from Germany.",
            [("REJECT", "negated", ("France",), ("Germany",), *UNDATED)],
        ),
        (
            "negated concession is a refusal",
            "Iran would not release the prisoners.",
            [("REJECT", ASSERTED, ("Iran",), (), *UNDATED)],
        ),
        (
            "future, dated forward",
            "Japan will host a summit with South Korea in June.",
            [("CONSULT", "future", ("Japan",), ("South Korea",), "2017-06-01", "month")],
        ),
        (
            "future in reported speech, dated forward",
            "Turkey said it would host a meeting with Iran in June.",
            [("CONSULT", "future", ("Turkey",), ("Iran",), "2017-06-01", "month")],
        ),
        (
            "condition",
            "Iran will attack Israel if Israel strikes Iranian soil.",
            [
                ("ASSAULT", "threatened", ("Iran",), ("Israel",), *UNDATED),
                ("ASSAULT", ASSERTED, ("Israel",), (), *UNDATED),
            ],
        ),
        (
            "threat content is no act",
            "Last week Iran threatened to cut off talks with France.",
            [("THREATEN", ASSERTED, ("Iran",), ("France",), "2016-09-26", "week")],
        ),
        (
            "cross-sentence target",
            "John Kerry spoke with Sergei Lavrov on Tuesday. Kerry urged restraint.",
            [
                ("CONSULT", ASSERTED, ("John Kerry",), ("Sergei Lavrov",), "2016-09-27", "day"),
                ("REQUEST", ASSERTED, ("John Kerry",), ("Sergei Lavrov",), "2016-09-27", "day"),
            ],
        ),
        (
            "an undated act keeps the occasion's date, two sentences on at most",
            "Russia bombed Syria on Tuesday. Russia also attacked Iraq.\n\nAleppo is large. "
            "It is old. Iran attacked Iraq.",
            [
                ("ASSAULT", ASSERTED, ("Russia",), ("Syria",), "2016-09-27", "day"),
                ("ASSAULT", ASSERTED, ("Russia",), ("Iraq",), "2016-09-27", "day"),
                ("ASSAULT", ASSERTED, ("Iran",), ("Iraq",), *UNDATED),
            ],
        ),
        (
            "said frame: the speaker accuses",
            "The U.S. said Russia had failed to live up to its commitments.",
            [("ACCUSE", "reported", ("United States",), ("Russia",), *UNDATED)],
        ),
        (
            "accusation's embedded act is alleged",
            "The U.S. accused Russia of bombing the convoy.",
            [
                ("ACCUSE", ASSERTED, ("United States",), ("Russia",), *UNDATED),
                ("ASSAULT", "alleged", ("Russia",), (), *UNDATED),
            ],
        ),
        (
            "a statement's modal request",
            "Russia must withdraw its troops from Ukraine, France said.",
            [("REQUEST", "reported", ("France",), ("Russia",), *UNDATED)],
        ),
        (
            "reciprocal act",
            "Russia and China held talks on Monday.",
            [("CONSULT", ASSERTED, ("Russia", "China"), ("China", "Russia"), "2016-10-03", "day")],
        ),
        (
            "device as the attacker",
            "A homemade bomb exploded in Kabul on Monday.",
            [("ASSAULT", ASSERTED, (), (), "2016-10-03", "day")],
        ),
        (
            "device in a relative clause, told once",
            "Officials said a bomb blast that killed Afghan soldiers shook Kabul.",
            [("ASSAULT", ASSERTED, (), ("Afghan forces",), *UNDATED)],
        ),
        (
            "agentless arrest: the security body named last",
            "Belarusian police broke up a rally on Monday. Hundreds of protesters were detained.",
            [
                ("COERCE", ASSERTED, ("Belarusian police",), ("Belarusian protesters",), *MONDAY),
                ("COERCE", ASSERTED, ("Belarusian police",), ("Belarusian protesters",), *MONDAY),
            ],
        ),
        (
            "call on X to: the object read as the clause's subject",
            "France called on Iranian authorities to release the prisoners.",
            [("REQUEST", ASSERTED, ("France",), ("Iranian authorities",), *UNDATED)],
        ),
        (
            "expectation as a request",
            "France expects the Iranian authorities to free the prisoners.",
            [("REQUEST", ASSERTED, ("France",), ("Iranian authorities",), *UNDATED)],
        ),
        (
            "a group named by what it is, as an argument",
            "Britain urged all parties to show restraint. Burmese police arrested 200 monks.",
            [
                ("REQUEST", ASSERTED, ("United Kingdom",), ("all parties",), *UNDATED),
                ("COERCE", ASSERTED, ("Burmese police",), ("monks",), *UNDATED),
            ],
        ),
        (
            "a group's name leaves out how many",
            "France thanked other donors.",
            [("SUPPORT", ASSERTED, ("France",), ("donors",), *UNDATED)],
        ),
        (
            "a judgement in the statement's own voice: a condemning noun",
            "France said the sentence Russia handed down was a violation of its obligations.",
            [("ACCUSE", "reported", ("France",), ("Russia",), *UNDATED)],
        ),
        (
            "a judgement: a source of alarm",
            "France said the arrest by Iranian police is a source of alarm.",
            [
                ("COERCE", "reported", ("Iranian police",), (), *UNDATED),
                ("ACCUSE", "reported", ("France",), ("Iranian police",), *UNDATED),
            ],
        ),
        (
            "a judgement: fair words negated",
            "France said the vote held by Russia was neither free nor fair.",
            [("ACCUSE", "reported", ("France",), ("Russia",), *UNDATED)],
        ),
        ("praise is no accusation", "France said the vote held by Russia was free and fair.", []),
        (
            "victims told by a participle are no new act",
            "Britain mourned those killed and injured in Kabul.",
            [],
        ),
        (
            "a coordinated preposition",
            "France expressed its condolences to the families of those killed and to the Government of Chad.",
            [("SUPPORT", ASSERTED, ("France",), ("Chad",), *UNDATED)],
        ),
        (
            "aid: its purpose clause names the recipient, one act",
            "To date, USAID has provided more than $1.3 million in humanitarian assistance to help "
            "the people of Ecuador.",
            [("AID", ASSERTED, ("USAID",), ("Ecuador",), *UNDATED)],
        ),
        (
            "aid: the country where help is given",
            "Britain announced a programme of electoral assistance in Fiji.",
            [("AID", ASSERTED, ("United Kingdom",), ("Fiji",), *UNDATED)],
        ),
        ("a natural force attacks no one", "The earthquake that hit Indonesia killed 800.", []),
        (
            "a target the clause leaves out: who the brief is about",
            "Syria said Russia had bombed Aleppo. Russia denied it. Britain called for an "
            "immediate ceasefire.",
            [
                ("ASSAULT", "reported", ("Russia",), (), *UNDATED),  # no victim invented
                ("REQUEST", ASSERTED, ("United Kingdom",), ("Russia",), *UNDATED),
            ],
        ),
        (
            "an act told again is one act; another is new",
            "Gunmen attacked the embassy in Kabul on Monday. France condemned the attack. "
            "Italy condemned another attack on the embassy.",
            [
                ("ASSAULT", ASSERTED, ("Gunmen",), (), "2016-10-03", "day"),
                ("ACCUSE", ASSERTED, ("France",), ("Gunmen",), "2016-10-03", "day"),
                # another attack, no attacker named: no one is accused, no one made up
                ("ACCUSE", ASSERTED, ("Italy",), (), "2016-10-03", "day"),
                ("ASSAULT", ASSERTED, (), (), "2016-10-03", "day"),
            ],
        ),
        (
            "what a request asks for, however deep, is not done",
            "Britain called on Russia to show restraint and renew efforts to negotiate with "
            "Ukraine.",
            [("REQUEST", ASSERTED, ("United Kingdom",), ("Russia",), *UNDATED)],
        ),
        (
            "a feeling judges what follows",
            "Ireland is deeply concerned at the removal of the elected Government of Myanmar.",
            [("ACCUSE", ASSERTED, ("Ireland",), ("Myanmar",), *UNDATED)],
        ),
        (
            "gratitude and commitment are support",
            "Britain is grateful to Czechia for its help. The United States remains fully "
            "committed to supporting Mali.",
            [
                ("SUPPORT", ASSERTED, ("United Kingdom",), ("Czech Republic",), *UNDATED),
                ("SUPPORT", ASSERTED, ("United States",), ("Mali",), *UNDATED),
            ],
        ),
        (
            "those rescued are acted on",
            "The Coast Guard rescued two overdue boaters near Cape San Blas.",
            [("AID", ASSERTED, ("Coast Guard",), ("overdue boaters",), *UNDATED)],
        ),
        (
            "all States are a group; states are not",
            "The Security Council urged all States to cooperate with Russia. Russia and Ukraine "
            "are states that border each other.",
            [("REQUEST", ASSERTED, ("UN Security Council",), ("all States",), *UNDATED)],
        ),
        (
            "an act a noun pins down is another act",
            "Britain condemned the attack on the embassy in Kabul on Monday. Britain also "
            "condemned the attack that took place in Herat.",
            [
                ("ACCUSE", ASSERTED, ("United Kingdom",), (), *MONDAY),
                ("ASSAULT", ASSERTED, (), (), *MONDAY),
                ("ACCUSE", ASSERTED, ("United Kingdom",), (), *MONDAY),  # the date carries on
                ("ASSAULT", ASSERTED, (), (), *MONDAY),
            ],
        ),
        (
            "an armed group's nationality names its side",
            "Israeli forces fought Palestinian militants on Monday.",
            [("ASSAULT", ASSERTED, ("Israeli forces",), ("Palestinian militants",), *MONDAY)],
        ),
        ("a standard met is no meeting", "Britain said the vote did not meet standards.", []),
        ("a month is no march", "France said the talks would begin in March.", []),
        ("no event", "Aleppo is the largest city in Syria.", []),
        ("a device found is no attack", "Police in Kabul said a bomb was found in a car.", []),
        ("no actor, no event", "Officials said buildings were bombed.", []),
    ],
)
def test_construction(construction, text, expected):
    assert events(text) == expected, construction


@pytest.mark.parametrize(
    ("text", "trigger", "date_text"),
    [
        ("China held talks with Russia on Tuesday.", "held talks", "on Tuesday"),
        ("Russia bombed Syria on Monday, officials said.", "bombed", "on Monday"),
        ("The U.S. imposed sanctions on Iran last week.", "imposed sanctions", "last week"),
    ],
)
def test_trigger_and_date_text(text, trigger, date_text):
    (e,) = extract("Title\n\n" + text, PUB).events
    assert (e.trigger, e.date_text) == (trigger, date_text)
    assert text[e.start - len("Title\n\n") : e.end - len("Title\n\n")] == trigger


def test_without_a_publication_date_events_are_undated():
    (e,) = extract("Title\n\nRussia bombed Syria on Monday.").events
    assert (e.date, e.date_precision) == (None, None)
