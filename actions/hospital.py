"""Which hospital: the 106国道 rule for 城乡居民 慢性病/重特大疾病 认定 and 转诊, the three
hospitals for 城镇职工 转诊."""
from __future__ import annotations

from typing import Text

from rasa_sdk import Action

from actions.common import RespondsFromDialogue


class ActionRouteHospital(RespondsFromDialogue, Action):
    def name(self) -> Text:
        return "action_route_hospital"
