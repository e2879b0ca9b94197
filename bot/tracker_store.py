"""Rasa's SQL tracker store, set up for the embedded default (one server, one SQLite file).

- Connections kept open in a pool (SQLAlchemy 1.4 opens a new one per session for a SQLite
  file), write-ahead log, and no fsync on every commit (a crash may lose the last moments of
  a conversation, never corrupt it).
- Recent conversations kept in memory: Rasa reads a conversation back from the database at
  every message and counts its stored events before every save, about a quarter of the
  server's time. A SQLite file belongs to one server process, so what that process saved
  last is what the database holds. A tracker that gained events it never saved (a message
  that failed half-way) is read again from the database.

Other databases may be shared by several servers, so they are used exactly as Rasa's own
store uses them, without the memory.
"""
from __future__ import annotations

import itertools
import json
import os
from collections import OrderedDict
from typing import Any, Iterator, List, Optional, Text, Tuple

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, event
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool

RECENT_CONVERSATIONS = 2000


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _one_server_process() -> bool:
    return os.environ.get("SANIC_WORKERS", "1").strip() in ("", "1")


class ConversationStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # sender id -> (tracker, number of its events the database holds)
        self._recent: Optional["OrderedDict[Text, Tuple[DialogueStateTracker, int]]"] = None
        if self.engine.dialect.name == "sqlite":
            url = self.engine.url
            self.engine.dispose()
            self.engine = create_engine(url, poolclass=QueuePool, pool_size=2,
                                        connect_args={"check_same_thread": False})
            event.listen(self.engine, "connect", _sqlite_pragmas)
            self.sessionmaker = sessionmaker(bind=self.engine)
            # An event broker is sent what the database lacks, which Rasa finds by reading
            # the conversation back: with a broker, conversations are read back as Rasa does.
            if _one_server_process() and self.event_broker is None:
                self._recent = OrderedDict()

    def _stored_count(self, tracker: DialogueStateTracker) -> Optional[int]:
        """How many of this tracker's events the database holds, when this very tracker is the
        one remembered (another copy of the conversation is counted from the database), or
        when the conversation was just looked for and the database held none of it."""
        entry = self._recent.get(tracker.sender_id) if self._recent is not None else None
        return entry[1] if entry and (entry[0] is tracker or entry[0] is None) else None

    def _remember(self, tracker: DialogueStateTracker) -> None:
        self._remember_as(tracker.sender_id, tracker, len(tracker.events))

    def _remember_as(self, sender_id: Text, tracker: Optional[DialogueStateTracker], stored: int) -> None:
        self._recent[sender_id] = (tracker, stored)
        self._recent.move_to_end(sender_id)
        while len(self._recent) > RECENT_CONVERSATIONS:
            self._recent.popitem(last=False)

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        if self._recent is None:
            return await super().retrieve(sender_id)
        entry = self._recent.get(sender_id)
        if entry is not None:
            tracker, stored = entry
            if tracker is None:
                return None  # looked for just before, and nothing of it has been saved since
            if len(tracker.events) == stored:
                tracker = self._latest_session(tracker)
                self._remember(tracker)
                return tracker
            del self._recent[sender_id]
        tracker = await super().retrieve(sender_id)
        # A conversation the database holds nothing of: Rasa creates its tracker next (through
        # its own wrapper of this store), and that tracker's events are saved without counting
        # the rows first, and read back at the next message without a query.
        self._remember_as(sender_id, tracker, len(tracker.events) if tracker else 0)
        return tracker

    def _latest_session(self, tracker: DialogueStateTracker) -> DialogueStateTracker:
        """The tracker as Rasa's store reads it back: only the events from the latest
        SessionStarted on, selected by timestamp as its query selects them. A tracker that
        started a session in memory (every new conversation does) is cut here instead of
        being read from the database again."""
        starts = [e.timestamp for e in tracker.events if isinstance(e, SessionStarted)]
        if not starts:
            return tracker
        latest = [e for e in tracker.events if e.timestamp >= max(starts)]
        if len(latest) == len(tracker.events):
            return tracker
        # Through JSON, as the rows come back: no event object is shared with the old tracker.
        return DialogueStateTracker.from_dict(tracker.sender_id, [json.loads(json.dumps(e.as_dict())) for e in latest],
                                              self.domain.slots)

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        stored = self._stored_count(tracker)
        if stored is None or stored > len(tracker.events):
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, stored, len(tracker.events))

    def _insert(self, sender_id: Text, events: List[Event]) -> None:
        """The rows Rasa's save writes, in one INSERT for all of them instead of one ORM
        object each (the ORM's bookkeeping was a tenth of the server's time under load)."""
        rows = []
        for new_event in events:
            data = new_event.as_dict()
            rows.append({"sender_id": sender_id, "type_name": new_event.type_name,
                         "timestamp": data.get("timestamp"),
                         "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                         "action_name": data.get("name"), "data": json.dumps(data)})
        if rows:
            with self.session_scope() as session:
                session.execute(self.SQLEvent.__table__.insert(), rows)
                session.commit()

    async def save(self, tracker: DialogueStateTracker) -> None:
        if self._recent is None:
            return await super().save(tracker)
        stored = self._stored_count(tracker)
        known = stored is not None and stored <= len(tracker.events)
        new_events = list(itertools.islice(tracker.events, stored, len(tracker.events))) if known else []
        try:
            if known:
                self._insert(tracker.sender_id, new_events)
            else:
                await super().save(tracker)
        except Exception:
            self._recent.pop(tracker.sender_id, None)
            raise
        if known:
            self._remember(tracker)
        else:
            self._recent.pop(tracker.sender_id, None)
