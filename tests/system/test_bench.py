"""kiosk bench --quick works end to end and reports every figure (its speed is not asserted here)."""

import json
import subprocess
import sys

import pytest


@pytest.mark.slow
def test_quick_bench_prints_every_figure_as_json():
    result = subprocess.run([sys.executable, "-m", "kiosk", "bench", "--quick", "--json"], capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    figures = {f["name"]: f for f in json.loads(result.stdout)["figures"]}
    for name in ("QR verify", "camera frame decode 640x480", "initial pull of the roster", "incremental pull",
                 "push station->hub (SQLite hub)", "check-in, core (verify QR, rules, commit): rate",
                 "phone hash (scrypt, 16 MiB)", "office roster of 1,000,000 riders"):
        figure = figures[name]
        # A measured figure, its ratio to the goal worked out in the same run, and a verdict on it.
        assert figure["value"] > 0 and figure["ratio"] > 0 and isinstance(figure["ok"], bool), name
    load = next(f for name, f in figures.items() if name.startswith("hub under load"))
    assert load["ok"] is True, load["detail"]  # nothing lost or doubled is a correctness check, not a speed goal
