"""The AWS CLI and smtui list the same jobs from the simulator for the same filters (keeps the simulator honest)."""

import json

import pytest

from cli_env import clean_env, run_aws, run_smtui
from sim_fixtures import frozen_fleet
from smtui.sim import SimThread

CREDS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}


@pytest.mark.parametrize("filters", [
    {},
    {"status-equals": "InProgress"},
    {"name-contains": "bert", "sort-by": "Name", "sort-order": "Ascending"},
    {"warm-pool-status-equals": "Available", "sort-by": "Status", "sort-order": "Descending"},
])
def test_aws_cli_and_smtui_agree(tmp_path, filters):
    env = clean_env(tmp_path, **CREDS)
    flags = [x for k, v in filters.items() for x in (f"--{k}", v)]
    if "sort-by" not in filters:
        flags += ["--sort-by", "CreationTime", "--sort-order", "Descending"]
    with SimThread(frozen_fleet(seed=4, jobs=450)) as sim:
        aws = run_aws(["sagemaker", "list-training-jobs", "--endpoint-url", sim.url, "--page-size", "100",
                       "--output", "json", *flags], env)
        assert aws.returncode == 0, aws.stderr
        ours = run_smtui(["--endpoint-url", sim.url, "--once", "--output", "json", "--max-items", "0", *flags], env)
        assert ours.returncode == 0, ours.stderr
    aws_names = [s["TrainingJobName"] for s in json.loads(aws.stdout)["TrainingJobSummaries"]]
    our_names = [s["TrainingJobName"] for s in json.loads(ours.stdout)]
    assert aws_names and aws_names == our_names
