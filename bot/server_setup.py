"""Set-up of the Rasa server process, run when it loads the assistant's channels (before
the model is loaded): log masking, the fast model load (bot/model_loading.py), connections
to the action server kept open (bot/kept_sessions.py), the loaded model kept out of the
garbage collector's walks, and the check of action server replies below.

Rasa checks every action server reply against a JSON schema with `jsonschema.validate`,
which re-checks the schema itself each time: a third of the server's time under load.
The same check with the validator built once gives the same result for a fraction of it.
"""
from __future__ import annotations

import gc
from functools import lru_cache
from typing import Any, Dict

from bot.kept_sessions import keep_sessions_open
from bot.model_loading import use_fast_model_loading
from bot.privacy import install_log_masking


@lru_cache(maxsize=1)
def _action_result_validator():
    from jsonschema import validators
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    return validators.validator_for(schema)(schema)


def _validate_action_result(self, result: Dict[str, Any]) -> bool:
    from jsonschema import ValidationError
    from rasa.shared.constants import DOCS_BASE_URL

    try:
        _action_result_validator().validate(result)
        return True
    except ValidationError as error:  # worded as Rasa's own check words it
        error.message += (". Failed to validate Action server response from API, make sure your response "
                          "from the Action endpoint is valid. For more information about the format visit "
                          f"{DOCS_BASE_URL}/custom-actions")
        raise error


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
        gc.collect()
        gc.freeze()
        return agent

    load_agent_then_freeze.freezes_after_loading = True
    agent_module.load_agent = load_agent_then_freeze


def prepare_rasa_process() -> None:
    from rasa.core.actions.action import RemoteAction

    install_log_masking()
    use_fast_model_loading()
    keep_sessions_open()
    _freeze_what_loading_made()
    RemoteAction._validate_action_result = _validate_action_result
