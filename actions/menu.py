"""Welcome menu, what the assistant covers, out of scope, courtesies."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import send, understanding
from bot.catalogue import default_catalogue
from bot.replies import small_talk


class ActionSmallTalk(Action):
    def name(self) -> Text:
        return "action_small_talk"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        send(dispatcher, small_talk(default_catalogue(), understanding(tracker).intent))
        return []
