"""The SQLite lock store that lets several Rasa worker processes share conversations: a real
file, real processes."""
import asyncio
import multiprocessing
from pathlib import Path

import pytest

from bot.lock_store import SQLiteLockStore


def _count_under_lock(db: str, counter: str, times: int) -> None:
    """Read, wait, write: without the lock, two processes lose each other's increments."""
    store = SQLiteLockStore(db=db)

    async def run() -> None:
        for _ in range(times):
            async with store.lock("web:shared", wait_time_in_seconds=0.005):
                value = int(Path(counter).read_text())
                await asyncio.sleep(0.002)
                Path(counter).write_text(str(value + 1))

    asyncio.run(run())


def test_two_processes_take_turns_on_one_conversation(tmp_path):
    db, counter = str(tmp_path / "locks.db"), tmp_path / "counter"
    counter.write_text("0")
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_count_under_lock, args=(db, str(counter), 40)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    assert counter.read_text() == "80"


def test_a_second_message_waits_for_the_first(tmp_path):
    first, second = SQLiteLockStore(db=str(tmp_path / "locks.db")), SQLiteLockStore(db=str(tmp_path / "locks.db"))
    order = []

    async def message(store, name, hold):
        async with store.lock("wechat:o1", wait_time_in_seconds=0.01):
            order.append(f"{name} starts")
            await asyncio.sleep(hold)
            order.append(f"{name} ends")

    async def run():
        one = asyncio.create_task(message(first, "one", 0.1))
        await asyncio.sleep(0.02)
        await message(second, "two", 0)
        await one

    asyncio.run(run())
    assert order == ["one starts", "one ends", "two starts", "two ends"]


def test_other_conversations_do_not_wait_and_locks_are_removed(tmp_path):
    store = SQLiteLockStore(db=str(tmp_path / "locks.db"))

    async def run():
        async with store.lock("a"):
            async with store.lock("b", wait_time_in_seconds=10):  # would wait 10 s if "a" blocked it
                assert store.get_lock("b") is not None

    asyncio.run(asyncio.wait_for(run(), timeout=5))
    assert store.get_lock("a") is None and store.get_lock("b") is None


def test_rasa_builds_it_from_endpoints_yml_and_allows_workers(tmp_path, monkeypatch):
    from rasa.core.lock_store import LockStore
    from rasa.core.utils import number_of_sanic_workers
    from rasa.utils.endpoints import EndpointConfig

    config = EndpointConfig(type="bot.lock_store.SQLiteLockStore", db=str(tmp_path / "locks.db"))
    store = LockStore.create(config)
    assert isinstance(store, SQLiteLockStore) and store.path == tmp_path / "locks.db"
    monkeypatch.setenv("SANIC_WORKERS", "2")
    assert number_of_sanic_workers(config) == 2
