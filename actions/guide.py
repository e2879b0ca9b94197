"""Answers about a matter: where, materials, time limit, process, online, fee, … and the
clarifications and corrections around them."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import conversation, events, send, slots, understanding


class ActionAnswerGuide(Action):
    def name(self) -> Text:
        return "action_answer_guide"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        turn = conversation().respond(understanding(tracker), slots(tracker))
        send(dispatcher, turn.messages)
        return events(turn)
