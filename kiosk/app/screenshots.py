"""Render every screen, in both languages and both orientations, to PNG files.

    python -m kiosk.app.screenshots OUT_DIR

Builds a small demo station in a temporary folder, drives the real app offscreen through its
view-models and saves ``OUT_DIR/<screen>-<language>-<landscape|portrait>.png``.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Q_ARG, QCoreApplication, QMetaObject
from PySide6.QtGui import QGuiApplication

SIZES = {"landscape": (1280, 800), "portrait": (800, 1280)}
PHONE = "13912345678"


def settle(seconds: float = 0.6) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def go(app, screen: str, **props) -> None:
    QMetaObject.invokeMethod(app.window, "goTo", Q_ARG("QVariant", screen), Q_ARG("QVariant", props))
    settle()


def item(app, name: str):
    """The visible item with this objectName (pushed screens have no QObject parent: walk the visual tree)."""
    window = app.window  # keep the window's wrapper alive while its items are walked
    todo = [window.contentItem()]
    while todo:
        found = todo.pop()
        if found.isVisible():
            if found.objectName() == name:
                return found
            todo.extend(found.childItems())
    raise LookupError(name)


def shots(out: Path, data_dir: Path, language: str, orientation: str) -> list[Path]:
    from kiosk.app.main import create_app
    from kiosk.config import Config

    width, height = SIZES[orientation]
    fresh = data_dir.parent / f"{language}-{orientation}"  # each run starts from the same station
    shutil.copytree(data_dir, fresh)
    data_dir = fresh
    app = create_app(data_dir, Config(language=language, idle_timeout_s=3600), width=width, height=height)
    saved = []

    def save(name: str) -> None:
        settle()
        path = out / f"{name}-{language}-{orientation}.png"
        app.window.grabWindow().save(str(path))
        saved.append(path)

    try:
        save("home")
        go(app, "PhoneScreen")
        save("phone")
        app.input.warn()  # what the idle timer says before the reset
        save("idle-warning")
        app.input.touch()
        app.rider.identifyByPhone("12345")  # a refusal, as the rider sees it
        save("phone-refused")
        app.rider.identifyByPhone(PHONE)
        settle()
        save("purpose")
        app.rider.checkIn("water")
        settle()
        save("confirm")
        app.rider.claim("water")  # the success state
        save("taken")
        QMetaObject.invokeMethod(app.window, "goHome")
        help_request(app, save)
        QMetaObject.invokeMethod(app.window, "goHome")
        sign_up(app, save)
        QMetaObject.invokeMethod(app.window, "goHome")
        go(app, "ConsentScreen")
        save("consent")
        go(app, "RegisterScreen")
        save("register")
        item(app, "registerScreen").setProperty("step", 1)
        settle()
        item(app, "nameField").forceActiveFocus()  # the on-screen keyboard rises
        save("register-name")
        screen = item(app, "registerScreen")
        screen.setProperty("phone", "13700001234")
        item(app, "nameField").setProperty("text", "李雷")
        screen.setProperty("step", 2)
        screen.forceActiveFocus()  # the keyboard goes down
        save("register-work")
        screen.setProperty("step", 3)
        screen.forceActiveFocus()  # the keyboard goes down
        save("register-review")
        app.rider.register(f"1370000{len(list(out.glob('card-*'))):04d}", "李雷", "courier", "顺丰", True, True)
        settle()
        save("card")
        QMetaObject.invokeMethod(app.window, "goHome")
        go(app, "PinScreen")
        save("pin")
        app.staff.unlock("123456", "staff")
        settle()
        app.staff.findRider(PHONE)
        settle()
        save("staff")
        app.staff.handOut("health_card", 1)  # a voucher: its code stays in view
        save("staff-voucher")
        app.staff.handOut("water", 1)
        settle()
        staff = item(app, "staffScreen")
        staff.setProperty("confirmingVoid", app.staff.recent[0]["handoutId"])  # "Void" tapped: the question
        settle()
        pane = item(app, "riderPane")  # the question sits under the recent handouts, at the end of the list
        pane.setProperty("contentY", max(0, pane.property("contentHeight") - pane.property("height")))
        save("staff-void")
        item(app, "tabStock").setProperty("checked", True)
        QMetaObject.invokeMethod(staff, "startStock", Q_ARG("QVariant", "water"), Q_ARG("QVariant", "count"))
        staff.setProperty("stockAmount", 3)  # a count far below the figure asks why
        save("staff-count")
        QMetaObject.invokeMethod(app.window, "goHome")
        go(app, "PinScreen", purpose="technician")
        app.staff.unlock("987654", "technician")
        settle()
        save("technician")
    finally:
        app.close()
    # A station with no attendant: its home, and what a rider is told they may take.
    app = create_app(data_dir, Config(language=language, idle_timeout_s=3600, mode="unattended"), width=width,
                     height=height)
    try:
        save("unattended-home")
        app.rider.identifyByPhone(PHONE)
        settle()
        app.rider.checkIn("rest")
        save("unattended-confirm")
    finally:
        app.close()
    # A station PC as installed, before the technician enrols it.
    from kiosk.app.main import UI_DIR
    from kiosk.app.setup import SetUpWindow

    setup = SetUpWindow(data_dir.parent / f"empty-{language}-{orientation}", language, UI_DIR)
    try:
        setup.window.resize(width, height)
        settle()
        path = out / f"setup-{language}-{orientation}.png"
        setup.window.grabWindow().save(str(path))
        saved.append(path)
    finally:
        setup.close()
        settle(0.2)  # the engine is deleted now, not under the next language's kiosk
    return saved


def help_request(app, save) -> None:
    """A rider asking for help, each step; then their request's status when they come again."""
    app.rider.identifyByPhone(PHONE)
    settle()
    app.rider.checkIn("legal_help")
    settle()
    save("help-category")
    screen = item(app, "helpScreen")
    screen.setProperty("category", "unpaid_wages")
    screen.setProperty("step", 1)
    settle()
    description = item(app, "helpDescription")
    description.forceActiveFocus()  # the on-screen keyboard rises
    description.setProperty("text", "站点两个月工资没发，站长说等平台结算")
    save("help-description")
    screen.forceActiveFocus()
    for step, name in ((2, "help-urgent"), (3, "help-contact"), (4, "help-phone")):
        screen.setProperty("step", step)
        save(name)
    for key, value in (("urgent", True), ("callBack", True), ("phone", "13912345678"), ("step", 5)):
        screen.setProperty(key, value)
    item(app, "helpConsent").setProperty("checked", True)
    save("help-review")
    QMetaObject.invokeMethod(screen, "send")
    settle()
    save("help-sent")
    screen.setProperty("step", -1)
    save("help-unavailable")
    QMetaObject.invokeMethod(app.window, "goHome")
    app.rider.identifyByPhone(PHONE)
    settle()
    save("purpose-help-status")


