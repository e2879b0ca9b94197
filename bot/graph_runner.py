"""The trained model's graph run node after node, in an order worked out once per target list.

Rasa runs its prediction graph through dask, which builds a task graph, orders it and
schedules it again for every message and every action prediction: a tenth of the Rasa
server's time under load. The graph is a dozen nodes that only ever run one after the other
in one thread, so the order is worked out once per list of targets and kept. Each node gets
what dask would give it: its parents' (name, output) pairs, or a parent's bare name when
nothing provided it.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text, Tuple

from rasa.engine.exceptions import GraphRunError
from rasa.engine.graph import GraphSchema
from rasa.engine.runner.dask import DaskGraphRunner


def run_order(schema: GraphSchema, targets: List[Text]) -> List[Text]:
    """The nodes the targets need, each after every node it needs (depth first)."""
    order: List[Text] = []
    done = set()

    def visit(name: Text, path: Tuple[Text, ...]) -> None:
        if name in done or name not in schema.nodes:  # an input, or a node without a provider
            return
        if name in path:
            raise GraphRunError(f"The graph has a cycle through '{name}'.")
        for parent in schema.nodes[name].needs.values():
            visit(parent, path + (name,))
        done.add(name)
        order.append(name)

    for target in targets:
        visit(target, ())
    return order


class SequentialGraphRunner(DaskGraphRunner):
    """DaskGraphRunner's nodes and results, without dask's scheduling."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._orders: Dict[Tuple[Text, ...], List[Text]] = {}  # per target list, the nodes in run order

    def run(self, inputs: Optional[Dict[Text, Any]] = None,
            targets: Optional[List[Text]] = None) -> Dict[Text, Any]:
        run_targets = list(targets) if targets else self._graph_schema.target_names
        key = tuple(run_targets)
        if key not in self._orders:
            self._orders[key] = run_order(self._graph_schema, run_targets)
        # An input stands in for the node of its name, as in dask's graph.
        results: Dict[Text, Any] = {name: (name, value) for name, value in (inputs or {}).items()}
        try:
            for name in self._orders[key]:
                if name in results:
                    continue
                needs = self._graph_schema.nodes[name].needs.values()
                results[name] = self._instantiated_nodes[name](*(results.get(n, n) for n in needs))
        except RuntimeError as error:  # as DaskGraphRunner reports it
            raise GraphRunError("Error running runner.") from error
        return dict(results[target] for target in run_targets)


def use_sequential_graph_runner() -> None:
    """Answer messages with the sequential runner (training keeps Rasa's dask runner)."""
    import rasa.core.processor

    rasa.core.processor.DaskGraphRunner = SequentialGraphRunner
