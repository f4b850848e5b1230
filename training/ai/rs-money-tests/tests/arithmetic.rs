use money::{Money, MoneyError, EUR, JPY, KWD, USD};

fn eur(s: &str) -> Money {
    Money::parse(s, EUR).unwrap()
}

#[test]
fn parse_whole_and_fraction() {
    assert_eq!(eur("12.34").minor(), 1234);
    assert_eq!(eur("12.3").minor(), 1230);
    assert_eq!(eur("12").minor(), 1200);
    assert_eq!(eur("0.05").minor(), 5);
    assert_eq!(eur("-7.50").minor(), -750);
}

#[test]
fn parse_respects_exponent() {
    assert_eq!(Money::parse("1500", JPY).unwrap().minor(), 1500);
    assert_eq!(Money::parse("1.234", KWD).unwrap().minor(), 1234);
    assert!(Money::parse("1.5", JPY).is_err());
}

#[test]
fn parse_rejects_garbage() {
    for bad in ["", "-", ".5", "1.234", "1,00", "1.2a", "+3", "--1", " 1", "1e3"] {
        assert_eq!(
            Money::parse(bad, EUR),
            Err(MoneyError::Parse(bad.to_string())),
            "input {bad:?}"
        );
    }
}

#[test]
fn parse_overflow() {
    assert_eq!(Money::parse("92233720368547758.08", EUR), Err(MoneyError::Overflow));
    assert_eq!(Money::parse("92233720368547758.07", EUR).unwrap().minor(), i64::MAX);
}

#[test]
fn display_pads_fraction() {
    assert_eq!(eur("3.05").to_string(), "3.05 EUR");
    assert_eq!(eur("-0.5").to_string(), "-0.50 EUR");
    assert_eq!(Money::from_minor(-42, JPY).to_string(), "-42 JPY");
    assert_eq!(Money::from_minor(1, KWD).to_string(), "0.001 KWD");
    assert_eq!(Money::from_minor(i64::MIN, USD).to_string(), "-92233720368547758.08 USD");
}

#[test]
fn display_parse_roundtrip() {
    for minor in [0, 1, -1, 99, 100, 101, -123_456, 1_000_000_007] {
        let m = Money::from_minor(minor, EUR);
        let text = m.to_string();
        let number = text.trim_end_matches(" EUR");
        assert_eq!(Money::parse(number, EUR).unwrap(), m, "{text}");
    }
}

#[test]
fn add_and_sub() {
    assert_eq!(eur("1.10").checked_add(eur("2.95")).unwrap(), eur("4.05"));
    assert_eq!(eur("1.10").checked_sub(eur("2.95")).unwrap(), eur("-1.85"));
}

#[test]
fn add_different_currencies_fails() {
    let err = eur("1").checked_add(Money::zero(USD)).unwrap_err();
    assert_eq!(err, MoneyError::CurrencyMismatch("EUR", "USD"));
}

#[test]
fn add_overflow_is_an_error_not_a_panic() {
    let max = Money::from_minor(i64::MAX, EUR);
    assert_eq!(max.checked_add(eur("0.01")), Err(MoneyError::Overflow));
    let min = Money::from_minor(i64::MIN, EUR);
    assert_eq!(min.checked_sub(eur("0.01")), Err(MoneyError::Overflow));
}

#[test]
fn percent_rounds_half_to_even() {
    // 2.5% of 1.00 = 2.5 cents -> 2; 3.5 cents -> 4
    assert_eq!(eur("1.00").percent_bps(250).unwrap().minor(), 2);
    assert_eq!(eur("1.00").percent_bps(350).unwrap().minor(), 4);
    assert_eq!(eur("1.00").percent_bps(251).unwrap().minor(), 3);
    assert_eq!(eur("-1.00").percent_bps(250).unwrap().minor(), -2);
    assert_eq!(eur("-1.00").percent_bps(350).unwrap().minor(), -4);
}

#[test]
fn percent_common_rates() {
    assert_eq!(eur("19.99").percent_bps(1_900).unwrap(), eur("3.80"));
    assert_eq!(eur("100").percent_bps(10_000).unwrap(), eur("100"));
    assert_eq!(eur("100").percent_bps(0).unwrap(), eur("0"));
}

#[test]
fn percent_overflow() {
    let big = Money::from_minor(i64::MAX, EUR);
    assert_eq!(big.percent_bps(20_000), Err(MoneyError::Overflow));
}
