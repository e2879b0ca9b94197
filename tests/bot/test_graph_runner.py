"""The sequential graph runner reads messages and picks actions exactly as Rasa's dask runner."""
import asyncio

import pytest
from rasa.engine.exceptions import GraphRunError
from rasa.engine.graph import GraphSchema, SchemaNode

from bot.graph_runner import SequentialGraphRunner, run_order


def node(**needs):
    return SchemaNode(needs=needs, uses=object, fn="run", constructor_name="create", config={})


def test_every_node_runs_after_the_nodes_it_needs_and_only_needed_nodes_run():
    schema = GraphSchema({
        "tokens": node(messages="__message__"),
        "features": node(tokens="tokens"),
        "intent": node(features="features", tokens="tokens"),
        "entities": node(features="features"),
        "unused": node(tokens="tokens"),
        "parsed": node(intent="intent", entities="entities"),
    })
    order = run_order(schema, ["parsed"])
    assert set(order) == {"tokens", "features", "intent", "entities", "parsed"}
    for name in order:
        for parent in schema.nodes[name].needs.values():
            if parent in schema.nodes:
                assert order.index(parent) < order.index(name)


def test_a_cycle_is_an_error_not_an_endless_loop():
    schema = GraphSchema({"a": node(x="b"), "b": node(x="a")})
    with pytest.raises(GraphRunError):
        run_order(schema, ["a"])


MESSAGES = ["门诊报销去哪办", "俺是梨园乡的，办慢病去哪个医院", "那要带什么材料", "公积金怎么提取",
            "不是，我问的是异地安置备案", "转人工", "国道以西", "谢谢"]


@pytest.mark.model
def test_the_trained_model_reads_and_decides_as_with_rasa_own_runner():
    import rasa.core.processor
    from rasa.core.agent import Agent
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.model_loading import use_fast_model_loading

    use_fast_model_loading()

    def read_and_decide():
        agent = Agent.load("models/assistant.tar.gz")

        async def run():
            results = []
            for text in MESSAGES:
                parsed = await agent.parse_message(text)
                tracker = DialogueStateTracker.from_events(
                    "test", [ActionExecuted("action_listen"), UserUttered(text, parsed["intent"], parsed["entities"])])
                decided = agent.processor.predict_next_with_tracker(tracker)
                best = max(range(len(decided["scores"])), key=lambda i: decided["scores"][i]["score"])
                results.append((parsed["intent"]["name"], round(parsed["intent"]["confidence"], 4),
                                [(e["entity"], e["start"], e["end"], e["value"]) for e in parsed["entities"]],
                                decided["scores"][best]["action"], decided["policy"]))
            return agent.processor.graph_runner, results
        return asyncio.run(run())

    dask_runner, usual = read_and_decide()
    rasa_runner = rasa.core.processor.DaskGraphRunner
    rasa.core.processor.DaskGraphRunner = SequentialGraphRunner
    try:
        sequential_runner, sequential = read_and_decide()
    finally:
        rasa.core.processor.DaskGraphRunner = rasa_runner
    assert type(sequential_runner) is SequentialGraphRunner and type(dask_runner) is not SequentialGraphRunner
    assert sequential == usual
    assert usual[0][0] == "ask_where" and usual[0][3] == "action_answer_guide"
