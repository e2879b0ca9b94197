"""Answers about a matter: where, materials, time limit, process, online, fee, … and the
clarifications and corrections around them."""
from __future__ import annotations

from typing import Text

from rasa_sdk import Action

from actions.common import RespondsFromDialogue


class ActionAnswerGuide(RespondsFromDialogue, Action):
    def name(self) -> Text:
        return "action_answer_guide"
