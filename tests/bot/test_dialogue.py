"""Multi-turn conversations through bot.dialogue, with the real catalogue. Each test keeps
its own slots, as Rasa keeps them per sender."""
import pytest

from bot.dialogue import Conversation, Understanding


def entity(kind, text, message):
    start = message.index(text)
    return {"entity": kind, "value": text, "start": start, "end": start + len(text)}


class Chat:
    def __init__(self, conversation):
        self.conversation = conversation
        self.slots = {}

    def say(self, intent, text="", **entities):
        found = [entity(kind, words, text) for kind, words in entities.items()]
        turn = self.conversation.respond(Understanding(intent, text, found), dict(self.slots))
        self.slots.update(turn.slots)
        return turn.messages

    def click(self, message, title):
        """A button press arrives as its payload: the intent and entities, no text."""
        payload = dict(message.buttons)[title]
        import json
        intent, _, data = payload[1:].partition("{")
        entities = [{"entity": k, "value": v} for k, v in json.loads("{" + data).items()] if data else []
        turn = self.conversation.respond(Understanding(intent, payload, entities), dict(self.slots))
        self.slots.update(turn.slots)
        return turn.messages


@pytest.fixture
def chat(catalogue):
    return Chat(Conversation(catalogue))


def test_where_asks_the_person_type_then_answers_the_window(chat):
    [question] = chat.say("ask_where", "门诊报销去哪办", matter="门诊报销")
    assert [t for t, _ in question.buttons] == ["城镇职工", "城乡居民"]
    [answer] = chat.click(question, "城镇职工")
    assert "门诊费用报销" in answer.text and "濮阳县行政服务大厅70号窗口" in answer.text
    assert "0393-8669566" in answer.text and "来源：" in answer.text


def test_follow_ups_remember_the_matter_and_person_type(chat):
    chat.say("ask_where", "城乡居民住院报销在哪", matter="住院报销", person_type="城乡居民")
    [materials] = chat.say("ask_materials", "那要带什么？")
    assert materials.text.startswith("【住院费用报销·城乡居民】请一次带齐以下材料")
    assert "住院病历、诊断证明" in materials.text or "诊断证明" in materials.text
    [time_limit] = chat.say("ask_time_limit", "多久能办好？")
    assert "不超过30个工作日" in time_limit.text
    [online] = chat.say("ask_online", "网上能办吗？")
    assert "【住院费用报销" in online.text


def test_a_new_matter_replaces_the_old_and_a_correction_reanswers(chat):
    chat.say("ask_time_limit", "生育津贴多久到账", matter="生育津贴")
    assert chat.slots["matter"] == "maternity_allowance"
    [answer] = chat.say("correct_matter", "不是，我问的是产前检查费", matter="产前检查费")
    assert answer.text.startswith("【产前检查费支付】办理时限：不超过20个工作日")
    [where] = chat.say("ask_where", "转移接续去哪办", matter="转移接续")
    assert "72号窗口" in where.text and "转移接续" in where.text


def test_an_ambiguous_word_offers_buttons_and_the_choice_answers(chat):
    [question] = chat.say("ask_materials", "报销要带啥", matter="报销")
    titles = [t for t, _ in question.buttons]
    assert "门诊费用报销" in titles and "住院费用报销" in titles
    # The materials are the same for every person type: no need to ask who is asking.
    [answer] = chat.click(question, "住院费用报销")
    assert answer.text.startswith("【住院费用报销】请一次带齐以下材料")


def test_township_east_of_the_road_goes_to_the_peoples_hospital_saying_it_is_inferred(chat):
    [question] = chat.say("ask_hospital", "我是梨园乡的，办慢病去哪个医院", township="梨园乡")
    assert [t for t, _ in question.buttons] == ["城镇职工", "城乡居民"]
    [answer] = chat.click(question, "城乡居民")
    assert "濮阳县人民医院" in answer.text and "濮阳县中医院" not in answer.text
    assert "并非官方名单" in answer.text and "0393-8669566" in answer.text


def test_township_west_of_the_road_goes_to_the_tcm_hospital(chat):
    [answer] = chat.say("ask_hospital", "俺是渠村的城乡居民，转诊去哪个医院", township="渠村",
                        person_type="城乡居民")
    assert "濮阳县中医院（106国道以西乡镇）" in answer.text


def test_a_township_the_road_runs_through_asks_the_side(chat):
    [question] = chat.say("ask_hospital", "八公桥镇的居民办慢性病认定在哪", township="八公桥镇",
                          person_type="居民")
    assert "穿过" in question.text
    [answer] = chat.click(question, "106国道以西")
    assert "濮阳县中医院" in answer.text


def test_workers_referral_lists_the_three_hospitals(chat):
    [answer] = chat.say("ask_hospital", "职工转诊去哪家医院", person_type="职工")
    for hospital in ("濮阳县人民医院", "濮阳县中医院", "濮阳县第二人民医院"):
        assert hospital in answer.text


def test_workers_chronic_disease_goes_to_window_69(chat):
    [answer] = chat.say("ask_where", "职工办慢性病卡在哪", matter="慢性病卡", person_type="职工")
    assert "69号窗口" in answer.text and "医保中心医疗服务部" in answer.text


def test_a_named_region_is_answered_from_its_guide(chat):
    [answer] = chat.say("ask_time_limit", "河南省个人账户一次性支取要多久", matter="个人账户一次性支取",
                        region="河南省")
    assert "（河南省2024年版）" in answer.text and "不超过15个工作日" in answer.text
    [county] = chat.say("ask_time_limit", "濮阳县呢", region="濮阳县")
    assert "即时办理" in county.text


def test_low_confidence_suggests_and_never_answers(chat, catalogue):
    # the matter is plain, the question is not: its aspects to choose from, no answer
    [message] = chat.say("nlu_fallback", "慢性病那个")
    assert "门诊慢特病" in message.text and "窗口" not in message.text
    assert [t for t, _ in message.buttons][:3] == ["办理地点", "要带的材料", "办理时限"]
    [nothing] = Chat(Conversation(catalogue)).say("nlu_fallback", "嗯嗯嗯")
    assert "0393-8669566" in nothing.text and "窗口" not in nothing.text


def test_a_low_confidence_question_plainly_about_one_matter_is_answered(chat):
    # nothing tagged, yet 农村/没单位/办医保 point at 城乡居民参保登记 alone, and 搁哪 asks where
    text = "俺想给俺家老人办医保 他是农村的 没单位 搁哪办"
    turn = chat.conversation.respond(Understanding("nlu_fallback", text, [entity("person_type", "农村的", text)]), {})
    assert turn.messages[0].text.startswith("【城乡居民参保登记") and "73、74号窗口" in turn.messages[0].text


def test_a_question_without_any_matter_asks_which(chat):
    [message] = chat.say("ask_materials", "要带什么材料")
    assert "哪项" in message.text and len(message.buttons) >= 3
    [answer] = chat.click(message, "生育津贴支付")
    assert answer.text.startswith("【生育津贴支付】请一次带齐以下材料")


def test_unsure_says_what_it_covers_without_calling_it_out_of_scope(chat):
    [message] = chat.say("nlu_fallback", "你会些什么")
    assert "没太明白" in message.text and "不在我能解答的范围" not in message.text
    assert "门诊慢特病认定" in message.text and "0393-8669566" in message.text
    assert "门诊费用报销" in [t for t, _ in message.buttons]


def test_a_township_alone_gets_its_side_of_106_and_the_hospital_after_the_matter(chat):
    [message] = chat.say("inform", "王称固属于国道以东吗", township="王称固")
    assert "王称堌镇一般认为位于106国道以东" in message.text and "并非官方名单" in message.text
    assert [t for t, _ in message.buttons] == ["基本医疗保险参保人员享受门诊慢特病病种待遇认定", "异地转诊人员备案"]
    [question] = chat.click(message, "基本医疗保险参保人员享受门诊慢特病病种待遇认定")
    [answer] = chat.click(question, "城乡居民")
    assert "濮阳县人民医院" in answer.text and "濮阳县中医院" not in answer.text


def test_a_township_across_106_is_not_given_a_side(chat):
    [message] = chat.say("ask_hospital", "八公桥在国道哪边", township="八公桥")
    assert "106国道从八公桥镇穿过" in message.text and "以东" not in message.text.split("。")[0]


def test_a_side_asked_about_is_not_taken_as_told(chat):
    # 五星乡 is west of 106国道 in the table; the citizen only asks whether it is east.
    [message] = chat.say("ask_hospital", "五星乡属于国道以东吗", township="五星乡", road_side="以东")
    assert "五星乡一般认为位于106国道以西" in message.text
    [question] = chat.click(message, "基本医疗保险参保人员享受门诊慢特病病种待遇认定")
    [answer] = chat.click(question, "城乡居民")
    assert "濮阳县中医院" in answer.text and "濮阳县人民医院" not in answer.text


def test_a_side_told_with_the_township_is_taken(chat):
    chat.say("inform", "俺是八公桥的 住国道东边", township="八公桥", road_side="东边")
    [question] = chat.say("ask_hospital", "办慢病去哪个医院", matter="慢病")
    [answer] = chat.click(question, "城乡居民")
    assert "濮阳县人民医院" in answer.text and "濮阳县中医院" not in answer.text


def test_a_denied_person_type_is_not_taken(chat):
    text = "俺是梁庄的，不是城乡居民，是职工，慢性病在哪办"
    found = [entity("township", "梁庄", text), entity("person_type", "城乡居民", text),
             entity("person_type", "职工", text), entity("matter", "慢性病", text)]
    turn = chat.conversation.respond(Understanding("ask_where", text, found), {})
    [answer] = turn.messages
    assert turn.slots["person_type"] == "城镇职工"
    assert "69号窗口" in answer.text and "濮阳县人民医院" not in answer.text


def test_follow_ups_without_a_matter_stay_on_it(chat):
    chat.say("ask_matter", "个人账户的钱能一次取出来吗", matter="个人账户")
    [answer] = chat.say("ask_time_limit", "多久到账")
    assert answer.text.startswith("【职工医保个人账户一次性支取") or "个人账户" in answer.text.split("\n")[0]
    [where] = chat.say("ask_where", "那去哪办")
    assert "个人账户" in where.text.split("\n")[0]


def test_a_person_type_correction_reanswers_the_same_matter(chat):
    chat.say("ask_where", "城乡居民门诊报销去哪", matter="门诊报销", person_type="城乡居民")
    [answer] = chat.say("correct_matter", "不是，俺是职工", person_type="职工")
    assert "门诊费用报销" in answer.text and "70号窗口" in answer.text


def test_words_around_a_question_do_not_pick_a_matter(chat):
    [message] = chat.say("ask_hospital", "五星乡在国道东边还是西边", township="五星乡")
    assert "五星乡一般认为位于106国道以西" in message.text and "结算" not in message.text


def test_a_follow_up_naming_no_region_is_answered_for_the_county(chat):
    [henan] = chat.say("ask_time_limit", "河南省个人账户一次性支取要多久", matter="个人账户一次性支取", region="河南省")
    assert "不超过15个工作日" in henan.text
    [county] = chat.say("ask_time_limit", "那现场去办要多久")
    assert "（河南省2024年版）" not in county.text and "即时办理" in county.text
    assert county.text.startswith("（以下按濮阳县的办事指南回答）")
    [again] = chat.say("ask_where", "在哪办")
    assert not again.text.startswith("（以下按")


def test_when_to_apply_is_told_with_the_time_limit(chat):
    [answer] = chat.say("ask_time_limit", "药店医保结算啥时候交", matter="药店医保结算")
    assert "申请时间：每月5-10日（节假日顺延）" in answer.text and "不超过30个工作日" in answer.text
    assert "濮阳县医保监督电话：0393-8669566" in answer.text


def test_what_a_window_handles(chat):
    [sixty_nine] = chat.say("nlu_fallback", "69号窗口办啥")
    assert "濮阳县行政服务大厅69号窗口办理" in sixty_nine.text
    assert "门诊慢特病病种待遇认定（城镇职工）" in sixty_nine.text and "生育津贴" not in sixty_nine.text
    [sixty_eight] = chat.say("ask_where", "68号窗口是办什么的")
    for name in ("产前检查费支付", "生育医疗费支付", "计划生育医疗费支付", "生育津贴支付", "一次性生育补助金支付"):
        assert name in sixty_eight.text
    assert "来源：" in sixty_eight.text
    [seventy] = chat.say("ask_where", "70号窗口呢")
    assert "门诊费用报销（城镇职工）" in seventy.text
    [alone] = chat.say("goodbye", "68号")
    assert "生育津贴支付" in alone.text
    [seventy_one] = chat.say("ask_where", "71号窗口管啥")
    assert "没有写明71号窗口" in seventy_one.text and "0393-8669566" in seventy_one.text


def test_the_whole_card_names_the_one_hospital_for_a_known_township(chat):
    chat.say("inform", "俺是柳屯的", township="柳屯")
    chat.say("ask_matter", "慢性病咋办", matter="慢性病")
    [card] = chat.say("inform", "城乡居民", person_type="城乡居民")
    assert "柳屯镇一般认为位于106国道以东" in card.text
    assert "濮阳县人民医院" in card.text and "濮阳县中医院" not in card.text


def test_online_change_says_it_covers_non_key_information_only(chat):
    chat.say("ask_matter", "身份证号变了，居民医保信息咋改", matter="居民医保信息")
    [online] = chat.say("ask_online", "中不中网上改")
    assert "非关键信息变更" in online.text and "关键信息变更需提供辅助材料" in online.text


def test_a_resident_is_moved_to_the_residents_matter(chat):
    chat.say("ask_matter", "职工参保信息变更 身份证号错了要改", matter="职工参保信息变更")
    [answer] = chat.say("inform", "俺是农村的", person_type="农村的")
    assert "城乡居民参保信息变更登记" in answer.text and "73、74号窗口" in answer.text
    assert "72号窗口" not in answer.text


def test_a_resident_is_told_a_workers_only_matter_may_not_apply(chat):
    chat.say("ask_matter", "生育医疗费咋报", matter="生育医疗费")
    [answer] = chat.say("inform", "我是城乡居民", person_type="城乡居民")
    assert answer.text.startswith("注意：指南写明“生育医疗费支付”的服务对象是：符合条件的濮阳县参保职工")


def test_a_phone_question_without_a_matter_gets_the_phone(chat):
    [answer] = chat.say("ask_contact", "电话多少")
    assert "0393-8669566" in answer.text and not answer.buttons


def test_a_township_told_after_an_eligibility_answer_gets_the_hospital(chat):
    chat.say("ask_eligibility", "俺爹帕金森，居民医保，能办门诊慢性病不", matter="门诊慢性病", person_type="居民医保")
    [answer] = chat.say("inform", "俺是梨园的", township="梨园")
    assert "濮阳县人民医院" in answer.text or "濮阳县中医院" in answer.text
    assert "服务对象" not in answer.text