def sign_up(app, save) -> None:
    """A rider signing up for the childcare class, each step; then the sign-up's outcome when they come again."""
    app.rider.identifyByPhone(PHONE)
    settle()
    save("purpose-signups")
    go(app, "SignupScreen")
    save("signup-list")
    screen = item(app, "signupScreen")
    childcare = next(p for p in app.rider.signupProgrammes if p["programmeId"] == "SU-DEMO2")
    QMetaObject.invokeMethod(screen, "choose", Q_ARG("QVariant", childcare))
    save("signup-session")
    screen.setProperty("sessionId", "S1")
    screen.setProperty("answers", {"name": "陈小明", "child_name": "陈乐乐", "child_age": "7"})
    screen.setProperty("step", 2)
    save("signup-form")
    screen.setProperty("step", 3)
    save("signup-review")
    app.rider.signUp("SU-DEMO2", "S1", {"name": "陈小明", "child_name": "陈乐乐", "child_age": "7"})
    settle()
    save("signup-slip")
    QMetaObject.invokeMethod(app.window, "goHome")
    app.rider.identifyByPhone(PHONE)
    settle()
    save("purpose-signup-status")  # with the place in today's class to sign in to
    app.rider.attend(app.rider.toAttend[0]["signupId"])
    settle()
    save("purpose-attended")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m kiosk.app.screenshots OUT_DIR", file=sys.stderr)
        return 2
    from kiosk.demo import build_demo
    from kiosk.station import Station

    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    QGuiApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "template"
        station = Station.open(template)
        build_demo(station, n_members=200, days=3)
        station.register(phone=PHONE, name="陈小明", occupation="delivery_rider", union_member=True, consent=True)
        station.close()
        paths = [p for lang in ("zh_CN", "en") for o in SIZES for p in shots(out, template, lang, o)]
    print(f"{len(paths)} screens written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
