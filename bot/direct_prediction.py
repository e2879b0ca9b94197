"""DIET's prediction graph called directly, without TensorFlow's per-call dispatch.

Rasa wraps DIET's prediction step in a `tf.function` with one input signature, so there is
only ever one compiled graph. Still, every call goes through TensorFlow's dispatch: it
canonicalizes the arguments, builds a cache key from their types and looks the graph up
again, which was a fifth of the NLU server's time per message, as much as running the graph.
Once the graph exists, each message's arrays are converted to the signature's types and
handed to it, as TensorFlow's own dispatch ends up doing. A batch that does not fit the
signature goes through TensorFlow's own path, which reports it as before.
"""
from __future__ import annotations

from typing import Any, Callable, Optional, Sequence

import numpy as np

RASA_PREDICT: Optional[Callable] = None  # Rasa's own RasaModel._rasa_predict, once replaced


class DirectPredictStep:
    """Stands in for a model's `_tf_predict_step` (a tf.function with an input signature)."""

    def __init__(self, function: Any) -> None:
        import tensorflow as tf

        self.to_tensor = tf.convert_to_tensor
        self.function = function
        self.graph = function.get_concrete_function()
        (self.specs,), _ = self.graph.structured_input_signature  # one argument: the list of arrays

    def fits(self, batch: Sequence[np.ndarray]) -> bool:
        """Each array has the rank and last dimension its spec allows (other dimensions are free)."""
        if len(batch) != len(self.specs):
            return False
        for array, spec in zip(batch, self.specs):
            shape = spec.shape
            if len(array.shape) != shape.rank or (shape.rank > 1 and array.shape[-1] != shape[-1]):
                return False
        return True

    def __call__(self, batch: Sequence[np.ndarray]) -> Any:
        if not self.fits(batch):
            return self.function(batch)
        tensors = [self.to_tensor(array, dtype=spec.dtype) for array, spec in zip(batch, self.specs)]
        return self.graph._call_flat(tensors, self.graph.captured_inputs)


def _rasa_predict(self: Any, batch_in: Any) -> Any:
    step = self._tf_predict_step
    if step is not None and not isinstance(step, DirectPredictStep) and not self._run_eagerly:
        self._tf_predict_step = DirectPredictStep(step)
    return RASA_PREDICT(self, batch_in)


def use_direct_prediction() -> None:
    # TensorFlow is imported here, by the servers that predict, not by whoever imports bot/.
    from rasa.utils.tensorflow.models import RasaModel

    global RASA_PREDICT
    if RasaModel._rasa_predict is not _rasa_predict:
        RASA_PREDICT = RasaModel._rasa_predict
        RasaModel._rasa_predict = _rasa_predict
