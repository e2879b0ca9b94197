"""Holds every fact of the catalogue against the text of the seed section it cites."""
from __future__ import annotations

import re
from typing import Iterator, List, Tuple

from bot.catalogue import Catalogue, Fact, Matter, OnlineChannel, Place, TimeLimit, Where
from bot.sources import Citation, SourceLibrary


def _quotes(entry) -> Iterator[Tuple[str, str]]:
    """(what, verbatim text) pairs an entry claims its section contains."""
    if isinstance(entry, Where):
        yield "quote", entry.quote
        for window in entry.windows:
            if not re.search(rf"(?<!\d){window}(?!\d)", entry.quote):
                yield "window", f"{window}（窗口号不在引文中）"
    elif isinstance(entry, OnlineChannel):
        for step in entry.steps:
            yield "online step", step
    elif isinstance(entry, Fact):
        yield "text", entry.text
    if getattr(entry, "when", None):
        yield "when", entry.when
    if isinstance(entry, TimeLimit):
        numbers = set(re.findall(r"\d+", entry.text))
        for key, days in entry.working_days.items():
            if days and str(days) not in numbers:
                yield "working days", f"{days}（{key}）不在“{entry.text}”中"


def _entries(matter: Matter):
    for name in ("main_item", "item_code"):
        if getattr(matter, name):
            yield name, getattr(matter, name)
    for fact in matter.sub_item_codes:
        yield "sub_item_codes", fact
    for fact in matter.legal_basis:
        yield "legal_basis", fact
    for region, variant in matter.variants.items():
        for name in ("serves", "handled_by", "level", "time_limit", "fee", "phone"):
            if getattr(variant, name):
                yield f"{region}.{name}", getattr(variant, name)
        for name in ("where", "steps", "online", "materials", "notes", "complaint", "query"):
            for i, entry in enumerate(getattr(variant, name)):
                yield f"{region}.{name}[{i}]", entry


def check_matter(matter: Matter, library: SourceLibrary) -> List[str]:
    problems = []
    for path, entry in _entries(matter):
        citation = Citation.parse(entry.src)
        try:
            library.section_text(citation)
        except KeyError as exc:
            problems.append(f"{matter.id} {path}: {exc.args[0]}")
            continue
        for what, quote in _quotes(entry):
            if what == "working days":
                problems.append(f"{matter.id} {path}: {quote}")
            elif not library.contains(citation, quote):
                problems.append(f"{matter.id} {path}: {what} “{quote}” is not in {citation}")
    for region, variant in matter.variants.items():
        try:
            library.section_text(Citation.parse(variant.item))
        except KeyError as exc:
            problems.append(f"{matter.id} {region}.item: {exc.args[0]}")
    return problems


def check_place(place: Place, library: SourceLibrary) -> List[str]:
    checks = []
    if place.src:
        checks.append((place.src, place.name if place.kind in ("hospital",) else None))
        if place.quote:
            checks.append((place.src, place.quote))
    if place.address:
        checks.append((place.address.src, place.address.text))
    problems = []
    for src, quote in checks:
        citation = Citation.parse(src)
        try:
            if quote and not library.contains(citation, quote):
                problems.append(f"place {place.id}: “{quote}” is not in {citation}")
            library.section_text(citation)
        except KeyError as exc:
            problems.append(f"place {place.id}: {exc.args[0]}")
    return problems


def check_catalogue(catalogue: Catalogue, library: SourceLibrary) -> List[str]:
    problems: List[str] = []
    for matter in catalogue.matters:
        problems += check_matter(matter, library)
    for place in catalogue.places.values():
        problems += check_place(place, library)
    return problems
