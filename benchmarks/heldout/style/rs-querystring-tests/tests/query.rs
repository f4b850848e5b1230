use querystring::{DecodeError, Query};

#[test]
fn parses_simple_pairs_in_order() {
    let q = Query::parse("a=1&b=2&c=3").unwrap();
    let pairs: Vec<_> = q.iter().collect();
    assert_eq!(pairs, vec![("a", "1"), ("b", "2"), ("c", "3")]);
}

#[test]
fn leading_question_mark_is_ignored() {
    assert_eq!(Query::parse("?x=1").unwrap().get("x"), Some("1"));
}

#[test]
fn only_one_leading_question_mark_is_stripped() {
    let q = Query::parse("??x=1").unwrap();
    assert_eq!(q.get("?x"), Some("1"));
}

#[test]
fn empty_input_gives_empty_query() {
    for s in ["", "?", "&", "&&&"] {
        let q = Query::parse(s).unwrap();
        assert!(q.is_empty(), "{s:?} should parse to nothing");
        assert_eq!(q.len(), 0);
    }
}

#[test]
fn empty_segments_are_skipped() {
    let q = Query::parse("&a=1&&b=2&").unwrap();
    assert_eq!(q.len(), 2);
}

#[test]
fn key_without_equals_has_empty_value() {
    let q = Query::parse("flag&x=1").unwrap();
    assert_eq!(q.get("flag"), Some(""));
    assert!(q.contains("flag"));
}

#[test]
fn only_first_equals_splits() {
    let q = Query::parse("expr=a=b").unwrap();
    assert_eq!(q.get("expr"), Some("a=b"));
}

#[test]
fn empty_key_is_allowed() {
    let q = Query::parse("=v").unwrap();
    assert_eq!(q.get(""), Some("v"));
}

#[test]
fn keys_and_values_are_decoded() {
    let q = Query::parse("first+name=J%C3%BCrgen&q=a%26b").unwrap();
    assert_eq!(q.get("first name"), Some("Jürgen"));
    assert_eq!(q.get("q"), Some("a&b"));
}

#[test]
fn repeated_keys_are_all_kept() {
    let q = Query::parse("tag=a&x=0&tag=b&tag=c").unwrap();
    assert_eq!(q.get("tag"), Some("a"));
    assert_eq!(q.get_all("tag"), vec!["a", "b", "c"]);
    assert_eq!(q.get_all("missing"), Vec::<&str>::new());
}

#[test]
fn lookup_is_case_sensitive() {
    let q = Query::parse("Key=1").unwrap();
    assert_eq!(q.get("key"), None);
    assert_eq!(q.get("Key"), Some("1"));
}

#[test]
fn bad_escape_offset_is_relative_to_whole_input() {
    // "a=1&b=%zz": the '%' is at byte 6
    assert_eq!(Query::parse("a=1&b=%zz"), Err(DecodeError::BadEscape(6)));
    // in the key of the second pair: "a=1&%q=2" -> '%' at 4
    assert_eq!(Query::parse("a=1&%q=2"), Err(DecodeError::BadEscape(4)));
}

#[test]
fn bad_escape_offset_excludes_leading_question_mark() {
    assert_eq!(Query::parse("?%"), Err(DecodeError::BadEscape(0)));
}

#[test]
fn invalid_utf8_in_value_is_rejected() {
    assert_eq!(Query::parse("a=%C3"), Err(DecodeError::InvalidUtf8));
}

#[test]
fn display_encodes_pairs() {
    let mut q = Query::new();
    q.append("name", "Ada Lovelace");
    q.append("math", "1+1=2");
    assert_eq!(q.to_string(), "name=Ada+Lovelace&math=1%2B1%3D2");
}

#[test]
fn display_of_empty_query_is_empty() {
    assert_eq!(Query::new().to_string(), "");
}

#[test]
fn key_without_value_is_written_with_equals() {
    let q = Query::parse("flag").unwrap();
    assert_eq!(q.to_string(), "flag=");
}

#[test]
fn parse_display_parse_is_stable() {
    let inputs = ["a=1&b=2", "x=%F0%9F%A6%80&x=two+words", "k=v%26w&=&z"];
    for input in inputs {
        let once = Query::parse(input).unwrap();
        let twice = Query::parse(&once.to_string()).unwrap();
        assert_eq!(once, twice, "unstable for {input:?}");
    }
}

#[test]
fn set_replaces_existing_value() {
    let mut q = Query::parse("page=1&size=10").unwrap();
    q.set("page", "2");
    assert_eq!(q.to_string(), "page=2&size=10");
}

#[test]
fn set_appends_when_key_missing() {
    let mut q = Query::parse("a=1").unwrap();
    q.set("b", "2");
    assert_eq!(q.to_string(), "a=1&b=2");
}

#[test]
fn set_removes_later_duplicates_but_keeps_first_position() {
    let mut q = Query::parse("x=1&a=0&x=2&b=0&x=3").unwrap();
    q.set("x", "new");
    assert_eq!(q.to_string(), "x=new&a=0&b=0");
}

#[test]
fn remove_returns_count_and_drops_all() {
    let mut q = Query::parse("a=1&b=2&a=3").unwrap();
    assert_eq!(q.remove("a"), 2);
    assert_eq!(q.remove("a"), 0);
    assert_eq!(q.to_string(), "b=2");
}

#[test]
fn sort_is_stable_for_equal_keys() {
    let mut q = Query::parse("b=1&a=x&b=0&a=y").unwrap();
    q.sort();
    assert_eq!(q.to_string(), "a=x&a=y&b=1&b=0");
}

#[test]
fn collect_from_iterator_of_pairs() {
    let q: Query = vec![("lang", "rust"), ("q", "query string")].into_iter().collect();
    assert_eq!(q.get("q"), Some("query string"));
    assert_eq!(q.to_string(), "lang=rust&q=query+string");
}

#[test]
fn collect_accepts_owned_strings() {
    let q: Query = (1..=3).map(|i| (format!("k{i}"), i.to_string())).collect();
    assert_eq!(q.to_string(), "k1=1&k2=2&k3=3");
}

#[test]
fn clone_is_independent() {
    let original = Query::parse("a=1").unwrap();
    let mut copy = original.clone();
    copy.append("b", "2");
    assert_eq!(original.len(), 1);
    assert_eq!(copy.len(), 2);
}
