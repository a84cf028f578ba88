"""Receipts and cards go to a file printer; the bytes are real ESC/POS."""

from pathlib import Path

import pytest

from kiosk.base.errors import InvalidInput
from kiosk.base.paths import keys_dir
from kiosk.core import stock
from kiosk.devices.printer import PrinterError, ReceiptPrinter, open_printer
from kiosk.station import Station
from tests.helpers import STAFF, write

RASTER = b"\x1dv0"  # GS v 0: print raster bit image
CUT = b"\x1dV"  # GS V: cut


def test_receipt_and_card_print_as_raster_images_and_cut(tmp_path):
    receipt, card = tmp_path / "receipt.bin", tmp_path / "card.bin"  # a printer is opened for one job
    ReceiptPrinter(open_printer("file", str(receipt))).handout_receipt(
        "城中区骑手驿站", "陈** *******5678", ["矿泉水 ×2"], "2026-07-15T08:00:00.000Z")
    ReceiptPrinter(open_printer("file", str(card))).membership_card("城中区骑手驿站", "陈**", "SK1:6BFA0" * 20)
    data = receipt.read_bytes() + card.read_bytes()
    assert data.count(RASTER) >= 3 and data.count(CUT) == 2
    assert "陈".encode("gb18030") not in data and "陈".encode() not in data  # Chinese went as pixels


def print_then_hand_out(store, printer, member_id, item_id):
    """What the staff screen does with a printer: plan, print the receipt, then record the handout."""
    st = Station(store, keys_dir(Path(store.path).parent))
    plan = st.plan_handout(member_id, item_id, 1, STAFF)
    printer.handout_receipt("驿站", plan.member.masked_name, [f"{plan.item.name_zh} ×{plan.quantity}"], plan.at)
    return st.hand_out(member_id, item_id, 1, STAFF, plan.voucher_code)


class BrokenDevice:
    def image(self, *args, **kwargs):
        raise OSError("paper out")

    def cut(self):
        pass

    def close(self):
        pass


def test_a_failed_print_does_not_use_up_the_allowance(station, rider):
    write(stock.receive_stock, station, "care_kit", 5, STAFF)
    with pytest.raises(PrinterError, match="try again"):
        print_then_hand_out(station, ReceiptPrinter(BrokenDevice()), rider.member_id, "care_kit")
    assert station.one("SELECT COUNT(*) FROM handouts") == 0 and stock.on_hand(station, "care_kit") == 5


def test_printed_handout_is_recorded(station, rider, tmp_path):
    write(stock.receive_stock, station, "care_kit", 5, STAFF)
    printer = ReceiptPrinter(open_printer("file", str(tmp_path / "p.bin")))
    handout = print_then_hand_out(station, printer, rider.member_id, "care_kit")
    assert station.one("SELECT member_id FROM handouts WHERE event_id = ?", (handout.event_id,)) == rider.member_id


@pytest.mark.parametrize("kind,target", [("pigeon", "x"), ("usb", "notahex"), ("network", "host:port")])
def test_bad_printer_settings_are_refused_clearly(kind, target):
    with pytest.raises((PrinterError, InvalidInput)):
        open_printer(kind, target)
