"""The form actions with the real catalogue, a real SQLite database and Rasa SDK trackers
built per test: what the citizen reads and what is stored."""
import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import bot.records
from actions.forms import ActionFinishFiling, ActionFinishReview, ValidateFilingForm, form_state, filing_form
from actions.status import ActionCheckStatus
from bot.records import Records, make_engine

ID = "11010519491231002X"
DOMAIN = {"forms": {"filing_form": {"required_slots": list(filing_form().slots)},
                    "review_form": {"required_slots": ["review_subject", "review_level", "review_comment",
                                                       "review_phone"]}},
          "slots": {}}


@pytest.fixture(autouse=True)
def records(tmp_path, monkeypatch):
    stored = Records(make_engine(f"sqlite:///{tmp_path / 'actions.db'}"))
    monkeypatch.setattr(bot.records, "_shared", stored)
    return stored


def tracker(text, slots, sender="citizen-1", extracted=None, intent="inform"):
    events = [{"event": "user", "text": text}] + [
        {"event": "slot", "name": k, "value": v} for k, v in (extracted or {}).items()]
    return Tracker(sender_id=sender, slots={**slots, **(extracted or {})},
                   latest_message={"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []},
                   events=events, paused=False, followup_action=None, active_loop={"name": "filing_form"},
                   latest_action_name="action_listen")


def file_one(records, token):
    """A confirmed 生育津贴 filing by citizen-1, stored through the finishing action."""
    done = {"filing_matter": "maternity_allowance", "filing_name": "王秀兰", "filing_id_number": ID,
            "filing_phone": "13937112345", "filing_note": "", "filing_confirm": "yes", "filing_token": token}
    run(ActionFinishFiling(), tracker("确认提交", done))
    (filing,) = records.filings_of("citizen-1")
    return filing


def run(action, tracker_):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker_, DOMAIN))
    return [m["text"] for m in dispatcher.messages], {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def test_a_wrong_check_digit_is_explained_and_the_slot_asked_again():
    slots = {"filing_matter": "maternity_allowance", "filing_name": "王秀兰", "requested_slot": "filing_id_number"}
    texts, set_slots = run(ValidateFilingForm(), tracker("110105194912310021", slots,
                                                         extracted={"filing_id_number": "110105194912310021"}))
    assert "校验码" in texts[0]
    assert set_slots["filing_id_number"] is None and set_slots["requested_slot"] == "filing_id_number"
    assert set_slots["form_failures"] == 1.0


def test_cancel_ends_the_form_without_asking_further():
    slots = {"filing_matter": "maternity_allowance", "requested_slot": "filing_name"}
    _, set_slots = run(ValidateFilingForm(), tracker("算了", slots, extracted={"filing_name": "算了"}))
    assert set_slots["form_outcome"] == "cancelled" and set_slots["requested_slot"] is None


def test_the_matter_named_when_the_form_starts_is_taken():
    _, set_slots = run(ValidateFilingForm(), tracker("我想预约办城乡居民参保", {"requested_slot": None}))
    assert set_slots["filing_matter"] == "resident_enrollment" and set_slots["requested_slot"] == "filing_name"


def test_confirmed_filing_is_stored_once_and_told_with_materials(records):
    slots = {"filing_matter": "maternity_allowance", "filing_name": "王秀兰", "filing_id_number": ID,
             "filing_phone": "13937112345", "filing_note": "", "filing_confirm": "yes", "filing_token": "t-1"}
    texts, set_slots = run(ActionFinishFiling(), tracker("确认提交", slots))
    (filing,) = records.filings_of("citizen-1")
    assert f"编号 {filing.reference}" in texts[0] and "68号窗口" in texts[0] and "一次性告知" in texts[0]
    assert set_slots["filing_id_number"] is None and set_slots["filing_token"] is None
    run(ActionFinishFiling(), tracker("确认提交", slots))   # the same read-back confirmed again
    assert len(records.filings_of("citizen-1")) == 1


def test_a_cancelled_filing_stores_nothing(records):
    texts, _ = run(ActionFinishFiling(), tracker("算了", {"filing_matter": "maternity_allowance",
                                                        "form_outcome": "cancelled"}))
    assert "已取消" in texts[0] and records.filings_of("citizen-1") == []


def test_a_bad_review_is_stored_with_a_callback_due_date(records):
    slots = {"review_subject": "", "review_level": "非常不满意", "review_comment": "排队太久",
             "review_phone": "13937112345"}
    texts, _ = run(ActionFinishReview(), tracker("13937112345", slots))
    (review,) = records.reviews_of("citizen-1")
    assert review.negative and review.callback_due is not None
    assert "1个工作日内" in texts[0] and f"{review.callback_due.month}月{review.callback_due.day}日" in texts[0]


def test_status_of_my_filing(records):
    file_one(records, "t-2")
    texts, _ = run(ActionCheckStatus(), tracker("我的预约怎么样了", {}))
    assert "生育津贴支付" in texts[0] and "已提交" in texts[0]
    texts, _ = run(ActionCheckStatus(), tracker("我的预约怎么样了", {}, sender="someone-else"))
    assert "没有预约记录" in texts[0]


def test_form_state_reads_the_form_slots():
    state = form_state(filing_form(), tracker("x", {"filing_name": "王秀兰"}))
    assert state["filing_name"] == "王秀兰" and state["last_text"] == "x"


def test_a_status_question_mid_form_is_answered_and_the_form_goes_on(records):
    file_one(records, "t-3")
    slots = {"filing_matter": "inpatient_reimbursement", "filing_person_type": "城镇职工", "filing_name": "王秀兰",
             "requested_slot": "filing_id_number"}
    texts, set_slots = run(ValidateFilingForm(), tracker("我之前的预约怎么样了", slots,
                                                         extracted={"filing_id_number": "我之前的预约怎么样了"}))
    assert "生育津贴支付" in texts[0] and "已提交" in texts[0]
    assert "接着办刚才的预约登记" in texts[1] and "身份证号只能包含数字" not in " ".join(texts)
    assert set_slots["filing_id_number"] is None and set_slots["requested_slot"] == "filing_id_number"
    assert "form_failures" not in set_slots  # not counted as a bad answer


def test_a_filing_for_a_township_the_road_crosses_names_the_hospital_of_the_side_told(records):
    slots = {"filing_matter": "chronic_disease_certification", "filing_person_type": "城乡居民",
             "filing_township": "八公桥镇", "filing_road_side": "west", "filing_name": "王秀兰",
             "filing_id_number": ID, "filing_phone": "13937112345", "filing_note": "", "filing_confirm": "yes",
             "filing_token": "t-4"}
    texts, _ = run(ActionFinishFiling(), tracker("确认提交", slots))
    (filing,) = records.filings_of("citizen-1")
    assert filing.road_side == "west"
    assert "濮阳县中医院" in texts[0] and "濮阳县人民医院" not in texts[0]
    assert "按您所说，家在106国道以西" in texts[0]


def test_a_question_mid_form_is_answered_for_the_forms_matter_and_not_counted_as_wrong():
    slots = {"filing_matter": "outpatient_reimbursement", "filing_person_type": "城镇职工", "filing_name": "王秀兰",
             "requested_slot": "filing_id_number", "form_failures": 1.0}
    texts, set_slots = run(ValidateFilingForm(), tracker("要带什么材料?", slots, intent="ask_materials",
                                                         extracted={"filing_id_number": "要带什么材料?"}))
    assert "门诊费用报销" in texts[0] and "一次带齐" in texts[0] and "接着办刚才的预约登记" in texts[1]
    assert "身份证号只能包含数字" not in " ".join(texts)
    assert set_slots["filing_id_number"] is None and set_slots["requested_slot"] == "filing_id_number"
    assert "form_failures" not in set_slots and "form_outcome" not in set_slots


def test_a_good_answer_is_taken_whatever_the_intent_says():
    slots = {"filing_matter": "maternity_allowance", "filing_name": "王秀兰", "requested_slot": "filing_id_number"}
    texts, set_slots = run(ValidateFilingForm(), tracker(ID, slots, intent="ask_materials",
                                                         extracted={"filing_id_number": ID}))
    assert texts == [] and set_slots["filing_id_number"] == ID


def test_a_note_that_is_a_statement_is_the_note_even_if_read_as_a_question():
    slots = {"filing_matter": "maternity_allowance", "filing_name": "王秀兰", "filing_id_number": ID,
             "filing_phone": "13937112345", "requested_slot": "filing_note"}
    _, set_slots = run(ValidateFilingForm(), tracker("周二上午去窗口办", slots, intent="ask_where",
                                                     extracted={"filing_note": "周二上午去窗口办"}))
    assert set_slots["filing_note"] == "周二上午去窗口办"


def test_the_status_shows_the_beijing_date(records):
    from datetime import datetime
    from bot.status import describe
    filing = file_one(records, "t-5")
    filing.created_at = datetime(2026, 11, 23, 18, 15)  # UTC: 02:15 on the 24th in Beijing
    assert "2026-11-24 提交" in describe(filing)


def test_the_last_four_digits_sent_alone_after_being_asked_for_them(records):
    filing = file_one(records, "t-6")
    from actions.menu import ActionSmallTalk
    texts, set_slots = run(ActionCheckStatus(), tracker(f"查进度 {filing.reference}", {}, sender="family"))
    assert "身份证号后四位" in texts[0] and set_slots["status_reference"] == filing.reference
    # "002X" alone reads to the NLU as anything (here a goodbye): it is still the answer asked for
    texts, set_slots = run(ActionSmallTalk(), tracker("002X", {"status_reference": filing.reference},
                                                      sender="family", intent="goodbye"))
    assert "生育津贴支付" in texts[0] and "王秀兰" in texts[0] and set_slots["status_reference"] is None


def test_wrong_last_four_digits_are_not_tried_for_ever(records):
    filing = file_one(records, "t-7")
    for guess in ("0001", "0002", "0003", "0004", "0005"):
        texts, _ = run(ActionCheckStatus(), tracker(f"查进度 {filing.reference} {guess}", {}, sender="stranger"))
        assert "不符" in texts[0]
    texts, _ = run(ActionCheckStatus(), tracker(f"查进度 {filing.reference} 002X", {}, sender="stranger"))
    assert "失败次数过多" in texts[0] and "王秀兰" not in texts[0]


def test_a_second_try_at_the_last_four_digits_is_still_taken(records):
    filing = file_one(records, "t-8")
    from actions.menu import ActionSmallTalk
    texts, set_slots = run(ActionSmallTalk(), tracker("1234", {"status_reference": filing.reference},
                                                      sender="family2", intent="goodbye"))
    assert "不符" in texts[0] and set_slots["status_reference"] == filing.reference
    texts, _ = run(ActionSmallTalk(), tracker("002X", {"status_reference": filing.reference},
                                              sender="family2", intent="goodbye"))
    assert "王秀兰" in texts[0]


def test_the_last_four_digits_mid_form_answer_the_status_and_the_form_goes_on(records):
    filing = file_one(records, "t-9")
    slots = {"filing_matter": "inpatient_reimbursement", "filing_person_type": "城镇职工", "filing_name": "王秀兰",
             "requested_slot": "filing_phone", "status_reference": filing.reference}
    texts, set_slots = run(ValidateFilingForm(), tracker("002X", slots, sender="family3",
                                                         extracted={"filing_phone": "002X"}))
    assert "王秀兰" in texts[0] and "接着办刚才的预约登记" in texts[1]
    assert set_slots["filing_phone"] is None and "form_failures" not in set_slots


def test_a_malformed_reference_is_said_to_be_malformed(records):
    texts, _ = run(ActionCheckStatus(), tracker("查进度 YB0000OO", {}, sender="someone"))
    assert "不是有效的预约编号" in texts[0]


def test_a_review_started_with_a_window_and_a_level_does_not_ask_them_again():
    from actions.forms import ValidateReviewForm
    review_tracker = tracker("我对68号窗口非常不满意", {"requested_slot": None})
    review_tracker.active_loop = {"name": "review_form"}
    _, set_slots = run(ValidateReviewForm(), review_tracker)
    assert set_slots["review_subject"] == "68号窗口" and set_slots["review_level"] == "非常不满意"
    from actions.forms import review_form
    from bot.forms import missing
    assert missing(review_form(), set_slots) == "review_comment"


def test_a_bad_review_says_when_it_uses_the_phone_of_an_earlier_filing(records):
    file_one(records, "t-10")
    slots = {"review_subject": "", "review_level": "不满意", "review_comment": ""}
    texts, _ = run(ActionFinishReview(), tracker("跳过", slots))
    assert "139****2345，即您预约时留的号码" in texts[0]


def test_a_question_at_the_person_type_step_is_answered_with_both_places():
    slots = {"filing_matter": "outpatient_reimbursement", "requested_slot": "filing_person_type"}
    texts, set_slots = run(ValidateFilingForm(), tracker("在几号窗口?", slots, intent="ask_where",
                                                         extracted={"filing_person_type": "在几号窗口?"}))
    assert texts[0].startswith("【门诊费用报销】") and "城镇职工" in texts[0] and "70号窗口" in texts[0]
    assert "城乡居民" in texts[0] and "乡镇卫生院医保科" in texts[0] and "接着办刚才的预约登记" in texts[1]


def test_labelled_last_four_digits_read_as_a_status_question_still_count(records):
    filing = file_one(records, "t-11")
    texts, _ = run(ActionCheckStatus(), tracker("后四位是002X", {"status_reference": filing.reference},
                                                sender="family4", intent="check_status"))
    assert "王秀兰" in texts[0]


def test_a_request_to_cancel_a_filing_is_told_how():
    texts, _ = run(ActionCheckStatus(), tracker("我要取消预约YBC9STZB", {}, sender="someone", intent="check_status"))
    assert "不能在这里撤销" in texts[0] and "0393-8669566" in texts[0]


def test_a_question_about_reviews_is_answered_and_files_no_review(records):
    from actions.forms import ValidateReviewForm
    question = tracker("给了差评多久有人回访", {"requested_slot": None})
    question.active_loop = {"name": "review_form"}
    texts, set_slots = run(ValidateReviewForm(), question)
    assert "五个等级，后两个等级为差评" in texts[0] and "1个工作日内" in texts[0]
    assert set_slots["form_outcome"] == "answered" and "review_level" not in set_slots
    texts, _ = run(ActionFinishReview(), tracker("给了差评多久有人回访", {"form_outcome": "answered"}))
    assert texts == [] and records.reviews_of("citizen-1") == []


def test_asking_for_the_phone_where_the_comment_is_asked_tells_it_and_asks_the_comment_again():
    from actions.forms import ValidateReviewForm, review_form
    from bot.forms import missing
    slots = {"review_subject": "70号窗口", "review_level": "非常不满意", "requested_slot": "review_comment"}
    review_tracker = tracker("俺还想投诉，打哪个电话", slots, extracted={"review_comment": "俺还想投诉，打哪个电话"},
                             intent="ask_contact")
    review_tracker.active_loop = {"name": "review_form"}
    texts, set_slots = run(ValidateReviewForm(), review_tracker)
    assert texts == ["濮阳县医保监督电话：0393-8669566，投诉、咨询都可以拨打。"]
    assert set_slots["review_comment"] is None
    assert missing(review_form(), {**slots, **set_slots}) == "review_comment"


@pytest.mark.parametrize("question,intent", [("你们会咋处理", "ask_process"), ("差评了有人管吗", "ask_matter"),
                                             ("基本满意算差评不", "give_review")])
def test_asking_how_a_review_is_handled_while_reviewing_is_answered_and_the_step_asked_again(records, question,
                                                                                             intent):
    from actions.forms import ValidateReviewForm, review_form
    from bot.forms import missing
    slots = {"review_subject": "70号窗口", "review_level": "非常不满意", "requested_slot": "review_comment"}
    review_tracker = tracker(question, slots, extracted={"review_comment": question}, intent=intent)
    review_tracker.active_loop = {"name": "review_form"}
    texts, set_slots = run(ValidateReviewForm(), review_tracker)
    assert "1个工作日内，安排专人回访核实" in texts[0] and texts[0].endswith("接着办刚才的评价：")
    assert "我要评价" not in texts[0] and len(texts) == 1
    assert set_slots["review_comment"] is None and set_slots.get("form_outcome") is None
    assert missing(review_form(), {**slots, **set_slots}) == "review_comment"


def test_a_comment_that_also_asks_something_is_kept_as_the_comment(records):
    from actions.forms import ValidateReviewForm
    comment = "窗口的人爱答不理，材料交了三次还说不全，你们会怎么处理？"
    slots = {"review_subject": "70号窗口", "review_level": "非常不满意", "requested_slot": "review_comment"}
    review_tracker = tracker(comment, slots, extracted={"review_comment": comment}, intent="ask_process")
    review_tracker.active_loop = {"name": "review_form"}
    _, set_slots = run(ValidateReviewForm(), review_tracker)
    assert set_slots["review_comment"] == comment


def test_a_question_read_as_a_status_question_without_any_word_of_a_filing_is_answered_as_a_question():
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionCheckStatus().run(dispatcher, tracker(
        "menzhen manxingbing rending, wo shi zhigong, zhongte da jibing qu nali?", {}, sender="someone",
        intent="check_status"), DOMAIN))
    [message] = dispatcher.messages
    assert "预约记录" not in message["text"]
    # typed in pinyin, it names 门诊慢特病 and 重特大疾病 plainly: that matter is answered
    assert message["text"].startswith("【基本医疗保险参保人员享受门诊慢特病病种待遇认定】")
    assert "城镇职工重特大疾病：濮阳县长庆路与红旗路交叉口东北角信息园7号楼医保中心医疗服务部" in message["text"]


