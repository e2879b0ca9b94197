"""Welcome menu, what the assistant covers, out of scope, courtesies."""
from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import RespondsFromDialogue, conversation, send, understanding
from actions.status import status_follow_up
from bot import vocabulary
from bot.catalogue import default_catalogue
from bot.dialogue import (ASKS_AMOUNT, ASPECT_INTENTS, LIVING_ELSEWHERE_FILINGS, WANTS_CONFIRMATION, WHAT_IF,
                          WHEN_TO_APPLY, WINDOW_QUESTION, aspect_intent_asked, only_an_aspect_asked)
from bot.matcher import OTHER_SCHEMES, fold
from bot.replies import small_talk


# "在北京闺女家长住", "跟着儿子在上海": where and how one lives, an answer among the 异地备案
LIVES_THERE = re.compile(r"长住|常住|长期住|居住|定居|住在|在.{1,8}住|搁.{1,8}住|跟着?(孩子|儿子|闺女|女儿|儿女)|户口")
# "那要是光改个地址嘞": a case of the question just answered
A_CASE = re.compile(r"^(那|那么)?(要是|如果|假如|万一|光是?|只是)")
# What a bare "不是" / "不用了谢谢" is made of; a denial with more than this says something.
BARE_DENIAL = re.compile("不对|不是|不用|不要|不需要|没有|没|算了|谢谢|好的|我|俺|了|吧|啊|呢|的|哦|嗯|这个|那个")


class ActionSmallTalk(RespondsFromDialogue, Action):
    def name(self) -> Text:
        return "action_small_talk"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        followed_up = status_follow_up(dispatcher, tracker)
        if followed_up is not None:
            return followed_up
        understood = understanding(tracker)
        if WINDOW_QUESTION.search(understood.text):  # "68号呢" may read as a goodbye or a greeting
            return await super().run(dispatcher, tracker, domain)
        if tracker.get_slot("pending") and vocabulary.NOT_SURE.search(understood.text):
            # "不知道" when asked which side of 106国道: answered with both hospitals, not a goodbye
            return await super().run(dispatcher, tracker, domain, intent="inform")
        if understood.intent == "affirm" and tracker.get_slot("matter") and WANTS_CONFIRMATION.search(understood.text):
            # "确定吗 别让俺白跑" may read as a yes: it asks whether the answer can be relied on
            return await super().run(dispatcher, tracker, domain, intent="nlu_fallback")
        if understood.intent == "affirm" and tracker.get_slot("aspect") in ASPECT_INTENTS and tracker.get_slot("matter") \
                and (WHAT_IF.search(understood.text) or A_CASE.search(understood.text)) \
                and len(BARE_DENIAL.sub("", fold(understood.text))) >= 4:
            # "那要是光改个地址嘞" right after the materials may read as a yes: the same question, for that case
            return await super().run(dispatcher, tracker, domain, intent=ASPECT_INTENTS[tracker.get_slot("aspect")])
        offered = tracker.get_slot("candidates") or []
        if understood.intent == "out_of_scope" and set(offered) & set(LIVING_ELSEWHERE_FILINGS) \
                and LIVES_THERE.search(understood.text):
            # "在北京闺女家长住" under the 异地备案 choices: where one lives picks one of them
            return await super().run(dispatcher, tracker, domain, intent="inform")
        if understood.intent == "out_of_scope" and conversation().covers(understood.text):
            return await super().run(dispatcher, tracker, domain, intent="ask_matter")
        says_more = len(BARE_DENIAL.sub("", fold(understood.text))) >= 4
        if understood.intent == "deny" and tracker.get_slot("matter") and says_more:
            # "不对不对，名字没改，是搬地方了，地址变了": a correction of the details, not a bare "不是":
            # the matter being discussed, unless the message names another
            if any(e.get("entity") == "matter" for e in understood.entities):
                return await super().run(dispatcher, tracker, domain, intent="correct_matter")
            return await super().run(dispatcher, tracker, domain, intent="ask_matter",
                                     entities=[{"entity": "matter", "value": tracker.get_slot("matter")}])
        if understood.intent == "out_of_scope" and (tracker.get_slot("matter") or tracker.get_slot("candidates")) \
                and ASKS_AMOUNT.search(understood.text) and not OTHER_SCHEMES.search(understood.text):
            # "能给多少钱" right after 一次性生育补助金: the amount of that matter, which the guides do not give
            return await super().run(dispatcher, tracker, domain, intent="ask_fee")
        catalogue = default_catalogue()
        matter_id = tracker.get_slot("matter")
        if understood.intent == "out_of_scope" and matter_id and catalogue.has_matter(matter_id) \
                and conversation().detail_asked(catalogue.matter(matter_id), understood.text):
            # "交警那个认定书还没下来咋办" right after 住院费用报销: a case of that matter's materials
            return await super().run(dispatcher, tracker, domain, intent="ask_materials")
        if understood.intent == "out_of_scope" and matter_id and not OTHER_SCHEMES.search(understood.text):
            named, candidates = conversation().matter_named(understood.text)
            if (named is not None and named.id == matter_id) or matter_id in {c.matter_id for c in candidates}:
                # "到了安阳那边转接续是找谁" right after 转移接续: about that matter, though worded unusually
                return await super().run(dispatcher, tracker, domain,
                                         intent=aspect_intent_asked(understood.text) or "ask_matter")
        asked = only_an_aspect_asked(understood.text)
        if asked is None and WHEN_TO_APPLY.search(understood.text) \
                and only_an_aspect_asked(WHEN_TO_APPLY.sub("多久", understood.text)):
            asked = "ask_time_limit"  # "濮阳县是啥时候集中报": the dialogue reads when to apply from the words
        if understood.intent == "out_of_scope" and tracker.get_slot("matter") and asked \
                and not OTHER_SCHEMES.search(understood.text):
            # "濮阳县窗口办要带啥" right after 转移接续: a question about that matter, worded unusually
            return await super().run(dispatcher, tracker, domain, intent=asked)
        send(dispatcher, small_talk(default_catalogue(), understood.intent))
        return []
