"""What the filing and review forms share: one answer at a time, checked, with a way out.

A form asks for its slots in order. Each answer is checked; a bad one gets a message saying
what is wrong and the same question again, and everything already given is kept. "算了/取消"
ends the form at any step without storing anything; three bad answers to the same question
end it with the phone number instead. Plain Python: actions/forms.py wires it into Rasa.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence

from bot.answers import SUPERVISION_PHONE
from bot.dialogue import Message
from bot.validators import Checked, is_cancel, is_whole_cancel

MAX_TRIES = 3
OUTCOME = "form_outcome"      # "cancelled" | "gave_up" while a form is ending, else None
FAILURES = "form_failures"    # bad answers to the question being asked


class FormSpec:
    """The questions of one form. Subclasses say which slots, how to ask and how to check."""
    name = ""
    slots: Sequence[str] = ()
    what = ""  # "预约登记" / "评价": named when the form is cancelled
    free_text_slots: Sequence[str] = ()  # answers that may say anything, "取消" included

    def required(self, state: Dict[str, Any]) -> List[str]:
        return list(self.slots)

    def prompt(self, slot: str, state: Dict[str, Any]) -> Message:
        raise NotImplementedError

    def check(self, slot: str, text: str, state: Dict[str, Any]) -> Checked:
        raise NotImplementedError

    def extra_updates(self, slot: str, value: str, state: Dict[str, Any]) -> Dict[str, Any]:
        """Other slots an accepted answer changes (e.g. "修改" clears the answers)."""
        return {}

    def cancels(self, slot: str, text: str) -> bool:
        """Whether this answer ends the form: a cancel word, or for a free-text answer nothing but one."""
        return is_whole_cancel(text) if slot in self.free_text_slots else is_cancel(text)

    def interrupt(self, slot: str, text: str, state: Dict[str, Any]) -> Optional["Step"]:
        """What to do with a message that is not an answer to `slot` but changes the form
        ("不对，我要办的是住院报销"), or None to check it as the answer."""
        return None


@dataclass
class Step:
    updates: Dict[str, Any]
    messages: List[Message] = field(default_factory=list)


def take_answer(spec: FormSpec, slot: str, text: str, state: Dict[str, Any]) -> Step:
    """The citizen's answer to `slot`: accepted, refused with a reason, or the form ends."""
    if spec.cancels(slot, text):
        return Step({slot: None, OUTCOME: "cancelled"})
    interruption = spec.interrupt(slot, text, state)
    if interruption is not None:
        return interruption
    checked = spec.check(slot, text, state)
    if checked.ok:
        updates = {slot: checked.value, FAILURES: None}
        updates.update(spec.extra_updates(slot, checked.value, {**state, slot: checked.value}))
        return Step(updates)
    failures = int(state.get(FAILURES) or 0) + 1
    if failures >= MAX_TRIES:
        return Step({slot: None, FAILURES: None, OUTCOME: "gave_up"}, [Message(checked.error)])
    return Step({slot: None, FAILURES: float(failures)},
                [Message(checked.error + "（回复“取消”可退出）")])


def missing(spec: FormSpec, state: Dict[str, Any]) -> Optional[str]:
    """The next slot to ask for, or None when the form is complete or ending."""
    if state.get(OUTCOME):
        return None
    return next((s for s in spec.required(state) if state.get(s) is None), None)


def ending_message(spec: FormSpec, outcome: str) -> Message:
    if outcome == "cancelled":
        return Message(f"好的，已取消本次{spec.what}，刚才填写的信息没有保存。还有别的问题可以随时问我。")
    return Message(f"几次输入都没有通过核对，{spec.what}先到这里，已填写的信息没有保存。"
                   f"您可以拨打濮阳县医保监督电话 {SUPERVISION_PHONE} 咨询，或直接到窗口办理。")


def cleared(spec: FormSpec) -> Dict[str, Any]:
    """Slot updates that forget a finished form."""
    return {**{s: None for s in spec.slots}, OUTCOME: None, FAILURES: None}
