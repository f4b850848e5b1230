use depgraph::{DepGraph, GraphError};

/// Builds a graph from `(node, &[deps])` pairs.
fn graph(spec: &[(&str, &[&str])]) -> DepGraph {
    let mut g = DepGraph::new();
    for (node, deps) in spec {
        g.add(node, deps.iter().copied());
    }
    g
}

/// Asserts that every dependency appears before its dependent in `order`.
fn assert_respects_deps(g: &DepGraph, order: &[String]) {
    let pos = |name: &str| {
        order
            .iter()
            .position(|n| n == name)
            .unwrap_or_else(|| panic!("{name} missing from order {order:?}"))
    };
    for node in order {
        for dep in g.dependencies(node).unwrap() {
            assert!(
                pos(dep) < pos(node),
                "{dep} should come before {node} in {order:?}"
            );
        }
    }
}

#[test]
fn empty_graph_has_no_layers() {
    let g = DepGraph::new();
    assert!(g.is_empty());
    assert_eq!(g.layers().unwrap(), Vec::<Vec<String>>::new());
    assert_eq!(g.order().unwrap(), Vec::<String>::new());
}

#[test]
fn single_node_without_dependencies() {
    let g = graph(&[("only", &[])]);
    assert_eq!(g.layers().unwrap(), vec![vec!["only"]]);
}

#[test]
fn linear_chain_is_one_node_per_layer() {
    let g = graph(&[("c", &["b"]), ("b", &["a"]), ("a", &[])]);
    assert_eq!(g.layers().unwrap(), vec![vec!["a"], vec!["b"], vec!["c"]]);
    assert_eq!(g.order().unwrap(), vec!["a", "b", "c"]);
}

#[test]
fn independent_nodes_share_a_layer_sorted_by_name() {
    let g = graph(&[("zeta", &[]), ("alpha", &[]), ("mid", &[])]);
    assert_eq!(g.layers().unwrap(), vec![vec!["alpha", "mid", "zeta"]]);
}

#[test]
fn diamond() {
    //     app
    //    /   \
    //  http   db
    //    \   /
    //     core
    let g = graph(&[
        ("app", &["http", "db"]),
        ("http", &["core"]),
        ("db", &["core"]),
        ("core", &[]),
    ]);
    assert_eq!(
        g.layers().unwrap(),
        vec![vec!["core"], vec!["db", "http"], vec!["app"]]
    );
}

#[test]
fn node_waits_for_its_slowest_dependency() {
    // "d" depends on "a" (layer 0) and "c" (layer 2), so it lands in layer 3.
    let g = graph(&[("a", &[]), ("b", &["a"]), ("c", &["b"]), ("d", &["a", "c"])]);
    let layers = g.layers().unwrap();
    assert_eq!(layers.len(), 4);
    assert_eq!(layers[3], vec!["d"]);
}

#[test]
fn order_respects_every_edge_in_a_larger_graph() {
    let g = graph(&[
        ("bin", &["cli", "config", "log"]),
        ("cli", &["parse", "log"]),
        ("config", &["parse", "fs"]),
        ("parse", &["alloc"]),
        ("fs", &["alloc", "log"]),
        ("log", &["alloc"]),
        ("alloc", &[]),
        ("tests", &["bin", "fs"]),
    ]);
    let order = g.order().unwrap();
    assert_eq!(order.len(), g.len());
    assert_respects_deps(&g, &order);
}

#[test]
fn order_is_deterministic_regardless_of_insertion_order() {
    let a = graph(&[("x", &["y", "z"]), ("y", &[]), ("z", &[])]);
    let b = graph(&[("z", &[]), ("y", &[]), ("x", &["z", "y"])]);
    assert_eq!(a.order().unwrap(), b.order().unwrap());
}

#[test]
fn repeated_add_merges_dependencies() {
    let mut g = DepGraph::new();
    g.add("app", ["a"])
        .add("app", ["b"])
        .add("a", [] as [&str; 0]);
    g.add("b", Vec::<String>::new());
    let deps: Vec<&str> = g.dependencies("app").unwrap().collect();
    assert_eq!(deps, vec!["a", "b"]);
    assert_eq!(g.len(), 3);
}

#[test]
fn duplicate_dependency_is_counted_once() {
    let g = graph(&[("a", &["b", "b"]), ("b", &[])]);
    assert_eq!(g.layers().unwrap(), vec![vec!["b"], vec!["a"]]);
}

#[test]
fn missing_dependency_is_reported() {
    let g = graph(&[("app", &["ghost"])]);
    assert_eq!(
        g.order(),
        Err(GraphError::Missing {
            node: "app".to_string(),
            dependency: "ghost".to_string(),
        })
    );
}

#[test]
fn dependencies_of_unknown_node_is_none() {
    let g = graph(&[("a", &[])]);
    assert!(g.dependencies("b").is_none());
    assert!(g.contains("a"));
    assert!(!g.contains("b"));
}

#[test]
fn dependents_of_follows_reverse_edges_transitively() {
    let g = graph(&[
        ("core", &[]),
        ("db", &["core"]),
        ("http", &["core"]),
        ("app", &["db", "http"]),
        ("tool", &[]),
    ]);
    assert_eq!(g.dependents_of("core"), vec!["db", "http", "app"]);
    assert_eq!(g.dependents_of("db"), vec!["app"]);
    assert!(g.dependents_of("app").is_empty());
    assert!(g.dependents_of("tool").is_empty());
    assert!(g.dependents_of("unknown").is_empty());
}

#[test]
fn graph_is_reusable_after_ordering() {
    let mut g = graph(&[("b", &["a"]), ("a", &[])]);
    assert_eq!(g.order().unwrap(), vec!["a", "b"]);
    g.add("c", ["b"]);
    assert_eq!(g.order().unwrap(), vec!["a", "b", "c"]);
}
