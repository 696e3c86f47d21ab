"""Actors: text -> (name, kind, title, affiliation) rows; names of every continent and script,
one key for every spelling, the dictionaries' roles on the publication date, titles as
written, offices, agents, CAMEO codes."""

from __future__ import annotations

from datetime import date

import pytest

from extract import extract


def actors(text, published=None):
    x = extract("Title\n\n" + text, published)
    by_key = {a.key: a for a in x.actors}
    rows = {}
    for a in x.actors:
        if any(m.key == a.key for m in x.mentions):
            aff = by_key[a.affiliation].name if a.affiliation in by_key else a.affiliation
            rows[a.name] = (a.kind, a.title, aff)
    return rows


def infos(text, published=None):
    """Every actor record by name: those the brief mentions and the affiliations they need."""
    x = extract("Title\n\n" + text, published)
    return {a.name: a for a in x.actors}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "U.S. Secretary of State John Kerry met Russian Foreign Minister Sergei Lavrov.",
            {
                "John Kerry": ("person", "U.S. Secretary of State", "United States"),
                "Sergei Lavrov": ("person", "Russian Foreign Minister", "Russia"),
                "United States": ("country", None, None),
                "Russia": ("country", None, None),
            },
        ),
        (  # a Title Case headline's verb is no name after a title
            "Secretary-General Condemns Deadly Attack on Convoy\n\nThe Secretary-General "
            "condemned the attack.",
            {"Secretary-General": ("person", "Secretary-General", "United Nations")},
        ),
        (
            "Samantha Power, the U.S. ambassador to the UN, said it was wrong.",
            {
                "Samantha Power": ("person", "U.S. ambassador to the UN", "United States"),
                "United States": ("country", None, None),
                "United Nations": ("organization", None, None),
            },
        ),
        (
            "Senator the Hon Murray Watt, Minister for Emergency Management, welcomed it.",
            {"Murray Watt": ("person", None, None)},
        ),
        (
            "The New Zealand Electoral Commission and the Foreign & Commonwealth Office met "
            "the UN Mission in South Sudan in the West Bank and Gaza.",
            {
                "New Zealand Electoral Commission": ("organization", None, "New Zealand"),
                "Foreign & Commonwealth Office": ("organization", None, None),
                "United Nations Mission in South Sudan": ("organization", None, "United Nations"),
            },
        ),
        (
            "The designations were made under Executive Order 14014. Finally, the Prime "
            "Minister and the President spoke.",
            {},
        ),
        (
            "Chief prosecutor of the War Crimes Court, Desmond De Silva, said it was a "
            "momentous occasion.",
            {
                "Desmond De Silva": (
                    "person",
                    "Chief prosecutor of the War Crimes Court",
                    "War Crimes Court",
                ),
                "War Crimes Court": ("organization", None, None),
            },
        ),
        (
            "Minister for Foreign Affairs, the Hon Julie Bishop MP\n\nMinister for "
            "International Development and the Pacific, Senator the Hon Concetta "
            "Fierravanti-Wells\n\nThe Minister for Foreign Affairs said Australia will help.",
            {
                "Julie Bishop": ("person", "Minister for Foreign Affairs", "Australia"),
                "Concetta Fierravanti-Wells": (
                    "person",
                    "Minister for International Development and the Pacific",
                    "Australia",
                ),
                "Australia": ("country", None, None),
            },
        ),
        (
            "U.S. Ambassador to the Kyrgyz Republic Sheila Gwaltney met Political Counselor "
            "Christopher Robinson.",
            {
                "Sheila Gwaltney": (
                    "person",
                    "U.S. Ambassador to the Kyrgyz Republic",
                    "United States",
                ),
                "Christopher Robinson": ("person", "Political Counselor", None),
                "United States": ("country", None, None),
                "Kyrgyzstan": ("country", None, None),
            },
        ),
        (
            "Following is the statement delivered by Council President Adamantios Th. "
            "Vassilakis (Greece): We condemn it.",
            {
                "Adamantios Th. Vassilakis": ("person", "Council President", "Greece"),
                "Greece": ("country", None, None),
            },
        ),
        (
            "Members of the Security Council condemned the attack.",
            {"UN Security Council": ("organization", None, "United Nations")},
        ),
        (
            "The Rt Hon David Lammy MP said Britain welcomed it.",
            {"David Lammy": ("person", None, None), "United Kingdom": ("country", None, None)},
        ),
        ("Moscow agreed. Officials in Moscow met.", {"Russia": ("country", None, None)}),
        ("Talks were held in Moscow on Monday.", {}),
        (
            "Daesh and ISIL fighters attacked; the Islamic State denied it.",
            {"Islamic State": ("group", None, None)},
        ),
        ("The Syrian regime and Syrian refugees.", {"Syria": ("country", None, None)}),
        (
            "The plan was set, ministry spokesman Gao Feng told reporters.",
            {"Gao Feng": ("person", "ministry spokesman", None)},
        ),
        (
            "The Africa Centres for Disease Control and Prevention declared an emergency.",
            {"Africa Centres for Disease Control and Prevention": ("organization", None, None)},
        ),
        (
            "China's foreign ministry said no.",
            {
                "China": ("country", None, None),
                "Chinese Foreign Ministry": ("organization", None, "China"),
            },
        ),
        ("The group, known as Trickbot, struck again.", {"Trickbot": ("group", None, None)}),
        # Transliterations of one group's name are one actor.
        (
            "AQIM claimed it; al-Qaida in the Islamic Maghreb, Mali's government said, did it.",
            {
                "al Qaeda in the Islamic Maghreb": ("group", None, None),
                "Mali": ("country", None, None),
            },
        ),
        # A country the brief only locates something in is a place there, not an actor.
        ("Aleppo is the largest city in Syria.", {}),
        ("The talks took place last month in Canada.", {}),
        ("Syria said the talks in Syria failed.", {"Syria": ("country", None, None)}),
    ],
)
def test_actor_table(text, expected):
    assert actors(text) == expected


