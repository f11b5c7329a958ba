"""Settings: everything a run needs (connection, query, refresh timing), and the optional config file."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from .aws import Connection
from .query import JobQuery


class ConfigProblem(ValueError):
    """The config file or an environment value is unreadable; str() is one sentence."""


@dataclass(frozen=True)
class DemoSettings:
    """The embedded simulator's fleet."""

    jobs: int = 400
    seed: int = 7
    speed: float = 30.0


@dataclass(frozen=True)
class Settings:
    """One run of smtui."""

    connection: Connection = field(default_factory=Connection)
    query: JobQuery = field(default_factory=JobQuery)
    interval: float = 10.0
    full_every: float = 600.0
    allow_stop: bool = False
    demo: DemoSettings | None = None


def config_path(environ: Mapping[str, str] = os.environ) -> Path:
    """SMTUI_CONFIG, else $XDG_CONFIG_HOME/smtui/config.toml, else ~/.config/smtui/config.toml."""
    if environ.get("SMTUI_CONFIG"):
        return Path(environ["SMTUI_CONFIG"]).expanduser()
    base = environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "smtui" / "config.toml"


def load_config(path: Path) -> dict[str, Any]:
    """The config file's settings with dashes as in the flags ({} when there is no file)."""
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigProblem(f"Cannot read the config file {path}: {exc.strerror or exc}.") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigProblem(f"The config file {path} is not valid TOML: {exc}.") from None
    return {str(k).replace("_", "-"): v for k, v in data.items()}
