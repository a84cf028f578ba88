"""The station's side of sync: push events after the hub's ack, pull changes after the cursor."""

from __future__ import annotations

import base64
import binascii
import json
import logging
import queue
import shutil
import ssl
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from kiosk import __version__
from kiosk.base.clock import Clock, iso
from kiosk.base.errors import InvalidInput, KioskError
from kiosk.base.ids import uuid7
from kiosk.core.summary import station_status
from kiosk.core.trust import root_public_key
from kiosk.credentials.trust import page_signed
from kiosk.store import Store
from kiosk.sync.apply import CheckedPage, check_page, write_pages
from kiosk.sync.protocol import MAX_PUSH_EVENTS, PAGE_SIGNATURE, PROTOCOL_VERSION, set_aside

log = logging.getLogger("kiosk.sync")
PUSH_BATCH = MAX_PUSH_EVENTS
PULL_PAGE = 2000
# Changes written to one transaction in a pull: enough to share index writes, short enough (about a
# second and a half at a million riders on the 2-core test PC) that a waiting check-in is not held long.
PULL_BATCH_ROWS = 50_000


MAX_CLOCK_STEP_S = 600


class SyncError(KioskError):
    """The hub could not be reached or refused; ``retry`` says whether trying again may help."""

    code = "sync_failed"

    def __init__(self, message: str, retry: bool = True, **details: Any) -> None:
        super().__init__(message, **details)
        self.retry = retry


class HubClient:
    def __init__(self, url: str, token: str | None = None, timeout: float = 15.0,
                 machine_time: Callable[[], float] = time.time, root_public: Ed25519PublicKey | None = None,
                 station_id: str = "", verify: ssl.SSLContext | bool = True) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.http = httpx.Client(base_url=url.rstrip("/"), timeout=timeout, headers=headers, verify=verify)
        self.machine_time = machine_time  # the station's own clock, to measure its offset to the hub's
        self.offset_s: float | None = None  # measured only from signed pages
        self.root_public = root_public
        self.station_id = station_id

    def close(self) -> None:
        self.http.close()

    def call(self, method: str, path: str, check: Callable[[httpx.Response], None] | None = None,
             **kwargs: Any) -> dict[str, Any]:
        """One request; ``check`` sees the raw answer (a page's signature) before any of it is parsed."""
        sent = self.machine_time()
        try:
            response = self.http.request(method, path, **kwargs)
            if check is not None and response.status_code == 200:
                check(response)
            body = response.json()
        except httpx.ConnectError as exc:
            if "CERTIFICATE_VERIFY_FAILED" in str(exc):
                raise SyncError("The hub's certificate is not the one this station trusts: "
                                "it may not be the union's hub.") from exc
            raise SyncError(f"The hub did not answer: {exc.__class__.__name__}.") from exc
        except httpx.HTTPError as exc:
            raise SyncError(f"The hub did not answer: {exc.__class__.__name__}.") from exc
        except ValueError as exc:
            raise SyncError("The hub's answer was cut short or garbled.") from exc
        received = self.machine_time()
        if not isinstance(body, dict):
            raise SyncError("The hub's answer was garbled.")
        if response.status_code >= 500:
            raise SyncError(f"The hub failed ({response.status_code}).")
        if response.status_code >= 400:
            raise SyncError(f"The hub refused: {body.get('message', response.status_code)}",
                            retry=response.status_code == 409, code=body.get("error"),
                            acked_seq=body.get("acked_seq"), seq=body.get("seq"),
                            reason=body.get("message", ""))
        server_time = body.get("server_time")
        if check is not None and isinstance(server_time, int | float):
            self.offset_s = server_time - (sent + received) / 2
        return body

    def enrol(self, code: str, public_key_hex: str, box_key_hex: str) -> dict[str, Any]:
        return self.call("POST", "/v1/enrol", json={"code": code, "public_key": public_key_hex,
                                                    "box_key": box_key_hex})

    def push(self, events_json: str) -> int:
        """Send a batch of events (their JSON array text, from event_batch); returns the hub's new ack."""
        body = self.call("POST", "/v1/push", content=f'{{"protocol":{PROTOCOL_VERSION},"events":{events_json}}}',
                         headers={"Content-Type": "application/json"})
        if type(body.get("acked_seq")) is not int:
            raise SyncError("The hub's push answer was garbled.")
        return body["acked_seq"]

    def report_health(self, health: dict[str, Any]) -> None:
        """Tell the office how this station is (its console's station list); a hub without it is no error."""
        try:
            self.call("POST", "/v1/health", json=health)
        except SyncError as exc:
            log.info("the hub did not take this station's health: %s", exc.message)

    def pull(self, after: int, limit: int | None = None) -> dict[str, Any]:
        """A page of changes, taken only if the union's root key signed it for this station at this cursor."""
        def signed(response: httpx.Response) -> None:
            try:
                signature = base64.b64decode(response.headers.get(PAGE_SIGNATURE, ""), validate=True)
            except binascii.Error:
                signature = b""
            if self.root_public is None or not page_signed(self.root_public, self.station_id, after,
                                                            response.content, signature):
                raise SyncError("A page from the hub was not signed by the union: it was refused.")

        return self.call("GET", "/v1/pull", check=signed, params={"after": after, "limit": limit or PULL_PAGE})

    def acked(self) -> int:
        body = self.call("GET", "/v1/acked")
        if type(body.get("acked_seq")) is not int:
            raise SyncError("The hub's answer was garbled.")
        return body["acked_seq"]


