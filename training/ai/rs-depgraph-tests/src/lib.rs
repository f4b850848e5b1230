//! A small dependency graph for build steps, packages or migrations: nodes
//! are named, edges point from a node to the things it depends on, and
//! ordering functions return dependencies before their dependents.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphError {
    /// A node depends on a name that was never added.
    Missing { node: String, dependency: String },
    /// The listed nodes form a cycle; the first node is repeated at the end.
    Cycle(Vec<String>),
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GraphError::Missing { node, dependency } => {
                write!(f, "{node} depends on unknown node {dependency}")
            }
            GraphError::Cycle(path) => write!(f, "dependency cycle: {}", path.join(" -> ")),
        }
    }
}

impl std::error::Error for GraphError {}

#[derive(Debug, Default, Clone)]
pub struct DepGraph {
    deps: BTreeMap<String, BTreeSet<String>>,
}

impl DepGraph {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a node (if new) together with its dependencies. Calling this
    /// again for the same node adds to its dependency set.
    pub fn add<I, S>(&mut self, node: &str, deps: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let entry = self.deps.entry(node.to_string()).or_default();
        entry.extend(deps.into_iter().map(Into::into));
        self
    }

    pub fn len(&self) -> usize {
        self.deps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.deps.is_empty()
    }

    pub fn contains(&self, node: &str) -> bool {
        self.deps.contains_key(node)
    }

    pub fn dependencies(&self, node: &str) -> Option<impl Iterator<Item = &str>> {
        self.deps.get(node).map(|d| d.iter().map(String::as_str))
    }

    fn check_missing(&self) -> Result<(), GraphError> {
        for (node, deps) in &self.deps {
            if let Some(dep) = deps.iter().find(|d| !self.deps.contains_key(*d)) {
                return Err(GraphError::Missing {
                    node: node.clone(),
                    dependency: dep.clone(),
                });
            }
        }
        Ok(())
    }

    /// Groups nodes into layers: every node's dependencies are in earlier
    /// layers, so the nodes of one layer can run in parallel. Layers are
    /// sorted by name, which makes the result deterministic.
    pub fn layers(&self) -> Result<Vec<Vec<String>>, GraphError> {
        self.check_missing()?;
        if let Some((n, _)) = self.deps.iter().find(|(n, d)| d.contains(*n)) {
            return Err(GraphError::Cycle(vec![n.clone(), n.clone()]));
        }
        let mut pending: BTreeMap<&str, usize> = self
            .deps
            .iter()
            .map(|(n, d)| (n.as_str(), d.len()))
            .collect();
        let mut dependents: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (n, deps) in &self.deps {
            for d in deps {
                dependents.entry(d.as_str()).or_default().push(n.as_str());
            }
        }

        let mut layers = Vec::new();
        let mut ready: Vec<&str> = pending
            .iter()
            .filter(|(_, c)| **c == 0)
            .map(|(n, _)| *n)
            .collect();
        let mut done = 0;
        while !ready.is_empty() {
            let mut next = Vec::new();
            for n in &ready {
                pending.remove(n);
                for d in dependents.get(n).into_iter().flatten() {
                    let c = pending.get_mut(d).expect("dependent is pending");
                    *c -= 1;
                    if *c == 0 {
                        next.push(*d);
                    }
                }
            }
            done += ready.len();
            layers.push(ready.iter().map(|s| s.to_string()).collect());
            next.sort_unstable();
            ready = next;
        }
        if done < self.deps.len() {
            let stuck: BTreeSet<&str> = pending.keys().copied().collect();
            return Err(GraphError::Cycle(self.find_cycle(&stuck)));
        }
        Ok(layers)
    }

    /// A flat order with dependencies first.
    pub fn order(&self) -> Result<Vec<String>, GraphError> {
        Ok(self.layers()?.into_iter().flatten().collect())
    }

    /// Every node that depends on `node`, directly or not, in breadth-first
    /// order. Useful to find what must be rebuilt after `node` changes.
    pub fn dependents_of(&self, node: &str) -> Vec<String> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        let mut queue = VecDeque::from([node]);
        while let Some(cur) = queue.pop_front() {
            for (n, deps) in &self.deps {
                if deps.contains(cur) && n != node && seen.insert(n.as_str()) {
                    out.push(n.clone());
                    queue.push_back(n);
                }
            }
        }
        out
    }

    fn find_cycle(&self, stuck: &BTreeSet<&str>) -> Vec<String> {
        // Every stuck node has a stuck dependency, so walking from any of
        // them must eventually revisit a node.
        let mut path: Vec<&str> = Vec::new();
        let mut cur = *stuck.iter().next().expect("at least one stuck node");
        loop {
            if let Some(i) = path.iter().position(|p| *p == cur) {
                let mut cycle: Vec<String> = path[i..].iter().map(|s| s.to_string()).collect();
                cycle.push(cur.to_string());
                return cycle;
            }
            path.push(cur);
            cur = self.deps[cur]
                .iter()
                .map(String::as_str)
                .find(|d| stuck.contains(d))
                .expect("stuck node has a stuck dependency");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_cycle_starts_inside_the_cycle() {
        // "a" is stuck only because it depends on the b <-> c cycle.
        let mut g = DepGraph::new();
        g.add("a", ["b"]).add("b", ["c"]).add("c", ["b"]);
        let stuck: BTreeSet<&str> = ["a", "b", "c"].into_iter().collect();
        assert_eq!(g.find_cycle(&stuck), vec!["b", "c", "b"]);
    }

    #[test]
    fn error_display() {
        let e = GraphError::Cycle(vec!["a".into(), "b".into(), "a".into()]);
        assert_eq!(e.to_string(), "dependency cycle: a -> b -> a");
        let e = GraphError::Missing {
            node: "app".into(),
            dependency: "libfoo".into(),
        };
        assert_eq!(e.to_string(), "app depends on unknown node libfoo");
    }
}
