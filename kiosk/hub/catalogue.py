"""What the office sends stations: campaigns and items, stock allocations, staff, the roster of riders."""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterable
from operator import itemgetter
from typing import Any

import sqlalchemy as sa

from kiosk.base.errors import InvalidInput
from kiosk.base.ids import new_member_ids, short_id
from kiosk.base.memory import gc_paused
from kiosk.core.attendants import ROLES, hash_pin, pin_matches
from kiosk.core.campaigns import check_campaign, check_item
from kiosk.core.members import OCCUPATIONS, clean_name, hash_phones, normalize_phone
from kiosk.hub import schema as t
from kiosk.hub.database import HubDatabase, bulk_insert, feed_members, now_iso, one_of, rows_in


def yuan_to_fen(yuan: Any) -> int:
    """A unit cost as the office writes it (2.50, "2.5") in fen; anything else is refused by field."""
    try:
        fen = round(float(str(yuan).strip() or "0") * 100)
        if not 0 <= fen <= 100_000_000:
            raise ValueError
    except (ValueError, OverflowError):  # also "nan" and "inf"
        raise InvalidInput("A unit cost is an amount in yuan, such as 2.50.", field="unit_cost") from None
    return fen


def check_unit_cost(item: dict[str, Any]) -> None:
    """What one unit costs the union, in fen (the report's spend); stations never see it used."""
    cost = item.get("unit_cost_fen", 0)
    if type(cost) is not int or not 0 <= cost <= 100_000_000:
        raise InvalidInput(f"Item {item.get('item_id')!r}: a unit cost is 0 to 1,000,000 yuan.", field="unit_cost")


def check_reach(conn: sa.Connection, campaign: dict[str, Any]) -> None:
    """Where a campaign runs: ``stations`` (ids) and ``districts`` (names), either or both; none for everywhere."""
    for key in ("stations", "districts"):
        value = campaign.get(key, [])
        if not (isinstance(value, list) and all(isinstance(v, str) and 1 <= len(v) <= 40 for v in value)
                and len(value) <= 5000):
            raise InvalidInput(f"A campaign's {key} are a list of names of 1 to 40 characters.", field=key)
    named = campaign.get("stations", [])
    if named:
        known = set(conn.execute(sa.select(t.stations.c.station_id).where(t.stations.c.station_id.in_(named)))
                    .scalars())
        unknown = sorted(set(named) - known)
        if unknown:
            raise InvalidInput(f"No station {unknown[0]!r}.", field="stations")


def reaches(campaign: dict[str, Any], station_id: str, district: str | None) -> bool:
    """Whether a campaign runs at a station: everywhere unless it names stations or districts."""
    stations, districts = campaign.get("stations") or [], campaign.get("districts") or []
    return (not stations and not districts) or station_id in stations or (district or "") in districts


