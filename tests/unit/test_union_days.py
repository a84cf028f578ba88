"""The office's figures count in the union's days (China Standard Time), not in UTC's."""

from kiosk.hub.reports import union_day, utc_bounds


def test_a_request_made_after_four_in_the_afternoon_utc_falls_on_the_next_union_day():
    assert union_day("2026-11-24T15:59:59Z") == "2026-11-24"
    assert union_day("2026-11-24T16:00:00Z") == "2026-11-25"  # midnight in Xining
    assert union_day("2026-12-31T17:30:00.250000Z") == "2027-01-01"  # a new month and year there


def test_a_period_of_union_days_is_the_utc_window_from_its_first_midnight_to_the_one_after_its_last():
    since, until = utc_bounds("2026-11-25", "2026-11-25")
    assert (since, until) == ("2026-11-24T16:00:00", "2026-11-25T16:00:00")
    stamps = ["2026-11-24T15:59:59Z", "2026-11-24T16:00:00Z", "2026-11-25T15:59:59.9Z", "2026-11-25T16:00:00Z"]
    assert [since <= s < until for s in stamps] == [False, True, True, False]
