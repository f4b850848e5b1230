TEST(SaturatingAdd, ClampsAtMaximum) {
    constexpr auto max = std::numeric_limits<std::int32_t>::max();
    EXPECT_EQ(saturating_add(max, 1), max);
    EXPECT_EQ(saturating_add(max - 5, 10), max);
    EXPECT_EQ(saturating_add(max - 5, 5), max);
}

TEST(SaturatingAdd, ClampsAtMinimum) {
    constexpr auto min = std::numeric_limits<std::int32_t>::min();
    EXPECT_EQ(saturating_add(min, -1), min);
    EXPECT_EQ(saturating_add(min + 3, -3), min);
    EXPECT_EQ(saturating_add(-2, 2), 0);
}
