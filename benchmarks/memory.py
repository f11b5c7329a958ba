"""Benchmark 5: peak RSS of the dashboard holding every job of a big account, against the same process empty."""

from __future__ import annotations

import json
import subprocess

from .common import PYTHON, REPO, Figure, SimProcess, Sizes, child_env

MB = 1024 * 1024


def child(url: str, expect: int, timeout: float) -> dict:
    """Run benchmarks.memory_child against url; its JSON report."""
    out = subprocess.run([PYTHON, "-m", "benchmarks.memory_child", url, str(expect)], cwd=REPO, env=child_env(),
                         capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    if out.returncode:
        raise RuntimeError(f"the memory child failed: {out.stderr.strip()[-800:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(sizes: Sizes) -> list[Figure]:
    jobs = sizes.memory_jobs
    with SimProcess(0, seed=5, speed=0) as empty:
        base = child(empty.url, 0, timeout=300)
    with SimProcess(jobs, seed=5, speed=0) as sim:
        full = child(sim.url, sim.served, timeout=1800)
    peak, floor = full["peak"] / MB, base["peak"] / MB
    per_job = (full["peak"] - base["peak"]) / max(1, full["rows"])
    return [Figure(
        "5 memory", f"peak RSS, dashboard holding {full['rows']:,} jobs", peak, "MB", floor,
        "same process, nothing loaded", "< 250 MB", peak < 250,
        note=f"{per_job / 1024:.2f} KB per job over the empty dashboard; store {full['store']:,} jobs, "
             f"table {full['rows']:,} rows; loaded in {full['seconds']:.1f} s")]
