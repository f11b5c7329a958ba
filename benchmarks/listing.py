"""Benchmark 2: a full listing of every job: smtui's poller (pacing lifted) against boto3's paginator and the AWS CLI."""

from __future__ import annotations

import asyncio
import json
import subprocess
import time

from smtui.aws import Connection, open_client
from smtui.callstats import CallStats
from smtui.poller import Poller

from .common import BIN, Figure, SimProcess, Sizes, child_env, median, use_dummy_credentials

REQUEST = {"SortBy": "CreationTime", "SortOrder": "Descending", "MaxResults": 100}


async def smtui_listing(url: str, repeats: int) -> tuple[list[float], int]:
    """Seconds per full listing through one warm client, and the jobs listed."""
    times, count = [], 0
    async with open_client(Connection(endpoint_url=url, region="us-east-1", rate=0), CallStats()) as client:
        poller = Poller(client)
        for i in range(repeats + 1):  # the first walk warms the connection and the parser
            start = time.perf_counter()
            count = sum([len(page.jobs) async for page in poller.pages(REQUEST)])
            if i:
                times.append(time.perf_counter() - start)
    return times, count


def boto3_listing(url: str, repeats: int) -> tuple[list[float], int]:
    """Seconds per full listing with boto3's paginator (same page size and order), warm client."""
    import boto3

    client = boto3.client("sagemaker", region_name="us-east-1", endpoint_url=url)
    paginator = client.get_paginator("list_training_jobs")
    times, count = [], 0
    for i in range(repeats + 1):
        start = time.perf_counter()
        count = 0
        for page in paginator.paginate(SortBy="CreationTime", SortOrder="Descending",
                                       PaginationConfig={"PageSize": 100}):
            count += len(page["TrainingJobSummaries"])
        if i:
            times.append(time.perf_counter() - start)
    return times, count


def cli_listing(url: str, repeats: int) -> tuple[list[float], int]:
    """Seconds per `aws sagemaker list-training-jobs --page-size 100` (its start-up included)."""
    cmd = [str(BIN / "aws"), "sagemaker", "list-training-jobs", "--endpoint-url", url, "--page-size", "100",
           "--sort-by", "CreationTime", "--sort-order", "Descending", "--output", "json"]
    times, count = [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        out = subprocess.run(cmd, env=child_env(), capture_output=True, text=True, timeout=600,
                             stdin=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        if out.returncode:
            raise RuntimeError(f"aws failed: {out.stderr.strip()[-300:]}")
        count = len(json.loads(out.stdout)["TrainingJobSummaries"])
    return times, count


def run(sizes: Sizes) -> list[Figure]:
    use_dummy_credentials()
    jobs, repeats = sizes.list_jobs, sizes.list_repeats
    with SimProcess(jobs, seed=5, speed=0) as sim:
        ours, n_ours = asyncio.run(smtui_listing(sim.url, repeats))
        boto, n_boto = boto3_listing(sim.url, repeats)
        cli, n_cli = cli_listing(sim.url, repeats)
    if not n_ours == n_boto == n_cli:
        raise RuntimeError(f"the listings disagree: smtui {n_ours}, boto3 {n_boto}, aws {n_cli}")
    listed = f"each listed {n_ours:,} jobs" + (f" of the {sim.served:,} the simulator holds" if n_ours != sim.served else "")
    t, b, c = median(ours), median(boto), median(cli)
    calls = -(-jobs // 100)
    return [
        Figure("2 listing", f"full listing, {jobs:,} jobs ({calls} calls), smtui poller", t, "s", b,
               "boto3 paginator", "ratio <= 1.0", t <= b,
               note=f"median of {repeats}; smtui {calls / t:.0f} calls/s, boto3 {calls / b:.0f} calls/s; {listed}"),
        Figure("2 listing", f"full listing, {jobs:,} jobs, smtui poller vs AWS CLI", t, "s", c,
               "aws sagemaker list-training-jobs", note=f"median of {repeats}; the CLI's start-up is included"),
    ]