def test_a_filing_started_with_a_person_type_and_no_matter_asks_the_matter_and_keeps_the_person_type():
    # "我想预约 我是职工": the form asks which matter; once told, the person type is not asked again
    texts, set_slots = run(ValidateFilingForm(), tracker("我想预约 我是职工", {"requested_slot": None,
                                                                             "person_type": "城镇职工"}))
    assert set_slots["requested_slot"] == "filing_matter" and not set_slots.get("form_outcome")
    slots = {"requested_slot": "filing_matter", "person_type": "城镇职工"}
    texts, set_slots = run(ValidateFilingForm(), tracker("门诊费用报销", slots,
                                                         extracted={"filing_matter": "门诊费用报销"}))
    assert set_slots["filing_matter"] == "outpatient_reimbursement"
    assert set_slots["filing_person_type"] == "城镇职工" and set_slots["requested_slot"] == "filing_name"


def test_a_name_and_a_mistyped_id_number_in_the_starting_message_keep_the_name_and_explain_the_number():
    text = "预约办异地长期居住人员备案 我叫李建国 身份证41092819780615301"
    texts, set_slots = run(ValidateFilingForm(), tracker(text, {"requested_slot": None}))
    assert set_slots["filing_matter"] == "long_term_residence_filing" and set_slots["filing_name"] == "李建国"
    assert any("身份证号应为18位，您输入的是17位" in t for t in texts)
    assert set_slots["requested_slot"] == "filing_id_number"  # the number is asked again, not the name


