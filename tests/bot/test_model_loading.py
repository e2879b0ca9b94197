"""The server's fast model load answers exactly as Rasa's own load of the same model."""
import asyncio

import pytest

pytestmark = pytest.mark.model

MESSAGES = ["门诊报销去哪办", "俺是梨园乡的，办慢病去哪个医院", "那要带什么材料", "公积金怎么提取",
            "不是，我问的是异地安置备案", "生育津贴网上能办吗", "转人工", "国道以西", "谢谢", "俺是灵活就业的"]


def parse_all(agent):
    async def run():
        return [await agent.parse_message(text) for text in MESSAGES]
    return asyncio.run(run())


def summary(parsed):
    return [(p["intent"]["name"], round(p["intent"]["confidence"], 4),
             [(e["entity"], e["start"], e["end"], e["value"]) for e in p["entities"]]) for p in parsed]


def test_fast_load_predicts_what_rasa_own_load_predicts():
    from rasa.core.agent import Agent
    from rasa.utils.tensorflow.models import RasaModel

    from bot.model_loading import use_fast_model_loading

    usual = summary(parse_all(Agent.load("models/assistant.tar.gz")))
    use_fast_model_loading()
    try:
        fast = summary(parse_all(Agent.load("models/assistant.tar.gz")))
    finally:
        RasaModel.load = RasaModel.__dict__["_rasa_load"]
        del RasaModel._rasa_load
    assert fast == usual
    assert usual[0][0] == "ask_where" and ("matter", 0, 4, "门诊报销") in usual[0][2]
