"""Time inputs: ISO 8601 and durations."""

from datetime import datetime, timedelta, timezone

import pytest

from smtui.timeparse import TimeInputError, iso, parse_duration, parse_time


@pytest.mark.parametrize("text, seconds", [("90m", 5400), ("12h", 43200), ("7d", 604800), ("1h30m", 5400),
                                           ("2w", 1209600), ("45s", 45), ("1D", 86400)])
def test_durations(text, seconds):
    assert parse_duration(text) == timedelta(seconds=seconds)
    assert parse_time(text).ago == timedelta(seconds=seconds)


@pytest.mark.parametrize("text, expected", [
    ("2026-12-01", datetime(2026, 12, 1, tzinfo=timezone.utc)),
    ("2026-12-01T09:30Z", datetime(2026, 12, 1, 9, 30, tzinfo=timezone.utc)),
    ("2026-12-01T09:30:00+02:00", datetime(2026, 12, 1, 7, 30, tzinfo=timezone.utc)),
])
def test_iso_times_are_utc(text, expected):
    assert parse_time(text).absolute == expected


@pytest.mark.parametrize("text", ["", "soon", "7x", "-3d", "2026-13-01"])
def test_rejects_other_text(text):
    with pytest.raises(TimeInputError):
        parse_time(text)


def test_iso_output():
    assert iso(datetime(2026, 12, 1, tzinfo=timezone.utc)) == "2026-12-01T00:00:00Z"
    assert iso(None) is None
