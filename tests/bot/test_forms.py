"""The filing and review forms as a citizen goes through them: what is asked next, what a
bad answer is told, cancelling, giving up after three bad answers, editing."""
import pytest

from bot.filing import FilingForm
from bot.forms import OUTCOME, missing, take_answer
from bot.review import ReviewForm

ID = "11010519491231002X"


@pytest.fixture(scope="module")
def filing(catalogue):
    return FilingForm(catalogue)


def answer_all(spec, state, answers):
    """Answers each question in turn; returns the state and everything the citizen was told."""
    told = []
    for text in answers:
        slot = missing(spec, state)
        assert slot is not None, f"no question left for {text!r}"
        step = take_answer(spec, slot, text, state)
        state.update(step.updates)
        told += [m.text for m in step.messages]
    return state, told


def test_happy_path_asks_person_type_then_personal_details_and_reads_back_masked(filing):
    state = {"filing_matter": None}
    state, told = answer_all(filing, state, ["门诊费用报销", "城乡居民", "张三", ID, "13937112345", "没有"])
    assert told == []
    assert state["filing_matter"] == "outpatient_reimbursement" and state["filing_person_type"] == "城乡居民"
    assert missing(filing, state) == "filing_confirm"
    read_back = filing.prompt("filing_confirm", state).text
    assert "1101**********002X" in read_back and "139****2345" in read_back and ID not in read_back
    state, _ = answer_all(filing, state, ["确认提交"])
    assert state["filing_confirm"] == "yes" and missing(filing, state) is None


def test_a_matter_without_person_types_is_not_asked_about_them(filing):
    state, _ = answer_all(filing, {}, ["生育津贴"])
    assert missing(filing, state) == "filing_name"


def test_residents_hospital_matters_ask_the_township(filing):
    state, _ = answer_all(filing, {}, ["慢性病认定", "城乡居民"])
    assert missing(filing, state) == "filing_township"
    state, told = answer_all(filing, state, ["火星镇"])
    assert "没有找到这个乡镇" in told[0] and missing(filing, state) == "filing_township"
    state, _ = answer_all(filing, state, ["文留"])
    assert state["filing_township"] == "文留镇"


@pytest.mark.parametrize("slot_answers, bad, says", [
    (["生育津贴"], "张3", "姓名"),
    (["生育津贴", "张三"], "11010519491231002", "17位"),
    (["生育津贴", "张三"], "110105194912310021", "校验码"),
    (["生育津贴", "张三", ID], "1393711234", "11位"),
])
def test_a_bad_value_is_explained_and_asked_again_keeping_the_rest(filing, slot_answers, bad, says):
    state, _ = answer_all(filing, {}, slot_answers)
    asked = missing(filing, state)
    state, told = answer_all(filing, state, [bad])
    assert says in told[0] and "取消" in told[0]
    assert missing(filing, state) == asked
    assert state["filing_matter"] == "maternity_allowance" and state.get(OUTCOME) is None


def test_three_bad_answers_offer_the_phone_instead(filing):
    state, told = answer_all(filing, {}, ["生育津贴", "张三", "123", "456", "789"])
    assert state[OUTCOME] == "gave_up" and missing(filing, state) is None
    from bot.forms import ending_message
    assert "0393-8669566" in ending_message(filing, "gave_up").text


def test_cancel_at_any_point_ends_the_form(filing):
    state, _ = answer_all(filing, {}, ["生育津贴", "张三", "算了，不办了"])
    assert state[OUTCOME] == "cancelled" and missing(filing, state) is None


def test_edit_at_read_back_asks_the_details_again_and_keeps_the_matter(filing):
    state, _ = answer_all(filing, {}, ["生育津贴", "张三", ID, "13937112345", "没有", "修改"])
    assert missing(filing, state) == "filing_name" and state["filing_matter"] == "maternity_allowance"


