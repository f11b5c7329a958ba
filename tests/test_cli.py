"""`smtui --once` end to end as a subprocess: formats, exit codes, the bad-input and no-credentials sentences."""

import csv
import io
import json
import subprocess
import sys

import pytest

from cli_env import clean_env, run_smtui
from sim_fixtures import frozen_fleet
from smtui.sim import SimThread

CREDS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1"}


@pytest.fixture(scope="module")
def sim():
    with SimThread(frozen_fleet(seed=21, jobs=600)) as thread:
        yield thread


@pytest.fixture
def env(tmp_path):
    return clean_env(tmp_path)


def no_traceback(result):
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


def test_version_and_help(env):
    version = run_smtui(["--version"], env)
    assert version.returncode == 0 and version.stdout.startswith("smtui ")
    module = subprocess.run([sys.executable, "-m", "smtui", "--version"], env=env, capture_output=True, text=True)
    assert module.returncode == 0 and module.stdout == version.stdout
    helped = run_smtui(["--help"], env)
    assert helped.returncode == 0 and "--name-contains" in helped.stdout and "--demo" in helped.stdout


def test_demo_once_json_lists_a_few_hundred_jobs(env):
    result = run_smtui(["--demo", "--once", "--output", "json"], env)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    jobs = json.loads(result.stdout)
    assert 300 <= len(jobs) <= 1000
    first = jobs[0]
    assert {"TrainingJobName", "TrainingJobArn", "CreationTime", "TrainingJobStatus"} <= set(first)
    assert first["CreationTime"].endswith("Z")
    times = [j["CreationTime"] for j in jobs]
    assert times == sorted(times, reverse=True)  # newest first by default


def test_endpoint_lists_exactly_what_it_holds(sim, env):
    env.update(CREDS)
    for flags, params in [
        ([], {}),
        (["--status-equals", "Completed"], {"StatusEquals": "Completed"}),
        (["--name-contains", "llama", "--sort-by", "Name", "--sort-order", "Ascending"],
         {"NameContains": "llama", "SortBy": "Name", "SortOrder": "Ascending"}),
        (["--warm-pool-status-equals", "Available"], {"WarmPoolStatusEquals": "Available"}),
    ]:
        result = run_smtui(["--endpoint-url", sim.url, "--once", "--output", "json", "--max-items", "0", *flags],
                           env)
        assert result.returncode == 0, result.stderr
        names = [j["TrainingJobName"] for j in json.loads(result.stdout)]
        expected = [s["TrainingJobName"] for s in sim.fleet.truth(
            {"SortBy": "CreationTime", "SortOrder": "Descending", **params})]
        assert names == expected, flags


def test_csv_and_table(sim, env):
    env.update(CREDS)
    out = run_smtui(["--endpoint-url", sim.url, "--once", "--output", "csv", "--max-items", "25"], env)
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert out.returncode == 0 and len(rows) == 25 and rows[0]["TrainingJobName"]
    table = run_smtui(["--endpoint-url", sim.url, "--once", "--output", "table", "--max-items", "5"], env)
    lines = table.stdout.splitlines()
    assert table.returncode == 0 and lines[0].split()[:2] == ["NAME", "STATUS"] and lines[-1] == "5 jobs"


@pytest.mark.parametrize("flags, fragment", [
    (["--name-contains", "my_job"], "letters, digits and hyphens"),
    (["--status-equals", "Running"], "must be one of InProgress"),
    (["--page-size", "500"], "between 1 and 100"),
    (["--creation-time-after", "last tuesday"], "not a time"),
    (["--training-plan-arn-equals", "plan"], "at least 50"),
    (["--output", "yaml"], "invalid choice"),
    (["--interval", "-1"], "invalid positive number"),
])
def test_bad_input_is_one_sentence_exit_2_and_no_request(sim, env, flags, fragment):
    env.update(CREDS)
    before = sum(sim.server.calls.values())
    result = run_smtui(["--endpoint-url", sim.url, "--once", *flags], env)
    no_traceback(result)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0]
    assert sum(sim.server.calls.values()) == before


def test_no_credentials_says_how_to_configure(env):
    env["AWS_REGION"] = "us-east-1"
    result = run_smtui(["--once"], env)
    no_traceback(result)
    assert result.returncode == 1
    assert "No AWS credentials found" in result.stderr and "--demo" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_no_region_says_how_to_set_one(env):
    env.update(AWS_ACCESS_KEY_ID="x", AWS_SECRET_ACCESS_KEY="y")
    result = run_smtui(["--once"], env)
    assert result.returncode == 1 and "No AWS region" in result.stderr


def test_unknown_profile(env):
    result = run_smtui(["--once", "--profile", "nope"], env)
    assert result.returncode == 1 and "'nope'" in result.stderr and "Traceback" not in result.stderr


def test_unreachable_endpoint_is_exit_1(env):
    env.update(CREDS, AWS_MAX_ATTEMPTS="1")
    result = run_smtui(["--endpoint-url", "http://127.0.0.1:9", "--once"], env)
    no_traceback(result)
    assert result.returncode == 1 and "Cannot connect to http://127.0.0.1:9" in result.stderr


def test_malformed_config_file_is_one_sentence(tmp_path, env):
    bad = tmp_path / "config.toml"
    bad.write_text("interval = [\n")
    env["SMTUI_CONFIG"] = str(bad)
    result = run_smtui(["--demo", "--once"], env)
    assert result.returncode == 2 and "is not valid TOML" in result.stderr
    bad.write_text("interval = 'soon'\n")
    result = run_smtui(["--demo", "--once"], env)
    assert result.returncode == 2 and "interval" in result.stderr


def test_config_file_sets_defaults(sim, tmp_path, env):
    env.update(CREDS)
    good = tmp_path / "config.toml"
    good.write_text(f'endpoint-url = "{sim.url}"\nmax-items = 7\n')
    env["SMTUI_CONFIG"] = str(good)
    result = run_smtui(["--once", "--output", "json"], env)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 7


def test_endpoint_userinfo_never_printed(env):
    env.update(CREDS)
    result = run_smtui(["--endpoint-url", "http://user:s3cret@127.0.0.1:9", "--once"], env)
    assert result.returncode == 1 and "s3cret" not in result.stderr


def test_demo_ignores_the_users_aws_setup(env):
    env.update(AWS_PROFILE="ghost", AWS_DEFAULT_REGION="not_a_region", AWS_CA_BUNDLE="/nonexistent")
    result = run_smtui(["--demo", "--once", "--output", "json", "--max-items", "3"], env)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 3


@pytest.mark.parametrize("extra, fragment", [
    ({"AWS_DEFAULT_REGION": "not_a_region"}, "'not_a_region' is not an AWS region name"),
    ({"AWS_REGION": "us-east-1", "AWS_CA_BUNDLE": "/nonexistent", "AWS_MAX_ATTEMPTS": "1"},
     "The HTTP request to SageMaker failed"),
])
def test_bad_environment_values_get_one_sentence(env, extra, fragment):
    env.update(CREDS)
    env.pop("AWS_REGION", None)
    env.update(extra)
    result = run_smtui(["--endpoint-url", "https://127.0.0.1:9", "--once"], env)
    no_traceback(result)
    assert result.returncode == 1 and fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
