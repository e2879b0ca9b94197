"""WeChat official account settings from the environment (kept apart from channels/wechat.py
so that the launcher can check them without loading Rasa)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Dict, List, Optional

REQUIRED_SETTINGS = {"token": "WECHAT_TOKEN", "appid": "WECHAT_APPID", "secret": "WECHAT_APPSECRET",
                     "aes_key": "WECHAT_AES_KEY"}
DEFAULT_API = "https://api.weixin.qq.com"


class WeChatNotConfigured(RuntimeError):
    pass


@dataclass(frozen=True)
class WeChatSettings:
    token: str
    appid: str
    secret: str
    aes_key: str
    api_base: str = DEFAULT_API
    passive_timeout: float = 4.0

    @classmethod
    def from_env(cls, overrides: Optional[Dict[str, Any]] = None) -> "WeChatSettings":
        overrides = overrides or {}
        values = {key: str(overrides.get(key) or os.environ.get(env, "")).strip()
                  for key, env in REQUIRED_SETTINGS.items()}
        missing = [REQUIRED_SETTINGS[key] for key, value in values.items() if not value]
        if missing:
            raise WeChatNotConfigured("微信公众号通道未启动：缺少环境变量 " + "、".join(missing)
                                      + "（在公众号后台“基本配置”中查看）。")
        return cls(**values, api_base=(os.environ.get("WECHAT_API_BASE") or DEFAULT_API).rstrip("/"),
                   passive_timeout=float(os.environ.get("WECHAT_PASSIVE_TIMEOUT") or 4.0))


def missing_settings(environ: Optional[Dict[str, str]] = None) -> List[str]:
    environ = os.environ if environ is None else environ
    return [env for env in REQUIRED_SETTINGS.values() if not environ.get(env, "").strip()]
