"""What the launcher gives the processes it starts."""
import sys

from bot.launcher import RASA_TENSORFLOW_THREADS, Servers

SHOW = "import os; print(os.environ.get('TF_INTRA_OP_PARALLELISM_THREADS'), os.environ['DATA_DIR'])"


def spawned_output(tmp_path, defaults):
    servers = Servers(data_dir=tmp_path / "data", log_dir=tmp_path / "log")
    servers._spawn("show", [sys.executable, "-c", SHOW], defaults).wait(timeout=30)
    return (tmp_path / "log" / "show.log").read_text().split()


def test_the_rasa_server_runs_tensorflow_on_one_thread_unless_the_operator_says_otherwise(tmp_path, monkeypatch):
    monkeypatch.delenv("TF_INTRA_OP_PARALLELISM_THREADS", raising=False)
    assert spawned_output(tmp_path, RASA_TENSORFLOW_THREADS) == ["1", str(tmp_path / "data")]
    monkeypatch.setenv("TF_INTRA_OP_PARALLELISM_THREADS", "2")
    assert spawned_output(tmp_path, RASA_TENSORFLOW_THREADS)[-2:] == ["2", str(tmp_path / "data")]
