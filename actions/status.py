"""查进度: the status of a filing (bot/status.py decides who may see it)."""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.records import shared_records
from bot.status import ID_TAIL_ALONE, STATUS_QUESTION, awaited_reference, check_status
from bot.validators import plain


def tell_status(dispatcher: CollectingDispatcher, tracker: Tracker, text: str) -> List[Dict[Text, Any]]:
    reply = check_status(shared_records(), tracker.sender_id, text)
    dispatcher.utter_message(text=reply)
    # Asked for the last four digits: the next message may be just them ("0040").
    return [SlotSet("status_reference", awaited_reference(reply))]


def status_follow_up(dispatcher: CollectingDispatcher, tracker: Tracker) -> Optional[List[Dict[Text, Any]]]:
    """The last four ID digits sent on their own after being asked for them, whatever the NLU
    made of "0040"; None for any other message."""
    reference = tracker.get_slot("status_reference")
    text = plain((tracker.latest_message or {}).get("text") or "")
    if not reference or not ID_TAIL_ALONE.match(text):
        return None
    return tell_status(dispatcher, tracker, f"{reference} {text}")


# Words any question about a filing has; without them "menzhen manxingbing rending…" read as one is not.
ABOUT_A_FILING = re.compile(rf"{STATUS_QUESTION.pattern}|预约|约的|约了|登记的|编号|取消|撤销|后四位|身份证",
                            re.IGNORECASE)


class ActionCheckStatus(Action):
    def name(self) -> Text:
        return "action_check_status"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        followed_up = status_follow_up(dispatcher, tracker)  # "后四位是002X" may read as a status question
        if followed_up is not None:
            return followed_up
        text = (tracker.latest_message or {}).get("text") or ""
        if not ABOUT_A_FILING.search(text):
            # imported here: actions.guide uses actions.common, which imports this module
            from actions.guide import ActionAnswerGuide
            return await ActionAnswerGuide().run(dispatcher, tracker, domain, intent="nlu_fallback")
        return tell_status(dispatcher, tracker, text)
