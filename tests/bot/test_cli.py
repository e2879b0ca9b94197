"""`python -m bot lookup` as a hotline agent uses it."""
import subprocess
import sys


def lookup(*args):
    return subprocess.run([sys.executable, "-m", "bot", "lookup", *args], capture_output=True, text=True,
                          timeout=60)


def test_lookup_prints_the_card_of_the_best_matter():
    result = lookup("生于津贴去哪办")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("【生育津贴支付】（濮阳县）")
    assert "濮阳县行政服务大厅68号窗口" in out
    assert "不超过20个工作日" in out
    assert "0393-8669566" in out
    assert "来源：《濮阳县医疗保障经办政务服务事项办事指南》第22项" in out


def test_lookup_filters_materials_by_person_type():
    worker = lookup("职工参保登记", "--person-type", "在职职工").stdout
    flexible = lookup("职工参保登记", "--person-type", "灵活就业人员").stdout
    assert "加盖单位公章" in worker and "加盖单位公章" not in flexible.split("申办材料")[1].split("办理时限")[0]


def test_lookup_answers_from_another_region_when_asked():
    out = lookup("个人账户一次性支取", "--region", "henan2024").stdout
    assert "（河南省2024年版）" in out and "不超过15个工作日" in out


def test_lookup_of_nothing_known_says_so_in_chinese():
    result = lookup("今天天气怎么样")
    assert result.returncode == 1
    assert "没有找到" in result.stdout and "0393-8669566" in result.stdout
