"""Rasa's SQL tracker store with SQLite set up for a busy single server: connections kept
open in a pool (SQLAlchemy 1.4 opens a new one per session for a SQLite file), write-ahead
log, and no fsync on every commit (a crash may lose the last moments of a conversation,
never corrupt it). Other databases are used exactly as Rasa's own store uses them."""
from __future__ import annotations

from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy import create_engine, event
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class ConversationStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            url = self.engine.url
            self.engine.dispose()
            self.engine = create_engine(url, poolclass=QueuePool, pool_size=2,
                                        connect_args={"check_same_thread": False})
            event.listen(self.engine, "connect", _sqlite_pragmas)
            self.sessionmaker = sessionmaker(bind=self.engine)
