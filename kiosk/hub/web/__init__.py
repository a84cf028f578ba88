"""The union office's console: server-rendered pages over the hub's own service functions.

Nothing here decides a business rule: every form goes to a Hub method (the same one the command line and
the admin API call), which checks it, writes it and its audit line in one transaction. This module turns
requests into those calls and their refusals into a message next to the field.
"""

from __future__ import annotations

import csv
import io
import json
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import qrcode
import qrcode.image.svg
from babel.messages.pofile import read_po
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from kiosk.base.clock import Clock
from kiosk.base.errors import InvalidInput, KioskError, NotPermitted
from kiosk.core.casework import STATUSES as HELP_STATUSES
from kiosk.core.casework import case_number, request_id_of
from kiosk.core.signups import FIELD_PRESETS
from kiosk.hub.catalogue import yuan_to_fen
from kiosk.hub.excel import figures_workbook, headline, signup_headline, signups_workbook, wan_yuan
from kiosk.hub.office import Hub
from kiosk.hub.operators import ROLES, Operator
from kiosk.hub.roster import read_codes, read_roster

HERE = Path(__file__).parent
COOKIE = "kiosk_session"
DRAFT = "kiosk_draft"  # what was typed into a form sent after the session ended
KEPT_BACK = ("csrf", "password", "pin", "confirm", "confirmed", "token")
LANGUAGES = ("zh_CN", "en")
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
DISTRICTS = ("城中区", "城东区", "城西区", "城北区", "湟中区", "大通县", "湟源县")
PERIODS = ("day", "week", "month", "year", "campaign")
PAGE = 100  # rows a long table shows at a time
SESSION_ROWS = 4  # sessions a new sign-up programme's form offers
# How the station list may be sorted.
STATION_ORDER = {"name": lambda s: s["name"], "district": lambda s: (s["district"] or "", s["name"]),
                 "last_sync": lambda s: s["last_seen_at"] or "",
                 "waiting": lambda s: -int(s["health"].get("pending_events", 0))}
# Why riders came, as the kiosk's purpose buttons say it (translated in the console's catalogue).
OCCUPATION_LABELS = {"delivery_rider": "Delivery rider", "courier": "Courier",
                     "ride_hailing_driver": "Ride-hailing driver", "truck_driver": "Truck driver", "other": "Other"}
HELP_STATUS_LABELS = {"new": "New", "contacted": "Contacted", "in_progress": "In progress",
                      "referred_legal_aid": "Referred to legal aid",
                      "referred_labour_inspection": "Referred to labour inspection",
                      "referred_platform": "Referred to the platform", "resolved": "Resolved", "closed": "Closed"}
PURPOSE_LABELS = {"rest": "Rest", "water": "Drink water", "charging": "Charge a phone", "meal_heating": "Heat a meal",
                  "restroom": "Restroom", "legal_help": "Rights and legal help", "activity": "An activity or training"}


MAX_UPLOAD = 50 * 1024 * 1024


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


class NotFound(KioskError):
    code = "not_found"


def _catalogues() -> dict[str, Any]:
    with open(HERE / "translations" / "zh_CN.po", "rb") as f:
        return {"zh_CN": read_po(f, locale="zh_CN")}


