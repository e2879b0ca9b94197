"""What every action shares: the catalogue and matcher (built on first use, once per
process) and the translation between Rasa's tracker/dispatcher and bot.dialogue."""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.status import status_follow_up
from bot.catalogue import default_catalogue
from bot.dialogue import SLOT_NAMES, Conversation, Message, Turn, Understanding


@lru_cache(maxsize=1)
def conversation() -> Conversation:
    return Conversation(default_catalogue())


def understanding(tracker: Tracker) -> Understanding:
    message = tracker.latest_message or {}
    # A generic word ("备案") narrows the matters meant as a matter span would: the dialogue reads both.
    entities = [dict(e, entity="matter") if e.get("entity") == "matter_word" else e
                for e in message.get("entities") or []]
    return Understanding(intent=(message.get("intent") or {}).get("name") or "",
                         text=message.get("text") or "", entities=entities)


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
        turn = conversation().respond(understood, slots(tracker))
        send(dispatcher, turn.messages)
        return events(turn)
