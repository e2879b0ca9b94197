"""查进度: the status of a filing, told only to the conversation that made it or to someone
who gives the last four digits of the applicant's ID number in the same message
("查进度 YB7K3M2Q 1234"): a bare "1234" on its own line could mean anything to the NLU."""
from __future__ import annotations

import re
import time
from collections import defaultdict
from datetime import timezone
from typing import Dict, List, Optional

from bot.answers import SUPERVISION_PHONE
from bot.records import FILING_STATUSES, REFERENCE_ALPHABET, REFERENCE_PREFIX, Filing, Records
from bot.validators import plain
from bot.working_days import CHINA

ASKS_TAIL = "为保护个人信息，请把编号和申请人身份证号后四位一起发给我"
WRONG_TAIL = "身份证号后四位与该预约不符"
# Something like a reference that is not one ("YB0000OO": 0 and O are never used)
LOOKS_LIKE_REFERENCE = re.compile(r"YB\s*[0-9A-Z]{5,10}", re.IGNORECASE)
# "我要取消预约YB…": not possible here; said so, rather than answered with the status
CANCEL_REQUEST = re.compile(r"(取消|撤销|撤回|作废|退掉).{0,6}(预约|登记)|(预约|登记).{0,8}(取消|撤销|撤回|作废|不要了)")
REFERENCE = re.compile(rf"{REFERENCE_PREFIX}[{REFERENCE_ALPHABET}]{{6}}", re.IGNORECASE)
# "查进度", "我的预约怎么样了", "YB7K3M2Q": asked in the middle of another form too.
STATUS_QUESTION = re.compile(rf"查进度|进度|{REFERENCE_PREFIX}[{REFERENCE_ALPHABET}]{{6}}|"
                             r"(预约|登记|申请).{0,4}(怎么样|咋样|如何|到哪|办好|好了没|有结果|通过)", re.IGNORECASE)
ID_TAIL = re.compile(r"(?<![0-9A-Za-z])(\d{3}[0-9Xx])(?![0-9A-Za-z])")
# "0040" or "身份证后四位是0040" sent after being asked for the last four digits
ID_TAIL_ALONE = re.compile(r"^(身份证)?(号)?(码)?(后四位|尾号)?(是|为|[:：])?\s*\d{3}[0-9Xx]$")
# Wrong last-four guesses for one reference, from anyone: after this many within the hour the
# reference is not looked up (10,000 combinations must not be tried one by one). Kept by the one
# action server process.
MAX_WRONG_TAILS = 5
WRONG_TAIL_WINDOW = 3600.0
_wrong_tails: Dict[str, List[float]] = defaultdict(list)


def _recent_wrong_tails(reference: str, now: float) -> List[float]:
    recent = [t for t in _wrong_tails[reference] if now - t < WRONG_TAIL_WINDOW]
    _wrong_tails[reference] = recent
    return recent


def awaited_reference(reply: str) -> Optional[str]:
    """The reference a reply asked the last four ID digits for (again, after a wrong try), if it did."""
    found = REFERENCE.search(reply) if (ASKS_TAIL in reply or WRONG_TAIL in reply) else None
    return found.group(0) if found else None


def describe(filing: Filing) -> str:
    # stored in UTC; the citizen's day is Beijing time's (a filing at 01:00 is that day's, not the day before)
    when = filing.created_at.replace(tzinfo=timezone.utc).astimezone(CHINA).strftime("%Y-%m-%d")
    return (f"编号 {filing.reference}（{filing.matter_name}，申请人 {filing.applicant_name}，{when} 提交）："
            f"{FILING_STATUSES[filing.status]}")


def check_status(records: Records, sender_id: str, text: str) -> str:
    text = plain(text)
    if CANCEL_REQUEST.search(text):
        return ("已提交的预约登记不能在这里撤销。需要撤销或更改，请拨打濮阳县医保监督电话 "
                f"{SUPERVISION_PHONE}，并说明预约编号。")
    found = REFERENCE.search(text)
    reference = found.group(0).upper() if found else None
    if reference is None and LOOKS_LIKE_REFERENCE.search(text):
        return (f"“{LOOKS_LIKE_REFERENCE.search(text).group(0)}”不是有效的预约编号：编号以{REFERENCE_PREFIX}开头，"
                "后面6位由数字和字母组成（不含0、O、1、I、L），请核对后再发。")
    if reference is None:
        filings = records.filings_of(sender_id)[:5]
        if not filings:
            return ("您在这里还没有预约记录。如果有预约编号，请发送“查进度 编号”，"
                    f"例如“查进度 {REFERENCE_PREFIX}7K3M2Q”。")
        return "您的预约：\n" + "\n".join(describe(f) for f in filings)
    filing = records.filing(reference)
    if filing is None:
        return f"没有找到编号为 {reference} 的预约，请核对编号（编号以{REFERENCE_PREFIX}开头，共8位）。"
    if filing.sender_id == sender_id:
        return describe(filing)
    tail = ID_TAIL.search(text.replace(found.group(0), " "))
    if tail is None:
        return f"{ASKS_TAIL}，例如“查进度 {reference} 1234”，或直接回复后四位。"
    now = time.monotonic()
    if len(_recent_wrong_tails(reference, now)) >= MAX_WRONG_TAILS:
        return f"编号 {reference} 的查询核对失败次数过多，请一小时后再试，或拨打 {SUPERVISION_PHONE} 咨询。"
    if tail.group(1).upper() != filing.id_number[-4:]:
        _wrong_tails[reference].append(now)
        return f"{WRONG_TAIL}（编号 {reference}），无法查询。请核对后再发后四位，或拨打 {SUPERVISION_PHONE} 咨询。"
    return describe(filing)
