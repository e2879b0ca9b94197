"""Keeps 身份证号 and mobile numbers out of the logs in clear, whatever logs them
(Rasa's debug output includes every message a citizen types)."""
from __future__ import annotations

import logging
import re

from bot.validators import mask_id_number, mask_phone

ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def mask_personal_numbers(text: str) -> str:
    text = ID_NUMBER.sub(lambda m: mask_id_number(m.group(0)), text)
    return MOBILE.sub(lambda m: mask_phone(m.group(0)), text)


def install_log_masking() -> None:
    """Every log record made from now on in this process is masked (once per process)."""
    factory = logging.getLogRecordFactory()
    if getattr(factory, "masks_personal_numbers", False):
        return

    def masked_record(*args, **kwargs) -> logging.LogRecord:
        record = factory(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a broken format string stays the logging module's problem
            return record
        clean = mask_personal_numbers(message)
        if clean != message:
            record.msg, record.args = clean, ()
        return record

    masked_record.masks_personal_numbers = True
    logging.setLogRecordFactory(masked_record)
