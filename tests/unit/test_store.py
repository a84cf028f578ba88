import sqlite3

import pytest

from kiosk.base.errors import OutOfStock, StoreError
from kiosk.core import checkins, handouts, stock
from kiosk.store import Store
from kiosk.store.migrations import MIGRATIONS
from tests.helpers import STAFF, write


def test_database_uses_wal_full_sync_and_foreign_keys(store):
    assert store.one("PRAGMA journal_mode") == "wal"
    assert store.one("PRAGMA synchronous") == 2  # FULL
    assert store.one("PRAGMA foreign_keys") == 1


def test_migrations_are_recorded_once_and_not_reapplied(tmp_path):
    path = tmp_path / "s.db"
    first = Store(path)
    assert first.schema_version() == MIGRATIONS[-1][0]
    first.close()
    again = Store(path)
    assert again.migrate() == []
    assert again.one("SELECT COUNT(*) FROM schema_migrations") == len(MIGRATIONS)


def test_a_station_from_the_first_schema_keeps_its_riders_findable_by_phone(tmp_path, monkeypatch):
    from kiosk.core import members
    from kiosk.core.station import set_up_station
    from kiosk.store import db

    path = tmp_path / "s.db"
    monkeypatch.setattr(db, "MIGRATIONS", MIGRATIONS[:1])
    old = Store(path)
    set_up_station(old, "老驿站")
    old.conn.execute("INSERT INTO members (member_id, phone_hash, phone_last4, name, occupation, source, "
                     "registered_at) VALUES ('OLD000000001', ?, '5678', '老骑手', 'courier', 'hub', 'x')",
                     (members.phone_hash(old, "13812345678"),))  # as the first schema kept it: hex text
    old.close()
    monkeypatch.setattr(db, "MIGRATIONS", MIGRATIONS)
    store = Store(path)
    assert store.one("SELECT typeof(phone_hash) FROM members") == "blob"
    assert members.find_by_phone(store, "138 1234 5678").member_id == "OLD000000001"


def test_database_from_a_newer_kiosk_is_refused(tmp_path):
    path = tmp_path / "s.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer kiosk"):
        Store(path)


def test_a_file_that_is_not_a_database_is_reported_as_damaged(tmp_path):
    path = tmp_path / "s.db"
    path.write_bytes(b"this is not sqlite" * 1000)
    with pytest.raises(StoreError) as info:
        Store(path)
    assert info.value.details["cause"] == "corrupt"


def test_sequence_has_no_gap_after_refusals(station, rider):
    write(stock.receive_stock, station, "water", 1, STAFF)
    write(handouts.hand_out, station, rider.member_id, "water", attendant_id=STAFF)
    with pytest.raises(OutOfStock):
        write(handouts.hand_out, station, rider.member_id, "water", attendant_id=STAFF)
    write(checkins.check_in, station, rider.member_id)
    seqs = [e.seq for e in station.events()]
    assert seqs == list(range(1, len(seqs) + 1))
    assert [e.type for e in station.events()][-2:] == ["handed_out", "checked_in"]


def test_a_refusal_inside_a_batch_undoes_only_its_own_part(station, rider):
    write(stock.receive_stock, station, "water", 1, STAFF)
    with station.transaction():
        write(handouts.hand_out, station, rider.member_id, "water", attendant_id=STAFF)
        with pytest.raises(OutOfStock):
            write(handouts.hand_out, station, rider.member_id, "water", attendant_id=STAFF)
        write(checkins.check_in, station, rider.member_id)
    assert station.one("SELECT COUNT(*) FROM handouts") == 1
    assert station.one("SELECT COUNT(*) FROM checkins") == 1


def test_events_outside_a_transaction_are_refused(store):
    with pytest.raises(RuntimeError):
        store.append_event("checked_in", {}, store.clock.now())


def test_stock_can_never_be_negative_even_behind_the_core(station):
    with pytest.raises(sqlite3.IntegrityError), station.transaction() as conn:
        conn.execute("UPDATE stock SET on_hand = -1 WHERE item_id = 'water'")