class Catalogue(HubDatabase):
    def set_catalogue(self, campaigns: Iterable[dict[str, Any]], items: Iterable[dict[str, Any]],
                      actor: str = "kiosk-hub") -> None:
        campaigns, items = list(campaigns), list(items)
        for c in campaigns:
            check_campaign(c)
        for i in items:
            check_item(i)
            check_unit_cost(i)
        with self.writer.begin() as conn:
            for c in campaigns:
                check_reach(conn, c)
            self._put_catalogue(conn, campaigns, items)
            self._audit(conn, actor, "catalogue.set", ", ".join(c["campaign_id"] for c in campaigns),
                        None, {"campaigns": len(campaigns), "items": len(items)})

    def _put_catalogue(self, conn: sa.Connection, campaigns: list[dict[str, Any]],
                       items: list[dict[str, Any]]) -> None:
        for kind, key, rows in (("campaign", "campaign_id", campaigns), ("item", "item_id", items)):
            for row in rows:
                conn.execute(t.catalogue.delete().where(t.catalogue.c.kind == kind, t.catalogue.c.key == row[key]))
                conn.execute(t.catalogue.insert().values(kind=kind, key=row[key], data=row))
        self._change(conn, "catalogue", {"campaigns": campaigns, "items": items})

    def campaign(self, campaign_id: str) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
        """A campaign as published, and its items (None and [] if there is none)."""
        with self.engine.connect() as conn:
            return self._campaign(conn, campaign_id)

    def _campaign(self, conn: sa.Connection, campaign_id: str) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
        campaign = conn.execute(sa.select(t.catalogue.c.data).where(
            t.catalogue.c.kind == "campaign", t.catalogue.c.key == campaign_id)).scalar()
        items = [d for d in conn.execute(sa.select(t.catalogue.c.data).where(t.catalogue.c.kind == "item")).scalars()
                 if d.get("campaign_id") == campaign_id]
        return campaign, sorted(items, key=lambda i: i["item_id"])

    def campaigns(self) -> list[dict[str, Any]]:
        """Every campaign, with its items, newest start first."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t.catalogue.c.kind, t.catalogue.c.data)).all()
        items = [d for k, d in rows if k == "item"]
        return sorted(({**d, "items": sorted((i for i in items if i.get("campaign_id") == d["campaign_id"]),
                                             key=lambda i: i["item_id"])}
                       for k, d in rows if k == "campaign"), key=lambda c: (c["starts_on"], c["campaign_id"]),
                      reverse=True)

    def publish_campaign(self, campaign: dict[str, Any], items: list[dict[str, Any]],
                         actor: str = "kiosk-hub") -> dict[str, Any]:
        """Create or change one campaign and its items; stations receive it at their next sync. Returns what
        was there before (None for a new campaign), as the audit log keeps it."""
        check_campaign(campaign)
        if not items:
            raise InvalidInput("A campaign needs at least one item.", field="items")
        for item in items:
            if item.get("campaign_id") != campaign["campaign_id"]:
                raise InvalidInput(f"Item {item.get('item_id')!r} belongs to another campaign.", field="items")
            check_item(item)
            check_unit_cost(item)
        with self.writer.begin() as conn:
            check_reach(conn, campaign)
            others = {k for k, d in conn.execute(sa.select(t.catalogue.c.key, t.catalogue.c.data).where(
                t.catalogue.c.kind == "item")).all() if d.get("campaign_id") != campaign["campaign_id"]}
            taken = sorted(others & {i["item_id"] for i in items})
            if taken:
                raise InvalidInput(f"The item id {taken[0]!r} is used by another campaign.", field="item_id")
            before, before_items = self._campaign(conn, campaign["campaign_id"])
            self._put_catalogue(conn, [campaign], items)
            prior = None if before is None else {"campaign": before, "items": before_items}
            self._audit(conn, actor, "campaign.publish", campaign["campaign_id"], prior,
                        {"campaign": campaign, "items": items})
        return {"before": prior}

    def allocate(self, station_id: str, item_id: str, quantity: int, codes: list[str] | None = None,
                 actor: str = "kiosk-hub") -> None:
        """Send stock to a station; it arrives there as a stock receipt when the station pulls."""
        codes = list(codes or [])
        if codes:
            quantity = len(codes)
        if type(quantity) is not int or quantity < 1:
            raise InvalidInput("An allocation is 1 unit or more.")
        with self.writer.begin() as conn:
            if conn.execute(sa.select(t.stations.c.station_id).where(t.stations.c.station_id == station_id)
                            ).scalar() is None:
                raise InvalidInput(f"No station {station_id!r}.")
            if conn.execute(sa.select(t.catalogue.c.key).where(t.catalogue.c.kind == "item",
                                                               t.catalogue.c.key == item_id)).scalar() is None:
                raise InvalidInput(f"No item {item_id!r} in the catalogue.")
            if len(set(codes)) != len(codes) or any(not isinstance(c, str) or not 1 <= len(c) <= 64 for c in codes):
                raise InvalidInput("Voucher codes are distinct texts of 1 to 64 characters.")
            if codes and conn.execute(sa.select(t.allocated_codes.c.code)
                                      .where(t.allocated_codes.c.code.in_(codes))).first():
                raise InvalidInput("Some of these voucher codes were already allocated: each code goes to one "
                                   "station only.")
            if codes:
                conn.execute(t.allocated_codes.insert(), [{"code": c, "station_id": station_id, "item_id": item_id}
                                                          for c in codes])
            self._change(conn, "allocation", {"allocation_id": short_id(10), "item_id": item_id,
                                              "quantity": quantity, "codes": codes}, station_id=station_id)
            self._audit(conn, actor, "stock.allocate", f"{station_id} {item_id}", None,
                        {"quantity": quantity, "codes": len(codes)})

    def stock_flow(self) -> list[dict[str, Any]]:
        """Per station and item: units the office sent, the station received (as its events say), handed
        out (voids taken back), corrected by counts, and has on hand as it last reported."""
        flows: dict[tuple[str, str], dict[str, int]] = {}

        def flow(station_id: str, item_id: str) -> dict[str, int]:
            return flows.setdefault((station_id, item_id), {"sent": 0, "received": 0, "handed_out": 0,
                                                            "counted": 0})

        with self.engine.connect() as conn:
            for station_id, data in conn.execute(sa.select(t.changes.c.station_id, t.changes.c.data).where(
                    t.changes.c.kind == "allocation")):
                flow(station_id, data["item_id"])["sent"] += data["quantity"]
            for station_id, kind, p in conn.execute(sa.select(t.events.c.station_id, t.events.c.type,
                                                              t.events.c.payload).where(
                    t.events.c.type.in_(("stock_received", "stock_counted")))):
                row = flow(station_id, p["item_id"])
                if kind == "stock_received":
                    row["received"] += p["quantity"]
                else:
                    row["counted"] += p["delta"]
            c = t.daily_counts.c
            for station_id, item_id, quantity in conn.execute(
                    sa.select(c.station_id, c.key, sa.func.sum(c.quantity)).where(c.measure == "handout")
                    .group_by(c.station_id, c.key)):
                flow(station_id, item_id)["handed_out"] += int(quantity)
            reported = {r.station_id: (r.health or {}).get("stock", {}) for r in conn.execute(
                sa.select(t.stations.c.station_id, t.stations.c.health))}
        return [{"station_id": k[0], "item_id": k[1], **v, "on_hand": reported.get(k[0], {}).get(k[1])}
                for k, v in sorted(flows.items())]

    def add_attendant(self, attendant_id: str, name: str, role: str, pin: str, station_id: str | None = None,
                      actor: str = "kiosk-hub") -> None:
        if role not in ROLES:
            raise InvalidInput(f"Role must be one of {', '.join(ROLES)}.", field="role")
        name = (name or "").strip()
        if not 1 <= len(name) <= 40:
            raise InvalidInput("A name is 1 to 40 characters.", field="name")
        if not (isinstance(pin, str) and pin.isdigit() and 6 <= len(pin) <= 8):
            raise InvalidInput("A PIN is 6 to 8 digits.", field="pin")
        row = {"attendant_id": attendant_id, "name": name, "role": role, "pin_hash": hash_pin(pin)}
        with self.writer.begin() as conn:
            # A PIN names its attendant at a station (no names are listed there): no two may share one.
            others = conn.execute(sa.select(t.attendants.c.pin_hash).where(
                t.attendants.c.attendant_id != attendant_id)).scalars().all()
            if any(pin_matches(pin, stored) for stored in others):
                raise InvalidInput("Another attendant has this PIN: choose another.")
            if station_id is not None and conn.execute(sa.select(t.stations.c.station_id).where(
                    t.stations.c.station_id == station_id)).scalar() is None:
                raise InvalidInput(f"No station {station_id!r}.", field="station_id")
            before = conn.execute(sa.select(t.attendants.c.name, t.attendants.c.role, t.attendants.c.station_id)
                                  .where(t.attendants.c.attendant_id == attendant_id)).first()
            conn.execute(t.attendants.delete().where(t.attendants.c.attendant_id == attendant_id))
            conn.execute(t.attendants.insert().values(**row, station_id=station_id))
            self._change(conn, "attendant", row, station_id=station_id)
            self._audit(conn, actor, "staff.set", attendant_id, before and dict(before._mapping),
                        {"name": name, "role": role, "station_id": station_id, "pin": "set"})

    def new_pin(self, attendant_id: str, pin: str, actor: str = "kiosk-hub") -> str:
        """A new PIN for an attendant (a forgotten one); it works at their stations after the next sync.
        Returns their name."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.attendants).where(t.attendants.c.attendant_id == attendant_id)).first()
        if row is None:
            raise InvalidInput("No such attendant.")
        self.add_attendant(attendant_id, row.name, row.role, pin, row.station_id, actor)
        return row.name

    def disable_attendant(self, attendant_id: str, actor: str = "kiosk-hub") -> None:
        """An attendant who left: their PIN stops unlocking any station at its next sync."""
        with self.writer.begin() as conn:
            row = conn.execute(sa.select(t.attendants).where(t.attendants.c.attendant_id == attendant_id)).first()
            if row is None:
                raise InvalidInput("No such attendant.")
            conn.execute(t.attendants.delete().where(t.attendants.c.attendant_id == attendant_id))
            self._change(conn, "attendant", {"attendant_id": attendant_id, "name": row.name, "role": row.role,
                                             "pin_hash": "", "active": False}, station_id=row.station_id)
            self._audit(conn, actor, "staff.disable", attendant_id, {"name": row.name, "role": row.role}, None)

    def list_attendants(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t.attendants.c.attendant_id, t.attendants.c.name, t.attendants.c.role,
                                          t.attendants.c.station_id).order_by(t.attendants.c.name)).all()
        return [dict(r._mapping) for r in rows]

    def import_roster(self, riders: list[dict[str, Any]]) -> int:
        """Add riders (phone in clear, hashed here with the union's key); all rows or none. Returns how many
        were new."""
        return self.import_roster_report(riders)["added"]

    def _roster_rows(self, riders: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The roster's rows checked and ready to insert (phones hashed); a bad row refuses the whole file."""
        return self._hash_phones(self._checked_rows(riders))

    def _hash_phones(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Each row's phone in clear replaced by its hash (the slow part of an import, on every core)."""
        for row, digest in zip(rows, hash_phones(self.phone_key(), [r.pop("phone") for r in rows]), strict=True):
            row["phone_hash"] = digest
        return rows

    @gc_paused()
    def _checked_rows(self, riders: list[dict[str, Any]]) -> list[dict[str, Any]]:
        rows, seen, now = [], set(), now_iso()
        for number, rider in enumerate(riders, start=2):
            try:
                phone = normalize_phone(str(rider.get("phone", "")))
                name = clean_name(str(rider.get("name", "")))
                occupation = str(rider.get("occupation", "")).strip()
                if occupation not in OCCUPATIONS:
                    raise InvalidInput(f"occupation must be one of {', '.join(OCCUPATIONS)}")
                flag = str(rider.get("union_member", "")).strip().lower()
                if flag not in ("1", "0", "true", "false", "yes", "no", "是", "否", ""):
                    raise InvalidInput("union_member must be yes or no")
            except InvalidInput as exc:
                raise InvalidInput(f"Row {number}: {exc.message}", field="file") from exc
            if phone in seen:
                raise InvalidInput(f"Row {number}: the same phone appears twice.", field="file")
            seen.add(phone)
            rows.append({"row": number, "phone": phone, "phone_last4": "",
                         "name": name, "occupation": occupation, "platform": str(rider.get("platform") or "")[:40],
                         "union_member": flag in ("1", "true", "yes", "是"), "status": "active",
                         "station_id": None, "registered_at": now})
        return rows

    def _roster_plan(self, conn: sa.Connection, rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
        """New riders; known riders whose work or membership changed (updated); known riders under another
        name (a conflict: never changed by a file, the office looks at them)."""
        known = {r.phone_hash: r._mapping for r in rows_in(conn, sa.select(t.members), t.members.c.phone_hash,
                                                           [r["phone_hash"] for r in rows])}
        plan: dict[str, list[dict[str, Any]]] = {"adds": [], "updates": [], "conflicts": [], "same": []}
        for row in rows:
            old = known.get(row["phone_hash"])
            if old is None:
                plan["adds"].append(row)
            elif old["name"] != row["name"]:
                plan["conflicts"].append({**row, "member_id": old["member_id"], "old_name": old["name"]})
            elif any(old[k] != row[k] for k in ("occupation", "platform", "union_member")):
                plan["updates"].append({**dict(old), **{k: row[k] for k in ("occupation", "platform", "union_member")},
                                        "row": row["row"]})
            else:
                plan["same"].append(row)
        return plan

    def import_roster_report(self, riders: list[dict[str, Any]], actor: str = "kiosk-hub") -> dict[str, Any]:
        """Add new riders and update known ones' work and membership, all rows or none; riders known under
        another name are left as they are and listed (``conflicts``), as are those already up to date."""
        return self._import_rows(self._roster_rows(riders), actor)

    def stage_roster(self, riders: list[dict[str, Any]], operator_id: str) -> tuple[str, dict[str, Any]]:
        """Check a roster and keep it (phones already hashed: the hub holds no numbers) for the office to
        look at before it applies; returns its token and what it would do."""
        rows = self._roster_rows(riders)
        token = secrets.token_urlsafe(16)
        with self.writer.begin() as conn:
            conn.execute(t.staged_imports.delete().where(t.staged_imports.c.created_at < time.time() - 3600))
            conn.execute(t.staged_imports.insert().values(token=token, operator_id=operator_id, rows=rows,
                                                          created_at=int(time.time())))
            plan = self._roster_plan(conn, rows)
        return token, {k: [{"row": r["row"], "name": r["name"], "occupation": r["occupation"],
                            "old_name": r.get("old_name")} for r in v] for k, v in plan.items()}

    def apply_staged_roster(self, token: str, operator_id: str, actor: str) -> dict[str, Any]:
        with self.writer.begin() as conn:
            rows = conn.execute(sa.select(t.staged_imports.c.rows).where(
                t.staged_imports.c.token == token, t.staged_imports.c.operator_id == operator_id,
                t.staged_imports.c.created_at >= time.time() - 3600)).scalar()
            conn.execute(t.staged_imports.delete().where(t.staged_imports.c.token == token))
        if rows is None:
            raise InvalidInput("This preview has expired: upload the file again.", field="file")
        return self._import_rows(rows, actor)

    @gc_paused()
    def _import_rows(self, rows: list[dict[str, Any]], actor: str) -> dict[str, Any]:
        with self.writer.begin() as conn:
            plan = self._roster_plan(conn, rows)
            # New riders in the order of their phone hash, given their ids in that order: both of the
            # members' indexes then grow at their ends (random keys took twice as long on PostgreSQL).
            fresh = sorted(plan["adds"], key=itemgetter("phone_hash"))
            for row, member_id in zip(fresh, new_member_ids(len(fresh)), strict=True):
                del row["row"]
                row["member_id"] = member_id
            bulk_insert(conn, "members", fresh)
            for row in plan["updates"]:
                conn.execute(t.members.update().where(t.members.c.member_id == row["member_id"]).values(
                    occupation=row["occupation"], platform=row["platform"], union_member=row["union_member"]))
            if fresh:  # their ids are one run: another rider made in it meanwhile is only sent again
                feed_members(conn, sa.and_(t.members.c.member_id.between(fresh[0]["member_id"],
                                                                         fresh[-1]["member_id"]),
                                           t.members.c.status != "deleted"))
            if plan["updates"]:
                feed_members(conn, one_of(conn, t.members.c.member_id, [r["member_id"] for r in plan["updates"]]))
            self._audit(conn, actor, "roster.import", f"{len(rows)} rows", None,
                        {"added": len(fresh), "updated": len(plan["updates"]), "conflicts": len(plan["conflicts"])})
        return {"added": len(fresh), "updated": [r["row"] for r in plan["updates"]],
                "conflicts": [{"row": r["row"], "name": r["name"], "old_name": r["old_name"]}
                              for r in plan["conflicts"]],
                "already_riders": sorted(r["row"] for k in ("updates", "conflicts", "same") for r in plan[k])}
