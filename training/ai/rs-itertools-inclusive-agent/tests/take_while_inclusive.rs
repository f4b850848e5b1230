use itertools::Itertools;
use itertools::put_back;

#[test]
fn take_while_inclusive_stops_after_rejected() {
    let mut r = 1..10;
    let taken: Vec<_> = r.take_while_inclusive(|x| x % 4 != 0).collect();
    assert_eq!(taken, vec![1, 2, 3, 4]);
    assert_eq!(r.next(), Some(5));
}

#[test]
fn take_while_inclusive_all_accepted() {
    let mut r = 0..3;
    let taken: Vec<_> = r.take_while_inclusive(|_| true).collect();
    assert_eq!(taken, vec![0, 1, 2]);
    assert_eq!(r.next(), None);
}

#[test]
fn take_while_inclusive_first_rejected() {
    let mut r = 0..3;
    let taken: Vec<_> = r.take_while_inclusive(|_| false).collect();
    assert_eq!(taken, vec![0]);
    assert_eq!(r.next(), Some(1));
}

#[test]
fn take_while_inclusive_empty() {
    let mut r = 0..0;
    assert_eq!(r.take_while_inclusive(|_| true).next(), None);
}

#[test]
fn take_while_inclusive_is_fused() {
    let mut r = vec![1, 2, 3, 1, 1].into_iter();
    let mut it = r.take_while_inclusive(|x| *x < 2);
    assert_eq!(it.next(), Some(1));
    assert_eq!(it.next(), Some(2));
    assert_eq!(it.next(), None);
    assert_eq!(it.next(), None);
    assert_eq!(r.next(), Some(3));
}

#[test]
fn take_while_inclusive_size_hint() {
    let mut r = 0..10;
    let mut it = r.take_while_inclusive(|x| *x < 1);
    assert_eq!(it.size_hint(), (0, Some(10)));
    it.next();
    it.next();
    assert_eq!(it.size_hint(), (0, Some(0)));
}

#[test]
fn take_while_inclusive_put_back() {
    let mut r = put_back(0..10);
    r.take_while_inclusive(|x| *x <= 3).count();
    assert_eq!(r.next(), Some(5));
}

#[test]
fn split_after() {
    let words = "a. b c. d".split(' ');
    let groups = words.split_after(|w| w.ends_with('.')).collect_vec();
    assert_eq!(groups, vec![vec!["a."], vec!["b", "c."], vec!["d"]]);
}

#[test]
fn split_after_trailing_match() {
    let groups = vec![0, 1, 0].into_iter().split_after(|x| *x == 0).collect_vec();
    assert_eq!(groups, vec![vec![0], vec![1, 0]]);
}

#[test]
fn split_after_empty() {
    let mut it = (0..0).split_after(|_: &i32| true);
    assert_eq!(it.size_hint(), (0, Some(0)));
    assert_eq!(it.next(), None);
}

#[test]
fn split_after_size_hint() {
    let it = (0..4).split_after(|x| *x == 1);
    assert_eq!(it.size_hint(), (1, Some(4)));
    assert_eq!(it.count(), 2);
}
