"""The conversation store on a real SQLite file: what a conversation said survives a
restart, a message that failed half-way is forgotten, and a new session is read as Rasa
reads it."""
import asyncio

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered

from bot.tracker_store import ConversationStore

DOMAIN = Domain.load("domain.yml")


def store(path):
    return ConversationStore(DOMAIN, dialect="sqlite", db=str(path))


def run(coroutine):
    return asyncio.run(coroutine)


def said(tracker):
    return [e.text for e in tracker.events if isinstance(e, UserUttered)]


def message(tracker, text):
    tracker.update(UserUttered(text))
    tracker.update(ActionExecuted("action_answer_guide"))
    tracker.update(ActionExecuted("action_listen"))


def first_message(conversations, sender, text):
    """A new conversation with one message saved, read back as the next message reads it."""
    tracker = run(conversations.get_or_create_tracker(sender))
    message(tracker, text)
    run(conversations.save(tracker))
    return run(conversations.retrieve(sender))


@pytest.fixture
def db(tmp_path):
    return tmp_path / "tracker.db"


def test_a_conversation_survives_a_restart_of_the_server(db):
    first = store(db)
    tracker = first_message(first, "web:1", "门诊报销去哪办")
    message(tracker, "那要带什么")
    tracker.update(SlotSet("person_type", "城镇职工"))
    run(first.save(tracker))

    restarted = run(store(db).retrieve("web:1"))
    assert said(restarted) == ["门诊报销去哪办", "那要带什么"]
    assert restarted.get_slot("person_type") == "城镇职工"
    # saved once each: nothing written twice
    assert len(restarted.events) == len(tracker.events)


def test_a_message_that_failed_half_way_is_not_remembered(db):
    conversations = store(db)
    tracker = first_message(conversations, "wx:2", "生育津贴在几号窗口")
    tracker.update(UserUttered("这句没存上"))  # the server failed before saving
    again = run(conversations.retrieve("wx:2"))
    assert said(again) == ["生育津贴在几号窗口"]
    message(again, "要带啥")
    run(conversations.save(again))
    assert said(run(store(db).retrieve("wx:2"))) == ["生育津贴在几号窗口", "要带啥"]


def test_a_new_session_is_read_back_as_rasa_reads_it(db):
    conversations = store(db)
    tracker = first_message(conversations, "web:3", "昨天问的")
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    tracker.update(ActionExecuted("action_listen"))
    message(tracker, "今天问的")
    run(conversations.save(tracker))
    tracker = run(conversations.retrieve("web:3"))  # as Rasa does at the next message
    message(tracker, "接着问")
    run(conversations.save(tracker))
    ours = run(conversations.retrieve("web:3"))
    fresh = run(store(db).retrieve("web:3"))
    assert said(ours) == said(fresh) == ["今天问的", "接着问"]
    everything = run(store(db).retrieve_full_tracker("web:3"))
    assert said(everything) == ["昨天问的", "今天问的", "接着问"]


def test_several_server_processes_read_the_database_every_time(db, monkeypatch):
    monkeypatch.setenv("SANIC_WORKERS", "2")
    one, other = store(db), store(db)
    tracker = run(one.get_or_create_tracker("web:4"))
    message(tracker, "转人工")
    run(one.save(tracker))
    seen_by_other = run(other.retrieve("web:4"))
    message(seen_by_other, "谢谢")
    run(other.save(seen_by_other))
    assert said(run(one.retrieve("web:4"))) == ["转人工", "谢谢"]


def stored_rows(conversations, sender):
    """The events table as Rasa's other tools (rasa export, analytics) read it."""
    with conversations.session_scope() as session:
        query = session.query(conversations.SQLEvent).filter_by(sender_id=sender).order_by(conversations.SQLEvent.id)
        return [(e.type_name, e.intent_name, e.action_name, e.timestamp, e.data) for e in query]


def test_the_rows_written_are_the_rows_rasas_own_store_writes(tmp_path):
    from rasa.core.tracker_store import SQLTrackerStore

    ours = store(tmp_path / "ours.db")
    rasas = SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "rasa.db"))
    for conversations in (ours, rasas):
        tracker = run(conversations.get_or_create_tracker("web:5"))
        message(tracker, "门诊报销去哪办")
        run(conversations.save(tracker))
        tracker = run(conversations.retrieve("web:5"))
        tracker.update(UserUttered("俺是职工", parse_data={"intent": {"name": "inform", "confidence": 0.9}},
                                   timestamp=1700000000.0), DOMAIN)
        tracker.update(SlotSet("person_type", "城镇职工", timestamp=1700000001.0))
        tracker.update(ActionExecuted("action_answer_guide", timestamp=1700000002.0))
        run(conversations.save(tracker))
    ours_rows, rasas_rows = stored_rows(ours, "web:5"), stored_rows(rasas, "web:5")
    assert [r[:3] for r in ours_rows] == [r[:3] for r in rasas_rows]
    assert ours_rows[-3:] == rasas_rows[-3:]
    assert ("user", "inform", None) in [r[:3] for r in ours_rows]
    assert ("action", None, "action_answer_guide") in [r[:3] for r in ours_rows]


def start_session(tracker):
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    tracker.update(ActionExecuted("action_listen"))


def as_dicts(tracker):
    return [e.as_dict() for e in tracker.events]


def test_a_new_conversation_is_read_back_as_rasa_reads_it_without_the_database(db):
    from sqlalchemy import event

    conversations = store(db)
    tracker = run(conversations.get_or_create_tracker("web:6"))
    start_session(tracker)
    run(conversations.save(tracker))  # Rasa saves once the session has started
    message(tracker, "门诊报销去哪办")
    tracker.update(SlotSet("person_type", "城镇职工"))
    run(conversations.save(tracker))
    queries = []
    event.listen(conversations.engine, "before_cursor_execute", lambda *args: queries.append(args[2]))
    ours = run(conversations.retrieve("web:6"))
    assert queries == []
    fresh = run(store(db).retrieve("web:6"))
    assert as_dicts(ours) == as_dicts(fresh) and said(ours) == ["门诊报销去哪办"]
    assert ours.get_slot("person_type") == "城镇职工"
    message(ours, "要带啥")
    run(conversations.save(ours))
    assert said(run(store(db).retrieve_full_tracker("web:6"))) == ["门诊报销去哪办", "要带啥"]



def test_a_new_conversation_created_through_rasas_wrapper_is_saved_and_read_back_without_counting(db):
    # The server reaches the store through Rasa's wrapper (rasa.core.tracker_store.create_tracker_store),
    # whose own create_tracker makes the tracker: the first save writes its events without
    # counting the rows, and the next message reads the conversation without a query.
    from rasa.core.tracker_store import AwaitableTrackerStore
    from sqlalchemy import event

    conversations = store(db)
    wrapped = AwaitableTrackerStore(conversations)
    queries = []
    event.listen(conversations.engine, "before_cursor_execute", lambda *args: queries.append(args[2]))
    tracker = run(wrapped.get_or_create_tracker("web:7"))
    message(tracker, "门诊报销去哪办")
    run(wrapped.save(tracker))
    again = run(wrapped.get_or_create_tracker("web:7"))
    assert [q.split()[0] for q in queries] == ["SELECT", "INSERT", "INSERT"]  # looked for once, then written
    assert said(again) == ["门诊报销去哪办"]
    assert as_dicts(again) == as_dicts(run(store(db).retrieve("web:7")))
