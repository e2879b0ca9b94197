"""Composes what the assistant says about a matter, from the catalogue only.

Every line names where it came from: the card ends with the seed sections it used, and
facts taken from another region's guide (e.g. online paths from the 河南省 guide while
answering for 濮阳县) say so.
"""
from __future__ import annotations

import re
from typing import Callable, Dict, List, Optional, Tuple

from bot.catalogue import DEFAULT_REGION, REGIONS, Catalogue, Matter, Township, Variant, Where
from bot.sources import Citation
from bot.vocabulary import SIDE_NAMES

SUPERVISION_PHONE = "0393-8669566"


class SourceNotes:
    """Collects the sections an answer used, grouped by document and item, in order."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self._parts: Dict[Tuple[str, str], List[str]] = {}

    def add(self, src: str) -> None:
        citation = Citation.parse(src)
        parts = self._parts.setdefault((citation.doc, citation.item), [])
        if citation.part and citation.part not in parts:
            parts.append(citation.part)

    def line(self) -> str:
        labels = []
        for (doc, item), parts in self._parts.items():
            label = self.catalogue.citation_label(f"{doc}/{item}")
            labels.append(f"{label}（{'、'.join(parts)}）" if parts else label)
        return "来源：" + "；".join(labels)


def describe_place(catalogue: Catalogue, entry: Where, side: Optional[str] = None) -> str:
    parts = []
    for place_id in entry.places:
        place = catalogue.places[place_id]
        if place.kind == "hall" and entry.windows:
            parts.append(f"{place.name}{'、'.join(str(w) for w in entry.windows)}号窗口")
        elif place.kind == "road_rule" and side in ("east", "west"):
            hospital = catalogue.places[place.east if side == "east" else place.west].name
            parts.append(f"{hospital}（{SIDE_NAMES[side]}乡镇）")
        elif place.kind == "road_rule":
            east, west = catalogue.places[place.east].name, catalogue.places[place.west].name
            parts.append(f"106国道以东乡镇到{east}，106国道以西乡镇到{west}")
        elif place.address:
            parts.append(place.address.text)
        else:
            parts.append(place.name)
    return "、".join(parts)


def guide_name(region: str) -> str:
    """"濮阳县的指南", but "通用公共服务事项指南" (not "…指南的指南")."""
    return REGIONS[region] if REGIONS[region].endswith("指南") else f"{REGIONS[region]}的指南"


def where_lines(catalogue: Catalogue, variant: Variant, person_type: Optional[str],
                notes: SourceNotes, side: Optional[str] = None) -> List[str]:
    lines = []
    for entry in variant.where:
        if not entry.applies_to(person_type):
            continue
        notes.add(entry.src)
        label = "、".join(entry.for_) if entry.for_ and person_type not in entry.for_ else ""
        if entry.when and entry.when not in label:
            label = entry.when
        text = describe_place(catalogue, entry, side)
        lines.append(f"{label}：{text}" if label else text)
    return lines


# A step that fixes when to apply ("每月5-10日", "每年10月") answers "啥时候交" as much as the time limit.
APPLICATION_PERIOD = re.compile(r"每月|每年|每季度|\d+月|\d+日")


def application_periods(variant: Variant, person_type: Optional[str], notes: SourceNotes) -> List[str]:
    lines = []
    # the steps, and notes such as 职工 慢特病's "…17个病种分一年两次3月、9月集中申请"
    for fact in [*variant.steps, *variant.notes]:
        if fact.applies_to(person_type) and APPLICATION_PERIOD.search(fact.text):
            notes.add(fact.src)
            who = f"（{'、'.join(fact.for_)}）" if fact.for_ and person_type not in fact.for_ else ""
            lines.append(f"申请时间{who}：{fact.text}")
    return lines


def material_lines(variant: Variant, person_type: Optional[str], notes: SourceNotes) -> List[str]:
    lines, n = [], 0
    for fact in variant.materials:
        if not fact.applies_to(person_type):
            continue
        notes.add(fact.src)
        prefix = ""
        if fact.for_ and person_type not in fact.for_:  # also 城镇职工 reading 在职职工's and 灵活就业人员's
            prefix = f"（{'、'.join(fact.for_)}）"
        if fact.when:
            lines.append(f"· {fact.when}：{fact.text}")
        else:
            n += 1
            lines.append(f"{n}. {prefix}{fact.text}")
    return lines


def online_variant(matter: Matter, variant: Variant) -> Optional[Variant]:
    """The 濮阳县 guide lists no online channels; the 河南省 2024 guide does."""
    if variant.online:
        return variant
    henan = matter.variants.get("henan2024")
    return henan if henan and henan.online else None


def online_lines(channels, person_type: Optional[str], notes: SourceNotes) -> List[str]:
    """One line per set of steps: where the guide gives six platforms the same steps
    (异地转诊人员备案), they share one line instead of six alike."""
    grouped: Dict[tuple, List[str]] = {}
    for channel in channels:
        if channel.applies_to(person_type):
            notes.add(channel.src)
            grouped.setdefault((tuple(channel.steps), tuple(channel.for_)), []).append(channel.platform)
    lines = []
    for (steps, for_), platforms in grouped.items():
        who = f"（限{'、'.join(for_)}）" if for_ else ""
        lines.append(f"  · {'、'.join(platforms)}{who}：" + "；".join(steps))
    return lines


def matter_card(catalogue: Catalogue, matter: Matter, region: Optional[str] = None,
                person_type: Optional[str] = None, side: Optional[str] = None) -> str:
    """The full card for a hotline agent: where, materials, time limit, online, phone, sources."""
    region = region if region in matter.variants else matter.default_region
    variant = matter.variants[region]
    notes = SourceNotes(catalogue)
    title = f"【{matter.name}】（{REGIONS[region]}）"
    if person_type:
        title += f" {person_type}"
    lines = [title]
    if region != DEFAULT_REGION and DEFAULT_REGION not in matter.variants:
        lines.append(f"濮阳县办事指南未列此事项，以下按{guide_name(region)}。")
    if variant.serves:
        notes.add(variant.serves.src)
        lines.append(f"服务对象：{variant.serves.text}")
    places = where_lines(catalogue, variant, person_type, notes, side)
    if places:
        lines.append("办理地点：" + ("\n  · ".join([""] + places) if len(places) > 1 else places[0]))
    lines += transfer_end_notes(variant, notes)
    materials = material_lines(variant, person_type, notes)
    if materials:
        lines.append("申办材料（一次性告知）：\n  " + "\n  ".join(materials))
    for fact in variant.notes:
        if fact.applies_to(person_type):
            notes.add(fact.src)
            lines.append(f"注意：{fact.text}")
    if variant.time_limit:
        notes.add(variant.time_limit.src)
        lines.append(f"办理时限：{variant.time_limit.text}")
    lines += application_periods(variant, person_type, notes)
    online = online_variant(matter, variant)
    if online:
        label = "" if online is variant else "（据河南省2024年版指南）"
        lines.append(f"网上办理{label}：")
        lines += online_lines(online.online, person_type, notes)
    fee_variant = variant if variant.fee else matter.variants.get("henan2024")
    if fee_variant and fee_variant.fee:
        notes.add(fee_variant.fee.src)
        label = "" if fee_variant is variant else "（据河南省2024年版指南）"
        lines.append(f"是否收费{label}：{fee_variant.fee.text}")
    if matter.item_code:
        # The code often comes from another region's list: say whose, so no one reads it as 濮阳县's rule.
        source_doc = Citation.parse(matter.item_code.src).doc
        label = f"（据《{catalogue.documents[source_doc].title}》）" if source_doc not in ("000", "001") else ""
        lines += item_code_lines(matter, notes, label)
    if variant.phone:
        notes.add(variant.phone.src)
        lines.append(f"监督电话：{variant.phone.text}")
    else:
        lines.append(f"濮阳县医保监督电话：{SUPERVISION_PHONE}")
    lines.append(notes.line())
    return "\n".join(lines)


def item_code_lines(matter: Matter, notes: SourceNotes, label: str = "") -> List[str]:
    """The matter's item code, then the code of each case its list gives a row of its own."""
    lines = []
    for fact in ([matter.item_code] if matter.item_code else []) + list(matter.sub_item_codes):
        notes.add(fact.src)
        lines.append(f"{fact.when + '的' if fact.when else ''}事项编码{label}：{fact.text}")
    return lines


