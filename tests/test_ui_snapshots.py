"""Snapshots of the main screen and the details (fixed seed, frozen simulator clock, feed paused after its first refresh)."""

from __future__ import annotations

import pytest
from ui_support import SIZE, make_app, make_fleet, settled, wait_for

from smtui.sim import SimThread


@pytest.fixture(scope="module")
def sim():
    fleet = make_fleet(jobs=60, seed=5)
    with SimThread(fleet) as thread:
        yield fleet, thread.url


def test_main_screen(snap_compare, sim):
    fleet, url = sim
    app = make_app(url, fleet, start_paused=True, demo_label=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=settled)


def test_details_screen(snap_compare, sim):
    fleet, url = sim
    app = make_app(url, fleet, start_paused=True, demo_label=True)

    async def open_details(pilot):
        await settled(pilot)
        await pilot.press("down", "down", "enter")
        await wait_for(pilot, lambda: getattr(pilot.app.screen, "description", None) is not None)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=open_details)
