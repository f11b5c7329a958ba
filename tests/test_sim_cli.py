"""The simulator from outside the process: the AWS CLI against SimThread, and `python -m smtui.sim`."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from smtui.sim import SimThread, start_embedded
from smtui.sim.catalog import PLANS
from sim_fixtures import client, frozen_fleet

AWS = shutil.which("aws", path=str(Path(sys.executable).parent)) or shutil.which("aws")
ENV = {**os.environ, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
       "AWS_DEFAULT_REGION": "us-east-1", "AWS_CONFIG_FILE": os.devnull,
       "AWS_SHARED_CREDENTIALS_FILE": os.devnull, "AWS_PAGER": ""}


def aws_list_all(url: str, args: list[str]) -> list[str]:
    """Page with the CLI by hand (--max-results turns its own paging off), as a user script would."""
    names, token = [], None
    while True:
        cmd = [AWS, "sagemaker", "list-training-jobs", "--endpoint-url", url, "--region", "us-east-1",
               "--max-results", "100", "--output", "json", *args, *(["--next-token", token] if token else [])]
        out = subprocess.run(cmd, env=ENV, capture_output=True, text=True, timeout=60, check=True)
        page = json.loads(out.stdout)
        names += [s["TrainingJobName"] for s in page["TrainingJobSummaries"]]
        token = page.get("NextToken")
        if not token:
            return names


@pytest.mark.skipif(AWS is None, reason="AWS CLI not installed")
def test_aws_cli_lists_what_the_truth_says():
    fleet = frozen_fleet(seed=21, jobs=300)
    combos = [
        (["--status-equals", "Completed", "--sort-by", "Name"], {"StatusEquals": "Completed", "SortBy": "Name"}),
        (["--name-contains", "LLAMA3", "--sort-order", "Descending"],
         {"NameContains": "LLAMA3", "SortOrder": "Descending"}),
        (["--training-plan-arn-equals", PLANS[0].arn, "--sort-by", "Status"],
         {"TrainingPlanArnEquals": PLANS[0].arn, "SortBy": "Status"}),
    ]
    with SimThread(fleet) as sim, ThreadPoolExecutor(3) as pool:
        got = list(pool.map(lambda c: aws_list_all(sim.url, c[0]), combos))
        assert sim.server.calls["ListTrainingJobs"] == 9  # 300 jobs, 100 a page, whatever the filter
    for names, (_, params) in zip(got, combos):
        want = [s["TrainingJobName"] for s in fleet.truth(params)]
        assert names == want and want


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_standalone_serves_and_exits_cleanly(sig):
    proc = subprocess.Popen(
        [sys.executable, "-m", "smtui.sim", "--port", "0", "--jobs", "300", "--seed", "3", "--speed", "0",
         "--rate-limit", "50", "--latency", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=Path(__file__).parents[1])
    try:
        line = proc.stdout.readline()
        assert line.startswith("smtui.sim serving 300 jobs at http://127.0.0.1:"), line
        url = line.split(" at ")[1].strip()
        req = urllib.request.Request(url + "/", data=b'{"MaxResults": 3}', headers={
            "X-Amz-Target": "SageMaker.ListTrainingJobs", "Content-Type": "application/x-amz-json-1.1"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            body = json.loads(resp.read())
        assert len(body["TrainingJobSummaries"]) == 3
        assert isinstance(body["TrainingJobSummaries"][0]["CreationTime"], float)
        proc.send_signal(sig)
        assert proc.wait(timeout=10) == 0
        assert "Traceback" not in proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_sim_thread_serves_sync_boto3():
    import boto3

    fleet = frozen_fleet(seed=4, jobs=300)
    with SimThread(fleet) as sim:
        assert sim.fleet is fleet and sim.url.startswith("http://127.0.0.1:")
        sm = boto3.client("sagemaker", region_name="us-east-1", endpoint_url=sim.url,
                          aws_access_key_id="testing", aws_secret_access_key="testing")
        pages = sm.get_paginator("list_training_jobs").paginate(PaginationConfig={"PageSize": 100})
        names = [s["TrainingJobName"] for p in pages for s in p["TrainingJobSummaries"]]
        assert names == [s["TrainingJobName"] for s in fleet.truth({})]
        assert sim.server.calls["ListTrainingJobs"] == 3


async def test_start_embedded_runs_a_live_clock():
    server = await start_embedded(seed=1, jobs=300, speed=30.0)
    try:
        assert server.url.startswith("http://127.0.0.1:") and server.fleet.clock.speed == 30.0
        async with client(server.url) as c:
            resp = await c.list_training_jobs(MaxResults=100, SortOrder="Descending")
        assert len(resp["TrainingJobSummaries"]) == 100
    finally:
        await server.stop()