# Real names from every continent and several scripts: diacritics (ç ş ğ ł ø đ þ ð ō ï ʻ),
# particles (al-, bin, Al, van der, Le, da, Ould, Van der), initials, hyphenated parts.
NAMES = [
    # Europe
    ("Foreign Minister", "Mevlüt Çavuşoğlu"),
    ("Foreign Minister", "Radosław Sikorski"),
    ("President", "Aleksandar Vučić"),
    ("Prime Minister", "Ingrida Šimonytė"),
    ("Foreign Minister", "Þórdís Kolbrún Reykfjörð Gylfadóttir"),
    ("Defence Minister", "Jean-Yves Le Drian"),
    ("Prime Minister", "Pedro Sánchez"),
    ("Prime Minister", "Viktor Orbán"),
    ("President", "Alexander Van der Bellen"),
    ("Justice Minister", "Søren Pape Poulsen"),
    ("President", "Lech Wałęsa"),
    ("Prime Minister", "Jonas Gahr Støre"),
    # Asia
    ("General Secretary", "Nguyễn Phú Trọng"),
    ("President", "Tô Lâm"),
    ("Prime Minister", "Đỗ Mười"),
    ("Foreign Minister", "Yōko Kamikawa"),
    ("opposition leader", "Lee Jae-myung"),
    ("President", "Tsai Ing-wen"),
    ("Prime Minister", "Prayut Chan-o-cha"),
    ("Emir", "Tamim bin Hamad Al Thani"),
    ("Foreign Minister", "Abdullah bin Zayed Al Nahyan"),
    ("External Affairs Minister", "S. Jaishankar"),
    ("President", "Ranil Wickremesinghe"),
    ("Foreign Minister", "Hakan Fidan"),
    ("President", "Kassym-Jomart Tokayev"),
    # Africa
    ("General", "Abdel Fattah al-Burhan"),
    ("President", "Mohamed Ould Ghazouani"),
    ("President", "Kaïs Saïed"),
    ("President", "Félix Tshisekedi"),
    ("President", "Faustin-Archange Touadéra"),
    ("Colonel", "Assimi Goïta"),
    ("Director-General", "Ngozi Okonjo-Iweala"),
    ("President", "Hakainde Hichilema"),
    ("Prime Minister", "Abiy Ahmed"),
    # Americas
    ("President", "Andrés Manuel López Obrador"),
    ("President", "Luiz Inácio Lula da Silva"),
    ("candidate", "Xóchitl Gálvez"),
    ("President", "Gustavo Petro"),
    ("President", "Nayib Bukele"),
    ("opposition leader", "María Corina Machado"),
    ("Pentagon spokesperson", "Dana W. White"),
    ("Foreign Minister", "Mélanie Joly"),
    ("President", "Dina Boluarte"),
    # Oceania
    ("Prime Minister", "Fiamē Naomī Mataʻafa"),
    ("Prime Minister", "Sitiveni Rabuka"),
    ("Prime Minister", "James Marape"),
    ("Foreign Minister", "Penny Wong"),
    ("Prime Minister", "Chris Hipkins"),
    # Cyrillic, Greek
    ("President", "Кассым-Жомарт Токаев"),
    ("Prime Minister", "Κυριάκος Μητσοτάκης"),
]


