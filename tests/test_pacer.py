"""Pacer: calls spaced a little over 1/rate apart, whoever asks; no limit at rate 0."""

import asyncio
import time

from smtui.pacer import Pacer


async def test_spaces_concurrent_callers():
    pacer = Pacer(rate=20)
    stamps = []

    async def call():
        await pacer.wait()
        stamps.append(time.monotonic())

    await asyncio.gather(*(call() for _ in range(10)))
    gaps = [b - a for a, b in zip(stamps, stamps[1:])]
    assert min(gaps) >= 0.05 * 0.98
    assert max(sum(1 for u in stamps if t <= u < t + 1.0) for t in stamps) <= 20


async def test_rate_zero_lifts_the_limit():
    pacer = Pacer(rate=0)
    start = time.monotonic()
    for _ in range(100):
        await pacer.wait()
    assert time.monotonic() - start < 0.05
