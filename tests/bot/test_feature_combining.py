"""A message's sparse features joined in one step are the matrix Rasa's pairwise hstack makes."""
import numpy as np
import pytest
import scipy.sparse
from rasa.shared.nlu.training_data.features import Features

from bot.feature_combining import RASA_COMBINE, combine_features

FEATURIZERS = ["RegexFeaturizer", "LexicalSyntacticFeaturizer", "CountVectorsFeaturizer"]


def rasa_combine(features, featurizers):
    assert RASA_COMBINE.__module__ == "rasa.shared.nlu.training_data.message"
    return RASA_COMBINE(features, featurizers)


def sparse_features(rows, widths, formats, dtypes, seed=0):
    random = np.random.default_rng(seed)
    return [Features(scipy.sparse.random(rows, width, density=0.3, format=fmt, dtype=dtype, random_state=random),
                     "sequence", "text", name)
            for width, fmt, dtype, name in zip(widths, formats, dtypes, FEATURIZERS)]


@pytest.mark.parametrize("rows, widths, formats, dtypes", [
    (4, [3, 17, 250], ["coo", "coo", "coo"], [np.float64, np.float64, np.int64]),
    (1, [5, 1, 40], ["csr", "coo", "coo"], [np.float32, np.float64, np.float64]),
    (9, [2, 8], ["coo", "csr"], [np.int64, np.int64]),
])
def test_joined_features_are_the_same_matrix_in_the_same_format(rows, widths, formats, dtypes):
    features = sparse_features(rows, widths, formats, dtypes)
    ours, theirs = combine_features(features, FEATURIZERS), rasa_combine(features, FEATURIZERS)
    assert ours.features.format == theirs.features.format == "coo"
    assert ours.features.dtype == theirs.features.dtype
    assert ours.features.shape == theirs.features.shape == (rows, sum(widths))
    assert np.array_equal(ours.features.toarray(), theirs.features.toarray())
    assert (ours.type, ours.attribute, ours.origin) == (theirs.type, theirs.attribute, FEATURIZERS)


def test_the_features_given_are_left_as_they_were():
    features = sparse_features(3, [4, 6], ["coo", "coo"], [np.float64, np.float64])
    before = [f.features.toarray().copy() for f in features]
    combine_features(features, FEATURIZERS)
    assert all(np.array_equal(f.features.toarray(), b) for f, b in zip(features, before))


def test_features_of_different_lengths_are_refused_as_rasa_refuses_them():
    features = sparse_features(3, [4, 6], ["coo", "coo"], [np.float64, np.float64])
    features[1] = Features(scipy.sparse.coo_matrix((2, 6)), "sequence", "text", "CountVectorsFeaturizer")
    with pytest.raises(ValueError, match="sequence dimensions do not match"):
        combine_features(features, FEATURIZERS)


def test_nothing_to_join_is_none_and_one_feature_is_a_copy_of_it():
    assert combine_features([], FEATURIZERS) is None
    only = sparse_features(2, [5], ["coo"], [np.float64])
    joined = combine_features(only, FEATURIZERS)
    assert joined is not only[0]
    assert np.array_equal(joined.features.toarray(), only[0].features.toarray())


@pytest.mark.model
def test_the_trained_model_reads_messages_as_with_rasa_own_combining(monkeypatch):
    import asyncio

    from rasa.core.agent import Agent
    from rasa.shared.nlu.training_data.message import Message

    from bot.model_loading import use_fast_model_loading

    use_fast_model_loading()
    agent = Agent.load("models/assistant.tar.gz")
    messages = ["门诊报销去哪办", "俺是梨园乡的，办慢病去哪个医院", "不是，我问的是异地安置备案", "公积金怎么提取"]

    def read():
        parsed = [asyncio.run(agent.parse_message(text)) for text in messages]
        return [(p["intent"]["name"], [(i["name"], round(i["confidence"], 5)) for i in p["intent_ranking"]],
                 [(e["entity"], e["start"], e["end"], e["value"]) for e in p["entities"]]) for p in parsed]

    usual = read()
    calls = []

    def counted(features, featurizers):
        calls.append(len(features))
        return combine_features(features, featurizers)

    monkeypatch.setattr(Message, "_combine_features", staticmethod(counted))
    assert read() == usual
    assert max(calls) >= 3  # the regex, lexical and count-vector features were joined here
    assert usual[0][0] == "ask_where" and usual[0][2] == [("matter", 0, 4, "门诊报销")]
