"""The one material or note of a matter that a question asks about, with the real catalogue."""
import pytest

from bot.details import DetailFinder


@pytest.fixture(scope="module")
def finder(catalogue):
    return DetailFinder(catalogue)


@pytest.mark.parametrize("matter, question, begins", [
    ("referral_filing", "同一个病第二次再去住院 还得再开转诊单不", "异地转诊人员同一疾病过程多次在同一家定点医疗机构住院"),
    ("inpatient_reimbursement", "纸质发票丢了 只有电子发票中不", "收费票据提供电子发票或纸质票据均可以"),
    ("inpatient_reimbursement", "交警那个认定书还没下来咋办", "交通事故认定书"),
    ("inpatient_reimbursement", "娃住院的收据上名字跟医保上对不上 能报不", "需提供出生医学证明"),
    ("chronic_disease_certification", "俺闺女说在乡里卫生院就能办 是真的不", "高血压并发症"),
    ("inpatient_reimbursement", "诊断证明要盖章吗", "诊断证明和费用总清单需加盖就诊医疗机构专用章"),
])
def test_a_question_about_a_detail_finds_that_detail(catalogue, finder, matter, question, begins):
    fact = finder.detail_asked(catalogue.matter(matter), question)
    assert fact is not None and fact.text.startswith(begins)


@pytest.mark.parametrize("question", ["要带啥", "那要带什么材料", "多久能办好", "去哪办", "网上能办吗", "收费吗", "流程是啥"])
def test_an_ordinary_question_is_about_no_detail(catalogue, finder, question):
    for matter in ("inpatient_reimbursement", "chronic_disease_certification", "referral_filing"):
        assert finder.detail_asked(catalogue.matter(matter), question) is None


def test_not_yet_recognised_as_an_aid_recipient_finds_the_case_of_the_unrecognised(catalogue, finder):
    fact = finder.detail_asked(catalogue.matter("medical_aid_reimbursement"), "俺还没认定成救助对象呢")
    assert fact is not None and fact.when == "符合救助条件但未经认定的" and "医疗救助申请卡" in fact.text


def test_a_detail_no_material_or_note_answers_is_found_among_the_steps(catalogue):
    finder = DetailFinder(catalogue)
    published = finder.detail_asked(catalogue.matter("hospital_designation"), "结果公示几天")
    assert published is not None and "公示5个工作日" in published.text and published.src == "000/25/四"
    machine = finder.detail_asked(catalogue.matter("personal_enrollment_query"), "大厅有没有自助的机器 不想排队")
    assert machine is not None and "自助打印机" in machine.text


def test_a_step_repeating_the_place_or_the_time_limit_is_no_detail(catalogue):
    finder = DetailFinder(catalogue)
    assert finder.detail_asked(catalogue.matter("inpatient_reimbursement"),
                               "在乡镇卫生院住院的钱没结算上，报销去哪？", person_type="城乡居民") is None
    assert finder.detail_asked(catalogue.matter("maternity_allowance"), "俺咋听说河南省的是10个工作日", "henan2024") is None
