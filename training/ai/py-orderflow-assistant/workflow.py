"""
A small, explicit finite-state machine for an order's lifecycle.

Design goals:

* Transitions are declared as data, so the full lifecycle can be read (and
  rendered as a diagram) in one place.
* Guards can veto a transition with a human-readable reason.
* Every transition is recorded in an append-only history, which makes the
  machine easy to audit and to rebuild from storage.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Optional


class OrderState(str, enum.Enum):
    """All states an order can be in."""

    DRAFT = "draft"
    PLACED = "placed"
    PAID = "paid"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"


# States from which no further transition is possible.
TERMINAL_STATES = frozenset({OrderState.DELIVERED, OrderState.CANCELLED, OrderState.REFUNDED})


class TransitionError(Exception):
    """Raised when an event is not allowed in the current state."""

    def __init__(self, event: str, state: OrderState, reason: str = "") -> None:
        self.event = event
        self.state = state
        self.reason = reason
        message = f"cannot '{event}' an order that is {state.value}"
        if reason:
            message += f": {reason}"
        super().__init__(message)


# A guard receives the order and the event payload. It returns None when the
# transition may proceed, or a string explaining why it may not.
Guard = Callable[["Order", dict[str, Any]], Optional[str]]
# An action runs after the state has changed.
Action = Callable[["Order", dict[str, Any]], None]


@dataclass(frozen=True)
class Transition:
    """A declared edge of the state machine."""

    event: str
    sources: frozenset[OrderState]
    target: OrderState
    guards: tuple[Guard, ...] = ()
    actions: tuple[Action, ...] = ()


@dataclass(frozen=True)
class HistoryRecord:
    """One entry of the audit trail."""

    event: str
    source: OrderState
    target: OrderState
    at: datetime
    actor: Optional[str] = None
    note: Optional[str] = None


@dataclass
class Order:
    """The entity whose lifecycle the machine controls."""

    id: str
    total_cents: int
    state: OrderState = OrderState.DRAFT
    paid_cents: int = 0
    tracking_number: Optional[str] = None
    history: list[HistoryRecord] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.total_cents < 0:
            raise ValueError("total_cents must not be negative")


# --- guards -----------------------------------------------------------------


def has_items(order: Order, payload: dict[str, Any]) -> Optional[str]:
    """An order with a zero total has nothing in it."""
    return None if order.total_cents > 0 else "the order is empty"


def payment_covers_total(order: Order, payload: dict[str, Any]) -> Optional[str]:
    """The payment amount in the payload must cover what is still owed."""
    amount = payload.get("amount_cents")
    if not isinstance(amount, int) or amount <= 0:
        return "a positive integer 'amount_cents' is required"
    owed = order.total_cents - order.paid_cents
    if amount < owed:
        return f"payment of {amount} does not cover {owed}"
    return None


def has_tracking_number(order: Order, payload: dict[str, Any]) -> Optional[str]:
    """Shipping needs a non-empty tracking number."""
    tracking = payload.get("tracking_number")
    if not isinstance(tracking, str) or not tracking.strip():
        return "a tracking number is required"
    return None


# --- actions ----------------------------------------------------------------


def record_payment(order: Order, payload: dict[str, Any]) -> None:
    order.paid_cents += payload["amount_cents"]


def record_tracking(order: Order, payload: dict[str, Any]) -> None:
    order.tracking_number = payload["tracking_number"].strip()


def clear_payment(order: Order, payload: dict[str, Any]) -> None:
    order.paid_cents = 0


S = OrderState
TRANSITIONS: tuple[Transition, ...] = (
    Transition("place", frozenset({S.DRAFT}), S.PLACED, guards=(has_items,)),
    Transition(
        "pay",
        frozenset({S.PLACED}),
        S.PAID,
        guards=(payment_covers_total,),
        actions=(record_payment,),
    ),
    Transition(
        "ship",
        frozenset({S.PAID}),
        S.SHIPPED,
        guards=(has_tracking_number,),
        actions=(record_tracking,),
    ),
    Transition("deliver", frozenset({S.SHIPPED}), S.DELIVERED),
    Transition("cancel", frozenset({S.DRAFT, S.PLACED}), S.CANCELLED),
    Transition("refund", frozenset({S.PAID, S.SHIPPED}), S.REFUNDED, actions=(clear_payment,)),
)


class OrderMachine:
    """
    Applies events to orders according to a transition table.

    The machine itself is stateless; all state lives on the :class:`Order`,
    so one machine can serve any number of orders.
    """

    def __init__(
        self,
        transitions: Iterable[Transition] = TRANSITIONS,
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    ) -> None:
        self._by_event: dict[str, list[Transition]] = {}
        for t in transitions:
            self._by_event.setdefault(t.event, []).append(t)
        self._check_unambiguous()
        self._clock = clock
        self._listeners: list[Callable[[Order, HistoryRecord], None]] = []

    def _check_unambiguous(self) -> None:
        """Make sure no (event, source state) pair leads to two targets."""
        for event, options in self._by_event.items():
            seen: set[OrderState] = set()
            for t in options:
                overlap = seen & t.sources
                if overlap:
                    names = ", ".join(sorted(s.value for s in overlap))
                    raise ValueError(f"event '{event}' is ambiguous in state(s): {names}")
                seen |= t.sources

    def subscribe(self, listener: Callable[[Order, HistoryRecord], None]) -> None:
        """Register a callback invoked after every successful transition."""
        self._listeners.append(listener)

    def _find(self, order: Order, event: str) -> Transition:
        options = self._by_event.get(event)
        if options is None:
            raise TransitionError(event, order.state, "unknown event")
        for t in options:
            if order.state in t.sources:
                return t
        raise TransitionError(event, order.state)

    def available_events(self, order: Order) -> list[str]:
        """Events that are structurally allowed now (guards are not evaluated)."""
        return sorted(
            event
            for event, options in self._by_event.items()
            if any(order.state in t.sources for t in options)
        )

    def can(self, order: Order, event: str, **payload: Any) -> bool:
        """Return True if ``event`` would succeed, without changing anything."""
        try:
            t = self._find(order, event)
        except TransitionError:
            return False
        return all(guard(order, payload) is None for guard in t.guards)

    def fire(
        self,
        order: Order,
        event: str,
        *,
        actor: Optional[str] = None,
        note: Optional[str] = None,
        **payload: Any,
    ) -> HistoryRecord:
        """
        Apply ``event`` to ``order``.

        Guards are evaluated before anything changes, so a rejected event
        leaves the order untouched.

        Raises:
            TransitionError: if the event is unknown, not allowed in the
                current state, or vetoed by a guard.
        """
        t = self._find(order, event)
        for guard in t.guards:
            reason = guard(order, payload)
            if reason is not None:
                raise TransitionError(event, order.state, reason)

        record = HistoryRecord(
            event=event,
            source=order.state,
            target=t.target,
            at=self._clock(),
            actor=actor,
            note=note,
        )
        order.state = t.target
        for action in t.actions:
            action(order, payload)
        order.history.append(record)

        for listener in self._listeners:
            listener(order, record)
        return record

    def to_dot(self) -> str:
        """Render the transition table as a Graphviz DOT graph."""
        lines = ["digraph order {", "  rankdir=LR;"]
        for state in OrderState:
            shape = "doublecircle" if state in TERMINAL_STATES else "circle"
            lines.append(f"  {state.value} [shape={shape}];")
        for options in self._by_event.values():
            for t in options:
                for source in sorted(t.sources, key=lambda s: s.value):
                    lines.append(f'  {source.value} -> {t.target.value} [label="{t.event}"];')
        lines.append("}")
        return "\n".join(lines)
