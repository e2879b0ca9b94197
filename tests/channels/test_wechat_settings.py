"""The WeChat channel refuses to start without its settings, and says which are missing."""
import pytest

from channels.wechat_settings import WeChatNotConfigured, WeChatSettings, missing_settings


def test_missing_settings_are_named(monkeypatch):
    for name in ("WECHAT_TOKEN", "WECHAT_APPID", "WECHAT_APPSECRET", "WECHAT_AES_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("WECHAT_TOKEN", "t")
    with pytest.raises(WeChatNotConfigured) as refused:
        WeChatSettings.from_env()
    assert "WECHAT_APPID" in str(refused.value) and "WECHAT_TOKEN" not in str(refused.value)
    assert missing_settings() == ["WECHAT_APPID", "WECHAT_APPSECRET", "WECHAT_AES_KEY"]


def test_complete_settings_are_read(monkeypatch):
    for name, value in (("WECHAT_TOKEN", "t"), ("WECHAT_APPID", "wx1"), ("WECHAT_APPSECRET", "s"),
                        ("WECHAT_AES_KEY", "k" * 43), ("WECHAT_PASSIVE_TIMEOUT", "2.5")):
        monkeypatch.setenv(name, value)
    settings = WeChatSettings.from_env()
    assert settings.appid == "wx1" and settings.passive_timeout == 2.5
    assert settings.api_base == "https://api.weixin.qq.com"
