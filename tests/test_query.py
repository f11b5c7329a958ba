"""JobQuery: validation from botocore's model, request building, and local matching."""

from datetime import datetime, timedelta, timezone

import pytest

from smtui.jobs import Job
from smtui.query import JobQuery, QueryError, build_query
from smtui.timeparse import parse_time

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=timezone.utc)
PLAN = "arn:aws:sagemaker:us-east-1:123456789012:training-plan/p5-reserved-capacity-q4"


def job(**kw):
    base = dict(name="llama-sft-1", arn="arn", status="Completed", creation_time=NOW - timedelta(hours=2))
    base.update(kw)
    return Job(**base)


@pytest.mark.parametrize(
    "inputs, fragment",
    [
        ({"name_contains": "my_job"}, "letters, digits and hyphens"),
        ({"name_contains": "x" * 64}, "at most 63"),
        ({"status_equals": "Running"}, "StatusEquals must be one of InProgress"),
        ({"warm_pool_status_equals": "Busy"}, "WarmPoolStatusEquals must be one of"),
        ({"training_plan_arn_equals": "plan-1"}, "at least 50"),
        ({"training_plan_arn_equals": "arn:aws:sagemaker:us-east-1:123456789012:model/abcdefghijklmnopqrst"},
         "training-plan/NAME"),
        ({"sort_by": "Size"}, "SortBy must be one of Name, CreationTime, Status"),
        ({"sort_order": "Up"}, "SortOrder"),
        ({"page_size": 0}, "MaxResults must be between 1 and 100"),
        ({"page_size": 101}, "MaxResults must be between 1 and 100"),
        ({"max_items": -1}, "max-items"),
        ({"creation_time_after": "yesterday"}, "not a time"),
    ],
)
def test_rejects_what_sagemaker_would_reject(inputs, fragment):
    with pytest.raises(QueryError) as err:
        build_query(inputs)
    message = str(err.value)
    assert fragment in message
    assert message.endswith(".") and "\n" not in message


def test_accepts_valid_inputs_and_builds_the_request():
    q = build_query({
        "name_contains": "llama-3", "status_equals": "InProgress", "warm_pool_status_equals": "Available",
        "training_plan_arn_equals": PLAN, "creation_time_after": "7d", "last_modified_time_before": "2026-12-01",
        "sort_by": "Name", "sort_order": "Ascending", "page_size": 50,
    })
    req = q.request(NOW)
    assert req == {
        "NameContains": "llama-3", "StatusEquals": "InProgress", "WarmPoolStatusEquals": "Available",
        "TrainingPlanArnEquals": PLAN, "CreationTimeAfter": NOW - timedelta(days=7),
        "LastModifiedTimeBefore": datetime(2026, 12, 1, tzinfo=timezone.utc),
        "SortBy": "Name", "SortOrder": "Ascending", "MaxResults": 50,
    }


def test_defaults_are_newest_first_and_full_pages():
    assert JobQuery().request(NOW) == {"SortBy": "CreationTime", "SortOrder": "Descending", "MaxResults": 100}


def test_empty_strings_mean_unset():
    assert build_query({"name_contains": "", "status_equals": None}) == JobQuery()


def test_relative_times_slide_with_now():
    q = build_query({"creation_time_after": "1h"})
    assert q.request(NOW)["CreationTimeAfter"] == NOW - timedelta(hours=1)
    later = NOW + timedelta(minutes=30)
    assert q.request(later)["CreationTimeAfter"] == later - timedelta(hours=1)


def test_matches_each_filter_like_the_server():
    j = job(status="InProgress", warm_pool_status="InUse", training_plan_arn=PLAN,
            last_modified_time=NOW - timedelta(minutes=5))
    assert JobQuery(name_contains="SFT").matches(j, NOW)  # case-insensitive substring
    assert not JobQuery(name_contains="bert").matches(j, NOW)
    assert JobQuery(status_equals="InProgress").matches(j, NOW)
    assert not JobQuery(status_equals="Failed").matches(j, NOW)
    assert JobQuery(warm_pool_status_equals="InUse").matches(j, NOW)
    assert not JobQuery(warm_pool_status_equals="InUse").matches(job(), NOW)  # no pool never matches
    assert JobQuery(training_plan_arn_equals=PLAN).matches(j, NOW)
    assert not JobQuery(training_plan_arn_equals=PLAN).matches(job(), NOW)
    assert JobQuery(creation_time_after=parse_time("3h")).matches(j, NOW)
    assert not JobQuery(creation_time_after=parse_time("1h")).matches(j, NOW)
    assert JobQuery(creation_time_before=parse_time("1h")).matches(j, NOW)
    assert JobQuery(last_modified_time_after=parse_time("10m")).matches(j, NOW)
    assert not JobQuery(last_modified_time_after=parse_time("1m")).matches(j, NOW)
    # a job with no LastModifiedTime cannot satisfy a LastModifiedTime bound
    assert not JobQuery(last_modified_time_before=parse_time("1m")).matches(job(), NOW)


def test_time_bounds_are_strict():
    exact = JobQuery(creation_time_after=parse_time("2h"))
    assert not exact.matches(job(), NOW)


def test_membership_can_change_only_for_mutable_filters():
    assert not JobQuery(name_contains="a", training_plan_arn_equals=PLAN).membership_can_change
    assert JobQuery(status_equals="Completed").membership_can_change
    assert JobQuery(last_modified_time_after=parse_time("1d")).membership_can_change
