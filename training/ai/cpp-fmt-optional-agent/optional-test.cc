// Formatting library for C++ - tests of formatters for std::optional
//
// Copyright (c) 2012 - present, Victor Zverovich
// All rights reserved.
//
// For the license information refer to format.h.

#include "fmt/optional.h"

#include <string>
#include <tuple>
#include <vector>

#include "fmt/ranges.h"
#include "fmt/xchar.h"
#include "gtest/gtest.h"

#ifdef __cpp_lib_optional
TEST(optional_test, empty) {
  EXPECT_EQ(fmt::format("{}", std::optional<int>{}), "none");
  EXPECT_EQ(fmt::format("{}", std::optional<std::string>{}), "none");
  EXPECT_EQ(fmt::format("{}", std::nullopt), "none");
}

TEST(optional_test, engaged) {
  EXPECT_EQ(fmt::format("{}", std::optional<int>{42}), "optional(42)");
  EXPECT_EQ(fmt::format("{}", std::optional<double>{1.5}), "optional(1.5)");
  EXPECT_EQ(fmt::format("{}", std::optional<bool>{false}),
            "optional(false)");
}

TEST(optional_test, strings_and_chars_are_escaped) {
  EXPECT_EQ(fmt::format("{}", std::optional<std::string>{"hi"}),
            "optional(\"hi\")");
  EXPECT_EQ(fmt::format("{}", std::optional<std::string>{"a\"b\n"}),
            "optional(\"a\\\"b\\n\")");
  EXPECT_EQ(fmt::format("{}", std::optional<char>{'x'}), "optional('x')");
}

TEST(optional_test, specs_apply_to_value) {
  EXPECT_EQ(fmt::format("{:>4}", std::optional<int>{7}), "optional(   7)");
  EXPECT_EQ(fmt::format("{:#x}", std::optional<unsigned>{255u}),
            "optional(0xff)");
  EXPECT_EQ(fmt::format("{:.2f}", std::optional<double>{3.14159}),
            "optional(3.14)");
  EXPECT_EQ(fmt::format("{:<5}", std::optional<std::string>{"ab"}),
            "optional(ab   )");
  // An empty optional ignores the specs of its value type.
  EXPECT_EQ(fmt::format("{:>8}", std::optional<int>{}), "none");
}

TEST(optional_test, nested) {
  using nested = std::optional<std::optional<int>>;
  EXPECT_EQ(fmt::format("{}", nested{std::optional<int>{1}}),
            "optional(optional(1))");
  EXPECT_EQ(fmt::format("{}", nested{std::optional<int>{}}),
            "optional(none)");
  EXPECT_EQ(fmt::format("{}", nested{}), "none");
}

TEST(optional_test, in_ranges) {
  auto v = std::vector<std::optional<int>>{1, std::nullopt, 3};
  EXPECT_EQ(fmt::format("{}", v), "[optional(1), none, optional(3)]");
  auto t = std::tuple<std::optional<int>, int>{std::nullopt, 2};
  EXPECT_EQ(fmt::format("{}", t), "(none, 2)");
}

TEST(optional_test, is_formattable) {
  EXPECT_TRUE((fmt::is_formattable<std::optional<int>>::value));
  EXPECT_TRUE((fmt::is_formattable<std::optional<std::string>>::value));
  EXPECT_TRUE((fmt::is_formattable<std::nullopt_t>::value));

  struct unformattable {};
  EXPECT_FALSE((fmt::is_formattable<unformattable>::value));
  EXPECT_FALSE((fmt::is_formattable<std::optional<unformattable>>::value));
}

TEST(optional_test, wide) {
  EXPECT_EQ(fmt::format(L"{}", std::optional<int>{5}), L"optional(5)");
  EXPECT_EQ(fmt::format(L"{}", std::optional<int>{}), L"none");
}

TEST(optional_test, format_to_buffer) {
  auto buf = fmt::memory_buffer();
  fmt::format_to(std::back_inserter(buf), "{}|{}", std::optional<int>{1},
                 std::optional<int>{});
  EXPECT_EQ(fmt::to_string(buf), "optional(1)|none");
}
#endif  // __cpp_lib_optional