def test_offered_choices_stand_when_a_person_type_and_township_are_told(chat):
    [question] = chat.say("ask_matter", "急诊抢救花的钱能报不", matter="报")
    offered = [t for t, _ in question.buttons]
    assert "门诊费用报销" in offered and "住院费用报销" in offered
    [again] = chat.say("inform", "是城乡居民，八公桥的", person_type="城乡居民", township="八公桥")
    assert again.text.startswith("好的，已记下您是城乡居民。您问的是下面哪一项？")
    assert {t for t, _ in again.buttons} <= set(offered) and "门诊费用报销" in [t for t, _ in again.buttons]


def test_a_township_alone_keeps_the_offered_choices(chat):
    [question] = chat.say("ask_matter", "急诊抢救花的钱能报不", matter="报")
    [again] = chat.say("inform", "俺家在鲁河", township="鲁河")
    assert again.text.startswith("好的，已记下您在鲁河")
    assert [t for t, _ in again.buttons] == [t for t, _ in question.buttons]


def test_a_message_not_understood_after_a_matter_asks_which_aspect_of_it(chat):
    chat.say("ask_matter", "住院费用咋报", matter="住院费用")
    [question] = chat.say("nlu_fallback", "自己摔的，没找单位，也不知道咋弄")
    assert question.text == "我不太确定您的意思。关于“住院费用报销”，您想了解哪一方面？"
    [answer] = chat.click(question, "要带的材料")
    assert answer.text.startswith("【住院费用报销") or "城镇职工" in [t for t, _ in answer.buttons]


def spans(text, *words):
    return [{"entity": "matter", "value": w, "start": text.index(w), "end": text.index(w) + len(w)} for w in words]


def test_two_matters_asked_together_get_an_answer_each(chat):
    chat.say("inform", "我是职工", person_type="职工")
    text = "门诊报销和住院报销分别去几号窗口"
    turn = chat.conversation.respond(Understanding("ask_where", text, spans(text, "门诊报销", "住院报销")),
                                     dict(chat.slots))
    assert [m.text.split("\n")[0] for m in turn.messages] == [
        "【门诊费用报销·城镇职工】办理地点：濮阳县行政服务大厅70号窗口",
        "【住院费用报销·城镇职工】办理地点：濮阳县行政服务大厅70号窗口"]
    chat.slots.update(turn.slots)
    # "那要带啥" about both: the materials of each, not a guess at one, then which of them
    *answers, question = chat.say("ask_materials", "那要带啥")
    assert [m.text.split("\n")[0] for m in answers] == ["【门诊费用报销·城镇职工】请一次带齐以下材料：",
                                                      "【住院费用报销·城镇职工】请一次带齐以下材料："]
    assert [t for t, _ in question.buttons] == ["门诊费用报销", "住院费用报销"]


def test_a_child_is_enrolled_in_the_residents_scheme(chat):
    [answer] = chat.say("ask_where", "想给娃办个医保 搁哪办啊")  # a child is no employee: not 72号
    assert answer.text.startswith("【城乡居民参保登记") and "73、74号窗口" in answer.text


def test_a_second_span_not_joined_by_and_is_not_answered_as_a_matter(chat):
    text = "退休职工能把医保个人账户里的钱一次性取出来吗"
    turn = chat.conversation.respond(Understanding("ask_materials", text, spans(text, "退休职工", "医保个人账户")), {})
    assert len(turn.messages) == 1 and turn.messages[0].text.startswith("【参保人员个人账户一次性支付")


def test_a_complaint_without_a_matter_gets_the_phone_and_the_review(chat):
    [answer] = chat.say("ask_contact", "我要投诉你们窗口的人")
    assert "0393-8669566" in answer.text and "好差评" in answer.text
    assert answer.buttons == [("评价服务", "/give_review")]  # starts the 好差评 form


def test_a_where_answer_for_residents_names_the_diseases_assessed_elsewhere(chat):
    chat.say("inform", "俺是梨园乡的", township="梨园乡")
    [question] = chat.say("ask_where", "高血压并发症想办慢病 去哪", matter="慢病")
    [answer] = chat.click(question, "城乡居民")
    assert "濮阳县人民医院" in answer.text
    assert "注意：高血压并发症、脑血管意外后遗症、糖尿病并发症、慢性阻塞性肺疾病等４个门诊重症慢性病病种在所在乡镇卫生院鉴定" in answer.text


def test_offered_choices_are_settled_by_a_person_type(chat):
    [choices] = chat.say("ask_where", "查参保信息 去几号窗口")
    assert len(choices.buttons) >= 2
    [answer] = chat.say("inform", "城乡居民", person_type="城乡居民")
    assert "参保个人参保信息查询" in answer.text and "73、74号窗口" in answer.text


def test_offered_choices_are_offered_again_for_a_follow_up(chat):
    [choices] = chat.say("ask_where", "查参保信息 去几号窗口")
    offered = [t for t, _ in choices.buttons]
    assert len(offered) >= 2
    # asked without a pick: the materials of each (not the same choice again), then the choice
    *answers, again = chat.say("ask_materials", "要带啥")
    assert [m.text.split("】")[0] for m in answers] == [f"【{title}" for title in offered]
    assert all("请一次带齐以下材料" in m.text for m in answers)
    assert [t for t, _ in again.buttons] == offered
    [answer] = chat.click(again, offered[0])
    assert answer.text.startswith(f"【{offered[0]}") and "请一次带齐以下材料" in answer.text


def test_a_typed_button_title_is_taken_and_a_stated_person_type_survives_a_doubt(chat):
    [choices] = chat.say("nlu_fallback", "我是城乡居民，生孩子的费用怎么报", person_type="城乡居民")
    assert chat.slots["person_type"] == "城乡居民" and choices.buttons
    title = choices.buttons[0][0]
    [answer] = chat.say("inform", title, matter=title)
    assert answer.text.startswith("注意：指南写明") or f"【{title}" in answer.text.split("\n")[0]


def test_choices_after_a_pingdingshan_question_stay_on_pingdingshan(chat):
    chat.say("ask_time_limit", "平顶山住院报销要多久", region="平顶山", matter="住院")
    [answer] = chat.say("inform", "住院费用报销", matter="住院费用报销")
    assert "（平顶山市）" in answer.text


def test_a_stated_resident_is_not_offered_the_workers_change(chat):
    [answer] = chat.say("ask_where", "城乡居民改参保信息去哪", person_type="城乡居民", matter="改参保信息")
    assert "城乡居民参保信息变更登记" in answer.text and "73、74号窗口" in answer.text
    assert not answer.buttons


def test_the_whole_card_gives_the_application_period_too(chat):
    [card] = chat.say("ask_matter", "药店医保结算啥时候交", matter="药店医保结算")
    assert "申请时间：每月5-10日（节假日顺延）" in card.text and "办理时限：不超过30个工作日" in card.text


def test_the_provincial_guides_online_handling_is_told_where_it_names_no_platform(chat):
    [online] = chat.say("ask_online", "河南省的定点医院结算网上能办吗", matter="定点医院结算", region="河南省")
    assert "基本医疗保险定点医疗机构费用结算" in online.text
    assert "网上办理。通过HIS系统办理" in online.text and "只写了现场办理" not in online.text
    [county] = chat.say("ask_online", "那濮阳县的网上能办吗", region="濮阳县")
    assert "这份指南只写了现场办理" in county.text and "通过HIS系统办理" in county.text
    assert "据河南省2024年版指南" in county.text


def test_an_automatic_benefit_says_nothing_needs_applying_for(chat):
    [answer] = chat.say("ask_eligibility", "河南省的救助对象缴费补贴需要申请吗", matter="缴费补贴", region="河南省")
    assert "服务对象：符合条件的医疗救助对象" in answer.text and "办理方式：免申即享" in answer.text


def test_when_to_apply_is_answered_with_the_application_period(chat):
    [answer] = chat.say("ask_eligibility", "我开了个诊所，想申请医保定点，啥时候能申请", matter="申请医保定点")
    assert "每年10月" in answer.text
    chat.slots = {}
    chat.say("ask_matter", "俺是职工，得了糖尿病并发症，想办慢性病", matter="慢性病", person_type="职工")
    [answer] = chat.say("ask_time_limit", "啥时候能申请")
    assert "3月、9月集中申请" in answer.text and "不超过20个工作日" in answer.text


def test_naming_puyang_keeps_the_county_guide_whatever_else_is_named(chat):
    [answer] = chat.say("ask_process", "我是河南濮阳县的，住院费用咋报销", matter="住院费用", region="河南")
    assert "河南省2024年版" not in answer.text
    chat.slots = {}
    [answer] = chat.say("ask_where", "在平顶山住的院，现在回濮阳县了，住院费用去哪报", matter="住院费用", region="平顶山")
    assert "平顶山" not in answer.text.split("】")[0]


def test_the_henan_app_is_a_platform_not_a_region(chat):
    [answer] = chat.say("ask_where", "我在河南医保小程序上看不到慢性病申报，去哪办", matter="慢性病", region="河南")
    assert "河南省2024年版" not in answer.text


def test_a_doctor_called_langzhong_is_not_the_township(chat):
    [answer] = chat.say("ask_process", "俺是城乡居民，县医院的郎中说俺得转到郑州看病，转诊咋办", matter="转诊",
                        person_type="城乡居民", township="郎中")
    assert "郎中乡" not in answer.text and "106国道从郎中乡穿过" not in answer.text


def test_a_real_township_beside_the_doctor_word_is_still_found(catalogue):
    from bot.dialogue import Conversation, Understanding
    township = Conversation(catalogue).township_in(Understanding("ask_hospital", "俺是柳屯的，县医院的郎中说得转诊"))
    assert township is not None and township.name == "柳屯镇"


def test_of_several_matter_spans_the_one_that_fits_a_matter_counts(chat):
    text = "全国通用的异地就医直接结算有问题找谁"
    entities = [entity("matter", "全国通用的", text), entity("matter", "异地就医直接结算", text)]
    turn = chat.conversation.respond(Understanding("ask_contact", text, entities), {})
    assert "异地就医直接结算问题协调" in turn.messages[0].text


def test_a_weak_span_does_not_outvote_the_whole_message(chat):
    [answer] = chat.say("ask_matter", "咋给俺孙子办医保，刚满月", matter="办医保")
    assert not answer.text.startswith("【单位参保登记】")
    assert "城乡居民参保登记" in answer.text or "城乡居民参保登记" in [t for t, _ in answer.buttons]


def test_the_askers_own_person_type_beats_a_relatives(chat):
    text = "俺儿子在厂里上班，俺是农村的老头，住院花了钱咋报"
    entities = [entity("person_type", "上班", text), entity("person_type", "农村的老头", text),
                entity("matter", "住院", text)]
    turn = chat.conversation.respond(Understanding("ask_matter", text, entities), {})
    assert turn.slots.get("person_type") == "城乡居民"


def test_a_relatives_person_type_alone_is_taken(chat):
    text = "俺媳妇是城乡居民，生孩子住院的钱咋报"
    turn = chat.conversation.respond(Understanding("ask_matter", text, [entity("person_type", "城乡居民", text)]), {})
    assert turn.slots.get("person_type") == "城乡居民"


def test_a_relatives_employer_is_not_the_askers_person_type(chat):
    text = "俺没工作，老公在公司上班，俺门诊看病的钱咋报"
    entities = [entity("person_type", "公司", text), entity("matter", "门诊看病的钱", text)]
    turn = chat.conversation.respond(Understanding("ask_matter", text, entities), {})
    assert turn.slots.get("person_type") != "单位"
    assert "单位" not in turn.messages[0].text.split("\n")[0]


def test_when_to_apply_without_a_fixed_period_says_so_before_the_time_limit(chat):
    [answer] = chat.say("ask_time_limit", "城乡居民慢性病啥时候能申请", matter="慢性病", person_type="城乡居民")
    assert "这份指南没有写固定的申请时间" in answer.text and "不超过20个工作日" in answer.text
    assert "3月、9月" not in answer.text
    chat.slots = {}
    [answer] = chat.say("ask_time_limit", "慢性病啥时候能申请", matter="慢性病")
    assert "申请时间（城镇职工）" in answer.text


def test_an_online_module_listed_under_another_provincial_item_is_told(chat):
    [answer] = chat.say("ask_online", "一次性生育补助金网上能办不", matter="一次性生育补助金")
    assert "“生育医疗费支付”一项所列模块" in answer.text and "河南医保" in answer.text


def test_key_information_changes_online_are_not_sent_to_the_window_where_the_module_exists(chat):
    [answer] = chat.say("ask_online", "职工改名字网上可以办吗", matter="职工改名字")
    assert "关键信息变更）" in answer.text and "请到窗口办理" not in answer.text


def test_a_region_the_nlu_missed_is_read_from_the_words(chat):
    [answer] = chat.say("ask_materials", "全国通用的住院费用报销要带啥", matter="住院费用报销")
    assert "通用公共服务事项指南" in answer.text
    chat.slots = {}
    [answer] = chat.say("ask_online", "国家医保服务平台上能办住院报销吗", matter="住院报销")
    assert "（通用公共服务事项指南）" not in answer.text


def test_a_typed_button_title_answers_the_question_that_offered_it(chat):
    [question] = chat.say("ask_where", "医疗救助的钱去哪报")
    assert "医疗救助对象手工（零星）报销" in [t for t, _ in question.buttons]
    [answer] = chat.say("ask_eligibility", "医疗救助对象手工（零星）报销")  # the NLU reads a bare name as anything
    assert answer.text.startswith("【医疗救助对象手工（零星）报销") and "办理地点" in answer.text


def test_not_knowing_the_side_gets_both_hospitals_and_the_phone(chat):
    [question] = chat.say("ask_hospital", "鲁河的城乡居民慢性病认定去哪个医院", matter="慢性病认定",
                          person_type="城乡居民", township="鲁河")
    assert "不清楚" in [t for t, _ in question.buttons]
    [answer] = chat.say("deny", "不知道")
    assert "濮阳县人民医院" in answer.text and "濮阳县中医院" in answer.text and "0393-8669566" in answer.text


def test_an_unsure_intent_with_a_plainly_named_matter_gets_the_matters_card(chat):
    [answer] = chat.say("nlu_fallback", "住院费用怎么报销", matter="住院费用")
    assert answer.text.startswith("【住院费用报销】") and "70号窗口" in answer.text
    [unsure] = Chat(chat.conversation).say("nlu_fallback", "那个东西咋弄")
    assert "没太明白" in unsure.text


