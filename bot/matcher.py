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

from bot.catalogue import Catalogue, default_catalogue

_TO_SIMPLIFIED = OpenCC("t2s")
_NOT_WORD = re.compile(r"[^\w]+")
# Question words say what is asked (where, what to bring, how long), not which matter:
# they are dropped before scoring so "能报多少" does not pull towards an alias that has it.
FILLER = re.compile(
    "怎么办|怎么样|怎么|咋办|咋弄|咋整|咋|什么|啥|哪里|哪儿|哪个|在哪|去哪|多少|多久|多长时间|"
    "能不能|可不可以|可以|需要|要不要|是不是|有没有|请问|你好|您好|一下|这个|那个|"
    "我们|我的|我|俺|恁|你|您|他|她|想|要|能|吗|呢|吧|啊|呀|了|的|得|地|不|嘛|么|个|和|跟|还|就|都|也|在|哪|搁"
)
# Other schemes people confuse with 医保: a question about them is out of scope,
# however much it shares words ("提取", "缴费") with a 医保 matter.
OTHER_SCHEMES = re.compile("公积金|养老保险|养老金|失业保险|失业金|工伤|住房|房贷|个税|低保申请|天气")
MEDICAL_WORDS = re.compile("医保|医疗|看病|住院|门诊|生育|药")
# "住了半个月院", "住过两回院": 住院 split by how long or how often, read as the word it is; and
# "住阮", its 院 mistyped as the look-alike 阮.
SPLIT_STAY = re.compile("住[了过]?[一二两三四五六七八九十几半多来个天月周星期礼拜回次趟的]{0,8}院|住阮")
# "想参职工医保", "给娃上居民医保": joining a scheme, said with one verb, as 参加 says it.
JOINS_SCHEME = re.compile(r"(参|上|入)(?=(城镇)?(职工|城乡居民|居民)医保)")

# Kinds of feature and their weight: exact characters count more than shared sounds.
FEATURE_WEIGHTS = {"c1": 0.6, "c2": 2.0, "p1": 0.2, "p2": 1.0}


