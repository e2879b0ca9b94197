"""The assistant's reading of messages (jieba, the featurizers, DIET, the character model) in a
process of its own, on loopback only. The Rasa server sends it each message's text through
Rasa's own `RasaNLUHttpInterpreter` (the `nlu:` endpoint the launcher writes) and goes on with
the rules and the action server's replies.

Why: Rasa answers messages in one process, so under load it kept one core busy while the other
was mostly idle; reading a message was half of that process's time. Split in two, both cores
work: at 10 concurrent users the benchmark went from about 80 to about 120 messages/s.

The Rasa server still loads the whole model, so a message the NLU server does not answer (it
stopped, or took too long) is read there instead: slower, never an empty reply.

    python -m bot.nlu_server --model models --port 5056   (token in NLU_TOKEN)
"""
from __future__ import annotations

import argparse
import hmac
import logging
import os
from typing import Any, Callable, Dict, Optional

import aiohttp
import ujson
from rasa.core.http_interpreter import RasaNLUHttpInterpreter

logger = logging.getLogger(__name__)

PARSE_PATH = "/model/parse"  # where RasaNLUHttpInterpreter posts {"text", "token", "message_id"}
WAIT_SECONDS = 10  # for the NLU server's answer, before the message is read in the Rasa server


class NLUServerInterpreter(RasaNLUHttpInterpreter):
    """Rasa's interpreter for an NLU server, with a time limit and a local reading as fallback."""

    def __init__(self, endpoint_config: Any = None) -> None:  # Rasa's own opens an unlimited session
        self.endpoint_config = endpoint_config
        self.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=WAIT_SECONDS),
                                             json_serialize=ujson.dumps)
        self.read_here: Optional[Callable[[Any], Dict[str, Any]]] = None  # set once the model is loaded

    async def parse(self, message: Any) -> Dict[str, Any]:
        parsed = await self._rasa_http_parse(message.text, message.sender_id)
        if parsed is not None:
            return parsed
        if self.read_here is None:  # as Rasa's own: nothing understood
            return {"intent": {"name": "", "confidence": 0.0}, "entities": [], "text": ""}
        logger.warning("The NLU server did not answer; the message is read in the Rasa server.")
        return self.read_here(message)


def read_here_when_unanswered(agent: Any) -> None:
    """Gives the agent's NLU server interpreter the agent's own model to fall back on."""
    from rasa.shared.core.trackers import DialogueStateTracker

    processor = agent.processor if agent is not None else None
    interpreter = getattr(processor, "http_interpreter", None)
    if isinstance(interpreter, NLUServerInterpreter):
        interpreter.read_here = lambda message: processor._parse_message_with_graph(
            message, DialogueStateTracker.from_events(message.sender_id, []))


def use_nlu_server_interpreter() -> None:
    """`load_agent` makes its interpreter for the `nlu:` endpoint from this class."""
    import rasa.core.agent

    rasa.core.agent.RasaNLUHttpInterpreter = NLUServerInterpreter


def create_app(model: str, token: str) -> Any:
    from sanic import Sanic, response

    from bot.server_setup import prepare_rasa_process

    prepare_rasa_process()  # the same fast model load and graph run as the Rasa server
    app = Sanic("assistant_nlu")
    app.config.ACCESS_LOG = False

    @app.listener("before_server_start")
    async def load_model(app: Any, _loop: Any) -> None:
        # Connections are accepted only once the model is loaded, so /health means ready.
        from rasa.core.agent import load_agent

        app.ctx.agent = await load_agent(model_path=model)
        if app.ctx.agent is None or not app.ctx.agent.is_ready():
            raise RuntimeError(f"no trained model could be loaded from {model}")

    @app.get("/health")
    async def health(_request: Any) -> Any:
        return response.json({"status": "ok"})

    @app.post(PARSE_PATH)
    async def parse(request: Any) -> Any:
        body = request.json if isinstance(request.json, dict) else {}
        if not hmac.compare_digest(str(body.get("token") or ""), token):
            return response.json({"error": "token"}, status=401)
        text = body.get("text")
        if not isinstance(text, str):
            return response.json({"error": "text"}, status=400)
        return response.json(await app.ctx.agent.parse_message(text))

    return app


def main(argv: Optional[list] = None) -> int:
    parser = argparse.ArgumentParser(description="the assistant's NLU server (loopback only)")
    parser.add_argument("--model", default="models")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    token = os.environ.get("NLU_TOKEN")
    if not token:
        parser.error("NLU_TOKEN must be set (the Rasa server sends it with every message)")
    # Rasa's own logging set-up, as `rasa run` makes it: INFO unless LOG_LEVEL says otherwise,
    # structlog through the standard logging (so ID and phone numbers are masked, bot/privacy.py).
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(None)
    configure_structlog(None)
    create_app(args.model, token).run(host="127.0.0.1", port=args.port, workers=1, access_log=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
