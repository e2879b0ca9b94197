"""Starts the action server, the NLU server (bot/nlu_server.py) and the Rasa server together,
waits until all answer, prints the addresses to open, and stops them all on Ctrl-C. Used by
`make run`, the end-to-end tests and the benchmark."""
from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

ROOT = Path(__file__).resolve().parent.parent
# TensorFlow in the Rasa server runs each message's few small operations on one thread: handing
# them between threads cost the server more CPU than it saved (5–9% of its CPU per message at
# 10 users, read from /proc around the benchmark's load). Set either variable to override.
RASA_TENSORFLOW_THREADS = {"TF_INTER_OP_PARALLELISM_THREADS": "1", "TF_INTRA_OP_PARALLELISM_THREADS": "1"}


def free_port() -> int:
    """A loopback port nothing listens on now, for a server only the launcher's others talk to."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, timeout: float, process: Optional[subprocess.Popen] = None) -> float:
    """Polls url until it answers 200; returns the seconds it took."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server behind {url} exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return time.monotonic() - start
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


@dataclass
class Servers:
    rasa_port: int = 5005
    actions_port: int = 5055
    nlu_port: int = 0  # bot/nlu_server.py on loopback; 0: a free port chosen at start
    model: Path = ROOT / "models"
    endpoints: Path = ROOT / "endpoints.yml"
    credentials: Path = ROOT / "credentials.yml"
    log_dir: Path = ROOT / "var" / "log"
    # Conversations (tracker.db) and, unless DATABASE_URL is set, filings (assistant.db).
    data_dir: Path = field(default_factory=lambda: Path(os.environ.get("DATA_DIR") or ROOT / "var"))
    processes: Dict[str, subprocess.Popen] = field(default_factory=dict)  # actions, nlu, rasa
    notes: List[str] = field(default_factory=list)  # what the person starting it should know
    extra_env: Dict[str, str] = field(default_factory=dict)  # settings for these servers only
    ready_seconds: float = 0.0

    @property
    def rest_url(self) -> str:
        return f"http://localhost:{self.rasa_port}/webhooks/rest/webhook"

    def _spawn(self, name: str, args: List[str], defaults: Optional[Dict[str, str]] = None,
               fixed: Optional[Dict[str, str]] = None) -> subprocess.Popen:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_dir / f"{name}.log", "ab")
        env = {**(defaults or {}), **os.environ, **self.extra_env, **(fixed or {}),
               "PYTHONPATH": str(ROOT), "DATA_DIR": str(self.data_dir)}
        process = subprocess.Popen(args, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env,
                                   start_new_session=True)
        self.processes[name] = process
        return process

    def _endpoints_for_ports(self, nlu_token: str) -> Path:
        """endpoints.yml with the action server and the NLU server at this run's ports."""
        import yaml

        config = yaml.safe_load(self.endpoints.read_text(encoding="utf-8"))
        config["action_endpoint"]["url"] = f"http://localhost:{self.actions_port}/webhook"
        config["nlu"] = {"url": f"http://127.0.0.1:{self.nlu_port}", "token": nlu_token}
        if config.get("tracker_store", {}).get("dialect") == "sqlite":
            config["tracker_store"]["db"] = str(self.data_dir / "tracker.db")
        path = ROOT / "var" / f"endpoints-{self.rasa_port}.yml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        return path

    def _credentials_for_env(self) -> Path:
        """credentials.yml less the WeChat channel while its settings are missing (said in notes)."""
        import yaml

        from channels.wechat_settings import missing_settings

        config = yaml.safe_load(self.credentials.read_text(encoding="utf-8")) or {}
        missing = missing_settings({**os.environ, **self.extra_env})
        if missing and "channels.wechat.WeChatInput" in config:
            del config["channels.wechat.WeChatInput"]
            self.notes.append("微信公众号通道未启用：缺少环境变量 " + "、".join(missing))
        path = ROOT / "var" / f"credentials-{self.rasa_port}.yml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        return path

    def start(self, timeout: float = 180) -> "Servers":
        from channels.agent_token import agent_token

        (ROOT / "var").mkdir(exist_ok=True)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.notes.clear()
        token, created = agent_token(self.data_dir)
        if created:
            self.notes.append(f"坐席控制台令牌（首次生成，保存在 {self.data_dir / 'agent_token'}）：{token}")
        self.nlu_port = self.nlu_port or free_port()
        nlu_token = secrets.token_urlsafe(16)  # only this run's Rasa server may ask it
        endpoints = self._endpoints_for_ports(nlu_token)
        credentials = self._credentials_for_env()
        bin_dir = Path(sys.executable).parent
        started = time.monotonic()
        actions = self._spawn("actions", [str(bin_dir / "python"), "-m", "rasa_sdk", "--actions", "actions",
                                          "--port", str(self.actions_port)])
        nlu = self._spawn("nlu", [str(bin_dir / "python"), "-m", "bot.nlu_server", "--model", str(self.model),
                                  "--port", str(self.nlu_port)], RASA_TENSORFLOW_THREADS, {"NLU_TOKEN": nlu_token})
        rasa = self._spawn("rasa", [str(bin_dir / "rasa"), "run", "--model", str(self.model),
                                    "--endpoints", str(endpoints), "--credentials", str(credentials),
                                    "--port", str(self.rasa_port), "--cors", "*"], RASA_TENSORFLOW_THREADS)
        try:
            wait_until_up(f"http://localhost:{self.actions_port}/health", timeout, actions)
            wait_until_up(f"http://127.0.0.1:{self.nlu_port}/health", timeout, nlu)
            wait_until_up(f"http://localhost:{self.rasa_port}/webhooks/rest/", timeout, rasa)
        except Exception:
            self.stop()
            raise
        self.ready_seconds = time.monotonic() - started
        return self

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.processes.clear()

    def __enter__(self) -> "Servers":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="run the assistant (action server + Rasa server)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 5005)))
    parser.add_argument("--actions-port", type=int, default=int(os.environ.get("ACTIONS_PORT", 5055)))
    args = parser.parse_args(argv)
    servers = Servers(rasa_port=args.port, actions_port=args.actions_port)
    print("正在启动医保办事指引助手（约需十几秒）…", flush=True)
    try:
        servers.start()
    except (RuntimeError, TimeoutError) as exc:
        print(f"启动失败: {exc}. 日志见 {servers.log_dir}", file=sys.stderr)
        return 1
    base = f"http://localhost:{args.port}/webhooks"
    print(f"已就绪（{servers.ready_seconds:.1f} 秒）。\n"
          f"  网页聊天:   {base}/widget/   （县网站嵌入 {base}/widget/widget.js）\n"
          f"  坐席控制台: {base}/agent/\n"
          f"  微信公众号: {base}/wechat/webhook\n"
          f"  REST 接口:  {servers.rest_url}\n"
          f"  日志:       {servers.log_dir}", flush=True)
    for note in servers.notes:
        print("  注意: " + note, flush=True)
    print("按 Ctrl-C 停止。", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        while all(p.poll() is None for p in servers.processes.values()):
            time.sleep(1)
        print("有一个服务意外退出，正在停止。日志见 var/log/", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        servers.stop()


if __name__ == "__main__":
    raise SystemExit(main())
