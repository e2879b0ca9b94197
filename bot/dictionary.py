"""Words the NLU learns from the catalogue: the jieba user dictionary (so matter names,
aliases and townships come out of the tokenizer as whole words, as entity spans must align
with tokens) and the lookup tables of data/nlu/lookups.yml (features for the classifier)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, List

import jieba

from bot.catalogue import Catalogue
from bot.matcher import FILLER
from bot.vocabulary import GENERIC_WORDS

FREQUENCY = 2000  # high enough that jieba keeps the phrase whole


# A verb said before a matter ("开参保凭证", "新生儿办居民医保") is no part of the matter's words:
# such an alias goes into the dictionary without it, so jieba keeps the verb apart and a matter
# span can start after it, as the annotation guideline asks (tests/nlu/heldout/README.md).
VERB_BEFORE_MATTER = re.compile(r"^(?:打印|出具|开|交|办|领)|(?<=[^经])办")


def without_verb_before(alias: str) -> str:
    """"开参保凭证" -> "参保凭证"; "开通医保刷卡" stays whole, 开通 being a word of its own."""
    jieba.dt.check_initialized()  # jieba's own words, to tell 开通 from 开 + 参保凭证
    verb = VERB_BEFORE_MATTER.search(alias)
    if verb is None or len(alias) - verb.end() < 2 or jieba.get_FREQ(alias[verb.start():verb.end() + 1]):
        return alias
    return alias[verb.end():]


def dictionary_words(catalogue: Catalogue) -> List[str]:
    words = set()
    for matter in catalogue.matters:
        words.add(matter.name)
        words.update(matter.aliases)
    for township in catalogue.townships:
        words.add(township.name)
        words.update(township.aliases)
    for place in catalogue.places.values():
        words.add(place.name)
    # Whole questions ("产假工资怎么领") would become one token and swallow the entity inside
    # them: only names and short phrases without question words go in. jieba reads
    # "word freq" per line, so a word cannot hold a space.
    words = {without_verb_before(w) for w in words if w and " " not in w and not FILLER.search(w) and len(w) <= 10}
    return sorted(words - GENERIC_WORDS)  # "给家里人办医保" leaves 医保: jieba knows it


def write_dictionary(catalogue: Catalogue, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "catalogue.txt"
    path.write_text("".join(f"{w} {FREQUENCY} n\n" for w in dictionary_words(catalogue)), encoding="utf-8")
    return path


LOOKUPS_PATH = Path(__file__).resolve().parent.parent / "data" / "nlu" / "lookups.yml"


def lookups_yaml(catalogue: Catalogue) -> str:
    """data/nlu/lookups.yml, generated: `python -m bot lookups` rewrites it, a test checks it."""
    tables = {
        "matter": sorted({w for m in catalogue.matters for w in (m.name, *m.aliases)}),
        "township": sorted({w for t in catalogue.townships for w in (t.name, *t.aliases)}),
    }
    lines = ["# Generated from knowledge/ by `python -m bot lookups`; do not edit by hand.",
             'version: "3.1"', "nlu:"]
    for name, words in tables.items():
        lines.append(f"- lookup: {name}")
        lines.append("  examples: |")
        lines += [f"    - {w}" for w in words]
    return "\n".join(lines) + "\n"
