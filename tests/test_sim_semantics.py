"""ListTrainingJobs, DescribeTrainingJob and StopTrainingJob semantics, seen through real aiobotocore."""

from __future__ import annotations

from datetime import timedelta

import pytest
from botocore.exceptions import ClientError
from botocore.validate import ParamValidator

from smtui.servicemodel import sagemaker_model
from smtui.sim.catalog import PLANS
from sim_fixtures import list_all

PLAN = PLANS[0].arn


def names(items: list[dict]) -> list[str]:
    return [s["TrainingJobName"] for s in items]


async def test_defaults_are_ten_oldest_first(sim, sm):
    resp = await sm.list_training_jobs()
    assert names(resp["TrainingJobSummaries"]) == names(sim.fleet.truth({}))[:10]
    created = [s["CreationTime"] for s in resp["TrainingJobSummaries"]]
    assert created == sorted(created)
    assert resp["NextToken"]


async def test_filters_apply_after_the_page_is_cut(sim, sm):
    _, pages = await list_all(sm, StatusEquals="InProgress", MaxResults=10)
    sizes = [len(p["TrainingJobSummaries"]) for p in pages]
    # 500 jobs in pages of 10, whatever the filter keeps
    assert len(pages) == 50
    assert all("NextToken" in p for p in pages[:-1]) and "NextToken" not in pages[-1]
    assert 0 in sizes[:-1], "the oldest pages hold no InProgress job yet still carry a NextToken"
    assert any(0 < n < 10 for n in sizes[:-1])
    assert sum(sizes) == len(sim.fleet.truth({"StatusEquals": "InProgress"})) > 0


COMBOS = [
    {},
    {"StatusEquals": "Completed"},
    {"NameContains": "LLAMA3"},  # case-insensitive
    {"WarmPoolStatusEquals": "Reused"},
    {"TrainingPlanArnEquals": PLAN},
    {"StatusEquals": "Failed", "NameContains": "sft"},
    "window",
]


@pytest.mark.parametrize("sort_by", ["CreationTime", "Name", "Status"])
@pytest.mark.parametrize("order", ["Ascending", "Descending"])
@pytest.mark.parametrize("combo", range(len(COMBOS)))
async def test_full_listing_equals_truth(sim, sm, sort_by, order, combo):
    params = COMBOS[combo]
    if params == "window":
        now = sim.fleet.now()
        params = {"CreationTimeAfter": now - timedelta(hours=3), "CreationTimeBefore": now - timedelta(hours=1),
                  "LastModifiedTimeAfter": now - timedelta(hours=2)}
    params = {**params, "SortBy": sort_by, "SortOrder": order}
    got, _ = await list_all(sm, MaxResults=100, **params)
    want = names(sim.fleet.truth(params))
    assert got == want
    assert len(set(got)) == len(got)
    if combo == 0:
        assert len(got) == sim.fleet.job_count() == 500


async def test_truth_is_really_filtered_and_sorted(sim):
    items = sim.fleet.truth({"NameContains": "Llama3", "SortBy": "Name", "SortOrder": "Descending"})
    assert items and all("llama3" in s["TrainingJobName"] for s in items)
    assert names(items) == sorted(names(items), reverse=True)
    everything = sim.fleet.truth({"SortBy": "Status"})
    assert [s["TrainingJobStatus"] for s in everything] == sorted(s["TrainingJobStatus"] for s in everything)
    assert all(s["WarmPoolStatus"]["Status"] == "Reused" for s in sim.fleet.truth({"WarmPoolStatusEquals": "Reused"}))


async def test_time_filters_are_strict(sim, sm):
    job = sim.fleet.summaries()[200]
    at = job["CreationTime"]
    after, _ = await list_all(sm, MaxResults=100, CreationTimeAfter=at)
    before, _ = await list_all(sm, MaxResults=100, CreationTimeBefore=at)
    assert job["TrainingJobName"] not in after + before
    assert len(after) + len(before) + 1 == 500
    modified = job["LastModifiedTime"]
    got, _ = await list_all(sm, MaxResults=100, LastModifiedTimeAfter=modified)
    assert job["TrainingJobName"] not in got
    assert all(s["LastModifiedTime"] > modified for s in sim.fleet.truth({"LastModifiedTimeAfter": modified}))


async def test_cursor_is_key_based_so_new_jobs_do_not_shift_pages(sim, sm):
    params = {"SortBy": "CreationTime", "SortOrder": "Descending", "MaxResults": 20}
    before = names(sim.fleet.truth(params))
    first = await sm.list_training_jobs(**params)
    count = sim.fleet.job_count()
    sim.fleet.clock.advance(3600)  # new jobs arrive at the newest end
    assert sim.fleet.job_count() > count
    second = await sm.list_training_jobs(NextToken=first["NextToken"], **params)
    assert names(first["TrainingJobSummaries"] + second["TrainingJobSummaries"]) == before[:40]




