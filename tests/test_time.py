"""Time: instants order by the instant whatever offset they were written in; a bare day is the start of
that day in the site's time zone; wall-clock times the site's zone skipped or showed twice are refused."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from generator.core.dates import DAY, INSTANT, NO_DATE_SORT_KEY, DateError, When, parse_when

from conftest import MINIMAL, check

NEW_YORK = ZoneInfo("America/New_York")
UTC = UTC


def _site_zone(tmp_path, name: str = "America/New_York") -> None:
    (tmp_path / "site_config/archive.yml").write_text(f"title: T\ntimezone: {name}\n", encoding="utf-8")


# --- check: spans compare by the instant ---------------------------------------


def test_end_six_hours_after_start_in_another_offset_is_accepted(content):
    content("""
--- events/e.yaml
title: E
start: 2020-01-07T01:00:00+01:00
end: 2020-01-06T20:00:00-10:00
--- people/p.yaml
name: P
roles:
  - title: Envoy
    start: 2020-01-07T01:00:00+01:00
    end: 2020-01-06T20:00:00-10:00
""")
    assert check() == (0, ["2 records checked, no problems."])


def test_end_before_start_in_another_offset_is_refused(content):
    content("""
--- events/e.yaml
title: E
start: 2020-01-06T23:00:00-05:00
end: 2020-01-07T01:00:00+00:00
""")
    assert check() == (1, [
        "content/events/e.yaml:3:6: end: '2020-01-07T01:00:00+00:00' is before start '2020-01-06T23:00:00-05:00'; "
        "the end must be on or after the start",
        "1 problem in 1 file (1 records checked).",
    ])


def test_a_day_as_end_lasts_the_whole_day_in_the_site_zone(content, tmp_path):
    _site_zone(tmp_path)
    content("""
--- events/same-day.yaml
title: Ends the day it started
start: 2020-01-06T16:09:00-05:00
end: 2020-01-06
--- events/day-then-time.yaml
title: Starts on a day, ends at a time that day
start: 2020-01-06
end: 2020-01-06T00:00:00-05:00
--- events/too-early.yaml
title: Ends before the day of its start
start: 2020-01-07T00:30:00-05:00
end: 2020-01-06
""")
    assert check()[1] == [
        "content/events/too-early.yaml:3:6: end: '2020-01-06' is before start '2020-01-07T00:30:00-05:00'; the end "
        "must be on or after the start",
        "1 problem in 1 file (3 records checked).",
    ]


# --- check: wall-clock times the site's zone skipped or showed twice ------------


def test_a_time_the_clocks_skipped_is_refused(content, tmp_path):
    _site_zone(tmp_path)
    content(MINIMAL + """
--- updates/u.yaml
article: dc-letter
at: 2020-03-08T02:30
text: t
""")
    assert check() == (1, [
        "content/updates/u.yaml:2:5: at: '2020-03-08T02:30' does not exist in America/New_York: the clocks jumped "
        "from -05:00 to -04:00; write the UTC offset the source meant, e.g. '2020-03-08T02:30-05:00' or "
        "'2020-03-08T02:30-04:00'",
        "1 problem in 1 file (5 records checked).",
    ])


def test_a_time_the_clocks_showed_twice_is_refused(content, tmp_path):
    _site_zone(tmp_path)
    content(MINIMAL + """
--- quotes/q.yaml
text: t
speaker: mark-esper
said: 2020-11-01 01:30:00
""")
    assert check() == (1, [
        "content/quotes/q.yaml:3:7: said: '2020-11-01 01:30:00' happened twice in America/New_York: the clocks "
        "went back from -04:00 to -05:00; write the UTC offset the source meant, e.g. '2020-11-01 01:30:00-04:00' "
        "(the first time) or '2020-11-01 01:30:00-05:00' (the second)",
        "1 problem in 1 file (5 records checked).",
    ])


def test_the_same_times_with_an_offset_or_outside_the_change_are_accepted(content, tmp_path):
    _site_zone(tmp_path)
    content(MINIMAL + """
