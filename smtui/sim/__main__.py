"""`python -m smtui.sim`: serve a simulated SageMaker account until SIGINT/SIGTERM."""

from __future__ import annotations

import argparse
import collections
import asyncio
import signal

from .clock import SimClock
from .faults import Faults
from .fleet import Fleet
from .server import SimServer


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m smtui.sim", description=__doc__)
    p.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any free one)")
    p.add_argument("--jobs", type=int, default=400, help="jobs that already exist at start")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--speed", type=float, default=30.0, help="sim seconds per real second (0 freezes)")
    p.add_argument("--rate-limit", type=float, default=None, help="requests/s before ThrottlingException")
    p.add_argument("--error-rate", type=float, default=0.0, help="share of requests answered 500/503")
    p.add_argument("--latency", type=float, default=0.0, help="seconds added to every response")
    p.add_argument("--report", type=float, default=0.0, metavar="SECONDS",
                   help="print what was answered every SECONDS (calls by operation and outcome, busiest second)")
    return p.parse_args(argv)


async def serve(args: argparse.Namespace) -> None:
    fleet = Fleet(seed=args.seed, jobs=args.jobs, clock=SimClock(speed=args.speed))
    faults = Faults(rate_limit=args.rate_limit, error_rate=args.error_rate, latency=args.latency, seed=args.seed)
    server = SimServer(fleet, faults)
    url = await server.start(args.port)
    print(f"smtui.sim serving {fleet.job_count()} jobs at {url}", flush=True)
    done = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, done.set)
    reporter = asyncio.create_task(report(server, args.report)) if args.report > 0 else None
    try:
        await done.wait()
    finally:
        if reporter is not None:
            reporter.cancel()
        await server.stop()


async def report(server: SimServer, every: float) -> None:
    """A line every `every` seconds: calls by operation, outcomes, and the busiest second so far."""
    while True:
        await asyncio.sleep(every)
        outcomes = collections.Counter(outcome for _, _, outcome in server.log)
        ops = ", ".join(f"{op} {n}" for op, n in sorted(server.calls.items()))
        outs = ", ".join(f"{o} {n}" for o, n in outcomes.most_common())
        print(f"{server.fleet.job_count()} jobs; calls: {ops}; outcomes: {outs}; busiest second: {server.busiest_second()}",
              flush=True)


def main(argv: list[str] | None = None) -> None:
    asyncio.run(serve(parse_args(argv)))


if __name__ == "__main__":
    main()
