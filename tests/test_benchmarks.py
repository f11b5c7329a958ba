"""The benchmarks keep working: each runs at --size small through the same code and reports its figures."""

import pytest

from benchmarks.run import BENCHMARKS, markdown, run

EXPECTED = {"calls": 2, "listing": 2, "first_rows": 1, "table": 3, "memory": 1, "ceiling": 2}


@pytest.mark.parametrize("name", BENCHMARKS)
def test_benchmark_reports_its_figures(name):
    figures = run("small", [name])
    assert len(figures) == EXPECTED[name]
    for f in figures:
        assert f.value >= 0 and f.unit
        assert (f.passed is None) == (f.goal == "")  # a goal always comes with a verdict
        if f.baseline is not None:
            assert f.ratio is not None
    assert markdown(figures).count("\n") == len(figures) + 1

