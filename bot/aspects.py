"""Answers to one aspect of a matter (where, materials, time limit, …).

The asked fact comes first ("城镇职工：濮阳县行政服务大厅70号窗口"), the rest follows, and
every answer ends with its sources and the supervision phone.
"""
from __future__ import annotations

import re
from typing import Callable, Dict, List, Optional, Tuple

from bot.answers import (SUPERVISION_PHONE, SourceNotes, application_periods, guide_name, item_code_lines,
                         material_lines, matter_card, online_lines, transfer_end_notes, where_lines)
from bot.catalogue import DEFAULT_REGION, REGIONS, Catalogue, Fact, Matter, Variant

ASPECTS = ("where", "materials", "time_limit", "apply_period", "amount", "process", "eligibility", "online",
           "fee", "contact", "legal_basis", "general")
PROVINCE_LABEL = "（据河南省2024年版指南）"


def _provincial(matter: Matter, variant: Variant, field: str):
    """The 濮阳县 guide is silent on online channels and fees; the 河南省 2024 guide is not."""
    if getattr(variant, field):
        return variant, ""
    henan = matter.variants.get("henan2024")
    if henan is not None and henan is not variant and getattr(henan, field):
        return henan, PROVINCE_LABEL
    return None, ""


# 办理方式 (section 四) where the guide names no platform: "网上办理。通过HIS系统办理", "电话办理",
# "免申即享". The catalogue keeps it as a note of the variant.
HANDLING_NOTE = re.compile(r"^(网上办理|电话办理|免申即享)")


def _handling(matter: Matter, variant: Variant, provincial: bool = True) -> Tuple[List[Fact], str]:
    sources = [(variant, "")]
    henan = matter.variants.get("henan2024")
    if provincial and henan is not None and henan is not variant:
        sources.append((henan, PROVINCE_LABEL))
    for source, label in sources:
        found = [note for note in source.notes if HANDLING_NOTE.match(note.text)]
        if found:
            return found, label
    return [], ""


def place_notes(variant: Variant, person_type: Optional[str]) -> List[Fact]:
    """Notes saying where some cases are assessed (4 慢性病 at the 乡镇卫生院 for the rural poor)."""
    return [note for note in variant.notes if "鉴定" in note.text and note.applies_to(person_type)]


def _where(catalogue, matter, variant, person_type, side, notes) -> List[str]:
    lines = where_lines(catalogue, variant, person_type, notes, side)
    if not lines:
        if variant.handled_by:
            notes.add(variant.handled_by.src)
            return [f"受理单位：{variant.handled_by.text}"]
        return ["这份指南没有写明办理地点。"]
    out = [f"办理地点：{lines[0]}"] if len(lines) == 1 else ["办理地点："] + [f"  · {line}" for line in lines]
    # Where some cases are assessed elsewhere, say so here.
    for note in place_notes(variant, person_type):
        notes.add(note.src)
        out.append(f"注意：{note.text}")
    return out + transfer_end_notes(variant, notes)


def _materials(catalogue, matter, variant, person_type, side, notes) -> List[str]:
    lines = material_lines(variant, person_type, notes)
    if not lines:
        return ["这份指南没有列出申办材料。"]
    automatic = [n for n in _handling(matter, variant, provincial=False)[0] if "免申即享" in n.text]
    for note in automatic:
        notes.add(note.src)
    # 免申即享 (002 产前检查费支付): the guide's materials are 系统自动获取, nothing to bring
    head = "办理方式：免申即享，指南列出的材料如下：" if automatic else "请一次带齐以下材料："
    out = [head] + [f"  {line}" for line in lines]
    for fact in variant.notes:
        if fact.applies_to(person_type):
            notes.add(fact.src)
            out.append(f"注意：{fact.text}")
    return out


def _limit_line(variant: Variant, notes: SourceNotes) -> str:
    if not variant.time_limit:
        return "这份指南没有写明办理时限。"
    notes.add(variant.time_limit.src)
    return f"办理时限：{variant.time_limit.text}"


def _time_limit(catalogue, matter, variant, person_type, side, notes) -> List[str]:
    periods = application_periods(variant, person_type, notes)
    limit = _limit_line(variant, notes)
    return [limit] + periods if variant.time_limit else periods + [limit]


def _apply_period(catalogue, matter, variant, person_type, side, notes) -> List[str]:
    """"啥时候能申请": the application period first; where the guide fixes none, it says so
    before the time limit, so the time limit is not read as a deadline."""
    periods = application_periods(variant, person_type, notes)
    return (periods or ["这份指南没有写固定的申请时间。"]) + [_limit_line(variant, notes)]


def _amount(catalogue, matter, variant, person_type, side, notes) -> List[str]:
    """"能报几成": none of the guides gives a ratio, a threshold or a sum. Say so first, so the
    card is not read as an answer, then where the matter is handled."""
    return ["办事指南没有写报销比例、起付线或能报多少钱，这里说不了具体金额，请到办理地点或打电话问。"] + \
        _where(catalogue, matter, variant, person_type, side, notes)


def _process(catalogue, matter, variant, person_type, side, notes) -> List[str]:
    steps = [s for s in variant.steps if s.applies_to(person_type)]
    if not steps:
        return ["这份指南没有列出办理步骤。"]
    for step in steps:
        notes.add(step.src)
    return ["办理流程："] + [f"  {n}. {step.text}" for n, step in enumerate(steps, 1)]