--- updates/a.yaml
article: dc-letter
at: 2020-03-08T02:30-05:00
text: t
--- updates/b.yaml
article: dc-letter
at: 2020-11-01T01:30-04:00
text: t
--- updates/c.yaml
article: dc-letter
at: 2020-11-01T02:30
text: t
--- updates/d.yaml
article: dc-letter
at: 2020-03-08T03:30
text: t
""")
    assert check() == (0, ["8 records checked, no problems."])


def test_dates_beyond_what_utc_can_hold_are_refused(content):
    content(MINIMAL + """
--- updates/u.yaml
article: dc-letter
at: 9999-12-31T23:00:00-05:00
text: t
""")
    assert check()[1][0] == ("content/updates/u.yaml:2:5: at: '9999-12-31T23:00:00-05:00' is out of range: dates "
                             "must fall within the years 1 to 2105 in UTC")


# --- the When API -------------------------------------------------------------


def test_sort_key_and_sort_text():
    day = parse_when("2020-01-06", NEW_YORK)
    moment = parse_when("2020-01-06T16:09:00-05:00", NEW_YORK)
    assert day.sort_key == (int(datetime(2020, 1, 6, 5, tzinfo=UTC).timestamp()) * 10**6, DAY)
    assert moment.sort_key == (int(datetime(2020, 1, 6, 21, 9, tzinfo=UTC).timestamp()) * 10**6, INSTANT)
    assert day.sort_text == "2020-01-06T05:00:00.000000Z0"
    assert moment.sort_text == "2020-01-06T21:09:00.000000Z1"
    assert parse_when("2020-01-06").sort_text == "2020-01-06T00:00:00.000000Z0"  # no site zone: UTC
    assert parse_when("0001-01-01").sort_text == "0001-01-01T00:00:00.000000Z0"
    assert (day.display, moment.display, moment.iso) == (
        "6 January 2020", "6 January 2020, 4:09 p.m. UTC−05:00", "2020-01-06T16:09:00-05:00")


def test_no_date_sorts_after_every_date():
    assert parse_when("2105-12-31T23:59:59.999999+00:00").sort_key < NO_DATE_SORT_KEY
    assert parse_when("2105-12-31", ZoneInfo("Pacific/Pago_Pago")).sort_key < NO_DATE_SORT_KEY


def test_a_day_the_clocks_jumped_into_starts_at_the_jump():
    # Santiago skipped from 24:00 to 01:00 on 8 September 2019: the day began at 01:00-03:00
    day = parse_when("2019-09-08", ZoneInfo("America/Santiago"))
    assert day.sort_text == "2019-09-08T04:00:00.000000Z0"


def test_when_built_by_hand_still_works():
    moment = datetime(2020, 1, 6, 16, 9, tzinfo=NEW_YORK)
    assert When("x", moment).sort_key == (int(moment.timestamp()) * 10**6, INSTANT)
    assert When("x", date(2020, 1, 6)).sort_text == "2020-01-06T00:00:00.000000Z0"


def test_offsets_with_seconds_are_suggested_and_read():
    amsterdam = ZoneInfo("Europe/Amsterdam")  # Amsterdam summer time was +01:19:32 until 1 July 1937
    with pytest.raises(DateError) as error:
        parse_when("1937-07-01T00:00:10", amsterdam)
    assert str(error.value) == (
        "'1937-07-01T00:00:10' does not exist in Europe/Amsterdam: the clocks jumped from +01:19:32 to +01:20; "
        "write the UTC offset the source meant, e.g. '1937-07-01T00:00:10+01:19:32' or '1937-07-01T00:00:10+01:20'")
    assert parse_when("1937-07-01T00:00:10+01:19:32", amsterdam).sort_text == "1937-06-30T22:40:38.000000Z1"


# --- properties ----------------------------------------------------------------

MOMENTS = st.datetimes(min_value=datetime(1800, 1, 1), max_value=datetime(2105, 12, 30))
OFFSETS = st.integers(-14 * 60 + 1, 14 * 60 - 1).map(lambda m: timezone(timedelta(minutes=m)))
ZONES = st.timezones()


@st.composite
def instants(draw) -> When:
    """An aware datetime written with a random UTC offset, or in a random named zone."""
    naive = draw(MOMENTS)
    if draw(st.booleans()):
        moment = naive.replace(tzinfo=draw(OFFSETS))
        return parse_when(moment.isoformat())
    moment = naive.replace(tzinfo=draw(ZONES), fold=draw(st.integers(0, 1)))
    return When(moment.isoformat(), moment)


@st.composite
def days(draw) -> When:
    zone = draw(ZONES)
    return parse_when(draw(st.dates(date(1800, 1, 2), date(2105, 12, 30))).isoformat(), zone)


def _instant(when: When) -> datetime:
    return when.value.astimezone(UTC)  # type: ignore[union-attr]


@settings(max_examples=500, deadline=None)
@given(instants(), instants())
def test_sort_key_orders_like_the_instant(a, b):
    assert (a.sort_key < b.sort_key) == (_instant(a) < _instant(b))
    assert (a.sort_key == b.sort_key) == (_instant(a) == _instant(b))


@settings(max_examples=500, deadline=None)
@given(st.one_of(instants(), days()), st.one_of(instants(), days()))
def test_sort_text_orders_like_sort_key(a, b):
    assert (a.sort_text < b.sort_text) == (a.sort_key < b.sort_key)
    assert (a.sort_text == b.sort_text) == (a.sort_key == b.sort_key)


def _local_date_never_goes_back(zone, day: date) -> bool:
    """False for the rare zones whose clocks went back over midnight near `day` (a day then has
    instants after the next day has begun): no order can put a day between its neighbours there."""
    start = datetime.combine(day - timedelta(days=2), time(), tzinfo=UTC)
    hours = [(start + timedelta(minutes=30 * i)).astimezone(zone).date() for i in range(8 * 48)]
    return hours == sorted(hours)


@settings(max_examples=500, deadline=None)
@given(days(), st.times(), st.integers(0, 1), st.integers(0, 1))
def test_a_day_sorts_between_the_instants_of_its_neighbours(day, at, fold, previous):
    zone = day.zone
    assume(_local_date_never_goes_back(zone, day.day))
    wall = datetime.combine(day.day - timedelta(days=previous), at).replace(tzinfo=zone, fold=fold)
    real = wall.astimezone(UTC).astimezone(zone)
    assume(real.replace(tzinfo=None) == wall.replace(tzinfo=None))  # a time the clocks really showed
    moment = When(wall.isoformat(), wall)
    if previous:
        assert moment.sort_key < day.sort_key
        assert moment.sort_text < day.sort_text
    else:
        assert day.sort_key < moment.sort_key
        assert day.sort_text < moment.sort_text
        assert day.last_key >= moment.sort_key


@pytest.mark.parametrize("name", ["America/New_York", "America/Santiago", "America/Havana", "Asia/Tehran",
                                  "Australia/Lord_Howe", "Europe/Budapest", "Pacific/Apia", "Asia/Gaza"])
def test_days_around_every_clock_change_of_2010_to_2022(name):
    """Where the clocks change (at midnight too, by half an hour, or a whole day skipped), a day still
    sorts after every instant shown on the day before and before every instant shown on that day."""
    zone = ZoneInfo(name)
    checked = 0
    for ordinal in range(date(2010, 1, 2).toordinal(), date(2022, 12, 31).toordinal()):
        day = date.fromordinal(ordinal)
        noon = datetime.combine(day, time(12)).replace(tzinfo=zone)
        if (noon - timedelta(days=1)).utcoffset() == (noon + timedelta(days=1)).utcoffset():
            continue  # no change near this day
        when = parse_when(day.isoformat(), zone)
        for quarter in range(-96, 96):
            wall = datetime.combine(day, time()) + timedelta(minutes=15 * quarter)
            for fold in (0, 1):
                moment = wall.replace(tzinfo=zone, fold=fold)
                if moment.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall:
                    continue  # the clocks skipped it
                key = When(moment.isoformat(), moment).sort_key
                assert key < when.sort_key if wall.date() < day else when.sort_key < key <= when.last_key
        checked += 1
    assert checked >= 10
