"""RefreshSchedule: the interval backs off on failures, with jitter, and comes back on success."""

import random

from smtui.schedule import MAX_BACKOFF, RefreshSchedule


def test_backs_off_with_jitter_and_recovers():
    s = RefreshSchedule(interval=10.0, rng=random.Random(1))
    assert s.delay() == 10.0 and not s.backing_off
    delays = []
    for _ in range(6):
        s.failed()
        delays.append(s.delay())
        assert s.delay() == delays[-1]  # one draw per failure: the countdown shown does not jump
    assert s.backing_off
    for n, d in enumerate(delays, start=1):
        base = min(MAX_BACKOFF, 10.0 * 2 ** n)
        assert base / 2 <= d <= base
    assert len({round(d, 6) for d in delays}) == len(delays)  # jittered, so clients do not pulse together
    assert max(delays) <= MAX_BACKOFF
    s.succeeded()
    assert s.delay() == 10.0 and not s.backing_off


def test_interval_changes_stay_within_bounds():
    s = RefreshSchedule(interval=10.0)
    assert s.change_interval(1.5) == 15.0
    for _ in range(20):
        s.change_interval(0.5)
    assert s.interval == 2.0
    for _ in range(20):
        s.change_interval(3)
    assert s.interval == 600.0
