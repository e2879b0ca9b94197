"""Combining a message's sparse features without scipy's `hstack`.

Before DIET reads a message, Rasa joins the sparse features of the regex, lexical and two
count-vector featurizers side by side, one pair at a time, with `scipy.sparse.hstack`, after
a deep copy of the first. `hstack` converts, checks and re-allocates at every step: about a
fourteenth of the Rasa server's time per message under load. Joining all of them at once
from their coordinates gives the same matrix, in the same (COO) format.
"""
from __future__ import annotations

from typing import List, Optional, Text

import numpy as np
import scipy.sparse
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message

RASA_COMBINE = Message._combine_features


def combine_features(features: List[Features], featurizers: List[Text]) -> Optional[Features]:
    if not features:
        return None
    first = features[0]
    if len(features) == 1 or not all(f.is_sparse() for f in features):
        return RASA_COMBINE(features, featurizers)
    rows = first.features.shape[0]
    for f in features[1:]:
        if f.features.shape[0] != rows:
            raise ValueError(f"Cannot combine sparse features as sequence dimensions do not "
                             f"match: {rows} != {f.features.shape[0]}.")
    parts = [f.features.tocoo() for f in features]
    offsets = np.cumsum([0] + [p.shape[1] for p in parts])
    dtype = np.result_type(*(p.dtype for p in parts))
    matrix = scipy.sparse.coo_matrix(
        (np.concatenate([p.data for p in parts]).astype(dtype, copy=False),
         (np.concatenate([p.row for p in parts]),
          np.concatenate([p.col + offset for p, offset in zip(parts, offsets)]))),
        shape=(rows, int(offsets[-1])))
    return Features(matrix, first.type, first.attribute, featurizers)


def use_fast_feature_combining() -> None:
    Message._combine_features = staticmethod(combine_features)
