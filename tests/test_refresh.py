"""Hot-window refresh: after any number of cheap refreshes on a changing fleet, the store equals a full listing."""

import math

import pytest

from smtui.aws import Connection, open_client
from smtui.callstats import CallStats
from smtui.jobs import Job
from smtui.poller import Poller
from smtui.query import build_query
from smtui.refresh import Refresher
from smtui.sim import SimServer
from smtui.store import JobStore
from sim_fixtures import frozen_fleet

QUERIES = [
    {},
    {"name_contains": "llama"},
    {"status_equals": "Completed"},
    {"status_equals": "InProgress"},
    {"warm_pool_status_equals": "Available"},
    {"creation_time_after": "30h"},
    {"creation_time_before": "20h"},
    {"last_modified_time_before": "20h"},
    {"last_modified_time_after": "2h"},
    {"sort_by": "Name", "sort_order": "Ascending"},
]


def truth(fleet, query):
    now = fleet.now()
    jobs = [Job.from_summary(s) for s in fleet.truth(query.request(now))]
    if query.max_items:
        jobs = jobs[: query.max_items]
    return {j.name: j for j in jobs}


async def run_refreshes(fleet, query, rounds, step):
    server = SimServer(fleet)
    await server.start()
    stats = CallStats()
    store = JobStore()
    hot_calls = []
    try:
        async with open_client(Connection(endpoint_url=server.url, region="us-east-1", rate=0), stats) as client:
            refresher = Refresher(Poller(client, stats), store, query, clock=fleet.now)
            async for _ in refresher.refresh():
                pass
            assert {j.name: j for j in store} == truth(fleet, query)
            for _ in range(rounds):
                fleet.clock.advance(step)
                before = stats.calls
                async for applied in refresher.refresh():
                    pass
                hot_calls.append((applied.kind, stats.calls - before))
                assert {j.name: j for j in store} == truth(fleet, query)
    finally:
        await server.stop()
    return hot_calls, refresher


@pytest.mark.parametrize("inputs", QUERIES, ids=lambda q: ",".join(f"{k}={v}" for k, v in q.items()) or "all")
async def test_hot_refresh_equals_full_listing(inputs):
    fleet = frozen_fleet(seed=11, jobs=2500)
    query = build_query({**inputs, "max_items": 0})
    calls, _ = await run_refreshes(fleet, query, rounds=6, step=600)
    kinds = [k for k, _ in calls]
    # a query whose membership can change needs one unfiltered walk to learn what is active, then goes hot
    assert kinds[-4:] == ["hot"] * 4


async def test_hot_refresh_costs_the_window_not_the_account():
    fleet = frozen_fleet(seed=3, jobs=5000)
    query = build_query({"max_items": 0})
    calls, refresher = await run_refreshes(fleet, query, rounds=5, step=300)
    edge = refresher.boundary()
    window = sum(1 for s in fleet.summaries() if s["CreationTime"] >= edge)
    for kind, n in calls:
        assert kind == "hot"
        assert n <= math.ceil(window / 100) + 1
    assert max(n for _, n in calls) < 50  # a full listing is 50 calls


async def test_default_cap_keeps_the_newest():
    fleet = frozen_fleet(seed=5, jobs=3000)
    query = build_query({})
    assert query.max_items == 1000
    await run_refreshes(fleet, query, rounds=3, step=900)


async def test_a_status_filter_at_the_cap_learns_only_down_to_the_cap():
    fleet = frozen_fleet(seed=8, jobs=6000)
    query = build_query({"status_equals": "Completed", "max_items": 300})
    calls, _ = await run_refreshes(fleet, query, rounds=3, step=600)
    # the establishing walk stops at the oldest of the 300 newest Completed jobs, not at the end of 6,000
    assert calls[0][1] < 15, calls
    assert [kind for kind, _ in calls] == ["hot"] * 3
