"""The aiohttp server speaking SageMaker's JSON 1.1 protocol for a Fleet, with faults injected."""

from __future__ import annotations

import asyncio
import collections
import json
import re
import time
import uuid
from datetime import datetime

from aiohttp import web

from .errors import ApiError
from .faults import SERVER_ERRORS, THROTTLED, Faults
from .fleet import Fleet

CONTENT_TYPE = "application/x-amz-json-1.1"
ARRIVED = web.RequestKey("arrived", float)
_CREDENTIAL = re.compile(r"Credential=([^/,\s]+)/")


def to_wire(value, skew: float = 0.0):
    """JSON-ready copy of a response: datetimes become epoch seconds (moved by skew)."""
    if isinstance(value, datetime):
        return round(value.timestamp() + skew, 3)
    if isinstance(value, dict):
        return {k: to_wire(v, skew) for k, v in value.items()}
    if isinstance(value, list):
        return [to_wire(v, skew) for v in value]
    return value


def _error(err: ApiError) -> web.Response:
    return web.Response(
        status=err.status, content_type=CONTENT_TYPE,
        body=json.dumps({"__type": err.code, "message": err.message}).encode(),
        headers={"x-amzn-ErrorType": err.code, "x-amzn-RequestId": str(uuid.uuid4())})


class SimServer:
    """SageMaker on 127.0.0.1 for one fleet: counts calls, logs outcomes, injects faults."""

    def __init__(self, fleet: Fleet, faults: Faults | None = None) -> None:
        self.fleet = fleet
        self.faults = faults or Faults()
        self.calls: collections.Counter[str] = collections.Counter()
        self.throttled = 0
        self.log: list[tuple[float, str, str]] = []  # (monotonic time, operation, outcome)
        self.url: str | None = None
        self._runner: web.AppRunner | None = None

    async def start(self, port: int = 0) -> str:
        """Serve on 127.0.0.1:port (0 picks a free one); returns the endpoint URL."""
        app = web.Application(client_max_size=1 << 20)
        app.router.add_post("/", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5, handler_cancellation=True)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        host, bound = self._runner.addresses[0][:2]
        self.url = f"http://{host}:{bound}"
        return self.url

    async def stop(self) -> None:
        """Stop serving (in-flight stalls are cut short)."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def busiest_second(self) -> int:
        """The most requests that arrived within any one second (a client's pacing shows here)."""
        times = sorted(t for t, _, _ in self.log)
        best, lo = 0, 0
        for hi, t in enumerate(times):
            while t - times[lo] >= 1.0:
                lo += 1
            best = max(best, hi - lo + 1)
        return best

    def _record(self, request: web.Request, op: str, outcome: str) -> None:
        # logged at arrival, once per request: that is what a client's pacing is judged by
        self.log.append((request[ARRIVED], op, outcome))

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        request[ARRIVED] = time.monotonic()
        op = request.headers.get("X-Amz-Target", "").rpartition(".")[2] or "(none)"
        self.calls[op] += 1
        f = self.faults
        match = _CREDENTIAL.search(request.headers.get("Authorization", ""))
        if f.throttle(match.group(1) if match else "anonymous"):
            self.throttled += 1
            self._record(request, op, THROTTLED.code)
            return _error(THROTTLED)
        if f.latency > 0:
            await asyncio.sleep(f.latency)
        try:
            params = json.loads(await request.read() or b"{}")
            if not isinstance(params, dict):
                raise ValueError("not an object")
        except ValueError:
            return self._fail(request, op, ApiError("SerializationException", "Request body is not a JSON object"))
        has_token = bool(params.get("NextToken"))
        for kind in ("expired_token", "access_denied"):
            if f.fires(kind, op):
                return self._fail(request, op, f.error_for(kind, op))
        err = f.server_error()
        if err is not None:
            return self._fail(request, op, err)
        stalled = f.fires("stall", op)
        if stalled:
            await asyncio.sleep(f.stall)
        if f.fires("reject_token", op, has_token):
            return self._fail(request, op, ApiError("ValidationException", "Invalid pagination token"))
        try:
            body = self._dispatch(op, params, repeat=f.fires("repeat_job", op, has_token))
        except ApiError as e:
            return self._fail(request, op, e)
        except Exception:  # a sim bug must still look like AWS to the client
            return self._fail(request, op, SERVER_ERRORS[0])
        if op == "ListTrainingJobs" and f.fires("no_summaries", op):
            body.pop("TrainingJobSummaries", None)
        payload = json.dumps(to_wire(body, f.skew if f.fires("clock_skew", op) else 0.0)).encode()
        if f.fires("not_json", op):
            self._record(request, op, "not_json")
            return web.Response(status=200, content_type="text/html",
                                body=b"<html><body><h1>502 Bad Gateway</h1></body></html>")
        if f.fires("reset", op):
            self._record(request, op, "reset")
            return await self._reset(request, payload)
        self._record(request, op, "stall" if stalled else "ok")
        return web.Response(body=payload, content_type=CONTENT_TYPE,
                            headers={"x-amzn-RequestId": str(uuid.uuid4())})

    def _fail(self, request: web.Request, op: str, err: ApiError) -> web.Response:
        self._record(request, op, err.code)
        return _error(err)

    def _dispatch(self, op: str, params: dict, repeat: bool) -> dict:
        if op == "ListTrainingJobs":
            return self.fleet.list_training_jobs(params, repeat_previous=repeat)
        if op in ("DescribeTrainingJob", "StopTrainingJob"):
            name = params.get("TrainingJobName")
            if not isinstance(name, str):
                raise ApiError("ValidationException", "TrainingJobName is required.")
            if op == "StopTrainingJob":
                self.fleet.stop(name)
                return {}
            return self.fleet.describe(name)
        raise ApiError("UnknownOperationException", f"Operation {op} is not supported by smtui.sim.")

    async def _reset(self, request: web.Request, payload: bytes) -> web.StreamResponse:
        """Promise the whole body, send half, then drop the connection."""
        resp = web.StreamResponse(status=200, headers={"Content-Type": CONTENT_TYPE})
        resp.content_length = len(payload)
        await resp.prepare(request)
        await resp.write(payload[: len(payload) // 2])
        if request.transport is not None:
            request.transport.abort()
        return resp