def test_a_name_and_an_id_number_typed_where_the_name_is_asked_are_both_taken():
    slots = {"filing_matter": "maternity_allowance", "requested_slot": "filing_name"}
    text = f"我叫王秀兰 身份证号{ID}"
    texts, set_slots = run(ValidateFilingForm(), tracker(text, slots, extracted={"filing_name": text}))
    assert set_slots["filing_name"] == "王秀兰" and set_slots["filing_id_number"] == ID
    assert texts == ["已记下：姓名 王秀兰，身份证号 1101**********002X。"]
    assert set_slots["requested_slot"] == "filing_phone"


def test_a_letter_o_typed_in_the_id_number_beside_the_name_is_explained():
    slots = {"filing_matter": "maternity_allowance", "requested_slot": "filing_name"}
    text = "赵桂芝，身份证是4109281962O9084428"
    texts, set_slots = run(ValidateFilingForm(), tracker(text, slots, extracted={"filing_name": text}))
    assert set_slots["filing_name"] == "赵桂芝" and set_slots["filing_id_number"] is None
    assert texts[0] == "已记下：姓名 赵桂芝。" and "只能包含数字" in texts[1]
    assert set_slots["requested_slot"] == "filing_id_number"


def test_the_matter_and_the_details_typed_where_the_matter_is_asked_are_all_taken():
    slots = {"requested_slot": "filing_matter"}
    text = f"预约办异地长期居住人员备案 我叫李建国 身份证{ID}"
    texts, set_slots = run(ValidateFilingForm(), tracker(text, slots, extracted={"filing_matter": text}))
    assert set_slots["filing_matter"] == "long_term_residence_filing"
    assert set_slots["filing_name"] == "李建国" and set_slots["filing_id_number"] == ID
    assert set_slots["requested_slot"] == "filing_phone"


