"""Rasa wiring for the filing and review forms (bot/forms.py, bot/filing.py, bot/review.py).

Each form slot is filled from the text of the answer (domain.yml); the validation action
checks it with bot.forms.take_answer and decides the next question. Asking is done by one
action per slot (action_ask_<slot>), ending by action_finish_<form>, which stores the
filing or the review and forgets the form's slots.
"""
from __future__ import annotations

import re
import uuid
from abc import abstractmethod
from functools import lru_cache
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import conversation, send, understanding
from bot import vocabulary
from bot.catalogue import default_catalogue
from bot.aspects import aspect_answer
from bot.dialogue import INTENT_ASPECTS, SWITCH_SCORE, WHEN_TO_APPLY, Message, Understanding
from bot.matcher import resolve
from bot.replies import handoff
from bot.filing import BOOKING_WORDS, FilingForm
from bot.forms import FAILURES, OUTCOME, FormSpec, cleared, ending_message, missing, take_answer
from bot.records import NEGATIVE_LEVELS, FilingDraft, shared_records
from bot.review import (CALLBACK_WORKING_DAYS, LONGEST_QUESTION, WINDOW_NAMED, ReviewForm,
                        asks_about_reviews, asks_before_reviewing, rules_of_reviews)
from bot.status import ID_TAIL_ALONE, STATUS_QUESTION, awaited_reference, check_status
from bot.validators import plain
from bot.working_days import add_working_days, today_in_china

ANSWERED = "answered"  # the form's starting message was a question about it, now answered
MID_FORM_QUESTIONS = (*INTENT_ASPECTS, "handoff")
NOT_ANSWERED_SLOTS = ("filing_matter",)  # "要带什么?" while the matter is asked: the matter is asked again
ENDS_AS_QUESTION = re.compile(r"[?？]\s*$|(吗|呢|么|不)[。.!！]?\s*$|^.{0,4}(哪|几号|多少|什么|啥|怎么|咋)")
LEVEL_WORDS = re.compile(r"满意|差评|好评|太差|很差|不好|不错|挺好|一般|还行")
FREE_TEXT_SLOTS = ("filing_note", "review_comment", "review_subject")  # anything may be written there
CONTEXT_SLOTS = ("matter", "person_type", "township", "filing_token", "filing_before_edit", OUTCOME, FAILURES)


@lru_cache(maxsize=1)
def filing_form() -> FilingForm:
    return FilingForm(default_catalogue(), conversation())


@lru_cache(maxsize=1)
def review_form() -> ReviewForm:
    return ReviewForm(default_catalogue())


def form_state(spec: FormSpec, tracker: Tracker) -> Dict[str, Any]:
    state = {name: tracker.get_slot(name) for name in (*spec.slots, *CONTEXT_SLOTS)}
    state["last_text"] = (tracker.latest_message or {}).get("text") or ""
    if isinstance(spec, ReviewForm) and state.get("review_level") in NEGATIVE_LEVELS:
        # Only a 差评 needs a phone: look for one given in an earlier filing.
        state["known_phone"] = shared_records().known_phone(tracker.sender_id)
    return state


def channel_of(tracker: Tracker) -> str:
    return str((tracker.get_latest_input_channel() or ""))[:32]


