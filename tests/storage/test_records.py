"""Filings and reviews stored through SQLAlchemy: each test runs on SQLite and on a real
PostgreSQL server (tests/postgres_server.py)."""
import re
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.records import Filing, FilingDraft, Review
from bot.status import check_status
from bot.working_days import DueDate

ID = "11010519491231002X"


def draft(sender="wx-openid-1", **changes):
    values = dict(sender_id=sender, matter_id="outpatient_reimbursement", matter_name="门诊费用报销",
                  applicant_name="张三", id_number=ID, phone="13937112345", person_type="城乡居民")
    values.update(changes)
    return FilingDraft(**values)


def count(records, model):
    with Session(records.engine) as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_a_filing_gets_a_short_unambiguous_reference(records):
    filing = records.create_filing(draft(), "token-1")
    assert re.fullmatch(r"YB[2-9A-HJKMNP-Z]{6}", filing.reference)
    stored = records.filing(filing.reference.lower())  # typed in lower case still found
    assert stored.applicant_name == "张三" and stored.status == "submitted"


def test_confirming_the_same_read_back_twice_stores_one_filing(records):
    first = records.create_filing(draft(), "token-same")
    second = records.create_filing(draft(), "token-same")
    assert first.reference == second.reference and count(records, Filing) == 1


def test_references_are_unique(records):
    references = {records.create_filing(draft(), f"token-{n}").reference for n in range(40)}
    assert len(references) == 40


def test_a_failed_write_leaves_no_partial_row(records):
    with pytest.raises(Exception):
        records.create_filing(draft(applicant_name=None), "token-broken")
    assert count(records, Filing) == 0


def test_status_changes_are_kept(records):
    filing = records.create_filing(draft(), "token-s")
    records.set_filing_status(filing.reference, "accepted")
    assert records.filing(filing.reference).status == "accepted"
    with pytest.raises(ValueError):
        records.set_filing_status(filing.reference, "lost")


def test_status_is_told_to_the_same_conversation(records):
    filing = records.create_filing(draft(), "token-a")
    reply = check_status(records, "wx-openid-1", f"查进度 {filing.reference}")
    assert "已提交" in reply and "门诊费用报销" in reply
    assert filing.reference in check_status(records, "wx-openid-1", "我的预约怎么样了")


def test_status_for_someone_else_needs_the_last_four_id_digits(records):
    filing = records.create_filing(draft(), "token-b")
    asked = check_status(records, "someone-else", f"查进度 {filing.reference}")
    assert "后四位" in asked and "已提交" not in asked
    wrong = check_status(records, "someone-else", f"查进度 {filing.reference} 1234")
    assert "不符" in wrong and "已提交" not in wrong
    right = check_status(records, "someone-else", f"查进度{filing.reference.lower()}，后四位002x")
    assert "已提交" in right
    assert "没有预约记录" in check_status(records, "someone-else", "我的预约呢")


def test_an_unknown_reference_is_said_to_be_unknown(records):
    assert "没有找到" in check_status(records, "x", "查进度 YB2345AB")


def test_a_bad_review_gets_a_callback_due_date_and_enters_the_queue(records):
    due = DueDate(date(2025, 10, 9), "chinese_calendar")
    records.create_review("s1", "非常不满意", subject="住院费用报销", comment="等太久", phone="13937112345", due=due)
    records.create_review("s2", "满意", due=due)
    queue = records.callbacks()
    assert [r.level for r in queue] == ["非常不满意"]
    assert queue[0].callback_due == date(2025, 10, 9) and queue[0].callback_status == "pending"
    records.set_callback_status(queue[0].id, "called")
    assert records.callbacks() == [] and count(records, Review) == 2


def test_a_good_review_has_no_callback(records):
    review = records.create_review("s3", "基本满意", due=DueDate(date(2025, 10, 9), "chinese_calendar"))
    assert not review.negative and review.callback_due is None


def test_a_database_made_before_the_road_side_column_gains_it_and_keeps_its_filings(records):
    from sqlalchemy import inspect, text
    from bot.records import Records

    first = records.create_filing(draft(), "token-old")
    with records.engine.begin() as connection:  # the table as the first release made it
        connection.execute(text("ALTER TABLE filings DROP COLUMN road_side"))
    assert "road_side" not in {c["name"] for c in inspect(records.engine).get_columns("filings")}
    reopened = Records(records.engine)
    assert reopened.filing(first.reference).applicant_name == "张三"
    assert reopened.filing(first.reference).road_side is None
    later = reopened.create_filing(draft(township="八公桥镇", road_side="east"), "token-new")
    assert reopened.filing(later.reference).road_side == "east"
