"""Checks what a citizen types into a filing: name, 身份证号, mobile phone, and a note.

Each check returns a Checked: the clean value, or a message in Chinese saying exactly what
is wrong, so the form can ask again without losing anything already given.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Optional

from stdnum.cn import ric
from stdnum.exceptions import InvalidComponent

# Words that end a form at any step ("算了/取消").
CANCEL = re.compile(r"算了|取消|不办了|不弄了|不用了|不要了|不想办|退出|不填了|不约了|不预约了|停止")
SKIP = re.compile(r"^(没有|没|无|不用|不需要|跳过|略|没了|没啥|没什么|不用了?备注|没有备注|无备注|不要备注|没有了|不写了?|不填)"
                  r"[了啊呀吧。.！!]*$")
# In a free-text answer (a note, a comment) only a message that is nothing but a cancel word
# cancels: "想取消排队直接办理" is a note, "算了，说了也没用" is a comment.
WHOLE_CANCEL = re.compile(r"^(算了|取消|不办了|不弄了|不要了|不想办了?|退出|不填了|不约了|不预约了|停止|不评了|不评价了)"
                          r"[吧了啊呀。.！!]*$")
YES = re.compile(r"^(确认|确定|提交|确认提交|是|是的|对|对的|好|好的|可以|没问题|行|没错|嗯|嗯嗯|ok|OK|yes)[了啊呀吧。.！!]*$")
QUESTION_WORDS = re.compile(r"吗|呢|什么|怎么|咋|哪|多少|几个|吧|啊|可以|能不能|办理|医保|报销|预约|材料|带啥|"
                            r"窗口|医院|人工|客服|职工|居民|单位|灵活就业|申请人")
# A side of 106国道 given where a name is asked ("国道以东", "路西"); 王国道 and 刘路东 are names.
SIDE_ANSWER = re.compile(r"^(在|住)?(106)?(国道|路)?(以|的)?(东|西)(边|面|侧|头)?(的)?$|国道(以|的)?(东|西)")
# "我妈叫王秀英", "申请人是张三": the name is what follows.
RELATIVES = (r"妈妈|爸爸|奶奶|爷爷|姥姥|姥爷|老伴|媳妇|老婆|老公|爱人|儿子|闺女|女儿|孩子|孙子|孙女|父亲|母亲|"
             r"妈|娘|爹|爸|他|她")
NAME_INTRO = re.compile(rf"^((我|俺)?(的)?({RELATIVES})(的)?(名字|姓名)?(叫|是|[:：])?|(我|俺)(的)?(名字|姓名)?(叫|是|[:：])|"
                        r"(名字|姓名)(叫|是|[:：])?|(患者|病人|申请人|本人)(的)?(名字|姓名)?(叫|是|[:：])?)")
# Said where the name is asked, but not a name
NOT_A_NAME = re.compile(r"你好|知道|不清楚|不确定|不晓得|等一下|等等|稍等|自己|本人|同上|谢谢|评价|预约|不用|没有|算了|好的|修改|不改|提交|确认|就这样")
EDIT = re.compile(r"修改|重填|重新填|改一下|填错|不对")


# An ID number or a mobile number typed inside a sentence ("哦 输错了 是4109…", "我叫王秀英 身份证号4109…");
# an O or X typed among the ID number's digits still counts, and is then explained.
ID_NUMBER_IN_TEXT = re.compile(r"(?<![0-9])[0-9][0-9OoXx×]{13,19}(?![0-9])")
MOBILE_IN_TEXT = re.compile(r"(?<![0-9])1[0-9]{10}(?![0-9])")


@dataclass
class Checked:
    value: Optional[str] = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.value is not None


def plain(text: str) -> str:
    """Full-width digits and letters to half-width, surrounding blanks removed."""
    return unicodedata.normalize("NFKC", text or "").strip()


def check_id_number(text: str) -> Checked:
    """A mainland 居民身份证号码: 18 characters, a real birth date, the right check digit."""
    number = re.sub(r"[\s\-_]", "", plain(text)).upper()
    number = re.sub(r"^(身份证号?码?|证件号码?|号码)(是|为|:)?", "", number)  # "身份证号1101…"
    typed = ID_NUMBER_IN_TEXT.findall(number)
    if len(typed) == 1 and not re.fullmatch(r"[0-9X]+", number) and not re.search(r"[0-9A-Z]", number.replace(typed[0], "")):
        number = typed[0]  # "哦 输错了 是4109…": the number in the sentence
    if not number:
        return Checked(error="没有收到身份证号，请输入18位身份证号码。")
    if not re.fullmatch(r"[0-9X]+", number):
        return Checked(error="身份证号只能包含数字，最后一位可以是X，请重新输入。")
    if len(number) != 18:
        return Checked(error=f"身份证号应为18位，您输入的是{len(number)}位，请核对后重新输入。")
    if not number[:17].isdigit():
        return Checked(error="身份证号前17位应全是数字，只有最后一位可以是X，请核对后重新输入。")
    # Birth date and check digit; the birth-place code is not checked, since an older
    # county code may be missing from the library's list while the card is still valid.
    try:
        born = ric.get_birth_date(number)
    except InvalidComponent:
        born = None
    if born is None or not date(1900, 1, 1) <= born <= date.today():
        return Checked(error="身份证号中的出生日期（第7到14位）不是有效日期，请核对后重新输入。")
    if number[-1] != ric.calc_check_digit(number):
        return Checked(error="身份证号最后一位校验码对不上（可能有一位输错了），请核对后重新输入。")
    return Checked(number)


def check_phone(text: str) -> Checked:
    """A mainland mobile number: 11 digits starting 1[3-9] (a +86 prefix is accepted)."""
    number = re.sub(r"[\s\-()（）]", "", plain(text))
    number = re.sub(r"^(手机号?码?|电话号?码?|联系电话|号码)(是|为|:)?", "", number)  # "电话1393…"
    typed = MOBILE_IN_TEXT.findall(number)
    if len(typed) == 1 and not number.isdigit() and not re.search(r"[0-9A-Za-z]", number.replace(typed[0], "")):
        number = typed[0]  # "换了 新号是1393…": the number in the sentence
    number = re.sub(r"^(\+?86)(?=1\d{10}$)", "", number)
    if not number:
        return Checked(error="没有收到手机号，请输入11位手机号码。")
    if not number.isdigit():
        return Checked(error="手机号只能是数字，请输入11位手机号码。")
    if len(number) != 11:
        return Checked(error=f"手机号应为11位，您输入的是{len(number)}位，请核对后重新输入。")
    if not re.fullmatch(r"1[3-9]\d{9}", number):
        return Checked(error="这不像是手机号（应以13–19开头），请核对后重新输入。")
    return Checked(number)


def check_name(text: str) -> Checked:
    """The applicant's name as on the ID card: 2–30 characters, no digits."""
    name = plain(text).strip(" ，。,.")
    if NOT_A_NAME.search(name):
        return Checked(error="请输入申请人的姓名（与身份证一致），比如“王秀兰”。")
    name = NAME_INTRO.sub("", name, count=1).strip(" ，。,.")
    if not name:
        return Checked(error="请输入申请人的姓名。")
    if re.search(r"\d", name):
        return Checked(error="姓名里不应有数字，请输入申请人的姓名（与身份证一致）。")
    if not re.fullmatch(r"[\u3400-\u9fffA-Za-z·•.\s]{2,30}", name):
        return Checked(error="请输入2到30个字的姓名（汉字或字母，与身份证一致）。")
    # A question or a sentence typed here is not a name (names with · may be long).
    if QUESTION_WORDS.search(name) or SIDE_ANSWER.search(name) or (
            re.fullmatch(r"[\u3400-\u9fff]+", name) and len(name) > 6):
        return Checked(error="这看起来不像姓名。请输入申请人姓名（与身份证一致）。")
    return Checked(name)


