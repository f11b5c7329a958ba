"""Every injectable fault, as a real aiobotocore client experiences it."""

from __future__ import annotations

import asyncio
import time

import pytest
from botocore.exceptions import ClientError, ConnectionClosedError, ReadTimeoutError

from smtui.sim import Faults, SimServer
from sim_fixtures import client, frozen_fleet, list_all


def code(err: pytest.ExceptionInfo) -> tuple[str, int]:
    r = err.value.response
    return r["Error"]["Code"], r["ResponseMetadata"]["HTTPStatusCode"]


async def outcomes_of(sm, calls: int) -> list[str]:
    """'ok' or the error code of each of `calls` ListTrainingJobs calls in a row."""
    outcomes = []
    for _ in range(calls):
        try:
            await sm.list_training_jobs()
            outcomes.append("ok")
        except ClientError as e:
            outcomes.append(e.response["Error"]["Code"])
    return outcomes


async def test_rate_limit_throttles_and_is_counted(sim, sm):
    sim.faults.rate_limit = 2.0  # burst of 2, then 2 per second
    outcomes = await outcomes_of(sm, 5)
    assert outcomes[:2] == ["ok", "ok"] and "ThrottlingException" in outcomes
    assert sim.throttled == outcomes.count("ThrottlingException")
    assert sim.calls["ListTrainingJobs"] == 5
    assert [o for _, _, o in sim.log] == outcomes
    await asyncio.sleep(0.6)  # the bucket refills in real time
    await sm.list_training_jobs()


async def test_throttling_is_aws_shaped(sim, sm):
    sim.faults.rate_limit = 1.0
    await sm.describe_training_job(TrainingJobName=sim.fleet.summaries()[0]["TrainingJobName"])
    with pytest.raises(ClientError) as err:
        await sm.list_training_jobs()
    assert code(err) == ("ThrottlingException", 400)
    assert err.value.response["Error"]["Message"] == "Rate exceeded"


async def test_server_errors(sim, sm):
    sim.faults.error_rate = 1.0
    seen = set()
    for _ in range(12):
        with pytest.raises(ClientError) as err:
            await sm.list_training_jobs()
        seen.add(code(err))
    assert seen == {("InternalFailure", 500), ("ServiceUnavailable", 503)}


async def test_latency_is_added(sim, sm):
    sim.faults.latency = 0.2
    start = time.monotonic()
    await sm.list_training_jobs()
    assert time.monotonic() - start >= 0.2


async def test_stall_beyond_read_timeout(sim):
    sim.faults.stall = 1.0
    sim.faults.arm("stall")
    async with client(sim.url, read_timeout=0.3) as c:
        with pytest.raises(ReadTimeoutError):
            await c.list_training_jobs()
        assert (await c.list_training_jobs())["TrainingJobSummaries"]  # one-shot: the next is fine


async def test_connection_reset_mid_response(sim, sm):
    sim.faults.arm("reset")
    with pytest.raises(ConnectionClosedError):
        await sm.list_training_jobs()
    assert sim.log[-1][1:] == ("ListTrainingJobs", "reset")


@pytest.mark.parametrize("kind", ["not_json", "no_summaries"])
async def test_bodies_without_summaries(sim, sm, kind):
    sim.faults.arm(kind)
    resp = await sm.list_training_jobs()
    assert "TrainingJobSummaries" not in resp
    assert resp["ResponseMetadata"]["HTTPStatusCode"] == 200


@pytest.mark.parametrize("kind, expected", [
    ("expired_token", "ExpiredTokenException"), ("access_denied", "AccessDeniedException")])
async def test_credential_errors(sim, sm, kind, expected):
    sim.faults.arm(kind)
    with pytest.raises(ClientError) as err:
        await sm.list_training_jobs()
    assert code(err) == (expected, 400)
    await sm.list_training_jobs()


async def test_valid_token_rejected(sim, sm):
    first = await sm.list_training_jobs()
    sim.faults.arm("reject_token")
    with pytest.raises(ClientError, match="Invalid pagination token"):
        await sm.list_training_jobs(NextToken=first["NextToken"])
    again = await sm.list_training_jobs(NextToken=first["NextToken"])
    assert again["TrainingJobSummaries"]


async def test_page_repeats_previous_last_job(sim, sm):
    sim.faults.arm("repeat_job")
    names, _ = await list_all(sm, MaxResults=50)
    truth = [s["TrainingJobName"] for s in sim.fleet.truth({})]
    assert len(names) == len(truth) + 1
    assert names[49] == names[50]
    assert list(dict.fromkeys(names)) == truth


async def test_rates_fire_by_seeded_chance(sim, sm):
    sim.faults.rates["expired_token"] = 0.5
    codes = await outcomes_of(sm, 20)
    assert 3 < codes.count("ExpiredTokenException") < 17


async def test_clock_skew_moves_returned_times(sim, sm):
    plain = (await sm.list_training_jobs())["TrainingJobSummaries"]
    sim.faults.skew = 600
    sim.faults.arm("clock_skew")
    skewed = (await sm.list_training_jobs())["TrainingJobSummaries"]
    for a, b in zip(plain, skewed):
        assert (b["CreationTime"] - a["CreationTime"]).total_seconds() == 600
        assert (b["LastModifiedTime"] - a["LastModifiedTime"]).total_seconds() == 600


def test_unknown_fault_kind_is_refused():
    with pytest.raises(ValueError):
        Faults().arm("gremlins")
    with pytest.raises(ValueError):
        Faults(rates={"gremlins": 1.0})


async def test_log_lets_tests_measure_call_rate(sim, sm):
    for _ in range(3):
        await sm.list_training_jobs()
    await sm.describe_training_job(TrainingJobName=sim.fleet.summaries()[0]["TrainingJobName"])
    assert sim.calls == {"ListTrainingJobs": 3, "DescribeTrainingJob": 1}
    stamps = [t for t, _, _ in sim.log]
    assert stamps == sorted(stamps) and len(stamps) == 4
    assert all(outcome == "ok" for _, _, outcome in sim.log)


def test_busiest_second_counts_a_sliding_window():
    server = SimServer(frozen_fleet())
    server.log = [(t, "ListTrainingJobs", "ok") for t in (0.0, 0.5, 0.99, 1.0, 1.2, 1.3, 1.98, 5.0)]
    assert server.busiest_second() == 5  # 1.0, 1.2, 1.3, 1.98 and 0.99
    server.log = []
    assert server.busiest_second() == 0
