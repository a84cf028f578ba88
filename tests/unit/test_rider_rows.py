"""A rider's first days at the hub, kept as one text per rider and period, read back as they were written,
whatever the office named its districts, items and programmes."""

from hypothesis import given
from hypothesis import strategies as st

from kiosk.hub.rollups import _decode, _encode

names = st.text(min_size=1, max_size=12)
days = st.dates().map(lambda d: d.isoformat())


@given(st.dictionaries(st.tuples(names, names), days, min_size=1, max_size=20))
def test_first_days_read_back_as_written_even_with_tabs_and_line_breaks_in_names(firsts):
    assert _decode(_encode(firsts)) == firsts


def test_plain_names_are_kept_as_lines_not_json():
    text = _encode({("*", "visit"): "2026-12-07", ("d:城中区", "p:summer_cooling"): "2026-12-08"})
    assert text == "*\tvisit\t2026-12-07\nd:城中区\tp:summer_cooling\t2026-12-08"
    assert _encode({("d:a\tb", "visit"): "2026-12-07"}).startswith("[")
    assert _decode(_encode({("[", "visit"): "2026-12-07"})) == {("[", "visit"): "2026-12-07"}
