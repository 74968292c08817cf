"""How a grouping is scored against gold stories: B-cubed precision, recall and F1 (Bagga and
Baldwin 1998), the measure the streaming news clustering literature reports."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence


def bcubed(pred: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """Precision, recall and F1 of predicted labels against gold labels, item by item."""
    if len(pred) != len(gold):
        raise ValueError(f"{len(pred)} predicted labels for {len(gold)} gold ones")
    if not gold:
        return 0.0, 0.0, 0.0
    by_pred: dict[str, set[int]] = defaultdict(set)
    by_gold: dict[str, set[int]] = defaultdict(set)
    for i, (p, g) in enumerate(zip(pred, gold, strict=True)):
        by_pred[p].add(i)
        by_gold[g].add(i)
    precision = recall = 0.0
    for p, g in zip(pred, gold, strict=True):
        both = len(by_pred[p] & by_gold[g])
        precision += both / len(by_pred[p])
        recall += both / len(by_gold[g])
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)