def test_a_corrected_id_number_said_in_a_sentence_is_taken():
    slots = {"filing_matter": "maternity_allowance", "filing_name": "王秀兰", "requested_slot": "filing_id_number"}
    text = f"哦 输错了 是{ID}"
    _, set_slots = run(ValidateFilingForm(), tracker(text, slots, extracted={"filing_id_number": text}))
    assert set_slots["filing_id_number"] == ID and set_slots["requested_slot"] == "filing_phone"


def review_run(text, slots, **extracted):
    from actions.forms import ValidateReviewForm
    review_tracker = tracker(text, slots, extracted=extracted or None)
    review_tracker.active_loop = {"name": "review_form"}
    return run(ValidateReviewForm(), review_tracker)


def test_a_review_started_with_the_level_and_a_complaint_keeps_the_complaint_as_the_comment():
    from actions.forms import review_form
    from bot.forms import missing
    _, set_slots = review_run("不满意，排队等了一个多小时没人管", {"requested_slot": None})
    assert set_slots["review_level"] == "不满意"
    assert set_slots["review_comment"] == "不满意，排队等了一个多小时没人管"
    assert missing(review_form(), set_slots) == "review_phone"  # the callback phone, not the comment again


def test_the_level_and_a_complaint_where_the_level_is_asked_are_both_kept():
    text = "太差了 排了俩钟头的队"
    _, set_slots = review_run(text, {"requested_slot": "review_level", "review_subject": ""}, review_level=text)
    assert set_slots["review_level"] == "非常不满意" and set_slots["review_comment"] == text


