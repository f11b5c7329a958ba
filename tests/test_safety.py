"""Safety: read-only by default, no secret ever shown, the simulator on loopback only, private files."""

import os
import stat

from botocore.exceptions import ClientError

from smtui.aws import Connection, hide_userinfo
from smtui.errors import redact, sentence
from smtui.export import write_private
from smtui.sim import SimServer
from sim_fixtures import frozen_fleet

SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
TOKEN = "IQoJb3JpZ2luX2VjEXAMPLETOKEN"


def test_redact_masks_keys_signatures_tokens_and_userinfo():
    text = (f"AKIAIOSFODNN7EXAMPLE ASIAY34FZKBOKMUTVV7A Authorization: AWS4-HMAC-SHA256 "
            f"Credential=AKIAIOSFODNN7EXAMPLE/20261204/us-east-1/sagemaker/aws4_request, "
            f"Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024 "
            f"X-Amz-Security-Token={TOKEN} aws_secret_access_key = {SECRET} https://bob:hunter2@example.com/x")
    out = redact(text)
    for secret in ("AKIAIOSFODNN7EXAMPLE", "ASIAY34FZKBOKMUTVV7A", "fe5f80f77d5f", TOKEN, SECRET, "hunter2"):
        assert secret not in out


def test_error_sentences_carry_no_secret():
    err = ClientError({"Error": {"Code": "UnrecognizedClientException",
                                 "Message": f"The security token {TOKEN} included in the request is invalid"}},
                      "ListTrainingJobs")
    assert TOKEN not in sentence(err)
    leaky = ClientError({"Error": {"Code": "Weird", "Message": f"echo Credential=AKIAIOSFODNN7EXAMPLE/x {SECRET}"}},
                        "ListTrainingJobs")
    said = sentence(leaky)
    assert "AKIAIOSFODNN7EXAMPLE" not in said


def test_endpoint_userinfo_is_hidden_in_the_label():
    conn = Connection(endpoint_url="https://alice:s3cret@sagemaker.internal:8443/")
    assert "s3cret" not in conn.label and "alice" not in conn.label
    assert hide_userinfo("http://127.0.0.1:5000") == "http://127.0.0.1:5000"


async def test_simulator_listens_on_loopback_only():
    server = SimServer(frozen_fleet(jobs=300))
    url = await server.start()
    try:
        assert url.startswith("http://127.0.0.1:")
        bound = [sock.getsockname() for site in server._runner.sites for sock in site._server.sockets]
        assert bound and all(address[0] == "127.0.0.1" for address in bound)  # not 0.0.0.0, not ::
    finally:
        await server.stop()


def test_written_files_are_private(tmp_path):
    old = os.umask(0o022)
    try:
        path = write_private(tmp_path / "export.json", "[]")
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        loose = tmp_path / "loose.csv"
        loose.write_text("x")
        loose.chmod(0o644)
        write_private(loose, "y")
        assert stat.S_IMODE(loose.stat().st_mode) == 0o600 and loose.read_text() == "y"
    finally:
        os.umask(old)


def test_read_only_by_default():
    from smtui.cli import parse_settings

    settings, _ = parse_settings(["--demo"], environ={"SMTUI_CONFIG": "/nonexistent"})
    assert settings.allow_stop is False
