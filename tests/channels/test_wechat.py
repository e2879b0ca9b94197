"""The WeChat official account channel over real HTTP, with messages built and signed by
wechatpy as WeChat builds them; WeChat's own API is faked on loopback (tests/fake_wechat_api.py)."""
import hashlib
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
from conftest import WECHAT, start_servers
from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto

pytestmark = pytest.mark.servers
TOKEN = WECHAT["WECHAT_TOKEN"]
CRYPTO = WeChatCrypto(TOKEN, WECHAT["WECHAT_AES_KEY"], WECHAT["WECHAT_APPID"])


def signature(timestamp, nonce, token=TOKEN):
    return hashlib.sha1("".join(sorted([token, timestamp, nonce])).encode()).hexdigest()


def text_xml(openid, content, msg_id=None):
    return (f"<xml><ToUserName><![CDATA[gh_puyang]]></ToUserName><FromUserName><![CDATA[{openid}]]></FromUserName>"
            f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            f"<Content><![CDATA[{content}]]></Content><MsgId>{msg_id or uuid.uuid4().int % 10**18}</MsgId></xml>")


def event_xml(openid, event):
    return (f"<xml><ToUserName><![CDATA[gh_puyang]]></ToUserName><FromUserName><![CDATA[{openid}]]></FromUserName>"
            f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
            f"<Event><![CDATA[{event}]]></Event></xml>")


def image_xml(openid):
    return (f"<xml><ToUserName><![CDATA[gh_puyang]]></ToUserName><FromUserName><![CDATA[{openid}]]></FromUserName>"
            f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[image]]></MsgType>"
            f"<PicUrl><![CDATA[http://127.0.0.1/a.jpg]]></PicUrl><MediaId><![CDATA[m1]]></MediaId>"
            f"<MsgId>{uuid.uuid4().int % 10**18}</MsgId></xml>")


def post(servers, body, signed=True, safe=False, query=None):
    """(status, body) of one delivery as WeChat makes it."""
    timestamp, nonce = str(int(time.time())), uuid.uuid4().hex[:10]
    params = {"timestamp": timestamp, "nonce": nonce, "openid": "x"}
    params["signature"] = signature(timestamp, nonce) if signed else "0" * 40
    data = body
    if safe:
        encrypted = CRYPTO.encrypt_message(body, nonce, timestamp)
        params.update(encrypt_type="aes", msg_signature=parse_message_signature(encrypted))
        data = encrypted
    params.update(query or {})
    url = f"{servers.base}/wechat/webhook?" + urllib.parse.urlencode(params)
    request = urllib.request.Request(url, data=data.encode() if isinstance(data, str) else data,
                                     headers={"Content-Type": "text/xml"})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, response.read().decode(), (timestamp, nonce)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), (timestamp, nonce)


def parse_message_signature(encrypted_xml):
    start = encrypted_xml.index("<MsgSignature><![CDATA[") + len("<MsgSignature><![CDATA[")
    return encrypted_xml[start:encrypted_xml.index("]]>", start)]


def reply_text(xml):
    return parse_message(xml).content


def test_url_verification_echoes_only_with_the_right_signature(servers):
    timestamp, nonce = "1700000000", "n0nce"
    good = urllib.parse.urlencode({"signature": signature(timestamp, nonce), "timestamp": timestamp,
                                   "nonce": nonce, "echostr": "echo-123"})
    with urllib.request.urlopen(f"{servers.base}/wechat/webhook?{good}", timeout=10) as response:
        assert response.read().decode() == "echo-123"
    bad = good.replace(signature(timestamp, nonce), signature(timestamp, nonce, token="other"))
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{servers.base}/wechat/webhook?{bad}", timeout=10)
    assert refused.value.code == 403


def test_a_post_with_a_wrong_or_missing_signature_is_refused(servers):
    status, _, _ = post(servers, text_xml("o-forged", "你好"), signed=False)
    assert status == 403
    request = urllib.request.Request(f"{servers.base}/wechat/webhook", data=text_xml("o-forged", "你好").encode())
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403


def test_a_text_question_gets_a_passive_answer(servers):
    status, body, _ = post(servers, text_xml("o-plain-1", "生育津贴去哪办"))
    assert status == 200
    answer = reply_text(body)
    assert "68号窗口" in answer and "0393-8669566" in answer
    assert parse_message(body).target == "o-plain-1"


