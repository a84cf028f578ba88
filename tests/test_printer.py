"""Receipts and cards go to a file printer; the bytes are real ESC/POS."""

import pytest

from kiosk.base.errors import InvalidInput
from kiosk.core import stock
from kiosk.devices.printer import PrinterError, ReceiptPrinter, hand_out_printed, open_printer
from tests.conftest import STAFF

RASTER = b"\x1dv0"  # GS v 0: print raster bit image
CUT = b"\x1dV"  # GS V: cut


def test_receipt_and_card_print_as_raster_images_and_cut(tmp_path):
    out = tmp_path / "printer.bin"
    printer = ReceiptPrinter(open_printer("file", str(out)))
    printer.handout_receipt("城中区骑手驿站", "陈** *******5678", ["矿泉水 ×2"], "2026-07-15T08:00:00.000Z")
    printer.membership_card("城中区骑手驿站", "陈**", "SK1:6BFA0" * 20)
    printer.device.close()
    data = out.read_bytes()
    assert data.count(RASTER) >= 3 and data.count(CUT) == 2
    assert "陈".encode("gb18030") not in data and "陈".encode() not in data  # Chinese went as pixels


class BrokenDevice:
    def image(self, *args, **kwargs):
        raise OSError("paper out")

    def cut(self):
        pass


def test_a_failed_print_does_not_use_up_the_allowance(station, rider):
    stock.receive_stock(station, "care_kit", 5, STAFF)
    with pytest.raises(PrinterError, match="try again"):
        hand_out_printed(station, ReceiptPrinter(BrokenDevice()), rider.member_id, "care_kit", 1, STAFF,
                         ["冬季关爱包 ×1"], "驿站", "张**")
    assert station.one("SELECT COUNT(*) FROM handouts") == 0 and stock.on_hand(station, "care_kit") == 5


def test_printed_handout_is_recorded(station, rider, tmp_path):
    stock.receive_stock(station, "care_kit", 5, STAFF)
    printer = ReceiptPrinter(open_printer("file", str(tmp_path / "p.bin")))
    handout = hand_out_printed(station, printer, rider.member_id, "care_kit", 1, STAFF, ["冬季关爱包 ×1"],
                               "驿站", "张**")
    printer.device.close()
    assert station.one("SELECT member_id FROM handouts WHERE event_id = ?", (handout.event_id,)) == rider.member_id


@pytest.mark.parametrize("kind,target", [("pigeon", "x"), ("usb", "notahex"), ("network", "host:port")])
def test_bad_printer_settings_are_refused_clearly(kind, target):
    with pytest.raises((PrinterError, InvalidInput)):
        open_printer(kind, target)
