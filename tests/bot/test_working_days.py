"""Callback due dates in working days. Expected dates are from the State Council's 2025
holiday notice: 国庆节、中秋节 1–8 October off; Sunday 28 September and Saturday 11 October
are make-up working days."""
from datetime import date

from bot.working_days import OFFICIAL, WEEKENDS_ONLY, add_working_days


def test_a_weekday_is_due_the_next_working_day():
    assert add_working_days(date(2025, 11, 18), 1).day == date(2025, 11, 19)   # Tuesday → Wednesday


def test_friday_is_due_monday():
    assert add_working_days(date(2025, 11, 21), 1).day == date(2025, 11, 24)


def test_the_national_day_holiday_is_skipped():
    due = add_working_days(date(2025, 9, 30), 1)
    assert due.day == date(2025, 10, 9) and due.basis == OFFICIAL


def test_a_make_up_sunday_is_a_working_day():
    assert add_working_days(date(2025, 9, 27), 1).day == date(2025, 9, 28)


def test_a_make_up_saturday_is_a_working_day():
    assert add_working_days(date(2025, 10, 10), 1).day == date(2025, 10, 11)


def test_a_year_the_calendar_does_not_cover_falls_back_to_weekends_and_says_so():
    due = add_working_days(date(2031, 1, 3), 1)   # a Friday in a year with no official data
    assert due.day == date(2031, 1, 6) and due.basis == WEEKENDS_ONLY
    assert due.label == "2031年1月6日（星期一）"
