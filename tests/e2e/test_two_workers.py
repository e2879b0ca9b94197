"""SANIC_WORKERS=2: two Rasa server processes on one port share the conversations (SQLite
tracker store, bot/lock_store.py). Several citizens fill in filings at once; each message may
land in either process, and each citizen's form must go on where it stopped."""
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from test_filing_and_review import ID, say

from bot.launcher import Servers
from bot.records import Records, make_engine

pytestmark = pytest.mark.servers
NAMES = ["王秀兰", "张晓明", "李建国", "赵丽娟", "刘志强", "陈美玲"]


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory):
    # No WeChat settings: the WeChat channel keeps a server to one process.
    servers = Servers(rasa_port=5305, actions_port=5355, data_dir=tmp_path_factory.mktemp("data"),
                      extra_env={"SANIC_WORKERS": "2", "AGENT_TOKEN": "agent-console-test-token"})
    servers.start()
    yield servers
    servers.stop()


def rasa_processes(servers):
    """The Rasa server's processes: Sanic's main process and its workers."""
    main = servers.processes[1].pid
    with open(f"/proc/{main}/task/{main}/children") as children:
        return [main] + [int(p) for p in children.read().split()]


def file_one(servers, n):
    sender = f"two-workers-{n}"
    name = NAMES[n]
    steps = [("我想预约办城乡居民参保", "姓名"), (name, "身份证"), (ID, "手机"), (f"139371123{n:02d}", "备注"),
             ("没有", name)]
    for text, expected in steps:
        reply = say(servers, sender, text)
        assert expected in reply, (sender, text, reply)
    stored = say(servers, sender, "确认提交")
    return sender, name, re.search(r"编号 (YB\w{6})", stored).group(1)


def test_two_processes_serve_and_concurrent_forms_go_on(two_workers):
    assert len(rasa_processes(two_workers)) >= 3  # the main process and two workers
    store = Records(make_engine(f"sqlite:///{two_workers.data_dir / 'assistant.db'}"))
    with ThreadPoolExecutor(max_workers=len(NAMES)) as pool:
        results = list(pool.map(lambda n: file_one(two_workers, n), range(len(NAMES))))
    for sender, name, reference in results:
        filings = store.filings_of(sender)
        assert [f.reference for f in filings] == [reference]
        assert filings[0].applicant_name == name
