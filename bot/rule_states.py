"""The states of a conversation for the rules, carried on from one prediction to the next.

Before each prediction RulePolicy asks for the conversation's state after every action so far,
which Rasa makes by replaying the whole conversation into a fresh tracker: two or three times
a message, the history longer each time (a sixteenth of the Rasa server's time). Here the
replay of each conversation is kept, with the states made so far, and only the events added
since are replayed. When the events already replayed are no longer the conversation's first
ones (a rewind, a restart, a conversation read back from the database), it starts again, as
Rasa does.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Any, List, Optional, Text

from rasa.shared.core.events import ActionExecuted

KEPT_CONVERSATIONS = 2000


class _Replay:
    def __init__(self, tracker: Any, domain: Any) -> None:
        self.domain = domain
        self.tracker = tracker.init_copy()
        self.events: List[Any] = []  # the applied events replayed so far
        self.states: List[dict] = []  # the state before each ActionExecuted among them

    def carries_on(self, applied: List[Any], domain: Any) -> bool:
        count = len(self.events)
        # The last events replayed are still the same objects at the same places.
        return (domain is self.domain and count <= len(applied)
                and all(a is b for a, b in zip(applied[max(0, count - 3):count], self.events[-3:])))

    def states_after(self, applied: List[Any]) -> List[dict]:
        for event in applied[len(self.events):]:
            if isinstance(event, ActionExecuted):
                self.states.append(self.domain._clean_state(self.domain.get_active_state(self.tracker)))
            self.tracker.update(event)
            self.events.append(event)
        # Copies: Rasa edits the states it is given in place (it drops a message's text where
        # its intent is there).
        return [{kind: dict(sub_state) for kind, sub_state in state.items()} for state in self.states] + \
            [self.domain._clean_state(self.domain.get_active_state(self.tracker))]


class RuleStates:
    def __init__(self) -> None:
        self._replays: "OrderedDict[Text, _Replay]" = OrderedDict()

    def past_states(self, tracker: Any, domain: Any) -> List[dict]:
        """What `tracker.past_states(domain)` returns, replaying only what is new."""
        applied = tracker.applied_events()
        replay: Optional[_Replay] = self._replays.get(tracker.sender_id)
        if replay is None or not replay.carries_on(applied, domain):
            replay = _Replay(tracker, domain)
            self._replays[tracker.sender_id] = replay
        self._replays.move_to_end(tracker.sender_id)
        while len(self._replays) > KEPT_CONVERSATIONS:
            self._replays.popitem(last=False)
        return replay.states_after(applied)


def use_rule_states() -> None:
    """RulePolicy's featurizer takes the states from a RuleStates kept per process; any other
    use (ML policies, which leave out rule-only turns) goes Rasa's way."""
    from rasa.core.featurizers.tracker_featurizers import TrackerFeaturizer

    if getattr(TrackerFeaturizer._create_states, "carried_on", False):
        return
    rasa_create_states = TrackerFeaturizer._create_states
    kept = RuleStates()

    def create_states(tracker: Any, domain: Any, omit_unset_slots: bool = False,
                      ignore_rule_only_turns: bool = False, rule_only_data: Any = None) -> List[dict]:
        if omit_unset_slots or ignore_rule_only_turns:
            return rasa_create_states(tracker, domain, omit_unset_slots, ignore_rule_only_turns, rule_only_data)
        return kept.past_states(tracker, domain)

    create_states.carried_on = True
    TrackerFeaturizer._create_states = staticmethod(create_states)
