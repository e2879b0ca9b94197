"""The catalogue against the seed documents: complete, cited, and right where it matters most."""
import re
import shutil
from pathlib import Path

import pytest
import yaml

from bot.catalogue import KNOWLEDGE_DIR, SIDES, CatalogueError, load_catalogue
from bot.seed_check import check_catalogue
from bot.sources import normalize


def seed000_titles(seeds):
    """Item number -> matter name, read from the headings of seed 000 itself."""
    titles = {}
    for number, lines in seeds.items("000").items():
        titles[number] = re.sub(r"^\s*\d+\s*[、.]\s*", "", lines[0]).strip()
    return titles


def test_every_matter_of_the_county_guide_is_in_the_catalogue(catalogue, seeds):
    titles = seed000_titles(seeds)
    assert len(titles) == 28
    described = {m.variants["puyang"].item: m for m in catalogue.matters if "puyang" in m.variants}
    for number, title in titles.items():
        assert f"000/{number}" in described, f"seed 000 item {number} {title} has no record"
        name = normalize(described[f"000/{number}"].name)
        # Item 9's heading says 支付 where the other guides say 支取: both name the same matter.
        assert name == normalize(title) or name.replace("支取", "支付") == normalize(title)


@pytest.mark.parametrize("name", ["其他临时外出就医人员备案",
                                  "符合资助条件的救助对象参加城乡居民基本医疗保险个人缴费补贴",
                                  "异地就医直接结算问题协调服务"])
def test_matters_only_other_guides_have_are_there(catalogue, name):
    assert name in {m.name for m in catalogue.matters}


def test_every_fact_occurs_in_the_section_it_cites(catalogue, seeds):
    problems = check_catalogue(catalogue, seeds)
    assert problems == [], "\n".join(problems)


def test_every_county_matter_is_complete(catalogue):
    for matter in catalogue.matters:
        assert len(set(matter.aliases)) >= 5, matter.id
        if "puyang" not in matter.variants:
            continue
        variant = matter.variants["puyang"]
        assert matter.item_code, f"{matter.id} has no national item code"
        assert variant.serves and variant.where and variant.materials and variant.time_limit, matter.id
        assert variant.phone.text == "0393-8669566", matter.id
        assert variant.steps, f"{matter.id} has no process steps"


def test_online_paths_come_from_the_provincial_guide(catalogue):
    with_online = [m for m in catalogue.matters if m.variants.get("henan2024") and m.variants["henan2024"].online]
    assert len(with_online) >= 10
    resident = catalogue.matter("resident_enrollment").variants["henan2024"]
    platforms = {c.platform for c in resident.online}
    assert {"政务服务平台", "河南省医疗保障公共服务平台", "“河南医保”小程序"} <= platforms


def windows(catalogue, matter_id, person_type=None):
    variant = catalogue.matter(matter_id).variants["puyang"]
    return sorted({w for e in variant.where if e.applies_to(person_type) for w in e.windows})


# Expected windows typed from seed 000 section 三 of each item, not from the catalogue.
@pytest.mark.parametrize("matter_id,person_type,expected", [
    ("unit_enrollment", None, [72]),
    ("employee_enrollment", None, [72]),
    ("resident_enrollment", None, [73, 74]),
    ("unit_info_change", None, [73, 74]),
    ("personal_enrollment_query", "城镇职工", [72]),
    ("personal_enrollment_query", "城乡居民", [73, 74]),
    ("outpatient_reimbursement", "城镇职工", [70]),
    ("inpatient_reimbursement", "城镇职工", [70]),
    ("chronic_disease_certification", "城镇职工", [69]),
    ("maternity_allowance", None, [68]),
    ("prenatal_checkup_payment", None, [68]),
    ("maternity_lump_sum", None, [68]),
])
def test_windows_match_the_county_guide(catalogue, matter_id, person_type, expected):
    assert windows(catalogue, matter_id, person_type) == expected


def test_residents_reimburse_at_the_township_clinic(catalogue):
    variant = catalogue.matter("outpatient_reimbursement").variants["puyang"]
    places = [p for e in variant.where if e.applies_to("城乡居民") for p in e.places]
    assert places == ["township_clinic"]


def test_regions_that_disagree_are_kept_apart(catalogue):
    withdrawal = catalogue.matter("personal_account_withdrawal")
    assert withdrawal.variants["puyang"].time_limit.text == "即时办理"
    assert "15" in withdrawal.variants["henan2024"].time_limit.text
    assert withdrawal.variants["henan2024"].time_limit.working_days == {"all": 15}


def test_window_71_has_no_matter_in_the_county_guide(catalogue):
    assert catalogue.window_matters(71) == []
    assert {m.id for m in catalogue.window_matters(68)} >= {"maternity_allowance", "maternity_lump_sum"}


def test_township_table_covers_every_township(catalogue):
    names = {"城关镇", "柳屯镇", "文留镇", "庆祖镇", "八公桥镇", "徐镇镇", "户部寨镇", "鲁河镇", "子岸镇",
             "胡状镇", "王称堌镇", "梁庄镇", "清河头乡", "白堽乡", "梨园乡", "五星乡", "郎中乡", "海通乡",
             "渠村乡", "习城乡"}
    assert names <= {t.name for t in catalogue.townships}
    for township in catalogue.townships:
        assert township.side in SIDES and township.basis
    assert catalogue.township("王称固").name == "王称堌镇"
    assert catalogue.township("八公桥镇").side == "straddles"


# --- the loader refuses a broken catalogue, naming the file and the record -----------

@pytest.fixture
def knowledge_copy(tmp_path):
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    return target


def edit_matter(folder: Path, filename: str, change):
    path = folder / "matters" / filename
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize("change,message", [
    (lambda d: d.pop("name"), "name"),
    (lambda d: d["variants"]["puyang"]["where"][0].update(windows=[75]), "window 75"),
    (lambda d: d["variants"]["puyang"]["where"][0].update(place="nowhere"), "unknown place 'nowhere'"),
    (lambda d: d["variants"]["puyang"]["time_limit"].update(src="009/17/六"), "no source document '009'"),
    (lambda d: d["variants"]["puyang"].pop("time_limit"), "no time_limit"),
    (lambda d: d.update(aliases=["门诊报销"]), "at least 5 aliases"),
])
def test_loader_names_file_and_record_of_a_broken_matter(knowledge_copy, change, message):
    edit_matter(knowledge_copy, "17_outpatient_reimbursement.yml", change)
    with pytest.raises(CatalogueError) as error:
        load_catalogue(knowledge_copy)
    assert "17_outpatient_reimbursement.yml" in str(error.value)
    assert "outpatient_reimbursement" in str(error.value)
    assert message in str(error.value)


def test_seed_check_catches_a_wrong_window_and_time_limit(knowledge_copy, seeds):
    def change(data):
        data["variants"]["puyang"]["where"][0].update(windows=[72], quote="城镇职工办理地址在濮阳县行政服务大厅72号窗口办理")
        data["variants"]["puyang"]["time_limit"].update(text="不超过20个工作日", working_days={"all": 20})
    edit_matter(knowledge_copy, "17_outpatient_reimbursement.yml", change)
    problems = check_catalogue(load_catalogue(knowledge_copy), seeds)
    assert any("72" in p and "puyang.where" in p for p in problems)
    assert any("不超过20个工作日" in p for p in problems)
