from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.base.errors import (
    AlreadyVoided,
    AttendantRequired,
    CampaignNotActive,
    InvalidInput,
    LimitReached,
    NotEligible,
    OutOfStock,
    OutsideHours,
    UnknownAttendant,
)
from kiosk.core import entitlements, handouts, members, stock
from tests.helpers import STAFF, write


@pytest.fixture
def stocked(station):
    for item in ("breakfast", "cooling_pack", "water", "care_kit", "insurance"):
        write(stock.receive_stock, station, item, 100, STAFF)
    write(stock.receive_stock, station, "health_card", 0, STAFF, codes=["HC-1", "HC-2"])
    return station


def test_second_breakfast_same_day_is_refused_with_the_reset_day(stocked, rider):
    write(handouts.hand_out, stocked, rider.member_id, "breakfast", channel="self")
    with pytest.raises(LimitReached) as info:
        write(handouts.hand_out, stocked, rider.member_id, "breakfast", channel="self")
    assert info.value.details == {"period": "day", "limit": 1, "resets_on": "2026-07-16"}
    assert stock.on_hand(stocked, "breakfast") == 99


def test_day_limit_resets_the_next_morning(stocked, rider, clock):
    write(handouts.hand_out, stocked, rider.member_id, "breakfast", channel="self")
    clock.advance(days=1)
    write(handouts.hand_out, stocked, rider.member_id, "breakfast", channel="self")
    assert stocked.one("SELECT COUNT(*) FROM handouts") == 2


def test_week_limit_holds_across_days_and_resets_on_monday(stocked, rider, clock):
    for _ in range(3):  # Wednesday, Thursday, Friday
        write(handouts.hand_out, stocked, rider.member_id, "cooling_pack", channel="self")
        clock.advance(days=1)
    with pytest.raises(LimitReached) as info:  # Saturday
        write(handouts.hand_out, stocked, rider.member_id, "cooling_pack", channel="self")
    assert info.value.details["period"] == "week" and info.value.details["resets_on"] == "2026-07-20"
    clock.advance(days=2)  # Monday
    write(handouts.hand_out, stocked, rider.member_id, "cooling_pack", channel="self")


def test_month_and_campaign_limits(stocked, rider, clock):
    write(handouts.hand_out, stocked, rider.member_id, "care_kit", attendant_id=STAFF)
    with pytest.raises(LimitReached, match="per month"):
        write(handouts.hand_out, stocked, rider.member_id, "care_kit", attendant_id=STAFF)
    clock.advance(days=20)  # August
    write(handouts.hand_out, stocked, rider.member_id, "care_kit", attendant_id=STAFF)
    clock.advance(days=31)  # September: month is fresh but the campaign allows two in all
    with pytest.raises(LimitReached) as info:
        write(handouts.hand_out, stocked, rider.member_id, "care_kit", attendant_id=STAFF)
    assert info.value.details["period"] == "campaign" and info.value.details["resets_on"] is None


def test_quantity_beyond_what_remains_is_refused(stocked, rider):
    with pytest.raises(LimitReached, match="Only 2"):
        write(handouts.hand_out, stocked, rider.member_id, "water", 3, channel="self")


def test_outside_campaign_dates_and_hours(stocked, rider, clock):
    clock.advance(hours=3)  # 11:00, breakfast closed at 10:30
    with pytest.raises(OutsideHours) as info:
        write(handouts.hand_out, stocked, rider.member_id, "breakfast", channel="self")
    assert info.value.details["opens_at"] == "06:00"
    clock.advance(days=90)  # October: summer campaign over
    with pytest.raises(CampaignNotActive):
        write(handouts.hand_out, stocked, rider.member_id, "cooling_pack", channel="self")


def test_eligibility_by_union_membership_and_occupation(stocked):
    outsider = write(members.register_member, stocked, phone="13900000001", name="钱七", occupation="other",
                                       union_member=False, consent=True)
    with pytest.raises(NotEligible, match="union members"):
        write(handouts.hand_out, stocked, outsider.member_id, "health_card", attendant_id=STAFF)
    members_only_other = write(members.register_member, stocked, phone="13900000002", name="孙八", occupation="other",
                                                  union_member=True, consent=True)
    with pytest.raises(NotEligible, match="occupations"):
        write(handouts.hand_out, stocked, members_only_other.member_id, "insurance", attendant_id=STAFF)


