"""Turns free Chinese text into ranked candidate matters.

Text and every matter name/alias are folded (traditional → simplified, full-width →
half-width, punctuation dropped) and spelled out in toneless pinyin, so a homophone typo
(报消, 生于津贴) lands on the same syllables as the right word. Each alias is scored
BM25-style by the syllable unigrams and bigrams it shares with the text, weighted by how
rare they are across matters; rapidfuzz adds credit for near-miss spellings. A matter's
score is its best alias.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, Sequence, Tuple

from opencc import OpenCC
from pypinyin import Style, lazy_pinyin
from rapidfuzz import fuzz

from bot.catalogue import Catalogue

_TO_SIMPLIFIED = OpenCC("t2s")
_NOT_WORD = re.compile(r"[^\w]+")
# Words that say nothing about which matter is meant.
FILLER_SYLLABLES = {"de", "le", "ma", "ne", "a", "ba", "wo", "ni", "zen", "me", "shen", "na", "li",
                    "qing", "wen", "xiang", "yao", "gai", "qu", "ge", "zhe", "shi", "you", "hai", "jiu"}


def fold(text: str) -> str:
    """Simplified characters, half-width forms, lower case, no punctuation or spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = _TO_SIMPLIFIED.convert(text)
    return _NOT_WORD.sub("", text).lower().replace("_", "")


@lru_cache(maxsize=4096)
def syllables(text: str) -> Tuple[str, ...]:
    return tuple(s for s in lazy_pinyin(fold(text), style=Style.NORMAL, errors="default") if s)


def features(sylls: Sequence[str]) -> Counter:
    grams: Counter = Counter()
    for i, syl in enumerate(sylls):
        if syl not in FILLER_SYLLABLES:
            grams[syl] += 1
        if i + 1 < len(sylls):
            grams[f"{syl}_{sylls[i + 1]}"] += 1
    return grams


@dataclass(frozen=True)
class Candidate:
    matter_id: str
    score: float
    matched: str  # the name or alias that fitted best


class MatterMatcher:
    """Built once per catalogue; `match` is pure and cheap (a few ms)."""

    K1, B = 1.2, 0.5
    BIGRAM_WEIGHT = 2.0
    EXACT_BONUS = 1.5  # an alias that appears verbatim in the text

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self._terms: List[Tuple[str, str, str, Counter]] = []  # (matter id, term, folded, features)
        for matter in catalogue.matters:
            names = {matter.name, matter.name.replace("《", "").replace("》", ""), *matter.aliases}
            for term in names:
                self._terms.append((matter.id, term, fold(term), features(syllables(term))))
        # A feature's rarity is counted over matters, not aliases: a matter with many
        # aliases must not make its own words look common.
        matters_with: Dict[str, set] = defaultdict(set)
        for matter_id, _, _, feats in self._terms:
            for feat in feats:
                matters_with[feat].add(matter_id)
        n = len(catalogue.matters)
        self._idf = {f: math.log(1 + (n - len(ms) + 0.5) / (len(ms) + 0.5)) for f, ms in matters_with.items()}
        self._avg_len = sum(sum(t[3].values()) for t in self._terms) / max(len(self._terms), 1)

    def _weight(self, feat: str) -> float:
        return self._idf.get(feat, 0.0) * (self.BIGRAM_WEIGHT if "_" in feat else 1.0)

    def _score_term(self, query: Counter, folded_text: str, term: str, folded_term: str,
                    feats: Counter) -> float:
        length = sum(feats.values())
        norm = self.K1 * (1 - self.B + self.B * length / self._avg_len)
        shared = sum(self._weight(f) * (tf * (self.K1 + 1)) / (tf + norm)
                     for f, tf in feats.items() if f in query)
        if not shared:
            return 0.0
        total = sum(self._weight(f) for f in feats) or 1.0
        # How much of the alias the text covers: "住院报销" must not score full marks on "报销".
        coverage = sum(self._weight(f) for f in feats if f in query) / total
        score = shared * (0.5 + coverage)
        if len(folded_term) >= 2 and folded_term in folded_text:
            score += self.EXACT_BONUS * len(folded_term)
        elif len(folded_term) >= 3:
            score += fuzz.partial_ratio(folded_term, folded_text) / 100 * coverage
        return score

    def match(self, text: str, limit: int = 5) -> List[Candidate]:
        folded_text = fold(text)
        if not folded_text:
            return []
        query = features(syllables(text))
        best: Dict[str, Candidate] = {}
        for matter_id, term, folded_term, feats in self._terms:
            score = self._score_term(query, folded_text, term, folded_term, feats)
            if score > 0 and (matter_id not in best or score > best[matter_id].score):
                best[matter_id] = Candidate(matter_id, round(score, 3), term)
        ranked = sorted(best.values(), key=lambda c: c.score, reverse=True)
        return ranked[:limit]


@dataclass(frozen=True)
class Resolution:
    """What to do with a text: answer one matter, offer a choice, or say nothing fits."""
    kind: str  # "one" | "choose" | "none"
    candidates: Tuple[Candidate, ...]


MIN_SCORE = 3.0    # below this nothing in the text points at a matter
CLEAR_LEAD = 1.35  # the best must beat the runner-up by this factor to be answered alone


def resolve(candidates: Sequence[Candidate]) -> Resolution:
    strong = [c for c in candidates if c.score >= MIN_SCORE]
    if not strong:
        return Resolution("none", ())
    if len(strong) == 1 or strong[0].score >= strong[1].score * CLEAR_LEAD:
        return Resolution("one", (strong[0],))
    close = [c for c in strong if c.score * CLEAR_LEAD > strong[0].score]
    return Resolution("choose", tuple(close[:3]))
