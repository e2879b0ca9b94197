"""DIET's graph called directly gives exactly what TensorFlow's own dispatch gives."""
import asyncio

import numpy as np
import pytest
import tensorflow as tf

from bot.direct_prediction import DirectPredictStep

SPECS = [[tf.TensorSpec([None, None, 3], tf.float32), tf.TensorSpec([None], tf.int64)]]


@tf.function(input_signature=SPECS)
def step(batch):
    return {"sums": tf.reduce_sum(batch[0], axis=[1, 2]), "ids": batch[1] * 2}


def test_a_batch_gives_the_graph_s_own_outputs_whatever_its_free_dimensions():
    direct = DirectPredictStep(step)
    for rows, words in [(1, 4), (2, 9), (3, 1)]:
        batch = (np.random.default_rng(rows).random((rows, words, 3)), np.arange(rows, dtype=np.int64))
        ours, theirs = direct(batch), step(batch)
        assert set(ours) == {"sums", "ids"}
        assert all(np.array_equal(ours[key].numpy(), theirs[key].numpy()) for key in theirs)


def test_a_batch_that_does_not_fit_the_signature_is_refused_as_tensorflow_refuses_it():
    direct = DirectPredictStep(step)
    wrong = (np.zeros((1, 4, 5)), np.arange(1, dtype=np.int64))  # last dimension 5, not 3
    assert not direct.fits(wrong)
    with pytest.raises((TypeError, ValueError)):
        direct(wrong)
    with pytest.raises((TypeError, ValueError)):
        step(wrong)


MESSAGES = ["门诊报销去哪办", "俺是梨园乡的，办慢病去哪个医院", "那要带什么材料", "公积金怎么提取", "住阮报销",
            "不是，我问的是异地安置备案", "转人工", "国道以西", "谢谢", "生孩子的钱去哪里报", "mzbx", "/greet"]


@pytest.mark.model
def test_the_trained_model_reads_messages_exactly_as_with_tensorflow_s_dispatch():
    from rasa.core.agent import Agent
    from rasa.utils.tensorflow.models import RasaModel

    from bot import direct_prediction
    from bot.model_loading import use_fast_model_loading

    use_fast_model_loading()
    agent = Agent.load("models/assistant.tar.gz")

    def read_all():
        async def run():
            return [await agent.parse_message(text) for text in MESSAGES]
        return asyncio.run(run())

    usual = read_all()
    rasa_predict = RasaModel._rasa_predict
    direct_prediction.use_direct_prediction()
    try:
        direct = read_all()
        steps = [node._component.model._tf_predict_step for node in agent.processor.graph_runner._instantiated_nodes.values()
                 if getattr(getattr(node, "_component", None), "model", None) is not None]
    finally:
        RasaModel._rasa_predict = rasa_predict
    assert steps and all(isinstance(s, DirectPredictStep) for s in steps)
    assert direct == usual
    assert usual[0]["intent"]["name"] == "ask_where"
