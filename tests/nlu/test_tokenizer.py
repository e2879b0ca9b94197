"""The tokens the NLU sees: traditional characters cut like simplified ones, and no guessed
words cutting through what a citizen names."""
from rasa.shared.nlu.training_data.message import Message


def tokens(tokenizer, text):
    return [(t.text, t.start, t.end) for t in tokenizer.tokenize(Message(data={"text": text}), "text")]


def test_traditional_characters_are_cut_and_read_as_simplified(tokenizer):
    traditional = tokens(tokenizer, "辦理門診慢特病認定需要帶什麼資料")
    assert traditional == tokens(tokenizer, "办理门诊慢特病认定需要带什么资料")
    assert ("认定", 7, 9) in traditional


def test_unknown_characters_are_not_glued_to_the_words_around_them(tokenizer):
    # With jieba's guesses this came out 办慢/特病/认定: "慢特病认定" could not be an entity.
    starts = {start for _, start, _ in tokens(tokenizer, "第一次办慢特病认定先干啥")}
    ends = {end for _, _, end in tokens(tokenizer, "第一次办慢特病认定先干啥")}
    assert 4 in starts and 9 in ends


def test_a_catalogue_alias_stays_one_token(tokenizer):
    assert ("转诊备案", 2, 6) in tokens(tokenizer, "辦了轉診備案多久生效")
