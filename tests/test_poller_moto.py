"""The poller against moto in server mode: an implementation nobody here wrote, listed through its empty pages."""

import asyncio

import boto3
import pytest
from moto.server import ThreadedMotoServer

from smtui.aws import Connection, open_client
from smtui.callstats import CallStats
from smtui.poller import Listing, Poller
from smtui.query import build_query
from smtui.refresh import Refresher
from smtui.store import JobStore

JOBS = 230


@pytest.fixture(scope="module")
def moto_url():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    url = f"http://{host}:{port}"
    client = boto3.client("sagemaker", region_name="us-east-1", endpoint_url=url,
                          aws_access_key_id="testing", aws_secret_access_key="testing")
    for i in range(JOBS):
        client.create_training_job(
            TrainingJobName=f"{'llama' if i % 9 == 0 else 'bert'}-run-{i:04d}",
            AlgorithmSpecification={"TrainingImage": "img", "TrainingInputMode": "File"},
            RoleArn="arn:aws:iam::123456789012:role/sm", OutputDataConfig={"S3OutputPath": "s3://b/o"},
            ResourceConfig={"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 10},
            StoppingCondition={"MaxRuntimeInSeconds": 3600},
        )
    yield url
    server.stop()


def moto_names(url, **filters):
    client = boto3.client("sagemaker", region_name="us-east-1", endpoint_url=url,
                          aws_access_key_id="testing", aws_secret_access_key="testing")
    names = []
    for page in client.get_paginator("list_training_jobs").paginate(**filters):
        names += [s["TrainingJobName"] for s in page["TrainingJobSummaries"]]
    return names


async def list_all(url, page_size=100, **filters):
    stats = CallStats()
    conn = Connection(endpoint_url=url, region="us-east-1", rate=0)
    store = JobStore()
    query = build_query({**filters, "max_items": 0, "page_size": page_size})
    async with open_client(conn, stats) as client:
        async for _ in Refresher(Poller(client, stats), store, query).full():
            pass
    return store, stats


async def test_lists_every_job_moto_holds(moto_url):
    store, stats = await list_all(moto_url)
    assert len(store) == JOBS
    assert store.names() == set(moto_names(moto_url))
    assert stats.calls == 3  # 230 jobs at 100 a page


async def test_follows_next_token_through_short_and_empty_filtered_pages(moto_url):
    # moto cuts the page before filtering too: small pages of 'llama' come back short or empty
    pages = []
    conn = Connection(endpoint_url=moto_url, region="us-east-1", rate=0)
    async with open_client(conn, CallStats()) as client:
        async for page in Poller(client).pages({"NameContains": "llama", "MaxResults": 10}, Listing()):
            pages.append(len(page.jobs))
    assert sum(pages) == len(moto_names(moto_url, NameContains="llama")) == 26
    assert len(pages) == 23 and min(pages) < 10


async def test_filtered_full_listing_equals_moto(moto_url):
    store, _ = await list_all(moto_url, page_size=10, name_contains="llama")
    assert store.names() == set(moto_names(moto_url, NameContains="llama"))


async def test_max_items_stops_early(moto_url):
    stats = CallStats()
    conn = Connection(endpoint_url=moto_url, region="us-east-1", rate=0)
    store = JobStore()
    query = build_query({"max_items": 150, "page_size": 100})
    async with open_client(conn, stats) as client:
        async for _ in Refresher(Poller(client, stats), store, query).full():
            pass
    assert len(store) == 150 and stats.calls == 2


def test_pacing_keeps_to_the_rate(moto_url):
    async def run():
        stats = CallStats()
        conn = Connection(endpoint_url=moto_url, region="us-east-1", rate=20)
        async with open_client(conn, stats) as client:
            async for _ in Poller(client, stats).pages({"MaxResults": 10}, Listing()):
                pass
        return stats

    stats = asyncio.run(run())
    gaps = [b - a for a, b in zip(stats.sent_at, stats.sent_at[1:])]
    assert stats.calls == 23 and min(gaps) >= 0.045
