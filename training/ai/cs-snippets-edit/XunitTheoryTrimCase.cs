    [Theory]
    [InlineData("  hello  ", "hello")]
    [InlineData("\thello\n", "hello")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    public void Normalize_TrimsSurroundingWhitespace(string input, string expected)
    {
        var result = TextNormalizer.Normalize(input);

        Assert.Equal(expected, result);
    }

    [Fact]
    public void Normalize_NullInput_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TextNormalizer.Normalize(null!));
    }