def test_review_bad_level_asks_for_a_phone_unless_known(catalogue):
    review = ReviewForm(catalogue)
    state, _ = answer_all(review, {}, ["跳过", "非常不满意", "等了一个月"])
    assert missing(review, state) == "review_phone"
    known = {"known_phone": "13937112345"}
    state, _ = answer_all(review, known, ["72号窗口", "不满意", "跳过"])
    assert missing(review, state) is None and state["review_subject"] == "72号窗口"


def test_review_good_level_needs_no_phone(catalogue):
    review = ReviewForm(catalogue)
    state, told = answer_all(review, {}, ["跳过", "很好", "没有"])
    assert state["review_level"] == "满意" and missing(review, state) is None and told == []
    state, told = answer_all(review, {}, ["跳过", "还凑合吧"])
    assert state["review_level"] == "基本满意"


def test_a_stored_filing_says_when_the_hospital_rests_on_an_inferred_side(filing, records):
    from bot.records import FilingDraft
    stored = records.create_filing(FilingDraft(
        sender_id="s", matter_id="chronic_disease_certification", matter_name="慢特病认定", applicant_name="李桂芝",
        id_number=ID, phone="13937112345", person_type="城乡居民", township="梨园乡"), "token-side")
    text = filing.stored_message(stored).text
    assert "濮阳县人民医院" in text and "梨园乡一般认为位于106国道以东" in text and "并非官方名单" in text


def test_a_stored_filing_for_a_township_across_106_says_the_citizen_chooses_by_side(filing, records):
    from bot.records import FilingDraft
    stored = records.create_filing(FilingDraft(
        sender_id="s", matter_id="chronic_disease_certification", matter_name="慢特病认定", applicant_name="李桂芝",
        id_number=ID, phone="13937112345", person_type="城乡居民", township="八公桥镇"), "token-across")
    text = filing.stored_message(stored).text
    assert "106国道从八公桥镇穿过" in text and "请按您家在106国道以东还是以西选择上面的医院" in text


def test_a_township_the_road_crosses_asks_the_homes_side_and_reads_it_back(filing):
    state, _ = answer_all(filing, {}, ["慢性病认定", "城乡居民", "八公桥"])
    assert missing(filing, state) == "filing_road_side"
    question = filing.prompt("filing_road_side", state)
    assert "106国道从八公桥镇穿过" in question.text and [b[0] for b in question.buttons] == ["国道以东", "国道以西", "不清楚"]
    state, told = answer_all(filing, state, ["北边"])
    assert "国道以东" in told[0] and missing(filing, state) == "filing_road_side"
    state, _ = answer_all(filing, state, ["国道以东", "张三", ID, "13937112345", "没有"])
    assert state["filing_road_side"] == "east"
    assert "所在乡镇：八公桥镇（家在106国道以东）" in filing.prompt("filing_confirm", state).text


def test_a_township_with_a_known_side_is_not_asked_about_the_side(filing):
    state, _ = answer_all(filing, {}, ["慢性病认定", "城乡居民", "梨园"])
    assert missing(filing, state) == "filing_name"


def test_not_sure_of_the_side_is_an_answer(filing):
    state, _ = answer_all(filing, {}, ["异地转诊", "城乡居民", "新习镇", "不清楚"])
    assert state["filing_road_side"] == "unknown" and missing(filing, state) == "filing_name"


def test_another_matter_named_mid_form_replaces_the_matter_and_keeps_the_answers(filing):
    state, _ = answer_all(filing, {}, ["门诊费用报销", "城镇职工", "张三"])
    state, told = answer_all(filing, state, ["不对，我要办的是住院报销"])
    assert state["filing_matter"] == "inpatient_reimbursement"
    assert "改为预约“住院费用报销”" in told[0]
    # the same applicant: name and person type kept, the ID number is the next question
    assert state["filing_name"] == "张三" and state["filing_person_type"] == "城镇职工"
    assert missing(filing, state) == "filing_id_number"


