"""Time inputs: ISO 8601 instants or durations back from now (90m, 12h, 7d, 1h30m)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_DURATION = re.compile(r"(?:(\d+)\s*([smhdw]))", re.IGNORECASE)
_DURATION_WHOLE = re.compile(r"^\s*(?:\d+\s*[smhdw]\s*)+$", re.IGNORECASE)


class TimeInputError(ValueError):
    """A time input that is neither an ISO 8601 time nor a duration."""


@dataclass(frozen=True)
class TimeSpec:
    """A bound on a time: an absolute instant, or a duration back from 'now' that slides with the clock."""

    absolute: datetime | None = None
    ago: timedelta | None = None
    text: str = ""

    def resolve(self, now: datetime) -> datetime:
        """The instant this spec names at the given now."""
        if self.absolute is not None:
            return self.absolute
        assert self.ago is not None
        return now - self.ago

    def __str__(self) -> str:
        return self.text


def parse_duration(text: str) -> timedelta | None:
    """A duration like 90m, 12h, 7d or 1h30m, or None when text is not one."""
    if not _DURATION_WHOLE.match(text):
        return None
    seconds = sum(int(n) * _UNITS[u.lower()] for n, u in _DURATION.findall(text))
    return timedelta(seconds=seconds)


def parse_time(text: str) -> TimeSpec:
    """Parse an ISO 8601 time (naive means UTC) or a duration back from now."""
    text = text.strip()
    ago = parse_duration(text)
    if ago is not None:
        return TimeSpec(ago=ago, text=text)
    try:
        instant = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise TimeInputError(
            f"{text!r} is not a time: use ISO 8601 (2026-12-01 or 2026-12-01T09:30Z) "
            "or a duration back from now (90m, 12h, 7d)."
        ) from None
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=timezone.utc)
    return TimeSpec(absolute=instant.astimezone(timezone.utc), text=text)


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(timezone.utc)


def iso(instant: datetime | None) -> str | None:
    """ISO 8601 in UTC with a Z, or None."""
    if instant is None:
        return None
    return instant.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
