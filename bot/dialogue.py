"""The conversation: what to say next, given what the NLU understood and what is remembered.

Plain Python, no Rasa: the actions pass in the intent, the entities and the slots, and get
back the messages and the slots to set. What is remembered — the matter, the person type,
the township, the side of 106国道, the region, the aspect last answered and a question
waiting for a clarification — lets "那要带什么？" follow "门诊报销去哪办".
"""
from __future__ import annotations

import json
import re
from difflib import SequenceMatcher
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Set, Tuple

from bot import vocabulary
from bot.answers import (SUPERVISION_PHONE, SourceNotes, fees_in_general, guide_name, office_answer, online_lines,
                         online_variant, side_note, township_side_text, where_lines, window_matters)
from bot.aspects import aspect_answer, place_notes
from bot.catalogue import Catalogue, Fact, Matter, Township
from bot.details import DetailFinder, fact_words
from bot.matcher import CLEAR_LEAD, MIN_SCORE, Candidate, MatterMatcher, content, fold, resolve

INTENT_ASPECTS = {
    "ask_where": "where", "ask_materials": "materials", "ask_time_limit": "time_limit",
    "ask_process": "process", "ask_eligibility": "eligibility", "ask_online": "online",
    "ask_fee": "fee", "ask_contact": "contact", "ask_legal_basis": "legal_basis",
    "ask_matter": "general", "ask_hospital": "hospital",
}
# Aspects whose answer differs by person type: asked before answering.
PERSON_DEPENDENT = ("where", "materials", "hospital")
# "69号窗口办啥" asks what a window handles, not where a matter is handled.
WINDOW_QUESTION = re.compile(r"(6[89]|7[0-4])号?窗口.{0,4}(办啥|办什么|干啥|干什么|管啥|管什么|负责|能办|是办|办哪|呢[?？]?$)"
                             r"|^(?:那)?(6[89]|7[0-4])(?:号|号窗口|窗口|呢|号呢|号窗口呢|窗口呢)[?？]?$")
# Only window numbers, perhaps with "办啥"/"呢": what each of them handles.
WINDOWS_ONLY = re.compile(r"^(?:那|那么)?(?:(?:6[89]|7[0-4])(?:号窗口|号|窗口)?[\s、,，和跟及]*)+"
                          r"(?:都|分别|各)?(?:办啥|办什么|干啥|干什么|管啥|管什么|负责啥|办哪些|呢)?[?？]*$")
WORKER_TYPES = ("城镇职工", "在职职工", "灵活就业人员")
# Matters kept apart by person type in the 濮阳县 guide: the other group's own matter.
COUNTERPARTS = {("employee_info_change", "居民"): "resident_info_change",
                ("resident_info_change", "职工"): "employee_info_change",
                ("employee_enrollment", "居民"): "resident_enrollment",
                ("resident_enrollment", "职工"): "employee_enrollment",
                # a 城乡居民 has no 单位 to register: "办医保" first read as 单位参保登记
                ("unit_enrollment", "居民"): "resident_enrollment",
                ("unit_info_change", "居民"): "resident_info_change"}
# Matters whose 服务对象 are 职工 only (生育保险, 个人账户, 转移接续, 异地安置 of retired 职工).
WORKERS_ONLY = ("prenatal_checkup_payment", "maternity_medical_payment", "family_planning_payment",
                "maternity_allowance", "transfer_continuation", "retiree_relocation_filing",
                "personal_account_withdrawal")


def name_typed(matters: Sequence[Matter], text: str) -> Optional[Matter]:
    """Of these matters, the one whose whole name the text holds (the longest, as 计划生育医疗费支付
    holds 生育医疗费支付), if any."""
    typed = [m for m in matters if fold(m.name) in fold(text)]
    return max(typed, key=lambda m: len(m.name)) if typed else None


def name_part_typed(matters: Sequence[Matter], text: str) -> Optional[Matter]:
    """Of the matters just offered, the only one whose name holds all the text says ("住院的"
    under 生育医疗费支付/住院费用报销/门诊费用报销 is 住院费用报销)."""
    words = content(text)
    if len(words) < 2:
        return None
    holding = [m for m in matters if words in fold(m.name)]
    return holding[0] if len(holding) == 1 else None


def names_group(name: str, person_type: Optional[str]) -> bool:
    """Whether a matter's name names the person type's group (职工参保登记 for 灵活就业人员);
    a 医药机构 has no such group."""
    group = person_group(person_type)
    return group is not None and group in name


def person_group(person_type: Optional[str]) -> Optional[str]:
    """The word a guide's 服务对象 uses for this person type: 居民, 职工 or 单位."""
    if person_type == "城乡居民":
        return "居民"
    if person_type in WORKER_TYPES:
        return "职工"
    return "单位" if person_type == "单位" else None


# Words denied though the NLU tagged nothing there: "门诊" in "说错了 是住院不是门诊" ("是不是" asks).
DENIED_WORDS = re.compile(r"(?<!是)(不是|并非|而非)(个|那个|这个)?[\u4e00-\u9fff]{1,6}?(?=[，,。！!？?、\s]|是|$)")
# After a first question, a message without a matter entity stays on the remembered matter
# unless its words name another one this clearly (matcher score; "门诊报销" scores 73,
# stray words such as "到账" or "单位盖章" under 20).
SWITCH_SCORE = 25.0
# Below this a matter span fits no matter's words ("放假回家去" scores 4; "门诊", "备案" alone score 12–20).
STRAY_SPAN_SCORE = 8.0
# An out-of-scope reading is overruled only by a message that names a matter outright (an alias
# in it scores 40 and up; "门诊一年最多报多少钱" scores less).
COVERED_SCORE = 40.0
# The whole message outweighs the matter of a span when it scores this many times higher.
OUTWEIGHS = 1.8
# A side of 106国道 named in a question about a township is a guess to check, not a fact.
# "俺是…", "我是…", "本人…": the clause tells the asker's own circumstances.
SAYS_SELF = re.compile(r"(我|俺|咱|本人)(是|在|就是|属于|算)?$|(我|俺|本人)(是|属于)")


RELATIVE = re.compile(r"儿子|闺女|女儿|老公|老婆|媳妇|爱人|丈夫|妻子|孩子|娃|爹|娘|爸|妈|老伴|孙子|孙女|家里人|亲戚")


def _clause_before(text: str, start: int) -> str:
    """The words of the clause up to an entity: "俺是" in "俺儿子在厂里上班，俺是农村的老头"."""
    return re.split(r"[，,。.！!？?；;\s]", text[:start])[-1]


WHEN_TO_APPLY = re.compile(r"(啥时候|什么时候|几月份?|哪个月份?|哪月份?|何时|几号)都?(集中)?(能|可以|才能|开始)?(申请|报名|办理?|交|申报|提交|报(?!销)|受理)|"
                           r"(受理|申请|申报)(时间|日期)|几号(之|以)?前|"
                           r"多久(以|之)?内|期限|截止|过期|有没有时间限制|有时间限制|超过.{0,6}还能|(时间|日子)(都|已经)?过了|"
                           r"过了.{0,6}(时候|时间|日子)|"
                           r"(只能|只有|就|每年)?\d{1,2}月.{0,8}(才能|才可以|能|可以)?(申请|报名|申报|办)|"
                           r"(现在|这会儿?|今天|眼下)(就)?(能|可以)(去)?(申请|报名|申报|办|交)")
# Using the 医保电子凭证 itself (activating it, adding family, showing the code): no guide says how,
# though many name it among the materials ("要带电子凭证吗" is a materials question).
ABOUT_E_VOUCHER = re.compile(r"(电子凭证|医保码|电子医保卡|电子社保卡).{0,6}(激活|申领|领取|开通|绑定|解绑|添加|怎么用|咋用|"
                             r"如何使用|怎么弄|咋弄|怎么开|咋开|怎么申请|亮码|扫码|出不来|用不了)|"
                             r"(激活|申领|开通|绑定|领取|添加)(医保)?(电子凭证|医保码|电子医保卡|电子社保卡)")
# How much is paid back: no guide says (no ratio, threshold or ceiling in any of them).
ASKS_AMOUNT = re.compile(r"比例|几成|百分之|起付|封顶|最高(能)?报|报销?多少(?!天|日|时间|工作日)|额度|"
                         r"(给|补|领|发|退|返)(多少|几)(?!天|日|时间|工作日|个工作日)")
# The aspects a message asks, by its words: two or more get the whole card.
ASKED_ASPECTS = (("where", re.compile(r"去哪|在哪|哪里|哪儿|几号窗口|哪个窗口|上哪|搁哪|窗口|地址|地点|(交|送|报|递)到?哪|往哪(交|送|递)|"
                                       r"哪(能|可以)开")),
                 ("materials", re.compile(r"带啥|带什么|材料|要啥|啥证|什么证|哪些东西|拿啥|准备(啥|什么|哪些)|开(个)?(啥|什么)(证明|单子)?$|(哪个|什么|啥|哪张)表|填表|表格")),
                 # not "前几天…", "住了几天保温箱": when something happened, or for how long
                 # "交上去咋一直没信儿": waiting for the result asks how long it takes
                 ("time_limit", re.compile(r"多久|多长时间|(?<![前了这那过])几天|多少天|时限|"
                                           r"(一直|还|咋|怎么)没(有)?(信儿?|消息|动静|回音|音信|结果|批下来|到账)|"
                                           r"(当天|当场|立马|马上)(就)?(能|可以)?(办好|办完|办结|拿到|拿|出来|好)")),
                 ("online", re.compile(r"(网上|手机上|线上)(能|可以|办)|^网上|网上办|网办|在线办")),
                 ("fee", re.compile(r"收费|收钱|要钱吗|要不要钱|多少钱|花钱不|要钱不")))
ASPECT_INTENTS = {aspect: intent for intent, aspect in INTENT_ASPECTS.items()}
# "确定吗 别让俺白跑": whether the answer can be relied on before a trip
WANTS_CONFIRMATION = re.compile(r"确定吗|确定不|准不准|准吗|靠谱吗|靠谱不|没错吧|对吗|对不对|白跑|跑冤枉路|别弄错")
# "按哪个算": which guide's figure counts, asked of the aspect just answered
WHICH_COUNTS = re.compile(r"按哪个|算哪个|以哪个为准|哪个为准|哪个准|听哪个|按谁的|到底是?哪个|哪个对")
# Keywords a hotline agent types after a matter ("转移接续 材料"): each names one aspect.
# An address being changed ("改个单位地址", "地址变了") is what the matter changes, not a where question.
CHANGED_ADDRESS = re.compile(r"(改|换|变更?|迁)[个了一下的]{0,3}[^，,。？?！!\s]{0,4}地址|地址[也都]?(变|改|换|迁)")
KEYWORD_ASPECTS = ASKED_ASPECTS + (("process", re.compile(r"流程|步骤|程序")), ("legal_basis", re.compile(r"依据|编码")),
                                   ("contact", re.compile(r"电话")), ("eligibility", re.compile(r"条件|服务对象")))


def aspect_intent_asked(text: str) -> Optional[str]:
    """The question intent the keywords of a message ask ("窗口 时限" asks two: the whole card)."""
    asked = [aspect for aspect, words in ASKED_ASPECTS if words.search(text)]
    if not asked:
        return None
    return ASPECT_INTENTS[asked[0]] if len(asked) == 1 else "ask_matter"


# Words that say where or how, not what: what is left of "濮阳县窗口办要带啥" once they and the
# asked aspect are gone is nothing.
WHERE_AND_DOING = re.compile(r"濮阳县?|县里|河南省?|省里|平顶山|大厅|现场|办理?|弄|那|这|直接|去|到")


def only_an_aspect_asked(text: str) -> Optional[str]:
    """The question intent of a message that asks an aspect and names nothing else
    ("濮阳县窗口办要带啥"; not "社保卡补办去哪")."""
    rest = content(text)
    for _, words in ASKED_ASPECTS:
        rest = words.sub("", rest)
    return aspect_intent_asked(text) if len(WHERE_AND_DOING.sub("", rest)) <= 2 else None


CLAUSE_BREAK = re.compile(r"[，,。！!？?；;\s]+")


def closing_clause(text: str) -> str:
    """The last clause of a message ("搁哪办" of "…说还能走医疗救助 搁哪办")."""
    return CLAUSE_BREAK.split(text.strip(" ，,。！!？?"))[-1]


