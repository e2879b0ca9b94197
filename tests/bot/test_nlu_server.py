"""The NLU server: its own process on loopback, asked by the Rasa server with a token, and a
message it does not answer is still read and answered (the real servers over real HTTP)."""
import json
import os
import signal
import urllib.error
import urllib.request

import pytest
import yaml

from bot.launcher import ROOT, Servers

pytestmark = pytest.mark.servers


def post(url, payload):
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def say(servers, sender, text):
    return "\n".join(reply.get("text", "") for reply in post(servers.rest_url, {"sender": sender, "message": text}))


@pytest.fixture(scope="module")
def own_servers(tmp_path_factory):
    """Servers of this module's own, since one test stops their NLU server; logging everything."""
    running = Servers(rasa_port=5109, actions_port=5159, data_dir=tmp_path_factory.mktemp("data"),
                      log_dir=tmp_path_factory.mktemp("log"), extra_env={"LOG_LEVEL": "DEBUG"}).start()
    yield running
    running.stop()


def test_the_nlu_server_reads_a_message_only_for_the_rasa_server_that_holds_its_token(own_servers):
    parse = f"http://127.0.0.1:{own_servers.nlu_port}/model/parse"
    with pytest.raises(urllib.error.HTTPError) as refused:
        post(parse, {"text": "门诊报销去哪办", "token": "a guess"})
    assert refused.value.code == 401
    # The token is made at each start and written only into the Rasa server's endpoints.
    endpoints = yaml.safe_load((ROOT / "var" / f"endpoints-{own_servers.rasa_port}.yml").read_text(encoding="utf-8"))
    assert endpoints["nlu"]["url"] == f"http://127.0.0.1:{own_servers.nlu_port}"
    token = endpoints["nlu"]["token"]
    parsed = post(parse, {"text": "门诊报销去哪办", "token": token})
    assert parsed["intent"]["name"] == "ask_where"
    assert [e["value"] for e in parsed["entities"] if e["entity"] == "matter"] == ["门诊报销"]


def test_the_nlu_server_listens_on_loopback_only(own_servers):
    with open("/proc/net/tcp", encoding="ascii") as table:
        listening = [line.split()[1] for line in table.readlines()[1:] if line.split()[3] == "0A"]
    ours = [address for address in listening if int(address.split(":")[1], 16) == own_servers.nlu_port]
    assert ours == ["0100007F:" + format(own_servers.nlu_port, "04X")]


def test_the_nlu_server_s_log_has_id_numbers_and_phones_masked_even_at_debug_level(own_servers):
    say(own_servers, "nlu-log", "我想预约办生育津贴")
    say(own_servers, "nlu-log", "王秀兰")
    say(own_servers, "nlu-log", "11010519491231002X")
    say(own_servers, "nlu-log", "13937112345")
    log = (own_servers.log_dir / "nlu.log").read_text(encoding="utf-8")
    assert log.count("processor.message.parse") >= 4  # every message is logged at this level
    assert "11010519491231002X" not in log and "13937112345" not in log
    assert "1101**********002X" in log and "139****2345" in log


def test_a_citizen_is_answered_after_the_nlu_server_stopped(own_servers):
    assert "门诊费用报销" in say(own_servers, "nlu-down", "门诊报销去哪办")
    nlu = own_servers.processes["nlu"]
    os.killpg(nlu.pid, signal.SIGKILL)
    nlu.wait(timeout=10)
    answer = say(own_servers, "nlu-down", "我是城乡居民")
    assert "门诊费用报销" in answer and "参保地乡镇卫生院医保科" in answer
    answer = say(own_servers, "nlu-down-2", "生育津贴在几号窗口")
    assert "68号窗口" in answer
