"""Scan membership codes from a camera's frames (QtMultimedia + zxing-cpp).

Frames arrive on the UI thread through a QVideoSink (the home screen's preview shares it). One frame at
a time is decoded on a worker thread; frames that arrive meanwhile are dropped, so a slow machine
shows a smooth preview and never queues up stale frames. A code held in front of the camera is
reported once, not once a frame.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import zxingcpp
from PIL import Image
from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QMediaDevices, QVideoFrame, QVideoSink

log = logging.getLogger("kiosk.camera")
REPEAT_S = 3.0  # a code seen again within this time of its last sighting is still being held up


def decode_frame(frame: QVideoFrame) -> list[str]:
    """Every QR code's text in one frame (runs on the decoding thread)."""
    image = frame.toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    if image.isNull():
        return []
    gray = Image.frombuffer("L", (image.width(), image.height()), bytes(image.constBits()), "raw", "L",
                            image.bytesPerLine(), 1)
    return [r.text for r in zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode)]


class CameraScanner(QObject):
    scanned = Signal(str)
    changed = Signal()
    _decoded = Signal(list)

    def __init__(self, parent: QObject | None = None, repeat_s: float = REPEAT_S) -> None:
        super().__init__(parent)
        self.repeat_s = repeat_s
        self.offered = self.decoded = self.dropped = 0
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="camera")
        self._busy = threading.Event()
        self._sink: QVideoSink | None = None
        self._session: QMediaCaptureSession | None = None
        self._camera: QCamera | None = None
        self._last = ("", 0.0)
        self._decoded.connect(self._on_decoded)  # from the decoding thread, queued onto the UI thread

    @Property(str, constant=True)
    def cameraName(self) -> str:
        """The camera the kiosk will use, or "" when the machine has none."""
        device = QMediaDevices.defaultVideoInput()
        return "" if device.isNull() else device.description()

    @Property(QObject, notify=changed)
    def videoSink(self) -> QVideoSink | None:
        return self._sink

    @videoSink.setter  # type: ignore[no-redef]
    def videoSink(self, sink: QVideoSink | None) -> None:
        """Watch this sink's frames (the preview's own sink, so the preview and the decoder share frames)."""
        if self._sink is not None:
            self._sink.videoFrameChanged.disconnect(self.offer)
        self._sink = sink
        if sink is not None:
            sink.videoFrameChanged.connect(self.offer)
            if self._session is not None:
                self._session.setVideoSink(sink)
        self.changed.emit()

    @Slot()
    def start(self) -> None:
        """Start the camera into the sink, if the machine has one."""
        if not self.cameraName or self._camera is not None:
            return
        self._camera = QCamera(QMediaDevices.defaultVideoInput(), self)
        self._camera.errorOccurred.connect(lambda _e, text: log.error("camera: %s", text))
        self._session = QMediaCaptureSession(self)
        self._session.setCamera(self._camera)
        if self._sink is not None:
            self._session.setVideoSink(self._sink)
        self._camera.start()
        log.info("camera started: %s", self.cameraName)

    def stop(self) -> None:
        if self._camera is not None:
            self._camera.stop()
        self._pool.shutdown(wait=True, cancel_futures=True)

    @Slot(QVideoFrame)
    def offer(self, frame: QVideoFrame) -> None:
        """A new frame: decode it unless the last one is still being decoded."""
        self.offered += 1
        if self._busy.is_set() or not frame.isValid():
            self.dropped += 1
            return
        self._busy.set()
        self._pool.submit(self._decode, QVideoFrame(frame))

    def _decode(self, frame: QVideoFrame) -> None:
        try:
            texts = decode_frame(frame)
        except Exception:  # a bad frame must never stop the camera
            log.exception("camera frame could not be decoded")
            texts = []
        finally:
            self._busy.clear()
        self._decoded.emit(texts)

    @Slot(list)
    def _on_decoded(self, texts: list[str]) -> None:
        self.decoded += 1
        now = time.monotonic()
        for text in texts:
            held = text == self._last[0] and now - self._last[1] < self.repeat_s
            self._last = (text, now)
            if not held:
                self.scanned.emit(text)
