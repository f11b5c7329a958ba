"""Test-wide environment: dummy AWS credentials, and never a credential lookup that leaves this machine."""

import os

# botocore's credential chain ends at the EC2 instance metadata service (169.254.169.254): tests must never
# reach it, nor read the developer's own AWS files or CA bundle (every test talks plain HTTP to loopback)
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
os.environ["AWS_ACCESS_KEY_ID"] = "testing"
os.environ["AWS_SECRET_ACCESS_KEY"] = "testing"
for name in ("AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SAGEMAKER", "AWS_CA_BUNDLE",
             "SMTUI_CONFIG"):
    os.environ.pop(name, None)

# the simulator fixtures (sim, sm, sm_raw) and the dashboard's (ui_sim) for every test module that asks
pytest_plugins = ["sim_fixtures", "ui_support"]
