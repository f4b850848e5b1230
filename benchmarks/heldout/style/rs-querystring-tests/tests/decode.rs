use querystring::{decode_component, DecodeError};

#[test]
fn plain_text_is_unchanged() {
    assert_eq!(decode_component("hello").unwrap(), "hello");
}

#[test]
fn plus_becomes_space() {
    assert_eq!(decode_component("a+b+c").unwrap(), "a b c");
}

#[test]
fn escaped_plus_stays_plus() {
    assert_eq!(decode_component("1%2B1").unwrap(), "1+1");
}

#[test]
fn lowercase_and_uppercase_hex_are_both_accepted() {
    assert_eq!(decode_component("%2f%2F").unwrap(), "//");
}

#[test]
fn multibyte_utf8_sequence_is_decoded() {
    assert_eq!(decode_component("caf%C3%A9").unwrap(), "café");
    assert_eq!(decode_component("%F0%9F%A6%80").unwrap(), "🦀");
}

#[test]
fn raw_non_ascii_passes_through() {
    assert_eq!(decode_component("naïve").unwrap(), "naïve");
}

#[test]
fn empty_string_decodes_to_empty() {
    assert_eq!(decode_component("").unwrap(), "");
}

#[test]
fn truncated_escape_at_end_is_an_error() {
    assert_eq!(decode_component("abc%4"), Err(DecodeError::BadEscape(3)));
    assert_eq!(decode_component("abc%"), Err(DecodeError::BadEscape(3)));
}

#[test]
fn non_hex_escape_is_an_error() {
    assert_eq!(decode_component("x%zz"), Err(DecodeError::BadEscape(1)));
    assert_eq!(decode_component("%4g"), Err(DecodeError::BadEscape(0)));
}

#[test]
fn invalid_utf8_is_reported() {
    assert_eq!(decode_component("%FF%FE"), Err(DecodeError::InvalidUtf8));
    // a lone continuation byte
    assert_eq!(decode_component("%80"), Err(DecodeError::InvalidUtf8));
}

#[test]
fn error_messages_are_readable() {
    assert_eq!(
        DecodeError::BadEscape(4).to_string(),
        "malformed percent escape at offset 4"
    );
    assert_eq!(DecodeError::InvalidUtf8.to_string(), "decoded value is not valid UTF-8");
}