def test_several_aspects_in_one_message_get_the_whole_card(chat):
    [answer] = chat.say("ask_time_limit", "俺是城乡居民，住院报销去哪办，要带啥，多久能好", matter="住院报销",
                        person_type="城乡居民")
    assert "乡镇卫生院医保科" in answer.text and "住院病历、诊断证明" in answer.text and "30个工作日" in answer.text


def test_a_deadline_question_is_not_answered_with_the_processing_time_alone(chat):
    [answer] = chat.say("ask_time_limit", "住院报销有时间限制吗，出院多久内要报", matter="住院报销")
    assert "这份指南没有写固定的申请时间" in answer.text


def test_an_automatic_benefits_materials_are_not_to_be_brought(chat):
    [answer] = chat.say("ask_materials", "河南省产前检查费支付要带什么", matter="产前检查费支付", region="河南省")
    assert "免申即享" in answer.text.split("\n")[0] and "请一次带齐" not in answer.text


def test_a_follow_up_stays_with_the_guide_it_follows(chat):
    chat.say("ask_materials", "平顶山生育津贴要什么材料", matter="生育津贴", region="平顶山")
    [answer] = chat.say("ask_time_limit", "多久")
    assert "（平顶山市）" in answer.text and "以下按濮阳县" not in answer.text


def test_a_person_type_the_nlu_did_not_tag_is_read_from_the_words(chat):
    [answer] = chat.say("ask_where", "职工慢性病在哪办", matter="慢性病")
    assert "城镇职工" in answer.text.split("\n")[0] and "请问您是" not in answer.text
    chat.slots = {}
    [question] = chat.say("ask_where", "门诊报销去哪办", matter="门诊报销")
    [answer] = chat.say("nlu_fallback", "城鎮職工", matter="職工")
    assert "70号窗口" in answer.text


def test_a_person_word_inside_a_matters_name_is_not_a_person_type(chat):
    [answer] = chat.say("ask_materials", "职工参保登记要带啥", matter="职工参保登记")
    assert "·城镇职工" not in answer.text.split("\n")[0]


@pytest.mark.parametrize("intent,text", [("ask_matter", "住院报销能报几成"), ("ask_matter", "门诊报销比例是多少"),
                                         ("ask_fee", "住院报销最高能报多少钱")])
def test_how_much_is_paid_back_is_not_in_the_guides_and_the_answer_says_so(chat, intent, text):
    words = "住院报销" if "住院" in text else "门诊报销"
    [question] = chat.say(intent, text, matter=words)
    [answer] = chat.click(question, "城乡居民") if question.buttons else [question]
    assert "没有写报销比例、起付线或能报多少钱" in answer.text
    assert "办理地点" in answer.text and "0393-8669566" in answer.text
    assert "请一次带齐" not in answer.text  # not the card, which would read as an answer


def test_how_long_until_the_money_comes_is_still_the_time_limit(chat):
    [answer] = chat.say("ask_time_limit", "生育津贴报销多少天能到账", matter="生育津贴")
    assert "没有写报销比例" not in answer.text and "工作日" in answer.text


@pytest.mark.parametrize("text", ["医保电子凭证咋激活", "怎么给家里人添加电子医保卡", "醫保電子憑證怎麼申領"])
def test_using_the_e_voucher_is_not_in_the_guides_and_gets_no_matters_card(chat, text):
    [answer] = chat.say("ask_matter", text)
    assert "没有写医保电子凭证怎么激活" in answer.text and "0393-8669566" in answer.text
    assert "参保凭证》】" not in answer.text and "72号窗口" not in answer.text


def test_the_e_voucher_as_a_material_is_still_a_materials_question(chat):
    [answer] = chat.say("ask_materials", "参保凭证要带电子凭证吗", matter="参保凭证")
    assert "没有写医保电子凭证" not in answer.text and "医保电子凭证或有效身份证件或社保卡" in answer.text


def test_the_amount_question_survives_choosing_the_matter_from_buttons(chat):
    [question] = chat.say("ask_matter", "俺是职工，门诊看病报销比例是多少", person_type="职工")
    assert "门诊费用报销" in dict(question.buttons)
    [answer] = chat.click(question, "门诊费用报销")
    assert answer.text.startswith("【门诊费用报销·城镇职工】办事指南没有写报销比例")
    assert "70号窗口" in answer.text


@pytest.mark.parametrize("text", ["我是公司上班的职工，要去北京看病转诊去哪开", "我在公司上班，要去北京看病转诊去哪开"])
def test_working_for_a_company_is_an_employee_not_the_company(chat, text):
    [answer] = chat.say("ask_where", text, matter="转诊", person_type="公司")
    assert chat.slots["person_type"] == "城镇职工"
    assert "濮阳县人民医院" in answer.text and "·单位" not in answer.text


def test_the_provinces_rules_asked_as_shengli_are_answered_from_the_henan_guide(chat):
    chat.say("ask_where", "个人账户一次性支取去哪办", matter="个人账户一次性支取")
    [answer] = chat.say("ask_time_limit", "省里的规定是多少天")
    assert "河南省" in answer.text and "15个工作日" in answer.text


def test_a_worker_changing_their_record_gets_the_workers_matter_without_a_choice(chat):
    [answer] = chat.say("ask_matter", "职工身份证号录错了要改", person_type="职工")
    assert answer.text.startswith("【职工参保信息变更登记") and "72号窗口" in answer.text
    assert not answer.buttons


def test_who_to_ask_about_a_failed_settlement_names_who_takes_it_up(chat):
    [answer] = chat.say("ask_contact", "异地就医结算不了找谁协调", matter="异地就医结算不了")
    assert answer.text.startswith("【异地就医直接结算问题协调服务")
    assert "受理单位：各级医疗保障部门或当地定点医药机构" in answer.text


def test_the_settlement_coordination_can_be_asked_for_by_phone(chat):
    chat.say("ask_contact", "异地就医结算不了找谁协调", matter="异地就医结算不了")
    [answer] = chat.say("ask_online", "能打电话办吗")
    assert "电话办理：参保群众通过电话提出申请" in answer.text and "第29项（四）" in answer.text


def test_a_newborns_parents_are_told_the_child_is_covered_in_its_birth_year(chat):
    [answer] = chat.say("ask_matter", "刚出生的孩子怎么上医保")
    assert answer.text.startswith("【城乡居民参保登记") and "73、74号窗口" in answer.text
    assert "新生儿出生当年随参加基本医疗保险的父母自动获取参保资格" in answer.text
    assert "第18项（五）" in answer.text


def test_correcting_inpatient_to_outpatient_means_outpatient_reimbursement(chat):
    chat.say("ask_where", "住院报销去哪", matter="住院报销")
    [answer] = chat.say("correct_matter", "不是住院，我问的是门诊，职工", matter="门诊", person_type="职工")
    assert answer.text.startswith("【门诊费用报销·城镇职工】") and "70号窗口" in answer.text


def test_a_person_type_typed_under_matter_buttons_is_acknowledged_and_kept(chat):
    [question] = chat.say("inform", "住院", matter="住院")
    assert "住院费用报销" in [t for t, _ in question.buttons]
    [again] = chat.say("inform", "职工", person_type="职工")
    assert again.text.startswith("好的，已记下您是城镇职工。") and again.buttons == question.buttons
    [answer] = chat.click(again, "住院费用报销")
    assert answer.text.startswith("【住院费用报销") and "城镇职工" in answer.text and "70号窗口" in answer.text


def test_which_month_to_apply_gets_the_application_months(chat):
    [answer] = chat.say("ask_eligibility", "慢性病认定几月份能申请", matter="慢性病认定")
    assert "3月、9月集中申请" in answer.text.split("\n")[1]


def test_platforms_with_the_same_steps_share_one_line(chat):
    [answer] = chat.say("ask_online", "异地转诊备案网上能办吗", matter="异地转诊备案")
    platform_lines = [line for line in answer.text.split("\n") if line.startswith("  · ")]
    assert len(platform_lines) == 1
    assert "国家异地就医备案小程序" in platform_lines[0] and "“河南医保”小程序" in platform_lines[0]
    assert platform_lines[0].count("医保经办机构2个工作日内办结") == 1


def test_a_self_employed_person_is_not_sent_to_the_employers_online_channels(chat):
    [answer] = chat.say("ask_online", "灵活就业人员参保网上怎么办", matter="参保", person_type="灵活就业人员")
    assert answer.text.startswith("【职工参保登记·灵活就业人员】")
    assert "“河南医保”小程序" in answer.text and "单位医保经办人" not in answer.text


def test_a_span_naming_only_the_scheme_is_not_taken_for_the_matter(chat):
    text = "俺是城乡居民医保，常年在北京帮闺女看孩子，能办异地备案不"
    turn = chat.conversation.respond(Understanding("ask_eligibility", text, spans(text, "城乡居民医保", "异地备案")), {})
    assert "城乡居民参保登记" not in turn.messages[0].text
    assert "备案" in turn.messages[0].text or any("备案" in t for t, _ in turn.messages[0].buttons)


def test_the_scheme_named_right_after_a_matter_is_who_asks(chat):
    chat.say("ask_matter", "做结扎的钱医保给报不，俺是职工", matter="结扎", person_type="职工")
    [answer] = chat.say("ask_eligibility", "那俺老婆是城乡居民医保，她做能报不", matter="城乡居民医保")
    assert answer.text.startswith("注意：指南写明“计划生育医疗费支付”的服务对象是")


def test_getting_insured_for_a_relative_asks_which_enrollment_and_a_resident_gets_hers(chat):
    [question] = chat.say("ask_matter", "俺想给俺娘办个医保，咋弄")
    assert "城乡居民参保登记" in {t for t, _ in question.buttons} and len(question.buttons) >= 2
    [answer] = chat.say("inform", "她在村里种地，没单位", person_type="没单位")
    assert answer.text.startswith("【城乡居民参保登记】") and "73、74号窗口" in answer.text


def test_a_resident_told_after_the_unit_enrollment_gets_the_resident_enrollment(chat):
    chat.say("ask_where", "单位办医保去哪", matter="单位办医保")
    [answer] = chat.say("inform", "俺是农村的", person_type="农村")
    assert answer.text.startswith("【城乡居民参保登记·城乡居民】办理地点：濮阳县行政服务大厅73、74号窗口")


def test_where_an_office_is_gets_its_address_and_keeps_the_matter(chat):
    chat.say("ask_matter", "俺是职工，恶性肿瘤门诊特殊病咋申请", matter="门诊特殊病", person_type="职工")
    [answer] = chat.say("ask_where", "医疗服务部在哪", matter="医疗服务部")
    assert answer.text.startswith("医保中心医疗服务部：濮阳县长庆路与红旗路交叉口东北角信息园7号楼医保中心医疗服务部")
    assert chat.slots["matter"] == "chronic_disease_certification"
    [hall] = chat.say("ask_where", "行政服务大厅在哪")
    assert hall.text.startswith("濮阳县行政服务大厅：办事指南没有写具体地址。")


def test_an_office_named_with_a_matter_asks_where_the_matter_is_done(chat):
    [question] = chat.say("ask_where", "医保中心在啥地方？我要办转诊备案", matter="转诊备案")
    assert "异地转诊人员备案" in question.text and not question.text.startswith("医保中心医疗服务部")


def test_the_scheme_one_is_insured_under_told_with_a_follow_up_is_who_asks(chat):
    chat.say("ask_matter", "做结扎的钱医保给报不，俺是职工", matter="结扎", person_type="职工")
    [answer] = chat.say("ask_matter", "那俺老婆是城乡居民医保，她做能报不", person_type="城乡居民")
    assert answer.text.startswith("注意：指南写明“计划生育医疗费支付”的服务对象是")


def test_a_matters_whole_name_typed_is_that_matter_not_a_choice(chat):
    [answer] = chat.say("ask_materials", "請問生育醫療費支付要帶哪些材料？", matter="生育醫療費支付")
    assert answer.text.startswith("【生育医疗费支付】") and not answer.buttons


def test_a_span_fitting_one_of_the_matters_just_answered_together_is_that_one(chat):
    text = "门诊报销和住院报销分别去几号窗口"
    turn = chat.conversation.respond(Understanding("ask_where", text, spans(text, "门诊报销", "住院报销")),
                                     {"person_type": "城镇职工"})
    chat.slots.update({"person_type": "城镇职工", **turn.slots})
    [answer] = chat.say("ask_materials", "住院的要什么材料", matter="住院")
    assert answer.text.startswith("【住院费用报销·城镇职工】请一次带齐以下材料")


@pytest.mark.parametrize("typed, windows", [("72号 办啥", [72]), ("73 74呢", [73, 74]), ("68 69 70", [68, 69, 70])])
def test_window_numbers_alone_say_what_each_window_handles(chat, typed, windows):
    messages = chat.say("nlu_fallback", typed)
    assert [m.text.split("\n")[0] for m in messages] == [f"濮阳县行政服务大厅{w}号窗口办理：" for w in windows]


@pytest.mark.parametrize("typed, starts", [("窗口 时限", "【参保人员个人账户一次性支付】（濮阳县）"),
                                           ("时限", "【参保人员个人账户一次性支付】办理时限：即时办理")])
def test_an_agents_keywords_after_a_matter_get_those_aspects(chat, typed, starts):
    chat.say("ask_materials", "个账支取 材料", matter="个账支取")
    [answer] = chat.say("nlu_fallback", typed)
    assert answer.text.startswith(starts)


def test_rural_cooperative_insurance_named_with_an_id_fix_is_who_asks(chat):
    [answer] = chat.say("ask_matter", "俺那身份证号以前登记错了一位数，医保上也错了，咋改嘞，俺是农村合作医疗",
                        person_type="农村合作医疗")
    assert answer.text.startswith("【城乡居民参保信息变更登记】")


def test_a_person_type_told_under_offered_choices_settles_them_though_it_fits_another_matter(chat):
    [question] = chat.say("ask_where", "参保信息查询在几号窗口？", matter="参保信息查询")
    assert {t for t, _ in question.buttons} == {"参保单位参保信息查询", "参保个人参保信息查询"}
    [answer] = chat.say("inform", "我是灵活就业的", person_type="灵活就业")
    assert answer.text.startswith("【参保个人参保信息查询·灵活就业人员】办理地点：城镇职工：濮阳县行政服务大厅72号窗口")


@pytest.mark.parametrize("intent, text, span, starts", [
    ("ask_matter", "我们医院想申请医保定点", "申请医保定点", "【医疗机构申请定点协议管理】"),
    ("ask_materials", "俺药房想弄定点 要啥", "定点", "【零售药店申请定点协议管理】请一次带齐以下材料"),
    ("ask_time_limit", "卫生室的定点结算多久拨款", "定点结算", "【基本医疗保险定点医疗机构费用结算】办理时限：不超过30个工作日")])
