"""Faults in the running dashboard: the table keeps its rows, the status line says why (stale when it is), no secret shows."""

import json
import stat

import pytest
from ui_support import make_fleet, settled, started_server, wait_for

from smtui.aws import Connection
from smtui.query import JobQuery
from smtui.settings import Settings
from smtui.sim import Faults
from smtui.ui.app import SmtuiApp

SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
KEY_ID = "AKIAIOSFODNN7EXAMPLE"
TOKEN = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN"

FAULTS = {
    "throttling": (lambda f: setattr(f, "rate_limit", 0.02), "throttling"),
    "server errors": (lambda f: setattr(f, "error_rate", 1.0), "SageMaker answered"),
    "expired token": (lambda f: f.rates.__setitem__("expired_token", 1.0), "session token has expired"),
    "access denied": (lambda f: f.rates.__setitem__("access_denied", 1.0), "Access denied"),
    "not json": (lambda f: f.rates.__setitem__("not_json", 1.0), "no TrainingJobSummaries"),
    "reset": (lambda f: f.rates.__setitem__("reset", 1.0), ""),
}


@pytest.fixture
async def sim(monkeypatch):
    for name, value in (("AWS_ACCESS_KEY_ID", KEY_ID), ("AWS_SECRET_ACCESS_KEY", SECRET),
                        ("AWS_SESSION_TOKEN", TOKEN), ("AWS_EC2_METADATA_DISABLED", "true")):
        monkeypatch.setenv(name, value)
    fleet = make_fleet(jobs=120)
    server = await started_server(fleet)
    server.faults = Faults(seed=3)
    yield fleet, server
    await server.stop()


def screen_text(app):
    return app.export_screenshot()


@pytest.mark.parametrize("name", FAULTS)
async def test_dashboard_keeps_rows_and_says_why(sim, name):
    fleet, server = sim
    inject, fragment = FAULTS[name]
    conn = Connection(endpoint_url=server.url, region="us-east-1", rate=0, max_attempts=1, read_timeout=2)
    app = SmtuiApp(Settings(connection=conn, query=JobQuery(max_items=0), interval=0.3), clock=fleet.clock.now)
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_for(pilot, lambda: app.loaded and app.table.row_count == 120, what="the first listing")
        before = set(app.table.jobs)
        inject(server.faults)
        fleet.clock.advance(600)
        await wait_for(pilot, lambda: app.status_line.status and app.status_line.status.last_error, timeout=15,
                       what="the error on the status line")
        await wait_for(pilot, lambda: app.status_line.status.stale(), timeout=15, what="the stale marker")
        await pilot.pause()
        text = app.status_line.line().plain
        assert fragment in text and "STALE" in text
        assert before <= set(app.table.jobs)  # the last good data stays (a call may get through first)
        shown = screen_text(app)
        for secret in (SECRET, KEY_ID, TOKEN):
            assert secret not in shown
        server.faults = Faults(seed=3)
        await wait_for(pilot, lambda: app.status_line.status.last_error is None, timeout=20, what="recovery")
        assert "STALE" not in app.status_line.line().plain


async def test_export_writes_the_view_privately(sim, tmp_path, monkeypatch):
    fleet, server = sim
    monkeypatch.chdir(tmp_path)
    conn = Connection(endpoint_url=server.url, region="us-east-1", rate=0, max_attempts=1)
    app = SmtuiApp(Settings(connection=conn, query=JobQuery(max_items=0), interval=30), clock=fleet.clock.now)
    async with app.run_test(size=(160, 45)) as pilot:
        await settled(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: list(tmp_path.glob("smtui-jobs-*.json")), what="the export")
    [path] = tmp_path.glob("smtui-jobs-*.json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text()
    exported = [j["TrainingJobName"] for j in json.loads(text)]
    assert exported == app.table.ordered_names() and len(exported) == 120
    assert SECRET not in text and KEY_ID not in text and TOKEN not in text
