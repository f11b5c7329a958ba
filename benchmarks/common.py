"""What every benchmark shares: the Figure it reports, the sizes, and the simulator in its own process."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PYTHON = sys.executable
BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parent.parent
DUMMY_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_DEFAULT_REGION": "us-east-1"}
_SERVING = re.compile(r"serving (\d+) jobs at (\S+)")


@dataclass(frozen=True)
class Figure:
    """One measured figure, its baseline measured in the same run, and the goal it is held to."""

    bench: str
    name: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_label: str = ""
    goal: str = ""
    passed: bool | None = None
    """None: informational, no goal."""
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """value / baseline."""
        if self.baseline in (None, 0):
            return None
        return self.value / self.baseline

    @property
    def verdict(self) -> str:
        return "" if self.passed is None else "PASS" if self.passed else "MISS"


@dataclass(frozen=True)
class Sizes:
    """The sizes one run uses: `full` is the issue's, `small` keeps the test suite fast."""

    name: str
    calls_jobs: tuple[int, ...]
    calls_rounds: int
    calls_pause: float
    list_jobs: int
    list_repeats: int
    first_jobs: int
    table_rows: int
    memory_jobs: int
    ceiling_seconds: float


SIZES = {
    "full": Sizes("full", calls_jobs=(10_000, 50_000), calls_rounds=4, calls_pause=1.0, list_jobs=10_000,
                  list_repeats=3, first_jobs=10_000, table_rows=10_000, memory_jobs=100_000, ceiling_seconds=3.0),
    "small": Sizes("small", calls_jobs=(600,), calls_rounds=2, calls_pause=0.05, list_jobs=300, list_repeats=1,
                   first_jobs=300, table_rows=300, memory_jobs=500, ceiling_seconds=0.3),
}


class SimProcess:
    """`python -m smtui.sim` in its own process, so its CPU does not share the client's event loop."""

    def __init__(self, jobs: int, seed: int = 7, speed: float = 0.0, *extra: str) -> None:
        self.jobs, self.seed, self.speed, self.extra = jobs, seed, speed, extra
        self.url = ""
        self.served = 0
        self._proc: subprocess.Popen | None = None

    def __enter__(self) -> SimProcess:
        cmd = [PYTHON, "-m", "smtui.sim", "--port", "0", "--jobs", str(self.jobs), "--seed", str(self.seed),
               "--speed", str(self.speed), *self.extra]
        self._proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                                      cwd=REPO, env=child_env())
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline()
        match = _SERVING.search(line)
        if not match:
            self.__exit__()
            raise RuntimeError(f"the simulator did not start: {line!r}")
        self.served, self.url = int(match.group(1)), match.group(2)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.send_signal(signal.SIGTERM)
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._proc = None


def child_env(**extra: str) -> dict[str, str]:
    """No AWS settings from this machine, dummy credentials, this repository importable."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "SMTUI_"))}
    env.update(DUMMY_CREDENTIALS, AWS_EC2_METADATA_DISABLED="true", AWS_CONFIG_FILE=os.devnull,
               AWS_SHARED_CREDENTIALS_FILE=os.devnull, PYTHONPATH=str(REPO), **extra)
    return env


def use_dummy_credentials() -> None:
    """For clients built in this process (boto3, aiobotocore): the same clean environment."""
    for key in [k for k in os.environ if k.startswith("AWS_")]:
        del os.environ[key]
    os.environ.update(DUMMY_CREDENTIALS, AWS_EC2_METADATA_DISABLED="true", AWS_CONFIG_FILE=os.devnull,
                      AWS_SHARED_CREDENTIALS_FILE=os.devnull)


def median(values: list[float]) -> float:
    s = sorted(values)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


class Stopwatch:
    """`with Stopwatch() as w: ...; w.seconds`."""

    def __enter__(self) -> Stopwatch:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.seconds = time.perf_counter() - self.start
