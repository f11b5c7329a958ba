"""The feed's schedule: commands given during a refresh are not lost; pause holds; interval changes cost no call."""

import asyncio

from feed_harness import FeedRun, feed_settings
from sim_fixtures import frozen_fleet
from smtui.query import JobQuery
from smtui.sim import SimServer


async def served(jobs):
    server = SimServer(frozen_fleet(seed=17, jobs=jobs))
    await server.start()
    requests = []
    inner = server.fleet.list_training_jobs

    def record(params, **kw):
        requests.append(dict(params))
        return inner(params, **kw)

    server.fleet.list_training_jobs = record
    return server, requests


async def test_query_change_during_a_refresh_lists_the_new_query_at_once():
    server, requests = await served(3000)
    try:
        settings = feed_settings(server.url, rate=20, interval=60)
        async with FeedRun(server, settings) as run:
            await run.until(lambda: len(requests) >= 5)  # the first full listing is under way
            run.feed.set_query(JobQuery(name_contains="llama", max_items=0))
            await run.until(lambda: any(r.get("NameContains") == "llama" for r in requests), timeout=5)
            await run.until(lambda: run.feed.refreshing is None and run.successes() >= 1, timeout=15)
            assert run.held() == run.truth()
    finally:
        await server.stop()


async def test_pause_holds_and_interval_changes_cost_no_call():
    server, requests = await served(300)
    try:
        async with FeedRun(server, feed_settings(server.url, interval=0.3)) as run:
            await run.until(lambda: run.successes() >= 2)
            run.feed.pause()
            await run.until(lambda: run.feed.refreshing is None)
            held = len(requests)
            await asyncio.sleep(1.0)
            assert len(requests) == held  # paused: the timer sends nothing
            run.feed.change_interval(2)
            run.feed.change_interval(2)
            await asyncio.sleep(0.3)
            assert len(requests) == held and run.feed.schedule.interval == 4.0  # 0.3 -> 2 (the floor) -> 4
            run.feed.resume()
            await run.until(lambda: len(requests) > held)
    finally:
        await server.stop()