# "那没卡了 去报销还能用啥证": which proof of identity is asked; the materials that are one
ASKS_PROOF_OF_IDENTITY = re.compile(r"(啥|什么|哪个|哪种)证(件)?|身份证|社保卡|医保卡|电子凭证|没(有)?卡|卡(丢|掉|坏|没)")
PROOF_OF_IDENTITY = re.compile(r"身份证|电子凭证|社保卡|社会保障卡")
# A follow-up that points at the county itself ("那现场去办要多久"): back to the 濮阳县 guide
POINTS_TO_COUNTY = re.compile(r"现场|窗口|县里|本地|这边|咱这|咱们这|俺这|俺们这")
COMPLAINT = re.compile(r"投诉|举报|不满意|态度(不好|差)")
# Between two matter spans asked about together: "门诊报销和住院报销", "门诊、住院".
JOINS = re.compile(r"\s*(和|跟|与|及|以及|还有|、|,|，|或者?|同)\s*$")
# Offices citizens ask the way to, most specific first, and the places (knowledge/places.yml) they mean.
OFFICE_NAMES = ((re.compile(r"医疗服务部"), ("medical_service_dept",)),
                (re.compile(r"(医疗)?费用审核部|审核部"), ("cost_review_dept",)),
                (re.compile(r"待遇保障局?股?|保障局股"), ("benefits_section",)),
                (re.compile(r"(行政|政务)?服务大厅|办事大厅|政务大厅|(哪个|哪一?个|什么|啥)大厅"), ("hall",)),
                (re.compile(r"医保中心|医疗保障中心"), ("medical_service_dept", "cost_review_dept")))
ASKS_LOCATION = re.compile(r"在哪|在什么地方|在啥地方|哪里|哪儿|地址|怎么走|咋走|几楼|哪个楼|哪栋|位置|具体地方")
# The facility a 定点 question is about, and its own matters (the 濮阳县 guide keeps 医疗机构 and
# 零售药店 apart for 申请定点 and 费用结算).
FACILITIES = ((re.compile(r"医院|诊所|卫生院|卫生室|门诊部|医疗机构"), ("hospital_designation", "hospital_settlement")),
              (re.compile(r"药店|药房|零售药店|大药房"), ("pharmacy_designation", "pharmacy_settlement")))
FACILITY_MATTERS = {m for _, ids in FACILITIES for m in ids}
TREATED_AT = re.compile(r"(在|去|到)[^，,。？?！!\s]{0,6}(医院|卫生院|诊所|卫生室|门诊部)(住院|住了|看病|看的|住的|拿药|开药|生)")
INSTITUTIONS = re.compile(r"诊所|卫生院|卫生室|门诊部|医疗机构|药店|药房")


def facility_named(text: str) -> Optional[Tuple[str, str]]:
    """The (designation, settlement) matters of the one kind of facility a message names, if one."""
    text = TREATED_AT.sub("", text)  # "在乡镇卫生院住院的钱": where one was treated, not who asks
    named = [ids for words, ids in FACILITIES if words.search(text)]
    if len(named) > 1:  # "俺诊所隔壁还有个药房…药房也想弄个定点": the kind the closing clause names
        last = [ids for words, ids in FACILITIES if words.search(closing_clause(text))]
        named = last if len(last) == 1 else named
    return named[0] if len(named) == 1 else None


def may_not_apply(matter: Matter, person_type: Optional[str]) -> bool:
    """A 职工-only matter asked by a 城乡居民: the answer says it may not apply to them."""
    return matter.id in WORKERS_ONLY and person_group(person_type) == "居民"


def about_childs_own_scheme(text: str) -> bool:
    """"那孩子的医保还用单独去办吗": the child's own 医保, not a bill for the child or giving birth."""
    return bool(vocabulary.CHILD.search(fold(text)) and CHILDS_OWN_SCHEME.search(text) and not ABOUT_A_BILL.search(text))


def facility_of(matter_id: Optional[str]) -> Optional[Tuple[str, str]]:
    """The (designation, settlement) matters of the facility kind a matter is about, if one
    ("每个月费用咋结算" after 零售药店申请定点 is the pharmacy's settlement)."""
    return next((ids for _, ids in FACILITIES if matter_id in ids), None)


def counterpart(matter_id: str, ids: Tuple[str, str]) -> Optional[str]:
    """The matter of this facility kind built like one of the other kind's (designation for
    designation, settlement for settlement); None for a matter of no other facility kind."""
    for _, other in FACILITIES:
        if matter_id in other and other != ids:
            return ids[other.index(matter_id)]
    return None


# A child's own 医保 ("那孩子的医保还用单独去办吗"), not a bill for the child ("孩子住院能报不").
CHILDS_OWN_SCHEME = re.compile(r"的(医保|医疗保险)|(办|上|入|参|交)(个)?(城乡居民|居民)?(医保|医疗保险)|参保")
ABOUT_A_BILL = re.compile(r"报|住院|门诊|看病|药|费|津贴")
INITIALS = re.compile(r"^[a-zA-Z]{2,8}$")  # pinyin initials typed alone ("mzbx" for 门诊报销)
PAYS_BACK = re.compile("报销|支付")  # in a matter's name: money paid back or paid out
# Asking to be paid back, and the enrolments such a question may mention in passing
ASKS_REIMBURSEMENT = re.compile(r"报销|能报|报不|咋报|哪报|怎么报|能不能报|给报")
ASKS_TO_RECEIVE = re.compile(r"能领|领不|能拿|拿不|取出来|能取|取不")  # "听说能领个补助金？", "家里人能取出来不"
ENROLMENTS = ("employee_enrollment", "unit_enrollment", "resident_enrollment")
# Words asking to change or to look up what is on record, and the word in the names of the
# matters that do it
ASKED_ACTIONS = ((re.compile(r"改|换|变更|更正|错了|不对|迁"), "变更"), (re.compile(r"(?<!检)查(?!体|不到|不着|无)"), "查询"))
CHANGES_PHONE_ON_RECORD = re.compile(r"(改|换|变更|更正|更新).{0,10}(电话|手机号|号码)|(电话|手机号|号码).{0,6}(改|换|变更|更正|更新)")
# A filing already done ("备过案了") beside a settlement that failed ("还是结算不了", "让全自费")
FILING_DONE = re.compile(r"(已经|都)?(备过案|备了案|备案了|备案过|(办|做)(了|过)备案)")
LIVING_ELSEWHERE_FILINGS = ("retiree_relocation_filing", "long_term_residence_filing", "posted_worker_filing")
RESIDENCE_NOT_MOVED = re.compile(r"(户口|户籍)[^，,。？?]{0,4}(没|没有|未|不)(迁|转|落|动)|(户口|户籍)[^，,。？?]{0,4}还(在|是)")
RESIDENCE_MOVED = re.compile(r"(户口|户籍)[^，,。？?]{0,4}(迁|转|落)(过去|到|走|入|了)")
RETIRED = re.compile(r"退休|退了休|退下来")
POSTED = re.compile(r"派|出差|上班|工作")
SENT_BY_EMPLOYER = re.compile(r"(单位|公司|厂里?|领导)[^，,。？?]{0,3}(派|调|外派)|派驻|外派|常驻")
COORDINATION = "cross_region_settlement_coordination"  # 异地就医直接结算问题协调服务
SETTLEMENT_FAILED = re.compile(r"结算不了|不能(直接)?结算|没法结算|结不了算|结算不成|刷不了|不能刷|全自费|全部自费")
# "不属于职工基本医疗保险参保范围的城乡居民": a group a 服务对象 names only to leave out
NOT_OF_GROUP = re.compile(r"不属于[^，,。；;的]*的?")
# The scheme one is insured under, not a matter; SCHEME_ONLY: a span that is nothing else.
SCHEME_WORDS = re.compile(r"(城乡居民|城镇职工|城镇居民|职工|居民)(基本)?(医保|医疗保险)|新农合|(农村)?合作医疗")
SCHEME_ONLY = re.compile(rf"^(?:{SCHEME_WORDS.pattern}|农合)$")
INSURED_BY = re.compile(r"(是|(交|参加|参|上|办|用)(的|嘞|哩))$")
INSURED_UNDER = re.compile(rf"{INSURED_BY.pattern[:-1]}(?:{SCHEME_WORDS.pattern})")
EMPLOYEES_SCHEME = re.compile(r"(交|缴|上|参加|是)(的|嘞|哩)?(城镇)?职工(医保|医疗保险)")  # "俺是单位嘞 交嘞职工医保"
# Words just before a scheme name that make joining it what is asked ("给俩娃办城乡居民医保").
ENROLS_IN = re.compile(r"(办|上|交|缴|参加|参|买|入|续)个?$")
# Joining a scheme outright ("想在咱县参加居民医保", "辞职回村了 想交居民医保"; not "改交居民医保",
# which may be said in passing).
JOINS_SCHEME = re.compile(r"(参加|加入|参|想交|要交|想参加|要参加|入个?|上个|办个)$")
# …or just after it, in the same clause ("城乡居民医保啥时候能报名"; not "…城乡居民医保 回来咋报").
ENROLS_AFTER = re.compile(r"^[^，,。？?！!\s报]{0,6}?(报名|参保|登记|交(?![了过着的])|缴|办|买|续)")


def joins_the_scheme(scheme: "re.Match") -> bool:
    """A scheme's name with joining words just before it ("想交居民医保", "参加职工医保")."""
    return bool(JOINS_SCHEME.search(scheme.string[:scheme.start()]))


ASKS_WHICH_SIDE = re.compile(r"吗|嘛|么|吧|呢|还是|是不是|算不算|属不属于|是否|对不对|[?？]")
# 重特大疾病 asked of 门诊慢特病 (for 职工 it has its own place)
SERIOUS_ILLNESS = re.compile(r"重特大|大病|重症")
NO_NEED_TO_APPLY = re.compile(r"不用(自己)?(办|申请|跑|去)|不需要(自己)?(办|申请)|免申|自动(就)?(给|发|拨|到)")
# "医保要备案不", "还用单独去办吗", "咋能直接报": whether it must be done, or how ("需要申请吗" asks
# whether it is 免申即享, which the eligibility answer says)
NEEDS_OR_HOW = re.compile(r"(要|用|需要|得)(?![^，,。？?！!\s]{0,3}申)[^，,。？?！!\s]{0,6}(不|吗|么|嘛)[?？。]*$|(咋|怎么|怎样)(样)?(才)?能")
# "西", "在路东": a side of 106国道 given alone, as the answer to which side
BARE_SIDE = re.compile(r"^\s*(在|是|俺家|俺在)?(路|国道|106国道)?[东西](边|面|侧)?(的|呢|吧)?[。.！!]?\s*$")
# "哦不对 我是灵活就业": who one is, put right
CORRECTS_ONESELF = re.compile(r"^[哦噢啊呃嗯]?[，,\s]*(不对|不是|说错了|弄错了|搞错了|我说错了|俺说错了)")
# "如果只是改个单位地址呢" after the materials: the same question, for that case.
WHAT_IF = re.compile(r"呢[?？。]*$")
# Words that make a message a question; without them it tells something ("俺是长期搁外地住").
ASKS_SOMETHING = re.compile(r"[?？吗么嘛呢]|不[。！!]?$|啥|什么|哪|几|多久|多长|多少|怎么|咋|能不能|可不可以|是不是|"
                            r"有没有|行不|中不|要不要|需不需要|能办|能报|可以")
HOSPITAL_MATTERS = ("chronic_disease_certification", "referral_filing")
SLOT_NAMES = ("matter", "person_type", "township", "road_side", "region", "aspect", "pending", "candidates",
              "earlier_matters")
# "回到刚才备案那个": back to a matter asked about before the current one
BACK_TO_EARLIER = re.compile(r"回到|刚才|刚刚|之前|前面|上一个|原来")
BACK_SCORE = 10  # the matcher's score of an earlier matter's words that names it ("住院": 14.6)
# What can be asked about a matter, as buttons when the question itself was not understood.
ASPECT_CHOICES = (("办理地点", "ask_where"), ("要带的材料", "ask_materials"), ("办理时限", "ask_time_limit"),
                  ("网上办理", "ask_online"), ("全部办事指南", "ask_matter"))
MENU_MATTERS = ("outpatient_reimbursement", "inpatient_reimbursement", "resident_enrollment",
                "chronic_disease_certification", "long_term_residence_filing", "maternity_allowance")


@dataclass
class Message:
    text: str
    buttons: List[Tuple[str, str]] = field(default_factory=list)  # (title, payload)


@dataclass
class Understanding:
    """What the NLU made of one message."""
    intent: str
    text: str = ""
    entities: Sequence[Dict[str, Any]] = ()

    def _negated(self, e: Dict[str, Any]) -> bool:
        start = e.get("start")
        return bool(self.text) and start is not None and bool(vocabulary.denial_before(self.text, start))

    def told(self) -> List[Dict[str, Any]]:
        """The entities the citizen says, not those they deny ("不是城乡居民，是职工")."""
        return [e for e in self.entities if not self._negated(e)]

    def text_without_denied(self) -> str:
        text = self.text
        for e in sorted((e for e in self.entities if self._negated(e)), key=lambda e: -e["start"]):
            text = text[:e["start"]] + text[e["end"]:]
        return DENIED_WORDS.sub("", text)

    def values(self, entity: str) -> List[str]:
        return [str(e.get("value") or e.get("text") or "") for e in self.told() if e.get("entity") == entity]

    def texts_of(self, e: Dict[str, Any]) -> str:
        """The words of one entity as typed (the synonym mapper may have replaced the value)."""
        start, end = e.get("start"), e.get("end")
        if start is not None and end is not None and self.text:
            return self.text[start:end]
        return str(e.get("value") or "")

    def texts(self, entity: str) -> List[str]:
        return [self.texts_of(e) for e in self.told() if e.get("entity") == entity]