def test_self_service_only_for_items_marked_so(stocked, rider):
    with pytest.raises(AttendantRequired):
        write(handouts.hand_out, stocked, rider.member_id, "care_kit", channel="self")
    with pytest.raises(UnknownAttendant):
        write(handouts.hand_out, stocked, rider.member_id, "care_kit", attendant_id="A-NOBODY")


def test_out_of_stock_is_refused_and_nothing_changes(station, rider):
    write(stock.receive_stock, station, "water", 1, STAFF)
    other = write(members.register_member, station, phone="13900000003", name="周九", occupation="courier",
                  consent=True)
    write(handouts.hand_out, station, rider.member_id, "water", channel="self")
    events = station.one("SELECT COUNT(*) FROM events")
    with pytest.raises(OutOfStock):
        write(handouts.hand_out, station, other.member_id, "water", channel="self")
    assert station.one("SELECT COUNT(*) FROM events") == events and stock.on_hand(station, "water") == 0


def test_voucher_codes_come_from_the_pool_one_each(stocked, rider):
    first = write(handouts.hand_out, stocked, rider.member_id, "health_card", attendant_id=STAFF)
    assert first.voucher_code == "HC-1"
    other = write(members.register_member, stocked, phone="13900000004", name="吴十", occupation="courier",
                                    union_member=True, consent=True)
    assert write(handouts.hand_out, stocked, other.member_id, "health_card", attendant_id=STAFF).voucher_code == "HC-2"
    third = write(members.register_member, stocked, phone="13900000005", name="郑一", occupation="courier",
                                    union_member=True, consent=True)
    with pytest.raises(OutOfStock):
        write(handouts.hand_out, stocked, third.member_id, "health_card", attendant_id=STAFF)


def test_void_with_the_card_back_in_hand_restores_stock_allowance_and_voucher_code(stocked, rider):
    h = write(handouts.hand_out, stocked, rider.member_id, "health_card", attendant_id=STAFF)
    write(handouts.void_handout, stocked, h.event_id, "发错了", STAFF, code_back=True)
    assert stock.on_hand(stocked, "health_card") == 2
    again = write(handouts.hand_out, stocked, rider.member_id, "health_card", attendant_id=STAFF)
    assert again.voucher_code == "HC-1"
    with pytest.raises(AlreadyVoided):
        write(handouts.void_handout, stocked, h.event_id, "again", STAFF)


def test_a_voided_voucher_whose_card_is_not_back_is_never_handed_out_again(stocked, rider):
    h = write(handouts.hand_out, stocked, rider.member_id, "health_card", attendant_id=STAFF)
    write(handouts.void_handout, stocked, h.event_id, "骑手已离开", STAFF)
    assert stock.on_hand(stocked, "health_card") == 1  # HC-1 is retired, not back in the pool
    again = write(handouts.hand_out, stocked, rider.member_id, "health_card", attendant_id=STAFF)
    assert again.voucher_code == "HC-2"
    assert stocked.one("SELECT handout_id FROM voucher_codes WHERE code = 'HC-1'") == h.event_id


def test_void_needs_a_reason_and_an_attendant(stocked, rider):
    h = write(handouts.hand_out, stocked, rider.member_id, "water", channel="self")
    with pytest.raises(InvalidInput):
        write(handouts.void_handout, stocked, h.event_id, " ", STAFF)
    with pytest.raises(UnknownAttendant):
        write(handouts.void_handout, stocked, h.event_id, "mistake", "A-NOBODY")
    assert stocked.one("SELECT COUNT(*) FROM handouts WHERE void_event_id IS NOT NULL") == 0


