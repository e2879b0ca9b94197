"""The one material or note of a matter that a question is about, or else the one step.

"纸质发票丢了 只有电子发票中不" is answered by the note that 电子发票或纸质票据均可以, and
"交警那个认定书还没下来咋办" by the case of 意外伤害就医的 (…无法提供的应填写意外伤害个人承诺书),
and "结果公示几天", which no material or note answers, by the step that says 公示5个工作日:
the question and the fact share words that few other facts in the catalogue have. Only a
clear best fact is returned; an ordinary question ("要带啥") shares no such words.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from typing import Dict, List, Optional, Set

from bot.catalogue import Catalogue, Fact, Matter
from bot.matcher import content, fold
from bot.vocabulary import PERSON_TYPE_PATTERNS

# Everyday words for the guide's own: "名字对不上" is "姓名…不一致", "盖章" is "加盖…章".
SAID_AS = ((re.compile("名字"), "姓名"), (re.compile("对不上|不一样|(?<=[名字号码息期址])不对"), "不一致"),
           (re.compile("盖公章"), "加盖公章"), (re.compile("(?<!加)盖章"), "加盖"), (re.compile("去世|不在了|死了|走了|没了"), "死亡"),
           (re.compile("电话号码?|手机号码?"), "联系电话"), (re.compile("还?没(有)?(被)?(认定|评上|批下来)|未认定|未评上"), "未经认定"),
           (re.compile("自助(的)?(机器|机子|机)"), "自助打印机"), (re.compile("辞职|辞工|辞了工作"), "离职"),
           (re.compile("第(二|2)(回|趟|遍)|再一次|又一次|再次|下(一)?(回|次|趟)|还(得|要)再|复查"), "第二次"),
           (re.compile("(那|这|原来那|同一个)家(医院)?"), "同一家"))
REGION_WORDS = re.compile("河南省?|省里|平顶山市?|濮阳县?|县里|全国|国家")
# Which side of 106国道 one lives on is who asks, not a detail (the hospital follows from it).
ROAD_WORDS = re.compile("106国道|国道|路东|路西|以东|以西|东边|西边|东面|西面|东侧|西侧")
MIN_SCORE = 5.6   # about two rare pairs of characters shared, or one very rare and one common
CLEAR_LEAD = 1.25  # the best fact must beat the next by this factor
# "我已经离职了还能报不": whether one may is answered by the case the guide names (符合规定的离职女职工),
# and one rare word shared with a case is enough, since only the cases are looked through.
CASE_MIN_SCORE = 4.0


def _pairs(text: str) -> Set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def fact_words(fact: Fact) -> str:
    return fold(f"{fact.when}{fact.text}" if fact.when else fact.text)


class DetailFinder:
    """Built once per catalogue: how rare each pair of characters is among all facts, each
    fact's pairs, and the pairs that name each matter, so a question costs only its own pairs."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self._fact_pairs: Dict[int, Set[str]] = {}
        self._rarity = self._rarity_among(catalogue, lambda variant: [*variant.materials, *variant.notes])
        # Steps are looked through only when no material or note is asked, with their own rarity.
        self._step_rarity = self._rarity_among(catalogue, lambda variant: variant.steps)
        self._naming: Dict[str, Set[str]] = {
            matter.id: set().union(*(_pairs(fold(words)) for words in (matter.name, *matter.aliases)))
            for matter in catalogue.matters}
        # Per variant, the words its place and time limit already answer: no step is cited for them
        # ("10个工作日" is the time limit, "乡镇卫生院" the place; "公示几天" is neither).
        self._answered: Dict[int, Set[str]] = {
            id(variant): set().union(*(_pairs(fold(entry.quote)) for entry in variant.where if entry.quote),
                                     _pairs(fold(variant.time_limit.text)) if variant.time_limit else set())
            for matter in catalogue.matters for variant in matter.variants.values()}

    def _rarity_among(self, catalogue: Catalogue, facts_of) -> Dict[str, float]:
        counts: Counter = Counter()
        total = 0
        for matter in catalogue.matters:
            for variant in matter.variants.values():
                for fact in facts_of(variant):
                    self._fact_pairs[id(fact)] = _pairs(fact_words(fact))
                    counts.update(self._fact_pairs[id(fact)])
                    total += 1
        return {pair: math.log(1 + total / n) for pair, n in counts.items()}

    def _clear_best(self, asked: Set[str], facts: List[Fact], rarity: Dict[str, float],
                    min_score: float = MIN_SCORE) -> Optional[Fact]:
        ranked = sorted(((sum(rarity.get(pair, 0.0) for pair in asked & self._fact_pairs[id(f)]), f) for f in facts),
                        key=lambda pair: -pair[0])
        if not ranked or ranked[0][0] < min_score:
            return None
        if len(ranked) > 1 and ranked[0][0] < CLEAR_LEAD * ranked[1][0]:
            return None
        return ranked[0][1]

    def _asked_pairs(self, matter: Matter, text: str) -> Set[str]:
        said = fold(text)
        for words, guide_words in SAID_AS:
            said = words.sub(guide_words, said)
        said = REGION_WORDS.sub("", said)  # "河南省的是10个工作日" asks the province's figure, not its 申请表
        said = ROAD_WORDS.sub("", said)
        for pattern, kind in PERSON_TYPE_PATTERNS:
            if kind != "医药机构":  # who asks ("职工慢性病") is no detail; "卫生院" may be one
                said = re.sub(pattern, "", said)
        return _pairs(content(said)) - self._naming[matter.id]  # the words naming the matter ask no detail

    def case_asked(self, matter: Matter, text: str, region: Optional[str] = None,
                   person_type: Optional[str] = None) -> Optional[Fact]:
        """The case among the matter's materials (a material with its "when") a question about who
        may do it names."""
        asked = self._asked_pairs(matter, text)
        cases = [f for f in matter.variant(region).materials if f.when and f.applies_to(person_type)]
        return self._clear_best(asked, cases, self._rarity, CASE_MIN_SCORE) if asked else None

    def detail_asked(self, matter: Matter, text: str, region: Optional[str] = None,
                     person_type: Optional[str] = None) -> Optional[Fact]:
        """The material or note of this matter the question is plainly about, or else the step."""
        asked = self._asked_pairs(matter, text)
        if not asked:
            return None
        variant = matter.variant(region)
        facts = [f for f in [*variant.materials, *variant.notes] if f.applies_to(person_type)]
        found = self._clear_best(asked, facts, self._rarity)
        if found is not None:
            return found
        steps = [f for f in variant.steps if f.applies_to(person_type)]
        return self._clear_best(asked - self._answered[id(variant)], steps, self._step_rarity)
