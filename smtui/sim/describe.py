"""The DescribeTrainingJob response: a job's summary state plus the details drawn from its own seed."""

from __future__ import annotations

import random

from .catalog import BUCKET, ROLE_ARN, job_arn
from .timeline import Job, state_at, to_datetime, warm_pool

MESSAGES = {
    "Starting": "Starting the training job",
    "LaunchingMLInstances": "Launching requested ML instances",
    "PreparingTrainingStack": "Preparing the instances for training",
    "Downloading": "Downloading input data",
    "DownloadingTrainingImage": "Downloading the training image",
    "Training": "Training image download completed. Training in progress.",
    "Uploading": "Uploading generated training model",
    "Completed": "Training job completed",
    "Stopping": "Stopping the training job",
    "Stopped": "Training job stopped",
}
_REUSED = "Reusing warm pool instances"


def _hyperparameters(job: Job, rng: random.Random) -> dict[str, str]:
    if job.family.slug.startswith("xgboost"):
        return {"objective": "binary:logistic", "num_round": str(rng.choice((100, 200, 500))),
                "max_depth": str(rng.randint(4, 10)), "eta": str(rng.choice((0.05, 0.1, 0.2)))}
    return {"epochs": str(rng.randint(1, 10)),
            "learning_rate": rng.choice(("1e-5", "2e-5", "5e-5", "1e-4", "3e-4")),
            "per_device_train_batch_size": str(rng.choice((4, 8, 16, 32))),
            "seed": str(rng.randint(0, 9999))}


def _transitions(job: Job, t: float) -> list[dict]:
    out = []
    steps = [s for s in job.steps if s[1] <= t]
    for i, (status, start) in enumerate(steps):
        if status == "Failed":
            msg = f"Training job failed. Reason: {job.failure_reason}"
        elif status == "LaunchingMLInstances" and job.reused_pool:
            msg = _REUSED
        else:
            msg = MESSAGES.get(status, status)
        item = {"Status": status, "StartTime": to_datetime(start), "StatusMessage": msg}
        if i + 1 < len(steps):
            item["EndTime"] = to_datetime(steps[i + 1][1])
        elif t >= job.end:
            item["EndTime"] = to_datetime(start)
        out.append(item)
    return out


def describe(job: Job, t: float) -> dict:
    """What DescribeTrainingJob answers for job at sim time t (datetimes, optional fields omitted)."""
    rng = random.Random(job.detail_seed)
    s = state_at(job, t)
    output = f"{BUCKET}/{job.family.slug}/output"
    max_runtime = rng.choice((86400, 172800, 432000))
    resource: dict = {"InstanceType": job.instance_type, "InstanceCount": job.instance_count,
                      "VolumeSizeInGB": rng.choice((50, 100, 200, 500))}
    if job.keep_alive is not None:
        resource["KeepAlivePeriodInSeconds"] = job.keep_alive
    if job.plan_arn:
        resource["TrainingPlanArn"] = job.plan_arn  # DescribeTrainingJob models it only here
    stopping: dict = {"MaxRuntimeInSeconds": max_runtime}
    if job.spot:
        stopping["MaxWaitTimeInSeconds"] = max_runtime * 2
    out: dict = {
        "TrainingJobName": job.name,
        "TrainingJobArn": job_arn(job.name),
        "TrainingJobStatus": s.status,
        "SecondaryStatus": s.secondary,
        "HyperParameters": _hyperparameters(job, rng),
        "AlgorithmSpecification": {"TrainingImage": job.family.image,
                                   "TrainingInputMode": rng.choice(("File", "FastFile"))},
        "RoleArn": ROLE_ARN,
        "InputDataConfig": [{"ChannelName": "train", "DataSource": {"S3DataSource": {
            "S3DataType": "S3Prefix", "S3Uri": f"s3://ml-platform-data/{job.family.slug}/train/",
            "S3DataDistributionType": "FullyReplicated"}}}],
        "OutputDataConfig": {"S3OutputPath": output},
        "ResourceConfig": resource,
        "StoppingCondition": stopping,
        "CreationTime": to_datetime(job.created),
        "LastModifiedTime": to_datetime(s.last_modified),
        "SecondaryStatusTransitions": _transitions(job, t),
        "EnableNetworkIsolation": False,
        "EnableInterContainerTrafficEncryption": False,
        "EnableManagedSpotTraining": job.spot,
    }
    if job.failure_reason and s.ended:
        out["FailureReason"] = job.failure_reason
    started = next((start for status, start in job.steps if status == "Downloading"), None)
    if started is not None and started <= t:
        out["TrainingStartTime"] = to_datetime(started)
    if s.ended:
        out["TrainingEndTime"] = to_datetime(job.end)
        seconds = int(job.end - (started if started is not None else job.created))
        out["TrainingTimeInSeconds"] = seconds
        # managed spot bills only part of the time; that is its point
        out["BillableTimeInSeconds"] = int(seconds * rng.uniform(0.3, 0.7)) if job.spot else seconds
    if s.status == "Completed":
        out["ModelArtifacts"] = {"S3ModelArtifacts": f"{output}/{job.name}/output/model.tar.gz"}
        out["FinalMetricDataList"] = [
            {"MetricName": m, "Value": round(rng.uniform(0.05, 0.95), 4), "Timestamp": to_datetime(job.end)}
            for m in job.family.metrics]
    if s.pool_status is not None:
        out["WarmPoolStatus"] = warm_pool(job, s)
    return out
