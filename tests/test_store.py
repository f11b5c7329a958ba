"""JobStore: diffs, missing fields, unknown enum values, and never losing data on its own."""

from datetime import datetime, timedelta, timezone

from smtui.jobs import Job
from smtui.query import JobQuery
from smtui.store import JobsChanged, JobStore

T0 = datetime(2026, 12, 4, tzinfo=timezone.utc)


def summary(name, status="InProgress", minutes=0, **extra):
    return {"TrainingJobName": name, "TrainingJobArn": f"arn:{name}", "TrainingJobStatus": status,
            "CreationTime": T0 + timedelta(minutes=minutes), **extra}


def test_upsert_reports_added_then_changed_then_nothing():
    store = JobStore()
    a, b = Job.from_summary(summary("a")), Job.from_summary(summary("b", minutes=1))
    first = store.upsert([a, b])
    assert [j.name for j in first.added] == ["a", "b"] and not first.changed and not first.removed
    a2 = Job.from_summary(summary("a", status="Completed"))
    second = store.upsert([a2, b])
    assert second.changed == (a2,) and not second.added
    assert not store.upsert([a2, b])
    assert store.get("a").status == "Completed"


def test_missing_optional_fields_and_unknown_enums():
    job = Job.from_summary({"TrainingJobName": "x", "TrainingJobArn": "arn:x", "TrainingJobStatus": "Paused",
                            "CreationTime": T0, "WarmPoolStatus": {"Status": "Hibernating"}})
    assert job.status == "Paused" and job.warm_pool_status == "Hibernating"
    assert job.secondary_status is None and job.training_end_time is None and job.last_modified_time is None
    assert job.warm_pool_billable_seconds is None and job.plan_name is None
    assert job.to_summary() == {"TrainingJobName": "x", "TrainingJobArn": "arn:x", "CreationTime": T0,
                                "TrainingJobStatus": "Paused", "WarmPoolStatus": {"Status": "Hibernating"}}


def test_summary_round_trip_keeps_every_field():
    full = summary("y", status="Completed", SecondaryStatus="Completed", TrainingEndTime=T0,
                   LastModifiedTime=T0, TrainingPlanArn="arn:aws:sagemaker:us-east-1:123456789012:training-plan/p",
                   WarmPoolStatus={"Status": "Reused", "ResourceRetainedBillableTimeInSeconds": 90,
                                   "ReusedByJob": "z"})
    assert Job.from_summary(full).to_summary() == full


def test_epoch_times_become_utc():
    job = Job.from_summary({"TrainingJobName": "e", "CreationTime": 0})
    assert job.creation_time == datetime(1970, 1, 1, tzinfo=timezone.utc)


def test_remove_retain_and_trim():
    store = JobStore()
    store.upsert(Job.from_summary(summary(f"j{i}", minutes=i)) for i in range(10))
    assert store.remove(["j0", "nope"]).removed == ("j0",)
    assert set(store.retain(lambda j: j.name != "j1").removed) == {"j1"}
    q = JobQuery()
    trimmed = store.trim(3, q.sort_key(), q.descending)
    assert sorted(trimmed.removed) == [f"j{i}" for i in range(2, 7)]
    assert [j.name for j in store.sorted(q.sort_key(), True)] == ["j9", "j8", "j7"]
    assert not store.trim(0, q.sort_key(), True)


def test_merging_changes():
    a, b = Job.from_summary(summary("a")), Job.from_summary(summary("b"))
    a2 = Job.from_summary(summary("a", status="Failed"))
    merged = JobsChanged(added=(a,)) + JobsChanged(changed=(a2,)) + JobsChanged(removed=("b",))
    assert merged.added == (a2,) and merged.removed == ("b",) and not merged.changed
    assert (JobsChanged(added=(b,)) + JobsChanged(removed=("b",))) == JobsChanged()
