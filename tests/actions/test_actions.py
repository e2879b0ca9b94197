"""Each action with the real catalogue and a fresh tracker per test, asserting what the
citizen reads and the slots the action sets."""
import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.guide import ActionAnswerGuide
from actions.handoff import ActionHandoff
from actions.hospital import ActionRouteHospital
from actions.menu import ActionSmallTalk


def tracker(text, intent, entities=(), **slots):
    return Tracker(sender_id="citizen", slots=slots, latest_message={
        "text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": list(entities)},
        events=[], paused=False, followup_action=None, active_loop={}, latest_action_name=None)


def run(action, tracker_):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker_, {}))
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def test_guide_answers_the_window_and_remembers_the_matter():
    messages, slots = run(ActionAnswerGuide(), tracker(
        "生育津贴去哪办", "ask_where", [{"entity": "matter", "value": "生育津贴", "start": 0, "end": 4}]))
    assert "濮阳县行政服务大厅68号窗口" in messages[0]["text"]
    assert slots["matter"] == "maternity_allowance" and slots["aspect"] == "where"


def test_guide_follow_up_uses_the_remembered_matter_and_person_type():
    messages, _ = run(ActionAnswerGuide(), tracker("那要带什么", "ask_materials",
                                                   matter="employee_enrollment", person_type="灵活就业人员"))
    text = messages[0]["text"]
    assert text.startswith("【职工参保登记·灵活就业人员】请一次带齐以下材料")
    assert "加盖单位公章" not in text


def test_guide_asks_with_buttons_when_the_person_type_decides_the_answer():
    messages, slots = run(ActionAnswerGuide(), tracker(
        "门诊报销在哪", "ask_where", [{"entity": "matter", "value": "门诊报销", "start": 0, "end": 4}]))
    assert [b["title"] for b in messages[0]["buttons"]] == ["城镇职工", "城乡居民"]
    assert messages[0]["buttons"][0]["payload"] == '/inform{"person_type": "城镇职工"}'
    assert slots["pending"] == "where"


def test_hospital_route_for_a_west_township():
    messages, slots = run(ActionRouteHospital(), tracker(
        "我是五星乡的居民，慢性病去哪个医院认定", "ask_hospital",
        [{"entity": "township", "value": "五星乡", "start": 2, "end": 5},
         {"entity": "person_type", "value": "居民", "start": 6, "end": 8}]))
    assert "濮阳县中医院" in messages[0]["text"] and slots["township"] == "五星乡"


def test_small_talk_greeting_offers_a_menu_and_out_of_scope_gives_the_phone():
    messages, _ = run(ActionSmallTalk(), tracker("你好", "greet"))
    assert "医保办事指引助手" in messages[0]["text"] and len(messages[0]["buttons"]) >= 4
    messages, _ = run(ActionSmallTalk(), tracker("养老金怎么领", "out_of_scope"))
    assert "0393-8669566" in messages[0]["text"] and "养老保险" in messages[0]["text"]


def test_handoff_gives_the_phone():
    messages, _ = run(ActionHandoff(), tracker("转人工", "handoff"))
    assert "0393-8669566" in messages[0]["text"]


def test_thanks_offers_the_review():
    messages, _ = run(ActionSmallTalk(), tracker("谢谢啊", "thank"))
    assert "评价" in messages[0]["text"]
    assert messages[0]["buttons"] == [{"title": "评价本次服务", "payload": "/give_review"}]


def test_small_talk_answers_a_window_question_read_as_a_goodbye():
    messages, _ = run(ActionSmallTalk(), tracker("那68号呢", "goodbye"))
    assert messages[0]["text"].startswith("濮阳县行政服务大厅68号窗口办理")
    assert "再见" not in messages[0]["text"]


def test_a_denial_that_says_more_stays_with_the_matter_and_a_bare_one_does_not():
    messages, _ = run(ActionSmallTalk(), tracker("不对不对，名字没改，是搬地方了，地址变了", "deny", matter="unit_info_change"))
    assert messages[0]["text"].startswith("【单位参保信息变更登记】") and "73、74号窗口" in messages[0]["text"]
    messages, _ = run(ActionSmallTalk(), tracker("不是", "deny", matter="unit_info_change"))
    assert messages[0]["text"].startswith("好的。请告诉我您想办的业务")


