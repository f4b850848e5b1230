"""What the server remembers about text it has seen: lines deleted recently (so that
undo, redo and moves are recognised when they come back) and lines known to be AI
(so that a copy or move of flagged or tagged text inherits its provenance)."""

from __future__ import annotations

from collections import Counter, OrderedDict, deque
from dataclasses import dataclass, field

from provmark.core.lines import is_solid, normalize
from provmark.settings import Settings


class RecentDeletions:
    """A bounded multiset of normalised lines deleted in this session."""

    def __init__(self, capacity: int = 50_000):
        self.capacity = capacity
        self._order: deque[str] = deque()
        self._count: Counter[str] = Counter()

    def add(self, text: str) -> None:
        for line in text.splitlines():
            norm = normalize(line)
            if not is_solid(norm):
                continue
            self._order.append(norm)
            self._count[norm] += 1
            if len(self._order) > self.capacity:
                old = self._order.popleft()
                self._count[old] -= 1
                if self._count[old] <= 0:
                    del self._count[old]

    def __contains__(self, norm: str) -> bool:
        return norm in self._count


@dataclass(frozen=True)
class Provenance:
    score: float
    tool: str | None
    tagged: bool  # from a sidecar record rather than a flag
    insertion: str


class AiLines:
    """Normalised lines that are flagged or tagged AI, newest kept when full."""

    def __init__(self, capacity: int = 200_000):
        self.capacity = capacity
        self._map: OrderedDict[str, Provenance] = OrderedDict()

    def add(self, lines: list[str], prov: Provenance) -> None:
        self.add_norms([normalize(x) for x in lines], prov)

    def add_norms(self, norms: list[str], prov: Provenance) -> None:
        """Lines already normalised."""
        for norm in norms:
            if not is_solid(norm):
                continue
            self._map[norm] = prov
            self._map.move_to_end(norm)
        while len(self._map) > self.capacity:
            self._map.popitem(last=False)

    def lookup(self, norms: list[str]) -> tuple[float, Provenance | None]:
        """Fraction of `norms` known as AI, and the provenance most of them share."""
        if not norms:
            return 0.0, None
        # get, not `in` then []: the judging thread reads while the loop adds and evicts.
        found = [p for p in map(self._map.get, norms) if p is not None]
        if not found:
            return 0.0, None
        best = Counter(found).most_common(1)[0][0]
        return len(found) / len(norms), best


@dataclass
class Memory:
    """What the tracker knows across documents, shared by its parts."""

    settings: Settings
    ai: AiLines = field(default_factory=AiLines)
    deleted: RecentDeletions = field(default_factory=RecentDeletions)