def test_the_facility_named_decides_between_the_hospital_and_pharmacy_matters(chat, intent, text, span, starts):
    [answer] = chat.say(intent, text, matter=span)
    assert answer.text.startswith(starts) and not answer.buttons


def test_a_designation_asked_without_the_facility_offers_hospital_and_pharmacy(chat):
    # Both are handled by the same office, but their materials differ: neither is guessed.
    [question] = chat.say("ask_where", "定点申请去哪", matter="定点申请")
    assert {t for t, _ in question.buttons} == {"医疗机构申请定点协议管理", "零售药店申请定点协议管理"}


def test_paying_the_resident_scheme_is_answered_as_resident_enrollment(chat):
    [answer] = chat.say("ask_where", "交居民医保去哪交", matter="交居民医保")
    assert answer.text.startswith("【城乡居民参保登记") and "73、74号窗口" in answer.text and not answer.buttons


@pytest.mark.parametrize("intent, text, spans, starts", [
    # a hospital alias's words, a pharmacy named: the pharmacy's designation
    ("ask_materials", "药店想纳入医保定点，要准备啥材料", {"matter": "纳入医保定点"}, "【零售药店申请定点协议管理】请一次带齐"),
    # no span at all, the facility named in the whole message
    ("ask_time_limit", "俺是乡卫生院管医保结算的，每个月的结算申请啥时候报", {}, "【基本医疗保险定点医疗机构费用结算】")])
def test_the_facility_named_overrules_the_words_of_the_other_facilitys_matter(chat, intent, text, spans, starts):
    [answer] = chat.say(intent, text, **spans)
    assert answer.text.startswith(starts) and not answer.buttons


def test_the_other_facility_after_a_facility_matter_is_its_counterpart(chat):
    chat.say("ask_where", "医疗机构费用结算去哪办", matter="医疗机构费用结算")
    [answer] = chat.say("inform", "药店呢", matter="药店呢")
    assert answer.text.startswith("【基本医疗保险定点零售药店费用结算】办理地点：") and "医疗费用审核部" in answer.text


def test_where_to_hand_in_stays_on_the_matter_just_answered(chat):
    chat.say("ask_time_limit", "定点医院月度结算申请啥时候交", matter="定点医院月度结算申请")
    [answer] = chat.say("ask_where", "交到哪")
    assert answer.text.startswith("【基本医疗保险定点医疗机构费用结算】办理地点：") and not answer.buttons


def test_the_facility_denied_leaves_the_other_one_and_the_whole_message_picks_its_matter(chat):
    text = "我说的医院申请定点 不是药店"
    said = Understanding("correct_matter", text, [entity("matter", "定点", text), entity("matter", "药店", text)])
    [answer] = chat.conversation.respond(said, {}).messages
    assert answer.text.startswith("【医疗机构申请定点协议管理】") and not answer.buttons


def test_a_span_that_only_describes_the_person_leaves_the_matter_to_the_whole_message(chat):
    text = "俺爹上个月走了，他以前是厂里的退休职工，听人说医保卡里头的钱能取出来，俺是他儿子，这咋弄啊，搁哪办"
    [answer] = chat.say("ask_matter", text, matter="退休职工")
    assert answer.text.startswith("【参保人员个人账户一次性支付】") and "72号窗口" in answer.text
    assert "异地安置" not in answer.text


def test_the_province_as_where_one_goes_for_treatment_keeps_the_county_guide(chat):
    text = "俺是城乡居民，家在106国道西边，要转诊到省里看病，去哪个医院开转诊"
    said = Understanding("ask_hospital", text, [entity("person_type", "城乡居民", text), entity("road_side", "西边", text),
                                                entity("matter", "转诊", text), entity("region", "省里", text)])
    [answer] = chat.conversation.respond(said, {}).messages
    assert "濮阳县中医院" in answer.text and "河南省" not in answer.text


def test_the_provinces_rules_asked_are_answered_from_its_guide(chat):
    [answer] = chat.say("ask_time_limit", "省里的异地转诊备案多久办好", matter="异地转诊备案", region="省里")
    assert "河南省2024年版" in answer.text and "线下即时办结" in answer.text


def test_a_choice_picked_by_telling_ones_situation_answers_the_question_that_offered_it(chat):
    [question] = chat.say("ask_where", "异地备案去哪办", matter="异地备案")
    assert "异地长期居住人员备案" in {t for t, _ in question.buttons}
    [answer] = chat.say("ask_eligibility", "俺是长期搁外地住，跟着孩子")
    assert answer.text.startswith("【异地长期居住人员备案】办理地点：") and "医疗服务部" in answer.text


@pytest.mark.parametrize("intent, reply, span, picked", [
    ("inform", "住院的", "住院", "住院费用报销"), ("ask_online", "门诊的能网上办吗", "门诊", "门诊费用报销")])
def test_part_of_an_offered_name_typed_picks_it(chat, intent, reply, span, picked):
    [question] = chat.say("ask_where", "报销去哪")
    assert {"住院费用报销", "门诊费用报销"} <= {t for t, _ in question.buttons}
    [answer] = chat.say(intent, reply, matter=span)
    # answered, or asked only who is asking (职工 or 城乡居民), about the one picked
    assert picked in answer.text.split("\n")[0]
    assert {t for t, _ in answer.buttons} <= {"城镇职工", "城乡居民"}


def test_the_scheme_as_the_only_span_leaves_its_words_to_the_whole_message(chat):
    [answer] = chat.say("ask_where", "俺们厂里新招了两个工人，要给他们上职工医保，搁哪办啊", matter="职工医保")
    assert answer.text.startswith("【职工参保登记") and "72号窗口" in answer.text


def test_spans_with_only_de_between_them_are_read_as_one(chat):
    text = "俺媳妇是职工，生孩子的医疗费报销要啥材料"
    said = Understanding("ask_materials", text, [entity("person_type", "职工", text), entity("matter", "生孩子", text),
                                                 entity("matter", "医疗费", text)])
    [answer] = chat.conversation.respond(said, {}).messages
    assert answer.text.startswith("【生育医疗费支付") and "请一次带齐以下材料" in answer.text


def test_a_correction_the_nlu_tagged_nothing_in_still_denies_the_old_matter(chat):
    chat.say("ask_materials", "俺是职工 门诊费用报销 要带啥", matter="门诊费用报销", person_type="职工")
    [answer] = chat.say("correct_matter", "说错了 是住院不是门诊")
    assert answer.text.startswith("【住院费用报销·城镇职工】请一次带齐以下材料") and "住院费用总清单" in answer.text


def test_asking_whose_number_it_is_gives_the_phone_not_a_matter(chat):
    [answer] = chat.say("ask_contact", "0393-8669566 是啥电话")
    assert answer.text.startswith("濮阳县医保监督电话：0393-8669566") and "【" not in answer.text


def test_not_being_able_to_tell_the_side_gives_both_hospitals(chat):
    [question] = chat.say("ask_hospital", "胡状的 居民医保 重特大疾病认定去哪", matter="重特大疾病认定", township="胡状",
                          person_type="居民医保")
    assert "以东还是以西" in question.text
    [answer] = chat.say("inform", "俺也说不清 反正离镇上不远")
    assert "濮阳县人民医院" in answer.text and "濮阳县中医院" in answer.text and "0393-8669566" in answer.text


def test_a_question_about_the_review_rules_mid_conversation_is_answered_from_the_guide(chat):
    chat.say("ask_contact", "0393-8669566 是啥电话")
    [answer] = chat.say("nlu_fallback", "差评了多久有人回访")
    assert "1个工作日内" in answer.text and "回访" in answer.text


def test_a_township_and_referral_in_an_unsure_message_route_to_the_hospital(chat):
    text = "俺是白罡乡的农村医保要去外地大医院看病转诊单在哪开"
    said = Understanding("nlu_fallback", text, [entity("township", "白罡乡", text), entity("person_type", "农村", text),
                                                entity("matter", "转诊", text)])
    [answer] = chat.conversation.respond(said, {}).messages
    assert "濮阳县人民医院" in answer.text and "0393-8669566" in answer.text


def test_a_person_type_told_under_offered_choices_picks_the_one_named_for_it(chat):
    [question] = chat.say("ask_where", "参保登记在哪办", matter="参保登记")
    assert {"职工参保登记", "城乡居民参保登记"} <= {t for t, _ in question.buttons}
    [answer] = chat.say("inform", "俺在厂里上班", person_type="上班")
    assert answer.text.startswith("【职工参保登记") and "72号窗口" in answer.text and not answer.buttons


def test_another_region_alone_after_an_answer_asks_the_same_question_there(chat):
    [province] = chat.say("ask_time_limit", "按河南省2024年版指南 医疗机构申请定点要多长时间", matter="医疗机构申请定点",
                          region="河南省")
    assert "不超过90个自然日" in province.text
    text = "濮阳县呢"
    said = Understanding("nlu_fallback", text, [entity("region", "濮阳县", text)])
    turn = chat.conversation.respond(said, dict(chat.slots))
    assert "不超30个工作日" in turn.messages[0].text and "90个自然日" not in turn.messages[0].text


def test_an_offered_matter_the_whole_message_names_clearly_is_picked(chat):
    chat.slots = {"candidates": ["resident_enrollment", "resident_info_change"], "pending": "general"}
    [answer] = chat.say("ask_where", "户籍地变了在哪改")
    assert answer.text.startswith("【城乡居民参保信息变更登记") and "73、74号窗口" in answer.text
    chat.slots = {"candidates": ["resident_enrollment", "resident_info_change"], "pending": "general"}
    # 手机 is how, not which: the choice stands, and the online ways of each are told
    *answers, again = chat.say("ask_online", "能在手机上办不")
    assert [m.text.split("】")[0] for m in answers] == ["【城乡居民参保登记", "【城乡居民参保信息变更登记"]
    assert {t for t, _ in again.buttons} == {"城乡居民参保登记", "城乡居民参保信息变更登记"}


def test_a_statement_naming_a_matter_outright_is_about_it(chat):
    [question] = chat.say("ask_where", "我长期在上海住 医保要备案 在哪办", matter="备案")
    assert question.buttons
    [answer] = chat.say("inform", "我老公是单位派到上海工作的 他的呢", person_type="单位")
    assert answer.text.startswith("【常驻异地工作人员备案")


def test_a_clinic_asking_about_the_monthly_settlement_is_the_facility_matter(chat):
    [answer] = chat.say("ask_time_limit", "我是诊所的会计 医保每个月结算啥时候报")
    assert answer.text.startswith("【基本医疗保险定点医疗机构费用结算】") and "每月5-10日" in answer.text


def test_telling_who_one_is_after_a_matter_keeps_the_matter(chat):
    chat.say("inform", "门诊报销 城乡居民", matter="门诊报销", person_type="城乡居民")
    [answer] = chat.say("inform", "说错了 我是职工 灵活就业交的职工医保", person_type="灵活就业")
    assert answer.text.startswith("【门诊费用报销】") and "70号窗口" in answer.text


def test_a_fee_question_naming_no_matter_gets_what_the_province_guide_says_of_all(chat):
    [answer] = chat.say("ask_fee", "在大厅办医保这些事要收钱不")
    assert "不收费" in answer.text and "河南省医疗保障经办政务服务事项办事指南（2024年版）" in answer.text
    assert "不是医保费" in answer.text and not answer.buttons
    [one] = chat.say("ask_fee", "生育津贴收费吗", matter="生育津贴")
    assert one.text.startswith("【生育津贴支付】是否收费")


def test_a_one_character_matter_span_names_no_matter(chat):
    # the NLU tagged "那" in "那濮阳县报的话要多久": the question stays on 产前检查费支付
    chat.say("ask_matter", "怀孕做产检的钱能报吗，我是职工", matter="怀孕做产检", person_type="职工")
    [answer] = chat.say("ask_time_limit", "那濮阳县报的话要多久", matter="那", region="濮阳县")
    assert answer.text.startswith("【产前检查费支付") and "不超过20个工作日" in answer.text


def test_a_unit_employee_is_a_worker_not_the_unit(chat):
    # "单位职工" tagged as 单位 and 职工: the three 转诊 hospitals for 城镇职工, not the unit's missing place
    text = "我是单位职工，要去北京看病，需要转诊，去哪个医院开证明"
    found = [entity("person_type", "单位", text), entity("person_type", "职工", text), entity("matter", "转诊", text)]
    turn = chat.conversation.respond(Understanding("ask_hospital", text, found), {})
    assert turn.slots["person_type"] == "城镇职工"
    assert all(h in turn.messages[0].text for h in ("濮阳县人民医院", "濮阳县中医院", "濮阳县第二人民医院"))


def test_the_side_question_for_residents_chronic_disease_says_which_cases_go_to_the_township_clinic(chat):
    # 000 item 16 四(一)2): 高血压并发症 and three others are assessed at the 乡镇卫生院 (rural poor only)
    [question] = chat.say("ask_where", "俺是贫困户 有高血压并发症 城乡居民医保 慢性病鉴定去哪",
                          matter="慢性病鉴定", person_type="城乡居民")
    assert "106国道以东还是以西" in question.text
    assert "高血压并发症" in question.text and "在所在乡镇卫生院鉴定（限农村贫困人口）" in question.text


def test_a_span_the_whole_message_hardly_points_at_gives_way_to_the_matter_it_names(chat):
    # "刷医保卡" alone reads as 异地就医直接结算问题协调; the message asks how a pharmacy joins 医保
    [answer] = chat.say("ask_matter", "开药店想刷医保卡，咋弄", matter="刷医保卡")
    assert answer.text.startswith("【零售药店申请定点协议管理") and "异地就医" not in answer.text


def test_a_side_told_in_words_the_nlu_is_unsure_of_gives_the_hospital_of_that_side(chat):
    chat.say("ask_hospital", "俺是城乡居民医保，要转到郑州大医院看病，转诊单在哪开", matter="转诊", person_type="城乡居民")
    [answer] = chat.say("nlu_fallback", "对，在国道西边", road_side="国道西边")
    assert "濮阳县中医院" in answer.text and "濮阳县人民医院" not in answer.text


def test_a_scheme_name_the_nlu_read_as_the_person_type_is_not_matched_as_a_matter(chat):
    # "城乡居民医保" says who asks (tagged 城乡居民): not 城乡居民参保登记
    text = "俺家孩子骑电车摔了 住了几天院 当时没报 城乡居民医保 回来咋报"
    [answer] = chat.conversation.respond(Understanding("ask_matter", text, [entity("person_type", "城乡居民", text)]),
                                         {}).messages
    assert answer.text.startswith("【住院费用报销") and "参保地乡镇卫生院医保科" in answer.text