def test_how_much_is_paid_right_after_a_matter_says_the_guides_give_no_amount():
    messages, slots = run(ActionSmallTalk(), tracker("能给多少钱", "out_of_scope", matter="maternity_lump_sum"))
    assert "没有写" in messages[0]["text"] and "一次性生育补助金支付" in messages[0]["text"]
    assert "不在我能解答的范围" not in messages[0]["text"]
    messages, _ = run(ActionSmallTalk(), tracker("养老金能领多少", "out_of_scope", matter="maternity_lump_sum"))
    assert "不在我能解答的范围" in messages[0]["text"]


def test_a_matter_named_outright_is_answered_even_when_read_as_out_of_scope():
    messages, _ = run(ActionSmallTalk(), tracker("俺在药店买的药能报不 门诊报销去哪", "out_of_scope"))
    assert "门诊费用报销" in messages[0]["text"] and "不在我能解答的范围" not in messages[0]["text"]
    messages, _ = run(ActionSmallTalk(), tracker("大病保险咋报销", "out_of_scope"))
    titles = [b["title"] for b in messages[0].get("buttons") or []]
    assert "门诊费用报销" in titles and "住院费用报销" in titles
    messages, _ = run(ActionSmallTalk(), tracker("公积金咋提取", "out_of_scope"))
    assert "不在我能解答的范围" in messages[0]["text"]


def test_not_sure_of_the_side_is_answered_not_taken_for_a_no():
    messages, _ = run(ActionSmallTalk(), tracker("不知道", "deny", matter="chronic_disease_certification",
                                                 person_type="城乡居民", township="鲁河镇", pending="hospital"))
    assert "濮阳县人民医院" in messages[0]["text"] and "濮阳县中医院" in messages[0]["text"]


def test_where_a_transfer_is_done_says_which_end_applies():
    messages, _ = run(ActionAnswerGuide(), tracker(
        "医保转移去哪办", "ask_where", [{"entity": "matter", "value": "医保转移", "start": 0, "end": 4}], person_type="城镇职工"))
    assert "濮阳县行政服务大厅72号窗口" in messages[0]["text"]
    assert "注意：单位或个人向转入地医保经办机构申报" in messages[0]["text"]
    messages, _ = run(ActionAnswerGuide(), tracker(
        "参保凭证在哪开", "ask_where", [{"entity": "matter", "value": "参保凭证", "start": 0, "end": 4}]))
    assert "向转出地（参保地）医保经办机构提出申请" in messages[0]["text"]


def test_how_much_asked_while_choices_are_offered_is_answered_for_each_then_which_is_asked():
    messages, slots = run(ActionSmallTalk(), tracker("钱能报多少", "out_of_scope",
                                                     candidates=["inpatient_reimbursement", "maternity_medical_payment"]))
    assert [m["text"].split("】")[0] for m in messages[:2]] == ["【住院费用报销", "【生育医疗费支付"]
    assert all("办事指南没有写报销比例" in m["text"] for m in messages[:2])
    assert [b["title"] for b in messages[2]["buttons"]] == ["住院费用报销", "生育医疗费支付"]
    assert slots["pending"] == "amount"


def test_whether_a_newborn_must_be_enrolled_is_told_the_newborn_rule():
    messages, _ = run(ActionAnswerGuide(), tracker(
        "孩子刚生，还得单独办居民医保不", "ask_eligibility", [{"entity": "matter", "value": "居民医保", "start": 9, "end": 13}]))
    assert messages[0]["text"].startswith("【城乡居民参保登记·城乡居民】服务对象：")
    assert "注意：新生儿出生当年随参加基本医疗保险的父母自动获取参保资格并享受城乡居民医保待遇" in messages[0]["text"]


def test_an_aspect_asked_right_after_a_matter_is_answered_though_read_as_out_of_scope():
    messages, _ = run(ActionSmallTalk(), tracker("濮阳县窗口办要带啥", "out_of_scope", matter="transfer_continuation"))
    assert messages[0]["text"].startswith("【转移接续手续办理】") and "72号窗口" in messages[0]["text"]
    assert "医保电子凭证或有效身份证件或社保卡" in messages[0]["text"]
    messages, _ = run(ActionSmallTalk(), tracker("社保卡补办去哪", "out_of_scope", matter="transfer_continuation"))
    assert "不在我能解答的范围" in messages[0]["text"]


def test_a_question_about_the_matter_in_hand_read_as_out_of_scope_is_answered_for_it():
    messages, _ = run(ActionSmallTalk(), tracker("到了安阳那边转接续是找谁", "out_of_scope", matter="transfer_continuation"))
    assert messages[0]["text"].startswith("【转移接续手续办理】") and "转入地" in messages[0]["text"]


