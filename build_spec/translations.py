"""Refresh the translation sources and build the .qm files: python build_spec/translations.py

Runs pyside6-lupdate over ui/ and kiosk/app/, fills in any translation found in
resources/translations/zh_CN.json (source text -> Chinese; one form serves every count), and runs
pyside6-lrelease. English needs a file only for counted messages (``%n``): their singular and plural come
from resources/translations/en_plurals.json (source text -> [one, other]).
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
EN_TS = ROOT / "resources" / "translations" / "kiosk_en.ts"
EN_PLURALS = ROOT / "resources" / "translations" / "en_plurals.json"
BIN = Path(sys.executable).parent


def fill(ts: Path, target: str, forms: dict[str, list[str]], extra: list[str]) -> list[str]:
    """Run lupdate for one language, fill its translations from ``forms`` (numerus forms per source), build
    the .qm; return the sources left untranslated."""
    sources = sorted(str(p.relative_to(ROOT)) for p in [*ROOT.glob("ui/**/*.qml"), *ROOT.glob("kiosk/app/*.py")])
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-no-obsolete", "-source-language", "en",
                    "-target-language", target, *extra, "-ts", str(ts.relative_to(ROOT))], cwd=ROOT, check=True)
    tree = ET.parse(ts)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if source not in forms:
            if translation.get("type") == "unfinished":
                missing.append(source)
            continue
        translation.attrib.pop("type", None)
        for old in list(translation):
            translation.remove(old)
        if message.get("numerus") == "yes":
            translation.text = None
            for form in forms[source]:
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = forms[source][0]
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run([str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))],
                   cwd=ROOT, check=True, capture_output=True)
    return missing


def main() -> int:
    chinese = {source: [text] for source, text in json.loads(GLOSSARY.read_text(encoding="utf-8")).items()}
    missing = fill(TS, "zh_CN", chinese, [])
    missing += fill(EN_TS, "en", json.loads(EN_PLURALS.read_text(encoding="utf-8")), ["-pluralonly"])
    for source in missing:
        print(f"untranslated: {source}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