def test_joining_a_scheme_the_nlu_read_as_the_person_type_is_still_the_enrolment(chat):
    text = "俺在广东东莞打工好几年了 老家是王称固的 今年想给俺家俩娃在老家办城乡居民医保 人回不去 手机上能弄不"
    found = [entity("township", "王称固", text), entity("person_type", "城乡居民", text)]
    [answer] = chat.conversation.respond(Understanding("ask_online", text, found), {}).messages
    assert answer.text.startswith("【城乡居民参保登记") and "河南医保" in answer.text


def test_which_form_to_fill_is_answered_with_the_materials_and_the_window(chat):
    # "在濮阳县办呢，填哪个表" reads as a where-question; the form is among the materials (000 item 1)
    [materials, where] = chat.say("ask_where", "在濮阳县办城乡居民参保，填哪个表", matter="城乡居民参保")
    assert materials.text.startswith("【城乡居民参保登记") and "参保登记表" in materials.text
    assert "73、74号窗口" in where.text


def test_joining_asked_after_the_scheme_name_is_answered_for_the_enrolment(chat):
    # "城乡居民医保啥时候能报名": 城乡居民医保 is what is joined, not only who asks
    text = "城乡居民医保啥时候能报名 去哪报"
    turn = chat.conversation.respond(Understanding("ask_where", text, [entity("person_type", "城乡居民", text)]), {})
    answer = "\n".join(message.text for message in turn.messages)
    assert "【城乡居民参保登记" in answer and "73、74号窗口" in answer
    assert not any(message.buttons for message in turn.messages)


def test_paying_the_residents_scheme_is_its_enrolment_not_a_choice(chat):
    [answer, *_] = chat.say("ask_matter", "居民医保啥时候交")
    assert answer.text.startswith("【城乡居民参保登记") and not answer.buttons


def test_a_matter_named_in_its_own_words_is_not_outweighed_by_words_about_the_person(chat):
    chat.say("ask_where", "俺在县里机关上班 职工医保 转诊搁哪开", matter="转诊", person_type="职工医保")
    # "媳妇没工作" is who needs it (a 生育 alias has those words); 转诊 is what she needs
    [answer] = chat.say("inform", "俺媳妇没工作 交的居民医保 家是五星的 她要转诊呢",
                        person_type="居民医保", township="五星", matter="转诊")
    assert "【异地转诊人员备案·城乡居民】" in answer.text and "濮阳县中医院" in answer.text
    assert "生育" not in answer.text


def test_an_employee_whose_unit_pays_is_an_employee_and_is_asked_about_the_application_months(chat):
    text = "我是县一中的老师 单位交的职工医保 糖尿病打胰岛素 想申请门诊慢行病 去哪"
    [card] = chat.say("ask_where", text, person_type="单位", matter="门诊慢行病")
    assert "城镇职工慢性病：濮阳县行政服务大厅69号窗口" in card.text
    [when] = chat.say("ask_eligibility", "是不是只能3月9月才能申请")
    assert "每月申请" in when.text


def test_a_person_type_told_in_words_answers_the_person_type_question_and_keeps_the_matter(chat):
    [question] = chat.say("ask_where", "慢性病认定去哪办", matter="慢性病认定")
    assert [t for t, _ in question.buttons] == ["城镇职工", "城乡居民"]
    # its words also fit 城乡居民参保登记 ("没有工作怎么上医保"): it answers the question asked
    [side_question] = chat.say("ask_where", "俺没工作，一直在村里交的医保", matter="医保")
    assert "106国道以东还是以西" in side_question.text and "参保登记" not in side_question.text
    [answer] = chat.say("inform", "庆祖", township="庆祖")
    assert "濮阳县中医院" in answer.text and "濮阳县人民医院" not in answer.text


def test_a_person_type_alone_after_a_referral_card_gives_the_hospital_of_the_township(chat):
    chat.say("inform", "俺是海通乡的", township="海通乡")
    chat.say("ask_matter", "转诊咋开", matter="转诊")
    [answer] = chat.say("nlu_fallback", "种地的")
    assert answer.text.split("\n")[1].startswith("【异地转诊人员备案·城乡居民】办理地点：濮阳县中医院")


def test_an_employees_grave_illness_is_the_chronic_disease_matter_at_the_medical_service_dept(chat):
    [answer] = chat.say("ask_where", "請問城鎮職工重特大疾病在哪裡申請", person_type="城鎮職工", matter="重特大疾病")
    assert "城镇职工重特大疾病：濮阳县长庆路与红旗路交叉口东北角信息园7号楼医保中心医疗服务部" in answer.text


def test_correcting_who_one_is_in_words_that_hold_a_matters_name_keeps_the_matter(chat):
    chat.say("ask_where", "门诊费用抱销去哪", matter="门诊费用抱销")
    chat.say("inform", "居民", person_type="居民")
    [answer] = chat.say("correct_matter", "不是，俺弄错了，俺是单位给交的，职工", person_type="职工")
    assert answer.text.startswith("【门诊费用报销·城镇职工】") and "70号窗口" in answer.text


@pytest.mark.parametrize("message, matter", [
    ("俺跟闺女在天津住着 户口没迁 想在天津看病用咱濮阳县的医保", "异地长期居住人员备案"),  # not the retirees' relocation
    ("恁好 俺娘今年七十多了 一直没交过医保 现在还能上不 中不中", "城乡居民参保登记"),
    ("在郑州上了几年班交的职工医保 现在回濮阳县上班了 医保咋转回来", "转移接续手续办理"),
])
def test_everyday_descriptions_name_their_matter(chat, message, matter):
    [answer] = chat.say("ask_matter", message)
    assert answer.text.startswith(f"【{matter}")


def test_a_detail_asked_after_a_matter_is_answered_first_with_its_source(chat):
    chat.say("ask_where", "城乡居民住院报销在哪", matter="住院报销", person_type="城乡居民")
    [answer] = chat.say("ask_eligibility", "纸质发票丢了 只有电子发票中不")
    first, source = answer.text.split("\n")[:2]
    assert first.startswith("关于您问的：收费票据提供电子发票或纸质票据均可以")
    assert source == "来源：《濮阳县医疗保障经办政务服务事项办事指南》第18项（五）"
    [unsure] = chat.say("nlu_fallback", "交警那个认定书还没下来咋办")  # a case among the materials
    assert unsure.text.startswith("【住院费用报销·城乡居民】请一次带齐以下材料")
    assert "意外伤害就医的：交通事故认定书" in unsure.text


def test_a_detail_asked_about_the_referral_leads_the_hospital_answer(chat):
    chat.say("inform", "俺家在子岸 种地的 要转诊", township="子岸", matter="转诊")
    [answer] = chat.say("ask_hospital", "第二次去同一家医院还得开转诊单不", matter="开转诊单")
    assert answer.text.startswith("关于您问的：异地转诊人员同一疾病过程多次在同一家定点医疗机构住院")
    assert "第二次及以后不再开具转诊单" in answer.text and "濮阳县中医院" in answer.text


def test_a_detail_of_the_matter_being_discussed_keeps_it_though_its_words_fit_another(chat):
    chat.say("ask_where", "俺是习城乡哩 俺老伴儿肝硬化 想办慢病 俺们是新农合那种 去哪办",
             township="习城乡", matter="慢病", person_type="新农合")
    [answer] = chat.say("ask_where", "俺闺女说在乡里卫生院就能办 是真的不")  # not 卫生院的定点结算
    assert "【基本医疗保险参保人员享受门诊慢特病病种待遇认定·城乡居民】" in answer.text
    assert "在所在乡镇卫生院鉴定（限农村贫困人口）" in answer.text


def test_of_several_matters_the_one_whose_guide_has_the_case_asked_is_answered(chat):
    [answer] = chat.say("ask_eligibility", "娃上个月住院花了两千多 收据上名字跟医保上对不上 能报不")
    assert answer.text.startswith("关于您问的：新生儿医疗费用收据显示姓名与参保信息不一致的：需提供出生医学证明")
    assert "【住院费用报销" in answer.text


def test_where_a_certificate_is_fetched_is_a_where_question(chat):
    # read as a materials question (证明), it asks where: the three hospitals for a 职工
    [answer] = chat.say("ask_materials", "单位职工 要转到省里医院看病 转诊证明搁哪开", person_type="单位职工", matter="转诊")
    assert answer.text.startswith("【异地转诊人员备案·城镇职工】办理地点：濮阳县人民医院、濮阳县中医院、濮阳县第二人民医院")


def test_whether_one_can_apply_now_gets_the_application_months(chat):
    chat.say("inform", "慢性病认定 我是职工", matter="慢性病认定", person_type="职工")
    [answer] = chat.say("nlu_fallback", "现在就能去申请吗")
    assert "3月、9月集中申请" in answer.text and "每月申请" in answer.text


@pytest.mark.parametrize("intent, typed, begins", [
    ("ask_time_limit", "濮阳县 转移接续 材料", "【转移接续手续办理】请一次带齐以下材料"),
    ("ask_materials", "住院报销 时限", "【住院费用报销】办理时限：不超过30个工作日"),
    ("ask_eligibility", "一次性生育补助金 材料", "【一次性生育补助金支付】请一次带齐以下材料"),
    ("ask_time_limit", "灵活就业 参保 材料", "【职工参保登记·灵活就业人员】请一次带齐以下材料"),
    ("inform", "一次性生育补助金 材料", "【一次性生育补助金支付】请一次带齐以下材料"),
])
def test_a_hotline_keyword_decides_the_aspect_whatever_the_intent_read(chat, intent, typed, begins):
    [answer] = chat.say(intent, typed)
    assert answer.text.startswith(begins)


def test_an_accident_told_as_a_story_is_the_inpatient_claim_with_the_accident_case(chat):
    text = "前几天骑电动车叫汽车撞了，在医院住了一个星期，钱都是自己先垫的，医保能报不，要准备啥"
    [answer] = chat.say("ask_materials", text)
    assert answer.text.startswith("【住院费用报销】请一次带齐以下材料")
    assert "意外伤害就医的：交通事故认定书" in answer.text


def test_which_guide_counts_asked_for_the_county_gets_the_county_figure_of_the_same_aspect(chat):
    chat.say("ask_time_limit", "生育津贴多久能发下来", matter="生育津贴")
    [province] = chat.say("ask_time_limit", "俺咋听说河南省的是10个工作日", region="河南省")
    assert "（河南省2024年版）办理时限：不超过10个工作日" in province.text
    assert "关于您问的" not in province.text  # 河南省 names the guide, not its 申请表
    [county] = chat.say("ask_where", "那俺在濮阳县办 按哪个算")
    assert "【生育津贴支付】" in county.text and "办理时限：不超过20个工作日" in county.text


def test_a_newborns_hospital_bill_is_the_inpatient_claim(chat):
    [answer] = chat.say("ask_eligibility", "俺家娃刚生下来就住了保温箱 住了半个月 医院单子上写的是俺媳妇的名字 这钱能报不")
    assert "【住院费用报销" in answer.text


def test_asking_whether_the_answer_is_sure_gets_the_guide_and_the_phone(chat):
    chat.say("ask_where", "城乡居民住院报销在哪", matter="住院报销", person_type="城乡居民")
    [answer] = chat.say("nlu_fallback", "确定吗 别让俺白跑")
    assert "办事指南回答的" in answer.text and "0393-8669566" in answer.text


@pytest.mark.parametrize("message, matter", [
    ("我在柳屯开了个小药店 想让来买药的人能刷医保 咋申请 啥时候能申请", "零售药店申请定点协议管理"),
    ("公司搬家了 地址变了 医保上要变更不 去哪变", "单位参保信息变更登记"),
    ("俺是乡镇卫生院管账的 每个月找医保结算是啥时候报", "基本医疗保险定点医疗机构费用结算"),
])
def test_facilities_and_employers_describing_their_case_get_their_matter(chat, message, matter):
    messages = chat.say("nlu_fallback", message)
    assert messages[0].text.startswith(f"【{matter}")


def test_going_back_to_a_matter_asked_about_before_picks_it_among_its_kind(chat):
    chat.say("ask_where", "我要办异地长期居住备案，去哪办？", matter="异地长期居住备案")
    chat.say("ask_materials", "顺便问下，住院报销要带什么？我是职工", matter="住院报销", person_type="职工")
    [answer] = chat.say("ask_materials", "回到刚才备案那个，要带什么材料？", matter="备案")
    assert answer.text.startswith("【异地长期居住人员备案")  # not a choice of the three 备案
    [back_again] = chat.say("ask_time_limit", "刚才那个住院的多久能报下来")
    assert back_again.text.startswith("【住院费用报销·城镇职工】办理时限")


def test_joining_the_residents_scheme_after_moving_in_is_the_enrolment_not_the_transfer(chat):
    [answer] = chat.say("ask_where", "我刚从外地嫁过来 想在咱县参加居民医保 去哪登记", matter="参加居民医保")
    assert answer.text.startswith("【城乡居民参保登记") and "73、74号窗口" in answer.text


def test_wanting_to_pay_the_residents_scheme_after_leaving_a_job_is_the_enrolment(chat):
    # once an employee ("交的职工"): not 职工参保信息变更 for the words left when the scheme is taken out
    [answer] = chat.say("inform", "俺以前在外地厂里上班交的职工 现在辞职回村了 想交居民医保 头一回交 搁哪登记",
                        matter="交居民医保")
    assert answer.text.startswith("【城乡居民参保登记") and "73、74号窗口" in answer.text


def test_a_person_type_under_a_choice_not_made_by_person_type_picks_nothing(chat):
    chat.slots = {"candidates": ["inpatient_reimbursement", "resident_enrollment"], "pending": "eligibility"}
    [answer] = chat.say("inform", "俺两口子都是居民医保 家在户部寨", person_type="居民医保", township="户部寨")
    assert "城乡居民参保登记" in [title for title, _ in answer.buttons] and "住院费用报销" in answer.text + "".join(
        title for title, _ in answer.buttons)
    assert chat.slots.get("matter") is None


def test_a_stray_span_the_nlu_tagged_leaves_the_matter_being_discussed(chat):
    chat.say("ask_online", "我是大学生，想查一下自己有没有参保，手机上能查吗", person_type="大学生", matter="参保")
    [answer] = chat.say("ask_where", "放假回家去大厅查的话去几号窗口 我是居民医保", matter="放假回家去", person_type="居民")
    assert answer.text.startswith("【参保个人参保信息查询·城乡居民】办理地点：濮阳县行政服务大厅73、74号窗口")


def test_switching_schemes_said_in_passing_leaves_the_account_withdrawal(chat):
    text = "我不想交职工医保了 打算改交居民医保 个人账户里的钱能一次取出来不"
    answer, *where = chat.say("ask_eligibility", text, matter="个人账户里的钱")
    assert answer.text.startswith("【参保人员个人账户一次性支付")
    assert all("72号窗口" in m.text for m in where)  # whether one may, then where to


