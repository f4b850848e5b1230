use querystring::{decode_component, encode_component};

#[test]
fn unreserved_characters_are_kept() {
    let s = "ABCxyz019-_.~";
    assert_eq!(encode_component(s), s);
}

#[test]
fn space_is_encoded_as_plus() {
    assert_eq!(encode_component("a b"), "a+b");
}

#[test]
fn reserved_characters_are_escaped_with_uppercase_hex() {
    assert_eq!(encode_component("a&b=c"), "a%26b%3Dc");
    assert_eq!(encode_component("/?#"), "%2F%3F%23");
    assert_eq!(encode_component("+"), "%2B");
    assert_eq!(encode_component("%"), "%25");
}

#[test]
fn non_ascii_is_encoded_bytewise() {
    assert_eq!(encode_component("é"), "%C3%A9");
    assert_eq!(encode_component("日本"), "%E6%97%A5%E6%9C%AC");
}

#[test]
fn control_characters_are_escaped() {
    assert_eq!(encode_component("\n\t\0"), "%0A%09%00");
}

#[test]
fn encode_then_decode_round_trips() {
    let samples = [
        "",
        "simple",
        "with space",
        "a+b=c&d",
        "100% sure",
        "line\nbreak",
        "emoji 🦀 and ümlauts",
        "~tilde.dot-dash_underscore",
    ];
    for s in samples {
        let enc = encode_component(s);
        assert_eq!(decode_component(&enc).unwrap(), s, "round trip failed for {s:?} via {enc:?}");
    }
}

#[test]
fn every_ascii_byte_round_trips() {
    for b in 0u8..128 {
        let s = (b as char).to_string();
        assert_eq!(decode_component(&encode_component(&s)).unwrap(), s, "byte {b}");
    }
}

#[test]
fn encoded_output_contains_only_safe_characters() {
    let enc = encode_component("key=value&other=?#[]@!$'()*,;:");
    assert!(enc
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_.~%+".contains(c)));
}