def test_stock_count_records_the_difference(stocked):
    write(stock.count_stock, stocked, "water", 97, STAFF, "3 bottles broken")
    event = stocked.events()[-1]
    assert event.type == "stock_counted" and event.payload["delta"] == -3
    with pytest.raises(InvalidInput):
        write(stock.count_stock, stocked, "water", -1, STAFF)


def test_remote_claims_count_against_the_limit(stocked, rider):
    with stocked.transaction() as conn:
        conn.execute("INSERT INTO remote_claims VALUES ('e1', 'ST-OTHER', ?, 'breakfast', 1, '2026-07-15', 0)",
                     (rider.member_id,))
    with pytest.raises(LimitReached):
        write(handouts.hand_out, stocked, rider.member_id, "breakfast", channel="self")


def test_claim_status_lists_what_the_rider_may_still_claim(stocked, rider):
    write(handouts.hand_out, stocked, rider.member_id, "water", channel="self")
    status = {s.item.item_id: s for s in entitlements.claim_status(stocked, rider, channel="self")}
    assert status["water"].available and status["water"].remaining == 1
    assert status["breakfast"].available
    assert not status["care_kit"].available and isinstance(status["care_kit"].refusal, AttendantRequired)


@pytest.mark.parametrize("period,today,expected", [
    ("day", date(2026, 12, 31), date(2027, 1, 1)),
    ("week", date(2026, 7, 19), date(2026, 7, 20)),
    ("week", date(2026, 7, 20), date(2026, 7, 27)),
    ("month", date(2026, 1, 31), date(2026, 2, 1)),
    ("month", date(2026, 12, 5), date(2027, 1, 1)),
    ("year", date(2026, 7, 15), date(2027, 1, 1)),
])
def test_limit_windows_reset_when_expected(period, today, expected):
    assert entitlements.resets_on(period, today) == expected


actions = st.lists(
    st.tuples(st.sampled_from(["hand", "void", "receive", "count", "wait"]), st.integers(0, 3), st.integers(1, 4)),
    max_size=40,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(script=actions)
def test_stock_never_negative_and_limits_never_exceeded(tmp_path_factory, script):
    """Random handouts, voids, deliveries, counts and days: the invariants always hold."""
    from kiosk.base.clock import FixedClock
    from kiosk.core.station import set_up_station
    from kiosk.demo import demo_campaigns
    from kiosk.store import Store
    from tests.helpers import START

    clock = FixedClock(START)
    s = Store(tmp_path_factory.mktemp("h") / "s.db", clock=clock)
    set_up_station(s, "h")
    from kiosk.core import attendants, campaigns

    write(campaigns.apply_campaigns, s, *demo_campaigns(START.date()))
    write(attendants.add_attendant, s, "a", "attendant", "123456", attendant_id=STAFF)
    riders = [write(members.register_member, s, phone=f"1390000000{i}", name="测试", occupation="courier",
                                      union_member=True, consent=True).member_id for i in range(4)]
    for op, who, n in script:
        try:
            if op == "hand":
                write(handouts.hand_out, s, riders[who], "cooling_pack", n, channel="self")
            elif op == "void":
                live = [h for h in handouts.recent_handouts(s) if not h["voided"]]
                if live:
                    write(handouts.void_handout, s, live[n % len(live)]["event_id"], "oops", STAFF)
            elif op == "receive":
                write(stock.receive_stock, s, "cooling_pack", n, STAFF)
            elif op == "count":
                write(stock.count_stock, s, "cooling_pack", n - 1 if n > 1 else 0, STAFF)
            else:
                clock.advance(days=n)
        except (LimitReached, OutOfStock, CampaignNotActive):
            pass
        assert stock.on_hand(s, "cooling_pack") >= 0
        for r in riders:
            today = clock.day(clock.now())
            day_total = entitlements.claimed_since(s, r, "cooling_pack", today)
            week_total = entitlements.claimed_since(s, r, "cooling_pack", today - timedelta(days=today.weekday()))
            assert day_total <= 1 and week_total <= 3
    seqs = [e.seq for e in s.events()]
    assert seqs == list(range(1, len(seqs) + 1))
    s.close()