class ValidateForm(FormValidationAction):
    """Checks each answer, keeps the good ones, counts the bad ones, ends on "取消"."""

    def name(self) -> Text:
        return f"validate_{self.spec().name}"

    @abstractmethod
    def spec(self) -> FormSpec:
        """The form's questions and checks."""

    def prefill(self, tracker: Tracker, state: Dict[str, Any]) -> Dict[str, Any]:
        return {}

    def answer_to_start(self, tracker: Tracker) -> List[Message]:
        """The answer when the message that started the form asked about it instead."""
        return []

    def prefill_messages(self, tracker: Tracker, state: Dict[str, Any]) -> List[Message]:
        """What to tell about the starting message's own answers (a mistyped 身份证号 in it)."""
        return []

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: Dict[Text, Any]) -> List[Text]:
        state = form_state(self.spec(), tracker)
        return [] if state.get(OUTCOME) else self.spec().required(state)

    async def get_extraction_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if tracker.get_slot("requested_slot") is not None:
            return []
        question = self.answer_to_start(tracker)
        if question:  # a question about the form's subject, answered; no form
            send(dispatcher, question)
            return [SlotSet(OUTCOME, ANSWERED)]
        # The form has just started: take what the conversation already knows.
        state = form_state(self.spec(), tracker)
        send(dispatcher, self.prefill_messages(tracker, state))
        return [SlotSet(name, value) for name, value in self.prefill(tracker, state).items()
                if state.get(name) is None]

    async def get_validation_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        spec = self.spec()
        state = form_state(spec, tracker)
        requested = tracker.get_slot("requested_slot")
        updates: Dict[str, Any] = {}
        for slot, value in tracker.slots_to_validate().items():
            if slot in ("person_type", OUTCOME) and value:  # set when the form started: passed on
                updates[slot] = value
            if slot not in spec.slots or value is None:
                continue
            answer = self.answer_to_question(spec, slot, str(value), tracker, {**state, **updates}) \
                if slot == requested else None
            if answer:
                # "要带什么材料?" in the middle of a form: answered for the form's matter, then the same
                # question again; not counted as a wrong answer.
                send(dispatcher, answer + [Message(f"接着办刚才的{spec.what}：")])
                updates[slot] = None
            elif slot == requested and (STATUS_QUESTION.search(str(value)) or (
                    tracker.get_slot("status_reference") and ID_TAIL_ALONE.match(plain(str(value))))):
                # "我之前的预约怎么样了" (or the last four digits it asked for) in the middle of a form:
                # answered, then the same question again
                text = str(value) if STATUS_QUESTION.search(str(value)) else \
                    f"{tracker.get_slot('status_reference')} {value}"
                reply = check_status(shared_records(), tracker.sender_id, text)
                send(dispatcher, [Message(reply), Message(f"接着办刚才的{spec.what}：")])
                updates[slot] = None
                updates["status_reference"] = awaited_reference(reply)
            elif slot == requested:
                step = take_answer(spec, slot, str(value), {**state, **updates})
                send(dispatcher, step.messages)
                updates.update(step.updates)
            else:  # taken from the conversation: kept only if it passes the same check
                checked = spec.check(slot, str(value), {**state, **updates})
                updates[slot] = checked.value
                updates.update(spec.extra_updates(slot, checked.value, {**state, **updates})
                               if checked.ok and slot != "filing_matter" else {})
        return [SlotSet(name, value) for name, value in updates.items()]


    @staticmethod
    def answer_to_question(spec: FormSpec, slot: str, text: str, tracker: Tracker,
                           state: Dict[str, Any]) -> List[Message]:
        """The answer to a question asked instead of answering the form's question, if it is one:
        a confident question intent whose text is no good answer (for a note: ends as a question)."""
        intent = (tracker.latest_message or {}).get("intent") or {}
        if slot in NOT_ANSWERED_SLOTS or intent.get("name") not in MID_FORM_QUESTIONS \
                or float(intent.get("confidence") or 0) < 0.6:
            return []
        if spec.interrupt(slot, text, state) is not None:
            return []  # the form's own reading of the message comes first
        if slot == "review_comment" and len(plain(text)) > LONGEST_QUESTION:
            return []  # a complaint often asks "为什么要跑三次？": it is the comment
        if slot in FREE_TEXT_SLOTS:
            if not (ENDS_AS_QUESTION.search(text) or (intent["name"] == "handoff" and len(text) <= 8)):
                return []
        elif spec.check(slot, text, state).ok:
            return []
        if intent["name"] == "handoff":
            return [handoff()]
        state = {**state, slot: None}  # the slot asked holds this very question, not an answer
        catalogue = default_catalogue()
        matter_id = state.get("filing_matter") or state.get("matter")
        person_type = state.get("filing_person_type") or state.get("person_type")
        if not matter_id or not catalogue.has_matter(matter_id):
            return conversation().respond(understanding(tracker), {"person_type": person_type}).messages
        # About the form's matter, for the person type given so far or for every person type
        # (labelled): the form is asking the person type itself, so it is not asked twice.
        aspect = {"general": "where", "hospital": "where"}.get(INTENT_ASPECTS[intent["name"]],
                                                             INTENT_ASPECTS[intent["name"]])
        if WHEN_TO_APPLY.search(text):
            aspect = "apply_period"
        township = catalogue.township(state.get("filing_township") or "")
        side = township.side if township and township.side in ("east", "west") else state.get("filing_road_side")
        return [Message(aspect_answer(catalogue, catalogue.matter(matter_id), aspect, person_type=person_type,
                                      side=side if side in ("east", "west") else None))]


class ValidateFilingForm(ValidateForm):
    def spec(self) -> FormSpec:
        return filing_form()

    def prefill(self, tracker: Tracker, state: Dict[str, Any]) -> Dict[str, Any]:
        understood = understanding(tracker)
        matter = conversation().matter_in(_without_booking_words(understood))
        matter_id = matter.id if matter else state.get("matter")
        person_type = next((p for p in map(vocabulary.person_type, understood.texts("person_type")) if p),
                           None) or state.get("person_type")
        township = conversation().township_in(understood)  # "我是八公桥的，帮我预约慢特病认定"
        values = {"filing_matter": matter_id, "filing_person_type": person_type,
                  "filing_township": township.name if township else state.get("township"),
                  "person_type": person_type,  # kept for the caution when a resident files a workers-only matter
                  **self._details(tracker, state).updates}  # "…我叫李建国 身份证4109…": the good ones
        return {k: v for k, v in values.items() if v}

    def prefill_messages(self, tracker: Tracker, state: Dict[str, Any]) -> List[Message]:
        return self._details(tracker, state).messages

    @staticmethod
    def _details(tracker: Tracker, state: Dict[str, Any]):
        spec = filing_form()
        return spec.take_details(spec.details_in(understanding(tracker).text, None), state)


