"""Turn any failure of a call into one plain sentence, with no secret in it."""

from __future__ import annotations

import asyncio
import re

from botocore import exceptions as bx
from botocore.parsers import ResponseParserError

from .aws import ConnectionProblem
from .callstats import THROTTLE_CODES

_SECRETS = [
    (re.compile(r"(AKIA|ASIA)[A-Z0-9]{12,}"), "***"),
    (re.compile(r"(Signature|Credential|X-Amz-Security-Token|X-Amz-Signature)=[^,&\s]+", re.I), r"\1=***"),
    (re.compile(r"(aws_secret_access_key|aws_session_token|SecretAccessKey|SessionToken)(['\"]?\s*[:=]\s*)\S+", re.I),
     r"\1\2***"),
    (re.compile(r"(://)[^/@\s]+@"), r"\1***@"),
]


def redact(text: str) -> str:
    """Text with access keys, signatures, tokens and URL user-info masked."""
    for pattern, repl in _SECRETS:
        text = pattern.sub(repl, text)
    return text


def error_code(exc: BaseException) -> str | None:
    """The AWS error code of a ClientError, else None."""
    if isinstance(exc, bx.ClientError):
        return exc.response.get("Error", {}).get("Code")
    return None


def is_throttle(exc: BaseException) -> bool:
    """Whether the failure is SageMaker throttling us."""
    return error_code(exc) in THROTTLE_CODES


def is_credentials_problem(exc: BaseException) -> bool:
    """Whether the fix is on the user's side (credentials, permissions), not a retry."""
    return isinstance(exc, (bx.NoCredentialsError, bx.PartialCredentialsError)) or error_code(exc) in {
        "ExpiredTokenException", "ExpiredToken", "AccessDeniedException", "AccessDenied",
        "UnrecognizedClientException", "InvalidSignatureException", "InvalidClientTokenId",
    }


def sentence(exc: BaseException) -> str:
    """One sentence on what went wrong and, where the user can act, what to do."""
    try:
        text = _sentence(exc)
    except Exception:  # describing a failure must never become one
        text = f"{type(exc).__name__} (no detail)"
    return redact(text).strip()


def _first_line(text: object) -> str:
    line = str(text).strip().splitlines()[0] if str(text).strip() else ""
    return line if len(line) <= 200 else line[:197] + "..."


def _sentence(exc: BaseException) -> str:
    code = error_code(exc)
    if code is not None:
        message = _first_line(exc.response.get("Error", {}).get("Message", ""))  # type: ignore[attr-defined]
        if code in THROTTLE_CODES:
            return "SageMaker is throttling requests (ThrottlingException); smtui is backing off."
        if code in {"ExpiredTokenException", "ExpiredToken"}:
            return "The AWS session token has expired: refresh your credentials (for example `aws sso login`)."
        if code in {"AccessDeniedException", "AccessDenied"}:
            action = f"sagemaker:{getattr(exc, 'operation_name', None) or 'ListTrainingJobs'}"
            return f"Access denied: this AWS identity may not call {action}; allow it in the identity's IAM policy."
        if code in {"UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException"}:
            return "AWS does not accept these credentials: check the access key, or run `aws configure`."
        if code == "ValidationException":
            return f"SageMaker rejected the request: {message or 'ValidationException'}"
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")  # type: ignore[attr-defined]
        return f"SageMaker answered {code}{f' (HTTP {status})' if status else ''}: {message or 'no message'}"
    if isinstance(exc, (bx.NoCredentialsError, bx.PartialCredentialsError)):
        return (
            "No AWS credentials found: run `aws configure` or `aws sso login`, set AWS_PROFILE, "
            "or try `smtui --demo`."
        )
    if isinstance(exc, bx.InvalidRegionError):
        return f"{exc.kwargs.get('region_name')!r} is not an AWS region name: check --region or AWS_REGION."
    if isinstance(exc, bx.NoRegionError):
        return "No AWS region is set: pass --region, set AWS_REGION, or run `aws configure`."
    if isinstance(exc, bx.ProfileNotFound):
        return f"{_first_line(exc)}: check --profile or AWS_PROFILE."
    if isinstance(exc, (bx.ReadTimeoutError, asyncio.TimeoutError, TimeoutError)):
        return "SageMaker did not answer in time (read timeout); retrying."
    if isinstance(exc, bx.ConnectTimeoutError):
        return f"Timed out connecting to {getattr(exc, 'kwargs', {}).get('endpoint_url', 'the endpoint')}."
    if isinstance(exc, bx.EndpointConnectionError):
        return f"Cannot connect to {exc.kwargs.get('endpoint_url', 'the endpoint')}: is it reachable?"
    if isinstance(exc, (bx.ConnectionClosedError, ConnectionResetError)):
        return "The connection to SageMaker was closed mid-response; retrying."
    if isinstance(exc, bx.HTTPClientError):
        return f"The HTTP request to SageMaker failed: {_first_line(exc.kwargs.get('error') or exc)}"
    if isinstance(exc, ResponseParserError):
        return "SageMaker sent a response smtui could not read (not valid JSON)."
    if isinstance(exc, (MalformedResponse, ConnectionProblem)):
        return str(exc)
    return f"{type(exc).__name__}: {_first_line(exc) or 'no detail'}"


class MalformedResponse(Exception):
    """A response that parsed but lacks what the API promises."""
