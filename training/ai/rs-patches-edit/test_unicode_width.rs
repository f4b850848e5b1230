    #[test]
    fn pads_wide_characters_by_display_width() {
        let t = Table::new(["name", "qty"]).row(["漢字", "2"]).row(["ab", "10"]);
        let out = t.render();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[1], "漢字  2");
        assert_eq!(lines[2], "ab    10");
    }
