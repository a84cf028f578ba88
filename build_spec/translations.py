"""Refresh the translation sources and build the .qm files: python build_spec/translations.py

Runs pyside6-lupdate over ui/ and kiosk/app/, fills in any translation found in
resources/translations/zh_CN.json (source text -> Chinese), and runs pyside6-lrelease.
Strings still unfinished afterwards are listed; the test suite fails while any remain.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "kiosk_zh_CN.ts"
GLOSSARY = ROOT / "resources" / "translations" / "zh_CN.json"
BIN = Path(sys.executable).parent


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in [*ROOT.glob("ui/**/*.qml"), *ROOT.glob("kiosk/app/*.py")])
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-no-obsolete", "-source-language", "en",
                    "-target-language", "zh_CN", "-ts", str(TS.relative_to(ROOT))], cwd=ROOT, check=True)
    glossary = json.loads(GLOSSARY.read_text(encoding="utf-8"))
    tree = ET.parse(TS)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if source in glossary:
            translation.text = glossary[source]
            translation.attrib.pop("type", None)
        elif translation.get("type") == "unfinished":
            missing.append(source)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(TS.with_suffix(".qm"))],
                   cwd=ROOT, check=True, capture_output=True)
    for source in missing:
        print(f"untranslated: {source}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