def test_a_switch_to_a_matter_without_person_types_drops_the_person_type(filing):
    state, _ = answer_all(filing, {}, ["门诊费用报销", "城乡居民", "张三"])
    state, _ = answer_all(filing, state, ["错了，是生育津贴"])
    assert state["filing_matter"] == "maternity_allowance" and state["filing_person_type"] is None
    assert missing(filing, state) == "filing_id_number"


def test_a_detail_said_to_be_wrong_is_asked_again(filing):
    state, _ = answer_all(filing, {}, ["生育津贴", "张三", ID, "13937112345", "没有"])
    assert missing(filing, state) == "filing_confirm"
    state, told = answer_all(filing, state, ["不对，身份证号输错了"])
    assert told == ["好的，请重新填写身份证号（不改了请回复“取消修改”）。"]
    assert missing(filing, state) == "filing_id_number"
    assert state["filing_matter"] == "maternity_allowance" and state["filing_name"] == "张三"
    state, _ = answer_all(filing, state, ["110105198001010040"])
    assert missing(filing, state) == "filing_confirm" and state["filing_phone"] == "13937112345"


def test_a_new_township_named_in_a_correction_is_taken(filing):
    state, _ = answer_all(filing, {}, ["慢性病认定", "城乡居民", "梨园", "张三"])
    state, told = answer_all(filing, state, ["不对，应该是八公桥镇"])
    assert state["filing_township"] == "八公桥镇" and "改为八公桥镇" in told[0]
    assert missing(filing, state) == "filing_road_side"


def test_an_answer_that_is_not_a_correction_is_checked_as_the_answer(filing):
    state, _ = answer_all(filing, {}, ["生育津贴", "张三"])
    state, told = answer_all(filing, state, ["住院报销"])
    assert "身份证号" in told[0] and state["filing_matter"] == "maternity_allowance"


@pytest.fixture(scope="module")
def reviewing(catalogue):
    return ReviewForm(catalogue)


@pytest.mark.parametrize("typed, level", [("不太满意", "不满意"), ("不怎么满意", "不满意"), ("不是很满意", "不满意"),
                                          ("很不满意", "非常不满意"), ("还行吧", "基本满意"), ("挺好", "满意")])
def test_a_level_in_other_words_is_read_as_meant(reviewing, typed, level):
    state, _ = answer_all(reviewing, {}, ["跳过", typed])
    assert state["review_level"] == level


def test_a_bad_rating_in_other_words_asks_for_the_callback_phone(reviewing):
    state, _ = answer_all(reviewing, {}, ["跳过", "不太满意", "排队太久"])
    assert missing(reviewing, state) == "review_phone"


def test_a_level_typed_when_the_subject_is_asked_is_the_level(reviewing):
    state, _ = answer_all(reviewing, {}, ["非常不满意"])
    assert state["review_subject"] == "" and state["review_level"] == "非常不满意"
    assert missing(reviewing, state) == "review_comment"


def test_a_bad_rating_can_be_left_without_a_phone(reviewing):
    state, _ = answer_all(reviewing, {}, ["跳过", "不满意", "跳过", "算了，不留了"])
    assert state.get(OUTCOME) is None and state["review_phone"] == "" and missing(reviewing, state) is None


def test_a_comment_or_note_that_mentions_cancelling_is_kept(reviewing, filing):
    state, _ = answer_all(reviewing, {}, ["跳过", "不满意", "窗口说材料不全让我回去，算了，说了也没用"])
    assert state.get(OUTCOME) is None and "说了也没用" in state["review_comment"]
    state, _ = answer_all(filing, {}, ["生育津贴", "张三", ID, "13937112345", "老人行动不便，想取消排队直接办理"])
    assert state.get(OUTCOME) is None and "行动不便" in state["filing_note"]
    state, _ = answer_all(filing, {}, ["生育津贴", "张三", ID, "13937112345", "不用了"])
    assert state.get(OUTCOME) is None and state["filing_note"] == ""