def test_a_span_fitting_several_matters_is_settled_by_the_one_the_whole_message_also_fits(chat):
    # "生孩子" fits 生育医疗费/参保登记/生育津贴; the whole message 住院费用报销/生育医疗费: 生育医疗费
    text = "俺在县医院上班 职工医保 上个月刚生完孩子 生孩子住院花的钱咋报"
    [answer] = chat.say("ask_matter", text, matter="生孩子")
    assert answer.text.startswith("【生育医疗费支付】") and "68号窗口" in answer.text
    chat.slots = {}
    [answer] = chat.say("ask_where", "俺是职工医保 门诊看病花了钱想报销 搁哪个窗口", matter="门诊")
    assert answer.text.startswith("【门诊费用报销·城镇职工】") and "70号窗口" in answer.text


def test_a_worker_is_not_offered_the_enrolment_its_guide_keeps_for_residents(chat):
    # 城乡居民参保登记 serves "不属于职工基本医疗保险参保范围的城乡居民": not a worker
    chat.slots = {"person_type": "城镇职工"}
    [question] = chat.say("ask_matter", "生孩子的事咋办", matter="生孩子")
    assert question.buttons and "城乡居民参保登记" not in [t for t, _ in question.buttons]
    assert "生育医疗费支付" in [t for t, _ in question.buttons]


def test_a_stay_in_hospital_told_in_split_words_is_the_hospital_bill(chat):
    text = "俺娘前一阵子搁濮阳市里住了半个月院 当时走得急没刷医保 现在回来了咋报消啊 俺们是城关镇的 交的是居民医保"
    [answer] = chat.say("ask_matter", text, township="城关镇")
    assert answer.text.startswith("【住院费用报销】") and "乡镇卫生院医保科" in answer.text


def test_an_unsure_reading_of_a_message_that_names_one_matter_outright_answers_it(chat):
    text = "俺兄弟骑电动车叫人撞了 住了二十来天院 出院了想报销住院费 交警的事故认定还没下来"
    [answer] = chat.say("nlu_fallback", text, matter="住院费")
    assert answer.text.startswith("【住院费用报销】") and "意外伤害个人承诺书" in answer.text


def test_which_hall_the_windows_are_in_is_answered(chat):
    [answer] = chat.say("ask_where", "俺想当面问问 医保的窗口在哪个大厅")
    assert "濮阳县行政服务大厅" in answer.text and "68—74号窗口" in answer.text and not answer.buttons


def test_a_closing_where_question_is_answered_with_the_place(chat):
    text = "俺家是习城乡的低保户 俺男人住院报完医保跟大病保险以后还剩不少钱 说还能走医疗救助 搁哪办"
    answers = chat.say("ask_eligibility", text, township="习城乡")
    assert "【医疗救助对象手工（零星）报销·城乡居民】办理地点：濮阳县医疗保障局职工、居民待遇保障局股" in answers[-1].text


def test_a_disease_named_after_the_place_of_a_certification_gets_that_place(chat):
    chat.say("ask_where", "俺是住子岸乡的居民医保 俺爹慢性病搁哪鉴定", matter="慢性病", township="子岸乡", person_type="居民医保")
    [answer] = chat.say("nlu_fallback", "俺娘也得办 她是帕金森")
    assert "办理地点：城乡居民慢性病、重特大疾病：濮阳县中医院" in answer.text and "帕金森" in answer.text


def test_a_childs_own_medical_insurance_asked_after_a_mothers_benefit_is_the_residents_enrolment(chat):
    chat.say("ask_matter", "我在单位上班交的职工医保 刚生完孩子 生育津贴咋领", matter="生育津贴", person_type="职工医保")
    [answer] = chat.say("ask_eligibility", "那孩子的医保还用单独去办吗", matter="孩子")
    # the mother's 职工 is not the child's: 城乡居民参保登记 and its note on newborns, not 职工参保登记
    assert answer.text.startswith("【城乡居民参保登记】") and "新生儿出生当年" in answer.text


def test_a_case_of_the_materials_asked_after_the_place_keeps_to_the_materials(chat):
    chat.say("ask_where", "单位职工 要转到省里医院看病 转诊证明搁哪开", matter="转诊证明", person_type="单位职工")
    [answer] = chat.say("nlu_fallback", "去年转过一回了 今年同一个病还去那家住院 还用再开吗")
    assert answer.text.startswith("【异地转诊人员备案·城镇职工】请一次带齐以下材料") and "第二次及以后不再开具转诊单" in answer.text


def test_a_filing_already_done_when_settlement_failed_is_the_coordination_service(chat):
    text = "俺在北京住院 备案了也结算不了 医院让回去报 这咋办 谁能给协调一下"
    [answer] = chat.say("ask_matter", text, matter="备案")
    assert answer.text.startswith("【异地就医直接结算问题协调服务】")
    chat.slots = {}
    [answer] = chat.say("ask_matter", "我在郑州住院 已经备过案了 出院的时候还是结算不了 让我全自费 这咋整")
    assert answer.text.startswith("【异地就医直接结算问题协调服务】")
    chat.slots = {}  # a filing asked about is still the filing
    [answer] = chat.say("ask_matter", "去郑州住院要转诊吗")
    assert answer.text.startswith("【异地转诊人员备案】")


def test_a_change_to_what_is_on_record_is_the_change_not_the_enrolment(chat):
    [answer] = chat.say("ask_where", "俺户口迁了 居民医保上的地址要改 去哪")
    assert answer.text.startswith("【城乡居民参保信息变更登记") and "73、74号窗口" in answer.text


def test_a_bare_span_fitting_many_matters_is_settled_by_what_the_whole_message_asks(chat):
    # "住院" fits five matters about alike; "…住院的钱没结算上，报销去哪" fits 住院费用报销 among them
    [answer] = chat.say("ask_where", "另外我妈是城乡居民，在乡镇卫生院住院的钱没结算上，报销去哪？",
                        person_type="城乡居民", matter="住院")
    assert answer.text.startswith("【住院费用报销·城乡居民】办理地点：参保地乡镇卫生院医保科")


def test_a_bill_asked_about_beside_an_enrolment_said_in_passing_is_the_bill(chat):
    text = ("你好 俺是渠村乡的 去年腊月俺儿媳妇在县医院生的孩子 孩子生下来黄疸住了一个礼拜保温箱 花了五千多 当时没上户口也没办医保 "
            "直接自己掏的钱 现在户口上好了 听人说新生儿当年是自动参保的 这钱还能报不 搁哪报 俺们都是农村合作医疗 没单位")
    whether, where = chat.say("ask_eligibility", text, township="渠村乡")
    # whether it can be paid back (the newborn rule), then where: both are asked
    assert whether.text.startswith("【住院费用报销·城乡居民】服务对象") and "新生儿出生当年" in whether.text
    assert where.text.startswith("【住院费用报销·城乡居民】办理地点：参保地乡镇卫生院医保科")


def test_an_unsure_reading_of_a_message_naming_one_matter_many_times_over_answers_it(chat):
    text = "我前几年在郑州上班交的职工医保，现在回濮阳县这边单位上班了，医保关系想转回来，搁哪办"
    [answer] = chat.say("nlu_fallback", text, person_type="职工医保", region="濮阳县")
    assert answer.text.startswith("【转移接续手续办理·城镇职工】办理地点：濮阳县行政服务大厅72号窗口")


def test_a_settlement_asked_after_a_facility_designation_is_that_facility_kinds(chat):
    chat.say("ask_matter", "开药店的 咋申请成医保定点药店", matter="医保定点药店")
    [answer] = chat.say("ask_process", "以后每月结算申请几号交")
    assert answer.text.startswith("【基本医疗保险定点零售药店费用结算】") and "每月5-10日" in answer.text
    chat.slots = {}
    chat.say("ask_time_limit", "我们是乡镇卫生院 想申请成为医保定点 啥时候能申请", matter="医保定点")
    [unsure] = chat.say("nlu_fallback", "纳入定点以后每个月费用咋结算", matter="纳入定点")
    offered = [title for title, _ in unsure.buttons]
    assert "基本医疗保险定点医疗机构费用结算" in offered and not any("零售药店" in title for title in offered)


def test_whether_it_costs_money_asked_beside_the_time_is_answered_too(chat):
    chat.say("ask_matter", "我们是乡镇卫生院 想申请成为医保定点", matter="医保定点")
    [answer] = chat.say("ask_time_limit", "审核要多久 申请收钱不")
    assert "不超30个工作日" in answer.text and "是否收费" in answer.text


def test_looking_up_ones_record_is_the_query_and_a_closing_materials_question_is_answered(chat):
    chat.say("ask_eligibility", "恁这儿能给俺查查俺交没交医保不 中不中")
    [where] = chat.say("ask_where", "搁哪查 俺是居民", person_type="居民")
    assert where.text.startswith("【参保个人参保信息查询·城乡居民】办理地点：濮阳县行政服务大厅73、74号窗口")
    # "手机弄不来" is why, "直接去大厅带啥" what is asked
    [materials] = chat.say("ask_online", "俺不识字 手机弄不来 直接去大厅带啥")
    assert materials.text.startswith("【参保个人参保信息查询·城乡居民】请一次带齐以下材料")


def test_joining_the_residents_scheme_for_a_grandchild_back_from_elsewhere_is_the_enrolment(chat):
    text = "俺孙子从外地回来了，想在咱濮阳县入个城乡居民医保，搁哪办？"
    [answer] = chat.say("ask_where", text, region="濮阳县", person_type="城乡居民医保")
    # not 转移接续 (72号窗口) for "从外地回来了"
    assert answer.text.startswith("【城乡居民参保登记·城乡居民】办理地点：濮阳县行政服务大厅73、74号窗口")


def test_a_phone_number_to_change_on_record_is_the_change_not_whom_to_call(chat):
    [question] = chat.say("ask_contact", "想改一下医保上留的联系电话")
    assert {t for t, _ in question.buttons} == {"职工参保信息变更登记", "城乡居民参保信息变更登记"}
    [answer] = chat.say("inform", "俺是城乡居民，种地哩", person_type="城乡居民")
    assert answer.text.startswith("【城乡居民参保信息变更登记】") and "73、74号窗口" in answer.text


def test_a_settlement_the_words_read_as_the_other_facility_kinds_follows_the_designation(chat):
    chat.say("ask_where", "开药店的，申请医保定点药店去哪", matter="申请医保定点药店")
    [answer] = chat.say("ask_where", "定点以后每个月结算去哪报", matter="结算")
    assert answer.text.startswith("【基本医疗保险定点零售药店费用结算】")


def test_a_what_if_follow_up_asks_the_same_question_again_for_that_case(chat):
    chat.say("ask_where", "公司改名了，医保那边单位信息要变更，在哪个窗口", matter="单位信息")
    chat.say("ask_materials", "带什么")
    # the NLU reads this one as a process question, just over its threshold
    [answer] = chat.say("ask_process", "如果只是改个单位地址呢？")
    assert answer.text.startswith("【单位参保信息变更登记】请一次带齐以下材料")
    assert "非关键信息时可不提供辅助材料" in answer.text and "办理流程" not in answer.text


def test_the_other_kind_of_the_same_bill_asked_with_ne_is_that_bill(chat):
    chat.say("ask_where", "门诊报销去哪", matter="门诊报销")
    chat.say("inform", "俺是职工", person_type="职工")
    chat.say("ask_materials", "带啥")
    [answer] = chat.say("inform", "那住院的呢", matter="住院")
    assert answer.text.startswith("【住院费用报销·城镇职工】请一次带齐以下材料") and not answer.buttons


def test_whether_one_may_in_a_case_the_guide_names_gets_that_case(chat):
    chat.say("ask_where", "计划生育手术的费用去哪报", matter="计划生育手术")
    [answer] = chat.say("ask_eligibility", "我已经离职了还能报不")
    assert "【计划生育医疗费支付】" in answer.text and "服务对象：符合条件的濮阳县参保职工" in answer.text
    assert "符合规定的离职女职工：需提供无业承诺书" in answer.text


def test_a_matter_name_typed_in_full_is_that_matter_not_the_longer_name_holding_it(chat):
    # 计划生育医疗费支付 holds the whole of 生育医疗费支付
    [answer] = chat.say("nlu_fallback", "查：生育医疗费支付 窗口 时限", matter="生育医疗费支付")
    assert answer.text.startswith("【生育医疗费支付】") and "濮阳县行政服务大厅68号窗口" in answer.text
    assert not answer.buttons
    [case] = chat.say("inform", "离职女职工呢", matter="女职工")
    assert case.text.startswith("【生育医疗费支付】") and "无业承诺书" in case.text


def test_a_direct_settlement_refused_after_the_filing_is_the_coordination_service(chat):
    text = "俺在郑州住院前办了备案，出院结账时说直接结算不了，这咋弄"
    [answer] = chat.say("ask_matter", text, matter_word="备案", matter="结账")
    assert answer.text.startswith("【异地就医直接结算问题协调服务】") and not answer.buttons


def test_a_retiree_whose_household_registration_stayed_is_the_long_term_residence_filing(chat):
    [answer] = chat.say("nlu_fallback", "俺退休了，去深圳跟闺女住，户口没迁过去，医保要备案不")
    assert answer.text.startswith("【异地长期居住人员备案】") and "医疗服务部" in answer.text
    [moved] = Chat(chat.conversation).say("ask_where", "退休了户口迁到海南了 备案去哪办", matter_word="备案")
    assert moved.text.startswith("【异地安置退休人员备案") and "医疗服务部" in moved.text


def test_the_employers_query_is_for_the_employer_not_the_insured_person(chat):
    [answer] = chat.say("ask_materials", "单位的参保信息想查一下，带啥去", person_type="单位", matter="参保信息")
    assert answer.text.startswith("【参保单位参保信息查询") and "单位有效证明文件" in answer.text


def test_a_choice_between_matters_done_at_one_same_window_tells_the_window_first(chat):
    [question] = chat.say("ask_where", "俺们公司新招了仨人，给他们上医保去哪个窗口", person_type="公司", matter_word="医保")
    assert sorted(t for t, _ in question.buttons) == ["单位参保登记", "职工参保登记"]
    assert "都在濮阳县行政服务大厅72号窗口办理" in question.text and "第2项（三）" in question.text
    [reimbursements] = Chat(chat.conversation).say("ask_where", "报销去哪报", matter_word="报销")
    assert reimbursements.buttons and "都在" not in reimbursements.text  # 68号, 70号 and the 乡镇卫生院


def test_a_self_service_machine_asked_about_is_the_hall_printer_step(chat):
    chat.say("ask_where", "想打个参保缴费证明，去哪打", matter="参保缴费证明")
    chat.say("inform", "职工", person_type="职工")
    [answer] = chat.say("ask_where", "大厅有自助机不")
    assert "服务大厅自助打印机" in answer.text and "72号窗口" in answer.text


