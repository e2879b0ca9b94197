"""Rasa's conversation locks in an SQLite file, so that several Sanic workers (SANIC_WORKERS)
can serve one assistant without a Redis server.

Rasa serialises the messages of one conversation with a ticket lock: a message takes a
ticket, waits until its ticket is served, and hands the lock on when done. Its in-memory
store only works within one process, and Rasa refuses more than one worker with it. Here the
lock of a conversation is a row, and every change to it (take a ticket, finish one) is one
write transaction, so two processes never hand out the same ticket.

endpoints.yml:
    lock_store:
      type: bot.lock_store.SQLiteLockStore
      db: var/locks.db
"""
from __future__ import annotations

import json
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional, Text

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore
from rasa.utils.endpoints import EndpointConfig


class SQLiteLockStore(LockStore):
    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, db: Optional[Text] = None) -> None:
        # Rasa builds a custom lock store from endpoints.yml as cls(endpoint_config=…)
        self.path = Path(db or (endpoint_config.kwargs.get("db") if endpoint_config else None) or "var/locks.db")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()  # one connection per thread; sqlite3's are not shared
        with self._transaction() as connection:
            connection.execute("CREATE TABLE IF NOT EXISTS locks (conversation_id TEXT PRIMARY KEY, lock TEXT NOT NULL)")

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            # autocommit mode: transactions are begun explicitly below
            connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")  # a lock outlives no crash anyway
            self._local.connection = connection
        return connection

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: the other processes wait (busy timeout) until it ends."""
        connection = self._connection()
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    @staticmethod
    def _read(connection: sqlite3.Connection, conversation_id: Text) -> Optional[TicketLock]:
        row = connection.execute("SELECT lock FROM locks WHERE conversation_id = ?", (conversation_id,)).fetchone()
        return TicketLock.from_dict(json.loads(row[0])) if row else None

    @staticmethod
    def _write(connection: sqlite3.Connection, lock: TicketLock) -> None:
        connection.execute("INSERT OR REPLACE INTO locks (conversation_id, lock) VALUES (?, ?)",
                           (lock.conversation_id, lock.dumps()))

    def get_lock(self, conversation_id: Text) -> Optional[TicketLock]:
        return self._read(self._connection(), conversation_id)

    def delete_lock(self, conversation_id: Text) -> None:
        with self._transaction() as connection:
            connection.execute("DELETE FROM locks WHERE conversation_id = ?", (conversation_id,))

    def save_lock(self, lock: TicketLock) -> None:
        with self._transaction() as connection:
            self._write(connection, lock)

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            with self._transaction() as connection:
                lock = self._read(connection, conversation_id) or self.create_lock(conversation_id)
                ticket = lock.issue_ticket(lock_lifetime)
                self._write(connection, lock)
            return ticket
        except sqlite3.Error as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: Text) -> None:
        with self._transaction() as connection:
            lock = self._read(connection, conversation_id)
            if lock:
                lock.remove_expired_tickets()
                self._write(connection, lock)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        """Finish the ticket, and remove the lock when nobody else is waiting, in one transaction."""
        with self._transaction() as connection:
            lock = self._read(connection, conversation_id)
            if lock is None:
                return
            lock.remove_ticket_for(ticket_number)
            if lock.is_someone_waiting():
                self._write(connection, lock)
            else:
                connection.execute("DELETE FROM locks WHERE conversation_id = ?", (conversation_id,))

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        with self._transaction() as connection:
            lock = self._read(connection, conversation_id)
            if lock:
                lock.remove_ticket_for(ticket_number)
                self._write(connection, lock)
