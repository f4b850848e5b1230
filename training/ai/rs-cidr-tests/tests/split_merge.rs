use cidr::{aggregate, Net};
use std::net::Ipv4Addr;

fn nets(list: &[&str]) -> Vec<Net> {
    list.iter().map(|s| s.parse().unwrap()).collect()
}

fn strs(list: &[Net]) -> Vec<String> {
    list.iter().map(|n| n.to_string()).collect()
}

#[test]
fn subnets_split_evenly() {
    let net: Net = "10.0.0.0/24".parse().unwrap();
    let subs: Vec<Net> = net.subnets(26).unwrap().collect();
    assert_eq!(
        strs(&subs),
        ["10.0.0.0/26", "10.0.0.64/26", "10.0.0.128/26", "10.0.0.192/26"]
    );
}

#[test]
fn subnets_same_length_yields_self() {
    let net: Net = "10.0.0.0/24".parse().unwrap();
    assert_eq!(net.subnets(24).unwrap().collect::<Vec<_>>(), vec![net]);
}

#[test]
fn subnets_rejects_shorter_or_invalid_length() {
    let net: Net = "10.0.0.0/24".parse().unwrap();
    assert!(net.subnets(23).is_none());
    assert!(net.subnets(33).is_none());
}

#[test]
fn subnets_of_default_route_do_not_overflow() {
    let any: Net = "0.0.0.0/0".parse().unwrap();
    let halves: Vec<Net> = any.subnets(1).unwrap().collect();
    assert_eq!(strs(&halves), ["0.0.0.0/1", "128.0.0.0/1"]);
    assert_eq!(any.subnets(32).unwrap().size_hint(), (1 << 32, Some(1 << 32)));
    let last = any.subnets(8).unwrap().last().unwrap();
    assert_eq!(last.to_string(), "255.0.0.0/8");
}

#[test]
fn hosts_skip_network_and_broadcast() {
    let net: Net = "192.168.0.0/29".parse().unwrap();
    let hosts: Vec<Ipv4Addr> = net.hosts().collect();
    assert_eq!(hosts.len(), 6);
    assert_eq!(hosts[0], Ipv4Addr::new(192, 168, 0, 1));
    assert_eq!(hosts[5], Ipv4Addr::new(192, 168, 0, 6));
}

#[test]
fn hosts_of_point_to_point_and_single() {
    let p2p: Net = "10.0.0.0/31".parse().unwrap();
    assert_eq!(p2p.hosts().count(), 2);
    let one: Net = "10.0.0.5/32".parse().unwrap();
    assert_eq!(one.hosts().collect::<Vec<_>>(), [Ipv4Addr::new(10, 0, 0, 5)]);
}

#[test]
fn aggregate_merges_siblings() {
    let got = aggregate(&nets(&["10.0.0.0/25", "10.0.0.128/25"]));
    assert_eq!(strs(&got), ["10.0.0.0/24"]);
}

#[test]
fn aggregate_merges_recursively() {
    let input = nets(&["10.0.0.0/26", "10.0.0.64/26", "10.0.0.128/26", "10.0.0.192/26"]);
    assert_eq!(strs(&aggregate(&input)), ["10.0.0.0/24"]);
}

#[test]
fn aggregate_does_not_merge_non_siblings() {
    // adjacent but not halves of the same supernet
    let input = nets(&["10.0.0.128/25", "10.0.1.0/25"]);
    assert_eq!(strs(&aggregate(&input)), ["10.0.0.128/25", "10.0.1.0/25"]);
}

#[test]
fn aggregate_drops_covered_and_duplicates() {
    let input = nets(&["10.0.0.0/8", "10.1.0.0/16", "10.0.0.0/8", "10.200.3.0/24"]);
    assert_eq!(strs(&aggregate(&input)), ["10.0.0.0/8"]);
}

#[test]
fn aggregate_unsorted_input() {
    let input = nets(&["192.168.1.0/24", "10.0.0.0/24", "192.168.0.0/24", "10.0.1.0/24"]);
    assert_eq!(strs(&aggregate(&input)), ["10.0.0.0/23", "192.168.0.0/23"]);
}

#[test]
fn aggregate_empty() {
    assert!(aggregate(&[]).is_empty());
}

#[test]
fn aggregate_covers_same_addresses() {
    let input = nets(&["10.0.0.0/30", "10.0.0.4/30", "10.0.0.8/29", "10.0.0.32/28", "10.0.0.16/28"]);
    let merged = aggregate(&input);
    assert_eq!(strs(&merged), ["10.0.0.0/27", "10.0.0.32/28"]);
    for last in 0..=64u8 {
        let ip = Ipv4Addr::new(10, 0, 0, last);
        let before = input.iter().any(|n| n.contains(ip));
        let after = merged.iter().any(|n| n.contains(ip));
        assert_eq!(before, after, "{ip}");
    }
}