@pytest.mark.parametrize("params, words", [
    ({"NameContains": "bad_name!"}, "NameContains"),
    ({"NameContains": "x" * 64}, "at most 63"),
    ({"MaxResults": 0}, "between 1 and 100"),
    ({"MaxResults": 101}, "between 1 and 100"),
    ({"StatusEquals": "Running"}, "StatusEquals must be one of"),
    ({"SortBy": "Date"}, "SortBy must be one of"),
    ({"SortOrder": "Up"}, "SortOrder"),
    ({"WarmPoolStatusEquals": "Warm"}, "WarmPoolStatusEquals"),
    ({"TrainingPlanArnEquals": "arn:aws:sagemaker::123456789012:training-plan/x"}, "at least 50"),
    ({"TrainingPlanArnEquals": "arn:aws:sagemaker:us-east-1:123456789012:training-job/" + "x" * 40},
     "training-plan/NAME"),
    ({"NextToken": "not-a-token"}, "Invalid pagination token"),
])
async def test_bad_parameters_are_validation_errors(sm_raw, params, words):
    with pytest.raises(ClientError) as err:
        await sm_raw.list_training_jobs(**params)
    assert err.value.response["Error"]["Code"] == "ValidationException"
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert words in err.value.response["Error"]["Message"]


async def test_token_from_another_query_is_rejected(sm):
    token = (await sm.list_training_jobs(StatusEquals="Completed"))["NextToken"]
    await sm.list_training_jobs(StatusEquals="Completed", NextToken=token, MaxResults=50)  # page size may change
    for other in ({"StatusEquals": "Failed"}, {"StatusEquals": "Completed", "SortOrder": "Descending"}, {}):
        with pytest.raises(ClientError, match="Invalid pagination token"):
            await sm.list_training_jobs(NextToken=token, **other)


def _first(fleet, **want) -> dict:
    return next(s for s in fleet.summaries() if all(s.get(k) == v for k, v in want.items()))


async def test_describe_matches_the_model_and_the_summary(sim, sm):
    fleet, validator = sim.fleet, ParamValidator()
    out_shape = sagemaker_model().operation_model("DescribeTrainingJob").output_shape
    for status in ("Completed", "Failed", "Stopped", "InProgress"):
        name = _first(fleet, TrainingJobStatus=status)["TrainingJobName"]
        report = validator.validate(fleet.describe(name), out_shape)
        # the model calls ModelArtifacts required; like the brief, only completed jobs carry it
        problems = [e for e in report._errors if e[2].get("required_name") != "ModelArtifacts"]
        assert not problems, report.generate_report()
        d = await sm.describe_training_job(TrainingJobName=name)
        assert d["TrainingJobStatus"] == status
        assert d["SecondaryStatusTransitions"][0]["Status"] == "Starting"
        assert ("FailureReason" in d) == (status == "Failed")
        assert ("ModelArtifacts" in d) == ("FinalMetricDataList" in d) == (status == "Completed")
        assert ("TrainingEndTime" in d) == (status != "InProgress")
    plan_job = next(s for s in fleet.summaries() if "TrainingPlanArn" in s)
    d = await sm.describe_training_job(TrainingJobName=plan_job["TrainingJobName"])
    assert d["ResourceConfig"]["TrainingPlanArn"] == plan_job["TrainingPlanArn"]
    warm = next(s for s in fleet.summaries() if "WarmPoolStatus" in s)
    d = await sm.describe_training_job(TrainingJobName=warm["TrainingJobName"])
    assert 600 <= d["ResourceConfig"]["KeepAlivePeriodInSeconds"] <= 3600
    spot = next(n for n in names(fleet.summaries())
                if fleet.describe(n)["EnableManagedSpotTraining"] and "TrainingEndTime" in fleet.describe(n))
    d = fleet.describe(spot)
    assert d["BillableTimeInSeconds"] < d["TrainingTimeInSeconds"]


async def test_summaries_match_the_model(sim):
    shape = sagemaker_model().operation_model("ListTrainingJobs").output_shape
    report = ParamValidator().validate({"TrainingJobSummaries": sim.fleet.summaries()}, shape)
    assert not report.has_errors(), report.generate_report()


async def test_describe_unknown_job(sm):
    with pytest.raises(ClientError) as err:
        await sm.describe_training_job(TrainingJobName="no-such-job")
    assert err.value.response["Error"] == {"Code": "ValidationException", "Message": "Requested resource not found."}


async def test_stop_goes_stopping_then_stopped(sim, sm):
    name = _first(sim.fleet, TrainingJobStatus="InProgress")["TrainingJobName"]
    await sm.stop_training_job(TrainingJobName=name)
    d = await sm.describe_training_job(TrainingJobName=name)
    assert (d["TrainingJobStatus"], d["SecondaryStatus"]) == ("Stopping", "Stopping")
    assert "TrainingEndTime" not in d
    with pytest.raises(ClientError, match="in status Stopping"):
        await sm.stop_training_job(TrainingJobName=name)
    sim.fleet.clock.advance(120)
    d = await sm.describe_training_job(TrainingJobName=name)
    assert (d["TrainingJobStatus"], d["SecondaryStatus"]) == ("Stopped", "Stopped")
    assert d["TrainingEndTime"] <= d["LastModifiedTime"]
    assert names(sim.fleet.truth({"StatusEquals": "Stopped", "NameContains": name}))[-1] == name
    done = _first(sim.fleet, TrainingJobStatus="Completed")["TrainingJobName"]
    with pytest.raises(ClientError, match="in status Completed") as err:
        await sm.stop_training_job(TrainingJobName=done)
    assert err.value.response["Error"]["Code"] == "ValidationException"
    with pytest.raises(ClientError, match="Requested resource not found"):
        await sm.stop_training_job(TrainingJobName="no-such-job")
