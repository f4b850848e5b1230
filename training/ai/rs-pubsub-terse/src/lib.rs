use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

mod topic;
pub use topic::Filter;

#[derive(Debug, Clone)]
pub struct Msg<T> {
    pub topic: Arc<str>,
    pub seq: u64,
    pub body: T,
}

struct Sub<T> {
    id: u64,
    f: Filter,
    tx: SyncSender<Msg<T>>,
    dropped: Arc<AtomicU64>,
}

pub struct Bus<T> {
    subs: Mutex<Vec<Sub<T>>>,
    seq: AtomicU64,
    next_id: AtomicU64,
}

pub struct Subscription<T> {
    pub id: u64,
    rx: Receiver<Msg<T>>,
    dropped: Arc<AtomicU64>,
}

impl<T> Subscription<T> {
    pub fn recv(&self) -> Option<Msg<T>> {
        self.rx.recv().ok()
    }

    pub fn recv_timeout(&self, d: Duration) -> Option<Msg<T>> {
        self.rx.recv_timeout(d).ok()
    }

    pub fn drain(&self) -> Vec<Msg<T>> {
        self.rx.try_iter().collect()
    }

    pub fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Sent {
    pub delivered: usize,
    pub full: usize,
}

impl<T: Clone> Bus<T> {
    pub fn new() -> Arc<Self> {
        Arc::new(Bus { subs: Mutex::new(vec![]), seq: AtomicU64::new(0), next_id: AtomicU64::new(1) })
    }

    pub fn subscribe(&self, filter: &str, cap: usize) -> Option<Subscription<T>> {
        let f = Filter::parse(filter)?;
        let (tx, rx) = mpsc::sync_channel(cap.max(1));
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let dropped = Arc::new(AtomicU64::new(0));
        self.subs.lock().unwrap().push(Sub { id, f, tx, dropped: dropped.clone() });
        Some(Subscription { id, rx, dropped })
    }

    pub fn unsubscribe(&self, id: u64) -> bool {
        let mut s = self.subs.lock().unwrap();
        let n = s.len();
        s.retain(|x| x.id != id);
        s.len() != n
    }

    pub fn publish(&self, topic: &str, body: T) -> Sent {
        let topic: Arc<str> = topic.into();
        let seq = self.seq.fetch_add(1, Ordering::Relaxed);
        let mut out = Sent::default();
        let mut gone = vec![];
        let mut subs = self.subs.lock().unwrap();
        for s in subs.iter().filter(|s| s.f.matches(&topic)) {
            let m = Msg { topic: topic.clone(), seq, body: body.clone() };
            match s.tx.try_send(m) {
                Ok(()) => out.delivered += 1,
                Err(TrySendError::Full(_)) => {
                    s.dropped.fetch_add(1, Ordering::Relaxed);
                    out.full += 1;
                }
                Err(TrySendError::Disconnected(_)) => gone.push(s.id),
            }
        }
        if !gone.is_empty() {
            subs.retain(|s| !gone.contains(&s.id));
        }
        out
    }

    pub fn len(&self) -> usize {
        self.subs.lock().unwrap().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::thread;

    #[test]
    fn routes_by_filter() {
        let bus = Bus::new();
        let all = bus.subscribe("#", 8).unwrap();
        let orders = bus.subscribe("orders.*", 8).unwrap();
        assert_eq!(bus.publish("orders.created", 1), Sent { delivered: 2, full: 0 });
        assert_eq!(bus.publish("users.created", 2), Sent { delivered: 1, full: 0 });
        assert_eq!(orders.drain().iter().map(|m| m.body).collect::<Vec<_>>(), [1]);
        assert_eq!(all.drain().len(), 2);
    }

    #[test]
    fn full_queue_counts_drops() {
        let bus = Bus::new();
        let s = bus.subscribe("x", 1).unwrap();
        bus.publish("x", "a");
        let r = bus.publish("x", "b");
        assert_eq!(r.full, 1);
        assert_eq!(s.dropped(), 1);
        assert_eq!(s.recv().unwrap().body, "a");
    }

    #[test]
    fn dropped_subscriber_is_pruned() {
        let bus = Bus::new();
        let s = bus.subscribe("x", 1).unwrap();
        let _keep = bus.subscribe("y", 1).unwrap();
        drop(s);
        bus.publish("x", ());
        assert_eq!(bus.len(), 1);
        assert!(!bus.unsubscribe(1));
    }

    #[test]
    fn across_threads() {
        let bus: Arc<Bus<u32>> = Bus::new();
        let s = bus.subscribe("n.#", 1000).unwrap();
        let hs: Vec<_> = (0..4)
            .map(|t| {
                let b = bus.clone();
                thread::spawn(move || {
                    for i in 0..100 {
                        b.publish(&format!("n.{t}"), i);
                    }
                })
            })
            .collect();
        hs.into_iter().for_each(|h| h.join().unwrap());
        let mut seqs: Vec<u64> = s.drain().into_iter().map(|m| m.seq).collect();
        seqs.sort();
        seqs.dedup();
        assert_eq!(seqs.len(), 400);
        assert!(s.recv_timeout(Duration::from_millis(5)).is_none());
    }
}
