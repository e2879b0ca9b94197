"""The guide action with the real catalogue and a fresh tracker per test."""
import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.guide import ActionAnswerMatter


def tracker_for(text: str) -> Tracker:
    return Tracker(sender_id="citizen", slots={}, latest_message={"text": text, "intent": {"name": "ask_matter"}},
                   events=[], paused=False, followup_action=None, active_loop={}, latest_action_name=None)


def run(text: str):
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAnswerMatter().run(dispatcher, tracker_for(text), {}))
    return dispatcher.messages


def test_a_clear_question_gets_the_matter_card():
    [message] = run("住院的钱怎么报销")
    assert message["text"].startswith("【住院费用报销】")
    assert "城镇职工：濮阳县行政服务大厅70号窗口" in message["text"]
    assert "城乡居民：参保地乡镇卫生院医保科" in message["text"]
    assert "0393-8669566" in message["text"]


def test_an_ambiguous_word_offers_the_candidates_as_buttons():
    [message] = run("报销")
    titles = [b["title"] for b in message["buttons"]]
    assert "门诊费用报销" in titles and "住院费用报销" in titles


def test_an_unrelated_question_says_what_the_assistant_covers():
    [message] = run("公积金怎么提取")
    assert "没找到" in message["text"] and "0393-8669566" in message["text"]
