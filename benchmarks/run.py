"""Run the benchmarks and print each figure beside its baseline, the ratio, and the goal with PASS/MISS.

    python -m benchmarks                 # the issue's sizes (several minutes)
    python -m benchmarks --size small    # tiny sizes, as the test suite runs them
    python -m benchmarks --only listing  # one benchmark (calls, listing, first_rows, table, memory, ceiling)
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from typing import Callable

from .common import SIZES, Figure, Sizes

BENCHMARKS = ("calls", "listing", "first_rows", "table", "memory", "ceiling")
"""Modules of this package, in the issue's order (1, 2, 3, 4, 5, 6)."""


def load(name: str) -> Callable[[Sizes], list[Figure]]:
    """The run function of benchmarks.<name>."""
    return importlib.import_module(f"benchmarks.{name}").run


def run(size: str = "full", only: list[str] | None = None, echo: Callable[[str], None] | None = None) -> list[Figure]:
    """Run the chosen benchmarks at a size; every figure, printed through echo as it comes."""
    sizes = SIZES[size]
    figures: list[Figure] = []
    for name in only or BENCHMARKS:
        start = time.perf_counter()
        got = load(name)(sizes)
        figures += got
        if echo:
            for figure in got:
                echo(line(figure))
            echo(f"  ({name}: {time.perf_counter() - start:.1f} s)")
    return figures


def _num(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "calls":
        return f"{value:,.0f} {unit}"
    if abs(value) >= 100:
        return f"{value:,.0f} {unit}"
    return f"{value:.3g} {unit}"


def line(f: Figure) -> str:
    """One figure as a readable line, and its note below."""
    ratio = "-" if f.ratio is None else f"{f.ratio:.3g}x"
    base = f"{_num(f.baseline, f.unit)} ({f.baseline_label})" if f.baseline is not None else "-"
    head = (f"[{f.bench}] {f.name}\n    smtui {_num(f.value, f.unit)} | baseline {base} | ratio {ratio}"
            f" | goal {f.goal or '-'} {f.verdict}")
    return head + (f"\n    {f.note}" if f.note else "")


def markdown(figures: list[Figure]) -> str:
    """The figures as a Markdown table (for README.md)."""
    rows = ["| # | Figure | smtui | Baseline | Ratio | Goal | |", "|---|---|---|---|---|---|---|"]
    for f in figures:
        base = f"{_num(f.baseline, f.unit)} ({f.baseline_label})" if f.baseline is not None else "-"
        ratio = "-" if f.ratio is None else f"{f.ratio:.3g}x"
        rows.append(f"| {f.bench.split()[0]} | {f.name} | {_num(f.value, f.unit)} | {base} | {ratio} | "
                    f"{f.goal or '-'} | {f.verdict} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--size", choices=sorted(SIZES), default="full")
    p.add_argument("--only", action="append", choices=BENCHMARKS, metavar="NAME",
                   help=f"run only this benchmark (repeatable): {', '.join(BENCHMARKS)}")
    p.add_argument("--markdown", action="store_true", help="also print the figures as a Markdown table")
    args = p.parse_args(argv)
    figures = run(args.size, args.only, echo=lambda s: print(s, flush=True))
    if args.markdown:
        print()
        print(markdown(figures))
    missed = [f for f in figures if f.passed is False]
    print(f"\n{len(figures)} figures; {sum(f.passed is True for f in figures)} goals met, {len(missed)} missed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