def test_switching_between_the_hospital_matters_keeps_the_township(filing):
    state, _ = answer_all(filing, {}, ["慢性病认定", "城乡居民", "八公桥", "国道以东", "张三"])
    state, _ = answer_all(filing, state, ["不对，我要办的是异地转诊"])
    assert state["filing_matter"] == "referral_filing"
    assert state["filing_township"] == "八公桥镇" and state["filing_road_side"] == "east"


def test_a_resident_filing_a_workers_only_matter_is_told_who_it_serves(filing):
    state, _ = answer_all(filing, {"person_type": "城乡居民"}, ["生育津贴"])
    question = filing.prompt("filing_name", state).text
    assert "服务对象" in question and "您是城乡居民" in question and "0393-8669566" in question
    assert "服务对象" not in filing.prompt("filing_name", {**state, "person_type": "城镇职工"}).text


def test_one_detail_is_changed_at_the_read_back_and_the_rest_kept(filing):
    state, _ = answer_all(filing, {}, ["生育津贴", "张三", ID, "13937112345", "没有"])
    state, told = answer_all(filing, state, ["改手机号"])
    assert told == ["好的，请重新填写手机号（不改了请回复“取消修改”）。"] and missing(filing, state) == "filing_phone"
    state, _ = answer_all(filing, state, ["13837112345"])
    assert missing(filing, state) == "filing_confirm" and state["filing_id_number"] == ID
    assert "138****2345" in filing.prompt("filing_confirm", state).text


def test_a_corrected_value_sent_with_the_correction_is_taken_at_once(filing):
    state, _ = answer_all(filing, {}, ["生育津贴", "张三", ID, "13937112345", "没有"])
    state, told = answer_all(filing, state, ["身份证号输错了，应该是110105198001010040"])
    assert told == ["好的，身份证号已改正。"] and state["filing_id_number"] == "110105198001010040"
    assert missing(filing, state) == "filing_confirm"


def test_edit_alone_says_which_details_are_asked_again(filing):
    state, _ = answer_all(filing, {}, ["生育津贴", "张三", ID, "13937112345", "没有"])
    state, told = answer_all(filing, state, ["修改"])
    assert "重新填写姓名、身份证号、手机号和备注" in told[0]
    assert missing(filing, state) == "filing_name" and state["filing_matter"] == "maternity_allowance"


@pytest.mark.parametrize("typed", ["不要修改了，直接提交", "确认无误，不用修改", "信息没有错了，提交", "不用改了，提交",
                                   "嗯嗯 好的", "好 没毛病"])
def test_yes_at_the_read_back_in_many_words_stores_nothing_else(filing, typed):
    state, _ = answer_all(filing, {}, ["生育津贴", "张三", ID, "13937112345", "没有"])
    state, told = answer_all(filing, state, [typed])
    assert state["filing_confirm"] == "yes" and told == [] and state["filing_name"] == "张三"
    assert state["filing_matter"] == "maternity_allowance"


def test_taking_back_an_edit_keeps_the_filing(filing):
    state, _ = answer_all(filing, {}, ["生育津贴", "张三", ID, "13937112345", "没有"])
    state, told = answer_all(filing, state, ["取消修改"])
    assert state.get(OUTCOME) is None and told == ["好的，不修改。"] and missing(filing, state) == "filing_confirm"


def test_a_note_mentioning_corrections_is_the_note(filing):
    for note in ("上次去办住院报销材料带错了", "身份证换成新的了，号码没变", "手机号不对的话打我儿子电话"):
        state, told = answer_all(filing, {}, ["生育津贴", "张三", ID, "13937112345", note])
        assert told == [] and state["filing_note"] == note and state["filing_matter"] == "maternity_allowance"


@pytest.mark.parametrize("typed, person_type", [("我不是职工，是种地的", "城乡居民"), ("没上班，在家务农", "城乡居民"),
                                                ("在职职工", "城镇职工"), ("灵活就业", "城镇职工"), ("个体户", "城镇职工")])
