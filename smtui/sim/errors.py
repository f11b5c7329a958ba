"""AWS-shaped API errors the simulator answers with."""

from __future__ import annotations


class ApiError(Exception):
    """An error SageMaker would answer: its __type code, message and HTTP status."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status


def validation(message: str) -> ApiError:
    """A 400 ValidationException."""
    return ApiError("ValidationException", message)


NOT_FOUND = "Requested resource not found."
