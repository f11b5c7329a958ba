"""Soak: hours of simulated fleet life under mixed faults and a rate limit; the store ends equal to the truth."""

import asyncio
from collections import Counter

from feed_harness import FeedRun, feed_settings
from smtui.query import JobQuery
from smtui.sim import Faults, Fleet, SimClock, SimServer
from sim_fixtures import T0

SPEED = 1800.0  # half an hour of fleet life per second
SECONDS = 20.0
CLIENT_RATE = 10.0


async def test_soak_under_mixed_faults_ends_equal_to_truth():
    fleet = Fleet(seed=29, jobs=3000, clock=SimClock(T0, speed=SPEED))
    faults = Faults(rate_limit=12.0, error_rate=0.03, stall=1.0, seed=5,
                    rates={"reset": 0.01, "not_json": 0.01, "stall": 0.01, "repeat_job": 0.02})
    server = SimServer(fleet, faults)
    await server.start()
    settings = feed_settings(server.url, JobQuery(max_items=0), rate=CLIENT_RATE, interval=0.3,
                             read_timeout=0.5, max_attempts=3, full_every=12.0)
    try:
        async with FeedRun(server, settings) as run:
            start_jobs = fleet.job_count()
            await asyncio.sleep(SECONDS)
            fleet.clock.set_speed(0)
            faults.rate_limit, faults.error_rate = None, 0.0
            faults.rates.clear()
            await run.next_success(timeout=30)
            await run.next_success(timeout=30)
            assert run.held() == run.truth()
            completed = run.feed.completed
    finally:
        await server.stop()
    simulated_hours = (fleet.now() - T0).total_seconds() / 3600
    assert simulated_hours >= 5
    assert fleet.job_count() - start_jobs > 300, "the fleet really changed"
    outcomes = Counter(outcome for _, _, outcome in server.log)
    assert sum(n for o, n in outcomes.items() if o != "ok") >= 5, outcomes
    assert completed["hot"] > completed["full"] > 0
    assert server.busiest_second() <= CLIENT_RATE + 1
