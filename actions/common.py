"""What every action shares: the catalogue and matcher (built on first use, once per
process) and the translation between Rasa's tracker/dispatcher and bot.dialogue."""
from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.status import status_follow_up
from bot.catalogue import default_catalogue
from bot.answers import SUPERVISION_PHONE
from bot.dialogue import SLOT_NAMES, Conversation, Message, Turn, Understanding
from bot.matcher import content
from bot.vocabulary import GENERIC_WORDS

logger = logging.getLogger(__name__)
# What a citizen reads if answering fails on a message the dialogue did not foresee: nothing
# said before is lost (no slot changes), and the phone is there if asking again fails too.
NOT_ANSWERED = ("抱歉，这句话我没能处理好。请换个说法再问一次，比如“门诊报销去哪办”；"
                f"也可以拨打濮阳县医保监督电话 {SUPERVISION_PHONE} 咨询。")


@lru_cache(maxsize=1)
def conversation() -> Conversation:
    return Conversation(default_catalogue())


def understanding(tracker: Tracker) -> Understanding:
    message = tracker.latest_message or {}
    # A generic word ("备案") narrows the matters meant as a matter span would, and a matter denied
    # ("不是门诊报销") is set aside by the dialogue as any denied words are: it reads them all as matters.
    entities = [dict(e, entity="matter") if e.get("entity") in ("matter_word", "matter_denied") else e
                for e in message.get("entities") or []]
    text = message.get("text") or ""
    word = content(text)
    if word in GENERIC_WORDS and not any(e.get("entity") == "matter" for e in entities) and word in text:
        # "报销" typed alone, untagged: the matters it could be are offered, as for a tagged one
        entities.append({"entity": "matter", "start": text.index(word), "end": text.index(word) + len(word),
                         "value": word})
    return Understanding(intent=(message.get("intent") or {}).get("name") or "", text=text, entities=entities)


def slots(tracker: Tracker) -> Dict[str, Any]:
    return {name: tracker.get_slot(name) for name in SLOT_NAMES}


def send(dispatcher: CollectingDispatcher, messages: List[Message]) -> None:
    for message in messages:
        dispatcher.utter_message(text=message.text,
                                 buttons=[{"title": t, "payload": p} for t, p in message.buttons])


def events(turn: Turn) -> List[Dict[str, Any]]:
    return [SlotSet(name, value) for name, value in turn.slots.items()]


class RespondsFromDialogue:
    """Mixed into an Action: runs bot.dialogue on the tracker and sends what it says."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any], intent: Optional[str] = None,
                  entities: Optional[List[Dict[str, Any]]] = None) -> List[Dict[str, Any]]:
        followed_up = status_follow_up(dispatcher, tracker)
        if followed_up is not None:
            return followed_up
        understood = understanding(tracker)
        if intent:  # read as another intent than the NLU's (and with other entities, if given)
            understood = Understanding(intent, understood.text,
                                       understood.entities if entities is None else entities)
        try:
            turn = conversation().respond(understood, slots(tracker))
        except Exception:
            logger.exception("no answer for message %r", understood.text[:80])
            dispatcher.utter_message(text=NOT_ANSWERED)
            return []
        send(dispatcher, turn.messages)
        return events(turn)
