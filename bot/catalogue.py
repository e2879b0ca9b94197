"""The catalogue: typed model of knowledge/*.yml and a loader that validates on load.

Any problem (a missing field, an unknown place, a window outside 68–74, a citation of a
document that does not exist) raises CatalogueError naming the file and the record.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional

import yaml
from pydantic import BaseModel, Field, ValidationError, root_validator, validator

from bot.sources import Citation

KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"

REGIONS = {
    "puyang": "濮阳县",
    "henan2024": "河南省2024年版",
    "pingdingshan": "平顶山市",
    "generic": "通用公共服务事项指南",
}
DEFAULT_REGION = "puyang"
PERSON_TYPES = ("城镇职工", "在职职工", "灵活就业人员", "城乡居民", "单位", "医药机构")
# 在职职工 and 灵活就业人员 are both 城镇职工: a fact for 城镇职工 applies to them too.
PERSON_TYPE_PARENT = {"在职职工": "城镇职工", "灵活就业人员": "城镇职工"}
ONLINE_PLATFORMS = ("政务服务平台", "河南省医疗保障公共服务平台", "“河南医保”小程序", "国家医保服务平台",
                    "国家异地就医备案小程序", "国务院客户端小程序")
HALL_WINDOWS = range(68, 75)
SIDES = ("east", "west", "straddles", "unknown")
CHANNELS = ("线下", "线上")  # some time limits differ between on-site and online handling


class CatalogueError(ValueError):
    pass


class Strict(BaseModel):
    class Config:
        extra = "forbid"
        allow_population_by_field_name = True
        frozen = True


def _check_person_types(values: List[str]) -> List[str]:
    for value in values:
        if value not in PERSON_TYPES:
            raise ValueError(f"unknown person type {value!r}; use one of {', '.join(PERSON_TYPES)}")
    return values


def _check_citation(value: str) -> str:
    Citation.parse(str(value))
    return str(value)


class Fact(Strict):
    text: str
    src: str
    for_: List[str] = Field(default_factory=list, alias="for")
    when: Optional[str] = None

    _src = validator("src", allow_reuse=True, pre=True)(_check_citation)
    _for = validator("for_", allow_reuse=True)(_check_person_types)

    @validator("text", pre=True)
    def _text_is_string(cls, value):  # YAML reads 0393-8669566 as a string but 30 as an int
        return str(value)

    def applies_to(self, person_type: Optional[str]) -> bool:
        return _applies(self.for_, person_type)


def _applies(for_: List[str], person_type: Optional[str]) -> bool:
    if not for_ or person_type is None:
        return True
    if person_type in for_ or PERSON_TYPE_PARENT.get(person_type) in for_:
        return True
    # 城镇职工 covers both its kinds (在职职工, 灵活就业人员); a 单位 files for its 在职职工 (000/2/四
    # "单位或个人向医保经办机构申报").
    return any(PERSON_TYPE_PARENT.get(kind) == person_type for kind in for_) or (
        person_type == "单位" and "在职职工" in for_)


class TimeLimit(Fact):
    working_days: Dict[str, int] = Field(default_factory=dict)

    @validator("working_days")
    def _keys(cls, value):
        for key, days in value.items():
            if key not in ("all", *CHANNELS):
                _check_person_types([key])
            if days < 0:
                raise ValueError("working days cannot be negative")
        return value

    def days_for(self, person_type: Optional[str]) -> Optional[int]:
        if "all" in self.working_days:
            return self.working_days["all"]
        if person_type in self.working_days:
            return self.working_days[person_type]
        return None


class Where(Strict):
    places: List[str]
    quote: str
    src: str
    windows: List[int] = Field(default_factory=list)
    for_: List[str] = Field(default_factory=list, alias="for")
    when: Optional[str] = None

    _src = validator("src", allow_reuse=True, pre=True)(_check_citation)
    _for = validator("for_", allow_reuse=True)(_check_person_types)

    @root_validator(pre=True)
    def _one_place(cls, values):
        if "place" in values:  # `place: hall` is shorthand for `places: [hall]`
            values = dict(values)
            values["places"] = [values.pop("place")]
        return values

    @validator("windows", each_item=True)
    def _window_in_hall(cls, value):
        if value not in HALL_WINDOWS:
            raise ValueError(f"window {value} is outside the 医保 windows 68–74")
        return value

    def applies_to(self, person_type: Optional[str]) -> bool:
        return _applies(self.for_, person_type)


class OnlineChannel(Strict):
    platform: str
    steps: List[str]
    src: str
    for_: List[str] = Field(default_factory=list, alias="for")

    _src = validator("src", allow_reuse=True, pre=True)(_check_citation)
    _for = validator("for_", allow_reuse=True)(_check_person_types)

    def applies_to(self, person_type: Optional[str]) -> bool:
        return _applies(self.for_, person_type)

    @validator("platform")
    def _known_platform(cls, value):
        if value not in ONLINE_PLATFORMS:
            raise ValueError(f"unknown platform {value!r}; use one of {', '.join(ONLINE_PLATFORMS)}")
        return value


class Variant(Strict):
    item: str
    serves: Optional[Fact] = None
    handled_by: Optional[Fact] = None
    level: Optional[Fact] = None
    where: List[Where] = Field(default_factory=list)
    steps: List[Fact] = Field(default_factory=list)
    online: List[OnlineChannel] = Field(default_factory=list)
    materials: List[Fact] = Field(default_factory=list)
    notes: List[Fact] = Field(default_factory=list)
    time_limit: Optional[TimeLimit] = None
    fee: Optional[Fact] = None
    phone: Optional[Fact] = None
    complaint: List[Fact] = Field(default_factory=list)
    query: List[Fact] = Field(default_factory=list)

    _item = validator("item", allow_reuse=True, pre=True)(_check_citation)

    @property
    def doc(self) -> str:
        return Citation.parse(self.item).doc


class Matter(Strict):
    id: str
    name: str
    aliases: List[str]
    variants: Dict[str, Variant]
    main_item: Optional[Fact] = None
    item_code: Optional[Fact] = None
    # A case the 平顶山 list gives a row of its own (平顶山市城镇职工重症病鉴定): its code, with its "when".
    sub_item_codes: List[Fact] = Field(default_factory=list)
    legal_basis: List[Fact] = Field(default_factory=list)

    @validator("aliases")
    def _enough_aliases(cls, value):
        if len(value) < 5:
            raise ValueError(f"needs at least 5 aliases, has {len(value)}")
        return value

    @validator("variants")
    def _known_regions(cls, value):
        for region in value:
            if region not in REGIONS:
                raise ValueError(f"unknown region {region!r}; use one of {', '.join(REGIONS)}")
        if not value:
            raise ValueError("has no variant")
        return value

    @property
    def default_region(self) -> str:
        """濮阳县 where the county guide has the matter, else the first guide that does."""
        return DEFAULT_REGION if DEFAULT_REGION in self.variants else next(iter(self.variants))

    def variant(self, region: Optional[str] = None) -> Variant:
        return self.variants.get(region or "", self.variants[self.default_region])


class Place(Strict):
    id: str
    kind: str
    name: str
    src: Optional[str] = None
    address: Optional[Fact] = None
    windows: List[int] = Field(default_factory=list)
    east: Optional[str] = None
    west: Optional[str] = None
    quote: Optional[str] = None


class Township(Strict):
    name: str
    side: str
    inferred: bool
    basis: str
    aliases: List[str] = Field(default_factory=list)

    @validator("side")
    def _known_side(cls, value):
        if value not in SIDES:
            raise ValueError(f"side must be one of {', '.join(SIDES)}, not {value!r}")
        return value


class Document(Strict):
    id: str
    file: str
    title: str
    region: str
    items: str
    parts: str


class Catalogue:
    def __init__(self, matters: List[Matter], places: List[Place], townships: List[Township],
                 documents: List[Document]):
        self.matters = matters
        self.places = {p.id: p for p in places}
        self.townships = townships
        self.documents = {d.id: d for d in documents}
        self._by_id = {m.id: m for m in matters}

    def matter(self, matter_id: str) -> Matter:
        return self._by_id[matter_id]

    def has_matter(self, matter_id: str) -> bool:
        return matter_id in self._by_id

    def window_matters(self, window: int) -> List[Matter]:
        """Matters the 濮阳县 guide sends to this hall window."""
        return [m for m in self.matters if DEFAULT_REGION in m.variants
                and any(window in w.windows for w in m.variants[DEFAULT_REGION].where)]

    def township(self, name: str) -> Optional[Township]:
        for township in self.townships:
            if name in (township.name, *township.aliases):
                return township
        return None

    def citation_label(self, src: str) -> str:
        """'000/17/三' -> '《濮阳县医疗保障经办政务服务事项办事指南》第17项 三'."""
        citation = Citation.parse(src)
        title = f"《{self.documents[citation.doc].title}》"
        if citation.doc == "001":
            item = f"第{citation.item}号流程图"
        elif citation.doc == "004":
            item = f"第{citation.item}行"
        elif citation.item.isdigit():
            item = f"第{citation.item}项"
        else:
            item = f"“{citation.item}”"
        return title + " ".join(p for p in (item, citation.part) if p)


def _read_yaml(path: Path):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CatalogueError(f"{path}: not valid YAML: {exc}") from exc


def _parse(model, data, where: str):
    try:
        return model.parse_obj(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise CatalogueError(f"{where}: {problems}") from exc


def load_document_index(knowledge_dir: Path = KNOWLEDGE_DIR) -> Dict[str, str]:
    data = _read_yaml(knowledge_dir / "sources.yml")
    return {str(d["id"]): d["file"] for d in data["documents"]}


def load_catalogue(knowledge_dir: Path = KNOWLEDGE_DIR) -> Catalogue:
    knowledge_dir = Path(knowledge_dir)
    documents = [_parse(Document, d, f"{knowledge_dir / 'sources.yml'} document {d.get('id')}")
                 for d in _read_yaml(knowledge_dir / "sources.yml")["documents"]]
    places = [_parse(Place, p, f"{knowledge_dir / 'places.yml'} place {p.get('id')}")
              for p in _read_yaml(knowledge_dir / "places.yml")["places"]]
    townships = [_parse(Township, t, f"{knowledge_dir / 'townships.yml'} township {t.get('name')}")
                 for t in _read_yaml(knowledge_dir / "townships.yml")["townships"]]
    matters, files = [], []
    for path in sorted((knowledge_dir / "matters").glob("*.yml")):
        data = _read_yaml(path)
        if not isinstance(data, dict):
            raise CatalogueError(f"{path}: expected one matter record")
        matters.append(_parse(Matter, data, f"{path} matter {data.get('id')}"))
        files.append(path)
    catalogue = Catalogue(matters, places, townships, documents)
    _cross_check(catalogue, knowledge_dir, files)
    return catalogue


def _citations(matter: Matter):
    for fact in (matter.main_item, matter.item_code, *matter.sub_item_codes, *matter.legal_basis):
        if fact:
            yield fact.src
    for variant in matter.variants.values():
        yield variant.item
        for fact in (variant.serves, variant.handled_by, variant.level, variant.time_limit,
                     variant.fee, variant.phone):
            if fact:
                yield fact.src
        for group in (variant.where, variant.steps, variant.online, variant.materials,
                      variant.notes, variant.complaint, variant.query):
            for entry in group:
                yield entry.src


def _cross_check(catalogue: Catalogue, knowledge_dir: Path, files: List[Path]) -> None:
    seen: Dict[str, str] = {}
    for matter, path in zip(catalogue.matters, files):
        where = f"{path} matter {matter.id}"
        if matter.id in seen:
            raise CatalogueError(f"{where}: id used twice")
        seen[matter.id] = matter.name
        for src in _citations(matter):
            if Citation.parse(src).doc not in catalogue.documents:
                raise CatalogueError(f"{where}: cites {src}, but there is no source document "
                                     f"{Citation.parse(src).doc!r} in sources.yml")
        for region, variant in matter.variants.items():
            region_doc = {d.region: d.id for d in catalogue.documents.values()}
            if variant.doc not in {d.id for d in catalogue.documents.values() if d.region == region}:
                raise CatalogueError(f"{where}: the {region} variant describes {variant.item}, "
                                     f"which is not a {region} document ({region_doc.get(region)})")
            for entry in variant.where:
                for place in entry.places:
                    if place not in catalogue.places:
                        raise CatalogueError(f"{where}: {region} where: unknown place {place!r}")
                if entry.windows and entry.places != ["hall"]:
                    raise CatalogueError(f"{where}: {region} where: window numbers belong to the hall")
        puyang = matter.variants.get(DEFAULT_REGION)
        if puyang:
            for field in ("where", "materials", "time_limit", "phone"):
                if not getattr(puyang, field):
                    raise CatalogueError(f"{where}: the 濮阳县 variant has no {field}")
    for place in catalogue.places.values():
        for target in (place.east, place.west):
            if target and target not in catalogue.places:
                raise CatalogueError(f"{knowledge_dir / 'places.yml'} place {place.id}: unknown place {target!r}")
    names = [n for t in catalogue.townships for n in (t.name, *t.aliases)]
    if len(names) != len(set(names)):
        raise CatalogueError(f"{knowledge_dir / 'townships.yml'}: a township name or alias is used twice")


@lru_cache(maxsize=None)
def default_catalogue() -> Catalogue:
    """The project's catalogue, loaded once per process on first use (not at import)."""
    return load_catalogue(KNOWLEDGE_DIR)
