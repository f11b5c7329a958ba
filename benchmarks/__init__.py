"""Benchmarks from issue 4, run against the standalone simulator on loopback: `python -m benchmarks`."""
