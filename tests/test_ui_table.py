"""The jobs table against the simulator: filling page by page, sorting by key and click, the cursor, toasts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.app import App
from ui_support import START, make_app, names, refreshed, settled, truth_names, wait_for

from smtui.jobs import Job
from smtui.store import JobsChanged
from smtui.ui.jobs_table import COLUMNS, RAW, JobsTable


def raw_column(app, column):
    now = app.clock()
    return [RAW[column](app.table.jobs[n], now) for n in names(app)]


def assert_ordered(values, reverse):
    present = [v for v in values if v is not None]
    assert present == sorted(present, reverse=reverse)
    # missing values come last, whichever the direction
    assert values[: len(present)] == present


async def test_table_fills_as_pages_arrive(ui_sim):
    fleet, server, recorder = ui_sim
    app = make_app(server.url, fleet, page_size=25)
    counts = []
    async with app.run_test(size=(160, 45)) as pilot:
        original = app.table.apply

        def spy(changes, mark=True):
            original(changes, mark)
            counts.append(app.table.row_count)

        app.table.apply = spy
        await settled(pilot)
        expected = truth_names(fleet)
        assert len(counts) >= len(expected) // 25  # one batch per page
        assert counts == sorted(counts) and counts[0] <= 25
        assert set(names(app)) == set(expected)
        # newest first (jobs created in the same second may come in either order)
        created = [app.table.jobs[n].creation_time for n in names(app)]
        assert created == sorted(created, reverse=True)
        assert all(r["MaxResults"] == 25 for r in recorder.requests)
        assert app.status_line.shown == len(expected)


@pytest.mark.parametrize("by_click", [False, True], ids=["key", "click"])
async def test_sort_by_every_column(ui_sim, by_click):
    fleet, server, _ = ui_sim
    app = make_app(server.url, fleet)
    async with app.run_test(size=(160, 45)) as pilot:
        await settled(pilot)
        table: JobsTable = app.table
        for index, (column, _, _, descending_first) in enumerate(COLUMNS):
            for reverse in (descending_first, not descending_first):
                if by_click:
                    x = table.column_x(column) + 2
                    await pilot.click(JobsTable, offset=(x, 0))
                else:
                    await pilot.press(str(index + 1))
                await pilot.pause()
                assert (table.sort_column, table.sort_reverse) == (column, reverse), column
                assert_ordered(raw_column(app, column), reverse)


async def test_cursor_stays_on_its_job_through_sort_and_refresh(ui_sim):
    fleet, server, _ = ui_sim
    app = make_app(server.url, fleet)
    async with app.run_test(size=(160, 45)) as pilot:
        await settled(pilot)
        for _ in range(7):
            await pilot.press("down")
        chosen = app.table.cursor_name()
        for key in ("1", "3", "3", "o", "O", "4"):
            await pilot.press(key)
            assert app.table.cursor_name() == chosen
        # the last "4" toggled back to created, newest first
        assert app.table.sort_column == "created" and app.table.sort_reverse
        before = set(app.table.jobs)
        fleet.clock.advance(1800)  # new jobs arrive, some end
        await refreshed(pilot)
        new = [n for n in names(app) if n not in before]
        assert new, "the simulator should have created jobs in half an hour"
        assert names(app)[: len(new)] == new  # new jobs on top
        assert app.table.cursor_name() == chosen
        assert set(names(app)) == set(truth_names(fleet))
        assert set(new) <= set(app.table.marks)  # marked for a moment


async def test_toast_when_a_job_in_view_ends(ui_sim):
    fleet, server, _ = ui_sim
    app = make_app(server.url, fleet)
    async with app.run_test(size=(160, 45)) as pilot:
        await settled(pilot)
        now = fleet.clock.epoch()
        running = [j for j in fleet.jobs if j.created <= now < j.end and j.name in app.table.jobs]
        first = min(running, key=lambda j: j.end)
        fleet.clock.advance(first.end - now + 1)
        await refreshed(pilot)
        assert app.table.jobs[first.name].status == first.final_status
        messages = [n.message for n in app._notifications]
        assert any(first.name in m and first.final_status.lower() in m for m in messages), messages


async def test_stop_needs_allow_stop_and_asks(ui_sim):
    fleet, server, _ = ui_sim
    app = make_app(server.url, fleet)
    async with app.run_test(size=(160, 45)) as pilot:
        await settled(pilot)
        await pilot.press("s")
        assert not app.screen.is_modal
    app = make_app(server.url, fleet, allow_stop=True)
    async with app.run_test(size=(160, 45)) as pilot:
        await settled(pilot)
        target = app.table.cursor_job
        assert target.status == "InProgress"
        await pilot.press("s")
        assert type(app.screen).__name__ == "StopScreen"
        assert app.feed.paused  # polling pauses under a modal
        await pilot.press("y")
        await wait_for(pilot, lambda: app.table.jobs[target.name].status == "Stopping", what="Stopping")
        assert not app.feed.paused


async def test_new_rows_above_keep_the_view():
    """Jobs arriving above the cursor move neither it off its job nor the view away from it."""
    def job(i: int) -> Job:
        return Job(f"job-{i:04d}", "", "Completed", START + timedelta(seconds=i))

    class One(App):
        def compose(self):
            yield JobsTable(clock=lambda: START + timedelta(days=1))

    app = One()
    async with app.run_test(size=(120, 30)) as pilot:
        table = app.query_one(JobsTable)
        table.apply(JobsChanged(added=tuple(job(i) for i in range(300))))
        table.focus()
        await pilot.press("down", "down")
        await pilot.pause()
        assert table.cursor_name() == "job-0297" and table.scroll_y == 0
        table.apply(JobsChanged(added=tuple(job(i) for i in range(300, 305))))  # at the top: the view stays there
        await pilot.pause()
        assert table.cursor_name() == "job-0297" and table.cursor_row == 7 and table.scroll_y == 0
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        name, line = table.cursor_name(), table.cursor_row - table.scroll_y
        assert table.scroll_y > 0
        table.apply(JobsChanged(added=tuple(job(i) for i in range(305, 315))))  # scrolled: the cursor's line stays
        await pilot.pause()
        assert table.cursor_name() == name and table.cursor_row - table.scroll_y == line
        table.apply(JobsChanged(removed=("job-0314", "job-0313", name)))  # its job gone: same place, next job
        await pilot.pause()
        assert table.cursor_name() == table.ordered_names()[table.cursor_row]
