use cidr::{Net, ParseError};
use std::net::Ipv4Addr;

#[test]
fn parses_and_displays() {
    let net: Net = "192.168.10.0/24".parse().unwrap();
    assert_eq!(net.to_string(), "192.168.10.0/24");
    assert_eq!(net.prefix_len(), 24);
    assert_eq!(net.network(), Ipv4Addr::new(192, 168, 10, 0));
}

#[test]
fn trims_whitespace() {
    assert_eq!(" 10.0.0.0/8\n".parse::<Net>().unwrap().to_string(), "10.0.0.0/8");
}

#[test]
fn lenient_parse_normalises_host_bits() {
    let net: Net = "172.16.5.77/12".parse().unwrap();
    assert_eq!(net.to_string(), "172.16.0.0/12");
}

#[test]
fn strict_parse_rejects_host_bits() {
    assert_eq!(Net::parse_strict("172.16.5.77/12"), Err(ParseError::HostBitsSet));
    assert!(Net::parse_strict("172.16.0.0/12").is_ok());
}

#[test]
fn error_cases() {
    let cases: &[(&str, ParseError)] = &[
        ("10.0.0.0", ParseError::MissingPrefix),
        ("10.0.0/8", ParseError::BadAddr("10.0.0".into())),
        ("10.0.0.256/8", ParseError::BadAddr("10.0.0.256".into())),
        ("10.0.0.0/33", ParseError::BadPrefix("33".into())),
        ("10.0.0.0/", ParseError::BadPrefix("".into())),
        ("10.0.0.0/-1", ParseError::BadPrefix("-1".into())),
        ("10.0.0.0/+8", ParseError::BadPrefix("+8".into())),
        ("10.0.0.0/8/8", ParseError::BadPrefix("8/8".into())),
    ];
    for (input, want) in cases {
        assert_eq!(input.parse::<Net>().unwrap_err(), *want, "input {input:?}");
    }
}

#[test]
fn error_messages_are_readable() {
    let e = "x/8".parse::<Net>().unwrap_err();
    assert_eq!(e.to_string(), "invalid address \"x\"");
    assert_eq!(ParseError::HostBitsSet.to_string(), "host bits set");
}

#[test]
fn broadcast_and_size() {
    let cases = [
        ("10.0.0.0/8", "10.255.255.255", 16_777_216),
        ("192.168.1.0/24", "192.168.1.255", 256),
        ("192.168.1.4/30", "192.168.1.7", 4),
        ("192.168.1.9/32", "192.168.1.9", 1),
    ];
    for (s, bc, size) in cases {
        let net: Net = s.parse().unwrap();
        assert_eq!(net.broadcast().to_string(), bc, "{s}");
        assert_eq!(net.size(), size, "{s}");
    }
}

#[test]
fn containment() {
    let net: Net = "10.1.0.0/16".parse().unwrap();
    assert!(net.contains(Ipv4Addr::new(10, 1, 0, 0)));
    assert!(net.contains(Ipv4Addr::new(10, 1, 255, 255)));
    assert!(!net.contains(Ipv4Addr::new(10, 2, 0, 0)));
    assert!(!net.contains(Ipv4Addr::new(9, 1, 0, 0)));

    let inner: Net = "10.1.4.0/22".parse().unwrap();
    assert!(net.contains_net(&inner));
    assert!(!inner.contains_net(&net));
    assert!(net.contains_net(&net));
    assert!(net.overlaps(&inner) && inner.overlaps(&net));
    assert!(!net.overlaps(&"10.2.0.0/16".parse().unwrap()));
}

#[test]
fn default_route_contains_everything() {
    let any: Net = "0.0.0.0/0".parse().unwrap();
    assert!(any.contains(Ipv4Addr::BROADCAST));
    assert!(any.contains(Ipv4Addr::UNSPECIFIED));
    assert!(any.contains_net(&"203.0.113.0/24".parse().unwrap()));
}

#[test]
fn ordering_sorts_by_address_then_length() {
    let mut v: Vec<Net> = ["10.0.0.0/16", "10.0.0.0/8", "9.0.0.0/8"]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
    v.sort();
    let got: Vec<String> = v.iter().map(Net::to_string).collect();
    assert_eq!(got, ["9.0.0.0/8", "10.0.0.0/8", "10.0.0.0/16"]);
}
