pub mod scope;

use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, JoinHandle};

type Job = Box<dyn FnOnce() + Send + 'static>;

struct Shared {
    pending: AtomicUsize,
    panics: AtomicUsize,
    idle: (Mutex<()>, Condvar),
}

pub struct Pool {
    tx: Option<SyncSender<Job>>,
    workers: Vec<JoinHandle<()>>,
    sh: Arc<Shared>,
}

impl Pool {
    pub fn new(n: usize, queue: usize) -> Self {
        assert!(n > 0);
        let (tx, rx) = mpsc::sync_channel::<Job>(queue);
        let rx = Arc::new(Mutex::new(rx));
        let sh = Arc::new(Shared {
            pending: AtomicUsize::new(0),
            panics: AtomicUsize::new(0),
            idle: (Mutex::new(()), Condvar::new()),
        });
        let workers = (0..n)
            .map(|i| {
                let rx = Arc::clone(&rx);
                let sh = Arc::clone(&sh);
                thread::Builder::new()
                    .name(format!("pool-{i}"))
                    .spawn(move || run(rx, sh))
                    .expect("spawn worker")
            })
            .collect();
        Pool {
            tx: Some(tx),
            workers,
            sh,
        }
    }

    pub fn size(&self) -> usize {
        self.workers.len()
    }

    pub fn exec<F: FnOnce() + Send + 'static>(&self, f: F) {
        self.sh.pending.fetch_add(1, Ordering::SeqCst);
        self.tx
            .as_ref()
            .unwrap()
            .send(Box::new(f))
            .expect("pool closed");
    }

    pub fn submit<T, F>(&self, f: F) -> Receiver<thread::Result<T>>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let (tx, rx) = mpsc::sync_channel(1);
        self.exec(move || {
            let r = panic::catch_unwind(AssertUnwindSafe(f));
            let _ = tx.send(r);
        });
        rx
    }

    pub fn map<T, U, F>(&self, xs: Vec<T>, f: F) -> Vec<U>
    where
        T: Send + 'static,
        U: Send + 'static,
        F: Fn(T) -> U + Send + Sync + 'static,
    {
        let f = Arc::new(f);
        let rxs: Vec<_> = xs
            .into_iter()
            .map(|x| {
                let f = Arc::clone(&f);
                self.submit(move || f(x))
            })
            .collect();
        rxs.into_iter()
            .map(|rx| match rx.recv().expect("worker gone") {
                Ok(v) => v,
                Err(p) => panic::resume_unwind(p),
            })
            .collect()
    }

    pub fn wait(&self) {
        let (m, cv) = &self.sh.idle;
        let mut g = m.lock().unwrap();
        while self.sh.pending.load(Ordering::SeqCst) > 0 {
            g = cv.wait(g).unwrap();
        }
    }

    pub fn panics(&self) -> usize {
        self.sh.panics.load(Ordering::SeqCst)
    }
}

fn run(rx: Arc<Mutex<Receiver<Job>>>, sh: Arc<Shared>) {
    loop {
        let job = match rx.lock().unwrap().recv() {
            Ok(j) => j,
            Err(_) => return,
        };
        if panic::catch_unwind(AssertUnwindSafe(job)).is_err() {
            sh.panics.fetch_add(1, Ordering::SeqCst);
        }
        if sh.pending.fetch_sub(1, Ordering::SeqCst) == 1 {
            let _g = sh.idle.0.lock().unwrap();
            sh.idle.1.notify_all();
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        drop(self.tx.take());
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn map_keeps_order() {
        let p = Pool::new(4, 8);
        let out = p.map((0..50).collect(), |x: u64| {
            thread::sleep(Duration::from_micros(50 * (50 - x)));
            x * x
        });
        assert_eq!(out, (0..50).map(|x| x * x).collect::<Vec<_>>());
    }

    #[test]
    fn wait_drains() {
        let p = Pool::new(3, 2);
        let n = Arc::new(AtomicUsize::new(0));
        for _ in 0..100 {
            let n = Arc::clone(&n);
            p.exec(move || {
                n.fetch_add(1, Ordering::Relaxed);
            });
        }
        p.wait();
        assert_eq!(n.load(Ordering::Relaxed), 100);
    }

    #[test]
    fn panics_are_contained() {
        let p = Pool::new(2, 4);
        p.exec(|| panic!("boom"));
        let r = p.submit(|| 7).recv().unwrap();
        p.wait();
        assert_eq!(r.unwrap(), 7);
        assert_eq!(p.panics(), 1);
        assert!(p.submit(|| -> u8 { panic!("x") }).recv().unwrap().is_err());
    }
}
