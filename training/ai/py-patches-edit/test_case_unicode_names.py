@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Zoë Saldaña", "zoe-saldana"),
        ("  Ünïcödé  ", "unicode"),
        ("日本語", ""),
        ("a--b__c", "a-b-c"),
    ],
)
def test_slug_handles_unicode(raw, expected):
    assert make_slug(raw) == expected
