"""The 好差评 review: which matter or window (optional), one of the five levels, an optional
comment, and for a 差评 a phone number for the callback within 1 working day.

The levels and the callback rule are seed 000 item 1 section 八（二）（三）.
"""
from __future__ import annotations

from typing import Any, Dict, List

from bot.answers import SourceNotes
from bot.catalogue import Catalogue
from bot.dialogue import Message
from bot.forms import FormSpec
from bot.records import NEGATIVE_LEVELS, REVIEW_LEVELS, Review
from bot.validators import Checked, check_note, check_phone, mask_phone, plain

REVIEW_SOURCE = ("000/1/八（二）", "000/1/八（三）")
CALLBACK_WORKING_DAYS = 1
SKIP_WORDS = ("跳过", "不用", "没有", "无", "不说了", "不写了")


class ReviewForm(FormSpec):
    name = "review_form"
    what = "评价"
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
            return Message("还有想说的吗？可以写几句意见或建议，没有请点“跳过”。", [("跳过", "跳过")])
        if slot == "review_phone":
            return Message("很抱歉没让您满意。经办机构会在1个工作日内安排专人回访核实，请留下您的手机号码（11位）。")
        raise KeyError(slot)

    def check(self, slot: str, text: str, state: Dict[str, Any]) -> Checked:
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
            return check_phone(text)
        raise KeyError(slot)

    @staticmethod
    def _check_level(text: str) -> Checked:
        # Longest first: "非常不满意" contains "不满意" and "满意".
        for level in sorted(REVIEW_LEVELS, key=len, reverse=True):
            if level in text:
                return Checked(level)
        for words, level in (("很满意", "非常满意"), ("太差|很差|极差|非常差", "非常不满意"),
                             ("差评|不好|差劲|不行", "不满意"), ("还行|一般|凑合|还可以", "基本满意"),
                             ("好评|挺好|不错|很好", "满意")):
            if any(w in text for w in words.split("|")):
                return Checked(level)
        return Checked(error="请从五个等级中选一个：" + "、".join(REVIEW_LEVELS) + "。")

    def stored_message(self, review: Review) -> Message:
        notes = SourceNotes(self.catalogue)
        for src in REVIEW_SOURCE:
            notes.add(src)
        if not review.negative:
            return Message(f"已记录您的评价（{review.level}），谢谢您！还有其他问题可以随时问我。")
        due = review.callback_due
        weekday = "一二三四五六日"[due.weekday()]
        lines = [f"已记录您的评价（{review.level}，属于差评），会转给承办业务的经办机构。",
                 f"按规定，经办机构应当在1个工作日内安排专人回访核实：最迟 {due.year}年{due.month}月{due.day}日"
                 f"（星期{weekday}）会有工作人员联系您（手机 {mask_phone(review.phone or '')}）。"]
        if review.callback_due_basis != "chinese_calendar":
            lines.append("（该日期按周末推算，未计入当年法定节假日调整，以经办机构通知为准。）")
        lines.append(notes.line())
        return Message("\n".join(lines))
