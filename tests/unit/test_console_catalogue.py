"""Every text the office console shows has its Chinese: the catalogue, gathered afresh, lacks none."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_console_catalogue_is_complete(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("console_translations",
                                                  ROOT / "build_spec" / "console_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    po = tmp_path / "zh_CN.po"
    po.write_bytes(module.PO.read_bytes())
    monkeypatch.setattr(module, "PO", po)  # gathered into a copy: the test changes no file
    assert module.main() == 0, "untranslated console texts: run build_spec/console_translations.py"
    with open(po, "rb") as f:
        from babel.messages.pofile import read_po

        messages = {m.id: m.string for m in read_po(f) if m.id}
    assert messages["Sign in"] == "登录" and len(messages) > 250
