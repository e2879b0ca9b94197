"""HTTP connections from the Rasa server to the action server, kept open between messages.

Rasa opens a new aiohttp client session, and so a new TCP connection, for every call to the
action server and closes it after. Here each endpoint keeps one session per event loop. Idle
connections are dropped after 2 s, before the action server's own keep-alive (Sanic: 5 s)
would close them under a request in flight; a session whose connection failed is replaced.
The conversation sent with every call is written to JSON by ujson (a Rasa dependency) rather
than the standard library's encoder: the same JSON in a fraction of the time.
"""
from __future__ import annotations

import asyncio
from typing import Any, Dict, Tuple

import aiohttp
import ujson

IDLE_SECONDS = 2.0
_sessions: Dict[Tuple[int, int], Tuple[Any, aiohttp.ClientSession]] = {}


def _new_session(endpoint: Any) -> aiohttp.ClientSession:
    from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT

    auth = None
    if endpoint.basic_auth:
        auth = aiohttp.BasicAuth(endpoint.basic_auth["username"], endpoint.basic_auth["password"])
    return aiohttp.ClientSession(headers=endpoint.headers, auth=auth,
                                 timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
                                 connector=aiohttp.TCPConnector(keepalive_timeout=IDLE_SECONDS),
                                 json_serialize=ujson.dumps)


class _KeptSession:
    """Used as Rasa uses its session: `async with endpoint.session() as session`."""

    def __init__(self, endpoint: Any) -> None:
        self.key = (id(asyncio.get_event_loop()), id(endpoint))
        self.endpoint = endpoint

    async def __aenter__(self) -> aiohttp.ClientSession:
        kept = _sessions.get(self.key)
        if kept is None or kept[1].closed:
            kept = (self.endpoint, _new_session(self.endpoint))  # holding the endpoint keeps its id unique
            _sessions[self.key] = kept
        return kept[1]

    async def __aexit__(self, kind: Any, error: Any, traceback: Any) -> bool:
        if isinstance(error, aiohttp.ClientConnectionError):
            kept = _sessions.pop(self.key, None)
            if kept:
                await kept[1].close()
        return False


async def close_kept_sessions() -> None:
    while _sessions:
        _, (_, session) = _sessions.popitem()
        await session.close()


def keep_sessions_open() -> None:
    from rasa.utils.endpoints import EndpointConfig

    EndpointConfig.session = lambda self: _KeptSession(self)
