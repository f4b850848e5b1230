use bitset::BitSet;
use std::collections::BTreeSet;

fn bs(xs: &[usize]) -> BitSet {
    xs.iter().copied().collect()
}

fn members(s: &BitSet) -> Vec<usize> {
    s.iter().collect()
}

#[test]
fn union_of_disjoint_sets() {
    let mut a = bs(&[1, 2]);
    a.union_with(&bs(&[100, 200]));
    assert_eq!(members(&a), vec![1, 2, 100, 200]);
}

#[test]
fn union_with_smaller_set_keeps_high_bits() {
    let mut a = bs(&[1, 500]);
    a.union_with(&bs(&[3]));
    assert_eq!(members(&a), vec![1, 3, 500]);
}

#[test]
fn union_with_empty_is_identity() {
    let mut a = bs(&[7, 77]);
    a.union_with(&BitSet::new());
    assert_eq!(a, bs(&[7, 77]));
}

#[test]
fn intersection() {
    let cases: &[(&[usize], &[usize], &[usize])] = &[
        (&[1, 2, 3], &[2, 3, 4], &[2, 3]),
        (&[1, 2, 3], &[], &[]),
        (&[], &[1], &[]),
        (&[64, 65, 300], &[65, 300, 301], &[65, 300]),
        (&[1000], &[1], &[]),
    ];
    for &(a, b, want) in cases {
        let mut s = bs(a);
        s.intersect_with(&bs(b));
        assert_eq!(members(&s), want, "{:?} & {:?}", a, b);
        // an empty result must compare equal to a fresh set
        if want.is_empty() {
            assert_eq!(s, BitSet::new());
        }
    }
}

#[test]
fn difference() {
    let cases: &[(&[usize], &[usize], &[usize])] = &[
        (&[1, 2, 3], &[2], &[1, 3]),
        (&[1, 2, 3], &[1, 2, 3], &[]),
        (&[1, 200], &[200, 201], &[1]),
        (&[5], &[], &[5]),
        (&[], &[5], &[]),
    ];
    for &(a, b, want) in cases {
        let mut s = bs(a);
        s.difference_with(&bs(b));
        assert_eq!(members(&s), want, "{:?} - {:?}", a, b);
    }
}

#[test]
fn subset_relation() {
    assert!(bs(&[]).is_subset(&bs(&[])));
    assert!(bs(&[]).is_subset(&bs(&[1])));
    assert!(bs(&[1, 70]).is_subset(&bs(&[1, 2, 70])));
    assert!(!bs(&[1, 70]).is_subset(&bs(&[1])));
    assert!(!bs(&[300]).is_subset(&bs(&[1, 2, 3])));
}

#[test]
fn clear_empties_the_set() {
    let mut s = bs(&[1, 2, 3, 999]);
    s.clear();
    assert!(s.is_empty());
    assert_eq!(s, BitSet::new());
}

#[test]
fn extend_adds_members() {
    let mut s = bs(&[1]);
    s.extend(vec![4, 1, 9]);
    assert_eq!(members(&s), vec![1, 4, 9]);
}

#[test]
fn for_loop_over_reference() {
    let s = bs(&[3, 1, 2]);
    let mut total = 0;
    for i in &s {
        total += i;
    }
    assert_eq!(total, 6);
}

/// Compare against BTreeSet over a deterministic pseudo-random sequence.
#[test]
fn agrees_with_btreeset_model() {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };

    let mut a = BitSet::new();
    let mut b = BitSet::new();
    let mut ma = BTreeSet::new();
    let mut mb = BTreeSet::new();

    for _ in 0..2000 {
        let r = next();
        let i = (r >> 8) as usize % 700;
        match r % 5 {
            0 | 1 => assert_eq!(a.insert(i), ma.insert(i)),
            2 => assert_eq!(a.remove(i), ma.remove(&i)),
            3 => assert_eq!(b.insert(i), mb.insert(i)),
            _ => assert_eq!(b.remove(i), mb.remove(&i)),
        }
        assert_eq!(a.len(), ma.len());
        assert_eq!(a.max(), ma.iter().next_back().copied());
    }

    let mut u = a.clone();
    u.union_with(&b);
    assert_eq!(members(&u), ma.union(&mb).copied().collect::<Vec<_>>());

    let mut n = a.clone();
    n.intersect_with(&b);
    assert_eq!(
        members(&n),
        ma.intersection(&mb).copied().collect::<Vec<_>>()
    );

    let mut d = a.clone();
    d.difference_with(&b);
    assert_eq!(members(&d), ma.difference(&mb).copied().collect::<Vec<_>>());

    assert_eq!(n.is_subset(&a), true);
    assert_eq!(a.is_subset(&b), ma.is_subset(&mb));
}
