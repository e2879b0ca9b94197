"""The WeChat official account (公众号) at /webhooks/wechat/webhook.

WeChat calls the webhook with every message a follower sends and waits 5 s, retrying
3 times. So: each request's signature is checked (403 otherwise, before any parsing),
the XML is parsed with DTDs refused (400 for a bomb or malformed XML), retries are
recognised by MsgId, and an answer ready within WECHAT_PASSIVE_TIMEOUT seconds (4 by
default) is the passive reply; a slower one gets `success` and is sent afterwards through
the customer-service message API. Plain and safe (AES) modes both work (wechatpy).

Settings come from the environment: WECHAT_TOKEN, WECHAT_APPID, WECHAT_APPSECRET,
WECHAT_AES_KEY (EncodingAESKey), optional WECHAT_API_BASE and WECHAT_PASSIVE_TIMEOUT.
"""
from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Tuple

import aiohttp
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.replies import TextReply
from wechatpy.utils import check_signature

from channels.wechat_settings import WeChatSettings

from bot.server_setup import prepare_rasa_process

prepare_rasa_process()  # once per Rasa server process: log masking, faster reply checks

logger = logging.getLogger(__name__)

# WeChat allows 2048 bytes of text per message; 600 characters of Chinese stay below it.
MAX_CHARS = 600
RETRY_MEMORY_SECONDS = 60
NOT_TEXT = "目前只能看懂文字哦。请直接打字告诉我您想办的医保业务，比如“门诊费用怎么报销”。"
TOKEN_ERRORS = (40001, 40014, 42001)  # access_token invalid or expired: fetch a new one once


def split_text(text: str, limit: int = MAX_CHARS) -> List[str]:
    """Splits a long answer into messages at line ends, each within WeChat's size."""
    parts, current = [], ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                parts.append(current)
                current = ""
            parts.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    if current:
        parts.append(current)
    return parts or [""]


def as_text(messages: List[Dict[str, Any]]) -> Tuple[str, List[str]]:
    """The bot's messages as one text, buttons as a numbered list; the payloads in order."""
    blocks, payloads = [], []
    for message in messages:
        block = message.get("text") or ""
        buttons = message.get("buttons") or []
        if buttons:
            lines = [f"{len(payloads) + i + 1}. {b.get('title', '')}" for i, b in enumerate(buttons)]
            payloads += [b.get("payload") or b.get("title") or "" for b in buttons]
            block += "\n回复数字选择：\n" + "\n".join(lines)
        if block:
            blocks.append(block)
    return "\n\n".join(blocks), payloads


class AccessToken:
    """The API access_token, cached until shortly before it expires; concurrent senders
    wait for one refresh instead of each fetching their own."""

    def __init__(self, settings: WeChatSettings):
        self.settings = settings
        self.value: Optional[str] = None
        self.expires_at = 0.0
        self.lock = asyncio.Lock()

    async def get(self, session: aiohttp.ClientSession, stale: Optional[str] = None) -> str:
        async with self.lock:
            if self.value and self.value != stale and time.monotonic() < self.expires_at:
                return self.value
            params = {"grant_type": "client_credential", "appid": self.settings.appid,
                      "secret": self.settings.secret}
            async with session.get(f"{self.settings.api_base}/cgi-bin/token", params=params) as reply:
                body = await reply.json(content_type=None)
            if "access_token" not in body:
                raise RuntimeError(f"WeChat refused an access_token: errcode {body.get('errcode')}")
            self.value = body["access_token"]
            # Refresh five minutes early: a token used right at expiry fails.
            self.expires_at = time.monotonic() + max(60, int(body.get("expires_in", 7200)) - 300)
            return self.value


class CustomerService:
    """Sends text messages with the customer-service message API (客服消息)."""

    def __init__(self, settings: WeChatSettings):
        self.settings = settings
        self.token = AccessToken(settings)
        self._session: Optional[aiohttp.ClientSession] = None

    def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        return self._session

    async def send_text(self, openid: str, text: str) -> None:
        stale = None
        for _ in range(2):
            token = await self.token.get(self.session(), stale)
            payload = {"touser": openid, "msgtype": "text", "text": {"content": text}}
            async with self.session().post(f"{self.settings.api_base}/cgi-bin/message/custom/send",
                                           params={"access_token": token}, json=payload) as reply:
                body = await reply.json(content_type=None)
            if body.get("errcode", 0) == 0:
                return
            if body.get("errcode") not in TOKEN_ERRORS:
                raise RuntimeError(f"WeChat refused a customer-service message: errcode {body.get('errcode')}")
            stale = token
        raise RuntimeError("WeChat refused the refreshed access_token")


class WeChatInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "wechat"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "WeChatInput":
        return cls(WeChatSettings.from_env(credentials))

    def __init__(self, settings: WeChatSettings):
        self.settings = settings
        self.crypto = WeChatCrypto(settings.token, settings.aes_key, settings.appid)
        self.customer_service = CustomerService(settings)
        self.seen: Dict[str, float] = {}            # message key -> when first received
        self.options: Dict[str, List[str]] = {}     # openid -> payloads of the numbered list

    # --- one message ------------------------------------------------------------------

    def _first_time(self, key: str) -> bool:
        now = time.monotonic()
        for old in [k for k, t in self.seen.items() if now - t > RETRY_MEMORY_SECONDS]:
            del self.seen[old]
        if key in self.seen:
            return False
        self.seen[key] = now
        return True

    async def _answer(self, on_new_message: Callable[[UserMessage], Awaitable[Any]], openid: str,
                      text: str) -> List[str]:
        """Rasa's reply to one message, as WeChat-sized texts."""
        collector = CollectingOutputChannel()
        await on_new_message(UserMessage(text, collector, openid, input_channel=self.name()))
        reply, payloads = as_text(collector.messages)
        self.options[openid] = payloads
        return split_text(reply) if reply else []

    def _chosen(self, openid: str, text: str) -> str:
        """"2" after a numbered list means the second option."""
        number = text.strip().rstrip(".。")
        options = self.options.get(openid) or []
        if number.isdigit() and 1 <= int(number) <= len(options):
            return options[int(number) - 1]
        return text

    async def _send_later(self, task: "asyncio.Task[List[str]]", openid: str, skip: int = 0,
                          delay: float = 0.0) -> None:
        try:
            parts = await task
            await asyncio.sleep(delay)
            for part in parts[skip:]:
                await self.customer_service.send_text(openid, part)
        except Exception:  # nobody is waiting for this request any more: log it
            logger.exception("could not deliver an answer through the customer-service API")

    # --- HTTP ---------------------------------------------------------------------------

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        wechat = Blueprint("wechat_official_account", __name__)

        def signed(request: Request) -> bool:
            args = request.args
            try:
                check_signature(self.settings.token, args.get("signature", ""), args.get("timestamp", ""),
                                args.get("nonce", ""))
                return True
            except InvalidSignatureException:
                return False

        @wechat.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            if not signed(request):
                return response.text("signature mismatch", status=403)
            return response.text(request.args.get("echostr", ""))

        @wechat.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not signed(request):
                return response.text("signature mismatch", status=403)
            safe_mode = request.args.get("encrypt_type") == "aes"
            body = request.body or b""
            try:
                ElementTree.fromstring(body, forbid_dtd=True)  # no DTD, no entities, well-formed
                if safe_mode:
                    body = self.crypto.decrypt_message(body, request.args.get("msg_signature", ""),
                                                       request.args.get("timestamp", ""),
                                                       request.args.get("nonce", ""))
                    ElementTree.fromstring(body, forbid_dtd=True)
                message = parse_message(body)
            except (InvalidSignatureException, InvalidAppIdException):
                return response.text("signature mismatch", status=403)
            except (DefusedXmlException, ElementTree.ParseError, ValueError, KeyError, TypeError):
                return response.text("bad request", status=400)

            openid = message.source
            key = str(message.id) if getattr(message, "id", 0) else f"{openid}:{message.create_time}"
            if not self._first_time(key):
                return response.text("success")  # a retry: the first delivery answers it

            if message.type == "text":
                text = self._chosen(openid, message.content or "")
            elif message.type == "event" and getattr(message, "event", "") == "subscribe":
                text = "/greet"
            elif message.type == "event":
                return response.text("success")
            else:
                return self._reply(request, message, NOT_TEXT, safe_mode)

            task = asyncio.ensure_future(self._answer(on_new_message, openid, text))
            try:
                parts = await asyncio.wait_for(asyncio.shield(task), timeout=self.settings.passive_timeout)
            except asyncio.TimeoutError:
                asyncio.ensure_future(self._send_later(task, openid))
                return response.text("success")
            if not parts:
                return response.text("success")
            if len(parts) > 1:  # the rest follows the passive reply
                asyncio.ensure_future(self._send_later(task, openid, skip=1, delay=0.5))
            return self._reply(request, message, parts[0], safe_mode)

        return wechat

    def _reply(self, request: Request, message: Any, text: str, safe_mode: bool) -> HTTPResponse:
        xml = TextReply(content=text, message=message).render()
        if safe_mode:
            xml = self.crypto.encrypt_message(xml, request.args.get("nonce", ""), request.args.get("timestamp"))
        return response.text(xml, content_type="application/xml; charset=utf-8")
