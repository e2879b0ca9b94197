"""The hotline agent console at /webhooks/agent/: a search-as-you-type lookup of the
catalogue, the 106国道 township lookup, the filings queue and the 差评 callback queue.

Agents sign in with the console token (AGENT_TOKEN, or one generated on first run and kept
in DATA_DIR/agent_token). The page keeps a session cookie; the hotline's own software sends
`Authorization: Bearer <token>`. Nothing here is reachable from a citizen's conversation.
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import time
from pathlib import Path
from urllib.parse import urlsplit
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.answers import matter_card, township_hospital
from bot.catalogue import PERSON_TYPES, REGIONS, default_catalogue
from bot.matcher import default_matcher
from bot.records import CALLBACK_STATUSES, FILING_STATUSES, masked, review_row, shared_records
from channels.agent_token import agent_token, token_path

from bot.server_setup import prepare_rasa_process

prepare_rasa_process()  # once per Rasa server process: log masking, faster reply checks

logger = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"
COOKIE = "agent_session"


def problem(message: str, status: int = 400) -> HTTPResponse:
    kind = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found"}[status]
    return response.json({"error": kind, "message": message}, status=status)


class AgentConsoleInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "agent"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "AgentConsoleInput":
        return cls()

    def __init__(self) -> None:
        self.token, created = agent_token()
        if created:
            logger.warning("坐席控制台令牌已生成，保存在 %s", token_path())
        self.session = hmac.new(self.token.encode(), b"agent-console-session", hashlib.sha256).hexdigest()
        default_matcher()  # build the index now, not on the first agent's keystroke

    # --- access -----------------------------------------------------------------------

    def signed_in(self, request: Request) -> bool:
        header = request.headers.get("authorization", "")
        if header.lower().startswith("bearer ") and hmac.compare_digest(header[7:].strip(), self.token):
            return True
        return hmac.compare_digest(request.cookies.get(COOKIE, ""), self.session)

    def guarded(self, handler: Callable[..., Awaitable[HTTPResponse]]):
        async def check(request: Request, *args, **kwargs) -> HTTPResponse:
            # The server allows any origin (CORS) for the widget; the console answers only
            # its own pages and the hotline's software (no Origin header), never other sites.
            # (Host only: behind a TLS proxy the scheme seen here is http.)
            origin = request.headers.get("origin")
            if origin and urlsplit(origin).netloc != request.host:
                return problem("坐席控制台不接受其他网站的请求", 403)
            if not self.signed_in(request):
                return problem("请先登录坐席控制台", 401)
            return await handler(request, *args, **kwargs)
        check.__name__ = handler.__name__
        return check

    # --- routes -------------------------------------------------------------------------

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        console = Blueprint("agent_console", __name__)
        catalogue = default_catalogue()

        @console.route("/", methods=["GET"])
        async def page(request: Request) -> HTTPResponse:
            name = "agent.html" if self.signed_in(request) else "agent_login.html"
            return response.html((STATIC / name).read_text(encoding="utf-8"),
                                 headers={"Cache-Control": "no-store"})

        @console.route("/login", methods=["POST"])
        async def login(request: Request) -> HTTPResponse:
            token = (request.form.get("token") or "").strip()
            if not hmac.compare_digest(token, self.token):
                await asyncio.sleep(0.2)  # slows guessing
                html = (STATIC / "agent_login.html").read_text(encoding="utf-8")
                return response.html(html.replace("<!--error-->", '<p class="error" role="alert">令牌不正确，请重试。</p>'),
                                     status=401)
            reply = response.redirect("./")
            reply.cookies[COOKIE] = self.session
            reply.cookies[COOKIE].update({"httponly": True, "samesite": "Strict", "path": "/webhooks/agent"})
            return reply

        @console.route("/logout", methods=["POST"])
        async def logout(request: Request) -> HTTPResponse:
            reply = response.redirect("./")
            del reply.cookies[COOKIE]
            return reply

        @console.route("/console.js", methods=["GET"])
        async def script(request: Request) -> HTTPResponse:
            return response.text((STATIC / "agent.js").read_text(encoding="utf-8"),
                                 content_type="application/javascript; charset=utf-8")

        async def lookup(request: Request) -> HTTPResponse:
            started = time.perf_counter()
            query = (request.args.get("q") or "").strip()[:100]
            person_type = request.args.get("person_type") or None
            region = request.args.get("region") or None
            if person_type not in (None, *PERSON_TYPES) or region not in (None, *REGIONS):
                return problem("人员类别或地区不正确")
            results = []
            candidates = (default_matcher().match(query) or default_matcher().match_initials(query)) if query else []
            for candidate in candidates[:5]:
                matter = catalogue.matter(candidate.matter_id)
                results.append({"id": matter.id, "name": matter.name, "score": round(candidate.score, 2),
                                "regions": [REGIONS[r] for r in matter.variants],
                                "card": matter_card(catalogue, matter, region=region, person_type=person_type)})
            return response.json({"query": query, "results": results,
                                  "elapsed_ms": round((time.perf_counter() - started) * 1000, 2)})

        async def hospital(request: Request) -> HTTPResponse:
            name = (request.args.get("township") or "").strip()
            found = township_hospital(catalogue, name) if name else None
            if found is None:
                return response.json({"error": "not_found", "message": f"没有找到乡镇“{name}”",
                                      "townships": [t.name for t in catalogue.townships]}, status=404)
            return response.json(found)

        async def townships(request: Request) -> HTTPResponse:
            return response.json({"townships": [t.name for t in catalogue.townships]})

        async def filings(request: Request) -> HTTPResponse:
            status = request.args.get("status") or None
            if status not in (None, *FILING_STATUSES):
                return problem("状态不正确")
            return response.json({"statuses": FILING_STATUSES,
                                  "filings": [masked(f) for f in shared_records().filings(status)]})

        async def filing(request: Request, reference: str) -> HTTPResponse:
            found = shared_records().filing(reference)
            if found is None:
                return problem("没有这个编号", 404)
            # Opening one record shows it whole: the agent is serving that citizen.
            logger.info("agent opened filing %s", found.reference)
            return response.json({**masked(found), "id_number": found.id_number, "phone": found.phone})

        async def filing_status(request: Request, reference: str) -> HTTPResponse:
            status = (request.json or {}).get("status")
            if status not in FILING_STATUSES:
                return problem("状态不正确")
            found = shared_records().set_filing_status(reference, status)
            if found is None:
                return problem("没有这个编号", 404)
            return response.json(masked(found))

        async def callbacks(request: Request) -> HTTPResponse:
            status = request.args.get("status", "pending") or None
            if status not in (None, *CALLBACK_STATUSES):
                return problem("状态不正确")
            return response.json({"statuses": CALLBACK_STATUSES,
                                  "callbacks": [review_row(r, reveal_phone=True)
                                                for r in shared_records().callbacks(status)]})

        async def callback_status(request: Request, review_id: int) -> HTTPResponse:
            status = (request.json or {}).get("status")
            if status not in CALLBACK_STATUSES:
                return problem("状态不正确")
            found = shared_records().set_callback_status(review_id, status)
            if found is None:
                return problem("没有这条差评", 404)
            return response.json(review_row(found, reveal_phone=True))

        for path, handler, methods in (
                ("/lookup", lookup, ["GET"]), ("/hospital", hospital, ["GET"]),
                ("/townships", townships, ["GET"]), ("/filings", filings, ["GET"]),
                ("/filings/<reference:str>", filing, ["GET"]),
                ("/filings/<reference:str>/status", filing_status, ["POST"]),
                ("/callbacks", callbacks, ["GET"]),
                ("/callbacks/<review_id:int>/status", callback_status, ["POST"])):
            console.add_route(self.guarded(handler), path, methods=methods, name=handler.__name__)
        return console
