"""QR codes reach QML as images: ``image://qr/<url-encoded text>``."""

from __future__ import annotations

from urllib.parse import unquote

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickImageProvider

from kiosk.credentials.render import qr_image


class QrImageProvider(QQuickImageProvider):
    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)

    def requestImage(self, id_: str, size: QSize, requested: QSize) -> QImage:
        image = qr_image(unquote(id_), box_size=8).convert("RGB")
        data = image.tobytes("raw", "RGB")
        qimage = QImage(data, image.width, image.height, image.width * 3, QImage.Format.Format_RGB888).copy()
        if requested.isValid() and requested.width() > 0:
            qimage = qimage.scaled(requested.width(), requested.width())
        size.setWidth(qimage.width())
        size.setHeight(qimage.height())
        return qimage
