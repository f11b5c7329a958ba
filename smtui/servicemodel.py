"""The ListTrainingJobs constraints, read from botocore's own SageMaker service model."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import botocore.loaders
import botocore.session


@dataclass(frozen=True)
class StringRule:
    """What botocore's model allows for one string parameter."""

    name: str
    min_len: int | None
    max_len: int | None
    pattern: str | None
    enum: tuple[str, ...]

    def problem(self, value: str) -> str | None:
        """One sentence on why SageMaker would reject value, or None when it is acceptable."""
        if self.enum and value not in self.enum:
            return f"{self.name} must be one of {', '.join(self.enum)}; got {value!r}."
        if self.min_len is not None and len(value) < self.min_len:
            return f"{self.name} must be at least {self.min_len} characters; got {len(value)}."
        if self.max_len is not None and len(value) > self.max_len:
            return f"{self.name} must be at most {self.max_len} characters; got {len(value)}."
        if self.pattern and value and not re.fullmatch(self.pattern, value):
            return f"{self.name} must match {self.describe_pattern()}; got {value!r}."
        return None

    def describe_pattern(self) -> str:
        """The pattern in words where we know it, else the regex itself."""
        if self.pattern == r"[a-zA-Z0-9\-]+":
            return "letters, digits and hyphens only"
        if self.pattern and "training-plan/" in self.pattern:
            return "arn:aws:sagemaker:REGION:ACCOUNT:training-plan/NAME"
        return f"the pattern {self.pattern}"


@dataclass(frozen=True)
class IntRule:
    """What botocore's model allows for one integer parameter."""

    name: str
    min_value: int | None
    max_value: int | None

    def problem(self, value: int) -> str | None:
        """One sentence on why SageMaker would reject value, or None."""
        lo, hi = self.min_value, self.max_value
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            return f"{self.name} must be between {lo} and {hi}; got {value}."
        return None


@lru_cache(maxsize=1)
def shared_loader() -> botocore.loaders.Loader:
    """One botocore data loader for every session smtui makes: the SageMaker model is parsed once, not per client."""
    return botocore.loaders.create_loader()


@lru_cache(maxsize=1)
def sagemaker_model():
    """botocore's SageMaker service model (loaded once; it is large)."""
    session = botocore.session.get_session()
    session.register_component("data_loader", shared_loader())
    return session.get_service_model("sagemaker")


@lru_cache(maxsize=None)
def list_rules() -> dict[str, StringRule | IntRule]:
    """Every ListTrainingJobs string and integer request member's rule, by member name."""
    shape = sagemaker_model().operation_model("ListTrainingJobs").input_shape
    rules: dict[str, StringRule | IntRule] = {}
    for name, member in shape.members.items():
        meta = member.metadata
        if member.type_name == "string":
            rules[name] = StringRule(
                name, meta.get("min"), meta.get("max"), meta.get("pattern"), tuple(member.enum or ())
            )
        elif member.type_name == "integer":
            rules[name] = IntRule(name, meta.get("min"), meta.get("max"))
    return rules


def timestamp_members() -> tuple[str, ...]:
    """ListTrainingJobs request members that are timestamps."""
    shape = sagemaker_model().operation_model("ListTrainingJobs").input_shape
    return tuple(n for n, m in shape.members.items() if m.type_name == "timestamp")


def enum_values(member: str) -> tuple[str, ...]:
    """The allowed values of a ListTrainingJobs enum request member."""
    rule = list_rules()[member]
    assert isinstance(rule, StringRule)
    return rule.enum


def summary_status_values() -> tuple[str, ...]:
    """TrainingJobStatus values this botocore knows."""
    return enum_values("StatusEquals")


def secondary_status_values() -> tuple[str, ...]:
    """SecondaryStatus values this botocore knows."""
    shape = sagemaker_model().shape_for("SecondaryStatus")
    return tuple(shape.enum)
