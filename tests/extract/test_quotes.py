"""Quotes: text -> (kind, speaker name, cue, text) rows."""

from __future__ import annotations

import pytest

from extract import extract


def quotes(text):
    x = extract("Title\n\n" + text)
    names = {a.key: a.name for a in x.actors}
    return [(q.kind, names.get(q.speaker), q.cue, q.text) for q in x.quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"We will not retreat," Zelensky said. "We will win."',
            [
                ("direct", "Volodymyr Zelensky", "said", "We will not retreat"),
                ("direct", "Volodymyr Zelensky", None, "We will win"),
            ],
        ),
        (  # a name no list knows, introduced by the speech verb and titled after it
            "“It is critical that WFP has the resources,” said Bienvenu Djossa, WFP Country "
            "Director in the Central African Republic.",
            [("direct", "Bienvenu Djossa", "said", "It is critical that WFP has the resources")],
        ),
        (
            "“This is a historic day for science,” NASA Administrator Bill Nelson said.",
            [("direct", "Bill Nelson", "said", "This is a historic day for science")],
        ),
        (
            "Russia said the talks had failed completely.",
            [("indirect", "Russia", "said", "the talks had failed completely")],
        ),
        (
            "The talks failed, the Kremlin said on Monday.",
            [("indirect", "Kremlin", "said", "The talks failed")],
        ),
        (
            "The vote was rigged, according to the European Union.",
            [("indirect", "European Union", "according to", "The vote was rigged")],
        ),
        (
            "Germany kept rates unchanged, saying inflation was still too high.",
            [("indirect", "Germany", "saying", "inflation was still too high")],
        ),
        (
            "Angela Merkel spoke. She told reporters that the deal was dead.",
            [("indirect", "Angela Merkel", "told", "the deal was dead")],
        ),
        ("The ministry announced a new plan.", []),
        (
            "NATO said in a statement:\n\nWe stand together.\n\nWe act as one.\n\nThe alliance added that more would come.",
            [
                ("block", "NATO", None, "We stand together."),
                ("block", "NATO", None, "We act as one."),
                ("indirect", "NATO", "added", "more would come"),
            ],
        ),
        (
            "Minister for Africa Mark Simmonds said;\n\n“We condemn the attacks.\n\n"
            "“We call on all parties to show restraint.”",
            [
                ("block", "Mark Simmonds", None, "“We condemn the attacks."),
                ("block", "Mark Simmonds", None, "“We call on all parties to show restraint.”"),
            ],
        ),
        (
            "Minister for the Middle East Alistair Burt has condemned the attack in Kabul.\n\n"
            "“I condemn this despicable attack.\n\n“It will not lessen our resolve.”\n\n"
            "Prime Minister David Cameron said the staff were safe.",
            [
                ("direct", "Alistair Burt", None, "I condemn this despicable attack"),
                ("direct", "Alistair Burt", None, "It will not lessen our resolve"),
                ("indirect", "David Cameron", "said", "the staff were safe"),
            ],
        ),
        (
            "The following press statement was issued today by Council President Joonkook "
            "Hwang (Republic of Korea):\n\nThe members of the Security Council condemned the "
            "attack.",
            [
                (
                    "block",
                    "Joonkook Hwang",
                    None,
                    "The members of the Security Council condemned the attack.",
                ),
            ],
        ),
    ],
)
def test_quote_table(text, expected):
    assert quotes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a speech verb's clausal complement, its subject the speaker (a name after a title
        # and an adverbial)
        (
            "Earlier today, U.S. Ambassador John Bolton said some technical changes had been made.",
            [("indirect", "John Bolton", "said", "some technical changes had been made")],
        ),
        # agencies and media report
        (
            "Xinhua reported that the two sides had signed a trade agreement.",
            [("indirect", "Xinhua", "reported", "the two sides had signed a trade agreement")],
        ),
        (
            "North Korea's state media said the test had been a success.",
            [("indirect", "North Korean state media", "said", "the test had been a success")],
        ),
        (
            "Russian news agencies quote Defense Minister Sergei Ivanov as saying that any "
            "sanctions should be withdrawn.",
            [("indirect", "Sergei Ivanov", "as saying", "any sanctions should be withdrawn")],
        ),
        # the speaker a subject names in its own words, not in its prepositions
        (
            "Unnamed U.S. officials said aircraft had detected traces of radiation.",
            [("indirect", "United States", "said", "aircraft had detected traces of radiation")],
        ),
        ("Exit polls in Bolivia indicate that President Evo Morales has won.", []),
        (
            "The Movement for the Emancipation of the Niger Delta said in an e-mail that it "
            "seized eight workers. The group says it released the workers today.",
            [
                (
                    "indirect",
                    "Movement for the Emancipation of the Niger Delta",
                    "said",
                    "it seized eight workers",
                ),
                (
                    "indirect",
                    "Movement for the Emancipation of the Niger Delta",
                    "says",
                    "it released the workers today",
                ),
            ],
        ),  # fmt: skip
        # announcing, declaring: only a clause of its own is reported speech
        ("The World Health Organization declared the outbreak a public health emergency.", []),
        (
            "North Korea announced it had set off a nuclear device underground.",
            [
                (
                    "indirect",
                    "North Korea",
                    "announced",
                    "it had set off a nuclear device underground",
                )
            ],
        ),
        # a description's referent, a title's holder, a pronoun that just spoke
        (
            "The United Nations Security Council voted on Friday. The resolution demands that "
            "North Korea suspend all missile activities.",
            [
                (
                    "indirect",
                    "UN Security Council",
                    "demands",
                    "North Korea suspend all missile activities",
                )
            ],
        ),
        (
            "Foreign Secretary William Hague arrived. The sanctions were justified, the Foreign "
            "Secretary said.",
            [("indirect", "William Hague", "said", "The sanctions were justified")],
        ),
        (
            "Assistant Press Secretary Carl Woog said the two leaders discussed Syria. The call "
            "followed a meeting in June between Chuck Hagel and Moshe Yaalon, he added.",
            [
                ("indirect", "Carl Woog", "said", "the two leaders discussed Syria"),
                (
                    "indirect",
                    "Carl Woog",
                    "added",
                    "The call followed a meeting in June between Chuck Hagel and Moshe Yaalon",
                ),
            ],
        ),  # fmt: skip
        (
            "John Kerry said the talks had been useful. He added that more work was needed.",
            [
                ("indirect", "John Kerry", "said", "the talks had been useful"),
                ("indirect", "John Kerry", "added", "more work was needed"),
            ],
        ),
        # a phrase in marks after an article is no one's words
        ('The minister condemned the "shoot on sight policy" of the police.', []),
    ],
)
def test_reported_speech_from_the_parse(text, expected):
    assert quotes(text) == expected


def test_a_statement_headline_makes_the_body_its_authors():
    text = (
        "Statement by Kristalina Georgieva, European Commissioner, on funding\n\n"
        "Brussels, 6 June 2013\n\n"
        "The announcement is welcome and timely.\n\n"
        "We must all redouble our efforts to provide assistance."
    )
    x = extract(text)
    names = {a.key: a.name for a in x.actors}
    assert [(q.kind, names[q.speaker]) for q in x.quotes] == [("block", "Kristalina Georgieva")]
    assert x.quotes[0].text.startswith("The announcement")
    assert x.quotes[0].text.endswith("provide assistance.")


def test_quote_spans_hold_their_text():
    text = "Title\n\n“Fine,” he said. Kerry said “it is over for now” and left."
    x = extract(text)
    for q in x.quotes:
        assert text[q.start : q.end] == q.text
