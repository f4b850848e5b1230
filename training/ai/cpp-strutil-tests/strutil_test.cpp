#include "strutil.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Optional;

namespace strutil {
namespace {

// ---------------------------------------------------------------------------
// split / join
// ---------------------------------------------------------------------------

TEST(SplitTest, SplitsOnSingleCharDelimiter) {
    EXPECT_THAT(split("a,b,c", ","), ElementsAre("a", "b", "c"));
}

TEST(SplitTest, SplitsOnMultiCharDelimiter) {
    EXPECT_THAT(split("one::two::three", "::"), ElementsAre("one", "two", "three"));
}

TEST(SplitTest, KeepsEmptyFieldsByDefault) {
    EXPECT_THAT(split(",a,,b,", ","), ElementsAre("", "a", "", "b", ""));
}

TEST(SplitTest, SkipsEmptyFieldsWhenAsked) {
    EXPECT_THAT(split(",a,,b,", ",", /*skip_empty=*/true), ElementsAre("a", "b"));
}

TEST(SplitTest, StringWithoutDelimiterIsOneField) {
    EXPECT_THAT(split("hello", ","), ElementsAre("hello"));
}

TEST(SplitTest, EmptyInputYieldsOneEmptyField) {
    EXPECT_THAT(split("", ","), ElementsAre(""));
    EXPECT_THAT(split("", ",", true), IsEmpty());
}

TEST(SplitTest, EmptyDelimiterThrows) {
    EXPECT_THROW(split("abc", ""), std::invalid_argument);
}

TEST(JoinTest, JoinsWithSeparator) {
    EXPECT_EQ(join({"a", "b", "c"}, ", "), "a, b, c");
}

TEST(JoinTest, EmptyAndSingleElementVectors) {
    EXPECT_EQ(join({}, ","), "");
    EXPECT_EQ(join({"solo"}, ","), "solo");
}

TEST(JoinTest, IsInverseOfSplit) {
    const std::string original = "x|y||z|";
    EXPECT_EQ(join(split(original, "|"), "|"), original);
}

// ---------------------------------------------------------------------------
// trim / case helpers
// ---------------------------------------------------------------------------

class TrimTest : public ::testing::TestWithParam<std::tuple<std::string, std::string>> {};

TEST_P(TrimTest, RemovesLeadingAndTrailingWhitespace) {
    const auto& [input, expected] = GetParam();
    EXPECT_EQ(trim(input), expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, TrimTest,
    ::testing::Values(
        std::make_tuple("hello", "hello"),
        std::make_tuple("  hello", "hello"),
        std::make_tuple("hello  ", "hello"),
        std::make_tuple("\t\n hello world \r\n", "hello world"),
        std::make_tuple("   ", ""),
        std::make_tuple("", "")));

TEST(CaseTest, ToLowerOnlyAffectsAsciiLetters) {
    EXPECT_EQ(to_lower("Hello, WORLD 123!"), "hello, world 123!");
}

TEST(CaseTest, StartsWithIgnoresCase) {
    EXPECT_TRUE(starts_with_icase("Content-Type: text/html", "content-type"));
    EXPECT_TRUE(starts_with_icase("abc", ""));
    EXPECT_FALSE(starts_with_icase("Content", "content-type"));
    EXPECT_FALSE(starts_with_icase("xcontent", "content"));
}

// ---------------------------------------------------------------------------
// replace_all
// ---------------------------------------------------------------------------

TEST(ReplaceAllTest, ReplacesEveryOccurrence) {
    EXPECT_EQ(replace_all("a-b-c", "-", "+"), "a+b+c");
}

TEST(ReplaceAllTest, HandlesReplacementContainingPattern) {
    // Must not loop forever or re-scan the inserted text.
    EXPECT_EQ(replace_all("aaa", "a", "aa"), "aaaaaa");
}

TEST(ReplaceAllTest, NonOverlappingLeftToRight) {
    EXPECT_EQ(replace_all("aaaa", "aa", "b"), "bb");
    EXPECT_EQ(replace_all("aaa", "aa", "b"), "ba");
}

TEST(ReplaceAllTest, EmptyPatternReturnsInputUnchanged) {
    EXPECT_EQ(replace_all("abc", "", "x"), "abc");
}

TEST(ReplaceAllTest, CanDeleteByReplacingWithEmpty) {
    EXPECT_EQ(replace_all("1,000,000", ",", ""), "1000000");
}

// ---------------------------------------------------------------------------
// parse_int
// ---------------------------------------------------------------------------

struct ParseIntCase {
    const char* input;
    std::optional<long long> expected;
};

class ParseIntTest : public ::testing::TestWithParam<ParseIntCase> {};

TEST_P(ParseIntTest, ParsesOrRejects) {
    const auto& c = GetParam();
    EXPECT_EQ(parse_int(c.input), c.expected) << "input: \"" << c.input << "\"";
}

INSTANTIATE_TEST_SUITE_P(
    Valid, ParseIntTest,
    ::testing::Values(
        ParseIntCase{"0", 0},
        ParseIntCase{"42", 42},
        ParseIntCase{"-17", -17},
        ParseIntCase{"+8", 8},
        ParseIntCase{"  123  ", 123},
        ParseIntCase{"9223372036854775807", std::numeric_limits<long long>::max()},
        ParseIntCase{"-9223372036854775808", std::numeric_limits<long long>::min()}));

INSTANTIATE_TEST_SUITE_P(
    Invalid, ParseIntTest,
    ::testing::Values(
        ParseIntCase{"", std::nullopt},
        ParseIntCase{"   ", std::nullopt},
        ParseIntCase{"abc", std::nullopt},
        ParseIntCase{"12abc", std::nullopt},
        ParseIntCase{"1.5", std::nullopt},
        ParseIntCase{"+-3", std::nullopt},
        ParseIntCase{"9223372036854775808", std::nullopt},
        ParseIntCase{"0x10", std::nullopt}));

// ---------------------------------------------------------------------------
// shell_split
// ---------------------------------------------------------------------------

TEST(ShellSplitTest, SplitsOnWhitespace) {
    EXPECT_THAT(shell_split("ls  -la\t/tmp"), Optional(ElementsAre("ls", "-la", "/tmp")));
}

TEST(ShellSplitTest, DoubleQuotesGroupWords) {
    EXPECT_THAT(shell_split(R"(echo "hello world")"), Optional(ElementsAre("echo", "hello world")));
}

TEST(ShellSplitTest, SingleQuotesAreLiteral) {
    EXPECT_THAT(shell_split(R"(echo 'a \"b\" c')"), Optional(ElementsAre("echo", R"(a \"b\" c)")));
}

TEST(ShellSplitTest, BackslashEscapesInsideDoubleQuotes) {
    EXPECT_THAT(shell_split(R"(say "she said \"hi\"")"), Optional(ElementsAre("say", R"(she said "hi")")));
}

TEST(ShellSplitTest, BackslashEscapesSpaceOutsideQuotes) {
    EXPECT_THAT(shell_split(R"(cat my\ file.txt)"), Optional(ElementsAre("cat", "my file.txt")));
}

TEST(ShellSplitTest, AdjacentQuotedPartsFormOneWord) {
    EXPECT_THAT(shell_split(R"(--name="John "'Smith')"), Optional(ElementsAre("--name=John Smith")));
}

TEST(ShellSplitTest, EmptyQuotesProduceEmptyWord) {
    EXPECT_THAT(shell_split(R"(cmd "" '')"), Optional(ElementsAre("cmd", "", "")));
}

TEST(ShellSplitTest, BlankInputProducesNoWords) {
    EXPECT_THAT(shell_split("   "), Optional(IsEmpty()));
}

TEST(ShellSplitTest, UnterminatedQuoteFails) {
    EXPECT_EQ(shell_split(R"(echo "oops)"), std::nullopt);
    EXPECT_EQ(shell_split("echo 'oops"), std::nullopt);
}

}  // namespace
}  // namespace strutil
