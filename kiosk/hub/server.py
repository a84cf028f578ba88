"""Run the hub with uvicorn, in the foreground or on a background thread (tests, bench)."""

from __future__ import annotations

import logging
import threading
import time

import uvicorn
from fastapi import FastAPI

from kiosk.hub.admin_api import mount_admin_api
from kiosk.hub.api import create_app
from kiosk.hub.office import Hub
from kiosk.hub.web import mount_console

log = logging.getLogger("kiosk.hub")

# Slow or idle clients cannot hold the hub: a connection idle for 5 s is closed, and past 900 at once
# new ones get 503 (the reverse proxy in front has its own per-address limits and header timeouts).
LIMITS = {"timeout_keep_alive": 5, "limit_concurrency": 900, "h11_max_incomplete_event_size": 64 * 1024}


def build_app(hub: Hub, docs: bool = False) -> FastAPI:
    """The station API under /v1, the office's JSON API under /admin/v1 and its console at /."""
    app = create_app(hub, docs)
    mount_admin_api(app, hub)
    mount_console(app, hub)
    return app


class BackgroundHub:
    """A real hub on a loopback port, in this process; ``url`` once started."""

    def __init__(self, hub: Hub, host: str = "127.0.0.1", port: int = 0, docs: bool = False) -> None:
        config = uvicorn.Config(build_app(hub, docs), host=host, port=port, log_level="warning", access_log=False,
                                **LIMITS)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="hub", daemon=True)
        self.url = ""

    def __enter__(self) -> BackgroundHub:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the hub did not start")
            time.sleep(0.02)
        host, port = self.server.servers[0].sockets[0].getsockname()[:2]
        self.url = f"http://{host}:{port}"
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def _daily_retention(hub: Hub) -> None:
    """Retention runs when the hub starts and every day after: old visits stop naming riders."""
    while True:
        try:
            hub.forget_old_links()
        except Exception:  # a database hiccup: try again tomorrow, the hub keeps serving
            log.exception("retention failed")
        time.sleep(86400)


def serve(hub: Hub, host: str, port: int, docs: bool = False) -> None:
    threading.Thread(target=_daily_retention, args=(hub,), name="retention", daemon=True).start()
    uvicorn.run(build_app(hub, docs), host=host, port=port, log_level="info", proxy_headers=True,
                forwarded_allow_ips="127.0.0.1", **LIMITS)