class Pages:
    """Renders a template in the operator's language, with what every page needs."""

    def __init__(self) -> None:
        self.env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(),
                               extensions=["jinja2.ext.i18n"])
        self.zh = {m.id: m.string for m in _catalogues()["zh_CN"] if m.id and m.string}
        # The language is each request's own (given to the template as "_"): pages render on several
        # threads at once, so none is installed in the shared environment.
        self.env.install_null_translations(newstyle=True)
        self.env.filters["yuan"] = lambda fen: f"{(fen or 0) / 100:,.2f}"
        self.env.filters["wan"] = wan_yuan
        self.env.filters["case"] = case_number
        self.env.globals.update(DISTRICTS=DISTRICTS, ROLES=ROLES, PERIODS=PERIODS, PURPOSE_LABELS=PURPOSE_LABELS,
                                OCCUPATION_LABELS=OCCUPATION_LABELS,
                                HELP_STATUS_LABELS=HELP_STATUS_LABELS,
                                headline=headline, signup_headline=signup_headline)

    def gettext(self, language: str) -> Any:
        return (lambda s: self.zh.get(s, s)) if language == "zh_CN" else (lambda s: s)

    def render(self, request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        language = language_of(request)
        gettext = self.gettext(language)

        def translate(text: str, **values: Any) -> str:  # Jinja's "newstyle" gettext, per request
            return gettext(text) % values if values else gettext(text)

        draft = self.draft(request)
        if draft is not None:
            context["form"] = {**context.get("form", {}), **draft}
        html = self.env.get_template(name).render(
            request=request, language=language, _=translate, gettext=translate,
            me=getattr(request.state, "operator", None),
            csrf=getattr(request.state, "csrf", ""), path=request.url.path, restored=draft is not None, **context)
        response = HTMLResponse(html, status_code=status)
        if draft is not None:
            response.delete_cookie(DRAFT)
        return response

    @staticmethod
    def draft(request: Request) -> dict[str, str] | None:
        """The form typed on this page before the session ended, once signed in again."""
        if request.method != "GET" or getattr(request.state, "operator", None) is None:
            return None
        try:
            kept = json.loads(unquote(request.cookies.get(DRAFT, "")))
        except ValueError:
            return None
        if not isinstance(kept, dict) or kept.get("path") != request.url.path or not isinstance(kept.get("form"), dict):
            return None
        return {str(k): str(v) for k, v in kept["form"].items() if k not in KEPT_BACK}


SILENT_HOURS = 24  # an enrolled station not heard from for longer is flagged on the station list


def with_silence(stations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each station with how long since it synced, and whether that is long enough to worry about."""
    now = datetime.now(UTC)
    rows = []
    for s in stations:
        seen = datetime.fromisoformat(s["last_seen_at"]) if s.get("last_seen_at") else None
        hours = None if seen is None else (now - seen).total_seconds() / 3600
        rows.append({**s, "silent_hours": hours, "health": s.get("health") or {},
                     "silent": s["state"] == "enrolled" and (hours is None or hours > SILENT_HOURS)})
    return rows


def listed(form: dict[str, Any], key: str) -> list[str]:
    """A form field that may be sent several times (checkboxes), as a list of its values."""
    value = form.get(key)
    return [] if value is None else [str(v) for v in value] if isinstance(value, list) else [str(value)]


def page_of(action: str) -> str:
    """The page a form that posts to ``action`` is on."""
    for suffix in ("/import/apply", "/import", "/revoke", "/token", "/delete"):
        if action.endswith(suffix):
            action = action[: -len(suffix)]
            break
    return {"/staff": "/stock"}.get(action, action) or "/"


def union_today() -> date:
    """Today in the union's calendar (China Standard Time), the days stations count in."""
    clock = Clock()
    return clock.local(clock.now()).date()


def category_names(categories: list[dict[str, Any]], language: str) -> dict[str, str]:
    """What riders may ask for help about, as the office named them: {key: name} in the page's language."""
    return {c["key"]: c["label_zh" if language == "zh_CN" else "label_en"] for c in categories}


def language_of(request: Request) -> str:
    chosen = request.cookies.get("lang", "")
    return chosen if chosen in LANGUAGES else "zh_CN"


def qr_svg(text: str) -> Markup:
    """An enrolment code as an inline SVG QR code, for the technician's scanner or camera."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return Markup(image.to_string(encoding="unicode"))


def mount_console(app: FastAPI, hub: Hub) -> None:
    pages = Pages()
    pages.env.globals["help_labels"] = lambda language: category_names(hub.help_categories(), language)
    first_route = len(app.routes)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def refusal(request: Request, exc: KioskError) -> dict[str, str]:
        """A refusal as a page shows it: next to its field (or, with no field, above the form)."""
        return {exc.details.get("field") or "_": pages.gettext(language_of(request))(exc.message)}

    def fail(request: Request, template: str, exc: KioskError, form: dict[str, Any], **context: Any) -> HTMLResponse:
        """The form again, as typed, with the refusal next to its field."""
        return pages.render(request, template, status=403 if isinstance(exc, NotPermitted) else 400,
                            errors=refusal(request, exc), form=form, **context)

    async def form_of(request: Request) -> dict[str, Any]:
        """The form's fields; a file comes as an Upload read into memory (at most 50 MB) and closed."""
        async with request.form() as data:
            form: dict[str, Any] = {}
            for key, value in data.multi_items():
                if isinstance(value, str):
                    # A field sent more than once (checkboxes of one name) is a list.
                    form[key] = [*listed(form, key), value] if key in form else value
                else:
                    form[key] = Upload(value.filename or "", await value.read(MAX_UPLOAD + 1))
        return form

    async def posted(request: Request, may: str) -> tuple[dict[str, Any], Operator]:
        """A form sent from one of our pages (its CSRF token checked) by an operator whose role may do this."""
        form = await form_of(request)
        check_csrf(request, form)
        return form, me(request, may)

    def check_csrf(request: Request, form: dict[str, Any]) -> None:
        if not secrets.compare_digest(str(form.get("csrf", "")), request.state.csrf or "-"):
            raise NotPermitted("This form is out of date: reload the page and try again.")

    @app.middleware("http")
    async def console_session(request: Request, call_next: Any) -> Any:
        path = request.url.path
        if path.startswith(("/v1/", "/static/")) or path in ("/docs", "/redoc", "/openapi.json"):
            return await call_next(request)
        request.state.operator, request.state.csrf = None, ""
        scheme, _, bearer = request.headers.get("authorization", "").partition(" ")
        by_token = path.startswith("/admin/v1/") and scheme.lower() == "bearer" and bool(bearer)
        found = await run_in_threadpool(hub.session, bearer if by_token else request.cookies.get(COOKIE, ""))
        if found is not None:
            request.state.operator, request.state.csrf = found
        if path.startswith("/admin/v1/"):
            if found is None and path != "/admin/v1/session":
                return JSONResponse({"error": "unauthorized", "message": "Sign in: send 'Authorization: Bearer "
                                     "<token>' from POST /admin/v1/session."}, status_code=401)
            # A browser's cookie may not change anything without the page's CSRF token; a bearer token may.
            if found is not None and not by_token and request.method != "GET" and not secrets.compare_digest(
                    request.headers.get("x-csrf-token", ""), found[1]):
                return JSONResponse({"error": "csrf", "message": "Send the page's X-CSRF-Token."}, status_code=403)
        elif found is None and path not in ("/login", "/language"):
            # An expired session goes back to login and then to the page it was on; a form sent with it is
            # kept (in a cookie, without passwords, PINs or files) and filled in again there.
            page = page_of(path) if request.method == "POST" else path
            response = RedirectResponse(f"/login?next={quote(page)}", status_code=303)
            if request.method == "POST" and path != "/logout":
                async with request.form() as data:
                    typed = {k: v for k, v in data.items() if isinstance(v, str) and k not in KEPT_BACK}
                draft = json.dumps({"path": page, "form": typed}, ensure_ascii=False)
                if len(draft.encode()) <= 3000:
                    response.set_cookie(DRAFT, quote(draft), httponly=True, samesite="strict", max_age=3600)
            return response
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.exception_handler(NotPermitted)
    async def forbidden(request: Request, exc: NotPermitted) -> Response:
        if request.url.path.startswith("/admin/v1/"):
            return JSONResponse({"error": exc.code, "message": exc.message}, status_code=403)
        return pages.render(request, "forbidden.html", status=403, message=exc.message)

    def me(request: Request, may: str = "read") -> Operator:
        operator: Operator = request.state.operator
        operator.require(may)
        return operator

    # -- signing in -------------------------------------------------------------------------------

    @app.get("/login", response_class=HTMLResponse)
    def login_page(request: Request, next: str = "/") -> HTMLResponse:
        return pages.render(request, "login.html", next=next if next.startswith("/") else "/", form={}, errors={})

    @app.post("/login", response_class=HTMLResponse)
    async def login(request: Request) -> Response:
        form = await form_of(request)
        target = str(form.get("next") or "/")
        target = target if target.startswith("/") and not target.startswith("//") else "/"
        try:
            token, _csrf = await run_in_threadpool(hub.login, str(form.get("username", "")),
                                                   str(form.get("password", "")))
        except KioskError as exc:
            return fail(request, "login.html", exc, {"username": form.get("username", "")}, next=target)
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict",
                            secure=request.url.scheme == "https", max_age=8 * 3600)
        return response

    @app.post("/logout")
    async def logout(request: Request) -> Response:
        check_csrf(request, await form_of(request))
        await run_in_threadpool(hub.logout, request.cookies.get(COOKIE, ""))
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(COOKIE)
        return response

    @app.get("/language")
    def language(request: Request, to: str = "zh_CN", back: str = "/") -> Response:
        response = RedirectResponse(back if back.startswith("/") and not back.startswith("//") else "/",
                                    status_code=303)
        response.set_cookie("lang", to if to in LANGUAGES else "zh_CN", samesite="strict", max_age=365 * 86400)
        return response

    # -- overview -----------------------------------------------------------------------------------

    def scoped_stations(operator: Operator) -> list[dict[str, Any]]:
        return with_silence([s for s in hub.list_stations() if operator.district in (None, s["district"])])

    @app.get("/", response_class=HTMLResponse)
    def overview(request: Request) -> HTMLResponse:
        operator = me(request)
        today = union_today()
        day = hub.figures(today.isoformat(), today.isoformat(), operator.district)
        month = hub.figures(today.replace(day=1).isoformat(), today.isoformat(), operator.district)
        stations = scoped_stations(operator)
        states = {state: sum(1 for s in stations if s["state"] == state)
                  for state in ("enrolled", "waiting", "revoked")}
        states["silent"] = sum(1 for s in stations if s["silent"])
        mine = {s["station_id"] for s in stations}
        waiting = [r for r in hub.help_inbox() if r["status"] == "new" and r["station_id"] in mine]
        help_counts = {"waiting": len(waiting), "urgent": sum(r["urgent"] for r in waiting),
                       "overdue": sum(r["overdue"] for r in waiting)}
        return pages.render(request, "overview.html", day=day, month=month, states=states,
                            silent_hours=SILENT_HOURS, help=help_counts)

    # -- stations -----------------------------------------------------------------------------------

    def stations_page(request: Request, status: int = 200, **context: Any) -> HTMLResponse:
        """The station list, narrowed by district and state and sorted as the officer asked (?district=,
        ?state=, ?sort=name|district|last_sync|waiting)."""
        operator = me(request)
        shown = request.query_params
        stations = [s for s in scoped_stations(operator)
                    if shown.get("district", "") in ("", s["district"] or "")
                    and shown.get("state", "") in ("", s["state"], "silent" if s["silent"] else "-")]
        stations.sort(key=STATION_ORDER.get(shown.get("sort", ""), STATION_ORDER["district"]))
        context.setdefault("form", {})
        context.setdefault("errors", {})
        return pages.render(request, "stations.html", status=status, stations=stations, **context)

    @app.get("/stations", response_class=HTMLResponse)
    def stations(request: Request) -> HTMLResponse:
        return stations_page(request)

    @app.post("/stations", response_class=HTMLResponse)
    async def add_station(request: Request) -> HTMLResponse:
        form, operator = await posted(request, "stations")
        try:
            station_id, code = await run_in_threadpool(hub.add_station, str(form.get("name", "")),
                                                       str(form.get("district", "")), operator.actor)
        except KioskError as exc:
            return stations_page(request, status=400, form=form, errors=refusal(request, exc))
        return stations_page(request, added={"station_id": station_id, "name": form.get("name"), "code": code,
                                             "qr": qr_svg(code)})

    def station_page(request: Request, station_id: str, status: int = 200, **context: Any) -> HTMLResponse:
        found = [s for s in scoped_stations(me(request)) if s["station_id"] == station_id]
        if not found:
            raise NotFound("No such station.")
        context.setdefault("form", {"name": found[0]["name"], "district": found[0]["district"] or ""})
        context.setdefault("errors", {})
        return pages.render(request, "station.html", status=status, station=found[0], **context)

    @app.get("/stations/{station_id}", response_class=HTMLResponse)
    def station(request: Request, station_id: str) -> HTMLResponse:
        return station_page(request, station_id)

    @app.post("/stations/{station_id}", response_class=HTMLResponse)
    async def change_station(request: Request, station_id: str) -> HTMLResponse:
        form, operator = await posted(request, "stations")
        station_page(request, station_id)  # in the operator's scope, or not found
        try:
            await run_in_threadpool(hub.change_station, station_id, str(form.get("name", "")),
                                    str(form.get("district", "")), operator.actor)
        except KioskError as exc:
            return station_page(request, station_id, status=400, form=form, errors=refusal(request, exc))
        return station_page(request, station_id, done="changed")

    @app.post("/stations/{station_id}/token", response_class=HTMLResponse)
    async def rotate_token(request: Request, station_id: str) -> HTMLResponse:
        _form, operator = await posted(request, "stations")
        station_page(request, station_id)
        try:
            token = await run_in_threadpool(hub.rotate_token, station_id, operator.actor)
        except KioskError as exc:
            return station_page(request, station_id, status=400, errors={"_": exc.message})
        return station_page(request, station_id, token=token)

    @app.post("/stations/{station_id}/revoke", response_class=HTMLResponse)
    async def revoke_station(request: Request, station_id: str) -> HTMLResponse:
        form, operator = await posted(request, "stations")
        if form.get("confirm", "").strip() != station_id:
            return stations_page(request, status=400, errors={
                "revoke": pages.gettext(language_of(request))("Type the station's id to confirm: revoking cannot "
                                                               "be undone.")})
        try:
            await run_in_threadpool(hub.revoke_station, station_id, operator.actor)
        except KioskError as exc:
            return stations_page(request, status=400, errors={"revoke": exc.message})
        return stations_page(request, done="revoked")

    # -- programmes and campaigns -------------------------------------------------------------------

    def reach_from(form: dict[str, Any], operator: Operator) -> dict[str, list[str]]:
        """Who a campaign or sign-up is for: the occupations ticked (none: everyone), and where it runs: the
        stations and districts ticked, or everywhere (a district's officer: their own district)."""
        reach: dict[str, list[str]] = {}
        occupations = listed(form, "occupations")
        if occupations:
            if not set(occupations) <= set(OCCUPATION_LABELS):
                raise InvalidInput("Choose occupations from the list.", field="occupations")
            reach["occupations"] = occupations
        for key in ("stations", "districts"):
            if listed(form, key):
                reach[key] = listed(form, key)
        if operator.district is not None:
            mine = {s["station_id"] for s in scoped_stations(operator)}
            if set(reach.get("districts", [])) - {operator.district} or set(reach.get("stations", [])) - mine:
                raise InvalidInput("You may run campaigns in your own district only.", field="districts")
            if not reach.get("stations"):
                reach["districts"] = [operator.district]
        return reach

    def campaign_from(form: dict[str, Any], operator: Operator) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The campaign form as the hub's campaign and item; what cannot be read is refused by field."""
        campaign_id = str(form.get("campaign_id", "")).strip().upper()
        campaign: dict[str, Any] = {
            "campaign_id": campaign_id, "programme": str(form.get("programme", "")).strip(),
            "name_zh": str(form.get("name_zh", "")).strip(), "name_en": str(form.get("name_en", "")).strip(),
            "starts_on": str(form.get("starts_on", "")), "ends_on": str(form.get("ends_on", "")),
            "members_only": form.get("members_only") == "on",
        }
        campaign.update(reach_from(form, operator))
        for key in ("opens_at", "closes_at"):
            if form.get(key):
                campaign[key] = str(form[key])
        for key, field in (("campaign_id", "campaign_id"), ("programme", "programme"), ("name_zh", "name_zh"),
                           ("name_en", "name_en")):
            if not campaign[key]:
                raise InvalidInput("Please fill this in.", field=field)
        for key in ("starts_on", "ends_on"):
            try:
                date.fromisoformat(campaign[key])
            except ValueError:
                raise InvalidInput("A date is YYYY-MM-DD.", field=key) from None
        if campaign["starts_on"] > campaign["ends_on"]:
            raise InvalidInput("The campaign ends before it starts.", field="ends_on")
        limits = {}
        for period in PERIODS:
            value = str(form.get(f"limit_{period}", "")).strip()
            if value:
                if not value.isdigit() or not 1 <= int(value) <= 1000:
                    raise InvalidInput("A limit is a whole number from 1 to 1000.", field=f"limit_{period}")
                limits[period] = int(value)
        fen = yuan_to_fen(form.get("unit_cost", "0"))
        item = {"item_id": str(form.get("item_id", "")).strip().lower(), "campaign_id": campaign_id,
                "name_zh": str(form.get("item_name_zh", "")).strip(),
                "name_en": str(form.get("item_name_en", "")).strip(),
                "kind": "voucher" if form.get("kind") == "voucher" else "goods",
                "self_service": form.get("self_service") == "on", "limits": limits, "unit_cost_fen": fen}
        for key, field in (("item_id", "item_id"), ("name_zh", "item_name_zh"), ("name_en", "item_name_en")):
            if not item[key]:
                raise InvalidInput("Please fill this in.", field=field)
        return campaign, [item]

    def campaigns_page(request: Request, status: int = 200, **context: Any) -> HTMLResponse:
        operator = me(request)
        context.setdefault("form", {"starts_on": union_today().isoformat(),
                                    "ends_on": (union_today() + timedelta(days=90)).isoformat()})
        context.setdefault("errors", {})
        return pages.render(request, "campaigns.html", status=status, campaigns=hub.campaigns(),
                            **reach_options(request, operator), **context)

    def reach_options(request: Request, operator: Operator) -> dict[str, list[tuple[str, str]]]:
        """The districts, stations and occupations a campaign or sign-up form offers to tick."""
        stations = [s for s in scoped_stations(operator) if s["state"] != "revoked"]
        districts = sorted({s["district"] for s in stations if s["district"]})
        gettext = pages.gettext(language_of(request))
        return {"district_options": [(d, d) for d in districts],
                "station_options": [(s["station_id"], s["name"]) for s in stations],
                "occupation_options": [(k, gettext(v)) for k, v in OCCUPATION_LABELS.items()]}

    @app.get("/campaigns", response_class=HTMLResponse)
    def campaigns(request: Request) -> HTMLResponse:
        return campaigns_page(request)

    @app.post("/campaigns", response_class=HTMLResponse)
    async def publish_campaign(request: Request) -> HTMLResponse:
        form, operator = await posted(request, "programmes")
        try:
            campaign, items = campaign_from(form, operator)
            before, before_items = hub.campaign(campaign["campaign_id"])
            running = before is not None and before["starts_on"] <= union_today().isoformat() <= before["ends_on"]
            if running and form.get("confirmed") != "yes":
                # A change to a running campaign is shown before it applies.
                return campaigns_page(request, form=form, preview={"before": before, "before_items": before_items,
                                                                    "after": campaign, "after_items": items})
            await run_in_threadpool(hub.publish_campaign, campaign, items, operator.actor)
        except KioskError as exc:
            return campaigns_page(request, status=400, form=form, errors=refusal(request, exc))
        return campaigns_page(request, done=campaign["campaign_id"])

    # -- stock, staff, riders -----------------------------------------------------------------------

    def stock_page(request: Request, status: int = 200, **context: Any) -> HTMLResponse:
        operator = me(request)
        context.setdefault("form", {})
        context.setdefault("errors", {})
        items = [i for c in hub.campaigns() for i in c["items"]]
        stations = [s for s in scoped_stations(operator) if s["state"] != "revoked"]
        names = {s["station_id"]: s["name"] for s in stations}
        flows = [f for f in hub.stock_flow() if f["station_id"] in names]
        return pages.render(request, "stock.html", status=status, items=items, stations=stations,
                            attendants=hub.list_attendants(), flows=flows, station_names=names, **context)

    @app.get("/stock", response_class=HTMLResponse)
    def stock(request: Request) -> HTMLResponse:
        return stock_page(request)

    @app.post("/stock", response_class=HTMLResponse)
    async def allocate(request: Request) -> HTMLResponse:
        form, operator = await posted(request, "programmes")
        upload = form.pop("codes", None)
        try:
            codes = codes_from(upload) if upload is not None and getattr(upload, "filename", "") else None
            quantity = str(form.get("quantity", "")).strip()
            if codes is None and not quantity.isdigit():
                raise InvalidInput("A quantity is a whole number.", field="quantity")
            target = str(form.get("station_id", ""))
            stations = [s["station_id"] for s in hub.list_stations() if s["state"] != "revoked" and (
                s["station_id"] == target or target == f"district:{s['district']}")]
            if not stations:
                raise InvalidInput("Choose a station or a district.", field="station_id")
            if codes and len(stations) > 1:
                raise InvalidInput("Voucher codes go to one station at a time.", field="codes")
            for station_id in stations:
                await run_in_threadpool(hub.allocate, station_id, str(form.get("item_id", "")),
                                        int(quantity or 0), codes, operator.actor)
        except KioskError as exc:
            return stock_page(request, status=400, form=form, errors=refusal(request, exc))
        return stock_page(request, done=len(stations))

    @app.post("/staff", response_class=HTMLResponse)
    async def add_staff(request: Request) -> HTMLResponse:
        form, operator = await posted(request, "programmes")
        try:
            await run_in_threadpool(hub.add_attendant, "A-" + secrets.token_hex(4).upper(),
                                    str(form.get("name", "")), str(form.get("role", "")), str(form.get("pin", "")),
                                    str(form.get("station_id", "")) or None, operator.actor)
        except KioskError as exc:
            return stock_page(request, status=400, form={"staff": form}, errors=refusal(request, exc))
        return stock_page(request, staff_done=form.get("name"))

    @app.post("/staff/{attendant_id}", response_class=HTMLResponse)
    async def change_staff(request: Request, attendant_id: str) -> HTMLResponse:
        """A new PIN for one attendant, or (ticked to confirm) their PIN disabled everywhere."""
        form, operator = await posted(request, "programmes")
        try:
            if form.get("action") == "disable":
                if form.get("sure") != "on":
                    raise InvalidInput("Tick the box to confirm: their PIN stops working at every station.",
                                       field=f"staff-{attendant_id}")
                await run_in_threadpool(hub.disable_attendant, attendant_id, operator.actor)
                return stock_page(request, staff_disabled=True)
            name = await run_in_threadpool(hub.new_pin, attendant_id, str(form.get("pin", "")), operator.actor)
        except KioskError as exc:
            error = refusal(request, exc)
            return stock_page(request, status=400, errors={f"staff-{attendant_id}": next(iter(error.values()))})
        return stock_page(request, staff_done=name)

    def mask(name: str) -> str:
        return name[:1] + "*" * max(1, len(name) - 1) if name else ""

    @app.get("/riders", response_class=HTMLResponse)
    def riders(request: Request, q: str = "") -> HTMLResponse:
        operator = me(request)
        found = hub.search_riders(q[:40]) if q.strip() else None
        if found and operator.role == "viewer":  # a viewer sees figures, not who
            found = [{**r, "name": mask(r["name"])} for r in found]
        return pages.render(request, "riders.html", errors={}, form={}, q=q, found=found)

    def named_rider(member_id: str) -> str:
        try:
            return hub.find_rider(member_id=member_id)
        except InvalidInput as exc:
            raise NotFound(exc.message) from None

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return pages.render(request, "forbidden.html", status=404, message=exc.message, heading="Not found")

    @app.get("/riders/{member_id}", response_class=HTMLResponse)
    def rider(request: Request, member_id: str) -> HTMLResponse:
        me(request, "riders")
        return rider_page(request, named_rider(member_id))

    @app.get("/riders/{member_id}/export")
    def export_rider(request: Request, member_id: str) -> Response:
        operator = me(request, "riders")
        data = hub.export_rider(named_rider(member_id), actor=operator.actor)
        return Response(json.dumps(data, ensure_ascii=False, indent=2), media_type="application/json",
                        headers={"Content-Disposition": f'attachment; filename="rider-{member_id}.json"'})

    def rider_page(request: Request, member_id: str, status: int = 200, **context: Any) -> HTMLResponse:
        data = hub.export_rider(member_id)
        member = data["member"]
        context.setdefault("form", {"name": member["name"], "occupation": member["occupation"],
                                    "platform": member["platform"],
                                    "union_member": "on" if member["union_member"] else ""})
        context.setdefault("errors", {})
        return pages.render(request, "rider.html", status=status, rider=data, **context)

    @app.post("/riders/{member_id}/correct", response_class=HTMLResponse)
    async def correct_rider(request: Request, member_id: str) -> HTMLResponse:
        form, operator = await posted(request, "programmes")
        found = named_rider(member_id)
        try:
            await run_in_threadpool(hub.correct_rider, found, str(form.get("name", "")),
                                    str(form.get("occupation", "")), str(form.get("platform", "")),
                                    form.get("union_member") == "on", operator.actor)
        except KioskError as exc:
            return rider_page(request, found, status=400, form=form, errors=refusal(request, exc))
        return rider_page(request, found, done="corrected")

    @app.post("/riders/{member_id}/cancel-cards", response_class=HTMLResponse)
    async def cancel_cards(request: Request, member_id: str) -> HTMLResponse:
        form, operator = await posted(request, "programmes")
        found = named_rider(member_id)
        if form.get("sure") != "on":
            return rider_page(request, found, status=400, errors={"sure": pages.gettext(language_of(request))(
                "Tick the box to confirm: the rider's cards stop working at every station.")})
        await run_in_threadpool(hub.cancel_cards, found, operator.actor)
        return rider_page(request, found, done="cancelled")

    @app.post("/riders/{member_id}/merge", response_class=HTMLResponse)
    async def merge_rider(request: Request, member_id: str) -> HTMLResponse:
        form, operator = await posted(request, "programmes")
        found = named_rider(member_id)
        try:
            if form.get("merge_sure") != "on":
                raise InvalidInput("Tick the box to confirm: the other id's codes stop working.", field="merge_sure")
            await run_in_threadpool(hub.merge_riders, found, str(form.get("duplicate", "")), operator.actor)
        except KioskError as exc:
            return rider_page(request, found, status=400, form=form, errors=refusal(request, exc))
        return rider_page(request, found, done="merged")

    @app.post("/riders/{member_id}/delete", response_class=HTMLResponse)
    async def delete_rider(request: Request, member_id: str) -> Response:
        form, operator = await posted(request, "programmes")
        found = named_rider(member_id)
        if str(form.get("confirm", "")).strip().upper() != found:
            return rider_page(request, found, status=400, errors={
                "confirm": pages.gettext(language_of(request))("Type the rider's id to confirm: deleting cannot "
                                                               "be undone.")})
        await run_in_threadpool(hub.delete_rider, found, operator.actor)
        return RedirectResponse("/riders?deleted=1", status_code=303)

    @app.post("/riders/import", response_class=HTMLResponse)
    async def import_roster(request: Request) -> HTMLResponse:
        """Upload: what the file would do is shown first (adds, updates, conflicts); nothing changes yet."""
        form, operator = await posted(request, "programmes")
        upload = form.get("file")
        try:
            if upload is None or not getattr(upload, "filename", ""):
                raise InvalidInput("Choose a CSV or Excel file.", field="file")
            rows = await run_in_threadpool(read_upload, upload)
            token, preview = await run_in_threadpool(hub.stage_roster, rows, operator.operator_id)
        except KioskError as exc:
            return fail(request, "riders.html", exc, {})
        return pages.render(request, "riders.html", errors={}, form={}, preview=preview, token=token,
                            filename=upload.filename)

    @app.post("/riders/import/apply", response_class=HTMLResponse)
    async def apply_roster(request: Request) -> HTMLResponse:
        form, operator = await posted(request, "programmes")
        try:
            report = await run_in_threadpool(hub.apply_staged_roster, str(form.get("token", "")),
                                             operator.operator_id, operator.actor)
        except KioskError as exc:
            return fail(request, "riders.html", exc, {})
        return pages.render(request, "riders.html", errors={}, form={}, report=report)

    # -- help requests ------------------------------------------------------------------------------

    @app.get("/help", response_class=HTMLResponse)
    def help_inbox(request: Request, all: str = "", case: str = "") -> HTMLResponse:
        operator = me(request, "help")
        if case.strip():  # a rider on the phone reads out their case number
            return RedirectResponse(f"/help/{quote(request_id_of(case), safe='')}", status_code=303)
        return help_inbox_page(request, operator, showing_all=bool(all))

    def help_inbox_page(request: Request, operator: Operator, showing_all: bool = False, status: int = 200,
                        **context: Any) -> HTMLResponse:
        """The requests made in the operator's stations (open ones, or all), and the categories riders choose."""
        mine = {s["station_id"]: s["name"] for s in scoped_stations(operator)}
        cases = [r for r in hub.help_inbox(open_only=not showing_all) if r["station_id"] in mine]
        context.setdefault("errors", {})
        context.setdefault("form", {})
        categories = hub.help_categories()
        return pages.render(request, "help.html", status=status, cases=cases, station_names=mine,
                            showing_all=showing_all, categories=categories,
                            labels=category_names(categories, language_of(request)), **context)

    @app.post("/help/categories", response_class=HTMLResponse)
    async def help_category(request: Request) -> Response:
        """Add a category riders may ask about, rename one, or stop offering it (its requests are kept)."""
        form, operator = await posted(request, "help")
        try:
            await run_in_threadpool(hub.set_help_category, str(form.get("key", "")), str(form.get("label_zh", "")),
                                    str(form.get("label_en", "")), form.get("active") == "on", operator.actor)
        except KioskError as exc:
            return help_inbox_page(request, operator, status=400, errors=refusal(request, exc), form=form)
        return RedirectResponse("/help?categories=saved#categories", status_code=303)

    def help_page(request: Request, request_id: str, status: int = 200, **context: Any) -> HTMLResponse:
        operator = me(request, "help")
        try:
            case = hub.help_case(request_id, operator.actor, {s["station_id"] for s in scoped_stations(operator)})
        except InvalidInput as exc:
            raise NotFound(exc.message) from None
        context.setdefault("errors", {})
        context.setdefault("form", {})
        caseworkers = [o for o in hub.list_operators() if o["role"] in ("admin", "caseworker") and not o["disabled"]]
        return pages.render(request, "help_case.html", status=status, case=case, STATUSES=HELP_STATUSES,
                            caseworkers=caseworkers, **context)

    @app.get("/help/{request_id}", response_class=HTMLResponse)
    def help_case(request: Request, request_id: str) -> HTMLResponse:
        return help_page(request, request_id)

    @app.post("/help/{request_id}", response_class=HTMLResponse)
    async def help_step(request: Request, request_id: str) -> HTMLResponse:
        form, operator = await posted(request, "help")
        try:
            await run_in_threadpool(hub.set_help_status, request_id, str(form.get("status", "")),
                                    str(form.get("note", "")), operator.actor,
                                    {s["station_id"] for s in scoped_stations(operator)}, str(form.get("assignee", "")))
        except KioskError as exc:
            return help_page(request, request_id, status=400, errors=refusal(request, exc), form=form)
        return help_page(request, request_id, done=True)

    # -- sign-ups ------------------------------------------------------------------------------------

    def programme_from(form: dict[str, Any], operator: Operator) -> dict[str, Any]:
        """The sign-up form as the hub's programme definition (``define`` checks the rest by field)."""
        data: dict[str, Any] = {k: str(form.get(k, "")).strip() for k in (
            "title_zh", "title_en", "starts_on", "ends_on", "where_zh", "where_en", "bring_zh", "bring_en")}
        data.update(reach_from(form, operator), fields=listed(form, "fields"),
                    union_only=form.get("union_only") == "on", waiting_list=form.get("waiting_list") == "on",
                    once="year" if form.get("once") == "year" else "programme")
        sessions = []
        for i in range(1, SESSION_ROWS + 1):
            label_zh, label_en, capacity = (str(form.get(f"{k}_{i}", "")).strip() for k in (
                "session_zh", "session_en", "capacity"))
            if not (label_zh or label_en or capacity):
                continue
            if capacity and not capacity.isdigit():
                raise InvalidInput("A capacity is a whole number from 1 to 100,000, or empty for none.",
                                   field="sessions")
            sessions.append({"label_zh": label_zh or label_en, "label_en": label_en or label_zh,
                             "capacity": int(capacity) if capacity else None})
        data["sessions"] = sessions
        return data

    def signups_page(request: Request, status: int = 200, **context: Any) -> HTMLResponse:
        operator = me(request)
        today = union_today()
        context.setdefault("form", {"starts_on": today.isoformat(), "ends_on": (today + timedelta(days=30)).isoformat(),
                                    "waiting_list": "on", "fields": ["name", "phone"]})
        context.setdefault("errors", {})
        return pages.render(request, "signups.html", status=status, programmes=hub.programmes(),
                            field_options=[(k, v["label_zh"] if language_of(request) == "zh_CN" else v["label_en"])
                                           for k, v in FIELD_PRESETS.items()],
                            session_rows=SESSION_ROWS, **reach_options(request, operator), **context)

    @app.get("/signups", response_class=HTMLResponse)
    def signups(request: Request) -> HTMLResponse:
        return signups_page(request)

    @app.post("/signups", response_class=HTMLResponse)
    async def add_programme(request: Request) -> HTMLResponse:
        form, operator = await posted(request, "programmes")
        try:
            programme_id = await run_in_threadpool(hub.add_programme, programme_from(form, operator), operator.actor)
        except KioskError as exc:
            return signups_page(request, status=400, form=form, errors=refusal(request, exc))
        return signups_page(request, done=programme_id)

    def programme_page(request: Request, programme_id: str, status: int = 200, **context: Any) -> HTMLResponse:
        """A programme's sessions and counts; for those who run programmes, its sign-ups with their answers
        (phone and ID number masked; the reading audited), narrowed to a session with ?session=."""
        operator = me(request)
        try:
            found = hub.programme(programme_id)
        except InvalidInput as exc:
            raise NotFound(exc.message) from None
        rows: list[dict[str, Any]] = []
        session = request.query_params.get("session", "")
        names = {s["station_id"]: s["name"] for s in scoped_stations(operator)}
        if operator.may("programmes"):
            _programme, rows = hub.programme_signups(programme_id, operator.actor, stations=set(names))
            rows = [r for r in rows if session in ("", r["session_id"])]
        context.setdefault("errors", {})
        return pages.render(request, "signup.html", status=status, programme=found, signups=rows,
                            session=session, station_names=names, **context)

    @app.get("/signups/{programme_id}", response_class=HTMLResponse)
    def programme(request: Request, programme_id: str) -> HTMLResponse:
        return programme_page(request, programme_id)

    @app.post("/signups/{programme_id}/move", response_class=HTMLResponse)
    async def move_signup(request: Request, programme_id: str) -> HTMLResponse:
        """Confirm a place, move to the waiting list, or (ticked to confirm) cancel one sign-up."""
        form, operator = await posted(request, "programmes")
        signup_id, status = str(form.get("signup_id", "")), str(form.get("status", ""))
        try:
            if status == "cancelled" and form.get("sure") != "on":
                raise InvalidInput("Tick the box to confirm: the rider loses their place.", field="status")
            await run_in_threadpool(hub.move_signup, signup_id, status, operator.actor,
                                    {s["station_id"] for s in scoped_stations(operator)})
        except KioskError as exc:
            return programme_page(request, programme_id, status=400,
                                  errors={f"signup-{signup_id}": next(iter(refusal(request, exc).values()))})
        return programme_page(request, programme_id, moved=signup_id)

    @app.post("/signups/{programme_id}/close", response_class=HTMLResponse)
    async def close_programme(request: Request, programme_id: str) -> HTMLResponse:
        form, operator = await posted(request, "programmes")
        if form.get("sure") != "on":
            return programme_page(request, programme_id, status=400, errors={"close": pages.gettext(
                language_of(request))("Tick the box to confirm: riders can no longer sign up at any station.")})
        await run_in_threadpool(hub.close_programme, programme_id, operator.actor)
        return programme_page(request, programme_id, closed=True)

    @app.get("/signups/{programme_id}/export.xlsx")
    def export_signups(request: Request, programme_id: str, session: str = "") -> Response:
        """The list for the insurer or the class teacher, answers in full (the export is audited)."""
        operator = me(request, "programmes")
        names = {s["station_id"]: s["name"] for s in scoped_stations(operator)}
        try:
            found, rows = hub.programme_signups(programme_id, operator.actor, reveal=True, stations=set(names))
        except InvalidInput as exc:
            raise NotFound(exc.message) from None
        data = signups_workbook(found, [r for r in rows if session in ("", r["session_id"])], names)
        return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        headers={"Content-Disposition": f'attachment; filename="signups-{programme_id}.xlsx"'})

    # -- reports and the audit log ------------------------------------------------------------------

    def period(request: Request) -> tuple[str, str]:
        today = union_today()
        start = request.query_params.get("start") or today.replace(month=1, day=1).isoformat()
        end = request.query_params.get("end") or today.isoformat()
        return start, end

    @app.get("/reports", response_class=HTMLResponse)
    def reports(request: Request) -> HTMLResponse:
        operator = me(request)
        start, end = period(request)
        try:
            figures = hub.figures(start, end, operator.district)
        except KioskError as exc:
            return pages.render(request, "reports.html", status=400, figures=None, start=start, end=end,
                                errors={"date": pages.gettext(language_of(request))(exc.message)})
        return pages.render(request, "reports.html", figures=figures, start=start, end=end, errors={},
                            query=f"start={start}&end={end}")

    @app.get("/reports.xlsx")
    def report_xlsx(request: Request) -> Response:
        operator = me(request)
        start, end = period(request)
        data = figures_workbook(hub.figures(start, end, operator.district))
        return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        headers={"Content-Disposition": f'attachment; filename="report-{start}-{end}.xlsx"'})

    @app.get("/reports.csv")
    def report_csv(request: Request) -> Response:
        """Handouts by item with Chinese headers and a total row; a byte-order mark so Excel reads the Chinese."""
        operator = me(request)
        start, end = period(request)
        figures = hub.figures(start, end, operator.district)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["物品", "单价（元）", "人次", "人数", "件数", "投入（元）"])
        for r in figures["by_item"]:
            writer.writerow([r["name_zh"], f"{r['unit_cost_fen'] / 100:.2f}", r["person_times"], r["riders"],
                             r["quantity"], f"{r['spend_fen'] / 100:.2f}"])
        writer.writerow(["合计", "", figures["handouts"], "", sum(r["quantity"] for r in figures["by_item"]),
                         f"{figures['spend_fen'] / 100:.2f}"])
        return Response("\ufeff" + out.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="report-{start}-{end}.csv"'})

    @app.get("/audit", response_class=HTMLResponse)
    def audit(request: Request, actor: str = "", action: str = "", page: int = 1) -> HTMLResponse:
        me(request, "operators")
        page = max(1, min(page, 100_000))
        entries = hub.audit_entries(limit=PAGE + 1, offset=(page - 1) * PAGE, actor=actor[:60], action=action[:40])
        return pages.render(request, "audit.html", entries=entries[:PAGE], page=page, more=len(entries) > PAGE,
                            actor=actor, action=action)

    @app.get("/audit.csv")
    def audit_csv(request: Request) -> Response:
        me(request, "operators")
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["时间 time", "操作人 operator", "操作 action", "对象 target", "之前 before", "之后 after"])
        for e in hub.audit_entries(limit=100_000):
            writer.writerow([e["at"], e["actor"], e["action"], e["target"], e["before"], e["after"]])
        # A byte-order mark, so Excel opens the Chinese correctly.
        return Response("\ufeff" + out.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="audit.csv"'})

    # -- operators ----------------------------------------------------------------------------------

    @app.get("/operators", response_class=HTMLResponse)
    def operators(request: Request) -> HTMLResponse:
        me(request, "operators")
        return pages.render(request, "operators.html", operators=hub.list_operators(), form={}, errors={})

    @app.post("/operators", response_class=HTMLResponse)
    async def add_operator(request: Request) -> HTMLResponse:
        form, operator = await posted(request, "operators")
        try:
            await run_in_threadpool(hub.add_operator, operator.actor, str(form.get("username", "")),
                                    str(form.get("name", "")), str(form.get("role", "")),
                                    str(form.get("password", "")), str(form.get("district", "")))
        except KioskError as exc:
            return fail(request, "operators.html", exc, {k: v for k, v in form.items() if k != "password"},
                        operators=hub.list_operators())
        return pages.render(request, "operators.html", operators=hub.list_operators(), form={}, errors={},
                            done=form.get("username"))

    @app.post("/operators/{username}", response_class=HTMLResponse)
    async def change_operator(request: Request, username: str) -> HTMLResponse:
        """An admin disables or enables an operator, or gives them a new password (shown once)."""
        form, operator = await posted(request, "operators")
        context: dict[str, Any] = {}
        try:
            if form.get("do") == "password":
                password = secrets.token_urlsafe(12)
                await run_in_threadpool(hub.set_password, operator.actor, username, password)
                context["new_password"] = {"username": username, "password": password}
            else:
                await run_in_threadpool(hub.set_disabled, operator.actor, username, form.get("do") == "disable")
        except KioskError as exc:
            return pages.render(request, "operators.html", status=400, operators=hub.list_operators(), form={},
                                errors=refusal(request, exc))
        return pages.render(request, "operators.html", operators=hub.list_operators(), form={}, errors={}, **context)

    @app.post("/password", response_class=HTMLResponse)
    async def own_password(request: Request) -> Response:
        """Operators change their own password (the old one first); every session of theirs ends."""
        form, operator = await posted(request, "read")
        try:
            await run_in_threadpool(hub.login, operator.username, str(form.get("old", "")))
            if form.get("new", "") != form.get("again", ""):
                raise InvalidInput("The two passwords differ.", field="again")
            await run_in_threadpool(hub.set_password, operator.actor, operator.username, str(form.get("new", "")))
        except KioskError as exc:
            errors = refusal(request, exc)
            if "password" in errors or "_" in errors:
                errors = {"new" if "password" in errors else "old": next(iter(errors.values()))}
            return pages.render(request, "password.html", status=400, errors=errors, form={})
        return RedirectResponse("/login", status_code=303)

    @app.get("/password", response_class=HTMLResponse)
    def password_page(request: Request) -> HTMLResponse:
        me(request)
        return pages.render(request, "password.html", errors={}, form={})

    for route in app.routes[first_route:]:  # the console is pages, not part of the station API's schema
        route.include_in_schema = False


@contextmanager
def saved(upload: Upload) -> Iterator[Path]:
    """An uploaded file in a temporary folder, under its own suffix, for the readers the CLI uses."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{Path(upload.filename).suffix.lower()}"
        path.write_bytes(upload.data)
        yield path


def read_upload(upload: Upload) -> list[dict[str, Any]]:
    """A roster uploaded from the browser, read as ``kiosk-hub roster import`` reads a file."""
    if Path(upload.filename).suffix.lower() not in (".csv", ".xlsx"):
        raise InvalidInput("A roster is a .csv or .xlsx file.", field="file")
    if len(upload.data) > MAX_UPLOAD:
        raise InvalidInput("A roster file is at most 50 MB.", field="file")
    with saved(upload) as path:
        return read_roster(path)


def codes_from(upload: Upload) -> list[str]:
    """Voucher codes from an uploaded CSV or Excel file, read as ``kiosk-hub allocate --codes`` reads one."""
    with saved(upload) as path:
        return read_codes(path)
