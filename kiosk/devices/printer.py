"""Receipt printer (python-escpos): handout receipts and membership cards, Chinese drawn as an image.

Chinese is rendered with the bundled font into a bitmap, so it prints the same on any ESC/POS printer
whatever code pages it has. A print that fails raises PrinterError; the staff screen prints a receipt
before it records the handout, so a failed print uses up no allowance and the attendant simply tries again.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from escpos import printer as escpos_printer
from escpos.exceptions import Error as EscposError
from PIL import Image, ImageDraw, ImageFont

from kiosk.base.errors import KioskError
from kiosk.credentials.render import qr_image

FONT = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "NotoSansSC-Regular-subset.otf"
PAPER_WIDTH = 384  # dots: 58 mm paper at 203 dpi
KINDS = ("file", "usb", "serial", "network")


class PrinterError(KioskError):
    code = "printer_error"


def open_printer(kind: str, target: str) -> Any:
    """An escpos printer from the configuration: file PATH, usb VID:PID, serial DEVICE, network HOST[:PORT]."""
    device = _open_device(kind, target)
    device.profile.profile_data["media"]["width"]["pixels"] = PAPER_WIDTH  # lets images be centred
    return device


def _open_device(kind: str, target: str) -> Any:
    try:
        if kind == "file":
            return escpos_printer.File(target)
        if kind == "usb":
            vendor, product = (int(part, 16) for part in target.split(":"))
            return escpos_printer.Usb(vendor, product)
        if kind == "serial":
            return escpos_printer.Serial(target)
        if kind == "network":
            host, _, port = target.partition(":")
            return escpos_printer.Network(host, int(port or 9100))
    except (EscposError, OSError, ValueError) as exc:
        raise PrinterError(f"The receipt printer cannot be opened ({kind} {target}): {exc}") from exc
    raise PrinterError(f"Printer kind must be one of {', '.join(KINDS)}.")


def configured_printer(settings: dict[str, str]) -> ReceiptPrinter:
    """The printer kiosk.toml's [printer] names, opened for one job; PrinterError when there is none."""
    if settings["kind"] == "none":
        raise PrinterError("No receipt printer is set up at this station.", reason="none")
    return ReceiptPrinter(open_printer(settings["kind"], settings["target"]))


def text_image(lines: Sequence[str], size: int = 26) -> Image.Image:
    font = ImageFont.truetype(str(FONT), size)
    height = (size + 10) * len(lines) + 10
    image = Image.new("1", (PAPER_WIDTH, height), 1)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((4, 6 + i * (size + 10)), line, font=font, fill=0)
    return image


class ReceiptPrinter:
    def __init__(self, device: Any) -> None:
        self.device = device

    def _print(self, *images: Image.Image) -> None:
        try:
            for image in images:
                self.device.image(image, center=True)
            self.device.cut()
        except (EscposError, OSError) as exc:
            raise PrinterError(f"The receipt printer did not print ({exc.__class__.__name__}): "
                               "check the paper and the cable, then try again.") from exc
        finally:
            self.device.close()  # opened for this one job

    def handout_receipt(self, station: str, rider: str, lines: Sequence[str], at: str) -> None:
        self._print(text_image([station, rider, *lines, at[:16].replace("T", " ")]))

    def membership_card(self, station: str, rider: str, code: str) -> None:
        qr = qr_image(code, box_size=3).convert("1")
        self._print(text_image([station, rider, "会员码 / Membership code"]), qr)

    def case_slip(self, heading: Sequence[str], number: str, footer: Sequence[str]) -> None:
        """A help request's slip: the case number large, to read out when calling the union."""
        self._print(text_image(heading), text_image([number], size=44), text_image(footer))

    def signup_slip(self, heading: Sequence[str], outcome: str, lines: Sequence[str]) -> None:
        """A sign-up's slip: the outcome large (a place, or the waiting list), then where to go and what to bring."""
        self._print(text_image(heading), text_image([outcome], size=36), text_image(lines, size=22))

    def test_page(self) -> None:
        self._print(text_image(["打印测试 Printer test", "工会驿站 Station Kiosk"]))
