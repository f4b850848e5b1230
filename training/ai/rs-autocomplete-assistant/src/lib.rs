//! A weighted prefix tree for autocomplete suggestions.
//!
//! Each inserted term has a weight (for example how often users searched for
//! it). [`Completer::suggest`] returns the highest-weighted terms that start
//! with a given prefix, and [`Completer::suggest_fuzzy`] also tolerates one
//! typo in the prefix.
//!
//! To keep lookups fast, every node stores the best weight found anywhere in
//! its subtree. The search can then visit subtrees best-first and stop as soon
//! as it has `k` results whose weights beat every unexplored subtree.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap, HashSet};
use std::fmt;

/// Errors returned when adding terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompleteError {
    /// The term was empty or consisted only of whitespace.
    EmptyTerm,
    /// The term is longer than [`MAX_TERM_CHARS`].
    TermTooLong {
        /// Length of the rejected term, in characters.
        len: usize,
    },
}

impl fmt::Display for CompleteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompleteError::EmptyTerm => write!(f, "cannot index an empty term"),
            CompleteError::TermTooLong { len } => {
                write!(f, "term has {len} characters; the limit is {MAX_TERM_CHARS}")
            }
        }
    }
}

impl std::error::Error for CompleteError {}

/// Longest term accepted by [`Completer::insert`]. Autocomplete terms are
/// short phrases; anything longer is almost certainly bad input.
pub const MAX_TERM_CHARS: usize = 200;

/// One suggestion returned by a lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The full term, as it was inserted.
    pub term: String,
    /// The term's weight.
    pub weight: u64,
}

#[derive(Debug, Default)]
struct Node {
    // BTreeMap rather than HashMap so ties are broken alphabetically and
    // results are deterministic.
    children: BTreeMap<char, Node>,
    /// Weight of the term ending exactly at this node, if any.
    weight: Option<u64>,
    /// Original spelling of the term ending here (terms are indexed in
    /// lowercase, but we want to return them as the user typed them).
    term: Option<String>,
    /// Highest weight anywhere in this subtree, including this node.
    best: u64,
}

/// A weighted autocomplete index.
#[derive(Debug, Default)]
pub struct Completer {
    root: Node,
    len: usize,
}

/// An entry in the best-first search queue: either a subtree still to be
/// explored or a finished term, ordered by weight.
#[derive(Debug)]
struct Candidate<'a> {
    weight: u64,
    node: &'a Node,
    finished: bool,
}

// Equality has to agree with `Ord`, which ignores the node itself.
impl PartialEq for Candidate<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Candidate<'_> {}

impl Ord for Candidate<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        // Higher weight first; at equal weight prefer finished terms so they
        // are emitted before we expand more subtrees.
        self.weight.cmp(&other.weight).then(self.finished.cmp(&other.finished))
    }
}

impl PartialOrd for Candidate<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Completer {
    /// Creates an empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of distinct terms in the index.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Returns `true` if nothing has been inserted.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds `term` with `weight`, or raises its weight if it is already
    /// present (weights never go down, so repeated imports are harmless).
    ///
    /// Matching is case-insensitive: "Rust" and "rust" are the same term, and
    /// the spelling of the first insert is kept.
    pub fn insert(&mut self, term: &str, weight: u64) -> Result<(), CompleteError> {
        let trimmed = term.trim();
        if trimmed.is_empty() {
            return Err(CompleteError::EmptyTerm);
        }
        let len = trimmed.chars().count();
        if len > MAX_TERM_CHARS {
            return Err(CompleteError::TermTooLong { len });
        }

        let mut node = &mut self.root;
        node.best = node.best.max(weight);
        for c in trimmed.chars().flat_map(char::to_lowercase) {
            node = node.children.entry(c).or_default();
            node.best = node.best.max(weight);
        }

        match node.weight {
            Some(existing) => node.weight = Some(existing.max(weight)),
            None => {
                node.weight = Some(weight);
                node.term = Some(trimmed.to_string());
                self.len += 1;
            }
        }
        Ok(())
    }

    /// Walks down the tree following `prefix`, returning the node reached.
    fn find(&self, prefix: &str) -> Option<&Node> {
        let mut node = &self.root;
        for c in prefix.chars().flat_map(char::to_lowercase) {
            node = node.children.get(&c)?;
        }
        Some(node)
    }

    /// Returns up to `k` terms starting with `prefix`, best first.
    pub fn suggest(&self, prefix: &str, k: usize) -> Vec<Suggestion> {
        match self.find(prefix.trim_start()) {
            Some(node) => top_k(vec![node], k),
            None => Vec::new(),
        }
    }

    /// Like [`suggest`](Self::suggest), but also matches prefixes that are
    /// one edit (insertion, deletion or substitution of a character) away
    /// from what was typed. Exact matches still win at equal weight only if
    /// they are heavier; callers that want exact matches first should call
    /// `suggest` and fall back to this.
    pub fn suggest_fuzzy(&self, prefix: &str, k: usize) -> Vec<Suggestion> {
        let typed: Vec<char> = prefix.trim_start().chars().flat_map(char::to_lowercase).collect();
        let mut starts: Vec<&Node> = Vec::new();
        collect_within_one(&self.root, &typed, false, &mut starts);

        // Two different edit paths can reach the same node (e.g. "ab" with
        // one deletion from "aab"), so deduplicate by address. Start nodes can
        // still nest inside each other; `top_k` handles that.
        let mut seen = HashSet::new();
        starts.retain(|n| seen.insert(*n as *const Node));
        top_k(starts, k)
    }
}

/// Finds every node whose path differs from `rest` by at most one edit,
/// given whether the edit has already been used.
fn collect_within_one<'a>(node: &'a Node, rest: &[char], used: bool, out: &mut Vec<&'a Node>) {
    let Some((&c, tail)) = rest.split_first() else {
        // Any further characters in the tree are simply the rest of the
        // completion, so there is no need to spend the edit on them.
        out.push(node);
        return;
    };

    if let Some(child) = node.children.get(&c) {
        collect_within_one(child, tail, used, out);
    }
    if used {
        return;
    }
    // Deletion: the user typed a character that should not be there.
    collect_within_one(node, tail, true, out);
    for (&k, child) in &node.children {
        if k != c {
            // Substitution: the user typed `c` but meant `k`.
            collect_within_one(child, tail, true, out);
        }
        // Insertion: the user left out `k`.
        collect_within_one(child, rest, true, out);
    }
}

/// Best-first search over the given subtrees.
fn top_k(starts: Vec<&Node>, k: usize) -> Vec<Suggestion> {
    let mut results = Vec::with_capacity(k);
    if k == 0 {
        return results;
    }
    let mut queue: BinaryHeap<Candidate<'_>> = starts
        .into_iter()
        .map(|node| Candidate { weight: node.best, node, finished: false })
        .collect();

    // When one start subtree lies inside another, the same term is reached
    // twice; remember which terminal nodes were already emitted.
    let mut emitted: HashSet<*const Node> = HashSet::new();

    while let Some(Candidate { weight, node, finished }) = queue.pop() {
        if finished {
            if !emitted.insert(node as *const Node) {
                continue;
            }
            let term = node.term.clone().expect("finished nodes always hold a term");
            results.push(Suggestion { term, weight });
            if results.len() == k {
                break;
            }
            continue;
        }
        if let Some(w) = node.weight {
            queue.push(Candidate { weight: w, node, finished: true });
        }
        for child in node.children.values() {
            queue.push(Candidate { weight: child.best, node: child, finished: false });
        }
    }
    results
}

#[cfg(test)]
mod tests;
