"""The `smtui` command: flags named as the AWS CLI names them, --once listing, or the live dashboard."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from typing import Any, NoReturn, Sequence

from . import __version__
from .aws import Connection, ConnectionProblem, endpoint_from_env, environment_region
from .errors import sentence
from .output import FORMATS
from .query import STRING_FILTERS, TIME_FILTERS, QueryError, build_query
from .servicemodel import enum_values
from .settings import ConfigProblem, DemoSettings, Settings, config_path, load_config

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad input on the command line; str() is one sentence."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message[0].upper() + message[1:] + ("" if message.endswith(".") else "."))


def _positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise ValueError(text)
    return value


_positive_float.__name__ = "positive number"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also read by the help screen and the README)."""
    p = _Parser(
        prog="smtui",
        description="A live terminal dashboard for Amazon SageMaker training jobs.",
        epilog="Times are ISO 8601 (2026-12-01, 2026-12-01T09:30Z) or durations back from now (90m, 12h, 7d). "
        "Defaults may be set in ~/.config/smtui/config.toml (keys named as the flags).",
    )
    p.add_argument("--version", action="version", version=f"smtui {__version__}")
    conn = p.add_argument_group("connection")
    conn.add_argument("--profile", help="AWS profile (default: AWS_PROFILE or the default profile)")
    conn.add_argument("--region", help="AWS region (default: AWS_REGION / AWS_DEFAULT_REGION / the profile's)")
    conn.add_argument("--endpoint-url", help="a SageMaker-compatible endpoint (default: AWS_ENDPOINT_URL_SAGEMAKER)")
    conn.add_argument("--demo", action="store_true", help="use the embedded simulator; needs no AWS account")
    conn.add_argument("--demo-jobs", type=int, default=400, help="jobs in the demo fleet (default 400)")
    conn.add_argument("--demo-seed", type=int, default=7, help="the demo fleet's seed (default 7)")
    conn.add_argument("--demo-speed", type=float, default=30.0, help="demo clock speed-up (default 30)")
    conn.add_argument("--rate", type=_positive_float, default=2.0,
                      help="at most this many API calls a second (default 2; the quota is shared)")
    q = p.add_argument_group("query (ListTrainingJobs request parameters)")
    q.add_argument("--name-contains", metavar="TEXT", help="jobs whose name contains TEXT")
    q.add_argument("--status-equals", metavar="STATUS", help=f"one of {', '.join(enum_values('StatusEquals'))}")
    q.add_argument("--warm-pool-status-equals", metavar="STATUS",
                   help=f"one of {', '.join(enum_values('WarmPoolStatusEquals'))}")
    q.add_argument("--training-plan-arn-equals", metavar="ARN", help="jobs run under this training plan")
    for attr in TIME_FILTERS:
        q.add_argument("--" + attr.replace("_", "-"), metavar="TIME")
    q.add_argument("--sort-by", default="CreationTime", help="Name, CreationTime or Status (default CreationTime)")
    q.add_argument("--sort-order", default="Descending", help="Ascending or Descending (default Descending)")
    q.add_argument("--page-size", type=int, default=100, help="MaxResults per call, 1 to 100 (default 100)")
    q.add_argument("--max-items", type=int, default=1000, help="list at most this many jobs; 0 = all (default 1000)")
    run = p.add_argument_group("running")
    run.add_argument("--interval", type=_positive_float, default=10.0, help="seconds between refreshes (default 10)")
    run.add_argument("--full-every", type=_positive_float, default=600.0,
                     help="seconds between full listings that catch deletions (default 600)")
    run.add_argument("--once", action="store_true", help="list once, print, and exit")
    run.add_argument("--output", choices=FORMATS, help="--once output: table (default on a terminal), json, csv")
    run.add_argument("--allow-stop", action="store_true", help="allow stopping jobs from the dashboard (asks first)")
    return p


def _apply_config(parser: argparse.ArgumentParser, config: dict[str, Any]) -> None:
    """Config file values become defaults, checked with the same converters as the flags."""
    actions = {a.dest.replace("_", "-"): a for a in parser._actions if a.dest not in ("help", "version")}
    defaults = {}
    for key, value in config.items():
        action = actions.get(key)
        if action is None or key in ("once", "demo"):
            raise ConfigProblem(f"The config file has an unknown setting {key!r}.")
        try:
            if action.type is not None and not isinstance(value, bool):
                value = action.type(str(value))
        except (TypeError, ValueError):
            raise ConfigProblem(f"The config file's {key} = {value!r} is not valid.") from None
        defaults[action.dest] = value
    parser.set_defaults(**defaults)


def parse_settings(argv: Sequence[str] | None, environ: dict[str, str] | None = None) -> tuple[Settings, argparse.Namespace]:
    """Settings from flags, environment and config file; UsageError / ConfigProblem / QueryError on bad input."""
    environ = dict(os.environ if environ is None else environ)
    parser = build_parser()
    _apply_config(parser, load_config(config_path(environ)))
    args = parser.parse_args(argv)
    inputs = {attr: getattr(args, attr) for attr in (*STRING_FILTERS, *TIME_FILTERS)}
    inputs.update(sort_by=args.sort_by, sort_order=args.sort_order, page_size=args.page_size,
                  max_items=args.max_items)
    query = build_query(inputs)
    conn = Connection(
        profile=None if args.demo else (args.profile or environ.get("AWS_PROFILE") or None),
        region=None if args.demo else (args.region or environment_region(environ)),
        endpoint_url=None if args.demo else (args.endpoint_url or endpoint_from_env(environ)),
        demo=args.demo,
        rate=args.rate,
    )
    demo = DemoSettings(jobs=args.demo_jobs, seed=args.demo_seed, speed=args.demo_speed) if args.demo else None
    settings = Settings(conn, query, interval=args.interval, full_every=args.full_every,
                        allow_stop=args.allow_stop, demo=demo)
    return settings, args


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: exit 0 on success, 2 for bad input, 1 for an API or connection failure."""
    try:
        settings, args = parse_settings(argv)
    except (UsageError, ConfigProblem, QueryError) as exc:
        print(f"smtui: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.once:
            from .once import run_once

            fmt = args.output or ("table" if sys.stdout.isatty() else "json")
            return asyncio.run(run_once(settings, fmt, sys.stdout))
        from .ui.app import run_dashboard

        return run_dashboard(settings)
    except ConnectionProblem as exc:
        print(f"smtui: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the promise: no traceback ever reaches the user
        print(f"smtui: {sentence(exc)}", file=sys.stderr)
        return EXIT_FAILURE
