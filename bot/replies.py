"""The assistant's fixed replies: welcome menu, what it covers, hand-off, courtesies."""
from __future__ import annotations

from typing import List

from bot.answers import SUPERVISION_PHONE
from bot.catalogue import Catalogue
from bot.dialogue import MENU_MATTERS, Message, out_of_scope_text, payload


def menu(catalogue: Catalogue, greeting: bool = True) -> Message:
    opening = "您好！我是濮阳县医保办事指引助手。" if greeting else ""
    return Message(
        f"{opening}我可以告诉您医保业务到哪个窗口办、带什么材料、多久办好、能不能网上办，"
        "城乡居民办慢性病认定和转诊该去哪家医院（按106国道划分），还可以帮您预约登记、查询预约进度、评价服务。"
        "直接说您要办的事就行，比如“住院费用怎么报销”。常见业务：",
        [(catalogue.matter(m).name, payload("ask_matter", matter=m)) for m in MENU_MATTERS])


def matter_list(catalogue: Catalogue) -> Message:
    names = "、".join(m.name for m in catalogue.matters if "puyang" in m.variants)
    return Message(f"濮阳县医保经办业务共{sum('puyang' in m.variants for m in catalogue.matters)}项：{names}。"
                   "想了解哪一项，直接告诉我。")


def handoff() -> Message:
    return Message(f"需要人工帮助请拨打濮阳县医保监督电话 {SUPERVISION_PHONE}，"
                   "也可以到办理该业务的窗口或经办地点当面咨询（问我“某某业务在哪办”可查地点）。")


COURTESIES = {
    "thank": "不客气！还有其他医保业务可以继续问我。",
    "goodbye": f"再见！如有疑问可拨打濮阳县医保监督电话 {SUPERVISION_PHONE}。",
    "affirm": "好的。还有什么想了解的，直接告诉我。",
    "deny": "好的。请告诉我您想办的业务，比如“门诊费用怎么报销”。",
}


def small_talk(catalogue: Catalogue, intent: str) -> List[Message]:
    if intent == "greet":
        return [menu(catalogue)]
    if intent == "ask_capabilities":
        return [menu(catalogue, greeting=False), matter_list(catalogue)]
    if intent == "handoff":
        return [handoff()]
    if intent in ("thank", "goodbye"):
        # The end of a conversation: offer the 好差评 review.
        return [Message(COURTESIES[intent] + "欢迎对本次服务作出评价。", [("评价本次服务", payload("give_review"))])]
    if intent in COURTESIES:
        return [Message(COURTESIES[intent])]
    return [Message(out_of_scope_text())]