@dataclass
class SyncResult:
    pushed: int
    pulled: int
    acked_seq: int
    cursor: int


def event_batch(store: Store, after: int, limit: int) -> tuple[int, str]:
    """Up to ``limit`` events after seq ``after`` as (the last one's seq, their JSON array text), built by
    SQLite from the stored payload text: decoding each payload only to encode it again was most of a
    push's time at the station."""
    rows = store.conn.execute(
        "SELECT seq, json_object('seq', seq, 'id', id, 'type', type, 'at', at, 'day', day, 'payload', json(payload))"
        " FROM events WHERE seq > ? ORDER BY seq LIMIT ?", (after, limit)).fetchall()
    return (rows[-1][0] if rows else after), f"[{','.join(r[1] for r in rows)}]"


def event_dicts(store: Store, after: int, limit: int) -> list[dict[str, Any]]:
    return [{"seq": e.seq, "id": e.id, "type": e.type, "at": e.at, "day": e.day, "payload": e.payload}
            for e in store.events(after_seq=after, limit=limit)]


def record_ack(store: Store, acked: int) -> None:
    """Keep the hub's acknowledgement; it only moves forward, so an answer read before a USB reply was
    imported on another thread cannot take back what the reply acknowledged."""
    last = store.one("SELECT COALESCE(MAX(seq), 0) FROM events")
    if acked > last:
        raise SyncError(f"The hub holds events up to {acked} but this station only has {last}: "
                        "the station database was restored from an old copy. Call the union office.", retry=False)
    with store.transaction() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('acked_seq', ?) ON CONFLICT (key) DO UPDATE SET "
                     "value = CAST(MAX(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT)",
                     (str(acked),))


def sync_once(store: Store, client: HubClient) -> SyncResult:
    """Push everything pending, then pull every page; record the outcome for the technician."""
    try:
        pushed, acked = push_all(store, client)
        pulled = pull_all(store, client)
        if client.offset_s is not None:
            offset = bounded_offset(store.setting("clock_offset_s"), client.offset_s)
            store.set_setting("clock_offset_s", round(offset, 3))
            store.clock.adopt_offset(offset)
        store.set_setting("last_sync_ok", iso(Clock().now()))
        previous_error = store.setting("last_sync_error")
        store.set_setting("last_sync_error", None)
        client.report_health(station_health(store, previous_error))
        log.info("synced: pushed %s, pulled %s", pushed, pulled)
        return SyncResult(pushed, pulled, acked, store.setting("pull_cursor", 0))
    except KioskError as exc:
        store.set_setting("last_sync_error", f"{iso(Clock().now())} {exc.message}")
        log.warning("sync failed: %s", exc.message)
        raise


def station_health(store: Store, last_error: str | None) -> dict[str, Any]:
    """What the office's station list shows: version, events not yet at the hub, clock, disk, stock."""
    status = station_status(store)
    return {"app_version": __version__, "pending_events": status["pending_events"],
            "clock_offset_s": status["sync"]["clock_offset_s"],
            "disk_free_mb": shutil.disk_usage(Path(store.path).parent).free // 2**20,
            "last_error": (last_error or "")[:300], "stock": status["stock"]}


def bounded_offset(current: float | None, measured: float) -> float:
    """The clock offset to adopt: the hub's at the first sync (enrolment), then at most MAX_CLOCK_STEP_S
    closer to it per sync, so no one answer can move a station's days (and its limits) far."""
    if current is None:
        return measured
    return current + max(-MAX_CLOCK_STEP_S, min(MAX_CLOCK_STEP_S, measured - current))


def push_all(store: Store, client: HubClient) -> tuple[int, int]:
    """Push every event after the hub's ack, in order; the next batch is read while the hub takes the
    last one. Returns (events the hub newly acknowledged, its ack)."""
    acked = client.acked()
    record_ack(store, acked)
    pushed = 0
    with ThreadPoolExecutor(1, thread_name_prefix="push") as sender:
        last, batch = event_batch(store, acked, PUSH_BATCH)
        while last > acked:
            sending = sender.submit(client.push, batch)
            upcoming = event_batch(store, last, PUSH_BATCH)
            try:
                new_ack = sending.result()
            except SyncError as exc:
                if exc.details.get("code") == "gap" and isinstance(exc.details.get("acked_seq"), int):
                    new_ack = exc.details["acked_seq"]  # the hub holds less (or more) than we thought
                elif exc.details.get("code") == "invalid_input" and type(exc.details.get("seq")) is int \
                        and exc.details["seq"] > acked:
                    # One event the hub cannot read must not stop the queue: the hub's events before it are
                    # taken, it goes as a placeholder (kept here whole), then the rest follow.
                    new_ack = set_aside_event(store, client, acked, exc.details["seq"], exc.details["reason"])
                else:
                    raise
            pushed += max(new_ack - acked, 0)
            acked = new_ack
            record_ack(store, acked)
            last, batch = upcoming if acked == last else event_batch(store, acked, PUSH_BATCH)
    return pushed, acked


