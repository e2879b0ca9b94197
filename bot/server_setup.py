"""Set-up of the Rasa server process, run when it loads the assistant's channels (before
the model is loaded): log masking, the fast model load (bot/model_loading.py), the model's
graph run without dask's scheduling (bot/graph_runner.py), a message's sparse features joined
in one step (bot/feature_combining.py), DIET's graph called without TensorFlow's dispatch
(bot/direct_prediction.py), the rules' view of a conversation carried on from one
prediction to the next (bot/rule_states.py), connections
to the action server kept open (bot/kept_sessions.py), the loaded model kept out of the
garbage collector's walks, slots copied without `copy`'s generic path, whether the domain is
empty worked out once, and the check of action
server replies below.

Rasa checks every action server reply against a JSON schema with `jsonschema.validate`,
which re-checks the schema itself each time: a third of the server's time under load.
The same check with the validators built once, each event checked against its own kind's
schema only, gives the same result for a fraction of it.
"""
from __future__ import annotations

import gc
from functools import lru_cache
from typing import Any, Dict

from bot.direct_prediction import use_direct_prediction
from bot.feature_combining import use_fast_feature_combining
from bot.graph_runner import use_sequential_graph_runner
from bot.kept_sessions import keep_sessions_open
from bot.nlu_server import read_here_when_unanswered, use_nlu_server_interpreter
from bot.model_loading import use_fast_model_loading
from bot.privacy import install_log_masking
from bot.rule_states import use_rule_states


@lru_cache(maxsize=1)
def _action_result_validators():
    """Validators built once: the reply less its events, each event's common part, and each
    kind of event's own schema. The schema's oneOf tries every kind of event on every event
    (23 of them); each kind names its event with a const, so exactly one can match, and
    checking that one alone gives the same result."""
    from jsonschema import validators
    from rasa.core.actions.action import RemoteAction

    def build(schema):
        return validators.validator_for(schema)(schema)

    schema = RemoteAction.action_response_format_spec()
    events = schema["properties"]["events"]["items"]
    common = {key: value for key, value in events.items() if key != "oneOf"}
    outer = {**schema, "properties": {**schema["properties"], "events": {"type": "array", "items": {"type": "object"}}}}
    kinds = {kind["properties"]["event"]["const"]: build({"allOf": [common, kind]}) for kind in events["oneOf"]}
    return build(outer), build(common), kinds


def _check_action_result(result: Dict[str, Any]) -> None:
    from jsonschema import ValidationError

    outer, common, kinds = _action_result_validators()
    outer.validate(result)
    for event in result.get("events") or []:
        common.validate(event)
        kind = kinds.get(event["event"])
        if kind is None:
            raise ValidationError(f"{event['event']!r} is not a kind of event Rasa knows")
        kind.validate(event)


def _validate_action_result(self, result: Dict[str, Any]) -> bool:
    from jsonschema import ValidationError
    from rasa.shared.constants import DOCS_BASE_URL

    try:
        _check_action_result(result)
        return True
    except ValidationError as error:  # worded as Rasa's own check words it
        error.message += (". Failed to validate Action server response from API, make sure your response "
                          "from the Action endpoint is valid. For more information about the format visit "
                          f"{DOCS_BASE_URL}/custom-actions")
        raise error


RASA_DOMAIN_IS_EMPTY: Any = None  # Rasa's own Domain.is_empty, once replaced


def copy_slot(slot: Any) -> Any:
    """A slot's shallow copy, as `copy.copy` makes it through `__reduce_ex__`, in a third of the
    time. Rasa copies every slot of the domain each time it copies a tracker, which it does
    several times a message (to run an action, to replay the history for the rules): a
    twentieth of the server's time."""
    copied = object.__new__(type(slot))
    copied.__dict__.update(slot.__dict__)
    return copied


def domain_is_empty(domain: Any) -> bool:
    """Rasa's `Domain.is_empty`, worked out once per domain. Rasa asks it after reading every
    message (before looking for intents and entities the domain lacks) and answers by building an
    empty domain and comparing both as dicts; with the NLU server, that is twice a message. A
    loaded domain does not change."""
    known = domain.__dict__.get("_is_empty_answer")
    if known is None:
        known = domain.__dict__["_is_empty_answer"] = RASA_DOMAIN_IS_EMPTY(domain)
    return known


def _freeze_what_loading_made() -> None:
    """After the model is loaded, its millions of objects (TensorFlow's, the featurizers'
    vocabularies) are moved out of the garbage collector's sight: they live as long as the
    process, and every full collection would otherwise walk them all again."""
    import rasa.core.agent as agent_module

    if getattr(agent_module.load_agent, "freezes_after_loading", False):
        return
    load_agent = agent_module.load_agent

    async def load_agent_then_freeze(*args: Any, **kwargs: Any) -> Any:
        agent = await load_agent(*args, **kwargs)
        read_here_when_unanswered(agent)
        gc.collect()
        gc.freeze()
        return agent

    load_agent_then_freeze.freezes_after_loading = True
    agent_module.load_agent = load_agent_then_freeze


def prepare_rasa_process() -> None:
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.slots import Slot

    install_log_masking()
    use_fast_model_loading()
    use_sequential_graph_runner()
    use_fast_feature_combining()
    use_direct_prediction()
    use_rule_states()
    keep_sessions_open()
    use_nlu_server_interpreter()
    _freeze_what_loading_made()
    RemoteAction._validate_action_result = _validate_action_result
    Slot.__copy__ = copy_slot
    if Domain.is_empty is not domain_is_empty:
        global RASA_DOMAIN_IS_EMPTY
        RASA_DOMAIN_IS_EMPTY = Domain.is_empty
        Domain.is_empty = domain_is_empty
