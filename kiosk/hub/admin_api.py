"""The office's JSON API under /admin/v1: the console's service functions for scripts and other systems.

Authentication is the console's: POST /admin/v1/session with a user name and password gives a session token
to send as ``Authorization: Bearer``; roles, scope and the audit log are the same as on the pages
(kiosk.hub.web checks the token before any of this runs).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from kiosk.hub.office import Hub
from kiosk.hub.operators import Operator


class SessionRequest(BaseModel):
    username: str = Field(max_length=40)
    password: str = Field(max_length=200)


class StationRequest(BaseModel):
    name: str = Field(max_length=120)
    district: str | None = Field(None, max_length=40)


class CampaignRequest(BaseModel):
    campaign: dict[str, Any]
    items: list[dict[str, Any]] = Field(max_length=50)


class AllocationRequest(BaseModel):
    station_id: str = Field(max_length=32)
    item_id: str = Field(max_length=40)
    quantity: int = Field(0, ge=0, le=1_000_000)
    codes: list[str] | None = Field(None, max_length=100_000)


def mount_admin_api(app: FastAPI, hub: Hub) -> None:
    def me(request: Request, may: str = "read") -> Operator:
        operator: Operator = request.state.operator
        operator.require(may)
        return operator

    @app.post("/admin/v1/session", include_in_schema=False)
    async def session(body: SessionRequest) -> dict[str, Any]:
        token, _csrf = await run_in_threadpool(hub.login, body.username, body.password)
        return {"token": token, "expires_in_s": 8 * 3600}

    @app.get("/admin/v1/figures", include_in_schema=False)
    def figures(request: Request, start: str = Query(max_length=10), end: str = Query(max_length=10)) -> Any:
        return hub.figures(start, end, me(request).district)

    @app.get("/admin/v1/stations", include_in_schema=False)
    def stations(request: Request) -> list[dict[str, Any]]:
        district = me(request).district
        return [{k: v for k, v in s.items() if k != "kid"} for s in hub.list_stations()
                if district in (None, s["district"])]

    @app.post("/admin/v1/stations", include_in_schema=False)
    async def add_station(request: Request, body: StationRequest) -> dict[str, str]:
        operator = me(request, "stations")
        station_id, code = await run_in_threadpool(hub.add_station, body.name, body.district, operator.actor)
        return {"station_id": station_id, "code": code}

    @app.post("/admin/v1/campaigns", include_in_schema=False)
    async def publish(request: Request, body: CampaignRequest) -> dict[str, Any]:
        operator = me(request, "programmes")
        return await run_in_threadpool(hub.publish_campaign, body.campaign, body.items, operator.actor)

    @app.post("/admin/v1/allocations", include_in_schema=False)
    async def allocate(request: Request, body: AllocationRequest) -> dict[str, bool]:
        operator = me(request, "programmes")
        await run_in_threadpool(hub.allocate, body.station_id, body.item_id, body.quantity, body.codes,
                                operator.actor)
        return {"ok": True}

    @app.get("/admin/v1/audit", include_in_schema=False)
    def audit(request: Request, limit: int = Query(200, ge=1, le=10_000)) -> list[dict[str, Any]]:
        me(request, "operators")
        return hub.audit_entries(limit=limit)
