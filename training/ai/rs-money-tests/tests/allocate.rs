use money::{Money, MoneyError, EUR, JPY};

fn minors(parts: &[Money]) -> Vec<i64> {
    parts.iter().map(Money::minor).collect()
}

#[test]
fn even_split_with_remainder() {
    let parts = Money::from_minor(100, EUR).allocate(&[1, 1, 1]).unwrap();
    assert_eq!(minors(&parts), [34, 33, 33]);
}

#[test]
fn weighted_split() {
    let parts = Money::from_minor(1000, EUR).allocate(&[70, 20, 10]).unwrap();
    assert_eq!(minors(&parts), [700, 200, 100]);
}

#[test]
fn remainder_goes_to_largest_fraction() {
    // 5 * [3,7]/10 = 1.5, 3.5 -> ties broken by position
    assert_eq!(minors(&Money::from_minor(5, EUR).allocate(&[3, 7]).unwrap()), [2, 3]);
    // 10 * [1,2,3]/6 = 1.67, 3.33, 5.0 -> first gets the cent
    assert_eq!(minors(&Money::from_minor(10, EUR).allocate(&[1, 2, 3]).unwrap()), [2, 3, 5]);
}

#[test]
fn zero_ratio_gets_nothing() {
    let parts = Money::from_minor(7, JPY).allocate(&[0, 1, 1]).unwrap();
    assert_eq!(minors(&parts), [0, 4, 3]);
}

#[test]
fn negative_amounts_sum_back() {
    let parts = Money::from_minor(-100, EUR).allocate(&[1, 1, 1]).unwrap();
    assert_eq!(parts.iter().map(Money::minor).sum::<i64>(), -100);
    assert!(parts.iter().all(|p| (-34..=-33).contains(&p.minor())), "{parts:?}");
}

#[test]
fn parts_keep_currency() {
    let parts = Money::from_minor(9, JPY).allocate(&[2, 1]).unwrap();
    assert!(parts.iter().all(|p| p.currency() == JPY));
}

#[test]
fn always_sums_to_original() {
    let ratio_sets: &[&[u32]] = &[&[1], &[1, 1], &[3, 1, 1], &[5, 0, 9, 2], &[1; 7], &[u32::MAX, 1]];
    for &amount in &[0i64, 1, 2, 99, 101, 12_345, -5, i64::MAX / 2] {
        for ratios in ratio_sets {
            let parts = Money::from_minor(amount, EUR).allocate(ratios).unwrap();
            assert_eq!(parts.len(), ratios.len());
            let sum: i128 = parts.iter().map(|p| p.minor() as i128).sum();
            assert_eq!(sum, amount as i128, "{amount} by {ratios:?}");
        }
    }
}

#[test]
fn no_part_is_off_by_more_than_one() {
    let amount = 1_001i64;
    let ratios = [3u32, 5, 11, 13];
    let total: u32 = ratios.iter().sum();
    let parts = Money::from_minor(amount, EUR).allocate(&ratios).unwrap();
    for (p, r) in parts.iter().zip(ratios) {
        let exact = amount as f64 * r as f64 / total as f64;
        assert!((p.minor() as f64 - exact).abs() < 1.0, "{} vs {exact}", p.minor());
    }
}

#[test]
fn rejects_empty_and_zero_ratios() {
    let m = Money::from_minor(10, EUR);
    assert_eq!(m.allocate(&[]), Err(MoneyError::EmptyRatios));
    assert_eq!(m.allocate(&[0, 0]), Err(MoneyError::ZeroRatios));
    assert_eq!(MoneyError::ZeroRatios.to_string(), "ratios sum to zero");
}
