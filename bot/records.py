"""Filings and 好差评 reviews, stored through SQLAlchemy.

`Records(engine)` is the only way in: the actions, the agent console and the tests each
hand it an engine (SQLite file by default, PostgreSQL when DATABASE_URL says so). Tables
are created from the models on start; every write is one transaction, so a crash half way
leaves no partial row.
"""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import List, Optional

from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Integer, String, Text, create_engine,
                        inspect, select)
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, declarative_base, relationship

from bot.validators import mask_id_number, mask_phone
from bot.working_days import DueDate

ROOT = Path(__file__).resolve().parent.parent
Base = declarative_base()

FILING_STATUSES = {"submitted": "已提交", "accepted": "已受理", "done": "已办结", "returned": "已退回"}
CALLBACK_STATUSES = {"pending": "待回访", "called": "已回访", "closed": "已办结"}
REVIEW_LEVELS = ("非常满意", "满意", "基本满意", "不满意", "非常不满意")
NEGATIVE_LEVELS = ("不满意", "非常不满意")  # seed 000 item 1 八（二）: the last two are 差评
# No 0/O, 1/I/L: a reference read out over the phone cannot be misheard or mistyped.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_PREFIX = "YB"


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Filing(Base):
    __tablename__ = "filings"
    id = Column(Integer, primary_key=True)
    reference = Column(String(16), unique=True, nullable=False)
    # One per confirmation read-back: confirming twice cannot store two filings.
    confirmation_token = Column(String(64), unique=True, nullable=False)
    sender_id = Column(String(128), nullable=False, index=True)
    channel = Column(String(32), nullable=False, default="")
    matter_id = Column(String(64), nullable=False)
    matter_name = Column(String(128), nullable=False)
    applicant_name = Column(String(64), nullable=False)
    id_number = Column(String(18), nullable=False)
    phone = Column(String(11), nullable=False)
    person_type = Column(String(16))
    township = Column(String(32))
    # "east"/"west" as the citizen said, for a township 106国道 crosses or of unknown side
    road_side = Column(String(8))
    note = Column(Text, nullable=False, default="")
    status = Column(String(16), nullable=False, default="submitted")
    created_at = Column(DateTime, nullable=False, default=utc_now)
    updated_at = Column(DateTime, nullable=False, default=utc_now, onupdate=utc_now)


class Review(Base):
    __tablename__ = "reviews"
    id = Column(Integer, primary_key=True)
    sender_id = Column(String(128), nullable=False, index=True)
    channel = Column(String(32), nullable=False, default="")
    subject = Column(String(128), nullable=False, default="")
    level = Column(String(8), nullable=False)
    negative = Column(Boolean, nullable=False)
    comment = Column(Text, nullable=False, default="")
    phone = Column(String(11))
    callback_due = Column(Date)
    # "chinese_calendar", or "weekends_only" when the library did not cover the year.
    callback_due_basis = Column(String(16))
    callback_status = Column(String(16))
    created_at = Column(DateTime, nullable=False, default=utc_now)
    filing_id = Column(Integer, ForeignKey("filings.id"))
    filing = relationship(Filing)


@dataclass
class FilingDraft:
    sender_id: str
    matter_id: str
    matter_name: str
    applicant_name: str
    id_number: str
    phone: str
    person_type: Optional[str] = None
    township: Optional[str] = None
    road_side: Optional[str] = None
    note: str = ""
    channel: str = ""


