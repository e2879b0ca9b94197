"""The action-server reply check in the Rasa server: it accepts and refuses what Rasa's own
`jsonschema.validate` against the full schema accepts and refuses."""
import pytest
from jsonschema import ValidationError, validate

from bot.server_setup import _check_action_result

REPLIES = [
    {"events": [{"event": "slot", "name": "matter", "value": "outpatient_reimbursement", "timestamp": None},
                {"event": "slot", "name": "candidates", "value": ["a", "b"]}],
     "responses": [{"text": "【门诊费用报销】…", "buttons": [{"title": "城镇职工", "payload": "/inform"}]}]},
    {"events": [], "responses": []},
    {"events": [{"event": "active_loop", "name": "filing_form"}, {"event": "followup", "name": "action_x"}]},
    {"events": [{"event": "bot", "text": "好的", "data": {}}]},
    {"events": [{"event": "user", "text": "门诊报销", "parse_data": {"intent": {"name": "ask_where", "confidence": 1}}}]},
    # refused:
    {"events": {"event": "slot"}},
    {"events": [{"name": "matter", "value": "x"}]},
    {"events": [{"event": "no_such_event"}]},
    {"events": [{"event": "slot", "name": "matter", "timestamp": "yesterday"}]},
    {"events": [{"event": "user", "parse_data": {"intent": {"name": 3}}}]},
    {"events": ["slot"]},
    {"responses": "text"},
]


def _rasa_accepts(result):
    from rasa.core.actions.action import RemoteAction

    try:
        validate(result, RemoteAction.action_response_format_spec())
        return True
    except ValidationError:
        return False


@pytest.mark.parametrize("result", REPLIES)
def test_the_fast_check_accepts_and_refuses_what_rasas_own_check_does(result):
    try:
        _check_action_result(result)
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted == _rasa_accepts(result)


def test_both_accept_some_replies_and_refuse_others():
    verdicts = {_rasa_accepts(result) for result in REPLIES}
    assert verdicts == {True, False}


def test_a_slot_copied_the_fast_way_is_the_copy_python_makes_and_changes_apart_from_it():
    import copy

    from rasa.shared.core.domain import Domain

    from bot.server_setup import copy_slot

    for slot in Domain.load("domain.yml").slots:
        slot.value = ["a"] if slot.type_name == "list" else 1.0 if slot.type_name == "float" else "x"
        ours, pythons = copy_slot(slot), copy.copy(slot)
        assert type(ours) is type(slot) and vars(ours) == vars(pythons) and ours is not slot
        ours.value = None
        assert slot.value is not None and slot.has_been_set
        slot.reset()


def test_whether_a_domain_is_empty_is_rasa_s_answer_kept():
    from rasa.shared.core.domain import Domain

    import bot.server_setup as setup

    setup.prepare_rasa_process()
    assert Domain.is_empty is setup.domain_is_empty
    for domain, empty in [(Domain.load("domain.yml"), False), (Domain.empty(), True)]:
        assert setup.RASA_DOMAIN_IS_EMPTY(domain) is empty  # Rasa's own answer
        assert domain.is_empty() is empty and domain.is_empty() is empty  # kept: asked twice, the same
