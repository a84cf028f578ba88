"""A fault-injecting HTTP proxy for loopback tests: drops, resets, 5xx, stalls, truncation, replays."""

from __future__ import annotations

import random
import socket
import struct
import threading
import time
from collections import Counter

FAULTS = ("ok", "drop", "reset_request", "error_before", "error_after", "reset_response", "stall", "truncate",
          "replay")


def _read_request(sock: socket.socket) -> bytes | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        body += chunk
    return head + b"\r\n\r\n" + body


def _close_header(message: bytes) -> bytes:
    head, _, body = message.partition(b"\r\n\r\n")
    lines = [line for line in head.split(b"\r\n") if not line.lower().startswith(b"connection:")]
    return b"\r\n".join([lines[0], b"Connection: close", *lines[1:]]) + b"\r\n\r\n" + body


def _reset(sock: socket.socket) -> None:
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


class FaultProxy:
    def __init__(self, upstream: tuple[str, int], fault_rate: float = 0.5, stall_s: float = 2.0,
                 seed: int = 1) -> None:
        self.upstream = upstream
        self.fault_rate, self.stall_s = fault_rate, stall_s
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.counts: Counter[str] = Counter()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._stop = False
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> FaultProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop = True
        self.listener.close()

    def _accept(self) -> None:
        while not self._stop:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()

    def _forward(self, request: bytes) -> bytes:
        with socket.create_connection(self.upstream, timeout=30) as up:
            up.sendall(_close_header(request))
            chunks = []
            while chunk := up.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks)

    def _handle(self, client: socket.socket) -> None:
        try:
            request = _read_request(client)
            if request is None:
                client.close()
                return
            with self.lock:
                fault = "ok" if self.rng.random() >= self.fault_rate else self.rng.choice(FAULTS[1:])
                self.counts[fault] += 1
            if fault == "drop":
                client.close()
                return
            if fault == "reset_request":
                with socket.create_connection(self.upstream, timeout=5) as up:
                    up.sendall(request[: len(request) // 2])
                _reset(client)
                return
            if fault == "error_before":
                client.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                client.close()
                return
            response = self._forward(request)
            if fault == "replay":
                response = self._forward(request)
            response = _close_header(response)
            if fault == "error_after":
                client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            elif fault == "reset_response":
                client.sendall(response[: len(response) // 2])
                _reset(client)
                return
            elif fault == "stall":
                time.sleep(self.stall_s)
            elif fault == "truncate":
                client.sendall(response[: max(len(response) - 7, 1)])
            else:
                client.sendall(response)
            client.close()
        except OSError:
            client.close()
