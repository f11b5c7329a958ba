"""The aiobotocore SageMaker client: connection settings, credentials, retries, and per-attempt pacing."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, AsyncIterator, Mapping
from urllib.parse import urlsplit, urlunsplit

from aiobotocore.config import AioConfig
from aiobotocore.session import AioSession
from botocore.utils import parse_timestamp

from .callstats import CallStats
from .pacer import Pacer
from .servicemodel import shared_loader

DEMO_CREDENTIALS = {"aws_access_key_id": "smtui-demo", "aws_secret_access_key": "smtui-demo"}


# botocore session variables the demo ignores: (config key, environment variable, default, converter)
DEMO_SESSION_VARS = {name: (None, None, None, None) for name in
                     ("profile", "config_file", "credentials_file", "ca_bundle", "region")}


class ConnectionProblem(Exception):
    """The client cannot be set up; str() is one sentence saying what to do."""


@dataclass(frozen=True)
class Connection:
    """Where and how to reach SageMaker."""

    profile: str | None = None
    region: str | None = None
    endpoint_url: str | None = None
    demo: bool = False
    rate: float = 2.0
    max_attempts: int = 4
    connect_timeout: float = 5.0
    read_timeout: float = 20.0

    @property
    def label(self) -> str:
        """Where the data comes from, safe to show: no user-info from the URL."""
        if self.demo:
            return "demo"
        if self.endpoint_url:
            return hide_userinfo(self.endpoint_url)
        return f"{self.profile or 'default'} @ {self.region or '?'}"


def hide_userinfo(url: str) -> str:
    """The URL with any user:password@ part replaced by ***@."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"***@{host}"))


def endpoint_from_env(environ: Mapping[str, str]) -> str | None:
    """The endpoint the AWS SDKs' environment names, SageMaker's own first."""
    return environ.get("AWS_ENDPOINT_URL_SAGEMAKER") or environ.get("AWS_ENDPOINT_URL") or None


def parse_timestamp_utc(value: Any) -> datetime:
    """A response timestamp as an aware UTC datetime.

    botocore's default goes through dateutil's tzlocal for every timestamp, the costliest step of parsing a
    listing (about 40% of a page's client time); epoch numbers, what SageMaker's JSON protocol sends, go
    straight to UTC here, and anything else takes botocore's own path."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, timezone.utc)
    try:
        return datetime.fromtimestamp(float(value), timezone.utc)
    except (TypeError, ValueError, OverflowError, OSError):
        parsed = parse_timestamp(value)
        return parsed.astimezone(timezone.utc) if parsed.tzinfo is not None else parsed


def make_session(conn: Connection) -> AioSession:
    """An aiobotocore session for the connection's profile; ConnectionProblem if the profile is unknown.

    The demo's session reads nothing of the user's AWS set-up (profile, config files, CA bundle): it talks
    only to the simulator on 127.0.0.1."""
    session = AioSession(session_vars=DEMO_SESSION_VARS if conn.demo else None)
    session.register_component("data_loader", shared_loader())
    session.get_component("response_parser_factory").set_parser_defaults(timestamp_parser=parse_timestamp_utc)
    if conn.profile:
        if conn.profile not in session.available_profiles:
            raise ConnectionProblem(
                f"The AWS profile {conn.profile!r} is not in your AWS config files; "
                "run `aws configure --profile NAME` or pick one of: "
                f"{', '.join(session.available_profiles) or 'none defined'}."
            )
        session.set_config_variable("profile", conn.profile)
    return session


async def client_kwargs(session: AioSession, conn: Connection) -> dict[str, Any]:
    """Arguments for create_client, or ConnectionProblem with what to configure."""
    region = conn.region or session.get_config_variable("region")
    if not region:
        if not (conn.demo or conn.endpoint_url):
            raise ConnectionProblem(
                "No AWS region is set: pass --region, set AWS_REGION, or run `aws configure`."
            )
        region = "us-east-1"
    kwargs: dict[str, Any] = {
        "region_name": region,
        "config": AioConfig(
            retries={"mode": "adaptive", "max_attempts": conn.max_attempts},
            connect_timeout=conn.connect_timeout,
            read_timeout=conn.read_timeout,
            user_agent_extra="smtui",
        ),
    }
    if conn.endpoint_url:
        kwargs["endpoint_url"] = conn.endpoint_url
    if conn.demo:
        kwargs.update(DEMO_CREDENTIALS)
    elif await session.get_credentials() is None:
        if not conn.endpoint_url:
            raise ConnectionProblem(
                "No AWS credentials found: run `aws configure` or `aws sso login`, set AWS_PROFILE "
                "or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or try `smtui --demo`."
            )
        # a local SageMaker-compatible endpoint (moto, the simulator) still wants a signed request
        kwargs.update(DEMO_CREDENTIALS)
    return kwargs


def instrument(client: Any, stats: CallStats, pacer: Pacer) -> None:
    """Pace and count every HTTP attempt the client sends, botocore's own retries included."""

    async def before_send(event_name: str = "", **_: Any) -> None:
        await pacer.wait()
        stats.record_call(event_name.rsplit(".", 1)[-1])

    def needs_retry(response: Any = None, caught_exception: Any = None, **_: Any) -> None:
        if caught_exception is not None:
            stats.record_error(type(caught_exception).__name__)
        elif response is not None:
            code = (response[1] or {}).get("Error", {}).get("Code")
            if code:
                stats.record_error(code)

    client.meta.events.register("before-send.sagemaker", before_send)
    client.meta.events.register("needs-retry.sagemaker", needs_retry)


@contextlib.asynccontextmanager
async def open_client(conn: Connection, stats: CallStats, pacer: Pacer | None = None) -> AsyncIterator[Any]:
    """A paced, counted aiobotocore SageMaker client for the connection's lifetime."""
    session = make_session(conn)
    kwargs = await client_kwargs(session, conn)
    async with session.create_client("sagemaker", **kwargs) as client:
        instrument(client, stats, pacer or Pacer(conn.rate))
        yield client


def environment_region(environ: Mapping[str, str] = os.environ) -> str | None:
    """AWS_REGION, then AWS_DEFAULT_REGION."""
    return environ.get("AWS_REGION") or environ.get("AWS_DEFAULT_REGION") or None
