"""The simple filing (预约/预登记): which questions, how each answer is checked, the
read-back before saving and what the citizen is told once it is stored.

The filing is for the 濮阳县 window: the materials and the place told at the end are the
濮阳县 guide's, filtered by the person type, exactly as a question about the matter would be.
"""
from __future__ import annotations

import json
import re
from typing import Any, Dict, List, Optional

from bot import vocabulary
from bot.answers import SUPERVISION_PHONE, SourceNotes, material_lines, township_side_text, where_lines
from bot.catalogue import PERSON_TYPE_PARENT, Catalogue, Matter
from bot.dialogue import (HOSPITAL_MATTERS, MENU_MATTERS, SWITCH_SCORE, WORKERS_ONLY, Conversation, Message,
                          Understanding, person_group)
from bot.forms import FAILURES, FormSpec, Step
from bot.records import Filing
from bot.vocabulary import SIDE_NAMES
from bot.validators import (ID_NUMBER_IN_TEXT, MOBILE_IN_TEXT, Checked, check_id_number, check_name, check_note,
                            check_phone, is_yes, mask_id_number, mask_phone, plain, wants_edit)

SKIP_BUTTON = ("没有备注", "没有")
ANSWER_SLOTS = ("filing_name", "filing_id_number", "filing_phone", "filing_note")
SIDE_BUTTONS = [("国道以东", "国道以东"), ("国道以西", "国道以西"), ("不清楚", "不清楚")]
# "俺想预约登记一下", "俺要预约登记 俺叫赵建国": the booking and who books, not a matter's 登记
BOOKING_WORDS = re.compile(r"预约登记|预登记|预约|登记一下|(帮|给)(我|俺)登记|(我|俺)叫\S{2,4}")
# "不对，我要办的是住院报销" / "身份证号输错了": a correction in the middle of the form.
CORRECTION = re.compile("不对|不是|错了|写错|输错|填错|打错|搞错|弄错|改成|换成|改为|改一下|应该是|我要办的是|我要预约的是|"
                        "修改|^改|重填|重新填")
NO_TOWNSHIP = "未说乡镇"  # the side of 106国道 was given instead
SIDE_PAYLOAD = re.compile(r'"road_side"\s*:\s*"(east|west|unknown)"')
SIDE_WORDS = re.compile(r"(国道|路)(以|的)?(东|西)|^(在|住)?(东|西)(边|面|侧)")


def side_said(text: str) -> Optional[str]:
    """east/west/unknown from an answer about the side of 106国道: words, or a button's payload."""
    pressed = SIDE_PAYLOAD.search(text)
    if pressed:
        return pressed.group(1)
    if vocabulary.NOT_SURE.search(text):
        return "unknown"
    return vocabulary.road_side(plain(text)) if SIDE_WORDS.search(plain(text)) else None


# "取消修改", "不改了": back to the read-back, nothing cancelled
KEEP_AS_IS = re.compile(r"取消修改|不修改|不改了|不用改|不要改|不需要改|没啥要改|没什么要改|就这样")
DENIED_PERSON_TYPE = re.compile(r"(不是|不算|并非|没有?|不)(在)?(城镇|在职)?(职工|居民|单位|灵活就业|上班|工作)(人员)?的?")
# A corrected value sent with the correction ("身份证号输错了，应该是1101…"): taken at once.
NEW_VALUE = {"filing_id_number": re.compile(r"[0-9０-９]{17}[0-9XxＸｘ]"), "filing_phone": re.compile(r"1[3-9][0-9]{9}")}
# Several personal details typed in one message ("我叫王秀英 身份证号4109…", "陈磊，身份证4109…"):
# a long run of digits is meant as the 身份证号, 11 digits from 1 as the phone, and what is left,
# once the labels are taken out, as the name.
DETAIL_LABELS = re.compile(r"(身份证号?码?|证件号码?|手机号?码?|电话号?码?|联系电话|联系方式)(是|为|[:：])?")
PERSONAL = ("filing_name", "filing_id_number", "filing_phone")
ASKED_BEFORE_DETAILS = ("filing_matter", "filing_person_type", "filing_township", "filing_road_side")
NAME_SAID = re.compile(r"叫|名字|姓名")
# Answers already given that a correction may name, with how it names them. The personal
# details are looked for before another matter ("身份证号输错了" is not 参保信息变更), the
# person type and the township after it ("我要办的是城乡居民参保" is not a person type).
DETAILS = (("filing_id_number", "身份证号", "身份证"), ("filing_phone", "手机号", "手机|电话"),
           ("filing_name", "姓名", "名字|姓名"))