def fold(text: str) -> str:
    """Simplified characters, half-width forms, lower case, no punctuation or spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = _TO_SIMPLIFIED.convert(text)
    return _NOT_WORD.sub("", text).lower().replace("_", "")


def _pinyin_syllables() -> frozenset:
    from pypinyin.constants import PINYIN_DICT

    found = set()
    for readings in PINYIN_DICT.values():
        for reading in readings.split(","):
            found.add(unicodedata.normalize("NFKD", reading).encode("ascii", "ignore").decode().replace("u:", "v"))
    return frozenset(s for s in found if s.isalpha())


PINYIN_SYLLABLES = _pinyin_syllables()
_LATIN_RUN = re.compile(r"[a-z]+")


def split_pinyin(run: str) -> List[str]:
    """'menzhen' -> ['men', 'zhen']: citizens type pinyin when a character will not come.
    Longest syllable first; a run that is not pinyin stays whole."""
    out, i = [], 0
    while i < len(run):
        for j in range(min(len(run), i + 6), i, -1):
            if run[i:j] in PINYIN_SYLLABLES:
                out.append(run[i:j])
                i = j
                break
        else:
            return [run]
    return out


@lru_cache(maxsize=4096)
def syllables(text: str) -> Tuple[str, ...]:
    result: List[str] = []
    for piece in lazy_pinyin(fold(text), style=Style.NORMAL, errors="default"):
        if _LATIN_RUN.fullmatch(piece):
            result.extend(split_pinyin(piece))
        elif piece:
            result.append(piece)
    return tuple(result)


def content(text: str) -> str:
    return FILLER.sub("", fold(text))


# Front and back nasal finals sound alike to many speakers, and a pinyin keyboard set to
# tolerate it offers both: "生育经贴" (jing) for 生育津贴 (jin). Sounds are compared without it.
NASAL_FINALS = re.compile(r"(?<=[ie])ng$")


@lru_cache(maxsize=4096)
def features(text: str) -> Counter:
    """Character and pinyin unigrams and bigrams of the content words of text."""
    chars = content(text)
    sylls = tuple(NASAL_FINALS.sub("n", s) for s in syllables(chars))
    grams: Counter = Counter()
    for seq, kind in ((tuple(chars), "c"), (sylls, "p")):
        for i, unit in enumerate(seq):
            grams[f"{kind}1:{unit}"] += 1
            if i + 1 < len(seq):
                grams[f"{kind}2:{unit}_{seq[i + 1]}"] += 1
    return grams


@dataclass(frozen=True)
class Candidate:
    matter_id: str
    score: float
    matched: str  # the name or alias that fitted best


class MatterMatcher:
    """Built once per catalogue; `match` is pure and cheap (a few ms)."""

    K1, B = 1.2, 0.5
    EXACT_BONUS = 1.5  # an alias that appears verbatim in the text
    BAG_WEIGHT = 1.0

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self._terms: List[Tuple[str, str, str, Counter]] = []  # (matter id, term, folded, features)
        for matter in catalogue.matters:
            names = {matter.name, matter.name.replace("《", "").replace("》", ""), *matter.aliases}
            for term in names:
                self._terms.append((matter.id, term, fold(term), features(term)))
        self._names = {matter.id: fold(matter.name) for matter in catalogue.matters}
        # A feature's rarity is counted over matters, not aliases: a matter with many
        # aliases must not make its own words look common.
        matters_with: Dict[str, set] = defaultdict(set)
        for matter_id, _, _, feats in self._terms:
            for feat in feats:
                matters_with[feat].add(matter_id)
        n = len(catalogue.matters)
        self._idf = {f: math.log(1 + (n - len(ms) + 0.5) / (len(ms) + 0.5)) for f, ms in matters_with.items()}
        self._avg_len = sum(sum(t[3].values()) for t in self._terms) / max(len(self._terms), 1)
        # Pinyin initials of each name and alias ("mzbx" for 门诊报销), for agents typing fast.
        self._initials = [(matter_id, term, "".join(s[0] for s in syllables(content(term))))
                          for matter_id, term, _, _ in self._terms]
        # Every word any alias of a matter uses: evidence spread over several aliases counts too.
        self._bags: Dict[str, set] = defaultdict(set)
        for matter_id, _, _, feats in self._terms:
            self._bags[matter_id].update(feats)
        # Per alias, what does not depend on the text: its feature weights, their total and its
        # length norm; and which aliases hold each feature, as an alias sharing none scores 0.
        self._term_weights: List[Dict[str, float]] = []
        self._term_totals: List[float] = []
        self._term_norms: List[float] = []
        self._terms_with: Dict[str, List[int]] = defaultdict(list)
        for index, (_, _, _, feats) in enumerate(self._terms):
            weights = {f: self._weight(f) for f in feats}
            self._term_weights.append(weights)
            self._term_totals.append(sum(weights.values()) or 1.0)
            self._term_norms.append(self.K1 * (1 - self.B + self.B * sum(feats.values()) / self._avg_len))
            for feat in feats:
                self._terms_with[feat].append(index)

    def _weight(self, feat: str) -> float:
        return self._idf.get(feat, 0.0) * FEATURE_WEIGHTS[feat[:2]]

    def _score_term(self, index: int, query: Counter, folded_text: str) -> float:
        _, _, folded_term, feats = self._terms[index]
        weights, norm = self._term_weights[index], self._term_norms[index]
        shared = sum(weights[f] * (tf * (self.K1 + 1)) / (tf + norm) for f, tf in feats.items() if f in query)
        if not shared:
            return 0.0
        # How much of the alias the text covers: "住院报销" must not score full marks on "报销".
        coverage = sum(weights[f] for f in feats if f in query) / self._term_totals[index]
        score = shared * (0.5 + coverage)
        if len(folded_term) >= 2 and folded_term in folded_text:
            score += self.EXACT_BONUS * len(folded_term)
        elif len(folded_term) >= 3:
            score += fuzz.partial_ratio(folded_term, folded_text) / 100 * coverage
        return score

    def match(self, text: str, limit: int = 5) -> List[Candidate]:
        text = JOINS_SCHEME.sub("参加", SPLIT_STAY.sub("住院", text))
        folded_text = fold(text)
        if not folded_text or (OTHER_SCHEMES.search(folded_text) and not MEDICAL_WORDS.search(folded_text)):
            return []
        query = features(text)
        best: Dict[str, Candidate] = {}
        for index in sorted({i for feat in query for i in self._terms_with.get(feat, ())}):
            matter_id, term = self._terms[index][:2]
            score = self._score_term(index, query, folded_text)
            if score > 0 and (matter_id not in best or score > best[matter_id].score):
                best[matter_id] = Candidate(matter_id, round(score, 3), term)
        for matter_id, candidate in best.items():
            bag = sum(self._weight(f) for f in query if f in self._bags[matter_id])
            best[matter_id] = Candidate(matter_id, round(candidate.score + self.BAG_WEIGHT * bag, 3),
                                        candidate.matched)
        ranked = sorted(best.values(), key=lambda c: c.score, reverse=True)
        return self._named_in_full(ranked, folded_text)[:limit]

    def _named_in_full(self, ranked: List[Candidate], folded_text: str) -> List[Candidate]:
        """A matter's own name typed in full ("查：生育医疗费支付 窗口 时限") names it outright, at
        least twice the score of any other, unless the name is part of another name also typed in
        full (生育医疗费支付 in 计划生育医疗费支付) or another matter's name is typed too."""
        named = [c for c in ranked if self._names[c.matter_id] in folded_text]
        named = [c for c in named if not any(o is not c and self._names[c.matter_id] in self._names[o.matter_id]
                                             for o in named)]
        if len(named) != 1 or len(ranked) < 2:
            return ranked
        first = named[0]
        runner_up = max(c.score for c in ranked if c is not first)
        if first.score >= 2 * runner_up:
            return ranked
        first = Candidate(first.matter_id, round(2 * runner_up, 3), first.matched)
        return [first, *(c for c in ranked if c.matter_id != first.matter_id)]


    def match_initials(self, letters: str, limit: int = 5) -> List[Candidate]:
        """Matters whose name or an alias starts with these pinyin initials (2 letters or more)."""
        letters = letters.strip().lower()
        if len(letters) < 2 or not letters.isascii() or not letters.isalpha():
            return []
        best: Dict[str, Candidate] = {}
        for matter_id, term, initials in self._initials:
            if initials.startswith(letters):
                # A whole match beats a prefix; a shorter alias is the closer fit.
                score = round(10.0 * len(letters) / len(initials) + (5.0 if initials == letters else 0.0), 3)
                if matter_id not in best or score > best[matter_id].score:
                    best[matter_id] = Candidate(matter_id, score, term)
        return sorted(best.values(), key=lambda c: c.score, reverse=True)[:limit]


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


@lru_cache(maxsize=1)
def default_matcher() -> MatterMatcher:
    """The matcher of the default catalogue, built once per process: the agent console and the
    NLU's matter-span component share it in the Rasa server (about 0.13 s to build)."""
    return MatterMatcher(default_catalogue())
