"""Draw a code as a QR image: alphanumeric mode, error correction M, a quiet zone of four modules."""

from __future__ import annotations

from pathlib import Path

import qrcode
from PIL import Image
from qrcode.util import MODE_ALPHA_NUM, QRData


def qr_image(text: str, box_size: int = 8) -> Image.Image:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size, border=4)
    qr.add_data(QRData(text.encode("ascii"), mode=MODE_ALPHA_NUM))
    qr.make(fit=True)
    return qr.make_image(fill_color="black", back_color="white").get_image().convert("L")


def save_png(text: str, path: Path, box_size: int = 8) -> Path:
    qr_image(text, box_size).save(path, format="PNG")
    return path
