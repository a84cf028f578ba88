"""The hub as deployed, under many stations: several ``kiosk-hub serve`` processes on one PostgreSQL behind
Debian's nginx with TLS (build_spec/nginx/kiosk-hub.conf), and simulated stations pushing and pulling."""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import json
import os
import random
import shutil
import socket
import ssl
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from kiosk.sync.client import trusting

SITE = Path(__file__).resolve().parents[2] / "build_spec" / "nginx" / "kiosk-hub.conf"
STATIONS_PER_ADDRESS = 20  # simulated stations sharing a loopback address (nginx limits connections per address)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 (hub.union.example) and its key, as the union's own CA would issue."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

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


def nginx_binary() -> str | None:
    return shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


@contextmanager
def nginx_in_front(folder: Path, hub_ports: list[int]) -> Iterator[tuple[str, Path]]:
    """The shipped nginx site on loopback ports, its upstream the hub processes on ``hub_ports``; yields its
    https address and the certificate to trust."""
    nginx = nginx_binary()
    if nginx is None:
        raise RuntimeError("nginx is not installed (apt-get install nginx)")
    folder.mkdir(parents=True, exist_ok=True)
    cert, key = self_signed(folder)
    tls_port = free_port()
    site = (SITE.read_text()
            .replace("listen 443 ssl;", f"listen 127.0.0.1:{tls_port} ssl;")
            .replace("listen 80;", f"listen 127.0.0.1:{free_port()};")
            .replace("    server 127.0.0.1:8700;\n", "".join(f"    server 127.0.0.1:{p};\n" for p in hub_ports))
            .replace("/etc/ssl/kiosk-hub/fullchain.pem", str(cert))
            .replace("/etc/ssl/kiosk-hub/privkey.pem", str(key)))
    (folder / "site.conf").write_text(site)
    for sub in ("logs", "tmp"):
        (folder / sub).mkdir(exist_ok=True)
    temp = "".join(f"    {kind}_temp_path {folder}/tmp/{kind};\n" for kind in ("proxy", "fastcgi", "uwsgi", "scgi"))
    (folder / "nginx.conf").write_text(
        f"pid {folder}/nginx.pid;\nerror_log {folder}/logs/error.log;\nworker_processes auto;\n"
        f"events {{ worker_connections 4096; }}\nhttp {{\n    access_log off;\n"
        f"    client_body_temp_path {folder}/tmp/body;\n{temp}    include {folder}/site.conf;\n}}\n")
    check = subprocess.run([nginx, "-t", "-p", str(folder), "-c", str(folder / "nginx.conf")], capture_output=True,
                           text=True)
    if check.returncode != 0:
        raise RuntimeError(f"nginx refused the site: {check.stderr.strip()}")
    proc = subprocess.Popen([nginx, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
                            stderr=subprocess.DEVNULL)
    url = f"https://127.0.0.1:{tls_port}"
    try:
        wait_for(url, trusting(cert), lambda: proc.poll() is None)
        yield url, cert
    finally:
        proc.terminate()
        proc.wait(10)


def wait_for(url: str, verify: ssl.SSLContext | bool, alive: Any, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            httpx.get(url + "/v1/time", verify=verify, timeout=1)
            return
        except httpx.HTTPError:
            if not alive() or time.monotonic() > deadline:
                raise RuntimeError(f"nothing answered at {url}") from None
            time.sleep(0.1)


@contextmanager
def hub_processes(url: str, root_key: Path, count: int, logs: Path) -> Iterator[list[subprocess.Popen[bytes]]]:
    """``count`` ``kiosk-hub serve`` processes on one database, each on a loopback port of its own, their
    logs in ``logs`` (read by ``errors_logged``)."""
    ports = [free_port() for _ in range(count)]
    env = {**os.environ, "KIOSK_HUB_ROOT_KEY": str(root_key)}
    logs.mkdir(parents=True, exist_ok=True)
    procs = []
    for port in ports:
        with (logs / f"hub-{port}.log").open("wb") as log:
            procs.append(subprocess.Popen([sys.executable, "-c", "from kiosk.hub.cli import main; "
                                           "raise SystemExit(main())", "serve", "--db", url, "--port", str(port)],
                                          env=env, stdout=subprocess.DEVNULL, stderr=log))
    try:
        for proc, port in zip(procs, ports, strict=True):
            wait_for(f"http://127.0.0.1:{port}", False, lambda proc=proc: proc.poll() is None)
            proc.port = port  # type: ignore[attr-defined]
        yield procs
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(20)


def errors_logged(logs: Path) -> Counter[str]:
    """The exceptions the hub processes logged, by their last line (what went wrong, not where)."""
    errors: Counter[str] = Counter()
    for log in logs.glob("hub-*.log"):
        lines = log.read_text(errors="replace").splitlines()
        for i, line in enumerate(lines):
            if line.startswith("Traceback"):
                last = next((x for x in lines[i + 1:] if x and not x.startswith((" ", "Traceback", "The above",
                                                                                  "During handling"))), "?")
                errors[last[:160]] += 1
    return errors


def cpu_seconds(pid: int) -> float:
    """User and system CPU a process has used, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@dataclass
class Load:
    """What the simulated stations saw."""

    push_latency: list[float] = field(default_factory=list)
    pull_latency: list[float] = field(default_factory=list)
    pushed: dict[str, int] = field(default_factory=dict)  # station -> the last seq the hub acknowledged
    events: int = 0
    pulled: int = 0
    retries: int = 0
    failures: list[str] = field(default_factory=list)


def page_head(body: bytes) -> tuple[int, bool, int]:
    """A pull page's next cursor, whether more follow, and how many changes it holds, without decoding the
    changes: thousands of simulated stations share one process (a real station reads, checks and applies
    its pages on its own machine), and decoding every page here was most of that process' time."""
    head, found, _changes = body.partition(b',"changes":[')
    if not found:
        raise ValueError("a pull page without changes")
    page = json.loads(head + b"}")
    return page["next"], page["more"], body.count(b'{"id":')


async def _station(client: httpx.AsyncClient, station_id: str, token: str, maker: Any, cursor: int, end: float,
                   interval: float, load: Load, rng: random.Random) -> None:
    """A station's syncs until ``end``: push what it recorded since its last sync, then pull every change
    after its cursor; a refused or dropped request is tried again at the next sync, as a station does."""
    headers = {"Authorization": f"Bearer {token}"}
    pending: list[dict[str, Any]] = []
    await asyncio.sleep(rng.uniform(0, interval))
    while time.monotonic() < end:
        pending += maker.mix(rng.randint(5, 15))
        began = time.perf_counter()
        try:
            response = await client.post("/v1/push", content=json.dumps({"protocol": 1, "events": pending}),
                                         headers={**headers, "Content-Type": "application/json"})
            load.push_latency.append(time.perf_counter() - began)
            if response.status_code != 200 or response.json().get("acked_seq") != pending[-1]["seq"]:
                raise httpx.HTTPError(f"push answered {response.status_code}: {' '.join(response.text[:120].split())}")
            load.events += len(pending)
            load.pushed[station_id] = pending[-1]["seq"]
            pending = []
            more = True
            while more:
                began = time.perf_counter()
                response = await client.get("/v1/pull", params={"after": cursor, "limit": 5000}, headers=headers)
                load.pull_latency.append(time.perf_counter() - began)
                if response.status_code != 200:
                    raise httpx.HTTPError(f"pull answered {response.status_code}")
                cursor, more, changes = page_head(response.content)
                load.pulled += changes
        except (httpx.HTTPError, ValueError) as exc:
            load.retries += 1
            if len(load.failures) < 5:
                load.failures.append(str(exc)[:160])
        await asyncio.sleep(interval * rng.uniform(0.8, 1.2))


async def simulate(url: str, cert: Path, stations: list[tuple[str, str]], makers: list[Any], cursor: int,
                   seconds: float, interval: float) -> Load:
    """Every station syncing about every ``interval`` seconds for ``seconds``; stations share a client per
    loopback address (127.0.0.2, .3, ...), each keeping a few connections open."""
    load, end, verify = Load(), time.monotonic() + seconds, trusting(cert)
    clients = [httpx.AsyncClient(base_url=url, timeout=120, transport=httpx.AsyncHTTPTransport(
        verify=verify, local_address=f"127.0.{group // 250}.{2 + group % 250}",
        limits=httpx.Limits(max_connections=8, max_keepalive_connections=8)))
        for group in range(-(-len(stations) // STATIONS_PER_ADDRESS))]
    try:
        await asyncio.gather(*(
            _station(clients[i // STATIONS_PER_ADDRESS], station_id, token, makers[i], cursor, end, interval, load,
                     random.Random(i)) for i, (station_id, token) in enumerate(stations)))
    finally:
        for client in clients:
            await client.aclose()
    return load
