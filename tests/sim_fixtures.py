"""Shared helpers for the simulator tests: a frozen fleet served on loopback and a real aiobotocore client."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from aiobotocore.session import get_session
from botocore.config import Config

from smtui.sim import Faults, Fleet, SimClock, SimServer

T0 = datetime(2026, 12, 4, 19, 0, tzinfo=timezone.utc)


def frozen_fleet(seed: int = 7, jobs: int = 500) -> Fleet:
    """A fleet whose clock only moves by advance()."""
    return Fleet(seed=seed, jobs=jobs, clock=SimClock(T0, speed=0))


_SESSION = get_session()  # one session, so the large SageMaker model loads once


def client(url: str, **config):
    """A real aiobotocore SageMaker client for url, no retries, so every error surfaces."""
    cfg = Config(retries={"total_max_attempts": 1}, **config)
    return _SESSION.create_client(
        "sagemaker", region_name="us-east-1", endpoint_url=url,
        aws_access_key_id="testing", aws_secret_access_key="testing", config=cfg)


async def list_all(c, **params) -> tuple[list[str], list[dict]]:
    """Page through ListTrainingJobs until NextToken is absent: (names in order, raw pages)."""
    names, pages, token = [], [], None
    while True:
        resp = await c.list_training_jobs(**params, **({"NextToken": token} if token else {}))
        pages.append(resp)
        names += [s["TrainingJobName"] for s in resp["TrainingJobSummaries"]]
        token = resp.get("NextToken")
        if not token:
            return names, pages


@pytest.fixture
async def sim():
    """A started SimServer over a frozen 500-job fleet, with empty Faults to flip."""
    server = SimServer(frozen_fleet(), Faults(seed=1))
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def sm(sim):
    """An aiobotocore client pointed at the sim fixture."""
    async with client(sim.url) as c:
        yield c


@pytest.fixture
async def sm_raw(sim):
    """A client that skips botocore's own parameter validation, so the server's is exercised."""
    async with client(sim.url, parameter_validation=False) as c:
        yield c
