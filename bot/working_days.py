"""Working days for callback deadlines (差评 must be called back within 1 working day).

chinese_calendar knows the State Council's holidays and make-up working days year by year.
For a year it does not cover yet, Saturdays and Sundays are the only days off, and the
result says so, so that staff know the date may need checking.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import chinese_calendar

CHINA = timezone(timedelta(hours=8))
OFFICIAL = "chinese_calendar"
WEEKENDS_ONLY = "weekends_only"


@dataclass(frozen=True)
class DueDate:
    day: date
    basis: str  # OFFICIAL, or WEEKENDS_ONLY when a year was not covered

    @property
    def label(self) -> str:
        weekday = "一二三四五六日"[self.day.weekday()]
        return f"{self.day.year}年{self.day.month}月{self.day.day}日（星期{weekday}）"


def is_working_day(day: date) -> tuple[bool, str]:
    try:
        return chinese_calendar.is_workday(day), OFFICIAL
    except NotImplementedError:
        return day.weekday() < 5, WEEKENDS_ONLY


def add_working_days(start: date, count: int) -> DueDate:
    """The count-th working day after start (start itself not counted)."""
    day, found, basis = start, 0, OFFICIAL
    while found < count:
        day += timedelta(days=1)
        working, how = is_working_day(day)
        if how == WEEKENDS_ONLY:
            basis = WEEKENDS_ONLY
        if working:
            found += 1
    return DueDate(day, basis)


def today_in_china() -> date:
    return datetime.now(CHINA).date()