@pytest.mark.parametrize("question", ["好差评 评价等级", "给了差评有人管没有"])
def test_a_question_about_the_reviews_is_answered_not_taken_as_a_level(question):
    texts, set_slots = review_run(question, {"requested_slot": None})
    assert texts[0].startswith("政务服务“好差评”评价分为“非常满意”“满意”“基本满意”“不满意”“非常不满意”五个等级")
    assert set_slots.get("review_level") is None


def test_asking_where_else_one_can_review_is_answered_with_the_rules():
    texts, set_slots = review_run("除了在这评 还能在哪评价", {"requested_slot": "review_comment", "review_subject": "",
                                                          "review_level": "非常满意"},
                                  review_comment="除了在这评 还能在哪评价")
    assert texts[0].startswith("政务服务“好差评”评价分为") and set_slots["review_comment"] is None


@pytest.mark.parametrize("question", ["恁这好差评是咋回事 给了差评有人管不", "俺要是给你们差评了 有人管不 多长时间给回话"])
def test_a_longer_question_about_reviews_starts_no_review(records, question):
    """Asked before any review: the rules answer it, and no 差评 is recorded for the asker."""
    from actions.forms import ValidateReviewForm
    asking = tracker(question, {"requested_slot": None})
    asking.active_loop = {"name": "review_form"}
    texts, set_slots = run(ValidateReviewForm(), asking)
    assert "五个等级，后两个等级为差评" in texts[0]
    assert set_slots["form_outcome"] == "answered" and "review_level" not in set_slots