class ValidateReviewForm(ValidateForm):
    def spec(self) -> FormSpec:
        return review_form()

    def answer_to_start(self, tracker: Tracker) -> List[Message]:
        text = plain(understanding(tracker).text)
        asks = asks_about_reviews(text) or asks_before_reviewing(text)
        return [rules_of_reviews(default_catalogue())] if asks else []

    def prefill(self, tracker: Tracker, state: Dict[str, Any]) -> Dict[str, Any]:
        """"我对68号窗口非常不满意": the window and the level are already said."""
        text = plain(understanding(tracker).text)
        values: Dict[str, Any] = {}
        window = WINDOW_NAMED.search(text)
        subject = window.group(0) if window else _matter_named_outright(text)
        level = review_form().check("review_level", text, state)
        if level.ok and LEVEL_WORDS.search(text):
            values["review_level"] = level.value
            values["review_subject"] = subject or ""
            if review_form().says_more_than_the_level(text):  # "太差了，排了两个钟头的队": the comment too
                values["review_comment"] = understanding(tracker).text.strip()[:200]
        elif subject:
            values["review_subject"] = subject
        return values


def _without_booking_words(understood: Understanding) -> Understanding:
    """The message that starts a filing, read for the matter without the words of the booking: the
    NLU's matter spans are set aside, as "登记" in "预约登记" is one."""
    others = [e for e in understood.entities if e.get("entity") != "matter"]
    return Understanding(understood.intent, BOOKING_WORDS.sub("，", understood.text), others)


def _matter_named_outright(text: str) -> Optional[str]:
    """"那俺现在就评 上回办慢性病跑了三趟": the matter reviewed, when the words name one plainly."""
    candidates = conversation().matcher.match(text)
    found = resolve(candidates)
    if found.kind != "one" or found.candidates[0].score < SWITCH_SCORE:
        return None
    return default_catalogue().matter(found.candidates[0].matter_id).name


def _ask_action(spec_factory, slot: str) -> type:
    class AskForSlot(Action):
        def name(self) -> Text:
            return f"action_ask_{slot}"

        async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
            spec = spec_factory()
            send(dispatcher, [spec.prompt(slot, form_state(spec, tracker))])
            if slot == "filing_confirm":
                # A new read-back, a new token: confirming it twice stores one filing.
                return [SlotSet("filing_token", uuid.uuid4().hex)]
            return []

    AskForSlot.__name__ = f"Ask_{slot}"
    return AskForSlot


ASK_ACTIONS = [_ask_action(filing_form, s) for s in FilingForm.slots] + \
              [_ask_action(review_form, s) for s in ReviewForm.slots]


class ActionFinishFiling(Action):
    def name(self) -> Text:
        return "action_finish_filing"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        spec = filing_form()
        state = form_state(spec, tracker)
        forget = [SlotSet(k, v) for k, v in {**cleared(spec), "filing_token": None, "filing_before_edit": None}.items()]
        if state.get(OUTCOME) or missing(spec, state) or state.get("filing_confirm") != "yes":
            send(dispatcher, [ending_message(spec, state.get(OUTCOME) or "cancelled")])
            return forget
        matter = spec.catalogue.matter(state["filing_matter"])
        draft = FilingDraft(sender_id=tracker.sender_id, channel=channel_of(tracker), matter_id=matter.id,
                            matter_name=matter.name, applicant_name=state["filing_name"],
                            id_number=state["filing_id_number"], phone=state["filing_phone"],
                            person_type=state.get("filing_person_type"), township=state.get("filing_township"),
                            road_side=state.get("filing_road_side"),
                            note=state.get("filing_note") or "")
        filing = shared_records().create_filing(draft, state.get("filing_token") or uuid.uuid4().hex)
        send(dispatcher, [spec.stored_message(filing)])
        return forget + [SlotSet("matter", matter.id)]


class ActionFinishReview(Action):
    def name(self) -> Text:
        return "action_finish_review"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        spec = review_form()
        state = form_state(spec, tracker)
        forget = [SlotSet(k, v) for k, v in cleared(spec).items()]
        if state.get(OUTCOME) == ANSWERED:
            return forget
        if state.get(OUTCOME) or missing(spec, state):
            send(dispatcher, [ending_message(spec, state.get(OUTCOME) or "cancelled")])
            return forget
        phone: Optional[str] = state.get("review_phone") or state.get("known_phone")
        due = add_working_days(today_in_china(), CALLBACK_WORKING_DAYS)
        review = shared_records().create_review(
            tracker.sender_id, state["review_level"], subject=state.get("review_subject") or "",
            comment=state.get("review_comment") or "", phone=phone, due=due, channel=channel_of(tracker))
        send(dispatcher, [spec.stored_message(review, phone_from_filing=not state.get("review_phone") and bool(phone))])
        return forget