def person_mentions(text):
    x = extract("Title\n\n" + text)
    people = {a.key: a for a in x.actors if a.kind == "person"}
    return {m.text: people[m.key] for m in x.mentions if m.key in people}


@pytest.mark.parametrize(("title", "name"), NAMES, ids=[n for _, n in NAMES])
def test_names_of_every_script_after_a_title(title, name):
    found = person_mentions(f"{title} {name} said on Monday that the talks would resume.")
    assert list(found) == [name]
    assert found[name].title == title


@pytest.mark.parametrize(("title", "name"), NAMES, ids=[n for _, n in NAMES])
def test_names_of_every_script_in_an_appositive(title, name):
    found = person_mentions(f"On Monday {name}, the country's foreign minister, said it.")
    assert list(found) == [name]
    assert found[name].title == "country's foreign minister"


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("Mevlüt Çavuşoğlu", "Mevlut Cavusoglu"),
        ("Radosław Sikorski", "Radoslaw Sikorski"),
        ("Søren Pape Poulsen", "Soren Pape Poulsen"),
        ("Đỗ Mười", "Do Muoi"),
        ("Kaïs Saïed", "Kais Saied"),
        ("Þórdís Gylfadóttir", "Thordis Gylfadottir"),
        ("Fiamē Naomī Mataʻafa", "Fiame Naomi Mata'afa"),
        ("Félix Tshisekedi", "Felix Tshisekedi"),
    ],
)
def test_one_key_with_and_without_diacritics(written, plain):
    def key(name):
        found = person_mentions(f"President {name} said the talks would resume.")
        return found[name].key

    assert key(written) == key(plain)
    # In one brief, the plain surname is a mention of the same person.
    found = person_mentions(f"President {written} arrived. {plain.split()[-1]} said it was time.")
    assert len({a.key for a in found.values()}) == 1


@pytest.mark.parametrize(
    ("text", "published", "name", "code", "affiliation", "title"),
    [
        # Phoenix: Hagel a senator (USAGOVLEG) until 2009, Secretary of Defense from 2013.
        ("Senator Chuck Hagel said the war was a mistake.", date(2005, 6, 1),
         "Chuck Hagel", "USAGOVLEG", "United States", "Senator"),
        ("Secretary Hagel said the mission was over.", date(2014, 8, 18),
         "Chuck Hagel", "USAGOVMIL", "United States", "Secretary"),
        # Phoenix: Panetta ran the CIA (USASPY) before the Pentagon (USAGOVMIL).
        ("Leon E. Panetta said the agency would cooperate.", date(2010, 3, 1),
         "Leon E. Panetta", "USASPY", "United States", None),
        ("Leon E. Panetta said the troops would stay.", date(2012, 3, 1),
         "Leon E. Panetta", "USAGOVMIL", "United States", None),
        # A lone surname after a title: the one person of that name in office that day.
        ("President Bush said North Korea must disarm.", date(2006, 10, 14),
         "George W. Bush", "USAGOV", "United States", "President"),
        ("President Bush said Iraq must leave Kuwait.", date(1990, 9, 1),
         "George Bush", "USAGOV", "United States", "President"),
        ("Foreign Minister Lavrov said the talks had failed.", date(2013, 5, 1),
         "Sergei Lavrov", "RUSGOV", "Russia", "Foreign Minister"),
        # Our own rows' dated roles: the title and the body too.
        ("Samantha Power said the council must act.", date(2015, 3, 1),
         "Samantha Power", "USAGOV", "United States", "ambassador to the UN"),
        ("Samantha Power said the agency would send aid.", date(2022, 3, 1),
         "Samantha Power", "USAGOV", "USAID", "Administrator"),
    ],
)  # fmt: skip
def test_roles_on_the_publication_date(text, published, name, code, affiliation, title):
    x = extract("Title\n\n" + text, published)
    by_key = {a.key: a for a in x.actors}
    person = next(a for a in x.actors if a.name == name)
    assert person.code == code
    assert by_key[person.affiliation].name == affiliation
    assert person.title == title


