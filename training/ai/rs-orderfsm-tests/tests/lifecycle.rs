use orderfsm::{Event, Order, State, TransitionError};

fn place() -> Event {
    Event::Place { items: 2 }
}

fn pay(amount_cents: u64) -> Event {
    Event::Pay { amount_cents }
}

fn ship(t: &str) -> Event {
    Event::Ship {
        tracking: t.to_string(),
    }
}

fn cancel(r: &str) -> Event {
    Event::Cancel {
        reason: r.to_string(),
    }
}

fn order_in(state: State) -> Order {
    let mut o = Order::new(1_999);
    let path: Vec<Event> = match state {
        State::Draft => vec![],
        State::Placed => vec![place()],
        State::Paid => vec![place(), pay(1_999)],
        State::Shipped => vec![place(), pay(1_999), ship("1Z999")],
        State::Delivered => vec![place(), pay(1_999), ship("1Z999"), Event::Deliver],
        State::Cancelled => vec![cancel("changed mind")],
        State::Refunded => vec![place(), pay(1_999), cancel("late")],
    };
    for ev in path {
        o.apply(ev).expect("setup path must be valid");
    }
    assert_eq!(o.state(), state);
    o
}

#[test]
fn happy_path_reaches_delivered() {
    let mut o = Order::new(1_999);
    assert_eq!(o.apply(place()), Ok(State::Placed));
    assert_eq!(o.apply(pay(1_999)), Ok(State::Paid));
    assert_eq!(o.apply(ship("  1Z999 ")), Ok(State::Shipped));
    assert_eq!(o.apply(Event::Deliver), Ok(State::Delivered));
    assert!(o.is_terminal());
    assert_eq!(o.tracking(), Some("1Z999"));
    assert_eq!(
        o.history(),
        &[
            (State::Draft, State::Placed),
            (State::Placed, State::Paid),
            (State::Paid, State::Shipped),
            (State::Shipped, State::Delivered),
        ]
    );
}

#[test]
fn placing_an_empty_order_fails() {
    let mut o = Order::new(0);
    assert_eq!(
        o.apply(Event::Place { items: 0 }),
        Err(TransitionError::EmptyOrder)
    );
    assert_eq!(o.state(), State::Draft);
}

#[test]
fn payment_must_match_total() {
    let mut o = order_in(State::Placed);
    for amount in [0, 1_998, 2_000, u64::MAX] {
        assert_eq!(
            o.apply(pay(amount)),
            Err(TransitionError::WrongAmount {
                expected: 1_999,
                got: amount
            })
        );
    }
    assert_eq!(o.state(), State::Placed);
    assert_eq!(o.apply(pay(1_999)), Ok(State::Paid));
}

#[test]
fn shipping_requires_tracking_number() {
    for blank in ["", "   ", "\t\n"] {
        let mut o = order_in(State::Paid);
        assert_eq!(o.apply(ship(blank)), Err(TransitionError::MissingTracking));
        assert_eq!(o.tracking(), None);
    }
}

#[test]
fn cancel_before_payment_cancels() {
    for s in [State::Draft, State::Placed] {
        let mut o = order_in(s);
        assert_eq!(o.apply(cancel("dup")), Ok(State::Cancelled), "from {s:?}");
        assert_eq!(o.cancel_reason(), Some("dup"));
    }
}

#[test]
fn cancel_after_payment_refunds() {
    let mut o = order_in(State::Paid);
    assert_eq!(o.apply(cancel("out of stock")), Ok(State::Refunded));
    assert_eq!(o.cancel_reason(), Some("out of stock"));
    assert!(o.is_terminal());
}

#[test]
fn delivered_orders_can_be_refunded_once() {
    let mut o = order_in(State::Delivered);
    assert_eq!(o.apply(Event::Refund), Ok(State::Refunded));
    assert!(matches!(
        o.apply(Event::Refund),
        Err(TransitionError::NotAllowed {
            from: State::Refunded,
            event: "refund"
        })
    ));
}

/// Every (state, event) pair that is not in the transition table must be rejected
/// and leave the order untouched.
#[test]
fn disallowed_transitions_are_rejected() {
    let all_states = [
        State::Draft,
        State::Placed,
        State::Paid,
        State::Shipped,
        State::Delivered,
        State::Cancelled,
        State::Refunded,
    ];
    let allowed = [
        (State::Draft, "place"),
        (State::Placed, "pay"),
        (State::Paid, "ship"),
        (State::Shipped, "deliver"),
        (State::Draft, "cancel"),
        (State::Placed, "cancel"),
        (State::Paid, "cancel"),
        (State::Delivered, "refund"),
    ];
    let events: Vec<(&str, fn() -> Event)> = vec![
        ("place", place),
        ("pay", || pay(1_999)),
        ("ship", || ship("T1")),
        ("deliver", || Event::Deliver),
        ("cancel", || cancel("x")),
        ("refund", || Event::Refund),
    ];

    for &s in &all_states {
        for (name, make) in &events {
            let mut o = order_in(s);
            let before = o.history().len();
            let res = o.apply(make());
            if allowed.contains(&(s, *name)) {
                assert!(res.is_ok(), "{name} from {s:?} should be allowed: {res:?}");
            } else {
                assert_eq!(
                    res,
                    Err(TransitionError::NotAllowed {
                        from: s,
                        event: name
                    }),
                    "{name} from {s:?}"
                );
                assert_eq!(o.state(), s);
                assert_eq!(o.history().len(), before);
            }
        }
    }
}

#[test]
fn terminal_states() {
    let terminal: Vec<State> = [
        State::Draft,
        State::Placed,
        State::Paid,
        State::Shipped,
        State::Delivered,
        State::Cancelled,
        State::Refunded,
    ]
    .into_iter()
    .filter(|&s| order_in(s).is_terminal())
    .collect();
    assert_eq!(
        terminal,
        vec![State::Delivered, State::Cancelled, State::Refunded]
    );
}
