"""The Qt side: every QML file loads without warnings; the home screen shows the station."""

from pathlib import Path

import pytest
from PySide6.QtQml import QQmlComponent, QQmlEngine

from kiosk.app.main import UI_DIR, create_engine

QML_FILES = sorted(UI_DIR.rglob("*.qml"))


@pytest.mark.parametrize("path", QML_FILES, ids=lambda p: p.name)
def test_every_qml_file_compiles(qtbot, path: Path):
    engine = QQmlEngine()
    component = QQmlComponent(engine, str(path))
    assert component.status() != QQmlComponent.Status.Error, component.errorString()


def test_home_shows_the_station_and_switches_language(qtbot, station, rider):
    from kiosk.core import checkins

    checkins.check_in(station, rider.member_id)
    engine = create_engine(station, language="zh_CN")
    window = engine.rootObjects()[0]
    counts = window.findChild(object, "todayCounts")
    assert window.findChild(object, "stationName").property("text") == "测试驿站"
    assert counts.property("text") == "今日签到 1 人次，共 1 人"
    engine.rootObjects()[0].property("language").setLanguage("en")
    qtbot.waitUntil(lambda: counts.property("text") == "Today: 1 check-ins by 1 riders")


def test_translations_are_complete_and_built():
    ts = (UI_DIR.parent / "resources" / "translations" / "kiosk_zh_CN.ts").read_text(encoding="utf-8")
    assert 'type="unfinished"' not in ts
    qm = UI_DIR.parent / "resources" / "translations" / "kiosk_zh_CN.qm"
    assert qm.exists() and qm.stat().st_mtime >= 0