@dataclass
class Turn:
    messages: List[Message]
    slots: Dict[str, Any]  # the slots to set (a None value clears)


def payload(intent: str, **entities: str) -> str:
    """A button payload Rasa reads as the intent with these entities, skipping the NLU."""
    return f"/{intent}{json.dumps(entities, ensure_ascii=False)}" if entities else f"/{intent}"


class Conversation:
    def __init__(self, catalogue: Catalogue, matcher: Optional[MatterMatcher] = None):
        self.catalogue = catalogue
        self.matcher = matcher or MatterMatcher(catalogue)
        self.details = DetailFinder(catalogue)
        self._turn_matches: Dict[str, List[Candidate]] = {}
        self._place_names = [n for t in catalogue.townships for n in (t.name, *t.aliases)]
        # Matter names that hold a person word (职工参保登记): folded once, looked for per message
        self._names_with_person_words = [fold(n) for m in catalogue.matters for n in (m.name, *m.aliases)
                                         if vocabulary.person_type(n)]

    # --- reading the message -------------------------------------------------------

    def _match(self, text: str) -> List[Candidate]:
        """The matcher's candidates, worked out once per text in a turn: one turn reads the same
        words several times (the spans, the whole message) and each reading scores every alias."""
        if text not in self._turn_matches:
            self._turn_matches[text] = self.matcher.match(text)
        return list(self._turn_matches[text])

    def _matter_from_entities(self, understood: Understanding) -> Tuple[Optional[Matter], List[Candidate]]:
        matter, candidates, _ = self._entity_match(understood)
        return matter, candidates

    def _entity_match(self, understood: Understanding) -> Tuple[Optional[Matter], List[Candidate], float]:
        """The matter the NLU's matter spans name, the candidates when it could be several, and
        how strongly the best span points at it. Of several spans the one that fits a matter best
        counts ("全国通用的" beside "异地就医直接结算")."""
        for value in understood.values("matter"):
            if self.catalogue.has_matter(value):
                return self.catalogue.matter(value), [], float("inf")
        words = self._best_span(understood)
        found = resolve(self._match(words) if words else [])
        if found.kind == "one":
            return self.catalogue.matter(found.candidates[0].matter_id), [], found.candidates[0].score
        if found.kind == "choose":
            return None, list(found.candidates), found.candidates[0].score
        return None, [], 0.0

    def _best_span(self, understood: Understanding) -> Optional[str]:
        """The matter span that fits a matter best."""
        best, best_score = None, 0.0
        for words in understood.texts("matter") + understood.values("matter") + self._spans_read_together(understood):
            if len(content(words)) < 2:
                continue  # a stray one-character span ("那" in "那濮阳县报的话要多久") names nothing
            candidates = self._match(words)
            if candidates and (best is None or candidates[0].score > best_score):
                best, best_score = words, candidates[0].score
        return best

    def _close_readings(self, text: str) -> Set[str]:
        """Every matter a text fits nearly as well as its best (within CLEAR_LEAD), however many
        ("备案" fits six matters alike)."""
        strong = [c for c in self.matcher.match(text, limit=len(self.catalogue.matters)) if c.score >= MIN_SCORE]
        return {c.matter_id for c in strong if c.score * CLEAR_LEAD > strong[0].score} if strong else set()

    def _spans_read_together(self, understood: Understanding) -> List[str]:
        """Neighbouring spans with only 的 between them, read as one when that names one matter
        ("生孩子" and "医疗费" in "生孩子的医疗费报销")."""
        spans = sorted((e for e in understood.told() if e.get("entity") == "matter" and e.get("start") is not None),
                       key=lambda e: e["start"])
        together = [understood.text[a["start"]:b["end"]] for a, b in zip(spans, spans[1:])
                    if understood.text[a["end"]:b["start"]] in ("", "的")]
        return [words for words in together if resolve(self._match(words)).kind == "one"]

    def _span_in_name(self, understood: Understanding, matter: Matter) -> bool:
        """Whether a matter span is part of the matter's own name ("转诊" of 异地转诊人员备案): then the
        words around it ("俺媳妇没工作…她要转诊呢") describe the person, not another matter."""
        name = fold(matter.name)
        return any(len(words) >= 2 and words in name for words in map(fold, understood.texts("matter")))

    def _names_one_matter_outright(self, understood: Understanding) -> bool:
        matter, candidates, score = self._entity_match(understood)
        whole = self._whole_match(understood.text)
        if matter is None:
            # "…出院了想报销住院费 交警的事故认定还没下来": the span "住院费" fits 住院费用报销 or
            # 生育医疗费, the whole message one of them outright
            found = resolve(whole)
            return found.kind == "one" and found.candidates[0].score >= COVERED_SCORE \
                and found.candidates[0].matter_id in {c.matter_id for c in candidates}
        if score < COVERED_SCORE:
            return False
        return bool(whole) and whole[0].matter_id == matter.id

    def _clearly_named(self, text: str, remembered: Optional[str] = None) -> Optional[str]:
        """The matter the whole message names outright (an alias in it, COVERED_SCORE) and at least
        twice as strongly as any other, if one; of the facility matters, only the kind it names."""
        matches = self._whole_match(text)
        ids = facility_named(text) or facility_of(remembered)
        if ids:
            matches = [c for c in matches if c.matter_id not in FACILITY_MATTERS or c.matter_id in ids]
        if matches and matches[0].score >= COVERED_SCORE and (
                len(matches) == 1 or matches[0].score >= 2 * matches[1].score
                # or named many times over, and clearly first: "…医保关系想转回来，搁哪办" (转移接续)
                or matches[0].score >= 2.5 * COVERED_SCORE and matches[0].score >= CLEAR_LEAD * matches[1].score):
            return matches[0].matter_id
        return None

    def covers(self, text: str) -> bool:
        """Whether a message the NLU took for out of scope plainly names one of the matters
        ("俺在药店买的药能报不 门诊报销去哪"): then it is answered, not turned away."""
        matches = self._whole_match(text)
        return bool(matches) and matches[0].score >= COVERED_SCORE and resolve(matches).kind != "none"

    def _whole_match(self, text: str) -> List[Candidate]:
        return self._match(vocabulary.without_context_words(text, self._place_names))

    def matter_named(self, text: str, matches: Optional[List[Candidate]] = None
                     ) -> Tuple[Optional[Matter], List[Candidate]]:
        """The one matter a free text names, or the candidates when it could be several
        (for a message the NLU found no matter entity in, and for form answers)."""
        found = resolve(self._whole_match(text) if matches is None else matches)
        if found.kind == "one":
            return self.catalogue.matter(found.candidates[0].matter_id), []
        return None, list(found.candidates)

    def matter_in(self, understood: Understanding) -> Optional[Matter]:
        """The one matter a message names (its entities first, then its whole text), if any."""
        matter, _ = self._matter_from_entities(understood)
        if matter is None:
            matter, _ = self.matter_named(understood.text)
        return matter

    def township_in(self, understood: Understanding) -> Optional[Township]:
        text = understood.text
        # "县医院的郎中说…": a doctor, not 郎中乡 (the word is taken out, other places stay)
        text_as_said = vocabulary.PLACE_NAME_AS_WORD.sub("", text)
        for words in understood.values("township") + understood.texts("township"):
            folded = fold(words)
            if text_as_said != text and folded not in fold(text_as_said):
                continue
            for name in (folded, folded + "镇", folded + "乡", folded.rstrip("镇乡")):
                township = self.catalogue.township(name)
                if township:
                    return township
        # The NLU may miss a township it has not seen: look for every known name.
        folded_text = fold(text_as_said)
        for township in self.catalogue.townships:
            names = sorted((township.name, *township.aliases), key=len, reverse=True)
            if any(name in folded_text for name in names):
                return township
        return None

    def _types_an_offered_title(self, text: str, slots: Dict[str, Any]) -> bool:
        typed = fold(text)
        offered = [self.catalogue.matter(m).name for m in slots.get("candidates") or [] if self.catalogue.has_matter(m)]
        return bool(typed) and (typed in {fold(name) for name in offered} or (
            bool(slots.get("pending")) and vocabulary.person_type(text) is not None and len(typed) <= 6))

    def _person_type_in_words(self, understood: Understanding) -> Optional[str]:
        """A person type the NLU did not tag: "城鎮職工" alone, or the 职工 of "职工慢性病在哪办" —
        unless the word belongs to a matter's name (职工参保登记, 城乡居民参保登记)."""
        if understood.text.startswith("/"):
            return None
        found = vocabulary.person_type(understood.text)
        if found == "单位":
            employed = vocabulary.WORKS_FOR_EMPLOYER.search(understood.text)
            if employed and not RELATIVE.search(_clause_before(understood.text, employed.start())):
                found = "城镇职工"  # "单位给交的医保 慢性病在哪申请": an employee's question (not "我老公是单位派…")
        if found not in ("城镇职工", "在职职工", "灵活就业人员", "城乡居民"):
            return None
        folded = fold(understood.text)
        return None if any(name in folded for name in self._names_with_person_words) else found

    @staticmethod
    def _scheme_joined(text: str) -> Optional[str]:
        """"以前在外地厂里上班交的职工 现在辞职回村了 想交居民医保": the scheme one now joins says
        who one will be, whatever one was before."""
        joined = {vocabulary.person_type(m.group(0)) for m in SCHEME_WORDS.finditer(text) if joins_the_scheme(m)}
        return joined.pop() if len(joined) == 1 and None not in joined else None

    def _own_person_type(self, understood: Understanding) -> Optional[str]:
        """The person type; when the message tells the asker's own beside a relative's ("俺儿子在
        厂里上班，俺是农村的老头"), the asker's own. A relative's alone stands ("俺媳妇是城乡居民")."""
        told = [e for e in understood.told() if e.get("entity") == "person_type"]
        # "老公在公司上班": the relative's employer, not the asker's person type
        told = [e for e in told if not (e.get("start") is not None and RELATIVE.search(_clause_before(
            understood.text, e["start"])) and vocabulary.person_type(understood.text[e["start"]:e["end"]]) == "单位")]
        own = [e for e in told if e.get("start") is not None and SAYS_SELF.search(_clause_before(understood.text, e["start"]))]
        for e in own or told:
            words = understood.text[e["start"]:e["end"]] if e.get("start") is not None else ""
            value = vocabulary.person_type(str(e.get("value") or "")) or vocabulary.person_type(words)
            if value == "单位" and (vocabulary.WORKS_FOR_EMPLOYER.search(fold(understood.text))
                                   or RETIRED.search(understood.text) or EMPLOYEES_SCHEME.search(understood.text)):
                # "我是公司上班的职工", "我从单位退休了" (one who retires is an employee, never the
                # employer): the NLU may tag "公司" alone
                value = "城镇职工"
            if value == "单位" and e.get("start") is not None and re.search("[没无]有?$", understood.text[:e["start"]]):
                value = vocabulary.person_type("没单位")  # "种地的没单位": no employer, as the words say
            if value:
                return value
        return None

    def _first(self, understood: Understanding, entity: str, normalize) -> Optional[str]:
        for words in understood.values(entity) + understood.texts(entity):
            value = normalize(words)
            if value:
                return value
        return None

    # --- deciding ---------------------------------------------------------------------

    def respond(self, understood: Understanding, slots: Dict[str, Any]) -> Turn:
        self._turn_matches = {}  # kept for one turn only
        try:
            return self._respond(understood, slots)
        finally:
            self._turn_matches = {}

    def _respond(self, understood: Understanding, slots: Dict[str, Any]) -> Turn:
        if self._types_an_offered_title(understood.text, slots):
            # A button's title typed out answers the question that offered it, whatever the NLU says
            # (and "城鎮職工" typed for a person-type question names no matter, whatever the NLU tagged).
            entities = understood.entities
            if vocabulary.person_type(understood.text) and len(fold(understood.text)) <= 6:
                entities = [e for e in entities if e.get("entity") != "matter"]
            understood = Understanding("inform", understood.text, entities)
        understood, scheme_words = self._without_scheme_spans(understood, slots)
        understood = self._without_person_spans(understood)
        understood = self._without_filing_done(understood)
        understood = self._without_enrolment_said_in_passing(understood)
        intent = understood.intent
        if intent == "ask_contact" and CHANGES_PHONE_ON_RECORD.search(understood.text):
            intent = "ask_matter"  # "想改一下医保上留的联系电话": a change of what is on record, not whom to call
            understood = Understanding(intent, understood.text, understood.entities)
        asked_window = WINDOW_QUESTION.search(understood.text)
        if asked_window and not understood.values("matter"):
            number = asked_window.group(1) or asked_window.group(3)
            return Turn([Message(window_matters(self.catalogue, int(number)))], {})
        if WINDOWS_ONLY.match(understood.text.strip()):  # "72号 办啥", "73 74呢", "68 69 70"
            numbers = dict.fromkeys(int(n) for n in re.findall(r"6[89]|7[0-4]", understood.text))
            return Turn([Message(window_matters(self.catalogue, n)) for n in numbers], {})
        offices = self._offices_asked(understood.text)
        if offices:  # "医疗服务部在哪": the office's address, the matter being asked about kept
            return Turn([Message(office_answer(self.catalogue, offices))], {})
        updates: Dict[str, Any] = {}
        person_type = self._own_person_type(understood) or self._person_type_in_words(understood)
        if person_type and slots.get("person_type") and RELATIVE.match(content(understood.text)) \
                and not SAYS_SELF.search(understood.text) and not understood.told():
            # "俺媳妇没工作" after "俺在厂里上班，单位交的": the wife's situation, not who asks (unlike
            # "俺媳妇…交的居民医保…她要转诊呢", which tells whom the question is for)
            person_type = None
        joined = self._scheme_joined(understood.text)
        if joined and person_group(joined) != person_group(person_type):
            person_type = joined  # (one who joins 职工医保 as 灵活就业 stays 灵活就业人员)
        side = self._first(understood, "road_side", vocabulary.road_side)
        if side is None and slots.get("pending") in ("hospital", "where", "general") and BARE_SIDE.match(understood.text):
            side = vocabulary.road_side(understood.text)  # "西" when asked which side of 106国道
        if side is None and slots.get("pending") in ("hospital", "where", "general") and (
                "unknown" in understood.values("road_side") or vocabulary.NOT_SURE.search(understood.text)):
            side = "unknown"  # "不知道" when asked which side of 106国道
        region = self._first(understood, "region", vocabulary.region)
        if region is None and not understood.text.startswith("/"):
            # The NLU may miss "全国通用的…" or "平顶山…"; "河南" alone is too often where one is from.
            said = vocabulary.region(understood.text)
            named = said in ("generic", "pingdingshan") or (
                said == "henan2024" and vocabulary.PROVINCE_RULES.search(understood.text))
            region = said if named and not vocabulary.names_puyang(understood.text) else None
        if region is None and WHICH_COUNTS.search(understood.text) and vocabulary.names_puyang(understood.text):
            region = "puyang"  # "那俺在濮阳县办 按哪个算": the county's own guide
        if region and not understood.text.startswith("/"):
            if region != "puyang" and vocabulary.names_puyang(understood.text):
                region = "puyang"  # "我是河南濮阳县的", "在平顶山住的院，现在回濮阳县了": a 濮阳县 question
            elif vocabulary.region(understood.text) is None:
                region = None  # only in a platform's name: "河南医保小程序上看不到"
            elif vocabulary.region(vocabulary.TREATMENT_PLACE.sub("", understood.text)) is None:
                region = None  # only where one goes: "要转诊到省里看病，去哪个医院开转诊"
        township = self.township_in(understood)
        if person_type:
            updates["person_type"] = person_type
        if township:
            updates["township"] = township.name
            updates["road_side"] = None  # a new township: its own side, not one said before
        if side and township and ASKS_WHICH_SIDE.search(understood.text):
            side = None  # "五星乡属于国道以东吗" asks the side; it does not tell it
        if side:
            updates["road_side"] = side
        if region:
            updates["region"] = region
        elif intent in INTENT_ASPECTS and not understood.text.startswith("/") and not slots.get("candidates") \
                and (understood.values("matter") or POINTS_TO_COUNTY.search(understood.text)):
            # a new question naming a matter and no region is answered for 濮阳县; a follow-up
            # ("多久？" after a 平顶山 question) stays with the guide it follows
            updates["region"] = None
        if ABOUT_E_VOUCHER.search(fold(understood.text)):  # what else was said ("俺是职工") is kept
            return Turn([Message("办事指南没有写医保电子凭证怎么激活、申领或使用，这里答不了。" + COVERED +
                                 f"电子凭证的问题可拨打濮阳县医保监督电话 {SUPERVISION_PHONE} 咨询。")], updates)
        from bot.review import QUESTION_ABOUT_REVIEWS, rules_of_reviews  # bot.review builds on this module

        if intent != "give_review" and QUESTION_ABOUT_REVIEWS.search(understood.text) and self._names_no_other_matter(
                self._whole_match(understood.text)):
            # "差评了多久有人回访" in the middle of a conversation: the 好差评 rules, from the guide
            return Turn([rules_of_reviews(self.catalogue)], updates)
        if (intent == "nlu_fallback" or WHICH_COUNTS.search(understood.text)) and region and slots.get("matter") \
                and slots.get("aspect") in ASPECT_INTENTS and self._names_no_other_matter(self._whole_match(understood.text)):
            # ("那俺在濮阳县办 按哪个算" after the 河南省 figure: the 濮阳县 one)
            intent = ASPECT_INTENTS[slots["aspect"]]  # "濮阳县呢" after a 河南省 answer: the same question, there
        if intent == "nlu_fallback" and (township is not None or side in ("east", "west")) and self._hospital_matter(
                understood.text, self.catalogue.matter(slots["matter"]) if slots.get("matter") else None):
            # "俺是白罡乡的…转诊单在哪开": the township and 转诊 say what is asked; "对，在国道西边"
            # after 异地转诊: the side tells which hospital
            intent = "ask_hospital"
        if intent == "nlu_fallback" and person_type and slots.get("matter") in HOSPITAL_MATTERS \
                and len(content(vocabulary.without_person_words(fold(understood.text)))) <= 2:
            intent = "ask_hospital"  # "种地的" after 转诊: who asks decides the hospital
        # (also "人家没出事故认定书咋办", read as about the matter in general and naming none)
        unsure_of_aspect = intent == "nlu_fallback" or (intent == "ask_matter" and not understood.values("matter"))
        detail = self.detail_asked(self.catalogue.matter(slots["matter"]), understood.text, slots.get("region"),
                                   slots.get("person_type")) if unsure_of_aspect and slots.get("matter") else None
        if detail is not None:
            # "交警那个认定书还没下来咋办" after 住院报销: that material's case; "她是帕金森" after where
            # 慢特病 is 认定: a note of where which 病种 is assessed keeps the place question
            variant = self.catalogue.matter(slots["matter"]).variant(slots.get("region"))
            about_place = any(detail is note for note in place_notes(variant, slots.get("person_type")))
            intent = ASPECT_INTENTS[slots["aspect"]] if about_place and slots.get("aspect") in ("where", "hospital") \
                else "ask_materials"
        if intent == "nlu_fallback" and WHAT_IF.search(understood.text) and slots.get("aspect") in ASPECT_INTENTS:
            named = resolve(self._whole_match(understood.text))
            if named.kind == "one" and named.candidates[0].score >= SWITCH_SCORE:
                intent = ASPECT_INTENTS[slots["aspect"]]  # "转诊呢？" after where 慢性病 is assessed
        if intent == "nlu_fallback" and COMPLAINT.search(understood.text) and self._names_no_other_matter(
                self._whole_match(understood.text)):
            intent = "ask_contact"  # "窗口那个人态度太差了 等了一上午 我要投诉": whom to complain to
        whole = self._whole_match(understood.text) if intent == "nlu_fallback" else []
        offered_by_whole = [c for c in whole[:3] if c.score >= MIN_SCORE and 2 * c.score >= whole[0].score]
        if intent == "nlu_fallback" and (self._for_the_residence(understood.text, None, offered_by_whole)[0]
                                         or self._the_one_doing(understood.text, offered_by_whole)):
            # "俺退休了…户口没迁过去，医保要备案不", "居民医保上地址还是老家的 想改成…": which one is plain
            intent = "ask_matter"
        if intent == "nlu_fallback" and self._names_one_matter_outright(understood):
            # "住院费用怎么报销": unsure which aspect, sure of the matter: its whole card answers it,
            # unless its words ask one ("门诊慢特病认定交上去一个多月了咋还没消息": the time limit)
            intent = ("ask_time_limit" if WHEN_TO_APPLY.search(understood.text)
                      else aspect_intent_asked(understood.text)) or "ask_matter"
            understood = Understanding(intent, understood.text, understood.entities)
        if intent == "nlu_fallback" and slots.get("matter") and self._names_no_other_matter(
                self._whole_match(understood.text)):
            # "窗口 时限" typed by an agent after a matter: its keywords say which aspects are asked
            asked = "ask_time_limit" if WHEN_TO_APPLY.search(understood.text) else aspect_intent_asked(understood.text)
            if asked:  # ("现在就能去申请吗": when to apply, answered under the time limit)
                intent = asked
                understood = Understanding(intent, understood.text, understood.entities)
        if intent == "nlu_fallback" and person_type and slots.get("matter") and self._names_no_other_matter(
                self._whole_match(vocabulary.without_person_words(INSURED_UNDER.sub("", understood.text)))):
            # "哦不对 我去年开始是灵活就业交的职工医保" after 门诊报销: who one is, told for the matter discussed
            intent = "inform"
            understood = Understanding(intent, understood.text, understood.entities)
        clear = self._clearly_named(understood.text, slots.get("matter")) if intent == "nlu_fallback" else None
        if clear is not None:
            # Unsure of the wording, yet the whole message points at one matter far ahead of any
            # other (not a span's): "…他是农村的 没单位 搁哪办" asks where, and is answered; a longer
            # message asking nothing plain gets the whole card; "慢性病那个" gets the aspects to choose from.
            asked = aspect_intent_asked(understood.text) or (
                "ask_matter" if len(content(understood.text)) >= 8 else None)
            if asked is None:
                matter = self.catalogue.matter(clear)
                return Turn([self._aspect_choices(matter)], {**updates, "matter": clear, "candidates": None})
            intent = asked
            understood = Understanding(intent, understood.text, [
                *(e for e in understood.entities if e.get("entity") != "matter"), {"entity": "matter", "value": clear}])
        if intent == "nlu_fallback" and slots.get("matter") and WANTS_CONFIRMATION.search(understood.text):
            # "确定吗 别让俺白跑": the guide it was answered from, and whom to ask before setting out
            guide = self.catalogue.documents["000"].title
            return Turn([Message(f"以上是按《{guide}》等办事指南回答的。出门前想再确认一下，可以拨打濮阳县医保监督电话 "
                                 f"{SUPERVISION_PHONE}。")], updates)
        if intent == "nlu_fallback":
            # unsure of the question, but "我是城乡居民" or a township in it still holds
            remembered = self.catalogue.matter(slots["matter"]) if slots.get("matter") else None
            unsure = self._unsure(understood, remembered)
            return Turn(unsure.messages, {**updates, **unsure.slots})

        text = understood.text_without_denied()
        for words in scheme_words:  # nor does the whole message match on them
            text = text.replace(words, "")
        if any(not SCHEME_ONLY.match(fold(words)) for words in understood.texts("matter")):
            # Beside a matter span ("异地备案"), "城乡居民医保" is who asks: the whole message is not
            # matched on it (it would read as 城乡居民参保登记); the person type was taken from it above.
            # Alone, it is what is asked about ("要给新工人上职工医保"), and so is the scheme one joins
            # ("想在咱县参加居民医保 去哪登记" is the enrolment, not 转移接续 for "从外地嫁过来").
            text = SCHEME_WORDS.sub(lambda m: m.group(0) if joins_the_scheme(m) else "", text)
        text = INSURED_UNDER.sub("", text)  # "她是城乡居民医保": who asks, whatever else is said
        if SETTLEMENT_FAILED.search(text):
            text = FILING_DONE.sub("", text)  # "备过案了 还是结算不了": the filing is done, not asked
        for words in self._scheme_words_of_person_type(understood):
            text = text.replace(words, "")  # "…当时没报 城乡居民医保 回来咋报": the NLU read who asks
        if ASKS_REIMBURSEMENT.search(text):
            # "他骑电车摔了住院，城镇职工退休的，咋报": who asks is no matter (not 异地安置退休人员备案)
            for e in understood.told():
                if e.get("entity") == "person_type" and e.get("start") is not None:
                    text = text.replace(understood.text[e["start"]:e["end"]], "")
        ask_prefix = ""
        def whole_match() -> List[Candidate]:  # the matcher's reading of it is kept for the turn (_match)
            return self._whole_match(text)
        matter, candidates, span_score = self._entity_match(understood)
        if SETTLEMENT_FAILED.search(text) and whole_match() and whole_match()[0].matter_id == COORDINATION:
            # "…办了备案，出院结账时说直接结算不了": the failed settlement, not the spans "结账" and
            # "结算不了" (which read as the facilities' monthly settlement)
            matter, candidates = self.catalogue.matter(COORDINATION), []
        if matter is None and candidates and span_score < STRAY_SPAN_SCORE and slots.get("matter") \
                and self._names_no_other_matter(whole_match()):
            candidates = []  # a stray span ("放假回家去") offers nothing: the matter being discussed stands
        if matter is not None and span_score < SWITCH_SCORE:
            # A weak span ("办医保" reads as 单位参保登记) against a whole message that points
            # elsewhere ("咋给俺孙子办医保，刚满月"): the whole message decides, or the choice is offered.
            whole = whole_match()
            if whole and whole[0].matter_id != matter.id:
                whole_matter, whole_candidates = self.matter_named(text, whole)
                if whole_matter is not None or whole_candidates:
                    matter, candidates = whole_matter, whole_candidates
        if matter is not None:
            # A span whose matter the whole message hardly points at ("刷医保卡" in "开药店想刷医保卡，
            # 咋弄", "交居民医保" in "…交居民医保能享受缴费补贴不"): the matter the whole message names.
            whole = whole_match()
            span_in_whole = next((c.score for c in whole if c.matter_id == matter.id), 0.0)
            if whole and whole[0].matter_id != matter.id and whole[0].score >= COVERED_SCORE \
                    and whole[0].score >= OUTWEIGHS * span_in_whole and not self._span_in_name(understood, matter):
                whole_matter, _ = self.matter_named(text, whole)
                matter = whole_matter or matter
        if candidates:
            # A short span ("门诊") may fit several matters while the whole message fits one.
            whole, _ = self.matter_named(text, whole_match())
            if whole is not None and (whole.id in {c.matter_id for c in candidates}
                                      or not self._names_no_other_matter(whole_match())):
                matter, candidates = whole, []
        if candidates:
            # "生孩子住院花的钱咋报": the span "生孩子" fits 生育医疗费/生育津贴/参保登记 and the whole
            # message fits 住院费用报销/生育医疗费: the one both readings share
            span = self._best_span(understood)
            shared = self._close_readings(span) & self._close_readings(
                vocabulary.without_context_words(text, self._place_names)) if span else set()
            if len(shared) == 1:
                matter, candidates = self.catalogue.matter(shared.pop()), []
        if candidates:
            # "生育醫療費支付要帶哪些材料": the one candidate whose whole name is typed (计划生育医疗费支付
            # holds it too, but is not typed)
            typed_name = name_typed([self.catalogue.matter(c.matter_id) for c in candidates], text)
            if typed_name is not None:
                matter, candidates = typed_name, []
        if candidates and ASKS_REIMBURSEMENT.search(text):
            # "门诊花了几千，能报不，搁哪报": of 门诊费用报销 and 门诊慢特病认定, the one that pays back
            paying = [c for c in candidates if PAYS_BACK.search(self.catalogue.matter(c.matter_id).name)]
            if len(paying) == 1:
                matter, candidates = self.catalogue.matter(paying[0].matter_id), []
        offered_ids = slots.get("candidates") or []
        if candidates and offered_ids:
            # "住院的要什么材料" right after 门诊/住院费用报销 were offered: the one offered it fits
            fitting_offered = [c for c in candidates if c.matter_id in offered_ids]
            if len(fitting_offered) == 1:
                matter, candidates = self.catalogue.matter(fitting_offered[0].matter_id), []
        if matter is None and not candidates and offered_ids and intent == "inform":
            # "在北京闺女家长住" under the 异地备案 choices: of those offered, the one its words fit
            # clearly, though too faintly to name a matter on their own
            among = resolve([c for c in whole_match() if c.matter_id in offered_ids])
            if among.kind == "one" and among.candidates[0].score >= STRAY_SPAN_SCORE:
                matter = self.catalogue.matter(among.candidates[0].matter_id)
        known_type = person_type or slots.get("person_type")
        if candidates and known_type and not (about_childs_own_scheme(text) and not person_type):
            # (a parent's person type told before is not the child's: "那孩子的医保…" after 生育津贴)
            fit, candidates = self._fit_person_type(candidates, known_type)
            matter = fit or matter
        if candidates and intent != "correct_matter" and slots.get("matter") in {c.matter_id for c in candidates}:
            # "俺还没被认定是救助对象呢" after 医疗救助 报销: words fitting it and another alike are
            # about the matter being discussed
            matter, candidates = self.catalogue.matter(slots["matter"]), []
        if matter is None and not candidates and intent == "ask_hospital":
            matter = self._hospital_matter(understood.text, None)
        asks_question = intent in INTENT_ASPECTS or intent == "correct_matter"
        remembered = self.catalogue.matter(slots["matter"]) if slots.get("matter") else None
        answers_person_question = bool(
            person_type and remembered and slots.get("pending") and not slots.get("person_type")
            and not slots.get("candidates") and intent != "correct_matter" and not ASKS_SOMETHING.search(understood.text)
            and self._entity_match(understood)[2] < SWITCH_SCORE)
        if answers_person_question:
            # "俺没工作，一直在村里交的医保" when asked 职工 or 城乡居民: the answer, whatever its words fit
            matter, candidates = remembered, []
        offered = [self.catalogue.matter(m) for m in slots.get("candidates") or [] if self.catalogue.has_matter(m)]
        typed = name_typed(offered, text) or name_part_typed(offered, text)  # a button's title typed out, or part of it
        if typed is not None:
            matter, candidates = typed, []
        elif matter is None and not candidates and offered and self._names_no_other_matter(
                self._whole_match(vocabulary.without_person_words(text)) if person_type else whole_match()):
            # The choices just offered still stand: a person type may settle them ("城乡居民" between
            # 职工/城乡居民参保信息变更), any other question gets the same choices again.
            fitting = [m for m in offered if self._serves(m, person_type)] if person_type else []
            if person_type and not fitting:
                fitting = [m for m in offered if names_group(m.name, person_type)]
            elif len(fitting) > 1 and all(any(g in m.name for g in ("居民", "职工", "单位")) for m in fitting):
                # "俺在厂里上班" under 职工/城乡居民参保登记: the one named for 职工 (not, under 住院费用报销/
                # 城乡居民参保登记, the enrolment for "俺两口子都是居民医保")
                named_for = [m for m in fitting if names_group(m.name, person_type)]
                fitting = named_for if len(named_for) == 1 else fitting
            if len(fitting) == 1:
                matter = fitting[0]
            elif intent in INTENT_ASPECTS and not (person_type or township or side or region):
                # Offering the same choices again would go round in circles: the asked aspect for each.
                return self._answer_offered(offered, understood.text, intent, {**slots, **updates}, updates)
            elif asks_question or person_type or township:
                # "是城乡居民，八公桥的" under 住院/门诊/生育医疗费: the choices that serve 城乡居民, again
                candidates = [Candidate(m.id, 0.0, m.name) for m in (fitting or offered)]
                if person_type:  # "职工" typed under 住院费用报销/异地转诊/生育医疗费: noted, not ignored
                    ask_prefix = f"好的，已记下您是{person_type}。"
                elif township:
                    ask_prefix = f"好的，已记下您在{township.name}。"
        if matter is None and not candidates and offered and not typed:
            # "户籍地变了在哪改" under 城乡居民参保登记/参保信息变更登记: the offered one the whole
            # message names clearly (not stray words: "能在手机上办不" names none of them)
            among = [c for c in whole_match() if c.matter_id in {m.id for m in offered}]
            if among and among[0].score >= SWITCH_SCORE and (
                    len(among) == 1 or among[0].score >= among[1].score * CLEAR_LEAD):
                matter, candidates = self.catalogue.matter(among[0].matter_id), []
        if matter is None and not candidates and intent == "inform" and remembered is None \
                and not self._names_no_other_matter(whole_match()):
            # "我老公是单位派到上海工作的 他的呢" before any matter was settled: a statement naming one
            # outright is about it. After one, who one is ("我是职工 灵活就业") is about that one.
            matter = self.matter_named(text, whole_match())[0]
        if matter is None and not candidates and asks_question:
            # "多久到账？" after 个人账户支取, or "不是，俺是职工" after 门诊报销: the same matter.
            same_matter = remembered is not None and (
                intent != "correct_matter" or person_type or township or side or region)
            # "不是，俺弄错了，俺是单位给交的，职工" after 门诊报销: who asks, not 职工参保登记
            rest = self._whole_match(vocabulary.without_person_words(text)) if person_type else whole_match()
            if same_matter and (self._names_no_other_matter(rest) or self.detail_asked(
                    remembered, text, slots.get("region"), known_type)
                    # "孩子还没办身份证，户口本中不中": a document named in a materials question names
                    # no other matter unless the whole message names one outright
                    or intent == "ask_materials" and self._clearly_named(text, remembered.id) is None
                    and not BACK_TO_EARLIER.search(text)):
                # (or it asks a detail of it: "俺闺女说在乡里卫生院就能办" after 慢特病认定 is not 卫生院结算)
                matter = remembered
            elif intent == "ask_contact" and self._names_no_other_matter(whole_match()):
                pass  # "0393-8669566 是啥电话": stray characters shared with a matter's words name none
            else:
                matter, candidates = self.matter_named(text, whole_match())
                if candidates and known_type:
                    matter, candidates = self._fit_person_type(candidates, known_type)
        doing = self._the_one_doing(text, candidates)
        if doing is not None:
            matter, candidates = doing, []
        if len(candidates) > 1 and ASKS_REIMBURSEMENT.search(text):
            # "孩子…住了一个礼拜保温箱 花了五千多 当时没上户口也没办医保…这钱还能报不": the bill is
            # asked about; the enrolment it mentions is how things stood
            bills = [c for c in candidates if c.matter_id not in ENROLMENTS]
            if len(bills) == 1:
                matter, candidates = self.catalogue.matter(bills[0].matter_id), []
        if matter is None and len(candidates) > 1 and remembered and (
                intent == "correct_matter" or WHAT_IF.search(understood.text)):
            matter = self._parallel_matter(remembered, candidates)  # "不是住院，我问的是门诊"; "那住院的呢"
            candidates = [] if matter else candidates
        if matter is None and candidates and remembered and remembered.id in {c.matter_id for c in candidates}:
            matter, candidates = remembered, []  # "报销要带啥" right after 门诊报销: keep it
        if matter is None and len(candidates) > 1:
            # "娃住院 收据上名字跟医保上对不上 能报不" among 住院费用报销/参保信息变更/生育医疗费: the one
            # whose guide has that very case (出生医学证明)
            asking = [c for c in candidates if self.detail_asked(
                self.catalogue.matter(c.matter_id), text, slots.get("region"), known_type)]
            if len(asking) == 1:
                matter, candidates = self.catalogue.matter(asking[0].matter_id), []
        earlier = [m for m in slots.get("earlier_matters") or [] if self.catalogue.has_matter(m)]
        if matter is None and earlier and BACK_TO_EARLIER.search(text):
            # "回到刚才备案那个" among the three 备案: the one asked about before
            back = [m for m in earlier if m in {c.matter_id for c in candidates}] if candidates else earlier[:1]
            if back:
                matter, candidates = self.catalogue.matter(back[0]), []
        if matter is not None and remembered is not None and matter.id == remembered.id and earlier \
                and BACK_TO_EARLIER.search(text):
            # "回到刚才备案那个" with no matter read from it: the earlier matter whose name has the word
            back = [m for m in earlier if any(w in text and w in self.catalogue.matter(m).name
                                              for w in vocabulary.GENERIC_WORDS)]
            if not back:  # "刚才那个住院嘞 要带啥": the earlier matter the words read as more than this one
                scores = {c.matter_id: c.score for c in self.matcher.match(text)}
                back = sorted((m for m in earlier if scores.get(m, 0) >= BACK_SCORE
                               and scores[m] > scores.get(remembered.id, 0)), key=lambda m: -scores[m])
            if back:
                matter = self.catalogue.matter(back[0])
        matter, candidates = self._for_the_facility(text, matter, candidates, remembered, whole_match)
        matter, candidates = self._for_a_child(text, matter, candidates)
        matter, candidates = self._for_the_residence(understood.text, matter, candidates)
        if remembered is not None and remembered.id in LIVING_ELSEWHERE_FILINGS and not understood.values("matter") \
                and (RESIDENCE_MOVED.search(text) or RESIDENCE_NOT_MOVED.search(text)):
            # "在郑州住，户口也迁过去了" after 异地安置: how things stand, told for the same 备案; a 户籍
            # not moved is no 异地安置 (its 服务对象 moved theirs)
            matter, candidates = remembered, []
            if remembered.id == "retiree_relocation_filing" and RESIDENCE_NOT_MOVED.search(text):
                matter = self.catalogue.matter("long_term_residence_filing")
        if matter is not None and remembered is not None and matter.id != remembered.id \
                and WHAT_IF.search(understood.text) and self._case_of(remembered, understood, slots, known_type):
            matter = remembered  # "离职女职工呢" after 生育医疗费支付: its case, not 生育津贴 for "女职工"
        if matter is None and len(candidates) > 1 and remembered is not None \
                and self._case_of(remembered, understood, slots, known_type):
            # "系统里查不到他的死亡信息咋办" after 个人账户一次性支付: "信息" could be 查询 or 变更, and is
            # words of that matter's own case (无法查询死亡信息的)
            matter, candidates = remembered, []
        if matter is not None and remembered is not None and matter.id != remembered.id and not region:
            updates["region"] = None  # a new matter is answered for 濮阳县 unless told otherwise

        aspect = INTENT_ASPECTS.get(intent) or slots.get("pending") or slots.get("aspect") or "general"
        asked = [a for a, words in ASKED_ASPECTS if words.search(CHANGED_ADDRESS.sub("", text))]
        also: List[str] = []  # a second aspect the same message asks, answered after the first
        if (matter is not None and matter.id in offered_ids or answers_person_question) and slots.get("pending") \
                and not ASKS_SOMETHING.search(understood.text):
            # "俺是长期搁外地住，跟着孩子" under the 异地备案 choices picks one and asks nothing new:
            # the question that offered them is answered, whatever the NLU read into the words
            aspect = slots["pending"]
        keywords = [a for a, words in KEYWORD_ASPECTS if words.search(CHANGED_ADDRESS.sub("", understood.text))
                    and not (a == "contact" and CHANGES_PHONE_ON_RECORD.search(understood.text))]
        when_to_apply = WHEN_TO_APPLY.search(text)
        if (intent in INTENT_ASPECTS or intent == "inform") and len(keywords) == 1 \
                and not (when_to_apply and keywords[0] in ("where", "materials")) \
                and (not ASKS_SOMETHING.search(understood.text) or WHAT_IF.search(understood.text) or intent == "inform"):
            # ("异地长期居住人员备案的编码呢": the keyword, asked of another matter)
            aspect = keywords[0]  # "住院报销 时限" typed by an agent: the keyword says what is asked
        elif (intent in INTENT_ASPECTS or intent == "inform") and NO_NEED_TO_APPLY.search(text):
            aspect = "eligibility"  # "听说河南省那边产检不用自己办？": who it is for, and that it is 免申即享
        elif intent in INTENT_ASPECTS and ASKS_AMOUNT.search(text):
            aspect = "amount"  # "住院报销能报几成": the guides give no figures, and the answer says so
        elif (intent in INTENT_ASPECTS or intent == "inform") and when_to_apply:
            # "啥时候能申请", "零售药店申请定点 受理时间 地点": the application period, then the time limit
            aspect = "apply_period"
            also = [a for a in asked if a in ("where", "materials")]  # "啥时候能报名 去哪报": the place too
        elif intent in INTENT_ASPECTS and len(asked) >= 2:
            aspect = "general"  # "去哪办，要带啥，多久能好": the whole card answers all of it
        elif intent == "ask_materials" and asked == ["where"]:
            aspect = "where"  # "转诊证明搁哪开": the 证明 is fetched, where is what is asked
        elif intent == "ask_where" and asked and asked[0] != "where":
            # "在濮阳县办呢，填哪个表": the words ask another aspect and no place; both are answered
            aspect, also = asked[0], ["where"]
        elif intent == "ask_eligibility" and asked == ["where"] and not only_an_aspect_asked(closing_clause(understood.text)):
            also = ["where"]  # "这钱还能报不 搁哪报 俺们都是农村合作医疗": whether, then where
        elif INTENT_ASPECTS.get(intent) not in (None, "general", "hospital", *asked) and len(asked) == 1 \
                and only_an_aspect_asked(closing_clause(understood.text)):
            aspect = asked[0]  # "…说还能走医疗救助 搁哪办": the closing question says what is asked
        elif intent in INTENT_ASPECTS and not asked and not keywords and WHAT_IF.search(understood.text) \
                and slots.get("aspect") in ASPECT_INTENTS and remembered is not None \
                and (matter is None or matter.id == remembered.id):
            aspect = slots["aspect"]  # "如果只是改个单位地址呢" after the materials asks the materials again
        elif intent == "ask_eligibility" and not asked and NEEDS_OR_HOW.search(closing_clause(understood.text)):
            aspect = "general"  # "医保要备案不", "看病咋能直接报": whether it must be done, and how: the whole card
        elif person_type and remembered is not None and CORRECTS_ONESELF.search(understood.text) and not asked \
                and not keywords and slots.get("aspect") in ASPECT_INTENTS and (matter is None or matter.id == remembered.id):
            aspect = slots["aspect"]  # "哦不对 我去年开始是灵活就业交的职工医保": the same question, for who one is
        elif intent == "ask_eligibility" and aspect == "eligibility" and not asked and known_type \
                and (ASKS_REIMBURSEMENT.search(text) or ASKS_TO_RECEIVE.search(text)):
            also = ["where"]  # "单位上班的，上环的钱医宝能报不": who may, then where that one takes the bill
        if intent == "ask_hospital" and matter is None and not candidates:
            matter = self._hospital_matter(understood.text, remembered)
            if matter is None:
                updates["pending"] = "hospital"
                known_side = township_side_text(township) if township else ""
                return Turn([Message(known_side + "您问的是办理哪项业务的医院？", [
                    (self.catalogue.matter(m).name, payload("ask_hospital", matter=m)) for m in HOSPITAL_MATTERS
                ])], updates)
        if matter is None and not candidates:
            matter = remembered
        if matter is None and not candidates and township is not None and intent in ("inform", "ask_hospital"):
            # A township alone matters for the 106国道 rule only: say its side, then ask which matter.
            updates["pending"] = "hospital"
            return Turn([Message(township_side_text(township) + "城乡居民办门诊慢特病认定、异地转诊，按乡镇在106国道"
                                 "以东还是以西确定医院。请问您要办哪一项？", [
                                     (self.catalogue.matter(m).name, payload("ask_hospital", matter=m))
                                     for m in HOSPITAL_MATTERS])], updates)
        if matter is None and intent == "ask_contact" and not candidates:
            guide = self.catalogue.documents["000"].title
            phone = f"濮阳县医保监督电话：{SUPERVISION_PHONE}（来源：《{guide}》各项“七、监督电话”）。"
            if COMPLAINT.search(understood.text):
                # "我要投诉": the phone, and the 差评 the assistant itself can take down
                return Turn([Message(phone + "对办事服务不满意，也可以在这里留下评价和意见（好差评）。",
                                     [("评价服务", payload("give_review"))])], updates)
            return Turn([Message(phone + "告诉我您要办的业务，我可以告诉您办理地点。")], updates)
        if matter is None and intent == "ask_fee" and remembered is None and not offered \
                and all(c.score < SWITCH_SCORE for c in candidates):
            general = fees_in_general(self.catalogue)  # "在大厅办医保这些事要收钱不": no matter in it
            if general is not None:
                return Turn([Message(general)], updates)
        if matter is None:
            updates["pending"] = aspect
            updates["candidates"] = [c.matter_id for c in candidates[:3]] or None
            # What every matter offered has in common, told before asking which one
            shown_region = updates["region"] if "region" in updates else slots.get("region")
            if aspect == "where" and len(candidates) > 1:
                ask_prefix += self._one_place_for_all(candidates[:3], shown_region, known_type)
            if aspect == "online" and len(candidates) > 1:
                ask_prefix += self._one_online_way_for_all(candidates[:3], shown_region, known_type)
            if aspect == "materials" and len(candidates) > 1 and ASKS_PROOF_OF_IDENTITY.search(understood.text):
                ask_prefix += self._one_proof_of_identity_for_all(candidates[:3], shown_region, known_type)
            question = self._which_matter(candidates)
            return Turn([Message(ask_prefix + question.text, question.buttons)], updates)

        if intent == "inform" and (township or side) and not slots.get("pending") and matter.id in HOSPITAL_MATTERS:
            aspect = "hospital"  # "俺是王称堌的" after "帕金森能办慢性病不": the township tells where to go
        if remembered is not None and remembered.id != matter.id:
            updates["earlier_matters"] = [remembered.id, *(m for m in earlier if m not in (remembered.id, matter.id))][:3]
        updates["matter"] = matter.id
        updates["candidates"] = None
        state = {**slots, **updates}
        # Back to 濮阳县 after a question about 平顶山 or 河南省: say so, as the lists differ.
        back_to_county = bool(slots.get("region")) and slots.get("region") != "puyang" \
            and "region" in updates and updates["region"] is None
        if intent in INTENT_ASPECTS:
            joined = self._joined_matters(understood, matter)
            if joined:
                both = self._answer_each(joined, aspect, state, updates, back_to_county)
                if both is not None:
                    return both
        turn = self._answer(matter, aspect, state, updates, back_to_county, asked_text=understood.text)
        for other in also:
            if turn.slots.get("pending"):
                break  # a question was asked first: its answer comes before anything else
            if aspect == "eligibility" and may_not_apply(matter, state.get("person_type")):
                break  # the answer said the matter may not apply to them: no place to go to
            more = self._answer(matter, other, {**state, **turn.slots}, dict(turn.slots))
            turn = Turn(turn.messages + more.messages, {**more.slots, "aspect": aspect})
        return turn

    def _for_the_facility(self, text: str, matter: Optional[Matter], candidates: List[Candidate],
                          remembered: Optional[Matter], whole_match) -> Tuple[Optional[Matter], List[Candidate]]:
        """The 医疗机构 or the 零售药店 matter, when the message names one kind of facility:
        "药店想纳入医保定点" is the pharmacy's designation though its words are a hospital alias;
        "我们医院想申请医保定点" settles 医疗机构/零售药店申请定点; "药店呢" after 医疗机构费用结算 is
        the pharmacy's settlement; of the facility's two matters the whole message may pick one
        ("我说的医院申请定点 不是药店")."""
        ids = facility_named(text)
        if ids is None:
            kind = facility_of(remembered.id if remembered else None)
            if matter is not None and kind and matter.id in FACILITY_MATTERS and matter.id not in kind:
                # "定点以后每个月结算去哪报" after 零售药店申请定点: the pharmacy's settlement
                return self.catalogue.matter(counterpart(matter.id, kind)), candidates
            if matter is None and kind and candidates and all(c.matter_id in FACILITY_MATTERS for c in candidates):
                # "以后每月结算申请几号交" after 零售药店申请定点: the same kind of facility's settlement
                fitting = [c for c in candidates if c.matter_id in kind]
                if len(fitting) == 1:
                    return self.catalogue.matter(fitting[0].matter_id), []
            return matter, candidates
        if matter is not None:
            other = counterpart(matter.id, ids)
            return (self.catalogue.matter(other) if other else matter), candidates
        fitting = [c for c in candidates if c.matter_id in ids]
        if fitting and not all(c.matter_id in FACILITY_MATTERS for c in candidates):
            # "我是诊所的会计 医保每个月结算啥时候报": a facility that is no place a patient is treated in
            # ("医院" may be) speaks for itself, beside a patient's matter (住院费用报销)
            speaks_for_itself = INSTITUTIONS.search(text) and len(fitting) == 1 and not any(
                c.matter_id in FACILITY_MATTERS and c.matter_id not in ids for c in candidates)
            return (self.catalogue.matter(fitting[0].matter_id), []) if speaks_for_itself else (matter, candidates)
        if not fitting:
            return matter, candidates
        if len(fitting) == 1 or 0 < fitting[1].score * CLEAR_LEAD <= fitting[0].score:
            return self.catalogue.matter(fitting[0].matter_id), []
        other = counterpart(remembered.id, ids) if remembered is not None else None
        if other:
            return self.catalogue.matter(other), []
        whole = [c for c in whole_match() if c.matter_id in ids]
        if whole and (len(whole) == 1 or whole[0].score >= whole[1].score * CLEAR_LEAD):
            return self.catalogue.matter(whole[0].matter_id), []
        return matter, fitting

    def _for_a_child(self, text: str, matter: Optional[Matter], candidates: List[Candidate]
                     ) -> Tuple[Optional[Matter], List[Candidate]]:
        """"想给娃办个医保": of the enrolments, a child's is 城乡居民参保登记 (72号 is for employees),
        unless the words say the child works ("孩子刚入职 给他上职工医保")."""
        named = {matter.id} if matter is not None else {c.matter_id for c in candidates}
        if not vocabulary.CHILD.search(fold(text)) or vocabulary.person_type(text) not in (None, "城乡居民"):
            return matter, candidates
        if named and named <= set(ENROLMENTS):
            return self.catalogue.matter("resident_enrollment"), []
        if matter is None and "resident_enrollment" in named and about_childs_own_scheme(text):
            # "那孩子的医保还用单独去办吗" among 生育医疗费/参保登记/…: the child's own enrolment
            return self.catalogue.matter("resident_enrollment"), []
        return matter, candidates

    def _the_one_doing(self, text: str, candidates: Sequence[Candidate]) -> Optional[Matter]:
        """"户口迁了 居民医保上的地址要改" between 城乡居民参保登记 and its 信息变更登记: the change;
        "能给俺查查俺交没交医保不" between 参保登记 and 参保信息查询: the query."""
        for words, in_name in ASKED_ACTIONS:
            doing = [c for c in candidates if in_name in self.catalogue.matter(c.matter_id).name]
            if len(candidates) > 1 and len(doing) == 1 and words.search(text):
                return self.catalogue.matter(doing[0].matter_id)
        return None

    def _case_of(self, matter: Matter, understood: Understanding, slots: Dict[str, Any],
                 person_type: Optional[str]) -> bool:
        """Whether every matter span of the message is words of one case or note of this matter."""
        spans = [fold(understood.texts_of(e)) for e in understood.told() if e.get("entity") == "matter"]
        fact = self.detail_asked(matter, understood.text, slots.get("region"), person_type) \
            or self.details.case_asked(matter, understood.text, slots.get("region"), person_type)
        return bool(spans) and fact is not None and all(span in fact_words(fact) for span in spans)

    def _for_the_residence(self, text: str, matter: Optional[Matter], candidates: List[Candidate]
                           ) -> Tuple[Optional[Matter], List[Candidate]]:
        """Among the 备案 for living elsewhere: 异地安置 is for retirees whose 户籍 moved there (its
        服务对象), so "户口没迁过去" is 异地长期居住; a retiree is not 派驻异地工作."""
        if matter is not None or len(candidates) < 2:
            return matter, candidates
        ids = [c.matter_id for c in candidates]
        if "posted_worker_filing" in ids and SENT_BY_EMPLOYER.search(text) and not re.search("转诊|转院", text):
            # "单位派俺去郑州项目部 得待两三年…要备案不" beside 异地转诊: the one the employer sends
            return self.catalogue.matter("posted_worker_filing"), []
        if "retiree_relocation_filing" in ids and RETIRED.search(text) and RESIDENCE_MOVED.search(text) \
                and not RESIDENCE_NOT_MOVED.search(text):
            # "俺是退休职工，户口已经迁到广州…医保要办啥手续" beside 职工参保登记/转移接续: 异地安置
            return self.catalogue.matter("retiree_relocation_filing"), []
        if not set(ids) <= set(LIVING_ELSEWHERE_FILINGS):
            return matter, candidates
        keep = set(ids)
        if RESIDENCE_NOT_MOVED.search(text):
            keep.discard("retiree_relocation_filing")
        if RETIRED.search(text) and not POSTED.search(text):
            keep.discard("posted_worker_filing")
        kept = [c for c in candidates if c.matter_id in keep]
        if len(kept) == 1:
            return self.catalogue.matter(kept[0].matter_id), []
        return None, kept or candidates

    def _joined_matters(self, understood: Understanding, matter: Matter) -> List[Matter]:
        """"门诊报销和住院报销去哪个窗口": the matters of spans joined by 和/跟/、, each named
        outright, when the one already chosen is among them. Empty unless there are two or more."""
        spans = sorted((e for e in understood.told() if e.get("entity") == "matter" and e.get("start") is not None),
                       key=lambda e: e["start"])
        found: List[Matter] = []
        for before, span in zip([None] + spans, spans):
            if before is not None and not JOINS.match(understood.text[before["end"]:span["start"]]):
                return []
            named = resolve(self._match(understood.text[span["start"]:span["end"]]))
            if named.kind != "one" or named.candidates[0].score < COVERED_SCORE:
                return []
            one = self.catalogue.matter(named.candidates[0].matter_id)
            if one.id not in {m.id for m in found}:
                found.append(one)
        return found if len(found) >= 2 and matter.id in {m.id for m in found} else []

    def _answer_each(self, matters: List[Matter], aspect: str, state: Dict[str, Any], updates: Dict[str, Any],
                     back_to_county: bool) -> Optional[Turn]:
        """One answer per matter; None when one of them needs a question first (then the first is
        answered the usual way). A follow-up ("要带啥") is then asked which of them it is about."""
        messages = []
        for matter in matters:
            turn = self._answer(matter, aspect, {**state, "matter": matter.id}, dict(updates), back_to_county)
            if any(m.buttons for m in turn.messages):
                return None
            messages += turn.messages
            back_to_county = False
        return Turn(messages, {**updates, "matter": None, "candidates": [m.id for m in matters],
                               "aspect": aspect, "pending": None})

    def _answer_offered(self, offered: List[Matter], text: str, intent: str, state: Dict[str, Any],
                        updates: Dict[str, Any]) -> Turn:
        """A question asked under offered choices without picking one ("那要带啥" under 职工/城乡居民
        参保登记): answered for each of them, each under its own name; the choices stay on offer."""
        aspect = INTENT_ASPECTS[intent]
        if ASKS_AMOUNT.search(text):
            aspect = "amount"
        elif WHEN_TO_APPLY.search(text):
            aspect = "apply_period"
        elif aspect in ("general", "hospital"):
            aspect = "where"
        side = state.get("road_side") if state.get("road_side") in ("east", "west") else None
        messages = [Message(aspect_answer(self.catalogue, matter, aspect, region=state.get("region"),
                                          person_type=state.get("person_type"), side=side)) for matter in offered[:3]]
        messages.append(Message("以上分别是这几项的说明。您要办的是哪一项？点一下可以看它的全部办事指南：", [
            (matter.name, payload("ask_matter", matter=matter.id)) for matter in offered[:3]]))
        return Turn(messages, {**updates, "matter": None, "candidates": [m.id for m in offered[:3]],
                               "aspect": aspect, "pending": aspect})

    def _offices_asked(self, text: str) -> List[str]:
        """The offices whose location a message asks, when it asks nothing else ("医保中心在啥地方？
        我要办转诊备案" asks where 转诊备案 is done: empty)."""
        if text.startswith("/") or not ASKS_LOCATION.search(text):
            return []
        named = [ids for words, ids in OFFICE_NAMES if words.search(text)]
        if not named:
            return []
        rest = text
        for words, _ in OFFICE_NAMES:
            rest = words.sub("", rest)
        return list(named[0]) if self._names_no_other_matter(self._whole_match(rest)) else []

    def _without_scheme_spans(self, understood: Understanding, slots: Dict[str, Any]
                              ) -> Tuple[Understanding, List[str]]:
        """A matter span that only names the scheme ("城乡居民医保", "职工医保") says who the asker
        is, not what they want, beside another span ("俺是城乡居民医保，能办异地备案不") or in an
        eligibility question right after a matter ("那俺老婆是城乡居民医保，她做能报不")."""
        spans = [e for e in understood.told() if e.get("entity") == "matter"]
        scheme = [e for e in spans if SCHEME_ONLY.match(fold(understood.texts_of(e)))]
        if not scheme or (len(scheme) == len(spans) and not (
                slots.get("matter") and understood.intent in ("ask_eligibility", "inform"))):
            return understood, []
        return (Understanding(understood.intent, understood.text, [e for e in understood.entities if e not in scheme]),
                [understood.texts_of(e) for e in scheme])

    @staticmethod
    def _scheme_words_of_person_type(understood: Understanding) -> List[str]:
        """The scheme names ("城乡居民医保") holding a span the NLU tagged as the person type, unless
        joining the scheme is what is asked ("给俩娃办城乡居民医保")."""
        spans = [(e["start"], e["end"]) for e in understood.told()
                 if e.get("entity") == "person_type" and e.get("start") is not None]
        return [m.group(0) for m in SCHEME_WORDS.finditer(understood.text)
                if any(m.start() <= a and b <= m.end() for a, b in spans)
                and not ENROLS_IN.search(understood.text[:m.start()])
                and not ENROLS_AFTER.search(understood.text[m.end():])]

    @staticmethod
    def _without_filing_done(understood: Understanding) -> Understanding:
        """"俺在北京住院 备案了也结算不了": a filing already done when settlement failed is what
        happened, not what is asked (异地就医直接结算问题协调服务, not one of the 备案)."""
        if not SETTLEMENT_FAILED.search(understood.text):
            return understood
        done = [m.span() for m in FILING_DONE.finditer(understood.text)]
        inside = [e for e in understood.told() if e.get("entity") == "matter" and e.get("start") is not None
                  and any(a <= e["start"] and e["end"] <= b for a, b in done)]
        if not inside:
            return understood
        return Understanding(understood.intent, understood.text, [e for e in understood.entities if e not in inside])

    @staticmethod
    def _without_enrolment_said_in_passing(understood: Understanding) -> Understanding:
        """"…听人说新生儿当年是自动参保的 这钱还能报不": in a question about a bill, "参保", "登记" or
        "结算" ("住院的钱没结算上") alone tells how things stand; the whole message says which bill."""
        if not ASKS_REIMBURSEMENT.search(understood.text):
            return understood
        said = [e for e in understood.told() if e.get("entity") == "matter"
                and fold(understood.texts_of(e)) in ("参保", "登记", "结算")]
        if not said:
            return understood
        return Understanding(understood.intent, understood.text, [e for e in understood.entities if e not in said])

    @staticmethod
    def _insured_under(understood: Understanding, e: Dict[str, Any]) -> bool:
        """"…去几号窗口 我是居民医保": a scheme's name said as the scheme one is under."""
        if e.get("start") is None or not SCHEME_ONLY.match(fold(understood.texts_of(e))):
            return False
        # the scheme's whole name, where the span holds only part of it ("参加的是城乡[居民医保]")
        start = min([e["start"], *(m.start() for m in SCHEME_WORDS.finditer(understood.text)
                                   if m.start() <= e["start"] < m.end())])
        return bool(INSURED_BY.search(understood.text[:start]))

    @staticmethod
    def _without_person_spans(understood: Understanding) -> Understanding:
        """A matter span that only describes the person ("退休职工" in "他以前是厂里的退休职工，
        听人说医保卡里头的钱能取出来") names no matter: the whole message decides."""
        person_only = [e for e in understood.told() if e.get("entity") == "matter"
                       and (not vocabulary.without_person_words(fold(understood.texts_of(e))).strip()
                            or Conversation._insured_under(understood, e))]
        if not person_only:
            return understood
        return Understanding(understood.intent, understood.text,
                             [e for e in understood.entities if e not in person_only])

    def _parallel_matter(self, remembered: Matter, candidates: List[Candidate]) -> Optional[Matter]:
        """The candidate built like the matter being corrected: after 住院费用报销, "不是住院，是门诊"
        means 门诊费用报销 (they share "费用报销"), not 门诊慢特病认定. None unless one shares most."""
        def shared(c: Candidate) -> int:
            name = self.catalogue.matter(c.matter_id).name
            return SequenceMatcher(None, remembered.name, name).find_longest_match().size
        ranked = sorted(((shared(c), c) for c in candidates if c.matter_id != remembered.id),
                        key=lambda pair: -pair[0])
        if ranked and ranked[0][0] >= 2 and (len(ranked) == 1 or ranked[1][0] < ranked[0][0]):
            return self.catalogue.matter(ranked[0][1].matter_id)
        return None

    def _fit_person_type(self, candidates: List[Candidate], person_type: str) -> Tuple[Optional[Matter], List[Candidate]]:
        """"城乡居民改参保信息": of 职工/城乡居民/单位参保信息变更, only one serves a resident. When
        none names the group ("职工身份证号录错了": 职工参保信息变更登记 is filed by the 单位), the one
        whose name holds it."""
        fitting = [c for c in candidates if self._serves(self.catalogue.matter(c.matter_id), person_type)]
        if not fitting:
            fitting = [c for c in candidates if names_group(self.catalogue.matter(c.matter_id).name, person_type)]
        if len(fitting) == 1:
            return self.catalogue.matter(fitting[0].matter_id), []
        return None, fitting or candidates

    def _serves(self, matter: Matter, person_type: str) -> bool:
        """Whether a matter may serve this kind of person: its 濮阳县 服务对象 names this group,
        or names none of 居民/职工/单位 ("参保个人")."""
        serves = matter.variant(None).serves
        ours = person_group(person_type)
        if serves is None or ours is None:
            return False
        # "不属于职工基本医疗保险参保范围的城乡居民" names 职工 only to leave them out
        text = NOT_OF_GROUP.sub("", serves.text)
        named = [w for w in ("居民", "职工", "单位") if w in text]
        if matter.id in FACILITY_MATTERS and ours in ("居民", "职工"):
            return False  # a hospital's or a pharmacy's own business, not a patient's
        if ours == "单位" and not named and re.search("个人|人员", text):
            return False  # "参保个人", "参保人员": people, not an employer
        return ours in named or not named

    @staticmethod
    def _names_no_other_matter(matches: List[Candidate]) -> bool:
        return not matches or matches[0].score < SWITCH_SCORE

    def _hospital_matter(self, text: str, remembered: Optional[Matter]) -> Optional[Matter]:
        folded = fold(text)
        if re.search("转诊|转院|转外|转到", folded):
            return self.catalogue.matter("referral_filing")
        if re.search("慢|特病|重特大|大病|认定|鉴定", folded):
            return self.catalogue.matter("chronic_disease_certification")
        if remembered and remembered.id in HOSPITAL_MATTERS:
            return remembered
        return None

    def detail_asked(self, matter: Matter, question: str, region: Optional[str] = None,
                     person_type: Optional[str] = None) -> Optional[Fact]:
        """"纸质发票丢了 只有电子发票中不": the one material or note of the matter it asks about."""
        return self.details.detail_asked(matter, question, region, person_type) if question else None

    def _cited(self, fact: Fact) -> str:
        notes = SourceNotes(self.catalogue)
        notes.add(fact.src)
        return f"关于您问的：{fact.when + '：' if fact.when else ''}{fact.text}\n{notes.line()}"

    def _answer(self, matter: Matter, aspect: str, state: Dict[str, Any], updates: Dict[str, Any],
                back_to_county: bool = False, asked_text: str = "") -> Turn:
        person_type = state.get("person_type")
        if matter.id == "resident_enrollment" and vocabulary.CHILD.search(fold(asked_text)) \
                and person_group(person_type) != "居民":
            person_type = None  # a child's enrolment: a parent's 职工 told before is not the child's
        region = state.get("region")
        group = person_group(person_type)
        if (matter.id, group) in COUNTERPARTS:  # "改身份证号" first read as 职工, then "俺是农村的"
            matter = self.catalogue.matter(COUNTERPARTS[(matter.id, group)])
            updates["matter"] = matter.id
        variant = matter.variant(region)
        caution = ""
        if may_not_apply(matter, person_type) and variant.serves:
            caution = (f"注意：指南写明“{matter.name}”的服务对象是：{variant.serves.text}。您是城乡居民，这项可能不适用，"
                       f"请拨打濮阳县医保监督电话 {SUPERVISION_PHONE} 确认。\n")
        if aspect == "hospital":
            if matter.id not in HOSPITAL_MATTERS:
                aspect = "where"
        if aspect in PERSON_DEPENDENT and person_type is None:
            options = self._person_type_options(matter, region, aspect)
            if options:
                updates["pending"] = aspect
                return Turn([Message(f"办理“{matter.name}”，不同人员的办理地点或材料不同。请问您是？",
                                     [(o, payload("inform", person_type=o)) for o in options])], updates)
        side, township_note = None, ""
        uses_road_rule = any(p == "hospital_by_106" for e in variant.where if e.applies_to(person_type)
                             for p in e.places)
        if uses_road_rule and aspect in ("where", "hospital", "general") and person_type is not None:
            side, township_note, question = self._side(state)
            if question:
                updates["pending"] = aspect
                # Cases assessed at the 乡镇卫生院 whatever the side (4 慢性病 for the rural poor): said now
                elsewhere = [n.text for n in variant.notes if n.applies_to(person_type) and "乡镇卫生院" in n.text]
                if elsewhere:
                    question = Message(question.text + "\n注意：" + "\n注意：".join(elsewhere), question.buttons)
                return Turn([question], updates)
        shown = "where" if aspect == "hospital" else aspect
        text = aspect_answer(self.catalogue, self._for_the_case(matter, region, person_type, asked_text) if shown == "where"
                             else matter, shown, region=region, person_type=person_type, side=side)
        if township_note:
            text = township_note + "\n" + text
        detail = self.detail_asked(matter, asked_text, region, person_type) if aspect != "general" else None
        if detail is None and aspect == "eligibility" and asked_text:
            detail = self.details.case_asked(matter, asked_text, region, person_type)  # "我已经离职了还能报不"
        if detail and fold(detail.text) not in fold(text):
            text = self._cited(detail) + "\n" + text  # the detail asked, not in the aspect's answer, first
        text = caution + text
        if back_to_county:
            text = "（以下按濮阳县的办事指南回答）\n" + text
        updates["aspect"] = aspect
        updates["pending"] = None
        return Turn([Message(text)], updates)

    @staticmethod
    def _for_the_case(matter: Matter, region: Optional[str], person_type: Optional[str], text: Optional[str]) -> Matter:
        """"想办重特大疾病认定，搁哪" for a 职工: only the place for 重特大疾病 (医疗服务部), not the
        69号窗口 of 慢性病 as well; the matter as it is when the question names no one case."""
        if not text or not SERIOUS_ILLNESS.search(text):
            return matter  # ("慢性病卡" is said of 门诊慢特病 as a whole: both places are told)
        case = "重特大"
        variant = matter.variant(region)
        entries = [e for e in variant.where if e.applies_to(person_type)]
        dropped = [e for e in entries if e.when and case not in e.when]
        if not dropped or len(dropped) == len(entries):
            return matter
        key = next(k for k, v in matter.variants.items() if v is variant)
        kept = variant.copy(update={"where": [e for e in variant.where if all(e is not d for d in dropped)]})
        return matter.copy(update={"variants": {**matter.variants, key: kept}})

    def _person_type_options(self, matter: Matter, region: Optional[str], aspect: str) -> List[str]:
        variant = matter.variant(region)
        entries = list(variant.where) if aspect in ("where", "hospital") else list(variant.materials)
        found: List[str] = []
        for entry in entries:
            for person_type in entry.for_:
                if person_type not in found:
                    found.append(person_type)
        # One person type alone is a restriction, not a choice: answer without asking.
        return found if len(found) > 1 else []

    def _side(self, state: Dict[str, Any]) -> Tuple[Optional[str], str, Optional[Message]]:
        """The side of 106国道 for the 106国道 rule, a note on how it is known, or a question."""
        side = state.get("road_side")
        buttons = [("106国道以东", payload("inform", road_side="east")),
                   ("106国道以西", payload("inform", road_side="west")),
                   ("不清楚", payload("inform", road_side="unknown"))]
        if side in ("east", "west"):
            return side, "", None
        if side == "unknown":  # both hospitals, each with its side, and whom to ask
            return None, f"不清楚家在106国道哪一侧的，可拨打濮阳县医保监督电话 {SUPERVISION_PHONE} 咨询。", None
        township = self.catalogue.township(state["township"]) if state.get("township") else None
        if township is None:
            return None, "", Message("城乡居民按所在乡镇位于106国道哪一侧确定医院。请问您住在106国道以东还是以西？"
                                     "（也可以直接告诉我乡镇名）", buttons)
        if township.side in ("east", "west"):
            return township.side, side_note(township), None
        if township.side == "straddles":
            return None, "", Message(f"106国道从{township.name}穿过，两侧去的医院不同。请问您家在国道以东还是以西？",
                                     buttons)
        return None, "", Message(f"暂时无法确定{township.name}在106国道哪一侧。请问您家在国道以东还是以西？"
                                 f"（不确定可拨打 {SUPERVISION_PHONE} 咨询）", buttons)

    def _one_place_for_all(self, candidates: List[Candidate], region: Optional[str], person_type: Optional[str]) -> str:
        """"新招了仨人 给他们上医保去哪个窗口" between 职工参保登记 and 单位参保登记: where both are
        done at the one same place, the place is told before asking which one."""
        notes = SourceNotes(self.catalogue)
        places = set()
        for c in candidates:
            lines = where_lines(self.catalogue, self.catalogue.matter(c.matter_id).variant(region), person_type, notes)
            if len(lines) != 1:
                return ""
            places.add(lines[0])
        if len(places) != 1:
            return ""
        names = "、".join(self.catalogue.matter(c.matter_id).name for c in candidates)
        return f"{names}都在{places.pop()}办理（{notes.line()}）。\n"

    def _one_online_way_for_all(self, candidates: List[Candidate], region: Optional[str],
                                person_type: Optional[str]) -> str:
        """"异地就医备案 能在手机上办不" among the 备案 matters: where the guide lists the same ways
        online for each, they are told before asking which one."""
        notes = SourceNotes(self.catalogue)
        ways, guides = set(), set()
        for c in candidates:
            matter = self.catalogue.matter(c.matter_id)
            variant = matter.variant(region)
            online = online_variant(matter, variant)
            lines = online_lines(online.online, person_type, notes) if online else []
            if not lines:
                return ""
            ways.add("\n".join(lines))
            guides.add(next(name for name, v in matter.variants.items() if v is online))
        if len(ways) != 1 or len(guides) != 1:
            return ""
        names = "、".join(self.catalogue.matter(c.matter_id).name for c in candidates)
        return f"{names}都可以网上办理（据{guide_name(guides.pop())}）：\n{ways.pop()}\n（{notes.line()}）\n"

    def _one_proof_of_identity_for_all(self, candidates: List[Candidate], region: Optional[str],
                                       person_type: Optional[str]) -> str:
        """"那没卡了 去报销还能用啥证" between the 报销 matters: where each one's first material is
        the same proof of identity, it is told before asking which one."""
        notes = SourceNotes(self.catalogue)
        proofs = set()
        for c in candidates:
            variant = self.catalogue.matter(c.matter_id).variant(region)
            first = next((f for f in variant.materials if f.applies_to(person_type) and not f.when), None)
            if first is None or not PROOF_OF_IDENTITY.search(first.text):
                return ""
            notes.add(first.src)
            proofs.add(first.text)
        if len(proofs) != 1:
            return ""
        names = "、".join(self.catalogue.matter(c.matter_id).name for c in candidates)
        return f"{names}都要带：{proofs.pop()}（{notes.line()}）。\n"

    def _which_matter(self, candidates: List[Candidate]) -> Message:
        if candidates:
            return Message("您问的是下面哪一项？", [
                (self.catalogue.matter(c.matter_id).name, payload("inform", matter=c.matter_id))
                for c in candidates[:3]])
        return Message("请问您想办哪项医保业务？可以直接说，比如“门诊费用怎么报销”，或点下面的常见业务：", [
            (self.catalogue.matter(m).name, payload("inform", matter=m)) for m in MENU_MATTERS])

    @staticmethod
    def _aspect_choices(matter: Matter) -> Message:
        return Message(f"我不太确定您的意思。关于“{matter.name}”，您想了解哪一方面？", [
            (title, payload(intent, matter=matter.id)) for title, intent in ASPECT_CHOICES])

    def _unsure(self, understood: Understanding, remembered: Optional[Matter] = None) -> Turn:
        """Low confidence: suggest up to three matters, never answer one outright. Right after a
        matter ("自己摔的，没找交警" after 住院费用报销) a message naming no other matter is
        about it: which of its aspects is asked."""
        if remembered is not None and self._names_no_other_matter(self._whole_match(understood.text)):
            return Turn([self._aspect_choices(remembered)], {})
        candidates = [c for c in self._match(understood.text) if c.score >= 3.0]
        if not candidates and INITIALS.match(understood.text.strip()):
            # "mzbx": a hotline agent's pinyin initials, as the console's lookup reads them
            candidates = self.matcher.match_initials(understood.text.strip())
        ids = facility_named(understood.text) or facility_of(remembered.id if remembered else None)
        if ids:  # "开了个诊所，想申请医保定点…": no pharmacy matter among the suggestions
            candidates = [c for c in candidates if c.matter_id not in FACILITY_MATTERS or c.matter_id in ids]
        candidates = candidates[:3]
        if candidates:
            return Turn([Message("我不太确定您的意思，您是想问下面哪一项吗？", [
                (self.catalogue.matter(c.matter_id).name, payload("ask_matter", matter=c.matter_id))
                for c in candidates])], {"candidates": [c.matter_id for c in candidates]})
        # Unsure is not out of scope ("你会些什么" may just be worded unusually): say what is covered.
        return Turn([Message("抱歉，我没太明白您的意思。" + COVERED + "您可以换个说法再问，或点下面的常见业务；"
                             f"也可拨打濮阳县医保监督电话 {SUPERVISION_PHONE}。",
                             [(self.catalogue.matter(m).name, payload("ask_matter", matter=m)) for m in MENU_MATTERS])],
                    {})


COVERED = ("我能解答濮阳县医保经办业务：参保登记和信息变更、参保查询和参保凭证、转移接续、异地就医备案、门诊慢特病认定、"
           "门诊和住院费用报销、生育保险待遇、医疗救助报销、定点医药机构业务。")


def out_of_scope_text() -> str:
    return ("抱歉，这个问题不在我能解答的范围。" + COVERED.replace("我能解答", "我只解答") +
            f"养老保险、公积金等请咨询相关部门；医保问题也可拨打濮阳县医保监督电话 {SUPERVISION_PHONE}。")