def test_a_review_started_with_ones_own_complaint_and_a_question_is_a_review():
    from actions.forms import ValidateReviewForm
    review_tracker = tracker("俺对68号窗口非常不满意 你们会咋处理", {"requested_slot": None})
    review_tracker.active_loop = {"name": "review_form"}
    _, set_slots = run(ValidateReviewForm(), review_tracker)
    assert set_slots["review_level"] == "非常不满意" and set_slots["review_subject"] == "68号窗口"


def test_a_review_started_naming_a_matter_takes_it_as_what_is_reviewed():
    from actions.forms import ValidateReviewForm, review_form
    from bot.forms import missing
    review_tracker = tracker("那俺现在就评 上回办慢性病跑了三趟", {"requested_slot": None})
    review_tracker.active_loop = {"name": "review_form"}
    _, set_slots = run(ValidateReviewForm(), review_tracker)
    assert "慢特病" in set_slots["review_subject"]
    assert missing(review_form(), set_slots) == "review_level"


@pytest.mark.parametrize("text", ["俺想预约登记一下", "俺要预约登记 俺叫赵建国"])
def test_the_booking_words_name_no_matter_to_file(text):
    """"预约登记" is the booking: the matter is asked, not taken from its 登记."""
    _, set_slots = run(ValidateFilingForm(), tracker(text, {"requested_slot": None}))
    assert "filing_matter" not in set_slots and set_slots["requested_slot"] == "filing_matter"