def test_person_types_in_other_words_and_denials(filing, typed, person_type):
    state, _ = answer_all(filing, {}, ["门诊费用报销", typed])
    assert state["filing_person_type"] == person_type


def test_a_person_type_corrected_later_is_taken_from_the_correction(filing):
    state, _ = answer_all(filing, {}, ["门诊费用报销", "城乡居民", "张三"])
    state, told = answer_all(filing, state, ["不对，我是职工"])
    assert state["filing_person_type"] == "城镇职工" and told == ["好的，人员类别已改正。"]
    assert missing(filing, state) == "filing_id_number"


@pytest.mark.parametrize("typed, level", [("说不上满意", "不满意"), ("不是特别满意", "不满意"), ("满意度一般", "基本满意"),
                                          ("基本上满意", "基本满意"), ("不好不坏", "基本满意"), ("不咋地", "不满意")])
def test_more_levels_in_other_words(reviewing, typed, level):
    state, _ = answer_all(reviewing, {}, ["跳过", typed])
    assert state["review_level"] == level


@pytest.mark.parametrize("declined", ["不需要", "不要", "不用", "算了"])
def test_declining_the_phone_keeps_the_bad_review(reviewing, declined):
    state, _ = answer_all(reviewing, {}, ["跳过", "非常不满意", "跳过", declined])
    assert state.get(OUTCOME) is None and state["review_phone"] == "" and missing(reviewing, state) is None


@pytest.mark.parametrize("taken_back", ["取消修改", "不改了", "不用改了，提交"])
def test_taking_back_a_single_edit_keeps_the_answer_given_before(filing, taken_back):
    state, _ = answer_all(filing, {}, ["生育津贴", "王五", ID, "13937112345", "没有"])
    state, _ = answer_all(filing, state, ["改姓名"])
    assert missing(filing, state) == "filing_name"
    state, told = answer_all(filing, state, [taken_back])
    assert state["filing_name"] == "王五" and "保留原来的" in told[0]
    assert missing(filing, state) == "filing_confirm" and "申请人：王五" in filing.prompt("filing_confirm", state).text


@pytest.mark.parametrize("typed", ["就这样吧", "没啥要改的", "行，就这样", "妥了"])
def test_more_ways_of_saying_it_is_right(filing, typed):
    state, _ = answer_all(filing, {}, ["生育津贴", "张三", ID, "13937112345", "没有"])
    state, told = answer_all(filing, state, [typed])
    assert state["filing_confirm"] == "yes" and told == []


@pytest.mark.parametrize("answer, side", [("国道东边", "east"), ('/inform{"road_side": "west"}', "west")])
def test_the_side_of_the_road_may_stand_for_the_township(filing, answer, side):
    state, _ = answer_all(filing, {}, ["慢性病认定", "城乡居民", answer])
    assert state["filing_road_side"] == side and missing(filing, state) == "filing_name"


def test_not_knowing_the_township_asks_the_side(filing):
    state, _ = answer_all(filing, {}, ["异地转诊", "城乡居民", "不清楚"])
    assert missing(filing, state) == "filing_road_side"
    assert "106国道以东还是以西" in filing.prompt("filing_road_side", state).text


def test_a_level_with_the_window_at_the_subject_question(reviewing):
    state, _ = answer_all(reviewing, {}, ["72号窗口的服务，不太满意"])
    assert state["review_subject"] == "72号窗口" and state["review_level"] == "不满意"


def test_a_comment_is_kept_as_typed_and_very_good_is_a_level(reviewing):
    state, _ = answer_all(reviewing, {}, ["跳过", "非常好", "态度很好！（点赞）"])
    assert state["review_level"] == "非常满意" and state["review_comment"] == "态度很好！（点赞）"