def _eligibility(catalogue, matter, variant, person_type, side, notes) -> List[str]:
    if not variant.serves:
        return ["这份指南没有写明服务对象。"]
    notes.add(variant.serves.src)
    lines = [f"服务对象：{variant.serves.text}"]
    for note in _handling(matter, variant, provincial=False)[0]:  # "免申即享": nothing to apply for
        notes.add(note.src)
        lines.append(f"办理方式：{note.text}")
    for note in variant.notes:  # who has it without applying: "新生儿出生当年…自动获取参保资格"
        if "参保资格" in note.text and note.applies_to(person_type):
            notes.add(note.src)
            lines.append(f"注意：{note.text}")
    return lines


def _module_elsewhere(catalogue: Catalogue, matter: Matter) -> Tuple[Optional[Matter], List]:
    """Another matter's online channels whose steps name this matter's module: the 河南省 guide
    lists "一次性生育补助金" among the modules of 生育医疗费支付 and has no item of its own for it."""
    module = matter.name[:-2] if matter.name.endswith("支付") else matter.name
    for other in catalogue.matters:
        henan = other.variants.get("henan2024")
        if other is matter or henan is None:
            continue
        channels = [c for c in henan.online if any(module in step for step in c.steps)]
        if channels:
            return other, channels
    return None, []


def _online(catalogue, matter, variant, person_type, side, notes) -> List[str]:
    source, label = _provincial(matter, variant, "online")
    if source is None:
        other, channels = _module_elsewhere(catalogue, matter)
        if channels:
            lines = [f"可以网上办理（据河南省2024年版指南“{other.name}”一项所列模块）："]
            for channel in channels:
                notes.add(channel.src)
                lines.append(f"  · {channel.platform}：" + "；".join(channel.steps))
            return lines
        handling, handling_label = _handling(matter, variant)
        if not handling:
            return ["指南只写了现场办理，没有写这项业务的网上办理途径。"]
        for note in handling:
            notes.add(note.src)
        lines = ["这份指南只写了现场办理。"] if handling_label else []
        return lines + [f"办理方式{handling_label}：{note.text}" for note in handling]
    lines = [f"可以网上办理{label}："] + online_lines(source.online, person_type, notes)
    steps = [step for channel in source.online for step in channel.steps]
    if any("非关键信息" in step for step in steps) and not any("关键信息" in step.replace("非关键信息", "")
                                                            for step in steps):
        # The guide's online module covers 非关键信息 only: say so before the citizen tries a 身份证号 change.
        lines.append("注意：网上办理的模块只写了“非关键信息变更”；关键信息变更需提供辅助材料，请到窗口办理（问我“在哪办”可查窗口）。")
    return lines


def _fee(catalogue, matter, variant, person_type, side, notes) -> List[str]:
    source, label = _provincial(matter, variant, "fee")
    if source is None:
        return ["指南没有写明是否收费。"]
    notes.add(source.fee.src)
    answer = "不收费" if source.fee.text.startswith("否") else source.fee.text
    return [f"是否收费{label}：{answer}"]


def _contact(catalogue, matter, variant, person_type, side, notes) -> List[str]:
    lines = [f"濮阳县医保监督电话：{SUPERVISION_PHONE}"]
    if variant.handled_by:  # "结算不了找谁协调": who takes the matter up comes first
        notes.add(variant.handled_by.src)
        lines.insert(0, f"受理单位：{variant.handled_by.text}")
    if variant.phone:
        notes.add(variant.phone.src)
    source, label = _provincial(matter, variant, "complaint")
    if source is not None:
        lines.append(f"投诉渠道{label}：")
        for fact in source.complaint:
            notes.add(fact.src)
            lines.append(f"  · {fact.text}")
    return lines


def _legal_basis(catalogue, matter, variant, person_type, side, notes) -> List[str]:
    lines = item_code_lines(matter, notes)
    if matter.legal_basis:
        lines.append("设定依据（据平顶山市事项清单）：")
        for fact in matter.legal_basis:
            notes.add(fact.src)
            lines.append(f"  · {fact.when + '：' if fact.when else ''}{fact.text}")
    return lines or ["指南没有列出这项业务的设定依据。"]


COMPOSERS: Dict[str, Callable] = {
    "where": _where, "materials": _materials, "time_limit": _time_limit, "apply_period": _apply_period,
    "amount": _amount, "process": _process,
    "eligibility": _eligibility, "online": _online, "fee": _fee, "contact": _contact,
    "legal_basis": _legal_basis,
}


def aspect_answer(catalogue: Catalogue, matter: Matter, aspect: str, region: Optional[str] = None,
                  person_type: Optional[str] = None, side: Optional[str] = None) -> str:
    if aspect == "general":
        return matter_card(catalogue, matter, region=region, person_type=person_type, side=side)
    shown_region = region if region in matter.variants else matter.default_region
    variant = matter.variants[shown_region]
    notes = SourceNotes(catalogue)
    who = f"·{person_type}" if person_type else ""
    title = f"【{matter.name}{who}】"
    if shown_region != DEFAULT_REGION:
        title += f"（{REGIONS[shown_region]}）"
    lines = []
    if region and region != shown_region:
        lines.append(f"{guide_name(region)}没有这项业务，以下按{guide_name(shown_region)}回答。")
    body = COMPOSERS[aspect](catalogue, matter, variant, person_type, side, notes)
    lines.append(f"{title}{body[0]}")
    lines += body[1:]
    if notes.line() != "来源：":
        lines.append(notes.line())
    if aspect != "contact":
        lines.append(f"濮阳县医保监督电话：{SUPERVISION_PHONE}")
    return "\n".join(lines)