def test_safe_mode_messages_are_decrypted_and_the_answer_encrypted(servers):
    status, body, (timestamp, nonce) = post(servers, text_xml("o-safe-1", "你好"), safe=True)
    assert status == 200 and "<Encrypt>" in body and "医保" not in body
    decrypted = CRYPTO.decrypt_message(body, parse_message_signature(body), timestamp, nonce)
    assert "医保办事指引助手" in reply_text(decrypted)


def test_buttons_become_a_numbered_list_and_a_number_chooses(servers):
    _, body, _ = post(servers, text_xml("o-buttons-1", "门诊报销去哪里办"))
    listed = reply_text(body)
    assert "回复数字选择" in listed and "1. 城镇职工" in listed and "2. 城乡居民" in listed
    _, body, _ = post(servers, text_xml("o-buttons-1", "2"))
    chosen = reply_text(body)
    assert "城乡居民" in chosen and "乡镇卫生院" in chosen


def test_a_form_goes_on_across_messages_from_the_same_follower(servers):
    openid = "o-filing-1"
    assert "姓名" in reply_text(post(servers, text_xml(openid, "帮我预约生育津贴"))[1])
    assert "身份证" in reply_text(post(servers, text_xml(openid, "王秀兰"))[1])


def test_subscribing_gets_the_welcome_menu_and_pictures_get_a_polite_request(servers):
    _, body, _ = post(servers, event_xml("o-new-1", "subscribe"))
    assert "医保办事指引助手" in reply_text(body)
    _, body, _ = post(servers, image_xml("o-new-1"))
    assert "文字" in reply_text(body)
    status, body, _ = post(servers, event_xml("o-new-1", "unsubscribe"))
    assert status == 200 and body == "success"


def test_a_retried_message_is_answered_once(servers):
    openid, msg_id = "o-retry-1", 880000000000001
    first = reply_text(post(servers, text_xml(openid, "帮我预约生育津贴", msg_id))[1])
    assert "姓名" in first
    status, body, _ = post(servers, text_xml(openid, "帮我预约生育津贴", msg_id))
    assert status == 200 and body == "success"
    # Had the retry reached the assistant it would have been taken as the applicant's name.
    assert "身份证" in reply_text(post(servers, text_xml(openid, "王秀兰"))[1])


@pytest.mark.parametrize("body", [
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
    "<xml><Content>&lol2;</Content></xml>",
    "<xml><ToUserName>gh</ToUserName><FromUserName>",
    "not xml at all",
])
def test_entity_bombs_and_malformed_xml_get_400(servers, body):
    status, _, _ = post(servers, body)
    assert status == 400
    assert "68号窗口" in reply_text(post(servers, text_xml("o-after-bomb", "生育津贴去哪办"))[1])


@pytest.fixture(scope="module")
def slow_servers(tmp_path_factory, fake_wechat):
    """Servers whose answers never arrive within the passive-reply time: every answer goes
    through the customer-service message API."""
    running = start_servers(tmp_path_factory, fake_wechat, 5107, 5157, WECHAT_PASSIVE_TIMEOUT="0")
    yield running
    running.stop()


def wait_for(condition, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_slow_answers_reply_success_and_arrive_by_the_customer_service_api(slow_servers, fake_wechat):
    import concurrent.futures
    openids = [f"o-slow-{n}" for n in range(5)]
    before = fake_wechat.token_requests
    with concurrent.futures.ThreadPoolExecutor(5) as pool:
        results = list(pool.map(lambda o: post(slow_servers, text_xml(o, "生育津贴去哪办")), openids))
    assert all(status == 200 and body == "success" for status, body, _ in results)
    assert wait_for(lambda: all(fake_wechat.messages_to(o) for o in openids))
    assert all("68号窗口" in fake_wechat.messages_to(o)[0] for o in openids)
    assert fake_wechat.token_requests - before == 1  # one token for all concurrent senders
    # WeChat invalidates the token: the next send fetches a new one once and still arrives.
    fake_wechat.expire_tokens()
    post(slow_servers, text_xml("o-slow-after-expiry", "你好"))
    assert wait_for(lambda: fake_wechat.messages_to("o-slow-after-expiry"))
    assert fake_wechat.token_requests - before == 2


def test_long_answers_are_split_within_wechat_message_size(slow_servers, fake_wechat):
    post(slow_servers, text_xml("o-long-1", "都能办哪些业务"))
    assert wait_for(lambda: len(fake_wechat.messages_to("o-long-1")) >= 1)
    time.sleep(1)
    assert all(len(m.encode("utf-8")) <= 2048 for m in fake_wechat.messages_to("o-long-1"))
