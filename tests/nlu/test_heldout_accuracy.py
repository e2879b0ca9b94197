"""`rasa test nlu` on the held-out set, with the trained model.

The targets, intent accuracy and matter-entity F1 of 95%, are the floors: a change that makes
either fall below them fails. On the six sets together (2,188 messages) intent accuracy is 95.7%
(2,094 right) and matter-entity F1 0.952 (Rasa's per-token figure, of DIET's spans as
bot/matter_spans.py cuts them; precision 0.954, recall 0.950). Training is repeatable on the same
machine (DIET's random_seed), so these figures are what a fresh `make test` measures there.
Of the sets written blind (tests/nlu/heldout/README.md), set 6 reads 96.0% of its intents right
and set 5 92.8% (94.0% and 89.8% when they were first run). (Twice the
epochs, a CRF entity extractor, or a DIET of two 256-wide layers gave no more than +0.006 F1:
most misses are where a span starts and ends, or a matter DIET does not tag at all.)"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
pytestmark = pytest.mark.model
TARGET = 0.95
INTENT_ACCURACY_FLOOR = TARGET
MATTER_F1_FLOOR = TARGET


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    out = tmp_path_factory.mktemp("nlu-results")
    rasa = Path(sys.executable).parent / "rasa"
    subprocess.run([str(rasa), "test", "nlu", "--nlu", "tests/nlu/heldout", "--model", "models",
                    "--out", str(out)], cwd=ROOT, check=True, capture_output=True, timeout=900)
    intents = json.loads((out / "intent_report.json").read_text(encoding="utf-8"))
    entities = json.loads((out / "DIETClassifier_report.json").read_text(encoding="utf-8"))
    errors = json.loads((out / "intent_errors.json").read_text(encoding="utf-8"))
    return intents, entities, errors


def test_intent_accuracy_on_heldout_messages(reports):
    intents, _, errors = reports
    print(f"\nheld-out intent accuracy: {intents['accuracy']:.1%}, weighted F1 "
          f"{intents['weighted avg']['f1-score']:.3f} ({intents['weighted avg']['support']} messages)")
    for error in errors[:30]:
        print(f"  {error['text']}  expected {error['intent']}, got {error['intent_prediction']['name']}")
    print(f"target {TARGET:.0%}")
    assert intents["accuracy"] >= INTENT_ACCURACY_FLOOR


def test_matter_entity_f1_on_heldout_messages(reports):
    _, entities, _ = reports
    matter = entities["matter"]
    print(f"\nheld-out matter entity: precision {matter['precision']:.3f} recall {matter['recall']:.3f} "
          f"F1 {matter['f1-score']:.3f} (support {matter['support']})")
    for kind in ("person_type", "township", "road_side", "region"):
        if kind in entities:
            print(f"  {kind}: F1 {entities[kind]['f1-score']:.3f} (support {entities[kind]['support']})")
    assert matter["f1-score"] >= MATTER_F1_FLOOR
