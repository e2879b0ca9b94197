"""What a citizen may type for 身份证号, phone and name, and what they are told when it is wrong."""
import pytest

from bot.validators import (check_id_number, check_name, check_note, check_phone, is_cancel, mask_id_number,
                            mask_phone)

# 11010519491231002X is the example number of GB 11643 (valid check digit X).
VALID_ID = "11010519491231002X"


@pytest.mark.parametrize("typed", [VALID_ID, VALID_ID.lower(), "１１０１０５１９４９１２３１００２Ｘ",
                                   "110105 19491231 002X", " 110105-19491231-002X "])
def test_valid_id_numbers_are_accepted_in_the_forms_people_type(typed):
    assert check_id_number(typed).value == VALID_ID


@pytest.mark.parametrize("typed, says", [
    ("110105194912310021", "校验码"),        # wrong check digit
    ("11010519491331002X", "出生日期"),      # month 13
    ("11010519490230002X", "出生日期"),      # 30 February
    ("11010519491231002", "18位，您输入的是17位"),
    ("1101051949123100211", "您输入的是19位"),
    ("11010519491231abcX", "只能包含数字"),
    ("", "没有收到"),
])
def test_bad_id_numbers_say_what_is_wrong(typed, says):
    checked = check_id_number(typed)
    assert checked.value is None and says in checked.error


@pytest.mark.parametrize("typed", ["13937112345", "139 3711 2345", "+8613937112345", "１３９３７１１２３４５"])
def test_valid_mobile_numbers(typed):
    assert check_phone(typed).value == "13937112345"


@pytest.mark.parametrize("typed, says", [("1393711234", "11位"), ("12937112345", "13–19"),
                                         ("0393-8669566", "不像是手机号"), ("139abc12345", "只能是数字")])
def test_bad_mobile_numbers_say_what_is_wrong(typed, says):
    checked = check_phone(typed)
    assert checked.value is None and says in checked.error


def test_names_and_sentences():
    assert check_name("我叫李小明").value == "李小明"
    assert check_name("阿卜杜热合曼·买买提").value == "阿卜杜热合曼·买买提"
    assert check_name("张3").value is None
    assert check_name("那要带什么材料").value is None
    # a side of 106国道 typed when the name was asked is not a name
    assert check_name("国道东边").value is None and check_name("路西").value is None
    assert check_name("东方红").value == "东方红"


def test_optional_note_can_be_skipped_and_cancel_words_are_seen():
    assert check_note("没有").value == "" and check_note("周三上午去").value == "周三上午去"
    assert is_cancel("算了") and is_cancel("不办了，取消吧") and not is_cancel("张三")


def test_masks_keep_only_the_ends():
    assert mask_id_number(VALID_ID) == "1101**********002X"
    assert mask_phone("13937112345") == "139****2345"


def test_a_name_introduced_in_words_is_the_name_after_the_introduction():
    assert check_name("我妈叫王秀英").value == "王秀英"
    assert check_name("申请人是张三").value == "张三" and check_name("名字叫王芳").value == "王芳"
    assert check_name("俺爹叫王大锤").value == "王大锤"


def test_commands_and_person_types_are_not_names_but_names_with_road_words_are():
    assert check_name("转人工").value is None and check_name("城镇职工").value is None
    assert check_name("王国道").value == "王国道" and check_name("刘路东").value == "刘路东"


def test_yes_in_other_words_but_not_a_no():
    from bot.validators import is_yes
    assert all(is_yes(t) for t in ("确认提交", "确认无误", "嗯，提交吧", "好的，确认", "没问题"))
    assert not any(is_yes(t) for t in ("不确认", "先别提交", "有错，修改一下", "提交前还要改"))


def test_a_free_text_answer_cancels_only_when_it_is_nothing_but_a_cancel_word():
    from bot.validators import is_whole_cancel
    assert is_whole_cancel("算了") and is_whole_cancel("取消吧")
    assert not is_whole_cancel("想取消排队直接办理") and not is_whole_cancel("窗口说材料不全，算了，说了也没用")
    assert check_note("没有备注").value == "" and check_note("不用了").value == ""


def test_more_names_in_words_and_answers_that_are_no_names():
    assert check_name("我妈妈叫王英").value == "王英" and check_name("我爸张伟").value == "张伟"
    assert check_name("他叫张伟").value == "张伟" and check_name("患者王秀英").value == "王秀英"
    for not_a_name in ("你好", "不知道", "我自己", "是我本人", "同上", "谢谢你", "不清楚", "不确定"):
        assert check_name(not_a_name).value is None


def test_labelled_numbers_and_notes_kept_as_typed():
    from bot.validators import check_id_number, check_phone
    assert check_id_number("身份证号110105198001010040").value == "110105198001010040"
    assert check_phone("电话13937112345").value == "13937112345"
    assert check_note("周三上午，谢谢").value == "周三上午，谢谢" and check_note("没有了，谢谢").value == ""


def test_a_confirmation_where_a_note_is_asked_is_no_note():
    assert check_note("对 没错 确认").value == "" and check_note("确认").value == ""
    assert check_note("对了，下午三点以后才有空").value == "对了，下午三点以后才有空"