def test_the_level_read_from_other_words_is_said_back_and_can_be_corrected(reviewing):
    state, _ = answer_all(reviewing, {}, ["72号窗口", "服务挺好的"])
    assert reviewing.prompt("review_comment", state).text.startswith("您的评价：满意。")
    state, _ = answer_all(reviewing, state, ["非常满意"])
    assert state["review_level"] == "非常满意" and missing(reviewing, state) == "review_comment"
    state, _ = answer_all(reviewing, state, ["大厅人少，很快就办好了"])
    assert state["review_comment"] == "大厅人少，很快就办好了" and missing(reviewing, state) is None


def test_a_comment_that_mentions_satisfaction_is_the_comment(reviewing):
    state, _ = answer_all(reviewing, {}, ["跳过", "满意", "总体满意，就是排队有点久"])
    assert state["review_level"] == "满意" and "排队有点久" in state["review_comment"]


def test_a_complaint_typed_where_the_phone_is_asked_is_kept_and_the_phone_asked_again(reviewing):
    state, _ = answer_all(reviewing, {}, ["跳过", "不满意", "跳过"])
    assert missing(reviewing, state) == "review_phone"
    state, told = answer_all(reviewing, state, ["窗口人员态度很差"])
    assert state["review_comment"] == "窗口人员态度很差" and missing(reviewing, state) == "review_phone"
    assert not any("手机号只能是数字" in t for t in told)
    state, _ = answer_all(reviewing, state, ["13937112345"])
    assert state["review_phone"] == "13937112345" and missing(reviewing, state) is None


@pytest.mark.parametrize("asked", ["俺还想投诉，打哪个电话", "投诉电话是多少"])
def test_asking_for_the_phone_during_a_review_is_told_the_number_and_loses_nothing(reviewing, asked):
    state, _ = answer_all(reviewing, {}, ["70号窗口", "非常不满意"])
    assert missing(reviewing, state) == "review_comment"
    state, told = answer_all(reviewing, state, [asked])
    assert told == ["濮阳县医保监督电话：0393-8669566，投诉、咨询都可以拨打。"]
    assert missing(reviewing, state) == "review_comment" and state["review_level"] == "非常不满意"
    state, told = answer_all(reviewing, state, ["跳过", asked])
    assert told == ["濮阳县医保监督电话：0393-8669566，投诉、咨询都可以拨打。"]
    assert missing(reviewing, state) == "review_phone"


def test_the_callback_question_of_a_bad_review_also_gives_the_supervision_phone(catalogue):
    from bot.review import ReviewForm
    prompt = ReviewForm(catalogue).prompt("review_phone", {"review_level": "不满意"})
    assert "1个工作日内安排专人回访核实" in prompt.text and "0393-8669566" in prompt.text
    assert prompt.text.startswith("您的评价：不满意。")  # the level read from "俺要给差评", said back


def test_the_matter_question_after_a_bare_booking_offers_the_common_matters(filing):
    """"俺想预约登记一下" names no matter: its 登记 is the booking, not a matter's."""
    question = filing.prompt("filing_matter", {"last_text": "俺想预约登记一下"})
    assert "您要预约办理哪项业务" in question.text
    assert "职工参保登记" not in [title for title, _ in question.buttons]


def test_the_matter_question_says_what_a_booking_takes_less_what_is_already_given(filing):
    question = filing.prompt("filing_matter", {"last_text": "俺想预约登记一下"}).text
    assert "办理的业务、申请人姓名、身份证号、手机号" in question
    question = filing.prompt("filing_matter", {"last_text": "俺想预约", "filing_name": "王秀兰"}).text
    assert "办理的业务、身份证号、手机号" in question and "姓名" not in question


