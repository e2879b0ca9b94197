"""The website chat widget: /webhooks/widget/ (a page with the chat open),
/webhooks/widget/widget.js (the script the county website embeds) and
/webhooks/widget/webhook (messages, like Rasa's REST channel).

Each browser gets a random conversation id kept in its localStorage; the server prefixes
it with "web:" so a page can never speak as a WeChat user or another channel's sender.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.server_setup import prepare_rasa_process

prepare_rasa_process()  # once per Rasa server process: log masking, faster reply checks

STATIC = Path(__file__).resolve().parent / "static"
CONVERSATION_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
MAX_MESSAGE = 500  # characters; a question, not a document


class WidgetInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "widget"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "WidgetInput":
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        widget = Blueprint("chat_widget", __name__)

        @widget.route("/", methods=["GET"])
        async def page(request: Request) -> HTTPResponse:
            return response.html((STATIC / "widget.html").read_text(encoding="utf-8"))

        @widget.route("/widget.js", methods=["GET"])
        async def script(request: Request) -> HTTPResponse:
            return response.text((STATIC / "widget.js").read_text(encoding="utf-8"),
                                 content_type="application/javascript; charset=utf-8",
                                 headers={"Cache-Control": "public, max-age=300"})

        @widget.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body = request.json if isinstance(request.json, dict) else {}
            conversation, text = str(body.get("conversation") or ""), str(body.get("message") or "").strip()
            if not CONVERSATION_ID.fullmatch(conversation):
                return response.json({"error": "bad_conversation", "message": "会话编号无效，请刷新页面。"}, status=400)
            if not text:
                return response.json({"error": "empty", "message": "请输入您的问题。"}, status=400)
            if len(text) > MAX_MESSAGE:
                return response.json({"error": "too_long", "message": f"问题太长了，请控制在{MAX_MESSAGE}字以内。"},
                                     status=400)
            collector = CollectingOutputChannel()
            await on_new_message(UserMessage(text, collector, "web:" + conversation, input_channel=self.name()))
            return response.json([{"text": m.get("text", ""), "buttons": m.get("buttons") or []}
                                  for m in collector.messages])

        return widget