def test_whether_a_bill_may_be_taken_in_is_followed_by_where_unless_it_may_not_apply(chat):
    [who, where] = chat.say("ask_eligibility", "单位上班的，上环的钱医宝能报不", person_type="上班的", matter="上环")
    assert "服务对象：符合条件的濮阳县参保职工" in who.text and "濮阳县行政服务大厅68号窗口" in where.text
    replies = Chat(chat.conversation).say("ask_eligibility", "俺家是农村的，生育医疗费能报不",
                                           person_type="农村的", matter="生育医疗费")
    assert len(replies) == 1 and "可能不适用" in replies[0].text and "68号窗口" not in replies[0].text


def test_no_employer_is_a_resident_not_an_employer(chat):
    text = "俺爹帕金森好几年了 想办个门诊慢特病 俺家是梨园乡的 种地的没单位 交的居民医保 去哪办"
    [answer] = chat.say("ask_matter", text, matter="门诊慢特病", township="梨园乡", person_type="单位")
    assert "城乡居民" in answer.text.split("\n")[1] and "濮阳县人民医院" in answer.text


def test_enrolment_words_said_in_passing_in_a_question_about_a_bill_do_not_decide(chat):
    text = ("俺是渠村乡的 去年腊月俺儿媳妇在县医院生的孩子 孩子生下来黄疸住了一个礼拜保温箱 花了五千多 当时没上户口也没办医保 "
            "直接自己掏的钱 现在户口上好了 听人说新生儿当年是自动参保的 这钱还能报不 搁哪报 俺们都是农村合作医疗 没单位")
    messages = chat.say("ask_eligibility", text, township="渠村乡", matter="参保")
    assert messages[0].text.startswith("【住院费用报销·城乡居民】")


def test_an_unsure_message_to_change_something_on_record_is_the_change(chat):
    [answer] = chat.say("nlu_fallback", "俺娘的居民医保上地址还是老家的 想改成县城住的地方")
    assert answer.text.startswith("【城乡居民参保信息变更登记") and "73、74号窗口" in answer.text


def test_quitting_ones_job_is_the_case_of_a_woman_who_left_her_employer(chat):
    text = "我怀孕的时候从单位辞职了，之前一直交的职工医保，现在孩子生完了，生孩子花的钱还能报不？"
    messages = chat.say("ask_eligibility", text, matter="生孩子")
    assert "符合规定的离职女职工：需提供无业承诺书" in messages[0].text and "68号窗口" in messages[-1].text


def test_a_complaint_the_nlu_is_unsure_of_gets_the_phone_and_the_review(chat):
    [answer] = chat.say("nlu_fallback", "窗口那个人态度太差了 等了一上午 我要投诉")
    assert "0393-8669566" in answer.text and [t for t, _ in answer.buttons] == ["评价服务"]


def test_back_to_the_earlier_filing_with_no_matter_read_from_the_words(chat):
    chat.say("ask_where", "我要办异地长期居住备案，去哪办？", matter="异地长期居住备案")
    chat.say("ask_materials", "顺便问下，住院报销要带什么？我是职工", matter="住院报销", person_type="职工")
    [answer] = chat.say("ask_materials", "回到刚才备案那个，要带什么材料？")
    assert answer.text.startswith("【异地长期居住人员备案") and "《河南省异地就医登记备案表》" in answer.text


def test_another_matter_asked_with_ne_the_nlu_is_unsure_of_asks_the_same_question(chat):
    chat.say("ask_where", "我在庆祖住，城镇职工医保，慢性病去哪办？", township="庆祖", person_type="城镇职工", matter="慢性病")
    [answer] = chat.say("nlu_fallback", "转诊呢？", matter="转诊")
    assert answer.text.startswith("【异地转诊人员备案·城镇职工】办理地点：濮阳县人民医院、濮阳县中医院、濮阳县第二人民医院")


def test_when_something_happened_or_how_long_one_stayed_is_no_time_limit_question(chat):
    text = "前几天骑电动车叫汽车撞了，在医院住了一个星期，钱都是自己先垫的，医保能报不，要准备啥"
    [answer] = chat.say("nlu_fallback", text, matter="医保")
    assert answer.text.startswith("【住院费用报销】请一次带齐以下材料") and "办理时限" not in answer.text
    [card] = Chat(chat.conversation).say("nlu_fallback", "孩子刚生下来住了几天保温箱，还没来得及办医保，这钱能报不")
    assert card.text.startswith("【住院费用报销】（濮阳县）") and "自动获取参保资格" in card.text


def test_the_scheme_one_now_joins_says_who_one_is(chat):
    text = "俺以前在外地厂里上班交的职工 现在辞职回村了 想交居民医保 头一回交 搁哪登记"
    [answer] = chat.say("ask_where", text, person_type="职工", matter="交居民医保")
    assert answer.text.startswith("【城乡居民参保登记·城乡居民】") and "73、74号窗口" in answer.text


def test_putting_right_who_one_is_asks_the_same_question_again(chat):
    chat.say("ask_where", "门诊看病的票能报不 去哪报", matter="门诊")
    chat.say("inform", "居民", person_type="居民")
    # the NLU reads it as an eligibility question
    [answer] = chat.say("ask_eligibility", "哦不对 我去年开始是灵活就业交的职工医保", person_type="灵活就业", matter="职工医保")
    assert answer.text.startswith("【门诊费用报销·灵活就业人员】办理地点") and "70号窗口" in answer.text
    assert "出生医学证明" not in answer.text


def test_whether_the_family_may_take_out_the_account_money_is_followed_by_where(chat):
    text = "俺爸上个月没了 他是县里的退休职工 医保卡里还剩点钱 家里人能取出来不"
    messages = chat.say("ask_eligibility", text, person_type="退休职工")
    assert "继承人" in messages[0].text and "72号窗口" in messages[-1].text


def test_a_keyword_asked_with_ne_of_another_matter_is_that_aspect(chat):
    chat.say("ask_legal_basis", "转移接续手续办理的国家事项编码和设定依据", matter="转移接续手续办理")
    [answer] = chat.say("ask_process", "异地长期居住人员备案的编码呢", matter="异地长期居住人员备案")
    assert "【异地长期居住人员备案】事项编码：002036004002" in answer.text and "办理流程" not in answer.text


def test_the_scheme_one_is_under_said_beside_a_where_question_keeps_the_matter(chat):
    chat.say("ask_online", "我是大学生，想查一下自己有没有参保，手机上能查吗", person_type="大学生", matter="参保")
    [answer] = chat.say("ask_where", "放假回家去大厅查的话去几号窗口 我是居民医保", matter="居民医保")
    assert answer.text.startswith("【参保个人参保信息查询·城乡居民】办理地点") and "73、74号窗口" in answer.text


def test_a_bare_side_answers_the_side_question(chat):
    [question] = chat.say("inform", "城关镇 城乡居民 异地转诊", township="城关镇", person_type="城乡居民", matter="异地转诊")
    assert "以东还是以西" in question.text
    [answer] = chat.say("inform", "西")
    assert "濮阳县中医院" in answer.text and "人民医院" not in answer.text.replace("中医院", "")


def test_whether_it_must_be_done_or_how_is_the_whole_card_not_who_may(chat):
    [answer] = chat.say("ask_eligibility", "俺退休了，去深圳跟闺女住，户口没迁过去，医保要备案不")
    assert answer.text.startswith("【异地长期居住人员备案】（濮阳县）") and "医疗服务部" in answer.text
    text = "俺爹是濮阳县退休职工 户口已经迁到北京俺哥那了 以后就在北京住 看病咋能直接报"
    [card] = Chat(chat.conversation).say("ask_eligibility", text, region="濮阳县", person_type="退休职工")
    assert card.text.startswith("【异地安置退休人员备案】（濮阳县）") and "医疗服务部" in card.text


def test_an_item_code_asked_in_words_the_nlu_reads_as_telling_is_the_code(chat):
    [answer] = chat.say("inform", "平顶山那个清单里零售药店申请定点的子项编码是多少", region="平顶山", matter="零售药店申请定点")
    assert "事项编码：002036009002" in answer.text


def test_when_to_submit_and_where_asked_together_get_the_period_and_the_place(chat):
    messages = chat.say("ask_where", "我是村卫生室的医生 想申请医保定点 啥时候报 报到哪", matter="申请医保定点")
    text = "\n".join(m.text for m in messages)
    assert "每年10月" in text and "医疗服务部" in text


def test_no_need_to_apply_is_answered_with_how_it_is_handled(chat):
    chat.say("ask_where", "产检费去哪报", matter="产检费")
    chat.say("inform", "俺是职工", person_type="职工")
    [answer] = chat.say("inform", "听说河南省那边产检不用自己办？", region="河南省", matter="产检")
    assert "办理方式：免申即享" in answer.text


def test_a_bill_from_a_health_centre_a_patient_was_treated_at_is_the_patients_bill(chat):
    [answer] = chat.say("ask_where", "另外我妈是城乡居民，在乡镇卫生院住院的钱没结算上，报销去哪？",
                        person_type="城乡居民", matter="结算")
    assert answer.text.startswith("【住院费用报销·城乡居民】办理地点：参保地乡镇卫生院医保科")


def test_a_worker_asking_where_for_a_serious_illness_gets_that_place_only(chat):
    text = "俺搁单位上班交嘞职工医保，查出来得了大病，想办重特大疾病认定，搁哪"
    [answer] = chat.say("ask_where", text, person_type="单位", matter="重特大疾病认定")
    assert "城镇职工重特大疾病" in answer.text and "医疗服务部" in answer.text and "69号窗口" not in answer.text
    [both] = Chat(chat.conversation).say("ask_where", "职工门诊慢特病认定去哪办", person_type="职工", matter="门诊慢特病认定")
    assert "69号窗口" in both.text and "医疗服务部" in both.text  # 门诊慢特病 names both cases


def test_the_scheme_one_pays_into_said_in_dialect_is_who_one_is(chat):
    chat.say("ask_matter", "俺小孩刚生下来就住了几天保温箱，发票上写嘞是谁谁之子，跟医保上名字对不上，咋报", matter="保温箱")
    [answer] = chat.say("ask_where", "俺搁王称堌住，孩子跟着俺交嘞居民医保，搁哪报", township="王称堌", matter="居民医保")
    assert answer.text.startswith("【住院费用报销·城乡居民】办理地点：参保地乡镇卫生院医保科")


def test_a_retiree_whose_household_registration_moved_is_the_relocation_filing_among_any_choices(chat):
    text = "俺是退休职工，户口已经迁到广州俺儿那了，以后就搁那养老，医保要办啥手续"
    [answer] = chat.say("nlu_fallback", text, person_type="退休职工")
    assert answer.text.startswith("【异地安置退休人员备案】") and "医疗服务部" in answer.text
    [stayed] = chat.say("nlu_fallback", "不是，俺说错了，户口还没迁，就是长期搁那住")
    assert stayed.text.startswith("【异地长期居住人员备案】")


def test_the_code_and_basis_of_the_pingdingshan_serious_illness_row_are_told_with_it(chat):
    chat.say("inform", "俺闺女搁平顶山上班交嘞职工医保，平顶山那边职工重症慢性病鉴定要带啥", region="平顶山", matter="重症慢性病鉴定")
    [answer] = chat.say("ask_legal_basis", "事项编码是多少")
    assert "事项编码：002036005001" in answer.text  # 004 row 16, the matter's own
    assert "平顶山市城镇职工重症病鉴定的事项编码：002036005002" in answer.text  # 004 row 17
    assert "关于调整《平顶山市城镇职工重症慢性病医疗管理暂行办法》的通知" in answer.text and "第17行" in answer.text


def test_of_two_kinds_of_facility_named_the_one_the_closing_clause_names_is_asked_about(chat):
    chat.say("ask_where", "俺开了个诊所，想申请医保定点，啥时候能报，搁哪报", matter="申请医保定点")
    [answer] = chat.say("ask_matter", "俺诊所隔壁还有个药房也是俺嘞，药房也想弄个定点", matter="定点")
    assert answer.text.startswith("【零售药店申请定点协议管理】") and "药品经营许可证" in answer.text


def test_a_document_named_in_a_materials_follow_up_keeps_the_matter(chat):
    chat.say("ask_where", "俺孙子是搁江苏生嘞，户口刚迁回俺庄，想给他上个城乡居民医宝，搁哪办嘞", person_type="城乡居民")
    chat.say("ask_materials", "那要带啥")
    [answer] = chat.say("ask_materials", "孩子还没办身份证，户口本中不中")
    assert answer.text.startswith("【城乡居民参保登记·城乡居民】请一次带齐以下材料")


def test_not_yet_recognised_as_needing_aid_is_the_case_the_guide_names(chat):
    chat.say("ask_where", "俺家是低保户，俺娘看病医保报完还剩一大截，听说还能再救助一下，搁哪弄", matter="救助")
    messages = chat.say("ask_eligibility", "俺兄弟家也困难，可是还没评上低保，他能办不")
    assert "符合救助条件但未经认定的" in messages[0].text and "《医疗救助申请卡》" in messages[0].text


def test_what_the_other_side_must_issue_is_a_materials_question(chat):
    chat.say("ask_matter", "俺原来搁山东上班交嘞职工医保，现在回濮阳县上班了，医保咋转过来", region="濮阳县", matter="转过来")
    [answer] = chat.say("nlu_fallback", "山东那边要给俺开个啥")
    assert "请一次带齐以下材料" in answer.text and "《参保凭证》" in answer.text


def test_a_materials_question_going_back_to_the_earlier_matter_goes_back(chat):
    chat.say("ask_where", "我以前在外地上班交的职工医保，现在回濮阳县了，医保关系要转回来，去哪办？", matter="医保关系")
    chat.say("ask_where", "另外我妈是城乡居民，在乡镇卫生院住院的钱没结算上，报销去哪？", person_type="城乡居民", matter="结算")
    messages = chat.say("ask_materials", "回到我转医保的事，要带什么材料？")
    assert "【转移接续手续办理" in messages[0].text and "《参保凭证》" in messages[0].text


def test_a_second_stay_at_the_same_hospital_is_the_note_that_no_new_referral_is_issued(chat):
    chat.say("ask_hospital", "俺是梨园乡的城乡居民 俺爹要转诊到郑州 去哪开转诊单", township="梨园乡", person_type="城乡居民", matter="转诊")
    [answer] = chat.say("ask_hospital", "第二回再去那家医院住院还得开转诊单不", matter="开转诊单")
    assert answer.text.startswith("关于您问的：异地转诊人员同一疾病过程多次在同一家定点医疗机构住院") and "不再开具转诊单" in answer.text


