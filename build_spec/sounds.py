"""Make the kiosk's two short sounds: python build_spec/sounds.py (writes resources/sounds/*.wav).

"done" is two rising notes, "refused" two falling low ones: told apart without looking, in a noisy
street. Plain 16-bit mono PCM with soft edges (no click), made here so nothing is taken from elsewhere.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 44_100
OUT = Path(__file__).resolve().parents[1] / "resources" / "sounds"
SOUNDS = {"done": [(880.0, 0.12), (1318.5, 0.2)], "refused": [(330.0, 0.18), (247.0, 0.28)]}


def notes(tones: list[tuple[float, float]]) -> bytes:
    frames = bytearray()
    for frequency, seconds in tones:
        count = int(RATE * seconds)
        edge = int(RATE * 0.01)
        for i in range(count):
            envelope = min(1.0, i / edge, (count - i) / edge)
            sample = 0.6 * envelope * math.sin(2 * math.pi * frequency * i / RATE)
            frames += struct.pack("<h", int(sample * 32767))
    return bytes(frames)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, tones in SOUNDS.items():
        with wave.open(str(OUT / f"{name}.wav"), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(notes(tones))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
