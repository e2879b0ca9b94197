"""A filing, a status query and reviews through the real servers over HTTP, checked in the
database the action server wrote to."""
import json
import re
import urllib.request

import pytest


pytestmark = pytest.mark.servers
ID = "11010519491231002X"


def say(servers, sender, text):
    request = urllib.request.Request(servers.rest_url, data=json.dumps({"sender": sender, "message": text}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        replies = json.loads(response.read())
    # What the citizen sees: the texts and the titles of the buttons under them.
    return "\n".join(r.get("text", "") + "".join(f" [{b['title']}]" for b in r.get("buttons", []))
                     for r in replies)


def test_a_filing_is_read_back_masked_stored_once_and_its_status_told(servers):
    sender = "e2e-filing"
    assert "姓名" in say(servers, sender, "我想预约办城乡居民参保")
    assert "身份证" in say(servers, sender, "王秀兰")
    assert "手机" in say(servers, sender, ID)
    assert "备注" in say(servers, sender, "13937112345")
    read_back = say(servers, sender, "没有")
    assert "城乡居民参保登记" in read_back and "1101**********002X" in read_back and ID not in read_back
    stored = say(servers, sender, "确认提交")
    reference = re.search(r"编号 (YB\w{6})", stored).group(1)
    assert "73、74号窗口" in stored and "有效身份证件" in stored and "0393-8669566" in stored
    again = say(servers, sender, "确认提交")
    assert reference not in again and "编号" not in again
    assert [f.reference for f in servers.records.filings_of(sender)] == [reference]
    assert "已提交" in say(servers, sender, "我的预约怎么样了")
    # Someone else needs the last four digits of the ID number.
    assert "后四位" in say(servers, "e2e-stranger", f"查进度 {reference}")
    assert "不符" in say(servers, "e2e-stranger", f"查进度 {reference} 1234")
    assert "已提交" in say(servers, "e2e-stranger", f"查进度 {reference} 002X")


def test_bad_values_are_explained_and_cancel_stores_nothing(servers):
    sender = "e2e-cancel"
    say(servers, sender, "帮我预约生育津贴")
    say(servers, sender, "李四")
    reply = say(servers, sender, "110105194912310021")
    assert "校验码" in reply and "身份证" in reply
    assert "已取消" in say(servers, sender, "算了")
    assert servers.records.filings_of(sender) == []


def test_a_bad_review_asks_for_a_phone_and_queues_a_callback(servers):
    sender = "e2e-bad-review"
    assert "哪项业务或哪个窗口" in say(servers, sender, "我要评价")
    assert "非常不满意" in say(servers, sender, "72号窗口")
    assert "跳过" in say(servers, sender, "非常不满意")
    assert "手机" in say(servers, sender, "排队太久了")
    done = say(servers, sender, "13937112345")
    assert "1个工作日内" in done and "139****2345" in done
    (review,) = servers.records.reviews_of(sender)
    assert review.negative and review.callback_status == "pending" and review.callback_due is not None
    assert review.subject == "72号窗口" and review.comment == "排队太久了"


def test_a_good_review_is_thanked_and_needs_no_callback(servers):
    sender = "e2e-good-review"
    say(servers, sender, "给你们评价一下")
    say(servers, sender, "跳过")
    say(servers, sender, "非常满意")
    assert "谢谢" in say(servers, sender, "没有")
    (review,) = servers.records.reviews_of(sender)
    assert review.level == "非常满意" and not review.negative and review.callback_due is None
