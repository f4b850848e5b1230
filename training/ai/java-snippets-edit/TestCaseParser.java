    @Test
    void parsesQuotedFieldsWithCommas() {
        List<String> fields = CsvParser.parseLine("a,\"b,c\",d");

        assertEquals(List.of("a", "b,c", "d"), fields);
    }

    @Test
    void throwsOnUnterminatedQuote() {
        IllegalArgumentException ex = assertThrows(
                IllegalArgumentException.class,
                () -> CsvParser.parseLine("a,\"b"));

        assertTrue(ex.getMessage().contains("unterminated"));
    }