CIRCUMSTANCES = (("filing_person_type", "人员类别", "职工|居民|灵活就业|类别"), ("filing_township", "乡镇", "乡镇"))
# "俺叫李红霞", "我的名字是王秀兰": a name the applicant introduces, alone or with other words.
SELF_INTRODUCED = re.compile(r"(?:我|俺|本人|申请人)的?(?:(?:名字|姓名)(?:叫|是|[:：])?|叫)\s*([\u4e00-\u9fff·]{2,4})"
                             r"(?=$|[\s，,。.;；、!！]|身份证|手机|电话)")
# A bare name typed where the matter, person type or township is asked ("王秀兰"): two or three
# characters, the first a common surname that is no common first character of a word about a
# matter or a question.
SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
               "吕丁任沈姚卢姜崔钟谭陆汪范贾夏韦付邹孟熊秦邱尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫孔"
               "汤樊葛邢齐乔伍庞颜倪庄聂鲁岳翟殷詹耿焦俞柳祝舒阮柯纪梅童凌裴霍涂苗谷翁冉骆蓝靳柴鲍喻祁滕"
               "饶牟艾穆卓缪褚娄窦戚岑宫卜晏卫柏瞿桂佟臧闵苟邬卞姬仇栾隋刁巫寇桑郎甄丛仲虞敖巩佘邝")
NOT_IN_A_NAME = re.compile(r"[医保报销费办证院卡病药险诊疗号窗口吗呢啥么哪多几吧了的是不要想能会可转]")


def without_details(text: str) -> str:
    """The message less the personal details and their labels: what may name a matter."""
    rest = ID_NUMBER_IN_TEXT.sub(" ", MOBILE_IN_TEXT.sub(" ", plain(text)))
    return SELF_INTRODUCED.sub(" ", DETAIL_LABELS.sub(" ", rest)).strip()


