"""Dates: expression -> (ISO date, precision), against a publication date."""

from __future__ import annotations

from datetime import date

import pytest

from extract.dates import find_dates

PUB = date(2016, 10, 3)  # Monday


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("said Monday", "2016-10-03", "day"),
        ("on Friday", "2016-09-30", "day"),
        ("last Monday", "2016-09-26", "day"),
        ("last week", "2016-09-26", "week"),
        ("this week", "2016-10-03", "week"),
        ("last month", "2016-09-01", "month"),
        ("in March", "2016-03-01", "month"),
        ("in November", "2015-11-01", "month"),
        ("September 19", "2016-09-19", "day"),
        ("19 September 2014", "2014-09-19", "day"),
        ("Aug. 3, 2018", "2018-08-03", "day"),
        ("in 2014", "2014-01-01", "year"),
        ("last year", "2015-01-01", "year"),
        ("yesterday", "2016-10-02", "day"),
        ("a week after", "2016-09-26", "day"),
        ("two months ago", "2016-08-03", "month"),
    ],
)
def test_date_table(text, value, precision):
    (d,) = find_dates(text, PUB)
    assert (d.value.isoformat(), d.precision) == (value, precision)


@pytest.mark.parametrize(
    "text", ["by 2050", "until March", "May said", "five years", "no date here"]
)
def test_not_dates(text):
    assert find_dates(text, PUB) == []


def test_no_publication_date():
    assert find_dates("on Monday", None) == []
