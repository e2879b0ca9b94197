"""The character n-gram intent model, trained on the real training data, persisted and
loaded through Rasa's model storage as `rasa train` and `rasa run` do."""
import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message

from bot.char_ngram_classifier import CharNgramIntentClassifier


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    storage = LocalModelStorage(tmp_path_factory.mktemp("model"))
    resource = Resource("char_ngram")
    context = ExecutionContext(GraphSchema({}), "test")
    classifier = CharNgramIntentClassifier.create({}, storage, resource, context)
    classifier.train(load_data("data/nlu"))
    return CharNgramIntentClassifier.load({}, storage, resource, context)


def intent_of(classifier, text, diet_ranking=None):
    message = Message(data={"text": text})
    if diet_ranking:
        message.set("intent_ranking", diet_ranking)
    classifier.process([message])
    return message.get("intent"), message.get("intent_ranking")


def test_the_loaded_model_reads_everyday_questions(trained):
    assert intent_of(trained, "门诊报销去哪个窗口办")[0]["name"] == "ask_where"
    assert intent_of(trained, "生孩子的钱报销要带啥材料")[0]["name"] == "ask_materials"
    assert intent_of(trained, "公积金咋提取")[0]["name"] == "out_of_scope"


def test_traditional_characters_read_as_simplified(trained):
    simplified, _ = intent_of(trained, "办异地长期居住备案要钱吗")
    traditional, _ = intent_of(trained, "辦異地長期居住備案要錢嗎")
    assert simplified == traditional
    assert traditional["name"] == "ask_fee"


def test_the_intent_is_the_average_with_diet(trained):
    row = trained.classifier.predict_proba(trained.vectorizer.transform(["那个怎么弄"]))[0]
    own = dict(zip(trained.classifier.classes_, row))
    diet = [{"name": "handoff", "confidence": 1.0}]
    combined, combined_ranking = intent_of(trained, "那个怎么弄", diet)
    scores = {r["name"]: r["confidence"] for r in combined_ranking}
    assert scores["handoff"] == pytest.approx(0.5 + 0.5 * own["handoff"], abs=1e-6)
    assert combined["name"] == "handoff" and combined["confidence"] >= 0.5
    assert len(combined_ranking) <= 10 and sum(scores.values()) <= 1.0 + 1e-6


def test_sharpness_sharpens_this_models_share_only(trained):
    """With sharpness s the model's share is the softmax of s times its scores."""
    sharp = CharNgramIntentClassifier({"weight": 0.7, "sharpness": 2.0}, trained._model_storage,
                                      trained._resource, trained.vectorizer, trained.classifier)
    text = "那个怎么弄"
    scores = 2.0 * trained.classifier.decision_function(trained.vectorizer.transform([text]))[0]
    own = dict(zip(trained.classifier.classes_, np.exp(scores - scores.max()) / np.exp(scores - scores.max()).sum()))
    _, ranking = intent_of(sharp, text, [{"name": "handoff", "confidence": 1.0}])
    combined = {r["name"]: r["confidence"] for r in ranking}
    assert combined["handoff"] == pytest.approx(0.7 * own["handoff"] + 0.3, abs=1e-6)
    flat = max(trained.probabilities([text])[0])
    assert max(own.values()) > flat  # sharper than the model's own probabilities


def test_the_fast_probabilities_are_scikit_learns(trained):
    texts = ["门诊报销去哪个窗口办", "辦異地長期居住備案要錢嗎", "你好", "公积金咋提取", "俺是梨园的 慢病认定去哪个医院",
             "哈哈哈哈哈哈", "☃", "ＡＢＣ１２３ 住院", "报销报销报销报销？？？"]
    expected = trained.classifier.predict_proba(trained.vectorizer.transform(texts))
    assert trained.probabilities(texts) == pytest.approx(expected, abs=1e-9)
