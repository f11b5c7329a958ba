"""The fleet on its own: determinism, shape, timelines, warm pools, arrivals and scale."""

from __future__ import annotations

import ast
import re
import time
from collections import Counter
from pathlib import Path

import pytest

import smtui.sim
from smtui.servicemodel import list_rules
from smtui.sim import Fleet, SimClock
from smtui.sim.errors import ApiError
from sim_fixtures import T0, frozen_fleet

NAME = re.compile(r"[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")


@pytest.fixture(scope="module")
def fleet2000() -> Fleet:
    return frozen_fleet(seed=11, jobs=2000)


def test_same_seed_and_clock_same_fleet():
    a, b = frozen_fleet(seed=3, jobs=300), frozen_fleet(seed=3, jobs=300)
    assert a.summaries() == b.summaries()
    name = a.summaries()[-5]["TrainingJobName"]
    assert a.describe(name) == b.describe(name)
    a.clock.advance(7200)
    b.clock.advance(7200)
    assert a.summaries() == b.summaries()
    assert frozen_fleet(seed=4, jobs=300).summaries() != a.summaries()


def test_fleet_shape(fleet2000):
    items = fleet2000.summaries()
    assert len(items) == fleet2000.job_count() == 2000
    names = [s["TrainingJobName"] for s in items]
    assert len(set(names)) == 2000 and all(NAME.fullmatch(n) for n in names)
    assert [s["CreationTime"] for s in items] == sorted(s["CreationTime"] for s in items)
    status = Counter(s["TrainingJobStatus"] for s in items)
    assert 100 <= status["InProgress"] <= 220
    terminal = sum(status[k] for k in ("Completed", "Failed", "Stopped"))
    assert 0.6 < status["Completed"] / terminal < 0.8
    assert 0.1 < status["Failed"] / terminal < 0.25
    assert 0.06 < status["Stopped"] / terminal < 0.18
    assert all(s["TrainingJobStatus"] != "InProgress" for s in items[:-600]), "old jobs are terminal"
    assert all(("TrainingEndTime" in s) == (s["TrainingJobStatus"] in ("Completed", "Failed", "Stopped"))
               for s in items)
    plans = [s["TrainingPlanArn"] for s in items if "TrainingPlanArn" in s]
    assert 0.1 < len(plans) / 2000 < 0.2 and len(set(plans)) == 3
    assert all(list_rules()["TrainingPlanArnEquals"].problem(p) is None for p in plans)
    warm = Counter(s["WarmPoolStatus"]["Status"] for s in items if "WarmPoolStatus" in s)
    assert 0.15 < sum(warm.values()) / 2000 < 0.4
    assert set(warm) == {"InUse", "Available", "Reused", "Terminated"}
    assert all(s["LastModifiedTime"] <= fleet2000.now() for s in items)
    assert len({fleet2000.describe(n)["ResourceConfig"]["InstanceCount"] for n in names[:400]}) > 4


def test_failed_jobs_say_why(fleet2000):
    failed = [s for s in fleet2000.summaries() if s["TrainingJobStatus"] == "Failed"]
    for s in failed[:50]:
        d = fleet2000.describe(s["TrainingJobName"])
        assert d["FailureReason"] and d["SecondaryStatus"] == "Failed"
        assert d["SecondaryStatusTransitions"][-1]["StatusMessage"].endswith(d["FailureReason"])


def test_secondary_statuses_walk_in_order(fleet2000):
    walk = ["Starting", "LaunchingMLInstances", "PreparingTrainingStack", "Downloading",
            "DownloadingTrainingImage", "Training", "Uploading", "Completed"]
    for s in fleet2000.summaries()[::40]:
        d = fleet2000.describe(s["TrainingJobName"])
        seen = [t["Status"] for t in d["SecondaryStatusTransitions"]]
        starts = [t["StartTime"] for t in d["SecondaryStatusTransitions"]]
        assert starts == sorted(starts) and seen[-1] == d["SecondaryStatus"]
        if d["TrainingJobStatus"] == "Completed":
            assert seen == walk
        elif d["TrainingJobStatus"] == "Stopped":
            assert seen[-2:] == ["Stopping", "Stopped"]
        else:
            assert seen == walk[: len(seen)] or seen[-1] == "Failed"
        assert d["LastModifiedTime"] >= starts[-1]


def _pool(fleet: Fleet, name: str) -> tuple[str, int | None]:
    wp = fleet.describe(name)["WarmPoolStatus"]
    return wp["Status"], wp.get("ResourceRetainedBillableTimeInSeconds")