@pytest.mark.parametrize(
    ("text", "name", "title", "affiliation"),
    [
        ("Pentagon Press Secretary Rear Admiral John Kirby said the strikes went on.",
         "John Kirby", "Pentagon Press Secretary", "Pentagon"),
        ("Acting Minister of Defense Aleksandar Vučić said the army was ready.",
         "Aleksandar Vučić", "Acting Minister of Defense", "Serbia"),
        ("State Department spokesman Ned Price told reporters the deal was dead.",
         "Ned Price", "State Department spokesman", "U.S. State Department"),
        ("U.S. Ambassador Michael D. Kirby exercised his disaster assistance authority.",
         "Michael D. Kirby", "U.S. Ambassador", "United States"),
        ("U.N. Secretary-General Ban Ki-moon condemned the beating.",
         "Ban Ki-moon", "U.N. Secretary-General", "United Nations"),
        ("North Korean ambassador to UN Pak Kil-yon spoke after the vote.",
         "Pak Kil-yon", "North Korean ambassador to UN", "North Korea"),
        ("Gen. Abdourahamane Tchiani seized power in July.",
         "Abdourahamane Tchiani", "Gen.", None),
        ("COP28 President Sultan al-Jaber said a deal was close.",
         "Sultan al-Jaber", "President", None),
        ("Secretary of Defense Jim Mattis spoke by telephone with his counterpart.",
         "Jim Mattis", "Secretary of Defense", "United States"),
        ("Matthew Miller, Department Spokesperson\n\nThe Department of State condemns it.",
         "Matthew Miller", "Department Spokesperson", "U.S. State Department"),
        ("Statement by Kristalina Georgieva, European Commissioner for International "
         "Cooperation, Humanitarian Aid and Crisis Response, on funding\n\n"
         "The European Commission pledged more.",
         "Kristalina Georgieva",
         "European Commissioner for International Cooperation, Humanitarian Aid and Crisis "
         "Response", "European Commission"),
        ("Commenting on the violence, Alistair Burt, Foreign Office Minister for the Middle "
         "East, said: I am concerned.",
         "Alistair Burt", "Foreign Office Minister for the Middle East", "Foreign Office"),
        ("The Minister for Foreign Affairs and Trade, Charlie Flanagan TD, has welcomed the "
         "agreement. Ireland supported the talks.",
         "Charlie Flanagan", "Minister for Foreign Affairs and Trade", "Ireland"),
    ],
)  # fmt: skip
def test_titles_as_written(text, name, title, affiliation):
    found = infos(text)
    assert found[name].title == title
    by_key = {a.key: a.name for a in found.values()}
    assert by_key.get(found[name].affiliation) == affiliation


def test_a_title_before_a_name_is_that_person_not_an_office():
    found = infos(
        "The Minister for Foreign Affairs and Trade, Charlie Flanagan TD, has welcomed the "
        "agreement. Minister Flanagan said it was historic."
    )
    assert [a.name for a in found.values() if a.kind == "person"] == ["Charlie Flanagan"]


@pytest.mark.parametrize(
    ("published", "holder"),
    [(date(2017, 4, 27), "Theresa May"), (date(2021, 4, 27), "Boris Johnson")],
)
def test_an_unnamed_office_is_its_holder_on_the_publication_date(published, holder):
    found = infos(
        "The Prime Minister spoke to the President of Kenya Uhuru Kenyatta today. The UK and "
        "Kenya agreed to work together.",
        published,
    )
    assert found[holder].title == "Prime Minister"
    assert found["Uhuru Kenyatta"].title == "President of Kenya"


@pytest.mark.parametrize(
    ("source", "speaker"),
    [("The White House", "Barack Obama"), ("U.S. Department of State", "Barack Obama")],
)
def test_the_publishers_own_office_speaks(source, speaker):
    # A foreign president named in the body is not the one whose statement this is.
    x = extract(
        "Statement by the President on Senegal's Elections\n\nI congratulate Macky Sall on "
        "his victory. I also recognize President Abdoulaye Wade for his leadership.",
        date(2012, 3, 26),
        source=source,
    )
    names = {a.key: a.name for a in x.actors}
    assert speaker in names.values()
    assert {names[e.sources[0]] for e in x.events if e.sources} == {speaker}


