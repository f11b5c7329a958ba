"""Arbitrary text into every filter input and flag: nothing crashes, and nothing SageMaker would reject is sent."""

import botocore.session
from botocore.validate import ParamValidator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smtui.cli import UsageError, parse_settings
from smtui.query import STRING_FILTERS, TIME_FILTERS, QueryError, build_query
from smtui.settings import ConfigProblem
from smtui.sim.errors import ApiError
from smtui.sim.listing import normalize
from smtui.timeparse import utcnow
from smtui.ui.filter_bar import resolve_plan

INPUT = botocore.session.get_session().get_service_model("sagemaker").operation_model("ListTrainingJobs").input_shape
FIELDS = [*STRING_FILTERS, *TIME_FILTERS, "sort_by", "sort_order"]
PLAN = "arn:aws:sagemaker:us-east-1:123456789012:training-plan/p5-reserved-capacity-q4"
# text that reaches the edges: valid names, plan ARNs, durations, ISO times, and anything at all
TEXT = st.one_of(
    st.text(max_size=80),
    st.from_regex(r"[a-zA-Z0-9\-]{0,70}", fullmatch=True),
    st.from_regex(r"\d{1,4}[smhdwx]", fullmatch=True),
    st.builds(lambda s: PLAN[: len(PLAN) - 10] + s, st.text(max_size=20)),
    st.sampled_from(["InProgress", "Available", "Name", "Descending", "2026-12-01", "2026-13-45T25:00Z", "-7d"]),
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_acceptable(request):
    report = ParamValidator().validate(request, INPUT)
    assert not report.has_errors(), report.generate_report()
    try:
        normalize(request)  # the simulator checks every constraint of the model, patterns included
    except ApiError as exc:  # pragma: no cover - a failure here is the bug this test looks for
        raise AssertionError(f"sent a request SageMaker would reject: {exc.message}") from None


@SETTINGS
@given(field=st.sampled_from(FIELDS), text=TEXT)
def test_every_filter_input_is_rejected_or_valid(field, text):
    try:
        query = build_query({field: text})
    except QueryError as exc:
        message = str(exc)
        assert message and "\n" not in message and "Traceback" not in message
        return
    assert_acceptable(query.request(utcnow()))


@SETTINGS
@given(values=st.fixed_dictionaries({}, optional={f: TEXT for f in FIELDS}),
       page_size=st.integers(-5, 200), max_items=st.integers(-5, 5000))
def test_any_combination_is_rejected_or_valid(values, page_size, max_items):
    try:
        query = build_query({**values, "page_size": page_size, "max_items": max_items})
    except QueryError:
        return
    assert 1 <= query.page_size <= 100 and query.max_items >= 0
    assert_acceptable(query.request(utcnow()))


@SETTINGS
@given(flag=st.sampled_from(["--name-contains", "--status-equals", "--warm-pool-status-equals",
                             "--training-plan-arn-equals", "--creation-time-after", "--last-modified-time-before",
                             "--sort-by", "--sort-order", "--page-size", "--max-items", "--interval", "--rate",
                             "--output", "--region"]),
       text=TEXT)
def test_every_flag_is_rejected_with_a_sentence_or_accepted(flag, text):
    try:
        settings_, _ = parse_settings([flag, text], environ={"SMTUI_CONFIG": "/nonexistent/smtui.toml"})
    except (UsageError, ConfigProblem, QueryError) as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert_acceptable(settings_.query.request(utcnow()))


@SETTINGS
@given(text=TEXT, plans=st.lists(st.sampled_from([PLAN, PLAN + "-b", PLAN.replace("p5", "trn1")]), max_size=3))
def test_plan_names_resolve_or_say_why(text, plans):
    try:
        arn = resolve_plan(text, plans)
    except QueryError as exc:
        assert str(exc)
        return
    assert arn == "" or arn.startswith("arn:") or arn in plans
