use depgraph::{DepGraph, GraphError};

fn cycle_of(g: &DepGraph) -> Vec<String> {
    match g.layers() {
        Err(GraphError::Cycle(path)) => path,
        other => panic!("expected a cycle error, got {other:?}"),
    }
}

/// Checks that `path` is a closed walk along real edges of `g`.
fn assert_is_cycle(g: &DepGraph, path: &[String]) {
    assert!(path.len() >= 2, "cycle too short: {path:?}");
    assert_eq!(path.first(), path.last(), "cycle not closed: {path:?}");
    for pair in path.windows(2) {
        let deps: Vec<&str> = g.dependencies(&pair[0]).unwrap().collect();
        assert!(
            deps.contains(&pair[1].as_str()),
            "{} does not depend on {} (cycle {path:?})",
            pair[0],
            pair[1]
        );
    }
}

#[test]
fn self_dependency() {
    let mut g = DepGraph::new();
    g.add("a", ["a"]);
    assert_eq!(cycle_of(&g), vec!["a", "a"]);
}

#[test]
fn self_dependency_among_valid_nodes() {
    let mut g = DepGraph::new();
    g.add("ok", [] as [&str; 0]).add("loop", ["ok", "loop"]);
    assert_eq!(cycle_of(&g), vec!["loop", "loop"]);
}

#[test]
fn two_node_cycle() {
    let mut g = DepGraph::new();
    g.add("a", ["b"]).add("b", ["a"]);
    let path = cycle_of(&g);
    assert_eq!(path.len(), 3);
    assert_is_cycle(&g, &path);
}

#[test]
fn three_node_cycle_is_reported_in_edge_order() {
    let mut g = DepGraph::new();
    g.add("a", ["b"]).add("b", ["c"]).add("c", ["a"]);
    assert_eq!(cycle_of(&g), vec!["a", "b", "c", "a"]);
}

#[test]
fn cycle_behind_a_valid_prefix() {
    // "root" and "leaf" are fine; x -> y -> z -> x is not.
    let mut g = DepGraph::new();
    g.add("leaf", [] as [&str; 0])
        .add("root", ["leaf"])
        .add("x", ["y", "leaf"])
        .add("y", ["z"])
        .add("z", ["x"]);
    let path = cycle_of(&g);
    assert_is_cycle(&g, &path);
    for n in ["root", "leaf"] {
        assert!(!path.iter().any(|p| p == n), "{n} is not part of the cycle");
    }
}

#[test]
fn node_depending_on_a_cycle_is_not_in_the_reported_cycle() {
    let mut g = DepGraph::new();
    g.add("app", ["a"]).add("a", ["b"]).add("b", ["a"]);
    let path = cycle_of(&g);
    assert_is_cycle(&g, &path);
    assert!(!path.contains(&"app".to_string()));
}

#[test]
fn order_reports_the_same_cycle_as_layers() {
    let mut g = DepGraph::new();
    g.add("p", ["q"]).add("q", ["r"]).add("r", ["p"]);
    assert_eq!(g.order(), g.layers().map(|_| unreachable!()));
}

#[test]
fn missing_node_is_reported_before_cycles() {
    let mut g = DepGraph::new();
    g.add("a", ["b"]).add("b", ["a", "nowhere"]);
    assert!(matches!(g.order(), Err(GraphError::Missing { .. })));
}

#[test]
fn breaking_the_cycle_makes_the_graph_orderable() {
    let mut g = DepGraph::new();
    g.add("a", ["b"]).add("b", ["c"]).add("c", ["a"]);
    assert!(g.order().is_err());

    let mut fixed = DepGraph::new();
    fixed
        .add("a", ["b"])
        .add("b", ["c"])
        .add("c", [] as [&str; 0]);
    assert_eq!(fixed.order().unwrap(), vec!["c", "b", "a"]);
}

#[test]
fn error_message_names_the_cycle() {
    let mut g = DepGraph::new();
    g.add("build", ["test"]).add("test", ["build"]);
    let msg = g.order().unwrap_err().to_string();
    assert!(msg.starts_with("dependency cycle: "), "{msg}");
    assert!(
        msg.contains("build -> test") || msg.contains("test -> build"),
        "{msg}"
    );
}

#[test]
fn long_cycle_does_not_overflow() {
    let n = 2_000;
    let mut g = DepGraph::new();
    for i in 0..n {
        g.add(&format!("n{i}"), [format!("n{}", (i + 1) % n)]);
    }
    let path = cycle_of(&g);
    assert_eq!(path.len(), n + 1);
    assert_is_cycle(&g, &path);
}
