"""Answers about a matter, composed from the catalogue by bot.answers."""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.answers import SUPERVISION_PHONE, matter_card
from bot.catalogue import default_catalogue
from bot.matcher import MatterMatcher, resolve

OUT_OF_SCOPE = (
    "抱歉，我没找到与您的问题对应的医保事项。我能解答濮阳县医保经办事项：参保登记、信息变更、"
    "参保查询、转移接续、异地就医备案、门诊慢特病认定、门诊/住院报销、生育保险待遇等。"
    f"您也可以拨打濮阳县医保监督电话 {SUPERVISION_PHONE}。"
)


@lru_cache(maxsize=1)
def matcher() -> MatterMatcher:
    return MatterMatcher(default_catalogue())


class ActionAnswerMatter(Action):
    def name(self) -> Text:
        return "action_answer_matter"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        text = tracker.latest_message.get("text") or ""
        catalogue = default_catalogue()
        resolution = resolve(matcher().match(text))
        if resolution.kind == "one":
            matter = catalogue.matter(resolution.candidates[0].matter_id)
            dispatcher.utter_message(text=matter_card(catalogue, matter))
        elif resolution.kind == "choose":
            names = [catalogue.matter(c.matter_id).name for c in resolution.candidates]
            dispatcher.utter_message(
                text="您问的是下面哪一项？",
                buttons=[{"title": name, "payload": name} for name in names],
            )
        else:
            dispatcher.utter_message(text=OUT_OF_SCOPE)
        return []
