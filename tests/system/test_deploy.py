"""The kiosk session for real machines: systemd units that verify, and a watchdog that a hung or killed
app stops feeding."""

import configparser
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

UNITS = Path(__file__).resolve().parents[2] / "build_spec" / "systemd"


def unit(name):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(UNITS / name)
    return parser


@pytest.fixture
def systemd_root(tmp_path):
    if not shutil.which("systemd-analyze"):
        if os.environ.get("CI"):
            pytest.fail("CI must verify the units, but systemd-analyze is missing")
        pytest.skip("systemd-analyze is not installed")
    root = tmp_path / "root"
    for system in ("/lib/systemd/system", "/usr/lib/systemd/system"):
        if Path(system).is_dir() and not (root / system.lstrip("/")).exists():
            shutil.copytree(system, root / system.lstrip("/"), symlinks=True)
    for binary in ("usr/bin/cage", "usr/bin/setterm", "opt/station-kiosk/kiosk", "opt/station-kiosk/kiosk-hub"):
        path = root / binary
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("#!/bin/sh\n")
        path.chmod(0o755)
    (root / "etc/systemd/system").mkdir(parents=True)
    for service in UNITS.glob("*.service"):
        shutil.copy(service, root / "etc/systemd/system")
    return root


def test_units_pass_systemd_analyze_verify(systemd_root):
    names = [f"/etc/systemd/system/{p.name}" for p in UNITS.glob("*.service")]
    result = subprocess.run(["systemd-analyze", "verify", f"--root={systemd_root}", "--man=no", *names],
                            capture_output=True, text=True)
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


def test_kiosk_unit_restarts_a_dead_or_hung_app_as_an_unprivileged_user():
    service = unit("station-kiosk.service")["Service"]
    assert service["Restart"] == "always" and service["Type"] == "notify"
    assert service["NotifyAccess"] == "all" and int(service["WatchdogSec"]) > 0
    assert service["User"] == "kiosk" and "cage" in service["ExecStart"] and " -s " not in service["ExecStart"]
    assert unit("kiosk-hub.service")["Unit"]["After"].count("postgresql.service") == 1


def test_the_app_feeds_the_watchdog_until_it_is_killed(tmp_path):
    sock_path = str(tmp_path / "notify.sock")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(sock_path)
    listener.settimeout(60)
    env = {**os.environ, "NOTIFY_SOCKET": sock_path, "WATCHDOG_USEC": "400000", "QT_QPA_PLATFORM": "offscreen"}
    # Plain `kiosk` (no subcommand), as the README starts it: a demo station is made, then the app runs.
    app = subprocess.Popen([sys.executable, "-m", "kiosk", "--data-dir", str(tmp_path / "st")], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        messages = []
        while messages.count(b"WATCHDOG=1") < 3:
            messages.append(listener.recv(64))
        assert messages[0] == b"READY=1"
        app.send_signal(signal.SIGKILL)
        app.wait(10)
        listener.settimeout(1.0)
        with pytest.raises(TimeoutError):
            while True:  # drain what was already sent, then silence: systemd would restart the kiosk
                listener.recv(64)
                time.sleep(0.3)
    finally:
        if app.poll() is None:
            app.kill()
        listener.close()