def test_warm_pool_lifecycle_and_billable_time():
    fleet = frozen_fleet(seed=5, jobs=600)
    in_use = [s["TrainingJobName"] for s in fleet.summaries()
              if s.get("WarmPoolStatus", {}).get("Status") == "InUse" and s["TrainingJobStatus"] == "InProgress"]
    assert in_use
    histories = {n: [] for n in in_use}
    step = 60
    for _ in range(14 * 3600 // step):  # 14 sim hours
        for n in in_use:
            histories[n].append(_pool(fleet, n))
        fleet.clock.advance(step)
    endings = Counter()
    for name, h in histories.items():
        statuses = [s for s, _ in h]
        order = [s for i, s in enumerate(statuses) if i == 0 or statuses[i - 1] != s]
        assert order in (["InUse", "Available", "Reused"], ["InUse", "Available", "Terminated"],
                         ["InUse", "Terminated"], ["InUse", "Reused"]), (name, order)
        billable = [b for s, b in h if s != "InUse"]
        assert billable == sorted(billable)
        available = [b for s, b in h if s == "Available"]
        if len(available) > 1:
            assert available[-1] > available[0], "billable time grows while Available"
        after = [b for s, b in h if s in ("Reused", "Terminated")]
        assert len(set(after)) == 1, "billable time is frozen once the pool is gone"
        keep = fleet.describe(name)["ResourceConfig"]["KeepAlivePeriodInSeconds"]
        assert after[0] <= keep
        endings[order[-1]] += 1
        if order[-1] == "Reused":
            d, summary = fleet.describe(name), fleet.summaries()
            reuser = fleet.describe(d["WarmPoolStatus"]["ReusedByJob"])
            assert reuser["ResourceConfig"]["InstanceType"] == d["ResourceConfig"]["InstanceType"]
            assert d["TrainingEndTime"] <= reuser["CreationTime"]
            assert (reuser["CreationTime"] - d["TrainingEndTime"]).total_seconds() == after[0]
            if "Available" not in order:
                assert after[0] < step, "only a pool reused within one step can look never Available"
            assert any(s["TrainingJobName"] == reuser["TrainingJobName"] for s in summary)
    assert endings["Reused"] and endings["Terminated"]


def test_new_jobs_arrive_as_the_clock_moves():
    fleet = frozen_fleet(seed=2, jobs=300)
    before = fleet.summaries()
    fleet.clock.advance(0)
    assert fleet.job_count() == 300
    fleet.clock.advance(3 * 3600)
    after = fleet.summaries()
    assert after[:300] != before  # old jobs moved on
    assert [s["TrainingJobName"] for s in after[:300]] == [s["TrainingJobName"] for s in before]
    new = after[300:]
    assert 150 < len(new) < 400  # ~85 an hour
    assert all(before[-1]["CreationTime"] <= s["CreationTime"] <= fleet.now() for s in new)
    # the past is a pure function of time: asking about T0 again gives the same answer
    assert fleet.summaries(T0) == before


def test_running_clock_moves_sim_time():
    clock = SimClock(T0, speed=1000.0)
    first = clock.now()
    time.sleep(0.02)
    assert (clock.now() - first).total_seconds() >= 20
    frozen = SimClock(T0, speed=0)
    time.sleep(0.01)
    assert frozen.now() == T0
    frozen.advance(90)
    assert (frozen.now() - T0).total_seconds() == 90


def test_describe_and_stop_unknown():
    fleet = frozen_fleet(jobs=300)
    for call in (fleet.describe, fleet.stop):
        with pytest.raises(ApiError, match="Requested resource not found."):
            call("nope")


def test_fifty_thousand_jobs_list_pages_cheaply():
    fleet = frozen_fleet(seed=9, jobs=50_000)
    assert fleet.job_count() == 50_000
    for order in ("Descending", "Ascending"):
        params, seen = {"MaxResults": 100, "SortOrder": order, "StatusEquals": "InProgress"}, 0
        for _ in range(5):
            resp = fleet.list_training_jobs(params)
            params["NextToken"] = resp["NextToken"]
            seen += len(resp["TrainingJobSummaries"])
        assert (seen > 50) == (order == "Descending")
    name_page = fleet.list_training_jobs({"SortBy": "Name", "MaxResults": 100})
    assert len(name_page["TrainingJobSummaries"]) == 100


def test_no_textual_or_server_imports_in_the_fleet():
    pkg = Path(smtui.sim.__file__).parent
    for path in pkg.glob("*.py"):
        imported = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported.add(node.module.split(".")[0])
        assert "textual" not in imported, path
        if path.stem in ("fleet", "timeline", "listing", "catalog", "describe", "token", "clock"):
            assert "aiohttp" not in imported, path


@pytest.mark.parametrize("seed, jobs", [(13, 350), (7, 2000), (3, 5000)])
def test_creation_keys_stay_sorted_through_same_second_births(seed, jobs):
    fleet = frozen_fleet(seed=seed, jobs=jobs)
    fleet.clock.advance(3600)
    fleet.job_count()
    assert fleet.keys == sorted(fleet.keys)
    assert len({created for created, _ in fleet.keys}) < len(fleet.keys), "the case needs a tie"