def test_a_generic_word_still_narrows_the_matter_meant():
    # "备案" names no single matter (no matter span), but after 住院报销 it means the 备案 asked about before
    messages, slots = run(ActionAnswerGuide(), tracker(
        "回到刚才备案那个，要带什么材料？", "ask_materials",
        [{"entity": "matter_word", "value": "备案", "start": 5, "end": 7}],
        matter="inpatient_reimbursement", earlier_matters=["long_term_residence_filing"]))
    assert messages[0]["text"].startswith("【异地长期居住人员备案")
    assert slots["matter"] == "long_term_residence_filing"


def test_a_facility_asking_about_its_monthly_settlement_is_answered():
    # 医药机构 names no group of 职工/居民/单位: it used to end the turn with no reply at all
    text = "我们是定点医院的医保办，月度费用结算申请啥时候交，交到哪"
    messages, slots = run(ActionAnswerGuide(), tracker(text, "ask_where", [
        {"entity": "person_type", "value": "定点医院", "start": 3, "end": 7}]))
    replies = "\n".join(m["text"] for m in messages)
    assert replies.startswith("【基本医疗保险定点医疗机构费用结算") and "每月5-10日" in replies
    assert "医疗费用审核部" in replies and slots["matter"] == "hospital_settlement"


def test_a_message_that_cannot_be_answered_gets_a_plain_apology_and_keeps_what_was_said():
    # slots a broken client or an old conversation may hold ("candidates" not a list)
    messages, slots = run(ActionAnswerGuide(), tracker(
        "那要带啥", "ask_materials", matter="outpatient_reimbursement", person_type="城镇职工", candidates=5))
    assert len(messages) == 1 and messages[0]["text"].startswith("抱歉") and "0393-8669566" in messages[0]["text"]
    assert slots == {}


def test_asking_whether_the_answer_holds_is_not_taken_for_a_yes():
    messages, _ = run(ActionSmallTalk(), tracker("确定吗 别让俺白跑", "affirm", matter="chronic_disease_certification"))
    assert "0393-8669566" in messages[0]["text"] and "还有什么想了解的" not in messages[0]["text"]


def test_a_generic_word_typed_alone_offers_the_matters_it_may_be():
    messages, slots = run(ActionAnswerGuide(), tracker("报销", "inform"))
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert "住院费用报销" in titles and "门诊费用报销" in titles
    assert set(slots["candidates"]) >= {"inpatient_reimbursement", "outpatient_reimbursement"}


def test_when_to_apply_asked_right_after_a_matter_is_answered_though_read_as_out_of_scope():
    """"濮阳县是啥时候集中报" after 诊所申请医保定点 in the 河南省 guide: 濮阳县's application month."""
    messages, slots = run(ActionSmallTalk(), tracker("濮阳县是啥时候集中报", "out_of_scope",
                                                     [{"entity": "region", "value": "濮阳县", "start": 0, "end": 3}],
                                                     matter="hospital_designation", region="henan2024"))
    assert messages[0]["text"].startswith("【医疗机构申请定点协议管理】") and "每年10月" in messages[0]["text"]
    assert "第25项" in messages[0]["text"] and "不在我能解答的范围" not in messages[0]["text"]


def test_a_what_if_read_as_a_yes_right_after_the_materials_asks_the_materials_for_that_case():
    messages, _ = run(ActionSmallTalk(), tracker("那要是光改个地址嘞", "affirm", matter="unit_info_change",
                                                 person_type="单位", aspect="materials"))
    assert messages[0]["text"].startswith("【单位参保信息变更登记") and "非关键信息时可不提供辅助材料" in messages[0]["text"]
    messages, _ = run(ActionSmallTalk(), tracker("好的", "affirm", matter="unit_info_change", aspect="materials"))
    assert "还有什么想了解的" in messages[0]["text"]


def test_where_one_lives_told_under_the_filings_offered_picks_one_though_read_as_out_of_scope():
    offered = ["referral_filing", "retiree_relocation_filing", "long_term_residence_filing"]
    messages, slots = run(ActionSmallTalk(), tracker("在北京闺女家长住", "out_of_scope", candidates=offered, pending="general"))
    assert messages[0]["text"].startswith("【异地长期居住人员备案】") and slots["matter"] == "long_term_residence_filing"
    messages, _ = run(ActionSmallTalk(), tracker("明儿濮阳下雨不", "out_of_scope", candidates=offered, pending="general"))
    assert "不在我能解答的范围" in messages[0]["text"]
