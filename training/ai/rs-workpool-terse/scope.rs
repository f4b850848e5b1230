use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

pub fn par_chunks<T, U, F>(xs: &[T], threads: usize, f: F) -> Vec<U>
where
    T: Sync,
    U: Send,
    F: Fn(&T) -> U + Sync,
{
    let n = threads.max(1).min(xs.len().max(1));
    let sz = (xs.len() + n - 1) / n.max(1);
    if sz == 0 {
        return vec![];
    }
    thread::scope(|s| {
        let hs: Vec<_> = xs
            .chunks(sz)
            .map(|c| s.spawn(|| c.iter().map(&f).collect::<Vec<_>>()))
            .collect();
        hs.into_iter().flat_map(|h| h.join().unwrap()).collect()
    })
}

pub fn par_for_each_dyn<T, F>(xs: &[T], threads: usize, f: F)
where
    T: Sync,
    F: Fn(usize, &T) + Sync,
{
    let next = AtomicUsize::new(0);
    thread::scope(|s| {
        for _ in 0..threads.max(1) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                match xs.get(i) {
                    Some(x) => f(i, x),
                    None => break,
                }
            });
        }
    });
}

pub fn par_reduce<T, A, M, R>(xs: &[T], threads: usize, id: A, map: M, red: R) -> A
where
    T: Sync,
    A: Send + Clone,
    M: Fn(A, &T) -> A + Sync,
    R: Fn(A, A) -> A,
{
    let n = threads.max(1);
    let sz = ((xs.len() + n - 1) / n).max(1);
    let parts: Vec<A> = thread::scope(|s| {
        xs.chunks(sz)
            .map(|c| {
                let a = id.clone();
                let map = &map;
                s.spawn(move || c.iter().fold(a, map))
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|h| h.join().unwrap())
            .collect()
    });
    parts.into_iter().fold(id, red)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn chunks() {
        let v: Vec<i32> = (1..=10).collect();
        assert_eq!(
            par_chunks(&v, 3, |x| x * 2),
            (1..=10).map(|x| x * 2).collect::<Vec<_>>()
        );
        assert!(par_chunks(&[] as &[i32], 4, |x| *x).is_empty());
    }

    #[test]
    fn dyn_visits_all() {
        let v = vec![1u8; 37];
        let seen = Mutex::new(vec![false; 37]);
        par_for_each_dyn(&v, 5, |i, _| seen.lock().unwrap()[i] = true);
        assert!(seen.into_inner().unwrap().into_iter().all(|b| b));
    }

    #[test]
    fn reduce_sum() {
        let v: Vec<u64> = (1..=1000).collect();
        assert_eq!(par_reduce(&v, 4, 0, |a, x| a + x, |a, b| a + b), 500500);
    }
}
