"""The NLU data itself: generated parts in step with the catalogue, entity spans on token
boundaries, and the held-out set kept out of training."""
import re
from pathlib import Path

import jieba
import pytest
import yaml

from bot.dictionary import LOOKUPS_PATH, dictionary_words, lookups_yaml, without_verb_before
from bot.matcher import fold
from bot.tokenizer import cut

ROOT = Path(__file__).resolve().parent.parent.parent
ANNOTATION = re.compile(r"\[([^\]]+)\](\([^)]+\)|\{[^}]+\})")


def examples(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for block in data.get("nlu") or []:
        if "intent" in block:
            for line in block["examples"].splitlines():
                line = line.strip()
                if line.startswith("- "):
                    yield block["intent"], line[2:]


def plain(example):
    return ANNOTATION.sub(lambda m: m.group(1), example)


TRAINING = [(p, i, e) for p in sorted((ROOT / "data" / "nlu").glob("*.yml")) for i, e in examples(p)]
HELDOUT = [x for p in sorted((ROOT / "tests" / "nlu" / "heldout").glob("*.yml")) for x in examples(p)]


def test_lookups_are_generated_from_the_catalogue(catalogue):
    assert LOOKUPS_PATH.read_text(encoding="utf-8") == lookups_yaml(catalogue), \
        "run `python -m bot lookups` after changing knowledge/"


def test_heldout_set_never_appears_in_training():
    trained = {fold(plain(e)) for _, _, e in TRAINING}
    leaked = [e for _, e in HELDOUT if fold(plain(e)) in trained]
    assert len(HELDOUT) >= 400
    assert leaked == []


def test_every_intent_has_forty_examples():
    counts = {}
    for _, intent, _ in TRAINING:
        counts[intent] = counts.get(intent, 0) + 1
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    thin = {i: counts.get(i, 0) for i in domain["intents"] if counts.get(i, 0) < 40}
    assert thin == {}


@pytest.fixture(scope="module")
def tokenizer(catalogue):
    tk = jieba.Tokenizer()
    for word in dictionary_words(catalogue):
        tk.add_word(word, 2000)
    return tk


def test_entity_spans_fall_on_token_boundaries(tokenizer):
    """Rasa drops an entity whose span cuts a token: every annotation must align with the
    tokens the NLU's tokenizer (bot/tokenizer.py) cuts."""
    misaligned = []
    for path, _, example in TRAINING:
        text, spans, offset = "", [], 0
        pos = 0
        for m in ANNOTATION.finditer(example):
            text += example[pos:m.start()]
            spans.append((len(text), len(text) + len(m.group(1))))
            text += m.group(1)
            pos = m.end()
        text += example[pos:]
        bounds = {0}
        for start, end, in ((s, e) for _, s, e in cut(tokenizer, text)):
            bounds.update((start, end))
        for start, end in spans:
            if start not in bounds or end not in bounds:
                misaligned.append(f"{path.name}: {example}")
    assert misaligned == []


@pytest.mark.parametrize("text, verb, matter", [
    ("明天去开参保凭证", "开", "参保凭证"),
    ("给孩子办居民医保要带啥", "办", "居民医保"),
    ("打印参保缴费证明去哪", "打印", "参保缴费证明"),
])
def test_a_verb_before_a_matter_is_a_token_of_its_own(tokenizer, text, verb, matter):
    """The catalogue's alias "开参保凭证" is no word of the tokenizer: a matter span can start
    after the verb, as the annotation guideline asks."""
    words = [text[start:end] for _, start, end in cut(tokenizer, text)]
    assert verb in words and matter in words


def test_a_word_the_verb_belongs_to_stays_whole():
    assert without_verb_before("开通医保刷卡") == "开通医保刷卡"   # 开通 is a word
    assert without_verb_before("单位经办人变更") == "单位经办人变更"  # 经办人 is who, not a verb
    assert without_verb_before("领生育津贴") == "生育津贴"
