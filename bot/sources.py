"""The five source documents and the sections the catalogue cites.

A citation is "<doc>/<item>/<part>": "000/17/三" is item 17 of seed 000, section 三、.
Only the checks (tests, `python -m bot check`) read the seed files; answers use the
catalogue alone, so the assistant runs without them.
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional

CHINESE_NUMERALS = "一二三四五六七八九十"
PART_HEADING = re.compile(r"^\s*([一二三四五六七八九十])、")
# A section heading the seed ran onto the end of the previous line ("…68号窗口。四、办理流程").
RUN_ON_HEADING = re.compile(r"(?<=。)\s*(?=[一二三四五六七八九十]、(?:事项名称|服务对象|办理方式|办理流程|申办材料|"
                            r"办理时限|监督电话|政务服务|办理层级|办理材料|是否收费|投诉渠道|受理单位|办理渠道|"
                            r"申报材料|受理材料|查询方式|评价渠道))")


def default_seeds_dir() -> Path:
    env = os.environ.get("SEEDS_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


def normalize(text: str) -> str:
    """Fold full-width forms and drop whitespace, so a quote matches however the seed wraps it."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s*]+", "", text)


@dataclass(frozen=True)
class Citation:
    doc: str
    item: str
    part: Optional[str] = None

    @classmethod
    def parse(cls, text: str) -> "Citation":
        pieces = text.split("/")
        if len(pieces) not in (2, 3) or not all(pieces):
            raise ValueError(f"citation {text!r} is not '<doc>/<item>' or '<doc>/<item>/<part>'")
        return cls(pieces[0], pieces[1], pieces[2] if len(pieces) == 3 else None)

    def __str__(self) -> str:
        return "/".join(p for p in (self.doc, self.item, self.part) if p)


def _split_parts(lines: List[str]) -> Dict[str, str]:
    parts: Dict[str, List[str]] = {}
    current: Optional[str] = None
    lines = [piece for line in lines for piece in RUN_ON_HEADING.split(line)]
    for line in lines:
        match = PART_HEADING.match(line)
        # A part heading never goes backwards (一 … 十); "（一）" lines are not headings.
        if match and (current is None or CHINESE_NUMERALS.index(match.group(1)) > CHINESE_NUMERALS.index(current)):
            current = match.group(1)
        if current:
            parts.setdefault(current, []).append(line)
    return {k: "\n".join(v) for k, v in parts.items()}


def _headed_items(lines: List[str], numbered: bool) -> Dict[str, List[str]]:
    """Items are the blocks headed by the line above "一、事项名称".

    Numbered guides key them by the number in "17、门诊费用报销" / "19.产前检查费支付";
    the 河南省 guide has no numbers and is keyed by the title itself.
    """
    starts = []
    for i, line in enumerate(lines):
        if line.strip() == "一、事项名称":
            title_at = i - 1
            while title_at > 0 and not lines[title_at].strip():
                title_at -= 1
            starts.append(title_at)
    items: Dict[str, List[str]] = {}
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        title = lines[start]
        if numbered and n + 1 < len(starts) and not re.match(r"^\s*\d", lines[starts[n + 1]]):
            end -= 1  # the next item's number sits on the line above its wrapped title
        if numbered:
            match = re.match(r"^\s*(\d{1,2})\s*[、.]", title)
            if not match and start > 0:  # a title wrapped onto two lines
                match = re.match(r"^\s*(\d{1,2})\s*[、.]", lines[start - 1])
                start -= 1
            if not match:
                raise ValueError(f"item heading without a number: {title!r}")
            key = match.group(1)
        else:
            key = normalize(title)
        if key in items:
            raise ValueError(f"two items keyed {key!r}")
        items[key] = lines[start:end]
    return items


def _chart_items(lines: List[str]) -> Dict[str, List[str]]:
    items: Dict[str, List[str]] = {}
    count = 0
    for line in lines:
        if line.strip().startswith("办理材料："):
            count += 1
        if count:
            items.setdefault(str(count), []).append(line)
    return items


def _table_rows(lines: List[str]) -> Dict[str, List[str]]:
    items: Dict[str, List[str]] = {}
    for line in lines:
        cells = line.split("\t")
        if len(cells) > 3 and cells[2].strip().isdigit():
            items[cells[2].strip()] = [line]
    return items


class SourceLibrary:
    """Finds the text of a cited section in the seed files."""

    def __init__(self, documents: Dict[str, str], seeds_dir: Path):
        self.documents = documents  # doc id -> file name
        self.seeds_dir = seeds_dir
        self._items: Dict[str, Dict[str, List[str]]] = {}

    def items(self, doc: str) -> Dict[str, List[str]]:
        if doc not in self._items:
            if doc not in self.documents:
                raise KeyError(f"unknown source document {doc!r}")
            lines = (self.seeds_dir / self.documents[doc]).read_text(encoding="utf-8").splitlines()
            splitter = {
                "000": lambda ls: _headed_items(ls, numbered=True),
                "001": _chart_items,
                "002": lambda ls: _headed_items(ls, numbered=False),
                "003": lambda ls: _headed_items(ls, numbered=True),
                "004": _table_rows,
            }[doc]
            self._items[doc] = splitter(lines)
        return self._items[doc]

    def section_text(self, citation: Citation) -> str:
        items = self.items(citation.doc)
        key = normalize(citation.item) if citation.doc == "002" else citation.item
        if key not in items:
            raise KeyError(f"{citation}: seed {citation.doc} has no item {citation.item!r}")
        lines = items[key]
        if citation.part is None:
            return "\n".join(lines)
        parts = _split_parts(lines)
        if citation.part not in parts:
            raise KeyError(f"{citation}: item {citation.item} has no section {citation.part}、")
        return parts[citation.part]

    def contains(self, citation: Citation, quote: str) -> bool:
        return normalize(quote) in normalize(self.section_text(citation))


@lru_cache(maxsize=None)
def source_library(seeds_dir: Optional[str] = None) -> SourceLibrary:
    from bot.catalogue import load_document_index

    return SourceLibrary(load_document_index(), Path(seeds_dir) if seeds_dir else default_seeds_dir())
