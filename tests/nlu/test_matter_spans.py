"""DIET's matter spans cut to the words that name the matter (bot/matter_spans.py), with the real
catalogue and the real tokenizer. Each case gives the span DIET might return and the span the
guideline in tests/nlu/heldout/README.md asks for."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.matcher import MatterMatcher
from bot.matter_spans import MatterSpans


@pytest.fixture(scope="module")
def spans(catalogue):
    return MatterSpans(MatterMatcher(catalogue))


def clean(spans, tokenizer, text, *found, others=()):
    """The matter words left after cleaning, when DIET found the words `found` in `text`."""
    entities = [{"entity": "matter", "start": text.index(w), "end": text.index(w) + len(w), "value": w,
                 "extractor": "DIETClassifier"} for w in found]
    entities += [dict(e, extractor="DIETClassifier") for e in others]
    tokens = [(t.start, t.end) for t in tokenizer.tokenize(Message(data={"text": text}), "text")]
    return spans.clean(text, entities, tokens)


def words(entities, kind="matter"):
    return [e["value"] for e in entities if e["entity"] == kind]


@pytest.mark.parametrize("text, found, expected", [
    ("俺想办门诊慢特病认定去哪", "门诊慢特病", "门诊慢特病认定"),   # the action word after it
    ("俺家是清河头的 慢病认定找哪个医院", "慢病", "慢病认定"),
    ("产检报销要带啥", "产检", "产检报销"),
    ("俺开了个诊所 能申请定点不", "定点", "申请定点"),             # 申请 before 定点
    ("村卫生室申请医保定点咋弄", "定点", "卫生室申请医保定点"),     # and who applies
    ("俺爹走了 个人账户的钱咋取", "个人账户的钱", "个人账户"),       # not the money after it
    ("异地就医直接结算的问题找谁", "异地就医直接结算的问题", "异地就医直接结算"),
    ("灵活就业的能交职工医保不", "交职工医保", "职工医保"),         # not the verb before it
    ("我去年开始是灵活就业交的职工医保", "的职工医保", "职工医保"),   # nor a 的
    ("网上能出具参保凭证不", "出具参保凭证", "参保凭证"),
    ("想登记个异地安置备案", "个异地安置备案", "异地安置备案"),
    ("门诊报销按啥标准算", "门诊报销按", "门诊报销"),             # nor what is asked after it
    ("异地安置备案有啥要求", "异地安置备案有", "异地安置备案"),
    ("慢特病认定申请交上去多久有信儿", "慢特病认定申请", "慢特病认定"),  # 申请 after the action word
    ("药店定点申请交到哪", "药店定点申请", "药店定点申请"),           # but not before it
    ("梁庄的转院证明找哪家医院", "转院", "转院证明"),             # a referral's paper
    ("转诊单子在哪开", "转诊", "转诊单子"),
])
def test_a_span_is_cut_or_grown_to_the_words_naming_the_matter(spans, tokenizer, text, found, expected):
    assert words(clean(spans, tokenizer, text, found)) == [expected]


@pytest.mark.parametrize("text, found", [
    ("俺娘走了 医保卡里的钱咋取", "医保卡里的钱"),   # the money in the card is what is asked for
    ("交新农合的话要带户口本不", "交新农合"),        # without 交 it is only the scheme's name
    ("住院报销要带啥", "住院报销"),
])
def test_a_span_already_naming_the_matter_is_kept_as_it_is(spans, tokenizer, text, found):
    (entity,) = clean(spans, tokenizer, text, found)
    assert entity["value"] == found and "processors" not in entity


@pytest.mark.parametrize("text, found", [
    ("备案可以线上办吗", "备案"),              # names no single matter
    ("报销的咨询电话是多少", "报销"),
    ("单位倒闭了 我的医保怎么办", "医保"),
])
def test_a_generic_word_is_no_matter_span_but_is_kept_for_the_dialogue(spans, tokenizer, text, found):
    entities = clean(spans, tokenizer, text, found)
    assert words(entities) == [] and words(entities, "matter_word") == [found]


@pytest.mark.parametrize("text, found", [
    ("退休职工办长期居住备案找谁", "退休职工"),  # who asks, not what
    ("要个参保凭证 咋开", "个"),               # nothing in the catalogue
    ("不是，我说错了，我参加的是城乡居民医保", "参加"),  # a verb alone
    ("俺腿脚不好不想跑回濮阳 能不能搁手机上办", "濮阳"),  # a place alone
    ("人家没出事故认定书咋办", "认定书"),             # a document, not a 认定 matter
])
def test_a_word_naming_no_matter_at_all_is_dropped(spans, tokenizer, text, found):
    assert clean(spans, tokenizer, text, found) == []


def test_a_generic_word_split_off_the_name_is_joined_back(spans, tokenizer):
    entities = clean(spans, tokenizer, "想预约办医保转移", "医保", "转移")
    assert words(entities) == ["医保转移"] and words(entities, "matter_word") == []


def test_a_span_inside_a_grown_one_is_dropped(spans, tokenizer):
    assert words(clean(spans, tokenizer, "医院申请定点的程序", "医院", "定点")) == ["医院申请定点"]


def test_a_changed_span_keeps_its_extractor_and_names_this_step(spans, tokenizer):
    (entity,) = clean(spans, tokenizer, "慢特病认定的政策依据", "慢特病")
    assert (entity["start"], entity["end"], entity["value"]) == (0, 5, "慢特病认定")
    assert entity["extractor"] == "DIETClassifier" and entity["processors"] == ["MatterSpanCleaner"]


def test_other_entities_are_left_alone(spans, tokenizer):
    text = "俺是职工 住在柳屯 住院报销咋办"
    others = [{"entity": "person_type", "start": 2, "end": 4, "value": "职工"},
              {"entity": "township", "start": 7, "end": 9, "value": "柳屯"}]
    entities = clean(spans, tokenizer, text, "住院报销", others=others)
    assert words(entities) == ["住院报销"] and words(entities, "person_type") == ["职工"]
    assert words(entities, "township") == ["柳屯"]


def test_a_grown_span_overlaps_nothing(spans, tokenizer):
    # "长期居住" grows over the "备案" DIET tagged apart: one span, and no generic word beside it
    entities = clean(spans, tokenizer, "听人说办个长期居住备案就能直接刷卡", "长期居住", "备案")
    assert [(e["entity"], e["value"]) for e in entities] == [("matter", "长期居住备案")]
    # nor over another entity: "诊所" told as who asks stays a person type
    text = "俺们诊所申请定点咋弄"
    entities = clean(spans, tokenizer, text, "定点",
                     others=[{"entity": "person_type", "start": 2, "end": 4, "value": "诊所"}])
    assert words(entities) == ["申请定点"] and words(entities, "person_type") == ["诊所"]


@pytest.mark.parametrize("text, found, meant, denied", [
    ("不是门诊报销，我问的是住院报销", ("门诊报销", "住院报销"), ["住院报销"], ["门诊报销"]),
    ("搞错了，俺说的是生育津贴不是一次性生育补助金", ("生育津贴", "一次性生育补助金"), ["生育津贴"], ["一次性生育补助金"]),
    ("弄错了，应该是常驻异地工作备案，不是那个临时外出就医备案", ("常驻异地工作备案", "临时外出就医备案"),
     ["常驻异地工作备案"], ["临时外出就医备案"]),
    ("是不是门诊报销在69号窗口", ("门诊报销",), ["门诊报销"], []),   # asks, denies nothing
])
def test_a_matter_denied_is_no_matter_span_but_is_kept_apart_for_the_dialogue(spans, tokenizer, text, found,
                                                                             meant, denied):
    entities = clean(spans, tokenizer, text, *found)
    assert words(entities) == meant
    assert words(entities, "matter_denied") == denied


@pytest.mark.parametrize("text, found, expected", [
    # a word that only hints at the matter named beside it
    ("剖腹产住院花了一万多 生育医疗费报销带啥", ("剖腹产", "生育医疗费报销"), ["生育医疗费报销"]),
    ("我没上班 生孩子能领一次性生育补助金不", ("孩子", "一次性生育补助金"), ["一次性生育补助金"]),
    # two matters named: both stay
    ("生育津贴跟生育医疗费有啥不一样", ("生育津贴", "生育医疗费"), ["生育津贴", "生育医疗费"]),
    ("办完转移接续还要开参保凭证不", ("转移接续", "参保凭证"), ["转移接续", "参保凭证"]),
])
def test_one_matter_is_one_span(spans, tokenizer, text, found, expected):
    assert words(clean(spans, tokenizer, text, *found)) == expected


def test_a_name_split_in_two_is_joined(spans, tokenizer):
    entities = clean(spans, tokenizer, "生育医疗费用报销带啥", "生育", "医疗费用报销")
    assert [(e["value"], e["start"], e["end"]) for e in entities] == [("生育医疗费用报销", 0, 8)]