def check_note(text: str, limit: int = 200) -> Checked:
    """An optional note: "没有/跳过" means none."""
    note = (text or "").strip()  # kept as typed (full-width punctuation too)
    if SKIP.match(plain(note)) or re.match(r"^(没有|没|无)了?[，,。.\s]*(谢谢|谢了)", plain(note)):
        return Checked("")
    if len(plain(note)) <= 8 and is_yes(note):  # "对 没错 确认": nothing to add, the details are right
        return Checked("")
    if len(note) > limit:
        return Checked(error=f"备注最多{limit}个字，请精简后重新输入，或回复“跳过”。")
    return Checked(note)


def is_cancel(text: str) -> bool:
    return bool(CANCEL.search(plain(text)))


def is_whole_cancel(text: str) -> bool:
    return bool(WHOLE_CANCEL.match(plain(text)))


# "确认无误", "嗯，提交吧", "好的，确认": a yes in other words, unless it says no.
YES_WORDS = re.compile(r"确认|提交|无误|没问题|都对|正确|没毛病|没错|就这样|妥了|没啥要改|没什么要改|"
                       r"^((嗯|好|行|对|中|可以)[的了啊吧\s,，。!！]*)+$")
# "不用改了" and "没有错" say yes; take them out before looking for a no
SAYS_NO_CHANGE = re.compile(r"不(要|用|需要|必)?(再)?(修)?改了?|没(有)?(啥|什么)?(要改的?|错|问题|毛病)了?|不用(修改)?了?")
NOT_YES = re.compile(r"不(确认|提交|对|正确)|别|先不|不要|有问题|有错|错了|改|取消")


def is_yes(text: str) -> bool:
    text = plain(text)
    if YES.match(text):
        return True
    said = SAYS_NO_CHANGE.sub("", text)
    return bool(YES_WORDS.search(text) or (said != text and re.search(r"提交|确认|好|行|可以", said))) \
        and not NOT_YES.search(said)


def wants_edit(text: str) -> bool:
    return bool(EDIT.search(plain(text)))


def mask_id_number(number: str) -> str:
    """4101**********1234: enough to recognise, not enough to misuse."""
    return number[:4] + "*" * (len(number) - 8) + number[-4:] if len(number) > 8 else "*" * len(number)


def mask_phone(number: str) -> str:
    return number[:3] + "****" + number[-4:] if len(number) == 11 else "*" * len(number)
