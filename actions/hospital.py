"""Which hospital: the 106国道 rule for 城乡居民 慢性病/重特大疾病 认定 and 转诊, the three
hospitals for 城镇职工 转诊."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import conversation, events, send, slots, understanding


class ActionRouteHospital(Action):
    def name(self) -> Text:
        return "action_route_hospital"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        turn = conversation().respond(understanding(tracker), slots(tracker))
        send(dispatcher, turn.messages)
        return events(turn)
