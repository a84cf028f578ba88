"""kiosk.toml: defaults when absent, every wrong value named with what is allowed."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.base.errors import InvalidInput
from kiosk.config import Config, load_config, save_settings


def write(tmp_path, text):
    (tmp_path / "kiosk.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_no_file_means_the_documented_defaults(tmp_path):
    assert load_config(tmp_path) == Config()


def test_a_full_file_is_read(tmp_path):
    config = load_config(write(tmp_path, 'mode = "unattended"\nlanguage = "en"\nidle_timeout_s = 45\n'
                                         '[printer]\nkind = "file"\ntarget = "/tmp/p.bin"\n'
                                         '[scanner]\nmax_gap_ms = 30\n'))
    assert (config.mode, config.language, config.idle_timeout_s) == ("unattended", "en", 45)
    assert config.printer == {"kind": "file", "target": "/tmp/p.bin"}
    assert config.scanner == {"min_length": 8, "max_gap_ms": 30}


@pytest.mark.parametrize("text,names", [
    ('mode = "sometimes"', "mode must be one of attended, unattended"),
    ("idle_timeout_s = 2", "idle_timeout_s must be a whole number from 15 to 3600"),
    ('idle_timeout_s = "90"', "idle_timeout_s"),
    ('hub_url = "ftp://x"', "hub_url"),
    ("colour = 3", "unknown setting 'colour'"),
    ('[printer]\nkind = "laser"', "printer.kind"),
    ('[printer]\nkind = "usb"', "printer.target is needed"),
    ("[scanner]\nmin_length = 1", "scanner.min_length"),
    ("mode = ", "not valid TOML"),
])
def test_wrong_values_are_named_in_one_clear_line(tmp_path, text, names):
    with pytest.raises(InvalidInput) as info:
        load_config(write(tmp_path, text))
    assert names in info.value.message and "\n" not in info.value.message


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200))
def test_any_file_content_is_either_read_or_refused_clearly(tmp_path_factory, text):
    directory = tmp_path_factory.mktemp("cfg")
    try:
        config = load_config(write(directory, text))
    except InvalidInput as refusal:
        assert refusal.message.startswith(str(directory))
    else:
        assert isinstance(config, Config)


def test_saving_keeps_the_technicians_comments_and_other_settings(tmp_path):
    write(tmp_path, '# Station 12, north gate\nmode = "attended"  # riders served at the desk\n'
                    '[printer]\nkind = "file"\ntarget = "/tmp/p.bin"\n')
    config = save_settings(tmp_path, mode="unattended", idle_timeout_s=60)
    text = (tmp_path / "kiosk.toml").read_text(encoding="utf-8")
    assert "# Station 12, north gate" in text and "# riders served at the desk" in text
    assert config == load_config(tmp_path)
    assert (config.mode, config.idle_timeout_s, config.printer["kind"]) == ("unattended", 60, "file")


def test_a_wrong_value_is_not_saved(tmp_path):
    write(tmp_path, 'language = "en"\n')
    before = (tmp_path / "kiosk.toml").read_bytes()
    with pytest.raises(InvalidInput, match="idle_timeout_s must be a whole number"):
        save_settings(tmp_path, idle_timeout_s=5)
    assert (tmp_path / "kiosk.toml").read_bytes() == before and not list(tmp_path.glob("*.new"))
