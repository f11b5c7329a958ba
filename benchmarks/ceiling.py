"""Benchmark 6: the ceiling, requests per second the standalone simulator serves (raw aiohttp client, no botocore)."""

from __future__ import annotations

import asyncio
import json
import time

import aiohttp

from .common import Figure, SimProcess, Sizes

HEADERS = {"X-Amz-Target": "SageMaker.ListTrainingJobs", "Content-Type": "application/x-amz-json-1.1",
           "Authorization": "AWS4-HMAC-SHA256 Credential=bench/20261204/us-east-1/sagemaker/aws4_request"}
PAGE = {"SortBy": "CreationTime", "SortOrder": "Descending", "MaxResults": 100}
TINY = {"SortBy": "CreationTime", "SortOrder": "Descending", "MaxResults": 1}


async def hammer(url: str, body: dict, seconds: float, concurrency: int) -> tuple[float, int]:
    """Requests answered per second by `concurrency` workers looping for `seconds`; and how many."""
    data = json.dumps(body).encode()
    done = 0
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as session:
        async with session.post(url, data=data, headers=HEADERS) as resp:  # warm up
            await resp.read()
        stop = time.perf_counter() + seconds

        async def worker() -> None:
            nonlocal done
            while time.perf_counter() < stop:
                async with session.post(url, data=data, headers=HEADERS) as resp:
                    await resp.read()
                    if resp.status != 200:
                        raise RuntimeError(f"the simulator answered {resp.status}")
                done += 1

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - start
    return done / elapsed, done


def run(sizes: Sizes) -> list[Figure]:
    seconds = sizes.ceiling_seconds
    with SimProcess(sizes.list_jobs, seed=5, speed=0) as sim:
        page8, _ = asyncio.run(hammer(sim.url, PAGE, seconds, 8))
        tiny8, _ = asyncio.run(hammer(sim.url, TINY, seconds, 8))
        page1, _ = asyncio.run(hammer(sim.url, PAGE, seconds, 1))
    return [
        Figure("6 ceiling", "simulator, ListTrainingJobs pages of 100, 8 connections", page8, "req/s", tiny8,
               "same, pages of 1 (HTTP floor)", note=f"{seconds:g} s each; raw aiohttp client"),
        Figure("6 ceiling", "simulator, ListTrainingJobs pages of 100, 1 connection", page1, "req/s",
               note=f"one call's round trip at the ceiling: {1000 / page1:.1f} ms"),
    ]
