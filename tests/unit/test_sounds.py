"""The kiosk's two sounds are what build_spec/sounds.py makes: short, and told apart by pitch."""

import importlib.util
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_bundled_sounds_are_short_distinct_and_made_by_the_script():
    spec = importlib.util.spec_from_file_location("sounds", ROOT / "build_spec" / "sounds.py")
    sounds = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sounds)
    for name, tones in sounds.SOUNDS.items():
        with wave.open(str(ROOT / "resources" / "sounds" / f"{name}.wav")) as played:
            assert (played.getnchannels(), played.getsampwidth(), played.getframerate()) == (1, 2, sounds.RATE)
            assert played.getnframes() / sounds.RATE < 0.5  # short: a queue is waiting
            assert played.readframes(played.getnframes()) == sounds.notes(tones)
    done, refused = sounds.SOUNDS["done"], sounds.SOUNDS["refused"]
    assert done[0][0] < done[-1][0] and refused[0][0] > refused[-1][0]  # rising for done, falling for refused
    assert max(f for f, _ in refused) < min(f for f, _ in done)
