"""Loading the trained DIET model for prediction in a few seconds instead of twenty.

Rasa builds the model's weights by training it for one step on an example (`fit`), which
traces TensorFlow's whole training graph with its gradients: three quarters of the time the
server takes to start. For answering messages only the prediction graph is needed. Here the
saved weights are loaded first and restored as one prediction creates the variables; every
variable created must have come from the saved model, or Rasa's own way is used instead.
"""
from __future__ import annotations

import logging
from typing import Any, Optional

logger = logging.getLogger(__name__)


def load_for_prediction(cls: Any, model_file_name: str, model_data_example: Any,
                        predict_data_example: Optional[Any] = None, finetune_mode: bool = False,
                        *args: Any, **kwargs: Any) -> Any:
    from rasa.utils.tensorflow.models import RasaModel

    rasa_load = RasaModel.__dict__["_rasa_load"].__func__
    if finetune_mode or predict_data_example is None:
        return rasa_load(cls, model_file_name, model_data_example, predict_data_example, finetune_mode,
                         *args, **kwargs)
    model = cls(*args, **kwargs)
    restored = model.load_weights(model_file_name)
    model.run_inference(predict_data_example)
    try:
        restored.assert_existing_objects_matched()
    except AssertionError as error:
        logger.warning("Fast model load incomplete (%s); loading it the usual way.", error)
        return rasa_load(cls, model_file_name, model_data_example, predict_data_example, finetune_mode,
                         *args, **kwargs)
    restored.expect_partial()  # the optimizer's state is saved too, and not needed to answer
    return model


def use_fast_model_loading() -> None:
    from rasa.utils.tensorflow.models import RasaModel

    if "_rasa_load" not in RasaModel.__dict__:
        RasaModel._rasa_load = RasaModel.__dict__["load"]
        RasaModel.load = classmethod(load_for_prediction)
