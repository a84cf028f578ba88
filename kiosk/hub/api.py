"""The hub's HTTP API (FastAPI): enrol, push, pull, time. Versioned under /v1."""

from __future__ import annotations

import base64
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from kiosk.base.errors import InvalidInput, KioskError, NotPermitted
from kiosk.credentials.trust import sign_page
from kiosk.hub.database import HUB_THREADS
from kiosk.hub.office import GapError, Hub, Unauthorized
from kiosk.sync.protocol import MAX_BODY_BYTES, MAX_PULL_CHANGES, MAX_PUSH_EVENTS, PAGE_SIGNATURE, PROTOCOL_VERSION

STATUS = {InvalidInput: 400, Unauthorized: 401, NotPermitted: 403, GapError: 409}


class EnrolRequest(BaseModel):
    code: str = Field(max_length=64)
    public_key: str = Field(max_length=128, description="the station's Ed25519 public key, hex")
    box_key: str | None = Field(None, max_length=128, description="the station's X25519 public key, hex")


class PushRequest(BaseModel):
    protocol: int
    # Each event is checked by the hub itself (check_event); a typed list made pydantic walk every
    # payload first, a fifth of a push.
    events: list[Any] = Field(max_length=MAX_PUSH_EVENTS, json_schema_extra={"items": {"type": "object"}})


def error(status: int, code: str, message: str, **details: Any) -> JSONResponse:
    return JSONResponse({"error": code, "message": message, **details}, status_code=status,
                        headers={"X-Server-Time": f"{time.time():.3f}"})


OPEN_PATHS = ("/v1/time", "/v1/enrol", "/docs", "/redoc", "/openapi.json")
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Cache-Control": "no-store",
}


def create_app(hub: Hub, docs: bool = False) -> FastAPI:
    """The API; its interactive docs and OpenAPI schema only when ``docs`` (never on a public hub)."""
    @asynccontextmanager
    async def threads(_app: FastAPI) -> AsyncIterator[None]:
        # As many requests at once as the database pool has connections: the rest wait their turn for a
        # thread, instead of holding one while they wait for a connection (and fail after its timeout).
        anyio.to_thread.current_default_thread_limiter().total_tokens = HUB_THREADS
        yield

    app = FastAPI(lifespan=threads, title="Station Kiosk hub", version=str(PROTOCOL_VERSION),
                  docs_url="/docs" if docs else None,
                  redoc_url=None, openapi_url="/openapi.json" if docs else None)

    @app.middleware("http")
    async def limits_and_time(request: Request, call_next: Any) -> Any:
        length = request.headers.get("content-length")
        if not request.url.path.startswith("/v1/"):
            return await call_next(request)  # the office console (kiosk.hub.web): its own sessions and limits
        if request.method == "POST":
            if length is None or not length.isdigit():
                return error(411, "length_required", "Send a Content-Length.")
            if int(length) > MAX_BODY_BYTES:
                return error(413, "too_large", f"A request body is at most {MAX_BODY_BYTES} bytes.")
        if request.url.path not in OPEN_PATHS:
            # Who is asking is settled before a byte of the body is read or parsed.
            scheme, _, token = request.headers.get("authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not token:
                return error(401, "unauthorized", "Send the station's token as 'Authorization: Bearer …'.")
            try:
                request.state.station_id = await run_in_threadpool(hub.authenticate, token)
            except Unauthorized as exc:
                return error(401, exc.code, exc.message)
        response = await call_next(request)
        response.headers["X-Server-Time"] = f"{time.time():.3f}"
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.exception_handler(KioskError)
    async def refused(_request: Request, exc: KioskError) -> JSONResponse:
        status = next((s for cls, s in STATUS.items() if isinstance(exc, cls)), 400)
        return error(status, exc.code, exc.message,
                     **{k: v for k, v in exc.details.items() if k in ("acked_seq", "seq")})

    @app.exception_handler(RequestValidationError)
    async def malformed(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return error(422, "malformed", f"Malformed request at {where}: {first.get('msg', 'invalid')}.")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        """Errors FastAPI raises itself (an unparsable body, an unknown path) in the hub's own shape."""
        codes = {400: "malformed", 404: "not_found", 405: "method_not_allowed"}
        return error(exc.status_code, codes.get(exc.status_code, "refused"), f"{exc.detail}.")

    def station(request: Request) -> str:
        """The station the middleware authenticated."""
        return request.state.station_id

    @app.get("/v1/time")
    def server_time() -> dict[str, float]:
        return {"server_time": time.time()}

    @app.post("/v1/enrol")
    def enrol(body: EnrolRequest) -> dict[str, Any]:
        return hub.enrol(body.code, body.public_key, body.box_key)

    @app.post("/v1/push")
    def push(body: PushRequest, station_id: str = Depends(station)) -> dict[str, Any]:
        if body.protocol != PROTOCOL_VERSION:
            raise InvalidInput(f"This hub speaks protocol {PROTOCOL_VERSION}, not {body.protocol}.")
        return {"acked_seq": hub.push(station_id, body.events), "server_time": time.time()}

    @app.post("/v1/health")
    def health(body: dict[str, Any], station_id: str = Depends(station)) -> dict[str, Any]:
        hub.record_health(station_id, body)
        return {"ok": True}

    @app.get("/v1/acked")
    def acked(station_id: str = Depends(station)) -> dict[str, Any]:
        return {"acked_seq": hub.acked(station_id), "server_time": time.time()}

    @app.get("/v1/pull", response_class=JSONResponse)
    def pull(after: int = Query(0, ge=0, le=2**62), limit: int = Query(1000, ge=1, le=MAX_PULL_CHANGES),
             station_id: str = Depends(station)) -> Response:
        # The stored JSON text, untouched: FastAPI's encoder walking every row was the bottleneck. Signed
        # with the union's root key, so nothing between hub and station can add a technician or move its clock.
        body = hub.pull_json(station_id, after, limit, server_time=time.time()).encode()
        signature = base64.b64encode(sign_page(hub.root_key(), station_id, after, body)).decode()
        return Response(body, media_type="application/json", headers={PAGE_SIGNATURE: signature})

    return app
