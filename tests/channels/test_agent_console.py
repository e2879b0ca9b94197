"""The hotline agent console over real HTTP: refused without the token, a lookup that finds
matters as the agent types, the township → hospital lookup, the filings and callback queues."""
import json
import urllib.error
import urllib.parse
import urllib.request
from datetime import date
from http.cookiejar import CookieJar

import pytest
from conftest import AGENT_TOKEN

from bot.records import FilingDraft
from bot.working_days import DueDate

pytestmark = pytest.mark.servers
ID = "11010519491231002X"


def call(servers, path, token=AGENT_TOKEN, data=None, opener=None, origin=None):
    """(status, JSON body) of an agent API call."""
    headers = {"Content-Type": "application/json"}
    if origin:
        headers["Origin"] = origin
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(f"{servers.base}/agent/{path}", headers=headers,
                                     data=json.dumps(data).encode() if data is not None else None)
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.mark.parametrize("path", ["lookup?q=%E9%97%A8%E8%AF%8A", "filings", "filings/YB2345AB", "callbacks",
                                  "hospital?township=%E6%96%87%E7%95%99"])
def test_nothing_is_served_without_the_token(servers, path):
    assert call(servers, path, token=None)[0] == 401
    assert call(servers, path, token="wrong-token")[0] == 401


def test_other_websites_cannot_use_the_console_even_with_the_token(servers):
    assert call(servers, "filings", origin="https://county-site.example")[0] == 403
    assert call(servers, "filings", origin=f"http://localhost:{servers.rasa_port}")[0] == 200


def test_the_page_asks_to_sign_in_and_a_wrong_token_is_refused(servers):
    with urllib.request.urlopen(f"{servers.base}/agent/", timeout=10) as response:
        assert "访问令牌" in response.read().decode()
    form = urllib.parse.urlencode({"token": "guess"}).encode()
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(urllib.request.Request(f"{servers.base}/agent/login", data=form), timeout=10)
    assert refused.value.code == 401 and "令牌不正确" in refused.value.read().decode()


def test_signing_in_opens_the_console_with_a_session_cookie(servers):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    form = urllib.parse.urlencode({"token": AGENT_TOKEN}).encode()
    with opener.open(urllib.request.Request(f"{servers.base}/agent/login", data=form), timeout=10) as response:
        assert "事项查询" in response.read().decode()  # redirected to the console itself
    status, body = call(servers, "lookup?q=" + urllib.parse.quote("生孩子报销"), token=None, opener=opener)
    assert status == 200 and body["results"]


def test_lookup_finds_the_matter_and_its_card(servers):
    status, body = call(servers, "lookup?q=" + urllib.parse.quote("生育津贴"))
    assert status == 200
    top = body["results"][0]
    assert top["name"] == "生育津贴支付" and "68号窗口" in top["card"] and "0393-8669566" in top["card"]
    assert "来源：" in top["card"]
    _, typed = call(servers, "lookup?q=mzbx")  # pinyin initials as typed on a hotline keyboard
    assert typed["results"][0]["id"] == "outpatient_reimbursement"


def test_lookup_card_is_filtered_by_person_type(servers):
    query = urllib.parse.urlencode({"q": "职工参保登记", "person_type": "灵活就业人员"})
    _, body = call(servers, "lookup?" + query)
    assert "灵活就业人员" in body["results"][0]["card"] and "加盖单位公章" not in body["results"][0]["card"]


def test_township_to_hospital(servers):
    _, east = call(servers, "hospital?township=" + urllib.parse.quote("柳屯"))
    assert east["hospital"] == "濮阳县人民医院" and east["inferred"] is True and "推断" in east["text"]
    _, west = call(servers, "hospital?township=" + urllib.parse.quote("子岸镇"))
    assert west["hospital"] == "濮阳县中医院"
    status, _ = call(servers, "hospital?township=" + urllib.parse.quote("火星镇"))
    assert status == 404


def test_filings_queue_is_masked_until_a_record_is_opened_and_status_changes(servers):
    filing = servers.records.create_filing(FilingDraft(
        sender_id="agent-test", matter_id="maternity_allowance", matter_name="生育津贴支付", applicant_name="赵敏",
        id_number=ID, phone="13937112345"), "agent-test-token-1")
    _, queue = call(servers, "filings?status=submitted")
    row = next(f for f in queue["filings"] if f["reference"] == filing.reference)
    assert row["id_number"] == "1101**********002X" and row["phone"] == "139****2345"
    assert ID not in json.dumps(queue)
    _, opened = call(servers, f"filings/{filing.reference}")
    assert opened["id_number"] == ID and opened["phone"] == "13937112345"
    status, changed = call(servers, f"filings/{filing.reference}/status", data={"status": "accepted"})
    assert status == 200 and changed["status_label"] == "已受理"
    assert servers.records.filing(filing.reference).status == "accepted"
    assert call(servers, f"filings/{filing.reference}/status", data={"status": "lost"})[0] == 400


def test_callback_queue_lists_bad_reviews_by_due_date(servers):
    review = servers.records.create_review("agent-test", "不满意", subject="72号窗口", comment="态度差",
                                           phone="13900001111", due=DueDate(date(2026, 11, 24), "chinese_calendar"))
    _, queue = call(servers, "callbacks")
    row = next(r for r in queue["callbacks"] if r["id"] == review.id)
    assert row["callback_due"] == "2026-11-24" and row["phone"] == "13900001111"
    status, _ = call(servers, f"callbacks/{review.id}/status", data={"status": "called"})
    assert status == 200
    _, pending = call(servers, "callbacks")
    assert review.id not in [r["id"] for r in pending["callbacks"]]
