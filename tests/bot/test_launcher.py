"""How many Rasa server processes the launcher starts (SANIC_WORKERS)."""
import pytest

from bot.launcher import Servers

WECHAT = {"WECHAT_TOKEN": "t", "WECHAT_APPID": "wx1", "WECHAT_APPSECRET": "s",
          "WECHAT_AES_KEY": "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"}


@pytest.fixture(autouse=True)
def no_settings_from_this_shell(monkeypatch):
    for name in ("SANIC_WORKERS", *WECHAT):
        monkeypatch.delenv(name, raising=False)


def test_one_process_unless_told():
    assert Servers().sanic_workers() == 1


def test_workers_as_set_while_wechat_is_off():
    servers = Servers(extra_env={"SANIC_WORKERS": "2"})
    assert servers.sanic_workers() == 2 and servers.notes == []


def test_wechat_keeps_one_process_and_says_so():
    servers = Servers(extra_env={"SANIC_WORKERS": "2", **WECHAT})
    assert servers.sanic_workers() == 1
    assert any("SANIC_WORKERS=2 未采用" in note for note in servers.notes)


@pytest.mark.parametrize("value", ["two", "0", "-1"])
def test_a_bad_setting_is_refused_in_words(value):
    with pytest.raises(RuntimeError, match="SANIC_WORKERS 应为正整数"):
        Servers(extra_env={"SANIC_WORKERS": value}).sanic_workers()
