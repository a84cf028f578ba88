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
                 "push mix (SQLite hub)", "push handouts (PostgreSQL hub)", "push check-ins vs COPY into events "
                 "(PostgreSQL hub)", "roster import 20,000 riders, xlsx (PostgreSQL hub)",
                 "check-in, core (verify QR, rules, commit): rate", "phone hash (scrypt, 16 MiB)",
                 "office roster of 1,000,000 riders"):
        figure = figures[name]
        # A measured figure, its ratio to the goal worked out in the same run, and a verdict on it.
        assert figure["value"] > 0 and figure["ratio"] > 0 and isinstance(figure["ok"], bool), name
    # Nothing lost or doubled is a correctness check, not a speed goal: it holds on any machine.
    whole = next(f for name, f in figures.items() if name.startswith("hub as deployed") and "lost" in name)
    assert whole["ok"] is True, whole["detail"]
