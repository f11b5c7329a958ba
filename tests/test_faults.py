"""Every fault the network and AWS produce: the feed keeps the last good data, says what is wrong, and recovers."""

import pytest

from feed_harness import FeedRun, feed_settings
from sim_fixtures import frozen_fleet
from smtui.sim import Faults, SimServer


@pytest.fixture
async def server():
    srv = SimServer(frozen_fleet(seed=13, jobs=350), Faults(seed=2))
    await srv.start()
    yield srv
    await srv.stop()


def set_rate(kind):
    return lambda f: f.rates.__setitem__(kind, 1.0)


FAULTS = {
    "throttling storm": (lambda f: setattr(f, "rate_limit", 0.02), "throttling", False),
    "http 500 and 503": (lambda f: setattr(f, "error_rate", 1.0), "SageMaker answered", False),
    "read timeout": (set_rate("stall"), "did not answer in time", False),
    "connection reset": (set_rate("reset"), "", False),
    "body not json": (set_rate("not_json"), "no TrainingJobSummaries", False),
    "no summaries": (set_rate("no_summaries"), "no TrainingJobSummaries", False),
    "expired token": (set_rate("expired_token"), "session token has expired", True),
    "access denied": (set_rate("access_denied"), "Access denied", True),
    "next token rejected": (set_rate("reject_token"), "Invalid pagination token", False),
}


def clear(faults):
    faults.rate_limit, faults.error_rate = None, 0.0
    faults.rates.clear()
    faults.once.clear()


@pytest.mark.parametrize("name", FAULTS)
async def test_fault_keeps_data_says_why_and_recovers(server, name):
    inject, fragment, credentials = FAULTS[name]
    server.faults.stall = 1.5
    settings = feed_settings(server.url, read_timeout=0.4, max_attempts=2)
    async with FeedRun(server, settings) as run:
        await run.until(lambda: run.successes() >= 1)
        good = run.held()
        assert len(good) == 350
        inject(server.faults)
        server.fleet.clock.advance(900)  # the fleet moves on while the calls fail
        await run.until(lambda: run.failures(), timeout=15)
        failure = run.failures()[-1]
        assert fragment in failure.message and "\n" not in failure.message
        assert failure.credentials == credentials
        assert "Traceback" not in failure.message and "testing" not in failure.message
        assert run.held().keys() >= good.keys() - run.truth().keys() or len(run.held()) >= len(good) - 5
        assert len(run.held()) >= 340  # nothing blanked
        assert run.feed.status().last_error == failure.message
        clear(server.faults)
        await run.next_success(timeout=30)
        await run.next_success(timeout=30)
        assert run.held() == run.truth()
        assert run.feed.status().last_error is None


async def test_repeated_job_and_clock_skew_are_absorbed(server):
    server.faults.rates.update(repeat_job=1.0)
    async with FeedRun(server, feed_settings(server.url)) as run:
        await run.until(lambda: run.successes() >= 1)
        assert run.held() == run.truth()
        server.faults.rates.update(repeat_job=0.0, clock_skew=1.0)
        server.fleet.clock.advance(300)
        await run.next_success()
        future = [j for j in run.held().values() if j.creation_time > server.fleet.now()]
        assert future, "skewed times are shown as they came"
        assert not run.failures()


async def test_interrupted_listing_never_removes_jobs_not_reached(server):
    async with FeedRun(server, feed_settings(server.url, max_attempts=1)) as run:
        await run.until(lambda: run.successes() >= 1)
        before = run.held()
        server.faults.arm("reject_token", 5)  # page 2 onwards of the next full listings fail
        run.feed.refresh_now(full=True)
        await run.until(lambda: run.failures())
        assert run.held() == before
        clear(server.faults)


async def test_connection_refused_then_back(server):
    async with FeedRun(server, feed_settings(server.url, max_attempts=1)) as run:
        await run.until(lambda: run.successes() >= 1)
        before = run.held()
        port = int(server.url.rsplit(":", 1)[1])
        await server.stop()
        await run.until(lambda: run.failures(), timeout=15)
        assert "Cannot connect to" in run.failures()[-1].message
        assert run.held() == before
        await server.start(port)
        await run.next_success(timeout=30)
        assert run.held() == run.truth()


async def test_retries_never_exceed_the_configured_rate(server):
    server.faults.error_rate = 0.5
    async with FeedRun(server, feed_settings(server.url, rate=8, max_attempts=4, interval=0.05)) as run:
        await run.until(lambda: len(server.log) >= 40, timeout=20)
    assert server.busiest_second() <= 9  # at most rate calls in any second (+1 for the window's edge)
    failed = [o for _, _, o in server.log if o != "ok"]
    assert failed, "the fault was exercised"