def test_enrolling_after_the_payment_period_is_answered_by_the_time_limit_note(chat):
    chat.say("ask_matter", "俺闺女上大学了，居民医保咋参保", matter="居民医保")
    [answer] = chat.say("nlu_fallback", "今年交钱的时间都过了 还能登记不")
    assert "不受缴费期限限制" in answer.text


def test_a_matter_asked_about_with_shi_bu_shi_is_the_matter_asked_about(chat):
    [answer] = chat.say("ask_where", "是不是门诊报销在69号窗口", matter="门诊报销")
    assert "门诊费用报销" in answer.text and [t for t, _ in answer.buttons] == ["城镇职工", "城乡居民"]


def test_the_scheme_one_is_in_is_who_asks_even_when_the_span_holds_part_of_its_name(chat):
    chat.say("ask_where", "职工转诊去哪开证明", matter="转诊", person_type="职工")
    [answer] = chat.say("correct_matter", "不是，我说错了，我参加的是城乡居民医保", matter="居民医保")
    # the referral's hospital for 城乡居民 hangs on the side of 106国道, not the enrolment
    assert "106国道以东还是以西" in answer.text and "城乡居民参保登记" not in answer.text
    assert chat.slots["person_type"] == "城乡居民"


def test_one_whose_employer_pays_the_insurance_asks_as_an_employee(chat):
    [answer] = chat.say("ask_where", "单位给交的医保 慢性病在哪申请", matter="慢性病")
    assert "69号窗口" in answer.text and not answer.buttons


def test_one_retired_from_an_employer_asks_as_an_employee(chat):
    [answer] = chat.say("ask_where", "我从单位退休了，还是职工医保，重特大疾病认定在哪办？", person_type="单位",
                        matter="重特大疾病认定")
    assert "医疗服务部" in answer.text and "没有写明办理地点" not in answer.text


def test_words_fitting_the_matter_discussed_and_another_alike_stay_with_the_one_discussed(chat):
    chat.say("ask_materials", "医疗救助报销要拿啥", matter="医疗救助报销")
    [answer] = chat.say("nlu_fallback", "俺还没被认定是救助对象呢", matter="救助对象")
    assert "医疗救助对象手工" in answer.text and "缴费补贴" not in answer.text


def test_who_one_is_told_unclearly_after_a_matter_is_told_for_that_matter(chat):
    chat.say("ask_where", "门诊看病的票能报不 去哪报", matter="门诊")
    chat.say("inform", "居民", person_type="居民")
    [answer] = chat.say("nlu_fallback", "哦不对 我去年开始是灵活就业交的职工医保", person_type="灵活就业")
    assert "【门诊费用报销" in answer.text and "70号窗口" in answer.text and "职工参保登记" not in answer.text


@pytest.mark.parametrize("asked", ["啥时候都能申请不", "申请时间是啥时候"])
def test_when_one_may_apply_is_the_application_period(chat, asked):
    chat.say("ask_where", "职工慢性病认定去哪", matter="慢性病认定", person_type="职工")
    [answer] = chat.say("ask_eligibility", asked)
    assert "3月、9月" in answer.text


def test_one_whose_employer_is_tagged_but_who_pays_the_employees_scheme_is_an_employee(chat):
    chat.say("ask_hospital", "俺是柳屯嘞 要转诊去新乡看病 去哪个医院开转诊", township="柳屯", matter="转诊")
    [answer] = chat.say("inform", "俺是单位嘞 交嘞职工医保", person_type="单位")
    assert "濮阳县第二人民医院" in answer.text and "没有写明办理地点" not in answer.text


def test_a_bill_asked_to_be_paid_back_is_the_reimbursement_not_the_certification(chat):
    [answer] = chat.say("ask_where", "俺是职工医保，骑电动车叫人撞了，门诊花了几千，能报不，搁哪报", matter="门诊",
                        person_type="职工医保")
    assert answer.text.startswith("【门诊费用报销") and "70号窗口" in answer.text


def test_zhu_yuan_mistyped_as_its_look_alike_is_still_read(chat):
    [answer] = chat.say("ask_where", "住阮报消去哪报", matter="住阮报消")
    assert "住院费用报销" in answer.text and "生育医疗费支付" not in str(answer.buttons)


def test_an_agents_keywords_asking_when_and_where_get_the_period_and_the_place(chat):
    period, place = chat.say("ask_where", "零售药店申请定点 受理时间 地点", matter="零售药店申请定点")
    assert "每年10月" in period.text and "医疗服务部" in place.text


def test_where_a_monthly_settlement_is_handed_in_is_a_place_question(chat):
    period, place = chat.say("ask_time_limit", "俺是乡卫生院医保科嘞，月度结算申请啥时候交，交哪", matter="月度结算申请")
    assert "每月5-10日" in period.text and "医疗费用审核部" in place.text


def test_which_figure_holds_asked_after_a_time_limit_gets_the_province_figure(chat):
    chat.say("ask_time_limit", "退休职工个人账户一次性支取多长时间能办好", matter="个人账户一次性支取")
    [answer] = chat.say("ask_legal_basis", "俺看省里嘞文件写嘞15个工作日 到底是哪个")
    assert "15个工作日" in answer.text


def test_the_provinces_2024_edition_named_by_an_agent_is_that_guide(chat):
    chat.say("ask_where", "常驻异地工作备案 地点", matter="常驻异地工作备案")
    [answer] = chat.say("ask_materials", "省2024版 异地工作认定材料")
    assert "（河南省2024年版）" in answer.text and "《濮阳县" not in answer.text


def test_the_next_stay_at_the_same_hospital_is_the_note_that_no_new_referral_is_issued(chat):
    chat.say("ask_hospital", "俺是梨园乡的城乡居民 俺妈要转到郑州去 转诊去哪开", township="梨园乡", person_type="城乡居民",
             matter="转诊")
    [answer] = chat.say("ask_hospital", "她下回还去那个医院住院 还得再开转诊单不", matter="转诊单")
    assert "不再开具转诊单" in answer.text


def test_pinyin_initials_typed_alone_are_offered_as_the_matters_they_spell(chat):
    [answer] = chat.say("nlu_fallback", "syjt")
    assert answer.text.startswith("我不太确定您的意思") and answer.buttons[0][0] == "生育津贴支付"
    chat.click(answer, "生育津贴支付")
    assert chat.slots["matter"] == "maternity_allowance"


def test_back_to_an_earlier_matter_named_by_a_word_of_its_own(chat):
    chat.say("ask_where", "俺是厂里嘞职工 住院花了两万多 自己先垫上了 搁哪报", person_type="职工", matter="住院")
    chat.say("ask_matter", "那生育津贴呢 俺媳妇也是职工 刚生完", matter="生育津贴")
    [answer] = chat.say("ask_materials", "刚才那个住院嘞 要带啥")
    assert answer.text.startswith("【住院费用报销·城镇职工】") and "住院费用总清单" in answer.text
    [answer] = chat.say("ask_time_limit", "多长时间能下来")
    assert answer.text.startswith("【住院费用报销·城镇职工】办理时限：不超过30个工作日")


def test_the_proof_of_identity_all_the_matters_offered_ask_for_is_told_before_asking_which(chat):
    [answer] = chat.say("ask_materials", "那没卡了 去报销还能用啥证")
    first_line = answer.text.split("\n")[0]
    assert "都要带：医保电子凭证或有效身份证件或社保卡" in first_line and "来源" in first_line
    assert len(answer.buttons) > 1 and all("报销" in t or "支付" in t for t, _ in answer.buttons)


@pytest.mark.parametrize("text", ["门诊慢特病认定交上去一个多月了咋还没消息", "慢性病认定申请交上去咋一直没信儿"])
def test_waiting_for_the_result_of_a_matter_the_nlu_is_unsure_of_is_told_its_time_limit(chat, text):
    [answer] = chat.say("nlu_fallback", text, matter=text[:7] if text.startswith("门诊") else "慢性病认定")
    assert answer.text.startswith("【基本医疗保险参保人员享受门诊慢特病病种待遇认定】办理时限：不超过20个工作日")
    assert "0393-8669566" in answer.text


def test_where_and_whether_it_is_done_the_same_day_are_both_answered(chat):
    [answer] = chat.say("ask_time_limit", "俺是跑外卖嘞 没单位 想自己交职工医保 灵活就业那种 搁哪办 当天能办好不",
                        matter="职工医保", person_type="灵活就业")
    assert "72号窗口" in answer.text and "灵活就业人员即时办结" in answer.text


def test_where_a_certificate_is_issued_asked_as_ha_neng_kai_is_a_place_question(chat):
    chat.say("ask_where", "俺是城镇职工 家住习城乡 慢性病认定去哪申请", person_type="城镇职工", township="习城乡", matter="慢性病认定")
    [answer] = chat.say("ask_materials", "要是转外地看病 转诊证明哪能开", matter="转诊证明")
    assert answer.text.startswith("【异地转诊人员备案·城镇职工】办理地点：濮阳县人民医院、濮阳县中医院、濮阳县第二人民医院")


def test_a_document_of_the_matter_in_hand_asked_about_gets_its_materials_with_that_case(chat):
    chat.say("ask_materials", "俺在外地打工出车祸住了半个月院 职工医保 当时没直接结算 回来报销 除了发票清单还要啥",
             person_type="职工")
    [answer] = chat.say("ask_matter", "人家没出事故认定书咋办")
    assert answer.text.startswith("【住院费用报销·城镇职工】请一次带齐以下材料")
    assert "交通事故认定书" in answer.text and "无法提供的应填写意外伤害个人承诺书" in answer.text


def test_the_ways_online_every_matter_offered_shares_are_told_before_asking_which(chat):
    [answer] = chat.say("ask_online", "异地就医备案 能在手机上办不", matter="异地就医备案")
    told = answer.text.split("您问的是下面哪一项")[0]
    assert "都可以网上办理（据河南省2024年版的指南）" in told and "国家异地就医备案小程序" in told
    assert "医保经办机构2个工作日内办结" in told and "来源：" in told and len(answer.buttons) > 1


def test_sent_by_the_employer_to_work_elsewhere_is_the_posted_workers_filing(chat):
    [answer] = chat.say("ask_matter", "单位派俺去郑州项目部 得待两三年 俺是职工医保 在那边看病咋能直接报 要备案不",
                        person_type="职工")
    assert answer.text.startswith("【常驻异地工作人员备案】") and "医疗服务部" in answer.text


def test_paid_by_the_employer_is_an_employee_for_a_matter_the_employer_does_not_do(chat):
    chat.say("ask_matter", "门诊花的钱能报不", matter="门诊")
    [answer] = chat.say("inform", "单位交的", person_type="单位")
    assert answer.text.startswith("【门诊费用报销") and "城镇职工" in answer.text.split("\n")[0]
    assert "70号窗口" in answer.text


@pytest.mark.parametrize("text", ["想参职工医保", "俺想上职工医保"])
def test_joining_the_employees_scheme_in_one_verb_is_its_enrolment(chat, text):
    [answer] = chat.say("ask_matter", text, matter=text[text.index("职工医保") - 1:])
    assert answer.text.startswith("【职工参保登记")


def test_a_retiree_whose_household_moved_where_they_live_stays_with_the_relocation_filing(chat):
    chat.say("ask_matter", "想办个备案", matter="备案")
    chat.say("inform", "俺是职工", person_type="职工")
    chat.say("nlu_fallback", "退休了")
    [answer] = chat.say("ask_matter", "在郑州住，户口也迁过去了")
    assert answer.text.startswith("【异地安置退休人员备案】") and "医疗服务部" in answer.text


def test_a_retiree_whose_household_did_not_move_is_told_the_long_term_residence_filing(chat):
    chat.say("ask_matter", "异地安置备案怎么办", matter="异地安置备案")
    [answer] = chat.say("ask_eligibility", "户口没迁过去")
    assert answer.text.startswith("【异地长期居住人员备案")


def test_who_asks_is_no_matter_in_a_question_about_being_paid_back(chat):
    [answer] = chat.say("ask_matter", "那他骑电车摔了住院，城镇职工退休的，咋报", person_type="城镇职工退休")
    assert answer.text.startswith("【住院费用报销】") and "70号窗口" in answer.text
    assert "意外伤害个人承诺书" in answer.text


def test_words_of_a_case_of_the_matter_in_hand_keep_it_though_they_fit_other_matters(chat):
    chat.say("ask_matter", "俺老伴走了，他是单位职工，医保卡里还剩点钱，咋取出来？", matter="医保卡里", person_type="单位职工")
    [answer] = chat.say("ask_matter", "系统里查不到他的死亡信息咋办", matter="信息")
    assert answer.text.startswith("【参保人员个人账户一次性支付】")
    assert "通过数据共享无法查询死亡信息的，继承人应提供个人承诺书" in answer.text


def test_paying_after_the_payment_period_is_a_question_of_when_to_apply(chat):
    chat.say("ask_where", "俺孙子上高中，想在县里给他办城乡居民医保，去哪办", matter="居民医保", person_type="城乡")
    [answer] = chat.say("nlu_fallback", "过了交钱的时候还能登记不")
    assert "不受缴费期限限制" in answer.text


def test_having_just_joined_a_factory_corrects_self_employed_to_employee(chat):
    chat.say("ask_where", "我没单位，灵活就业，想参职工医保，在哪登记", person_type="灵活就业", matter="参职工医保")
    [answer] = chat.say("nlu_fallback", "哦不对，我刚进了个厂，厂里给交")
    assert answer.text.startswith("【职工参保登记·城镇职工】办理地点：濮阳县行政服务大厅72号窗口")


def test_an_agents_wangban_after_a_region_asks_the_ways_online(chat):
    chat.say("ask_where", "慢特病 窗口", matter="慢特病")
    [answer] = chat.say("nlu_fallback", "河南省 网办", region="河南省")
    assert "可以网上办理" in answer.text and "门诊慢性病个人申报" in answer.text


def test_going_back_to_the_same_hospital_later_is_the_note_that_no_new_referral_is_issued(chat):
    chat.say("ask_matter", "梨园的，俺爹是居民医保，要转到郑州大医院住院，转诊咋弄？", township="梨园", person_type="居民医保",
             matter="转诊")
    [answer] = chat.say("ask_hospital", "过俩月还得去郑州那家医院住院复查，还得再开转诊单不？", matter="开转诊单")
    assert answer.text.startswith("关于您问的：异地转诊人员同一疾病过程多次在同一家定点医疗机构住院") and "不再开具转诊单" in answer.text


def test_a_relatives_situation_told_after_who_asks_does_not_change_who_asks(chat):
    chat.say("ask_eligibility", "生孩子能报销不", matter="生孩子")
    chat.say("inform", "俺在厂里上班，单位交的", person_type="上班")
    [answer] = chat.say("inform", "俺媳妇没工作")
    assert "您是城乡居民" not in answer.text and "城乡居民" not in answer.text.split("\n")[0]
