"""The hub as deployed: behind Debian's nginx with TLS (build_spec/nginx/kiosk-hub.conf), on loopback."""

import datetime
import ipaddress
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from kiosk.station import Station
from kiosk.sync.client import SyncError, trusting
from tests.helpers.hub import prepare, running_hub

CONF = Path(__file__).resolve().parents[2] / "build_spec" / "nginx" / "kiosk-hub.conf"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "hub.union.example")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "fullchain.pem", folder / "privkey.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@pytest.fixture
def nginx_hub(tmp_path):
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        if os.environ.get("CI"):
            pytest.fail("CI must test the TLS deployment, but nginx is missing (.ci/run installs it)")
        pytest.skip("nginx is not installed (apt-get install nginx)")
    cert, key = self_signed(tmp_path)
    tls_port = free_port()
    with running_hub(f"sqlite:///{tmp_path / 'hub.db'}") as (hub, server):
        prepare(hub)
        hub_port = server.url.rsplit(":", 1)[1]
        site = (CONF.read_text()
                .replace("listen 443 ssl;", f"listen 127.0.0.1:{tls_port} ssl;")
                .replace("listen 80;", f"listen 127.0.0.1:{free_port()};")
                .replace("server 127.0.0.1:8700;", f"server 127.0.0.1:{hub_port};")
                .replace("/etc/ssl/kiosk-hub/fullchain.pem", str(cert))
                .replace("/etc/ssl/kiosk-hub/privkey.pem", str(key)))
        (tmp_path / "site.conf").write_text(site)
        for folder in ("logs", "tmp"):
            (tmp_path / folder).mkdir()
        (tmp_path / "nginx.conf").write_text(f"""
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/logs/error.log;
events {{}}
http {{
    access_log off;
    client_body_temp_path {tmp_path}/tmp/body;
    proxy_temp_path {tmp_path}/tmp/proxy;
    fastcgi_temp_path {tmp_path}/tmp/fastcgi;
    uwsgi_temp_path {tmp_path}/tmp/uwsgi;
    scgi_temp_path {tmp_path}/tmp/scgi;
    include {tmp_path}/site.conf;
}}
""")
        check = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        proc = subprocess.Popen([nginx, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-g", "daemon off;"],
                                stderr=subprocess.DEVNULL)
        url = f"https://127.0.0.1:{tls_port}"
        deadline = time.monotonic() + 15
        while True:
            try:
                httpx.get(url + "/v1/time", verify=trusting(cert), timeout=1)
                break
            except httpx.HTTPError:
                assert proc.poll() is None and time.monotonic() < deadline, "nginx did not come up"
                time.sleep(0.1)
        try:
            yield hub, url, cert
        finally:
            proc.terminate()
            proc.wait(10)


def test_a_station_enrols_and_syncs_over_tls_with_its_pinned_certificate(nginx_hub, tmp_path):
    hub, url, cert = nginx_hub
    _, code = hub.add_station("TLS 驿站")
    station = Station.open(tmp_path / "station")
    _, first = station.enrol(url, code, ca=cert)
    assert first.pulled > 0 and station.info().enrolled
    assert (tmp_path / "station" / "keys" / "hub-ca.pem").read_bytes() == cert.read_bytes()
    rider = station.identify_by_phone("13700000001")
    station.check_in(rider.member_id)
    assert station.sync_once().acked_seq == station.store.one("SELECT MAX(seq) FROM events")
    # nginx answers only the API, over TLS, without saying what it is.
    other = httpx.get(url + "/", verify=trusting(cert))
    assert other.status_code == 404 and "nginx/" not in other.headers.get("server", "") + other.text
    assert "max-age" in httpx.get(url + "/v1/time", verify=trusting(cert)).headers["strict-transport-security"]


def test_a_station_refuses_a_hub_whose_certificate_it_does_not_trust(nginx_hub, tmp_path):
    hub, url, _cert = nginx_hub
    _, code = hub.add_station("驿站")
    station = Station.open(tmp_path / "station")
    with pytest.raises(SyncError, match="certificate"):
        station.enrol(url, code)  # the system's CAs do not know this hub's self-made certificate
    assert station.store.setting("hub_url") is None


def test_enrolment_guesses_are_limited_per_address(nginx_hub):
    _hub, url, cert = nginx_hub
    codes = [httpx.post(url + "/v1/enrol", json={"code": "0000", "public_key": "00" * 32}, verify=trusting(cert))
             .status_code for _ in range(8)]
    assert codes[0] == 401 and 429 in codes
