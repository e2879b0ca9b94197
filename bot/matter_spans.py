"""Matter spans cut to the words that name the matter, after DIET has found them.

DIET finds where a matter is mentioned well but is loose about where the mention starts and
ends, and now and then tags a word that names no matter at all. This applies the annotation
guideline of the training data (tests/nlu/heldout/README.md) to what DIET found:

- a span is the phrase that names one matter, with the action word attached to it
  (慢特病 + 认定, 产检 + 报销, 申请 + 定点 and the facility before it, 转院 + 证明);
- not a generic verb before it (办, 开, 交, 打印…) nor a 的, nor the money, bills or trouble after
  it (…的钱, …的问题), nor what is asked after it (…按啥, …申请 after 认定);
- a word that alone names no single matter (报销, 备案, 医保…), a person type (职工, 退休) or
  a verb or a place alone (参加, 濮阳), or a word the catalogue has nothing for is not a matter span. The generic words are kept as
  `matter_word` entities: "备案多久能办好" still means one of the 备案 matters to the dialogue;
- one matter is one span: a word that only hints at a matter named in the same message
  ("剖腹产" beside "生育医疗费报销") is no span of its own, and two spans with nothing between
  them are one name DIET split ("生育" + "医疗费用报销");
- a matter denied ("不是门诊报销，是住院报销") is not a matter span either. It is kept as a
  `matter_denied` entity, so that the dialogue can set its words aside.

Runs after DIETClassifier and before EntitySynonymMapper in config.yml, so the synonym value is
looked up for the cut span. An entity it changes keeps its extractor and lists this component
under "processors", as Rasa's own EntitySynonymMapper does.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Sequence, Text, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.matcher import CLEAR_LEAD, MIN_SCORE, MatterMatcher, default_matcher, fold, resolve
from bot.tokenizer import simplified
from bot.vocabulary import GENERIC_WORDS, denial_before  # the guideline's list

MATTER = "matter"
MATTER_WORD = "matter_word"  # a generic word a matter was named with (报销, 备案); not a matter span
MATTER_DENIED = "matter_denied"  # a matter said not to be meant ("不是门诊报销"); not a matter span
# Who is asking, not what: a span made only of these is a person type.
PERSON_WORDS = re.compile("城镇职工|在职职工|退休职工|职工|退休|灵活就业人员|灵活就业|城乡居民|居民|新农合|学生")
# The action word that belongs to the matter when it follows the matter's words directly.
ACTIONS_AFTER = ("认定", "鉴定", "报销", "备案", "登记", "变更")
# The paper a referral is asked for by is part of its name: "转院证明", "转诊单".
REFERRALS = ("转诊", "转院")
REFERRAL_DOCUMENTS = ("证明", "单子", "单")
# Before 定点: what is applied for and who applies ("诊所申请医保定点").
BEFORE_DESIGNATION = ("申请", "医保", "诊所", "医院", "药店", "药房", "卫生室", "卫生院", "门诊部")
# Whole tokens cut from the ends: a generic verb before the matter; the money, bills or
# trouble after it ("卡里的钱" stays: the money in the card is what is asked for).
VERBS_BEFORE = frozenset({"办", "弄", "开", "打", "交", "要", "去", "想", "给", "帮", "把", "的", "个",
                          "领", "出具", "打印"})
# A place alone ("不想跑回濮阳") names no matter.
PLACE_WORDS = re.compile("濮阳县?|濮阳市|县里|县城|河南省?|省里|平顶山市?|郑州|外地|老家")
# A verb alone ("我参加的是城乡居民医保") names no matter.
VERBS_ALONE = frozenset({"参加", "加入", "办理", "申请", "办", "交", "参"})
WORDS_AFTER = frozenset({"的", "钱", "票", "发票", "问题", "出", "了", "那些", "花", "看病",
                         "按", "有", "开具", "打印", "失败", "改", "填"})

Span = Tuple[int, int]
Tokens = Sequence[Tuple[int, int]]


def _cut(text: str, span: Span, tokens: Tokens) -> Span:
    """Drop whole tokens that are a generic verb before the matter or the money after it."""
    start, end = span
    inside = [(s, e) for s, e in tokens if s >= start and e <= end]
    while len(inside) > 1 and text[inside[0][0]:inside[0][1]] in VERBS_BEFORE:
        inside.pop(0)
        start = inside[0][0]
    while len(inside) > 1 and (text[inside[-1][0]:inside[-1][1]] in WORDS_AFTER or
                               _applied_after_action(text[start:inside[-1][1]])) and \
            not text[start:inside[-1][0]].endswith("里的"):
        inside.pop()
        end = inside[-1][1]
    return start, end


def _applied_after_action(words: str) -> bool:
    """"慢特病认定申请": the matter is named with its action; the 申请 after it is what is asked."""
    return words.endswith("申请") and words[:-2].endswith(ACTIONS_AFTER + ("结算",))


def _grow(text: str, span: Span) -> Span:
    """Take in the action word right after the span, and what stands before 定点."""
    start, end = span
    words = text[start:end]
    if not words.endswith(ACTIONS_AFTER):
        for action in ACTIONS_AFTER:
            if text.startswith(action, end):
                end += len(action)
                break
    if words.endswith(REFERRALS):
        for document in REFERRAL_DOCUMENTS:
            if text.startswith(document, end):
                end += len(document)
                break
    if "定点" in text[start:end][:6]:
        grown = True
        while grown:
            grown = False
            for word in BEFORE_DESIGNATION:
                if text[:start].endswith(word) and word not in text[start:end]:
                    start -= len(word)
                    grown = True
    return start, end


class MatterSpans:
    def __init__(self, matcher: MatterMatcher):
        self.matcher = matcher
        # Most spans are a name or an alias as written: those need no scoring.
        self.names = frozenset(fold(term) for matter in matcher.catalogue.matters
                               for term in (matter.name, *matter.aliases)) - GENERIC_WORDS

    def names_no_matter(self, words: str) -> bool:
        folded = fold(words)
        if folded in self.names:
            return False
        if folded in GENERIC_WORDS or folded in VERBS_ALONE or not PERSON_WORDS.sub("", folded) \
                or not PLACE_WORDS.sub("", folded):
            return True
        if folded.endswith("书") and folded[:-1] in GENERIC_WORDS:
            return True  # "没出事故认定书": a document (认定书), not a 认定 matter
        candidates = self.matcher.match(words, limit=1)
        return not candidates or candidates[0].score < MIN_SCORE

    def _span(self, text: str, span: Span, tokens: Tokens, others: Sequence[Span] = ()) -> Optional[Span]:
        """The span cut and grown by the guideline, or None when it names no matter. It does not
        grow over another entity ("诊所" told as who asks)."""
        cut = _cut(text, span, tokens)
        if cut != span and self.names_no_matter(text[cut[0]:cut[1]]):
            cut = span  # "交新农合": without the verb it is only the scheme's name
        start, end = _grow(text, cut)
        start = max([start, *(e for s, e in others if e <= cut[0])])
        end = min([end, *(s for s, e in others if s >= cut[1])])
        return None if self.names_no_matter(text[start:end]) else (start, end)

    def clean(self, text: str, entities: List[Dict[Text, Any]], tokens: Tokens) -> List[Dict[Text, Any]]:
        matters = sorted((e for e in entities if e.get("entity") == MATTER), key=lambda e: e["start"])
        if not matters:
            return entities
        words = simplified(text)
        other_spans = [(e["start"], e["end"]) for e in entities if e.get("entity") != MATTER]
        spans = [self._span(words, (e["start"], e["end"]), tokens, other_spans) for e in matters]
        kept, joined = [], set()
        for index, (entity, span) in enumerate(zip(matters, spans)):
            if span is None:
                continue
            # A generic word right before or after belongs to the name: "医保" + "转移".
            for neighbour in (index - 1, index + 1):
                if 0 <= neighbour < len(matters) and spans[neighbour] is None:
                    other = matters[neighbour]
                    if fold(words[other["start"]:other["end"]]) not in GENERIC_WORDS:
                        continue
                    if other["end"] == span[0]:
                        span = (other["start"], span[1])
                        joined.add(neighbour)
                    elif other["start"] == span[1]:
                        span = (span[0], other["end"])
                        joined.add(neighbour)
            if span == (entity["start"], entity["end"]):
                kept.append(entity)
            else:
                kept.append(dict(entity, start=span[0], end=span[1], value=text[span[0]:span[1]],
                                 processors=[*entity.get("processors", []), "MatterSpanCleaner"]))
        kept = [dict(e, entity=MATTER_DENIED) if _denied(text, e) else e for e in _without_overlaps(kept)]
        kept = _joined(text, self._one_span_per_matter(words, kept))
        # A generic word alone still narrows which matters are meant ("报销" → the 报销 matters):
        # the dialogue reads it, under its own entity type.
        words_alone = [dict(e, entity=MATTER_WORD) for index, (e, span) in enumerate(zip(matters, spans))
                       if span is None and index not in joined and fold(words[e["start"]:e["end"]]) in GENERIC_WORDS
                       and not any(_overlap(e, k) for k in kept)]  # "长期居住" grown over "备案"
        others = [e for e in entities if e.get("entity") != MATTER]
        return sorted(others + kept + words_alone, key=lambda e: e["start"])

    def _one_span_per_matter(self, words: str, spans: List[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
        """A word that only hints at a matter named by its name elsewhere in the message is no
        span of its own: "剖腹产" beside "生育医疗费报销", "孩子" beside "一次性生育补助金"."""
        matters = [span for span in spans if span["entity"] == MATTER]
        if len(matters) < 2:
            return spans
        is_name = {id(span): fold(words[span["start"]:span["end"]]) in self.names for span in matters}
        candidates = {id(span): self.matcher.match(words[span["start"]:span["end"]], limit=5) for span in matters}
        named = {candidates[id(span)][0].matter_id for span in matters if is_name[id(span)] and candidates[id(span)]}

        def only_hints(span: Dict[Text, Any]) -> bool:
            if is_name[id(span)]:
                return False
            resolution = resolve(candidates[id(span)])
            if resolution.kind == "one":  # a matter of its own, or the named one told otherwise
                return resolution.candidates[0].matter_id in named
            best = resolution.candidates[0].score if resolution.candidates else 0.0
            return any(c.matter_id in named for c in candidates[id(span)] if c.score * CLEAR_LEAD > best)

        return [span for span in spans if span["entity"] != MATTER or not only_hints(span)]


def _joined(text: str, spans: List[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
    """Two spans with nothing between them are one name DIET split: "生育" + "医疗费用报销"."""
    joined: List[Dict[Text, Any]] = []
    for span in sorted(spans, key=lambda e: e["start"]):
        if joined and joined[-1]["end"] == span["start"] and joined[-1]["entity"] == span["entity"] == MATTER \
                and not {joined[-1]["value"], span["value"]} & VERBS_BEFORE:
            last = joined.pop()
            span = dict(last, end=span["end"], value=text[last["start"]:span["end"]],
                        processors=[*last.get("processors", []), "MatterSpanCleaner"])
        joined.append(span)
    return joined


def _denied(text: str, entity: Dict[Text, Any]) -> bool:
    """Said not to be meant: "不是门诊报销", not "是不是门诊报销" (which asks)."""
    return bool(denial_before(text, entity["start"]))


def _overlap(a: Dict[Text, Any], b: Dict[Text, Any]) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _without_overlaps(entities: List[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
    """Of spans that overlap once grown, the longest stays: "医院" inside "医院申请定点" goes."""
    kept: List[Dict[Text, Any]] = []
    for entity in sorted(entities, key=lambda e: (e["start"] - e["end"], e["start"])):
        if not any(_overlap(entity, other) for other in kept):
            kept.append(entity)
    return kept


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class MatterSpanCleaner(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "MatterSpanCleaner":
        return cls()

    def __init__(self, spans: Optional[MatterSpans] = None) -> None:
        self.spans = spans or MatterSpans(default_matcher())

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            entities = message.get(ENTITIES) or []
            if not any(e.get("entity") == MATTER for e in entities):
                continue
            tokens = [(t.start, t.end) for t in message.get(TOKENS_NAMES[TEXT]) or []]
            message.set(ENTITIES, self.spans.clean(message.get(TEXT), entities, tokens), add_to_output=True)
        return messages