def side_note(township: Township) -> str:
    """How the side of 106国道 of a township on one side is known, said with the answer."""
    where = SIDE_NAMES[township.side]
    if township.inferred:
        return (f"{township.name}一般认为位于{where}（依据：{township.basis}，并非官方名单；"
                f"如不确定请拨打 {SUPERVISION_PHONE} 确认）。")
    return f"{township.name}位于{where}。"


def township_side_text(township: Township) -> str:
    """What is known of a township's side of 106国道, for any township."""
    if township.side in ("east", "west"):
        return side_note(township)
    if township.side == "straddles":
        return f"106国道从{township.name}穿过，国道两侧去的医院不同。"
    return f"暂时无法确定{township.name}在106国道哪一侧（可拨打 {SUPERVISION_PHONE} 咨询）。"


def township_hospital(catalogue: Catalogue, name: str) -> Optional[Dict[str, object]]:
    """The 106国道 rule for one township (城乡居民 慢特病认定 and 转诊), for a hotline agent."""
    township = catalogue.township(name) or catalogue.township(name.rstrip("镇乡"))
    if township is None:
        return None
    rule = catalogue.places["hospital_by_106"]
    notes = SourceNotes(catalogue)
    notes.add(rule.src)
    hospital = None
    if township.side in ("east", "west"):
        hospital = catalogue.places[rule.east if township.side == "east" else rule.west].name
        text = f"{township.name}：{SIDE_NAMES[township.side]} → {hospital}"
    elif township.side == "straddles":
        text = f"{township.name}：106国道从境内穿过，须问清住在国道以东还是以西（{rule.quote}）"
    else:
        text = f"{township.name}：位于国道哪一侧暂无资料，须问清住在国道以东还是以西（{rule.quote}）"
    if township.inferred:
        text += f"\n（侧别为推断：{township.basis}；非官方名单）"
    return {"township": township.name, "side": township.side, "inferred": township.inferred,
            "basis": township.basis, "hospital": hospital, "text": text + "\n" + notes.line()}


