"""The command line a hotline agent or a maintainer uses without the Rasa servers."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import List, Optional

from bot.catalogue import CatalogueError, REGIONS, load_catalogue, KNOWLEDGE_DIR


def _check(args) -> int:
    from bot.seed_check import check_catalogue
    from bot.sources import SourceLibrary, default_seeds_dir
    from bot.catalogue import load_document_index

    try:
        catalogue = load_catalogue(args.knowledge)
    except CatalogueError as exc:
        print(f"目录有误: {exc}", file=sys.stderr)
        return 1
    seeds = args.seeds or default_seeds_dir()
    problems = check_catalogue(catalogue, SourceLibrary(load_document_index(args.knowledge), seeds))
    for problem in problems:
        print(problem)
    counts = {r: sum(r in m.variants for m in catalogue.matters) for r in REGIONS}
    print(f"{len(catalogue.matters)} matters; per region: "
          + ", ".join(f"{REGIONS[r]} {n}" for r, n in counts.items())
          + f"; {len(problems)} problems")
    return 1 if problems else 0


def _lookup(args) -> int:
    from bot.answers import matter_card
    from bot.matcher import MatterMatcher, resolve

    catalogue = load_catalogue(args.knowledge)
    text = " ".join(args.text)
    candidates = MatterMatcher(catalogue).match(text)
    if resolve(candidates).kind == "none":
        print(f"没有找到与“{text}”相关的事项。可拨打监督电话 0393-8669566 咨询。")
        return 1
    print(matter_card(catalogue, catalogue.matter(candidates[0].matter_id), region=args.region,
                      person_type=args.person_type))
    others = [c for c in candidates[1:4] if c.score * 2 >= candidates[0].score]
    if others:
        print("\n其他可能的事项：" + "、".join(catalogue.matter(c.matter_id).name for c in others))
    return 0


def _dictionary(args) -> int:
    from bot.dictionary import write_dictionary

    path = write_dictionary(load_catalogue(args.knowledge), args.folder)
    print(f"wrote {path}")
    return 0


def _lookups(args) -> int:
    from bot.dictionary import LOOKUPS_PATH, lookups_yaml

    LOOKUPS_PATH.write_text(lookups_yaml(load_catalogue(args.knowledge)), encoding="utf-8")
    print(f"wrote {LOOKUPS_PATH}")
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="医保办事指引助手 command line")
    parser.add_argument("--knowledge", type=Path, default=KNOWLEDGE_DIR, help="catalogue folder")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate the catalogue and hold every fact against the seeds")
    check.add_argument("--seeds", default=None, help="folder of the seed documents")
    check.set_defaults(func=_check)
    lookup = sub.add_parser("lookup", help="print the card of the matter that best fits the text")
    lookup.add_argument("text", nargs="+")
    lookup.add_argument("--region", choices=list(REGIONS), default=None)
    lookup.add_argument("--person-type", default=None)
    lookup.set_defaults(func=_lookup)
    dictionary = sub.add_parser("dictionary", help="write the jieba dictionary for NLU training")
    dictionary.add_argument("folder", type=Path, nargs="?", default=Path("build/jieba"))
    dictionary.set_defaults(func=_dictionary)
    lookups = sub.add_parser("lookups", help="rewrite data/nlu/lookups.yml from the catalogue")
    lookups.set_defaults(func=_lookups)
    args = parser.parse_args(argv)
    return args.func(args)
