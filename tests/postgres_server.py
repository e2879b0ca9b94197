"""A throwaway PostgreSQL server on loopback for the storage tests (Debian's postgresql).

It runs from a temporary data directory and is stopped and removed afterwards. As root
(as in CI) the server runs as the `postgres` user, since PostgreSQL refuses to run as root.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from typing import Iterator, List


def postgres_bin() -> str:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise RuntimeError("PostgreSQL is not installed: `apt-get install postgresql` "
                           "(make test installs it when run as root)")
    return os.path.dirname(found[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(command: List[str]) -> List[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def running_postgres() -> Iterator[str]:
    """Yields a SQLAlchemy URL of a fresh, empty database."""
    bindir = postgres_bin()
    folder = tempfile.mkdtemp(prefix="assistant-pg-")
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, port = os.path.join(folder, "data"), free_port()
    subprocess.run(_as_server_user([f"{bindir}/initdb", "-D", data, "-A", "trust", "-U", "assistant",
                                    "-E", "UTF8", "--locale=C"]), check=True, capture_output=True)
    subprocess.run(_as_server_user([f"{bindir}/pg_ctl", "-D", data, "-l", os.path.join(folder, "log"), "-w",
                                    "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1", "start"]),
                   check=True, capture_output=True)
    try:
        deadline = time.time() + 30
        while subprocess.run([f"{bindir}/pg_isready", "-h", "127.0.0.1", "-p", str(port)],
                             capture_output=True).returncode != 0:
            if time.time() > deadline:
                raise RuntimeError("PostgreSQL did not start")
            time.sleep(0.2)
        yield f"postgresql://assistant@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_server_user([f"{bindir}/pg_ctl", "-D", data, "-m", "fast", "stop"]),
                       capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
