"""Everyday words for person types, sides of 106国道 and regions, folded to the
catalogue's values. The NLU extracts the words; these turn them into values."""
from __future__ import annotations

import re
from typing import Optional, Tuple

from bot.matcher import fold

# Words that alone name no single matter (报销 → the 报销 matters): a matter span of only one of
# them is a `matter_word` to the NLU (bot/matter_spans.py) and narrows the matters to the dialogue.
GENERIC_WORDS = frozenset({"报销", "备案", "结算", "医保", "定点", "认定", "登记", "参保", "变更"})
# What comes right before the words of something denied ("不是城乡居民，是职工").
NEGATED = re.compile(r"(不是|不算|并非|而非)(个|那个|这个)?$")


def denial_before(text: str, start: int) -> Optional["re.Match[str]"]:
    """The denial right before the words at `start`, read from the four characters before them;
    "是不是门诊报销…" asks and denies nothing."""
    negation = NEGATED.search(text[max(0, start - 4):start])
    return None if negation and text[:start - len(negation.group(0))].endswith("是") else negation
# Order matters: the first pattern that matches wins (灵活就业 before 职工).
PERSON_TYPE_PATTERNS: Tuple[Tuple[str, str], ...] = (
    (r"灵活就业|个体|自由职业|打零工|自己交职工", "灵活就业人员"),
    (r"在职", "在职职工"),
    (r"城镇职工|职工|上班|单位上|公司上|退休", "城镇职工"),
    (r"居民|城乡|农村|新农合|农合|合作医疗|农民|学生|没工作|无业|种地|务农|庄稼|没有?(工作)?单位|无单位", "城乡居民"),
    (r"单位|公司|企业|用人单位|厂", "单位"),
    (r"医院|药店|药房|诊所|卫生院|医药机构|医疗机构", "医药机构"),
)
SIDE_PATTERNS = ((r"东", "east"), (r"西", "west"))
REGION_PATTERNS = (
    (r"平顶山", "pingdingshan"),
    (r"河南|省里|省级|全省|省上|2024", "henan2024"),
    (r"濮阳", "puyang"),
    (r"通用|国家|全国", "generic"),
)
# "转诊到省里看病", "去平顶山住院": where one goes for treatment, not whose guide is asked.
TREATMENT_PLACE = re.compile(r"(到|去|往|转)(河南)?(省里|省城|省会|省上|平顶山|河南省?)")
# "省里的规定", "全省统一吗": the province's rules, though "河南" alone is often where one is from.
PROVINCE_RULES = re.compile(r"省里|省级|全省|省上|河南省的规定|省的规定|(省|河南)(20\d\d)?(年)?版|2024(年)?版")
# "我在公司上班", "单位职工", "单位派过去的", "单位给交的职工医保": an employee of the company,
# not the company itself.
WORKS_FOR_EMPLOYER = re.compile(r"(单位|公司|企业|厂子?)里?(上班|工作|打工)|(单位|公司|企业|厂)里?的?(职工|员工|工人)|"
                                r"(单位|公司)(派|给交|给缴|给俺交|给我交)|(单位|公司)(给)?(交|缴)的(职工)?医保|"
                                r"(?<![没无])(单位|公司|厂里?)(给)?(俺|我)?(交|缴)(的|嘞|哩|$)(?!居民)|"  # "单位交的"
                                r"进了?(个|家)?(厂|公司|单位)")  # "我刚进了个厂": employed now
# A child being enrolled ("想给娃办个医保") is enrolled as a 城乡居民: no child is an employee.
CHILD = re.compile("娃|孩子|小孩|宝宝|婴儿|新生儿|刚出生|刚生|满月|孙子|孙女|外孙|学生")
SIDE_NAMES = {"east": "106国道以东", "west": "106国道以西"}
# Words that say which aspect is asked or where the asker lives — not which matter.
# (Person types stay: 职工/城乡居民/单位 tell 职工参保登记 from 城乡居民参保登记.)
# Removed before a whole message is matched against the matters.
NOT_MATTER_WORDS = re.compile(
    "材料|证件|带|窗口|几号|地方|地址|多久|几天|多长|时间|时限|流程|步骤|手续|网上|手机|小程序|线上|"
    "收费|要钱|花钱|电话|投诉|依据|文件|编码|条件|资格|哪些人|谁能|医院|哪家|那|呢|"
    "平顶山市|平顶山|河南省|河南|省里|濮阳县|濮阳|106国道|国道|以东|以西|东边|西边|路东|路西|"
    "哪一?边|哪一?侧|哪一?面|东侧|西侧|东面|西面|两边|还是|"
    "到账|什么时候|啥时候|时候|盖章|现场|当天|当场|规定|预约|办理|乡|镇")


def without_context_words(text: str, extra_names=()) -> str:
    """The message with aspect, region and place words taken out."""
    folded = fold(text)
    for name in sorted(extra_names, key=len, reverse=True):
        folded = folded.replace(name, "")
    return NOT_MATTER_WORDS.sub("", folded)


def _first(patterns, text: Optional[str]) -> Optional[str]:
    if not text:
        return None
    folded = fold(text)
    for pattern, value in patterns:
        if re.search(pattern, folded):
            return value
    return None


def without_person_words(text: str) -> str:
    """The text with the words that say who asks taken out ("我是灵活就业的" -> "我是的")."""
    for pattern, _ in PERSON_TYPE_PATTERNS:
        text = re.sub(pattern, "", text)
    return text


def person_type(text: Optional[str]) -> Optional[str]:
    return _first(PERSON_TYPE_PATTERNS, text)


def road_side(text: Optional[str]) -> Optional[str]:
    if text in SIDE_NAMES:
        return text
    return _first(SIDE_PATTERNS, text)


# "河南医保"小程序 and 河南省医疗保障公共服务平台 are where things are done, not whose rules apply.
PLATFORM_NAMES = re.compile(r"河南医保(小程序|app|APP|App)?|河南省?医疗保障公共服务平台|国家医保(服务平台|app|APP|App)?|"
                            r"国家医疗保障局")


def region(text: Optional[str]) -> Optional[str]:
    return _first(REGION_PATTERNS, PLATFORM_NAMES.sub("", text) if text else text)


NOT_SURE = re.compile(r"不清楚|不知道|不确定|不晓得|说不准|说不清|分不清|不好说|弄不清|搞不清")
# A township name that is also an everyday word, used as the word: 郎中 is a doctor.
PLACE_NAME_AS_WORD = re.compile(r"的郎中|郎中(说|让|给|开|叫|讲|看|建议)")


def names_puyang(text: str) -> bool:
    return "濮阳" in (text or "")