def transfer_end_notes(variant: Variant, notes: SourceNotes) -> List[str]:
    """Which end of a transfer does it ("向转入地医保经办机构申报"): the window given may not be the one
    a citizen moving away or moving in goes to."""
    out = []
    for step in variant.steps:
        if re.search("转出地|转入地", step.text):
            notes.add(step.src)
            out.append(f"注意：{step.text}")
    return out


def county_matters_at(catalogue: Catalogue, notes: SourceNotes, here: Callable[[Where], bool]) -> List[str]:
    """The 濮阳县 guide's matters done at a place (`here` picks its 办理地点 entries), each with the
    person types the entry is for, in catalogue order and once each."""
    names = []
    for matter in catalogue.matters:
        variant = matter.variants.get("puyang")
        for entry in (variant.where if variant else []):
            if here(entry):
                notes.add(entry.src)
                names.append(matter.name + (f"（{'、'.join(entry.for_)}）" if entry.for_ else ""))
    return list(dict.fromkeys(names))


def window_matters(catalogue: Catalogue, window: int) -> str:
    """What one window of 濮阳县行政服务大厅 handles ("69号窗口办啥"), from the 濮阳县 guide."""
    notes = SourceNotes(catalogue)
    lines = [f"  · {name}" for name in county_matters_at(catalogue, notes, lambda entry: window in entry.windows)]
    if not lines:
        return (f"濮阳县医保办事指南没有写明{window}号窗口办理哪项医保业务。您可以告诉我要办的业务，我告诉您去哪个窗口；"
                f"也可拨打濮阳县医保监督电话 {SUPERVISION_PHONE}。")
    return "\n".join([f"濮阳县行政服务大厅{window}号窗口办理：", *lines, notes.line(),
                      f"濮阳县医保监督电话：{SUPERVISION_PHONE}"])


def office_answer(catalogue: Catalogue, place_ids: List[str]) -> str:
    """Where an office is ("医疗服务部在哪") and what the 濮阳县 guide has done there, from the guide."""
    notes = SourceNotes(catalogue)
    lines = []
    for place_id in place_ids:
        place = catalogue.places[place_id]
        if place.kind == "hall":  # the guide gives its windows, not its address
            notes.add(place.src)
            windows = place.windows
            lines.append(f"{place.name}：办事指南没有写具体地址。大厅的医保窗口是{windows[0]}—{windows[-1]}号窗口，"
                         "各窗口办什么可以问我（比如“72号窗口办啥”）；有的业务不在大厅办理，告诉我要办什么，我告诉您去哪。")
            continue
        if place.address:
            notes.add(place.address.src)
            lines.append(f"{place.name}：{place.address.text}")
        else:
            lines.append(f"{place.name}：办事指南没有写具体地址。")
        handled = county_matters_at(catalogue, notes, lambda entry: place_id in entry.places)
        if handled:
            lines.append("  在这里办理：" + "、".join(handled))
    return "\n".join([*lines, notes.line(), f"濮阳县医保监督电话：{SUPERVISION_PHONE}"])


def fees_in_general(catalogue: Catalogue) -> Optional[str]:
    """"办这些业务要收钱不": the 河南省 2024 guide's 是否收费 of every matter it gives one for, when
    they all say 否; None otherwise (then each matter is asked about on its own)."""
    fees = [m.variants["henan2024"].fee for m in catalogue.matters
            if "henan2024" in m.variants and m.variants["henan2024"].fee]
    if not fees or not all(fee.text.startswith("否") for fee in fees):
        return None
    guide = catalogue.documents["002"].title
    return (f"《{guide}》写了是否收费的{len(fees)}项医保经办业务，写的都是“否”，即办理不收费"
            "（说的是办业务本身，不是医保费：缴多少医保费，办事指南没有写）。想确认哪一项，可以直接问我，比如“生育津贴收费吗”。\n"
            f"来源：《{guide}》各事项“是否收费”\n濮阳县医保监督电话：{SUPERVISION_PHONE}")
