"""Writes the jieba user dictionary from the catalogue, so matter names, aliases and
townships come out of the tokenizer as whole words (entity spans must align with tokens)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, List

from bot.catalogue import Catalogue

FREQUENCY = 2000  # high enough that jieba keeps the phrase whole


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
    # jieba reads "word freq" per line; a space inside a word would break the line.
    return sorted(w for w in words if w and " " not in w)


def write_dictionary(catalogue: Catalogue, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "catalogue.txt"
    path.write_text("".join(f"{w} {FREQUENCY} n\n" for w in dictionary_words(catalogue)), encoding="utf-8")
    return path