def set_aside_event(store: Store, client: HubClient, acked: int, seq: int, reason: str) -> int:
    """Push the events before ``seq``, then a placeholder for it; returns the hub's new ack."""
    if seq > acked + 1:
        acked = client.push(event_batch(store, acked, seq - acked - 1)[1])
        if acked != seq - 1:
            return acked
    (event,) = event_dicts(store, seq - 1, 1)
    now = store.clock.now()
    placeholder = set_aside(event, reason, iso(now), store.clock.day(now).isoformat())
    placeholder["id"] = placeholder["id"] or uuid7(int(now.timestamp() * 1000))
    log.warning("event %s set aside: %s", seq, reason)
    store.set_setting("events_set_aside", [*store.setting("events_set_aside", []), seq][-100:])
    return client.push(json.dumps([placeholder], ensure_ascii=False))


def pull_all(store: Store, client: HubClient) -> int:
    """Pull every page after the cursor. Pages download on another thread, up to a batch ahead, while
    the last ones are checked and written PULL_BATCH_ROWS changes to a transaction (each commit rewrites the
    roster's index pages it touched, so a first pull of a million riders in pages of 2,000 wrote
    gigabytes). What arrived before a failure is kept."""
    pulled = 0
    arrived: queue.Queue[dict[str, Any] | Exception | None] = queue.Queue(maxsize=PULL_BATCH_ROWS // PULL_PAGE)
    stop = threading.Event()
    with ThreadPoolExecutor(1, thread_name_prefix="pull") as fetcher:
        fetcher.submit(_fetch_pages, client, store.setting("pull_cursor", 0), arrived, stop)
        try:
            done = False
            while not done:
                pages: list[CheckedPage] = []
                rows = 0
                while rows < PULL_BATCH_ROWS:
                    item = arrived.get()
                    if not isinstance(item, dict):
                        done = True
                        break
                    pages.append(check_page(item))  # on this thread: on the other, it held up the writes
                    rows += len(pages[-1].changes)
                pulled += write_pages(store, pages)  # what arrived is kept, also before a failure
            if item is not None:
                raise item
        except InvalidInput as exc:
            raise SyncError(exc.message, retry=True) from exc
        finally:
            stop.set()
    return pulled


def _fetch_pages(client: HubClient, after: int, arrived: queue.Queue[dict[str, Any] | Exception | None],
                 stop: threading.Event) -> None:
    """Put the pages after ``after`` in order on ``arrived``, then None, or the error that ended it."""

    def put(item: Any) -> None:
        while not stop.is_set():
            try:
                return arrived.put(item, timeout=0.1)
            except queue.Full:
                continue

    try:
        while not stop.is_set():
            page = client.pull(after)
            put(page)
            if not (page.get("more") and type(page.get("next")) is int):
                break
            after = page["next"]
        put(None)
    except Exception as exc:  # handed to the writing thread, which raises it
        put(exc)


def token_path(keys: Path) -> Path:
    return keys / "hub.token"


def client_for(store: Store, keys: Path, timeout: float = 15.0, hub_url: str = "") -> HubClient:
    """A client for the hub this station enrolled with (``hub_url``: where that hub is now, if it moved)."""
    enrolled_at = store.setting("hub_url")
    url = enrolled_at and (hub_url or enrolled_at)
    path = token_path(keys)
    if url is None or not path.exists():
        raise InvalidInput("This station is not enrolled with a hub: run 'kiosk enrol --hub URL --code CODE'.")
    check_hub_url(url)
    pinned = ca_path(keys)
    return HubClient(url, path.read_text().strip(), timeout=timeout, machine_time=store.clock.machine_time,
                     root_public=root_public_key(store), station_id=store.setting("station_id"),
                     verify=trusting(pinned if pinned.exists() else None))


def ca_path(keys: Path) -> Path:
    """The hub certificate pinned at enrolment, if one was given."""
    return keys / "hub-ca.pem"


def trusting(ca: Path | None) -> ssl.SSLContext | bool:
    """TLS that trusts only ``ca`` (a pinned certificate or the union's CA), or the system's CAs."""
    return ssl.create_default_context(cafile=str(ca)) if ca is not None else True


def check_hub_url(url: str) -> None:
    """Only https, except to this machine: a token and the union's data never cross a network in clear."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput("The hub address must start with https://.", field="hub_url")
    if parts.scheme == "http" and parts.hostname not in ("localhost", "127.0.0.1", "::1"):
        raise InvalidInput("The hub must be reached over https:// (plain http only to this machine).",
                           field="hub_url")
