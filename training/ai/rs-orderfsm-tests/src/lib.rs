use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    Draft,
    Placed,
    Paid,
    Shipped,
    Delivered,
    Cancelled,
    Refunded,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Place { items: u32 },
    Pay { amount_cents: u64 },
    Ship { tracking: String },
    Deliver,
    Cancel { reason: String },
    Refund,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TransitionError {
    NotAllowed { from: State, event: &'static str },
    EmptyOrder,
    WrongAmount { expected: u64, got: u64 },
    MissingTracking,
}

impl fmt::Display for TransitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotAllowed { from, event } => {
                write!(f, "cannot {event} an order that is {from:?}")
            }
            Self::EmptyOrder => f.write_str("order has no items"),
            Self::WrongAmount { expected, got } => {
                write!(f, "payment of {got} does not match total {expected}")
            }
            Self::MissingTracking => f.write_str("tracking number is required"),
        }
    }
}

impl std::error::Error for TransitionError {}

impl Event {
    fn name(&self) -> &'static str {
        match self {
            Event::Place { .. } => "place",
            Event::Pay { .. } => "pay",
            Event::Ship { .. } => "ship",
            Event::Deliver => "deliver",
            Event::Cancel { .. } => "cancel",
            Event::Refund => "refund",
        }
    }
}

#[derive(Debug)]
pub struct Order {
    state: State,
    total_cents: u64,
    tracking: Option<String>,
    cancel_reason: Option<String>,
    history: Vec<(State, State)>,
}

impl Order {
    pub fn new(total_cents: u64) -> Self {
        Order {
            state: State::Draft,
            total_cents,
            tracking: None,
            cancel_reason: None,
            history: Vec::new(),
        }
    }

    pub fn state(&self) -> State {
        self.state
    }

    pub fn tracking(&self) -> Option<&str> {
        self.tracking.as_deref()
    }

    pub fn cancel_reason(&self) -> Option<&str> {
        self.cancel_reason.as_deref()
    }

    pub fn history(&self) -> &[(State, State)] {
        &self.history
    }

    pub fn is_terminal(&self) -> bool {
        matches!(
            self.state,
            State::Delivered | State::Cancelled | State::Refunded
        )
    }

    pub fn apply(&mut self, ev: Event) -> Result<State, TransitionError> {
        use State::*;
        let not_allowed = TransitionError::NotAllowed {
            from: self.state,
            event: ev.name(),
        };
        let next = match (self.state, ev) {
            (Draft, Event::Place { items }) => {
                if items == 0 {
                    return Err(TransitionError::EmptyOrder);
                }
                Placed
            }
            (Placed, Event::Pay { amount_cents }) => {
                if amount_cents != self.total_cents {
                    return Err(TransitionError::WrongAmount {
                        expected: self.total_cents,
                        got: amount_cents,
                    });
                }
                Paid
            }
            (Paid, Event::Ship { tracking }) => {
                let t = tracking.trim();
                if t.is_empty() {
                    return Err(TransitionError::MissingTracking);
                }
                self.tracking = Some(t.to_string());
                Shipped
            }
            (Shipped, Event::Deliver) => Delivered,
            (Draft | Placed | Paid, Event::Cancel { reason }) => {
                self.cancel_reason = Some(reason);
                if self.state == Paid {
                    Refunded
                } else {
                    Cancelled
                }
            }
            (Delivered, Event::Refund) => Refunded,
            _ => return Err(not_allowed),
        };
        self.history.push((self.state, next));
        self.state = next;
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_names_are_stable() {
        assert_eq!(Event::Place { items: 1 }.name(), "place");
        assert_eq!(Event::Pay { amount_cents: 0 }.name(), "pay");
        assert_eq!(
            Event::Ship {
                tracking: String::new()
            }
            .name(),
            "ship"
        );
        assert_eq!(Event::Deliver.name(), "deliver");
        assert_eq!(
            Event::Cancel {
                reason: String::new()
            }
            .name(),
            "cancel"
        );
        assert_eq!(Event::Refund.name(), "refund");
    }

    #[test]
    fn new_order_starts_in_draft_with_no_history() {
        let o = Order::new(500);
        assert_eq!(o.state(), State::Draft);
        assert!(o.history().is_empty());
        assert!(!o.is_terminal());
    }

    #[test]
    fn failed_transition_does_not_record_history() {
        let mut o = Order::new(500);
        let _ = o.apply(Event::Deliver);
        assert!(o.history.is_empty());
        assert_eq!(o.state, State::Draft);
    }

    #[test]
    fn error_messages() {
        let e = TransitionError::NotAllowed {
            from: State::Shipped,
            event: "cancel",
        };
        assert_eq!(e.to_string(), "cannot cancel an order that is Shipped");
        assert_eq!(
            TransitionError::WrongAmount {
                expected: 10,
                got: 9
            }
            .to_string(),
            "payment of 9 does not match total 10"
        );
    }
}