def database_url() -> str:
    """DATABASE_URL, or a SQLite file under DATA_DIR (default var/)."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return url
    data_dir = Path(os.environ.get("DATA_DIR") or ROOT / "var")
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / 'assistant.db'}"


def make_engine(url: Optional[str] = None) -> Engine:
    url = url or database_url()
    if url.startswith("postgres://"):  # the form many hosts hand out
        url = "postgresql://" + url[len("postgres://"):]
    return create_engine(url, future=True, pool_pre_ping=True)


class Records:
    def __init__(self, engine: Engine):
        self.engine = engine
        Base.metadata.create_all(engine)
        self._add_missing_columns()

    # Columns added since the first release: a database made before them gains them (nullable,
    # so existing rows stay as they were). create_all makes tables, never columns.
    ADDED_COLUMNS = (("filings", "road_side", "VARCHAR(8)"),)

    def _add_missing_columns(self) -> None:
        existing = inspect(self.engine)
        for table, column, sql_type in self.ADDED_COLUMNS:
            if column not in {c["name"] for c in existing.get_columns(table)}:
                with self.engine.begin() as connection:
                    connection.execute(sql_text(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}"))

    # --- filings ------------------------------------------------------------------

    def create_filing(self, draft: FilingDraft, confirmation_token: str) -> Filing:
        """Stores the filing once: the same confirmation token returns the first one."""
        existing = self._filing_by_token(confirmation_token)
        if existing is not None:
            return existing
        for _ in range(5):
            filing = Filing(reference=self._new_reference(), confirmation_token=confirmation_token,
                            sender_id=draft.sender_id, channel=draft.channel, matter_id=draft.matter_id,
                            matter_name=draft.matter_name, applicant_name=draft.applicant_name,
                            id_number=draft.id_number, phone=draft.phone, person_type=draft.person_type,
                            township=draft.township, road_side=draft.road_side, note=draft.note or "", status="submitted")
            try:
                with Session(self.engine, expire_on_commit=False) as session, session.begin():
                    session.add(filing)
                return filing
            except IntegrityError:
                # Either a concurrent confirmation stored it first, or the reference collided.
                existing = self._filing_by_token(confirmation_token)
                if existing is not None:
                    return existing
        raise RuntimeError("could not allocate a unique filing reference")

    def _filing_by_token(self, token: str) -> Optional[Filing]:
        with Session(self.engine, expire_on_commit=False) as session:
            return session.execute(select(Filing).where(Filing.confirmation_token == token)).scalar_one_or_none()

    @staticmethod
    def _new_reference() -> str:
        return REFERENCE_PREFIX + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))

    def filing(self, reference: str) -> Optional[Filing]:
        with Session(self.engine, expire_on_commit=False) as session:
            return session.execute(select(Filing).where(Filing.reference == reference.upper())).scalar_one_or_none()

    def filings_of(self, sender_id: str) -> List[Filing]:
        with Session(self.engine, expire_on_commit=False) as session:
            query = select(Filing).where(Filing.sender_id == sender_id).order_by(Filing.id.desc())
            return list(session.execute(query).scalars())

    def filings(self, status: Optional[str] = None, limit: int = 200) -> List[Filing]:
        with Session(self.engine, expire_on_commit=False) as session:
            query = select(Filing).order_by(Filing.id.desc()).limit(limit)
            if status:
                query = query.where(Filing.status == status)
            return list(session.execute(query).scalars())

    def set_filing_status(self, reference: str, status: str) -> Optional[Filing]:
        if status not in FILING_STATUSES:
            raise ValueError(f"unknown filing status {status!r}")
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            filing = session.execute(select(Filing).where(Filing.reference == reference)).scalar_one_or_none()
            if filing is not None:
                filing.status = status
            return filing

    def known_phone(self, sender_id: str) -> Optional[str]:
        """The phone given in this conversation's latest filing, if any."""
        filings = self.filings_of(sender_id)
        return filings[0].phone if filings else None

    # --- reviews --------------------------------------------------------------------

    def create_review(self, sender_id: str, level: str, subject: str = "", comment: str = "",
                      phone: Optional[str] = None, due: Optional[DueDate] = None,
                      channel: str = "") -> Review:
        if level not in REVIEW_LEVELS:
            raise ValueError(f"unknown review level {level!r}")
        negative = level in NEGATIVE_LEVELS
        review = Review(sender_id=sender_id, channel=channel, subject=subject or "", level=level,
                        negative=negative, comment=comment or "", phone=phone,
                        callback_due=due.day if (negative and due) else None,
                        callback_due_basis=due.basis if (negative and due) else None,
                        callback_status="pending" if negative else None)
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            session.add(review)
        return review

    def callbacks(self, status: Optional[str] = "pending", limit: int = 200) -> List[Review]:
        """The 差评 callback queue, earliest due first."""
        with Session(self.engine, expire_on_commit=False) as session:
            query = select(Review).where(Review.negative.is_(True)).order_by(Review.callback_due, Review.id).limit(limit)
            if status:
                query = query.where(Review.callback_status == status)
            return list(session.execute(query).scalars())

    def reviews_of(self, sender_id: str) -> List[Review]:
        with Session(self.engine, expire_on_commit=False) as session:
            query = select(Review).where(Review.sender_id == sender_id).order_by(Review.id)
            return list(session.execute(query).scalars())

    def set_callback_status(self, review_id: int, status: str) -> Optional[Review]:
        if status not in CALLBACK_STATUSES:
            raise ValueError(f"unknown callback status {status!r}")
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            review = session.get(Review, review_id)
            if review is not None and review.negative:
                review.callback_status = status
            return review


def masked(filing: Filing) -> dict:
    """A filing as shown in lists: ID number and phone masked."""
    return {"reference": filing.reference, "matter": filing.matter_name, "applicant": filing.applicant_name,
            "id_number": mask_id_number(filing.id_number), "phone": mask_phone(filing.phone),
            "person_type": filing.person_type, "township": filing.township, "road_side": filing.road_side,
            "note": filing.note,
            "status": filing.status, "status_label": FILING_STATUSES[filing.status],
            "created_at": filing.created_at.isoformat(timespec="seconds") + "Z"}


def review_row(review: Review, reveal_phone: bool = False) -> dict:
    """A review as listed; the callback queue shows the phone, since calling is the point."""
    phone = review.phone or ""
    return {"id": review.id, "subject": review.subject, "level": review.level, "comment": review.comment,
            "phone": phone if reveal_phone else mask_phone(phone) if phone else "",
            "callback_due": review.callback_due.isoformat() if review.callback_due else None,
            "callback_due_basis": review.callback_due_basis, "callback_status": review.callback_status,
            "created_at": review.created_at.isoformat(timespec="seconds") + "Z"}


_shared: Optional[Records] = None


def shared_records() -> Records:
    """One Records per process for the actions and the channels (engine from the environment)."""
    global _shared
    if _shared is None:
        _shared = Records(make_engine())
    return _shared