@pytest.mark.parametrize("typed, kept, told", [
    ("王秀兰", {"filing_name": "王秀兰"}, "姓名 王秀兰"),
    ("俺叫李红霞", {"filing_name": "李红霞"}, "姓名 李红霞"),
    (ID, {"filing_id_number": ID}, "身份证号 1101**********002X"),
    ("手机13903935127", {"filing_phone": "13903935127"}, "手机号 139****5127"),
])
def test_details_typed_before_the_matter_are_kept_and_the_matter_asked_again(filing, typed, kept, told):
    state = {"filing_matter": None}
    step = take_answer(filing, "filing_matter", typed, state)
    state.update(step.updates)
    assert {k: state.get(k) for k in kept} == kept
    assert missing(filing, state) == "filing_matter"
    assert any(told in m.text for m in step.messages) and not any("没有找到这项业务" in m.text for m in step.messages)
    state, _ = answer_all(filing, state, ["生育津贴支付"])
    assert state["filing_matter"] == "maternity_allowance" and all(state[k] == v for k, v in kept.items())
    assert missing(filing, state) not in kept


def test_a_wrong_id_typed_before_the_matter_is_told_as_wrong_and_nothing_is_offered_instead(filing):
    step = take_answer(filing, "filing_matter", "410928198811260527", {"filing_matter": None})
    told = " ".join(m.text for m in step.messages)
    assert "身份证" in told and "校验" in told and "filing_id_number" in step.updates
    assert step.updates["filing_id_number"] is None and step.updates.get("filing_matter") is None


@pytest.mark.parametrize("typed", ["时限多久", "不知道", "医保", "报销", "高血压", "门诊", "住院"])
def test_words_that_are_no_name_are_not_taken_as_one_where_the_matter_is_asked(filing, typed):
    step = take_answer(filing, "filing_matter", typed, {"filing_matter": None})
    assert not step.updates.get("filing_name")


@pytest.mark.parametrize("typed", ["身份证号41092819650903131X", "哦打错了 是41092819650903131X"])
def test_the_matter_question_after_a_detail_offers_no_matter_read_from_the_detail_s_words(filing, typed):
    """"身份证号4109…" is no question about 参保信息变更: the common matters are offered."""
    question = filing.prompt("filing_matter", {"last_text": typed, "filing_id_number": "41092819650903131X"})
    assert "信息变更" not in " ".join(title for title, _ in question.buttons)
    assert "您要预约办理哪项业务" in question.text


@pytest.mark.parametrize("typed", ["确认", "中 确认", "对"])
def test_a_yes_before_any_matter_is_chosen_chooses_none(filing, typed):
    step = take_answer(filing, "filing_matter", typed, {"filing_matter": None})
    assert step.updates.get("filing_matter") is None and "还没有选要预约的业务" in step.messages[0].text


def test_details_typed_where_the_township_is_asked_are_kept_and_nothing_is_thrown_away(filing):
    """A resident's 慢特病认定 asks the township; "张秀兰", the ID and the phone typed there instead
    are kept, are no wrong answers, and the township is asked again."""
    state, told = answer_all(filing, {}, ["门诊慢特病认定", "城乡居民"])
    assert missing(filing, state) == "filing_township"
    for typed, kept in [("张秀兰", ("filing_name", "张秀兰")), ("410928196109071216", ("filing_id_number", "410928196109071216")),
                        ("13839329876", ("filing_phone", "13839329876"))]:
        step = take_answer(filing, "filing_township", typed, state)
        state.update(step.updates)
        assert state.get(kept[0]) == kept[1] and not state.get(OUTCOME)
        assert missing(filing, state) == "filing_township"
        assert not any("没有找到这个乡镇" in m.text for m in step.messages)
    state, _ = answer_all(filing, state, ["梨园乡"])
    assert state["filing_township"] == "梨园乡" and missing(filing, state) == "filing_note"


def test_the_person_type_answered_in_the_filing_is_remembered_for_the_conversation(filing):
    step = take_answer(filing, "filing_person_type", "职工", {"filing_matter": "inpatient_reimbursement"})
    assert step.updates["filing_person_type"] == "城镇职工" and step.updates["person_type"] == "城镇职工"
