"""TableOrder keeps the display order equal to sorting every job from scratch, whatever the batches."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from smtui.jobs import Job
from smtui.table_order import COLUMN_KEYS, TableOrder, sort_key

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc)
NAMES = [f"job-{i:02d}" for i in range(40)]


def optional(values):
    return st.one_of(st.none(), st.sampled_from(values))


@st.composite
def jobs(draw, names=st.sampled_from(NAMES)):
    """A job with few distinct values (many ties) and missing fields."""
    created = T0 + timedelta(seconds=draw(st.integers(0, 5)))
    return Job(
        name=draw(names), arn="", status=draw(st.sampled_from(["InProgress", "Completed", "Failed", "Stopping"])),
        creation_time=created, secondary_status=draw(optional(["Training", "Completed", "Starting"])),
        training_end_time=draw(optional([created + timedelta(seconds=30)])),
        last_modified_time=draw(optional([created, created + timedelta(seconds=60)])),
        warm_pool_status=draw(optional(["InUse", "Available", "Terminated"])),
        warm_pool_billable_seconds=draw(optional([0, 30, 600])),
        training_plan_arn=draw(optional(["arn:aws:sagemaker:us-east-1:1:training-plan/a",
                                          "arn:aws:sagemaker:us-east-1:1:training-plan/b"])),
    )


batch = st.tuples(st.lists(jobs(), max_size=25), st.lists(st.sampled_from(NAMES), max_size=8))


def from_scratch(order: TableOrder) -> list[str]:
    """What the old DataTable did: sort every job by sort_key, reversed for a descending sort."""
    key = lambda j: sort_key(order.column, j, order.now, order.reverse)  # noqa: E731
    return [j.name for j in sorted(order.jobs.values(), key=key, reverse=order.reverse)]


def check(order: TableOrder) -> None:
    names = order.names()
    assert names == from_scratch(order)
    assert len(order) == len(order.jobs) == len(names)
    for i, name in enumerate(names):
        assert order.index(name) == i and order.name_at(i) == name
    if len(names) > 3:
        assert order.names(1, 3) == names[1:3]
        assert order.names(len(names) - 2) == names[-2:]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(COLUMN_KEYS), st.booleans(), st.lists(batch, min_size=1, max_size=12),
       st.sampled_from(COLUMN_KEYS), st.booleans())
def test_batches_keep_the_order(column, reverse, batches, column2, reverse2):
    order = TableOrder(column, reverse, T0 + timedelta(minutes=5))
    for added, removed in batches:
        removed = [n for n in removed if n not in {j.name for j in added}]  # disjoint, as in a JobsChanged
        order.update(added, removed)
        for name in removed:
            assert name not in order
        check(order)
    order.resort(column2, reverse2, T0 + timedelta(minutes=9))
    check(order)
    order.update([replace(j, status="Completed") for j in list(order.jobs.values())[:3]])
    check(order)


@settings(max_examples=40, deadline=None)
@given(st.lists(jobs(names=st.sampled_from([f"big-{i:03d}" for i in range(300)])), min_size=50, max_size=300),
       st.booleans())
def test_big_and_small_batches_agree(many, reverse):
    """A batch big enough to re-sort wholesale gives the same order as one job at a time."""
    wholesale, one_by_one = TableOrder("billable", reverse, T0), TableOrder("billable", reverse, T0)
    wholesale.update(many)
    for job in many:
        one_by_one.update([job])
    assert wholesale.names() == one_by_one.names() == from_scratch(wholesale)
    gone = [j.name for j in many[::3]]
    wholesale.update(removed=gone)
    for name in gone:
        one_by_one.update(removed=[name])
    assert wholesale.names() == one_by_one.names() == from_scratch(wholesale)


def test_duration_follows_the_clock():
    running = Job("a", "", "InProgress", T0)
    ended = Job("b", "", "Completed", T0 - timedelta(hours=1), training_end_time=T0 - timedelta(minutes=30))
    order = TableOrder("duration", True, T0 + timedelta(minutes=10))
    order.update([running, ended])
    assert order.names() == ["b", "a"]  # ran 30m, running 10m
    assert order.tick(T0 + timedelta(hours=1))
    assert order.names() == ["a", "b"]  # running 60m now
    order.resort("created")
    assert not order.tick(T0 + timedelta(hours=2))
