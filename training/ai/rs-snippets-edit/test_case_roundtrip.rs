    #[test]
    fn encode_decode_roundtrip() {
        let cases: &[&[u8]] = &[b"", b"f", b"fo", b"foo", b"foob", b"\x00\xff\x10"];
        for &input in cases {
            let encoded = encode(input);
            let decoded = decode(&encoded).expect("valid input must decode");
            assert_eq!(decoded, input, "roundtrip failed for {:?}", input);
        }
    }

    #[test]
    fn decode_rejects_bad_padding() {
        assert!(matches!(decode("Zg="), Err(DecodeError::InvalidPadding)));
    }