class FilingForm(FormSpec):
    name = "filing_form"
    what = "预约登记"
    free_text_slots = ("filing_note",)
    slots = ("filing_matter", "filing_person_type", "filing_township", "filing_road_side", "filing_name",
             "filing_id_number", "filing_phone", "filing_note", "filing_confirm")

    def __init__(self, catalogue: Catalogue, conversation: Optional[Conversation] = None):
        self.catalogue = catalogue
        self.conversation = conversation or Conversation(catalogue)

    # --- which questions --------------------------------------------------------------

    def person_types(self, matter: Matter) -> List[str]:
        """The person types the 濮阳县 guide tells apart for this matter (none: not asked)."""
        variant = matter.variant()
        found: List[str] = []
        for entry in [*variant.where, *variant.materials]:
            for person_type in entry.for_:
                if person_type not in found:
                    found.append(person_type)
        return found if len(found) > 1 else []

    def required(self, state: Dict[str, Any]) -> List[str]:
        needed = ["filing_matter"]
        matter = self._matter(state)
        if matter is not None:
            if self.person_types(matter):
                needed.append("filing_person_type")
            # 106国道 rule: the township says which hospital residents go to.
            if matter.id in HOSPITAL_MATTERS and state.get("filing_person_type") in (None, "城乡居民"):
                needed.append("filing_township")
                # A township the road crosses, or whose side is not known: the home's side decides.
                if self._township_side(state) is None and state.get("filing_township"):
                    needed.append("filing_road_side")
        return needed + ["filing_name", "filing_id_number", "filing_phone", "filing_note", "filing_confirm"]

    def _township_side(self, state: Dict[str, Any]) -> Optional[str]:
        township = self.catalogue.township(state.get("filing_township") or "")
        return township.side if township and township.side in SIDE_NAMES else None

    def _matter(self, state: Dict[str, Any]) -> Optional[Matter]:
        matter_id = state.get("filing_matter")
        return self.catalogue.matter(matter_id) if matter_id and self.catalogue.has_matter(matter_id) else None

    # --- asking -------------------------------------------------------------------------

    def prompt(self, slot: str, state: Dict[str, Any]) -> Message:
        matter = self._matter(state)
        if slot == "filing_matter":
            # What the last message says of a matter, less the booking, details and corrections in it
            # ("哦打错了 是4109…" is about the ID number, not a matter)
            said = CORRECTION.sub("，", without_details(BOOKING_WORDS.sub("，", state.get("last_text") or "")))
            _, candidates = self.conversation.matter_named(said)
            if candidates:
                return Message("您要预约的是下面哪一项？", [
                    (self.catalogue.matter(c.matter_id).name, self.catalogue.matter(c.matter_id).name)
                    for c in candidates[:3]])
            # What a booking takes, less what is already given, so the citizen can have it ready.
            to_give = ["办理的业务"] + [label for field, label in (("filing_name", "申请人姓名"),
                                       ("filing_id_number", "身份证号"), ("filing_phone", "手机号"))
                                       if not state.get(field)]
            return Message(f"预约登记要填：{'、'.join(to_give)}。"
                           "您要预约办理哪项业务？可以直接说业务名称，比如“城乡居民参保登记”，或点下面的常见业务：",
                           [(self.catalogue.matter(m).name, self.catalogue.matter(m).name) for m in MENU_MATTERS])
        if slot == "filing_person_type":
            options = self.person_types(matter)
            return Message(f"办理“{matter.name}”，请问申请人是？", [(o, o) for o in options])
        if slot == "filing_township":
            return Message("请问申请人住在哪个乡镇？（用于按106国道确定就医医院）")
        if slot == "filing_road_side":
            township = self.catalogue.township(state["filing_township"])
            known = township_side_text(township) if township else ""
            return Message(known + "请问申请人家住在106国道以东还是以西？（城乡居民按这个确定去哪家医院）", SIDE_BUTTONS)
        if slot == "filing_name":
            return Message(self._caution(matter, state) + f"好的，预约办理“{matter.name}”。请输入申请人姓名（与身份证一致）。")
        if slot == "filing_id_number":
            return Message("请输入申请人的18位身份证号码。")
        if slot == "filing_phone":
            return Message("请输入联系手机号（11位），方便工作人员联系您。")
        if slot == "filing_note":
            return Message("还有需要说明的吗？可以写一句备注，没有请点“没有备注”。", [SKIP_BUTTON])
        if slot == "filing_confirm":
            return self.read_back(state)
        raise KeyError(slot)

    @staticmethod
    def _caution(matter: Matter, state: Dict[str, Any]) -> str:
        """A resident filing for a workers-only matter (生育津贴) is told its 服务对象 first."""
        person_type = state.get("filing_person_type") or state.get("person_type")
        serves = matter.variant().serves
        if matter.id in WORKERS_ONLY and person_group(person_type) == "居民" and serves:
            return (f"注意：指南写明“{matter.name}”的服务对象是：{serves.text}。您是城乡居民，这项可能不适用，"
                    f"可以先拨打濮阳县医保监督电话 {SUPERVISION_PHONE} 确认；仍要预约请继续填写。\n")
        return ""

    def read_back(self, state: Dict[str, Any]) -> Message:
        matter = self._matter(state)
        lines = ["请核对预约信息：", f"办理业务：{matter.name}"]
        if state.get("filing_person_type"):
            lines.append(f"人员类别：{state['filing_person_type']}")
        if state.get("filing_township"):
            side = SIDE_NAMES.get(state.get("filing_road_side") or "")
            township = "未说明" if state["filing_township"] == NO_TOWNSHIP else state["filing_township"]
            lines.append(f"所在乡镇：{township}" + (f"（家在{side}）" if side else ""))
        lines += [f"申请人：{state['filing_name']}",
                  f"身份证号：{mask_id_number(state['filing_id_number'])}",
                  f"手机号：{mask_phone(state['filing_phone'])}"]
        if state.get("filing_note"):
            lines.append(f"备注：{state['filing_note']}")
        lines.append("信息无误请点“确认提交”；要改请点“修改”（只改一项可以说“改手机号”）；不办了请点“取消”。")
        return Message("\n".join(lines), [("确认提交", "确认提交"), ("修改", "修改"), ("取消", "取消")])

    # --- checking -----------------------------------------------------------------------

    def check(self, slot: str, text: str, state: Dict[str, Any]) -> Checked:
        if slot == "filing_matter":
            return self._check_matter(text)
        if slot == "filing_person_type":
            return self._check_person_type(text, state)
        if slot == "filing_township":
            township = self.conversation.township_in(Understanding("inform", plain(text)))
            if township is None:
                return Checked(error="没有找到这个乡镇，请输入濮阳县的乡镇名称，比如“文留镇”；"
                                     "不知道乡镇名，可以回答家在106国道以东还是以西。")
            return Checked(township.name)
        if slot == "filing_road_side":
            side = side_said(text)
            return Checked(side) if side else Checked(error="请回答“国道以东”或“国道以西”；不清楚请点“不清楚”。")
        if slot == "filing_name":
            return check_name(text)
        if slot == "filing_id_number":
            return check_id_number(text)
        if slot == "filing_phone":
            return check_phone(text)
        if slot == "filing_note":
            return check_note(text)
        if slot == "filing_confirm":
            if is_yes(text):
                return Checked("yes")
            if wants_edit(text):
                return Checked("edit")
            return Checked(error="请点“确认提交”保存预约，点“修改”重新填写，或点“取消”放弃。")
        raise KeyError(slot)

    def _check_matter(self, text: str) -> Checked:
        if self.catalogue.has_matter(text):  # filled from the conversation or a button
            return Checked(text)
        matter, candidates = self.conversation.matter_named(text)
        if matter is not None:
            return Checked(matter.id)
        if candidates:
            return Checked(error="您说的可能是几项业务中的一项。")
        return Checked(error="没有找到这项业务，请换个说法，比如“门诊费用报销”“城乡居民参保登记”。")

    def _check_person_type(self, text: str, state: Dict[str, Any]) -> Checked:
        matter = self._matter(state)
        if matter is None:  # "我想预约 我是职工": who one is waits for the matter (extra_updates)
            return Checked(error="请先说要预约办理哪项业务。")
        options = self.person_types(matter)
        said = DENIED_PERSON_TYPE.sub("", text)  # "我不是职工，是种地的", "没上班，在家务农"
        value = text if text in options else vocabulary.person_type(said)
        if value not in options and PERSON_TYPE_PARENT.get(value) in options:
            return Checked(PERSON_TYPE_PARENT[value])  # 在职职工/灵活就业 when 城镇职工 is asked
        if value in options:
            return Checked(value)
        # 在职职工/灵活就业人员 are 城镇职工: accept the broader or narrower word if listed.
        for option in options:
            if value and (value in option or option in value):
                return Checked(option)
        return Checked(error="请选择申请人类别：" + "、".join(options) + "。")

    def extra_updates(self, slot: str, value: str, state: Dict[str, Any]) -> Dict[str, Any]:
        if slot != "filing_confirm" and state.get("filing_before_edit"):
            return {"filing_before_edit": None, **self.extra_updates(slot, value, {**state, "filing_before_edit": None})}
        if slot == "filing_confirm" and value == "edit":
            # "修改": ask the personal details again; the matter stays.
            return {"filing_confirm": None, **{s: None for s in ANSWER_SLOTS}}
        if slot == "filing_matter":
            # The person type said in the conversation ("我想预约 我是职工") holds for the new matter
            # if the matter tells person types apart; it is not asked again.
            said = state.get("person_type")
            fits = self._check_person_type(said, {**state, "filing_matter": value}) if said else None
            person_type = fits.value if fits is not None and fits.ok else None
            if value in HOSPITAL_MATTERS and state.get("filing_township"):
                return {"filing_person_type": person_type}  # 慢特病认定 ↔ 转诊: the same township and side
            return {"filing_person_type": person_type, "filing_township": None, "filing_road_side": None}
        if slot == "filing_township":
            return {"filing_road_side": None}
        if slot == "filing_person_type" and value:
            return {"person_type": value}  # who the applicant is holds after the filing too
        return {}

    def cancels(self, slot: str, text: str) -> bool:
        return not KEEP_AS_IS.search(plain(text)) and super().cancels(slot, text)

    def interrupt(self, slot: str, text: str, state: Dict[str, Any]) -> Optional[Step]:
        """A correction in the middle of the form: another matter, or an answer given before.
        Not in the note, where "身份证换成新的了" or "上次住院报销材料带错了" are what is noted."""
        if slot == "filing_confirm" and (is_yes(text) or KEEP_AS_IS.search(plain(text))):
            return None if is_yes(text) else Step({slot: None, FAILURES: None}, [Message("好的，不修改。")])
        if slot == "filing_township" and self.conversation.township_in(Understanding("inform", plain(text))) is None:
            side = side_said(text)
            if side:  # "国道东边", "不清楚", or the 106国道 button pressed: the side decides without a township
                return Step({slot: NO_TOWNSHIP, "filing_road_side": None if side == "unknown" else side,
                             FAILURES: None})
        before = json.loads(state.get("filing_before_edit") or "{}")
        if before.get("field") == slot and (KEEP_AS_IS.search(plain(text)) or is_yes(text)):
            # "取消修改" after "改姓名": the answer given before, back to the read-back
            label = next(label for field, label, _ in (*DETAILS, *CIRCUMSTANCES) if field == slot)
            return Step({slot: before.get("value"), "filing_before_edit": None, FAILURES: None},
                        [Message(f"好的，不修改，{label}保留原来的。")])
        if slot in PERSONAL:
            found = self.details_in(text, slot)
            if found:  # "我叫王秀英 身份证号4109…" where the name is asked: each taken and checked
                return self.take_details(found, state)
        found = self.details_in(text, None) if slot in ASKED_BEFORE_DETAILS else {}
        if slot == "filing_matter" and is_yes(text):  # "确认" before any matter is chosen: no 认定 guessed
            return Step({slot: None}, [Message("还没有选要预约的业务。")])
        if slot in ASKED_BEFORE_DETAILS and not found and self._bare_name(text, slot, state):
            found = {"filing_name": plain(text).strip(" ，。,.")}
        if found:
            # "预约办异地长期居住人员备案 我叫李建国 身份证4109…" where the matter is asked, "城乡居民 我叫…"
            # where the person type is: all of it
            rest = without_details(text)
            answer = self.check(slot, rest, state) if rest else None
            details = self.take_details(found, state)
            if answer is not None and answer.ok:
                return Step({slot: answer.value, **self.extra_updates(slot, answer.value, state), **details.updates},
                            details.messages)
            # "王秀兰", "4109…" typed before the question asked is answered: each kept (or its fault
            # told), not counted as a wrong answer, and the question asked again
            return Step({slot: None, **details.updates}, details.messages)
        if slot in ("filing_matter", "filing_note") or not CORRECTION.search(text):
            return None
        step = self._ask_again(DETAILS, slot, text, state)
        if step is not None:
            return step
        other = self._other_matter(text, state)
        if other is not None:
            updates = {"filing_matter": other.id, slot: None, FAILURES: None, "filing_confirm": None,
                       **self.extra_updates("filing_matter", other.id, state)}
            # The applicant is the same person: a person type the new matter also tells apart is kept.
            if state.get("filing_person_type") in self.person_types(other):
                updates["filing_person_type"] = state["filing_person_type"]
            caution = self._caution(other, {**state, **updates})
            return Step(updates, [Message(caution + f"好的，改为预约“{other.name}”，已填写的信息保留。")])
        township = self.conversation.township_in(Understanding("inform", plain(text)))
        if township is not None and state.get("filing_township") and township.name != state["filing_township"]:
            return Step({"filing_township": township.name, "filing_road_side": None, slot: None,
                         FAILURES: None, "filing_confirm": None}, [Message(f"好的，所在乡镇改为{township.name}。")])
        step = self._ask_again(CIRCUMSTANCES, slot, text, state)
        if step is None and slot == "filing_confirm" and wants_edit(text):
            # "修改" alone: the personal details again, the matter stays; say what is cleared
            step = Step({"filing_confirm": None, FAILURES: None, **{s: None for s in ANSWER_SLOTS}},
                        [Message("好的，请重新填写姓名、身份证号、手机号和备注（只改一项可以说“改手机号”“改姓名”）。")])
        return step

    def details_in(self, text: str, asked: Optional[str]) -> Dict[str, str]:
        """The personal details a message holds, as typed, when it holds one that was not asked
        for (a name, an ID number and a phone all in one message); otherwise empty."""
        said = plain(text)
        found: Dict[str, str] = {}
        id_run = ID_NUMBER_IN_TEXT.search(said)
        phone = MOBILE_IN_TEXT.search(said)
        if id_run and not (phone and phone.group(0) == id_run.group(0)):
            found["filing_id_number"] = id_run.group(0)
            said = said.replace(id_run.group(0), " ")
        if phone:
            found["filing_phone"] = phone.group(0)
            said = said.replace(phone.group(0), " ")
        if not found:  # "俺想预约 俺叫李红霞": a name introduced alone counts where it was not asked
            introduced = SELF_INTRODUCED.search(said)
            return {"filing_name": introduced.group(1)} if introduced and asked != "filing_name" else {}
        if set(found) == {asked}:
            return {}
        rest = DETAIL_LABELS.sub(" ", said).strip(" ，,。.;；、")
        rest = re.split(r"[\s，,。;；、]+", rest)
        named = [part for part in rest if NAME_SAID.search(part)] or (rest[:1] if asked == "filing_name" else [])
        if named and named[0]:
            found["filing_name"] = named[0]
        return found

    def take_details(self, found: Dict[str, str], state: Dict[str, Any]) -> Step:
        """Each detail checked as its own answer would be: the good ones kept (and said back,
        masked), each bad one explained; the form then asks for whatever is still missing."""
        if not found:
            return Step({})
        updates: Dict[str, Any] = {}
        kept, errors = [], []
        for field, label, _ in sorted(DETAILS, key=lambda d: PERSONAL.index(d[0])):
            if field not in found:
                continue
            checked = self.check(field, found[field], state)
            if checked.ok:
                updates[field] = checked.value
                shown = {"filing_id_number": mask_id_number, "filing_phone": mask_phone}.get(field, str)
                kept.append(f"{label} {shown(checked.value)}")
            else:
                updates[field] = None
                errors.append(checked.error)
        messages = [Message("已记下：" + "，".join(kept) + "。")] if kept else []
        messages += [Message(error) for error in errors]
        updates[FAILURES] = None if kept else float(int(state.get(FAILURES) or 0) + 1)
        return Step(updates, messages)

    def _bare_name(self, text: str, slot: str, state: Dict[str, Any]) -> bool:
        """Whether a message typed where something before the details is asked is a name alone,
        and no answer to that question (nor a matter)."""
        said = plain(text).strip(" ，。,.")
        if not re.fullmatch(r"[\u4e00-\u9fff]{2,3}", said) or said[0] not in SURNAMES or NOT_IN_A_NAME.search(said):
            return False
        if self.check(slot, said, state).ok or self.conversation.township_in(Understanding("inform", said)):
            return False
        matter, candidates = self.conversation.matter_named(said)
        return matter is None and not candidates and check_name(said).ok

    def _ask_again(self, fields, slot: str, text: str, state: Dict[str, Any]) -> Optional[Step]:
        for field, label, words in fields:
            if field != slot and state.get(field) and re.search(words, text):
                value = NEW_VALUE[field].search(plain(text)) if field in NEW_VALUE else None
                checked = self.check(field, value.group(0), state) if value else None
                if field == "filing_person_type":  # "不对，我是职工"
                    checked = self._check_person_type(text, state)
                if checked is not None and checked.ok:
                    return Step({field: checked.value, slot: None, FAILURES: None, "filing_confirm": None},
                                [Message(f"好的，{label}已改正。")])
                # Asked again now, as the first missing answer; the question being asked comes after.
                # What it was is kept, for "取消修改".
                return Step({field: None, slot: None, FAILURES: None, "filing_confirm": None,
                             **self.extra_updates(field, "", state),
                             "filing_before_edit": json.dumps({"field": field, "value": state.get(field)},
                                                              ensure_ascii=False)},
                            [Message(f"好的，请重新填写{label}（不改了请回复“取消修改”）。")])
        return None

    def _other_matter(self, text: str, state: Dict[str, Any]) -> Optional[Matter]:
        """The matter a correction clearly names, when it is not the one being filed."""
        matches = self.conversation.matcher.match(plain(text))
        if not matches or matches[0].score < SWITCH_SCORE:
            return None
        matter, _ = self.conversation.matter_named(text, matches)
        return matter if matter is not None and matter.id != state.get("filing_matter") else None

    # --- stored -------------------------------------------------------------------------

    def stored_message(self, filing: Filing) -> Message:
        matter = self.catalogue.matter(filing.matter_id)
        variant = matter.variant()
        notes = SourceNotes(self.catalogue)
        township = self.catalogue.township(filing.township) if filing.township else None
        side = township.side if township and township.side in SIDE_NAMES else None
        told_side = filing.road_side if side is None and filing.road_side in SIDE_NAMES else None
        places = where_lines(self.catalogue, variant, filing.person_type, notes, side=side or told_side)
        materials = material_lines(variant, filing.person_type, notes)
        lines = [f"预约登记已提交，编号 {filing.reference}（请记下，查询时发送“查进度 {filing.reference}”）。",
                 f"办理业务：{matter.name}"]
        if places:
            lines.append("办理地点：" + "；".join(places))
            if township and any(p == "hospital_by_106" for e in variant.where for p in e.places):
                # which hospital rests on the township's side; where the road crosses it or its side
                # is not known, the citizen's own side decides
                if told_side:
                    lines.append(township_side_text(township) + f"按您所说，家在{SIDE_NAMES[told_side]}。")
                else:
                    lines.append(township_side_text(township) + ("" if side else "请按您家在106国道以东还是以西选择"
                                                                 f"上面的医院；不确定可拨打 {SUPERVISION_PHONE} 咨询。"))
        if materials:
            lines.append("请带齐以下材料（一次性告知）：\n  " + "\n  ".join(materials))
        for fact in variant.notes:  # as the materials answer tells them: 专用章, which diseases when …
            if fact.applies_to(filing.person_type):
                notes.add(fact.src)
                lines.append(f"注意：{fact.text}")
        if variant.time_limit:
            notes.add(variant.time_limit.src)
            lines.append(f"办理时限：{variant.time_limit.text}")
        lines.append(f"如有疑问请拨打濮阳县医保监督电话 {SUPERVISION_PHONE}。")
        lines.append(notes.line())
        return Message("\n".join(lines), [("评价本次服务", "/give_review")])
