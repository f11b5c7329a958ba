"""Running the smtui command (and the AWS CLI) as a user would: a subprocess with a clean AWS environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """No AWS settings from this machine, no instance-metadata lookups, a home with no ~/.aws."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "SMTUI_"))}
    env.update(HOME=str(home), AWS_EC2_METADATA_DISABLED="true", AWS_CONFIG_FILE=str(home / "none"),
               AWS_SHARED_CREDENTIALS_FILE=str(home / "none"), NO_COLOR="1", **extra)
    return env


def run_smtui(args: list[str], env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    """`smtui ARGS` as a subprocess."""
    return subprocess.run([str(BIN / "smtui"), *args], env=env, capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)


def run_aws(args: list[str], env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    """The AWS CLI as a subprocess (importing it would swap botocore under us)."""
    return subprocess.run([str(BIN / "aws"), *args], env=env, capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)
