"""What the simulated account trains: model families, instance types, training plans, names."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timezone

REGION = "us-east-1"
ACCOUNT = "123456789012"
ARN_PREFIX = f"arn:aws:sagemaker:{REGION}:{ACCOUNT}"
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/service-role/AmazonSageMaker-ExecutionRole-ml-platform"
BUCKET = f"s3://ml-platform-artifacts-{ACCOUNT}-{REGION}"


@dataclass(frozen=True)
class Family:
    """A kind of training job the account runs again and again."""

    slug: str
    instance_types: tuple[str, ...]
    counts: tuple[int, int]
    minutes: tuple[float, float]  # training-phase duration range, drawn log-uniformly
    image: str
    metrics: tuple[str, ...]
    weight: float


_DLC = "763104351884.dkr.ecr.us-east-1.amazonaws.com"
_TORCH = f"{_DLC}/pytorch-training:2.5.1-gpu-py311-cu124-ubuntu22.04-sagemaker"
_HF = f"{_DLC}/huggingface-pytorch-training:2.1.0-transformers4.36.0-gpu-py310-cu121-ubuntu20.04"

FAMILIES: tuple[Family, ...] = (
    Family("llama3-8b-sft", ("ml.g5.12xlarge", "ml.p4d.24xlarge"), (1, 4), (40, 240), _HF,
           ("train:loss", "eval:loss", "eval:perplexity"), 3),
    Family("llama3-70b-dpo", ("ml.p4d.24xlarge", "ml.p5.48xlarge"), (4, 16), (120, 480), _HF,
           ("train:loss", "eval:reward_accuracy"), 1),
    Family("mixtral-8x7b-pretrain", ("ml.trn1.32xlarge", "ml.p5.48xlarge"), (8, 16), (180, 600), _TORCH,
           ("train:loss", "train:tokens_per_second"), 0.5),
    Family("mistral-7b-lora", ("ml.g5.2xlarge", "ml.g5.12xlarge"), (1, 2), (20, 120), _HF,
           ("train:loss", "eval:loss"), 3),
    Family("bert-base-ner", ("ml.g4dn.xlarge", "ml.p3.2xlarge"), (1, 1), (10, 60), _HF,
           ("eval:f1", "eval:loss"), 2),
    Family("resnet50-imagenet", ("ml.p3.8xlarge", "ml.p3.16xlarge"), (1, 8), (60, 360), _TORCH,
           ("train:loss", "validation:accuracy"), 1.5),
    Family("xgboost-churn", ("ml.m5.xlarge", "ml.m5.4xlarge"), (1, 2), (3, 30),
           "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
           ("validation:auc", "train:logloss"), 3),
    Family("whisper-small-asr", ("ml.g5.4xlarge",), (1, 2), (30, 180), _HF,
           ("eval:wer", "train:loss"), 1),
    Family("sdxl-dreambooth", ("ml.g5.12xlarge",), (1, 1), (15, 90), _TORCH,
           ("train:loss",), 1),
)
FAMILY_WEIGHTS = tuple(f.weight for f in FAMILIES)


@dataclass(frozen=True)
class Plan:
    """A training plan (reserved capacity) some large jobs run under."""

    arn: str
    instance_type: str
    families: tuple[str, ...]


PLANS: tuple[Plan, ...] = (
    Plan(f"{ARN_PREFIX}:training-plan/p5-reserved-capacity-q4", "ml.p5.48xlarge",
         ("llama3-70b-dpo", "mixtral-8x7b-pretrain", "llama3-8b-sft")),
    Plan(f"{ARN_PREFIX}:training-plan/p4d-research-reserved-2026", "ml.p4d.24xlarge",
         ("llama3-70b-dpo", "llama3-8b-sft")),
    Plan(f"{ARN_PREFIX}:training-plan/trn1-pretraining-block-a", "ml.trn1.32xlarge",
         ("mixtral-8x7b-pretrain",)),
)
_FAMILY_BY_SLUG = {f.slug: f for f in FAMILIES}


def plan_family(plan: Plan, rng: random.Random) -> Family:
    """A family that plausibly runs under plan."""
    return _FAMILY_BY_SLUG[rng.choice(plan.families)]


def job_name(family: Family, created: float, rng: random.Random) -> str:
    """A realistic, valid job name: family, creation stamp and a random suffix."""
    stamp = datetime.fromtimestamp(created, timezone.utc).strftime("%Y%m%d-%H%M%S")
    return f"{family.slug}-{stamp}-{rng.getrandbits(16):04x}"


def job_arn(name: str) -> str:
    """The training-job ARN for name."""
    return f"{ARN_PREFIX}:training-job/{name}"
