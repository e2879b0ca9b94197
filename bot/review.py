"""The 好差评 review: which matter or window (optional), one of the five levels, an optional
comment, and for a 差评 a phone number for the callback within 1 working day.

The levels and the callback rule are seed 000 item 1 section 八（二）（三）.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional

from bot.answers import SUPERVISION_PHONE, SourceNotes
from bot.catalogue import Catalogue
from bot.dialogue import Message
from bot.forms import FormSpec, Step
from bot.records import NEGATIVE_LEVELS, REVIEW_LEVELS, Review
from bot.validators import Checked, check_note, check_phone, mask_phone, plain

REVIEW_SOURCE = ("000/1/八（二）", "000/1/八（三）")
CALLBACK_WORKING_DAYS = 1
LONGEST_QUESTION = 16  # characters: a longer message where a comment is asked is the comment, questions and all
SKIP_WORDS = ("跳过", "不用", "没有", "无", "不说了", "不写了")


# "给了差评多久有人回访", "好差评分几个等级", "基本满意算差评不": a question about the 好差评
# rules, answered from the guide; not a review.
QUESTION_ABOUT_REVIEWS = re.compile(r"(差评|好评|评价|等级|回访).{0,12}(吗|呢|不$|没有?$|[?？]|多久|几个|几种|哪几|哪些|什么|"
                                    r"啥|怎么|咋|算不算|是不是|多长)|(多久|几个|几种|怎么|咋|多长|哪里|哪儿|在哪).{0,8}(差评|好评|评价|回访)|"
                                    r"评价等级|几个等级|分几档|几档")


# "你们会咋处理", "差评了有人管吗": asked while reviewing, about what becomes of the review.
ASKED_ABOUT_HANDLING = re.compile(r"(会|要|怎么|咋|如何|谁来?).{0,3}(处理|回访|跟进|反馈|解决|联系)|"
                                  r"有(没有)?人(管|回访|联系|处理|跟进)|(有|管)(用|啥用|什么用)(吗|不|没|$)")


def rules_of_reviews(catalogue: Catalogue, reviewing: bool = False) -> Message:
    """The levels and the callback rule; while reviewing, without the offer to start a review."""
    notes = SourceNotes(catalogue)
    for src in REVIEW_SOURCE:
        notes.add(src)
    text = ("政务服务“好差评”评价分为“非常满意”“满意”“基本满意”“不满意”“非常不满意”五个等级，"
            "后两个等级为差评。收到差评后，承办业务的经办机构应当在1个工作日内，安排专人回访核实。\n"
            f"{notes.line()}")
    if reviewing:
        return Message(text + "\n接着办刚才的评价：")
    return Message(text + "\n要评价本次服务，请回复“我要评价”。", [("我要评价", "/give_review")])


# Said of one's own service ("俺对68号窗口不满意 你们咋处理", "我要给差评"): a review, questions and all.
RATES_NOW = re.compile(r"(我|俺)(要|想|来|就)?(给|打|评|对)|(我|俺).{0,8}满意")


def _asks_of_reviews(said: str) -> bool:
    return bool(QUESTION_ABOUT_REVIEWS.search(said) or ASKED_ABOUT_HANDLING.search(said))


def asks_before_reviewing(said: str) -> bool:
    """The message that would start a review asks how reviews work and rates nothing itself
    ("恁这好差评是咋回事 给了差评有人管不"): the rules answer it, and no review is begun."""
    return _asks_of_reviews(said) and not RATES_NOW.search(said) and len(said) <= 2 * LONGEST_QUESTION


def asks_about_reviews(said: str) -> bool:
    """A short question about the rules or the handling, not a comment that also asks something."""
    return len(said) <= LONGEST_QUESTION and _asks_of_reviews(said)


LESS_THAN_SATISFIED = re.compile(r"不太满意|不怎么满意|不是很满意|不是太满意|不大满意|不算满意|不咋满意|不够满意|"
                                 r"说不上满意|谈不上满意|称不上满意|不是特别满意|不算太满意|不咋地|不怎么样|"
                                 r"很不满意|非常不满意|特别不满意|极不满意|太不满意|十分不满意|不满意")
WINDOW_NAMED = re.compile(r"(6[89]|7[0-4])号窗口")
LEVEL_SAID = re.compile(r"满意|差评|好评")
NEUTRAL = re.compile(r"一般|基本上?满意|不好不坏|还行|凑合|马马虎虎|还可以|过得去")
VERY_DISSATISFIED = re.compile(r"很不满意|非常不满意|特别不满意|极不满意|太不满意|十分不满意")
LEVEL_ONLY = re.compile(r"^(?:改成|改为|应该是|是)?(" + "|".join(sorted(REVIEW_LEVELS, key=len, reverse=True))
                        + r")[了吧啊的。！!]*$")
# "打哪个电话" asked in the middle of a review: the number is told, nothing is taken as the answer.
ASKS_FOR_THE_PHONE = re.compile(r"(打|拨)(哪个|什么|啥|几号)电话|电话(号码)?(是)?(多少|几号|是啥|是什么)|"
                                r"(投诉|监督|咨询)电话(是|在)?(多少|哪|啥|什么)?[?？]*$|(哪个|什么|啥)号码")
NO_PHONE = re.compile(r"不留|不想留|不方便|不用回访|不需要回访|不要回访|不给|没有手机|跳过|算了|"
                      r"^(不需要|不要|不用|不必|没有|没|无|不)[了吧啊。！!]*$")


class ReviewForm(FormSpec):
    name = "review_form"
    what = "评价"
    free_text_slots = ("review_subject", "review_comment")
    slots = ("review_subject", "review_level", "review_comment", "review_phone")

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue

    def required(self, state: Dict[str, Any]) -> List[str]:
        needed = ["review_subject", "review_level", "review_comment"]
        if state.get("review_level") in NEGATIVE_LEVELS and not state.get("known_phone"):
            needed.append("review_phone")
        return needed

    def prompt(self, slot: str, state: Dict[str, Any]) -> Message:
        if slot == "review_subject":
            buttons = []
            if state.get("matter") and self.catalogue.has_matter(state["matter"]):
                name = self.catalogue.matter(state["matter"]).name
                buttons.append((name, name))
            buttons.append(("不指定", "跳过"))
            return Message("感谢您愿意评价！您要评价的是哪项业务或哪个窗口？（可以跳过）", buttons)
        if slot == "review_level":
            return Message("请选择您的评价：", [(level, level) for level in REVIEW_LEVELS])
        if slot == "review_comment":
            # The level read from "服务挺好的" is said back, so a citizen who meant 非常满意 can say so.
            level = f"您的评价：{state['review_level']}。" if state.get("review_level") else ""
            return Message(level + "还有想说的吗？可以写几句意见或建议，没有请点“跳过”。", [("跳过", "跳过")])
        if slot == "review_phone":
            # The level read from "俺要给差评" is said back here too: it may be the first question asked.
            level = f"您的评价：{state['review_level']}。" if state.get("review_level") else ""
            return Message(level + "很抱歉没让您满意。经办机构会在1个工作日内安排专人回访核实，请留下您的手机号码（11位）；"
                           f"不想留可以回复“不留”。要投诉也可以直接拨打濮阳县医保监督电话 {SUPERVISION_PHONE}。")
        raise KeyError(slot)

    def check(self, slot: str, text: str, state: Dict[str, Any]) -> Checked:
        if slot == "review_comment":
            return check_note(text)  # kept as typed
        text = plain(text)
        if slot == "review_subject":
            if any(text.startswith(w) for w in SKIP_WORDS) or text == "不指定":
                return Checked("")
            return Checked(text[:100])
        if slot == "review_level":
            return self._check_level(text)
        if slot == "review_comment":
            return check_note(text)
        if slot == "review_phone":
            if NO_PHONE.search(text):
                return Checked("")  # stored without a phone: nobody can call back, and the citizen is told
            return check_phone(text)
        raise KeyError(slot)

    def cancels(self, slot: str, text: str) -> bool:
        # Asked for a phone, "算了"/"不用" decline the phone, not the review.
        if slot == "review_phone":
            return bool(re.search(r"取消评价|不评了|不评价了|撤回", plain(text)))
        return super().cancels(slot, text)

    def interrupt(self, slot: str, text: str, state: Dict[str, Any]) -> Optional[Step]:
        # "非常不满意" typed when the subject is asked: the level, with no subject;
        # "72号窗口的服务，不太满意": both.
        said = plain(text)
        if ASKS_FOR_THE_PHONE.search(said) and not re.search(r"\d{5,}", said):
            # the slot asked is cleared: it does not keep the question as its answer
            return Step({slot: None}, [Message(f"濮阳县医保监督电话：{SUPERVISION_PHONE}，投诉、咨询都可以拨打。")])
        if asks_about_reviews(said):  # answered, and the same step asked again
            return Step({slot: None}, [rules_of_reviews(self.catalogue, reviewing=True)])
        if slot == "review_comment":  # "非常满意" typed after "您的评价：满意。": the level, corrected
            level = LEVEL_ONLY.match(said)
            return Step({"review_level": level.group(1), "review_comment": None}) if level else None
        if slot == "review_phone" and not re.search(r"\d", said) and not NO_PHONE.search(said):
            level = LEVEL_ONLY.match(said)
            if level:
                return Step({"review_level": level.group(1)})
            if len(said) >= 4:  # "窗口人员态度很差" where the phone is asked: the complaint, kept
                comment = "；".join(c for c in (state.get("review_comment"), text.strip()) if c)
                return Step({"review_comment": comment[:200]},
                            [Message("已把这句记进您的意见。")])
        if slot == "review_subject" and (len(said) <= 8 or LEVEL_SAID.search(said)):
            level = self._check_level(said)
            if level.ok:
                window = WINDOW_NAMED.search(said)
                comment = {"review_comment": text.strip()[:200]} if self.says_more_than_the_level(said) else {}
                return Step({"review_subject": window.group(0) if window else "", "review_level": level.value,
                             **comment})
        if slot == "review_level" and self.says_more_than_the_level(said):
            level = self._check_level(said)
            if level.ok:  # the level, and the rest of what was said as the comment, not asked again
                return Step({"review_level": level.value, "review_comment": text.strip()[:200]})
        return None

    @staticmethod
    def says_more_than_the_level(text: str) -> bool:
        """"不满意，排队等了一个多小时没人管": a comment beside the level (kept as the comment)."""
        rest = WINDOW_NAMED.sub("", plain(text))
        rest = re.sub(r"非常|很|特别|太|十分|不太|不是很|基本|满意|差评|好评|一般|还行|我对|俺对|对|的|服务|评价|给个?|"
                      r"打个?|我要|俺要|想|了|[\s，,。.！!？?]", "", rest)
        return len(rest) >= 4

    @staticmethod
    def _check_level(text: str) -> Checked:
        text = text.replace("好差评", "")  # the name of the scheme, not a level
        # "不太满意", "不是很满意" are 不满意, though they contain "满意" and "很满意".
        if LESS_THAN_SATISFIED.search(text):
            return Checked("非常不满意" if VERY_DISSATISFIED.search(text) else "不满意")
        if NEUTRAL.search(text):  # "满意度一般", "基本上满意", "不好不坏"
            return Checked("基本满意")
        # Longest first: "非常不满意" contains "不满意" and "满意".
        for level in sorted(REVIEW_LEVELS, key=len, reverse=True):
            if level in text:
                return Checked(level)
        for words, level in (("很满意|非常好|特别好|太好了|很好很好", "非常满意"), ("太差|很差|极差|非常差", "非常不满意"),
                             ("差评|不好|差劲|不行", "不满意"), ("还行|一般|凑合|还可以", "基本满意"),
                             ("好评|挺好|不错|很好", "满意")):
            if any(w in text for w in words.split("|")):
                return Checked(level)
        return Checked(error="请从五个等级中选一个：" + "、".join(REVIEW_LEVELS) + "。")

    def stored_message(self, review: Review, phone_from_filing: bool = False) -> Message:
        notes = SourceNotes(self.catalogue)
        for src in REVIEW_SOURCE:
            notes.add(src)
        if not review.negative:
            return Message(f"已记录您的评价（{review.level}），谢谢您！还有其他问题可以随时问我。")
        due = review.callback_due
        weekday = "一二三四五六日"[due.weekday()]
        lines = [f"已记录您的评价（{review.level}，属于差评），会转给承办业务的经办机构。"]
        if review.phone:
            lines.append(f"按规定，经办机构应当在1个工作日内安排专人回访核实：最迟 {due.year}年{due.month}月{due.day}日"
                         f"（星期{weekday}）会有工作人员联系您（手机 {mask_phone(review.phone)}"
                         + ("，即您预约时留的号码" if phone_from_filing else "") + "）。")
        else:
            lines.append(f"您没有留手机号，经办机构无法回访您；需要跟进可拨打濮阳县医保监督电话 {SUPERVISION_PHONE}。")
        if review.callback_due_basis != "chinese_calendar":
            lines.append("（该日期按周末推算，未计入当年法定节假日调整，以经办机构通知为准。）")
        lines.append(notes.line())
        return Message("\n".join(lines))