def test_an_unnamed_office_is_its_holder_or_an_office_actor():
    found = infos(
        "Foreign Secretary William Hague made a statement. The UK welcomed the decision, "
        "the Foreign Secretary said."
    )
    hague = found["William Hague"]
    assert set(hague.aliases) == {"William Hague", "Foreign Secretary"}
    found = infos(
        "The Prime Minister welcomed President Lula da Silva to Downing Street. "
        "The UK and Brazil agreed to work together. The UK will act, the Prime Minister said."
    )
    office = found["Prime Minister"]
    assert (office.kind, office.title, office.affiliation) == ("person", "Prime Minister", "GBR")
    assert office.code == "GBRGOV"


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Iraqi forces have cleared the dam.", None,
         {"Iraqi forces": ("organization", "Iraq", "IRQMIL")}),
        ("Zimbabwe police broke up a rally. Police fired tear gas at the crowd.", None,
         {"Zimbabwean police": ("organization", "Zimbabwe", "ZWECOP")}),
        ("We call on the Belarusian authorities to release all detainees.", None,
         {"Belarusian authorities": ("organization", "Belarus", "BLRGOV")}),
        ("Killings were perpetrated by the authorities in Bangladesh.", None,
         {"Bangladeshi authorities": ("organization", "Bangladesh", "BGDGOV")}),
        ("We urge the Hong Kong authorities to drop the charges.", None,
         {"Hong Kong authorities": ("organization", "Hong Kong", "HKGGOV")}),
        ("The crisis is the result of corruption by the Maduro regime.", date(2018, 3, 20),
         {"Maduro regime": ("organization", "Venezuela", "VENGOV")}),
        ("Nepal is in crisis. Nepal's king took power. Protesters marched; police arrested "
         "them.", None,
         {"Nepali protesters": ("group", "Nepal", "NPLOPP"),
          "Nepali police": ("organization", "Nepal", "NPLCOP")}),
        ("Ukraine said pro-Russian separatists shelled the town. The separatists denied it.",
         None, {"Ukrainian separatists": ("group", "Ukraine", "UKRREB")}),
        # A named group's members are that group; a modifier is no agent.
        ("Hamas militants fired rockets at Israel.", None, {}),
        ("Sudan's army signed a truce. The army said the truce held.", None,
         {"Sudanese Army": ("organization", "Sudan", "SDNMIL")}),
    ],
)  # fmt: skip
def test_agent_actors(text, published, expected):
    x = extract("Title\n\n" + text, published)
    by_key = {a.key: a for a in x.actors}
    agents = {
        by_key[m.key].name
        for m in x.mentions
        if by_key[m.key].kind in ("organization", "group") and by_key[m.key].affiliation
        and by_key[by_key[m.key].affiliation].kind == "country"
    }  # fmt: skip
    got = {}
    for name in agents:
        a = next(a for a in x.actors if a.name == name)
        got[name] = (a.kind, by_key[a.affiliation].name, a.code)
    assert got == expected


def test_every_actor_carries_its_code_where_known():
    found = infos(
        "Russian Foreign Minister Sergei Lavrov met NATO and the World Food Programme in "
        "Geneva. Iraqi forces and the Taliban were discussed.",
        date(2014, 1, 10),
    )
    codes = {name: a.code for name, a in found.items()}
    assert codes["Russia"] == "RUS"
    assert codes["Sergei Lavrov"] == "RUSGOV"
    assert codes["NATO"] == "IGOWSTNAT"
    assert codes["World Food Programme"] == "IGOUNOWFP"
    assert codes["Iraqi forces"] == "IRQMIL"
    assert codes["Taliban"] == "AFGREB"


def test_surnames_resolve_within_a_brief():
    x = extract("Title\n\nJohn Kerry arrived. Kerry said the talks failed.")
    kerry = [m for m in x.mentions if m.key == "john-kerry"]
    assert [m.text for m in kerry] == ["John Kerry", "Kerry"]


def test_headline_words_are_not_actors():
    x = extract("The Suspension of Cooperation Over Aleppo\n\nRussia said no.")
    assert {a.name for a in x.actors} == {"Russia"}


def test_headline_names_the_brief_shares():
    x = extract(
        "Statement from Pentagon Press Secretary John Kirby\n\nIraqi forces cleared the dam."
    )
    kirby = next(a for a in x.actors if a.name == "John Kirby")
    assert kirby.title == "Pentagon Press Secretary"
    headline = next(m for m in x.mentions if m.key == kirby.key)
    assert headline.start < x.layout.zones[0][0]


def test_a_long_capitalized_token_stays_linear():
    """Abuse case: a name pattern tried at every letter of one 400 KB capitalized token took
    17 s (quadratic in the appositive rule); linear, the whole extraction takes about a
    second. The bound is generous: it only catches the quadratic."""
    import time

    from extract.appositives import appositive_people, reverse_appositive_people
    from extract.dictionary import load
    from extract.names import capitalized_runs

    start = time.perf_counter()
    extract("Title\n\n" + "A" * 400_000)
    assert time.perf_counter() - start < 8
    d, token = load(), "A" * 20_000 + ", the minister, said"  # 12 s for appositives alone
    start = time.perf_counter()
    for finder in (appositive_people, reverse_appositive_people, capitalized_runs):
        finder(token, d)
    assert time.perf_counter() - start < 1
