"""The states carried on from prediction to prediction are the states Rasa makes by replaying
the whole conversation, through rewinds, restarts and forms."""
import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (ActionExecuted, ActiveLoop, BotUttered, Restarted, SessionStarted, SlotSet,
                                     UserUttered, UserUtteranceReverted)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rule_states import RuleStates


@pytest.fixture(scope="module")
def domain():
    return Domain.load("domain.yml")


def said(text, intent, **entities):
    return UserUttered(text, {"name": intent, "confidence": 0.9},
                       [{"entity": k, "value": v, "start": 0, "end": len(v)} for k, v in entities.items()])


CONVERSATION = [
    ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen"),
    said("门诊报销去哪办", "ask_where", matter="门诊报销"), ActionExecuted("action_answer_guide"),
    SlotSet("matter", "outpatient_reimbursement"), BotUttered("您是职工还是城乡居民？"), ActionExecuted("action_listen"),
    said("职工", "inform", person_type="职工"), ActionExecuted("action_answer_guide"), SlotSet("person_type", "城镇职工"),
    BotUttered("69号窗口"), ActionExecuted("action_listen"),
    said("说错了", "deny"), UserUtteranceReverted(), ActionExecuted("action_listen"),   # a rewind
    said("我想预约", "start_filing"), ActionExecuted("filing_form"), ActiveLoop("filing_form"),
    SlotSet("requested_slot", "filing_matter"), ActionExecuted("action_listen"),
    said("门诊报销", "inform"), SlotSet("filing_matter", "门诊报销"), ActionExecuted("filing_form"),
    ActiveLoop(None), SlotSet("requested_slot", None), ActionExecuted("action_finish_filing"),
    ActionExecuted("action_listen"),
    said("重新开始", "greet"), ActionExecuted("action_restart"), Restarted(),             # a restart
    ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen"),
    said("谢谢", "thank"), ActionExecuted("action_small_talk"), ActionExecuted("action_listen"),
]


def test_states_carried_on_event_by_event_are_rasas_states(domain):
    kept = RuleStates()
    tracker = DialogueStateTracker("carried", domain.slots)
    for event in CONVERSATION:
        tracker.update(event)
        assert kept.past_states(tracker, domain) == tracker.past_states(domain)


def test_a_copy_of_the_conversation_or_one_read_back_again_gets_its_own_states(domain):
    kept = RuleStates()
    tracker = DialogueStateTracker.from_events("copied", CONVERSATION[:10], domain.slots)
    assert kept.past_states(tracker, domain) == tracker.past_states(domain)
    ahead = tracker.copy()
    for event in CONVERSATION[10:16]:
        ahead.update(event)
    assert kept.past_states(ahead, domain) == ahead.past_states(domain)
    # The conversation as it was before the copy went ahead, then read back from the database.
    assert kept.past_states(tracker, domain) == tracker.past_states(domain)
    read_back = DialogueStateTracker.from_dict("copied", [e.as_dict() for e in CONVERSATION[:12]], domain.slots)
    assert kept.past_states(read_back, domain) == read_back.past_states(domain)


def test_the_states_given_out_can_be_changed_without_changing_the_next_ones(domain):
    kept = RuleStates()
    tracker = DialogueStateTracker.from_events("changed", CONVERSATION[:9], domain.slots)
    states = kept.past_states(tracker, domain)
    states.append({"x": {}})
    states[-2].clear()
    states[-3]["user"].clear()
    tracker.update(CONVERSATION[9])
    assert kept.past_states(tracker, domain) == tracker.past_states(domain)


@pytest.mark.model
def test_the_trained_rules_decide_every_step_as_with_rasas_own_states(monkeypatch):
    from rasa.core.agent import Agent
    from rasa.core.featurizers.tracker_featurizers import TrackerFeaturizer

    from bot.model_loading import use_fast_model_loading
    from bot.rule_states import use_rule_states

    use_fast_model_loading()
    agent = Agent.load("models/assistant.tar.gz")
    domain = agent.domain

    def decisions():
        tracker = DialogueStateTracker("decided", domain.slots)
        decided = []
        for event in CONVERSATION:
            tracker.update(event)
            prediction = agent.processor.predict_next_with_tracker(tracker)
            best = max(prediction["scores"], key=lambda s: s["score"])
            decided.append((best["action"], round(best["score"], 4), prediction["policy"]))
        return decided

    usual = decisions()
    monkeypatch.setattr(TrackerFeaturizer, "_create_states", TrackerFeaturizer.__dict__["_create_states"])
    use_rule_states()
    assert TrackerFeaturizer._create_states.carried_on
    assert decisions() == usual
    assert ("action_answer_guide", 1.0, "RulePolicy") in usual and ("filing_form", 1.0, "RulePolicy") in usual
