"""Examples in the spec, taken from the seed brief as the API returns it."""

DOCUMENT = {
    "id": 1,
    "title": "The Suspension of U.S.-Russian Cooperation in Syria",
    "subtitle": "The U.S. said Russia has failed to live up to its agreement to allow aid workers into Aleppo.",
    "kicker": "NEWS BRIEF",
    "section": "NEWS BRIEF",
    "source": "The Atlantic",
    "url": None,
    "published_at": "2016-10-03",
    "language": "en",
    "created_at": "2026-11-28T01:31:56.102122+00:00",
    "updated_at": "2026-11-28T01:31:56.102128+00:00",
    "text": "The Suspension of U.S.-Russian Cooperation in Syria\n\nThe U.S. said Russia has failed to live up to its agreement to allow aid workers into Aleppo.\n\nA boy walks amid damaged buildings in the rebel held area of al-Kalaseh neighbourhood of Aleppo.\nAbdalrhman Ismail / Reuters\n\nNEWS BRIEF The U.S. State …",
    "paragraphs": [
        {
            "index": 0,
            "kind": "paragraph",
            "text": "The U.S. State Department said Monday the U.S. was suspending bilateral talks with Russia over the situation in Aleppo, Syria.",
            "start": 285,
            "end": 411,
        },
        {
            "index": 1,
            "kind": "paragraph",
            "text": "Here’s more from its statement:",
            "start": 413,
            "end": 444,
        },
    ],
    "media": [
        {
            "caption": "A boy walks amid damaged buildings in the rebel held area of al-Kalaseh neighbourhood of Aleppo.",
            "credit": "Abdalrhman Ismail / Reuters",
            "photographer": "Abdalrhman Ismail",
            "agency": "Reuters",
        }
    ],
    "metadata": {
        "note": "Publication date inferred from the text: the State Department statement it reports was issued on Monday, 3 October 2016."
    },
    "content_hash": "ccb384697f0f0fd63a7a618070413c3ca2a4da9418d16483dad886ac542a71b8",
}

# A list item is the detail without text, paragraphs, media, metadata and hash.
DOCUMENT_ITEM = {
    k: v
    for k, v in DOCUMENT.items()
    if k not in ("text", "paragraphs", "media", "metadata", "content_hash")
}

EVENT = {
    "id": 2,
    "document_id": 1,
    "type": "SANCTION",
    "mode": "withdraw",
    "cameo": "164",
    "status": "reported",
    "trigger": "suspending bilateral talks",
    "start": 336,
    "end": 362,
    "sentence_start": 285,
    "sentence_end": 411,
    "date": "2016-10-03",
    "date_precision": "day",
    "date_text": "Monday",
    "location": "Aleppo",
    "place": {"id": 1, "name": "Aleppo"},
    "geo_precision": "city",
    "country_code": "SY",
    "latitude": 36.20124,
    "longitude": 37.16117,
    "confidence": 0.85,
    "sources": [{"id": 3, "name": "United States", "kind": "country"}],
    "targets": [{"id": 1, "name": "Russia", "kind": "country"}],
    "sentence": "The U.S. State Department said Monday the U.S. was suspending bilateral talks with Russia over the situation in Aleppo, Syria.",
    "updated_at": "2026-11-28T01:31:56.140417+00:00",
}

PLACE = {
    "id": 1,
    "name": "Aleppo",
    "country_code": "SY",
    "admin1": "Aleppo",
    "latitude": 36.20124,
    "longitude": 37.16117,
    "feature": "city",
    "geonames_id": 170063,
    "aliases": ["Aleppo"],
}

QUOTE = {
    "id": 7,
    "document_id": 1,
    "speaker": {"id": 10, "name": "Samantha Power", "kind": "person"},
    "kind": "indirect",
    "cue": "said",
    "text": "the bombings destroyed three out of four centers used by the White Helmets, a volunteer emergency-services groups that pulls injured citizens from bombed buildings",
    "start": 1934,
    "end": 2097,
    "confidence": 0.9,
    "updated_at": "2026-11-28T01:31:56.135940+00:00",
}

ACTOR = {
    "id": 7,
    "name": "John Kerry",
    "kind": "person",
    "title": "Secretary of State",
    "code": None,
    "aliases": ["John Kerry"],
    "affiliation": {"id": 3, "name": "United States", "kind": "country"},
    "created_at": "2026-11-28T01:31:56.111444+00:00",
    "updated_at": "2026-11-28T01:31:56.122984+00:00",
}

NETWORK = {
    "actor": {"id": 2, "name": "Syria", "kind": "country"},
    "nodes": [
        {"id": 2, "name": "Syria", "kind": "country"},
        {"id": 3, "name": "United States", "kind": "country"},
        {"id": 4, "name": "Russia", "kind": "country"},
    ],
    "edges": [
        {"source": 3, "target": 2, "type": "ACCUSE", "relation": "acted_on", "count": 2},
        {"source": 2, "target": 4, "type": "ASSAULT", "relation": "co_source", "count": 1},
        {"source": 3, "target": 2, "type": "ASSAULT", "relation": "acted_on", "count": 1},
    ],
    "unpaired": [{"role": "source", "type": "ASSAULT", "count": 1}],
}

STATS = [
    {"group": "ASSAULT", "count": 5},
    {"group": "ACCUSE", "count": 4},
    {"group": "SANCTION", "count": 2},
]
