"""`python -m benchmarks [--size small|full] [--only NAME]`."""

from .run import main

if __name__ == "__main__":
    raise SystemExit(main())
