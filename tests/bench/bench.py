"""`make bench`: the real servers, real HTTP through the REST channel.

Prints training time, time from start to ready, p50/p95 latency per message and messages
per second for 1 and 10 concurrent users, and the servers' memory. Figures only; no
pass/fail: targets are read by people, not asserted in tests.
"""
from __future__ import annotations

import argparse
import asyncio
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import List

import aiohttp

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from bot.launcher import Servers  # noqa: E402

# A fixed set of conversations as citizens type them, replayed in order by every user.
CONVERSATIONS: List[List[str]] = [
    ["你好", "门诊报销去哪办", "/inform{\"person_type\": \"城镇职工\"}", "那要带什么材料", "多久能办好", "谢谢"],
    ["生育津贴在几号窗口", "要带啥", "网上能办吗"],
    ["俺是梨园乡的，办慢病去哪个医院", "/inform{\"person_type\": \"城乡居民\"}", "再见"],
    ["异地长期居住备案怎么办", "收费吗", "不是，我问的是异地安置备案"],
    ["住院报销", "/inform{\"person_type\": \"城乡居民\"}", "公积金怎么提取", "转人工"],
    ["换工作了医保怎么转过去", "流程是啥", "依据是什么文件"],
    ["我想预约办生育津贴", "王秀兰", "11010519491231002X", "13937112345", "没有", "确认提交", "我的预约怎么样了"],
]
# What a hotline agent types into the console's search box, keystroke by keystroke.
AGENT_QUERIES = ["门", "门诊", "门诊报", "门诊报销", "mz", "mzbx", "生育", "生育津贴去哪办", "异地", "异地安置",
                 "慢性病认定要什么材料", "zybx", "转移接续", "新生儿参保"]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


async def user(session: aiohttp.ClientSession, url: str, name: str, rounds: int, latencies: List[float]):
    for r in range(rounds):
        for c, conversation in enumerate(CONVERSATIONS):
            sender = f"{name}-{r}-{c}"
            for text in conversation:
                start = time.perf_counter()
                async with session.post(url, json={"sender": sender, "message": text}) as response:
                    await response.read()
                    if response.status != 200:
                        raise RuntimeError(f"HTTP {response.status} for {text!r}")
                latencies.append((time.perf_counter() - start) * 1000)


async def load(url: str, users: int, rounds: int):
    latencies: List[float] = []
    async with aiohttp.ClientSession() as session:
        await user(session, url, "warmup", 1, [])
        start = time.perf_counter()
        await asyncio.gather(*(user(session, url, f"u{u}", rounds, latencies) for u in range(users)))
        elapsed = time.perf_counter() - start
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    return statistics.median(latencies), p95, len(latencies) / elapsed, len(latencies)


async def agent_lookups(base: str, token: str, rounds: int):
    """Client-side latency of the console's lookup API, and the server's own figure."""
    client, server = [], []
    headers = {"Authorization": f"Bearer {token}"}
    async with aiohttp.ClientSession(headers=headers) as session:
        for _ in range(rounds):
            for query in AGENT_QUERIES:
                start = time.perf_counter()
                async with session.get(f"{base}/agent/lookup", params={"q": query}) as response:
                    body = await response.json()
                client.append((time.perf_counter() - start) * 1000)
                server.append(body["elapsed_ms"])
    client.sort()
    server.sort()
    return (statistics.median(client), client[int(len(client) * 0.95) - 1], statistics.median(server),
            server[int(len(server) * 0.95) - 1], len(client))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5, help="times each user replays the conversations")
    parser.add_argument("--skip-training", action="store_true")
    args = parser.parse_args()
    python = Path(sys.executable)
    if not args.skip_training:
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            subprocess.run([str(python.parent / "rasa"), "train", "--force", "--out", out, "--quiet"],
                           cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            print(f"training time (rasa train --force):  {time.perf_counter() - start:6.1f} s")
    token = secrets.token_urlsafe(12)
    data_dir = Path(tempfile.mkdtemp(prefix="assistant-bench-"))
    servers = Servers(rasa_port=5205, actions_port=5255, data_dir=data_dir,
                      extra_env={"AGENT_TOKEN": token}).start()
    try:
        print(f"start to ready (all three servers): {servers.ready_seconds:6.1f} s")
        for users in (1, 10):
            p50, p95, rate, count = asyncio.run(load(servers.rest_url, users, args.rounds))
            print(f"{users:2d} user(s): {count:4d} messages  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
                  f"{rate:6.1f} messages/s")
        c50, c95, s50, s95, count = asyncio.run(
            agent_lookups(f"http://localhost:{servers.rasa_port}/webhooks", token, args.rounds))
        print(f"agent lookup: {count:4d} queries  p50 {c50:5.1f} ms  p95 {c95:5.1f} ms over HTTP "
              f"(server p50 {s50:.1f} ms, p95 {s95:.1f} ms)")
        memory = {name: rss_mb(process.pid) for name, process in servers.processes.items()}
        print(f"memory: Rasa server {memory['rasa']:.0f} MB, NLU server {memory['nlu']:.0f} MB, "
              f"action server {memory['actions']:.0f} MB, together {sum(memory.values()):.0f} MB")
    finally:
        servers.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
