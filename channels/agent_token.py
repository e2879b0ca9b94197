"""The agent console's access token: AGENT_TOKEN, or one generated on first run and kept
(readable by its owner only) in DATA_DIR/agent_token so it survives restarts."""
from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    return Path(os.environ.get("DATA_DIR") or ROOT / "var")


def token_path(folder: Optional[Path] = None) -> Path:
    return (folder or data_dir()) / "agent_token"


def agent_token(folder: Optional[Path] = None) -> Tuple[str, bool]:
    """The token and whether it was generated just now (then it is to be shown once)."""
    configured = os.environ.get("AGENT_TOKEN", "").strip()
    if configured:
        return configured, False
    path = token_path(folder)
    if path.exists():
        return path.read_text(encoding="utf-8").strip(), False
    token = secrets.token_urlsafe(18)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(token)
    return token, True
