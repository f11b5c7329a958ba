"""Pause and resume, details, help, the warm-pool panel against the simulator's truth, and failures."""

from __future__ import annotations

import asyncio

import pytest
from ui_support import make_app, make_fleet, settled, wait_for

from smtui.jobs import Job
from smtui.ui.details_screen import DetailsScreen
from smtui.ui.help_screen import HelpScreen
from smtui.warmpool import summarize


FLEET_JOBS = 120
"""Jobs in the fleet the ui_sim fixture serves."""


def screen_text(app) -> str:
    """The visible screen as plain text."""
    return "\n".join("".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips())


def line(app) -> str:
    return str(app.status_line.line())


async def test_pause_and_resume(ui_sim):
    fleet, server, recorder = ui_sim
    app = make_app(server.url, fleet, interval=0.3)
    async with app.run_test(size=(160, 45)) as pilot:
        await settled(pilot, quiet=0.05)
        await pilot.press("p")
        assert app.feed.paused and "paused" in line(app)
        await asyncio.sleep(0.4)  # a sleep already under way when paused may end in one last refresh
        await wait_for(pilot, lambda: app.feed.refreshing is None)
        count = len(recorder.requests)
        await asyncio.sleep(1.0)  # three intervals
        await pilot.pause()
        assert len(recorder.requests) == count
        await pilot.press("p")
        assert not app.feed.paused
        await wait_for(pilot, lambda: len(recorder.requests) > count, what="a refresh after resume")
        await wait_for(pilot, lambda: "live" in line(app), what="live")


async def test_status_line_and_interval_keys(ui_sim):
    fleet, server, _ = ui_sim
    app = make_app(server.url, fleet, interval=10)
    async with app.run_test(size=(160, 45)) as pilot:
        await settled(pilot)
        text = line(app)
        assert " 120 shown / 120 listed" in text and "updated just now" in text and "next in" in text
        assert "0 throttled" in text and "● live 10s" in text
        await pilot.press("plus")
        assert app.feed.schedule.interval == 15
        await pilot.press("minus", "minus")
        assert app.feed.schedule.interval < 10


async def test_details_and_back(ui_sim):
    fleet, server, _ = ui_sim
    app = make_app(server.url, fleet)
    async with app.run_test(size=(160, 45)) as pilot:
        await settled(pilot)
        for _ in range(3):
            await pilot.press("down")
        name = app.table.cursor_name()
        truth = fleet.describe(name)
        await pilot.press("enter")
        assert isinstance(app.screen, DetailsScreen) and app.screen.job_name == name
        await wait_for(pilot, lambda: app.screen.description is not None, what="the description")
        await pilot.pause()
        assert app.screen.description["TrainingJobName"] == name
        text = screen_text(app)
        assert name in text and truth["ResourceConfig"]["InstanceType"] in text
        assert "Timeline" in text and "Hyperparameters" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, DetailsScreen)
        assert app.table.cursor_name() == name


async def test_help_pauses_polling_while_open(ui_sim):
    fleet, server, _ = ui_sim
    app = make_app(server.url, fleet)
    async with app.run_test(size=(160, 45)) as pilot:
        await settled(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert app.feed.paused
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen) and not app.feed.paused
        await pilot.press("p", "question_mark", "escape")  # paused by the user stays paused
        assert app.feed.paused


async def test_warm_pool_panel_matches_the_simulator(ui_sim):
    fleet, server, _ = ui_sim
    app = make_app(server.url, fleet, interval=0.2)
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_for(pilot, lambda: app.loaded, what="the first refresh")
        truth = [Job.from_summary(s) for s in fleet.truth({})]
        pooled = [j for j in truth if j.warm_pool_status]
        assert pooled
        await wait_for(pilot, lambda: set(app.feed.descriptions) >= {j.name for j in pooled},
                       what="every warm-pool job described")
        app.update_pools()
        descriptions = {j.name: fleet.describe(j.name) for j in pooled}
        now = fleet.clock.now()
        expected = summarize(truth, descriptions, now)
        got = app.pools.summary
        assert got.groups == expected.groups
        assert got.total_billable == sum(j.warm_pool_billable_seconds or 0 for j in pooled)
        assert got.total_instance_seconds == sum(
            (j.warm_pool_billable_seconds or 0) * descriptions[j.name]["ResourceConfig"]["InstanceCount"]
            for j in pooled)
        assert got.reused == expected.reused
        for pool in got.available:
            desc = descriptions[pool.name]
            end = desc["TrainingEndTime"]
            left = desc["ResourceConfig"]["KeepAlivePeriodInSeconds"] - (now - end).total_seconds()
            assert pool.seconds_left == pytest.approx(max(0, left), abs=1)
        assert app.pools.samples


async def test_unreachable_endpoint_goes_to_the_status_line():
    fleet = make_fleet(jobs=5)
    app = make_app("http://127.0.0.1:9", fleet)
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_for(pilot, lambda: app.status_line.status and app.status_line.status.last_error,
                       timeout=20, what="an error")
        text = line(app)
        assert "STALE" in text
        assert app.table.row_count == 0
