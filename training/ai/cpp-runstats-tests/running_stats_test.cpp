#include "running_stats.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>

using stats::Histogram;
using stats::RunningStats;

namespace {

RunningStats from(const std::vector<double>& xs) {
    RunningStats s;
    for (double x : xs) s.push(x);
    return s;
}

double naive_variance(const std::vector<double>& xs) {
    const double mean = std::accumulate(xs.begin(), xs.end(), 0.0) / static_cast<double>(xs.size());
    double acc = 0.0;
    for (double x : xs) acc += (x - mean) * (x - mean);
    return acc / static_cast<double>(xs.size() - 1);
}

}  // namespace

// ---------------------------------------------------------------------------
// RunningStats
// ---------------------------------------------------------------------------

TEST(RunningStatsTest, EmptyReportsNaN) {
    RunningStats s;
    EXPECT_TRUE(s.empty());
    EXPECT_EQ(s.count(), 0u);
    EXPECT_TRUE(std::isnan(s.mean()));
    EXPECT_TRUE(std::isnan(s.variance()));
    EXPECT_TRUE(std::isnan(s.min()));
    EXPECT_TRUE(std::isnan(s.max()));
}

TEST(RunningStatsTest, SingleSampleHasMeanButNoSampleVariance) {
    RunningStats s = from({4.5});
    EXPECT_DOUBLE_EQ(s.mean(), 4.5);
    EXPECT_DOUBLE_EQ(s.population_variance(), 0.0);
    EXPECT_TRUE(std::isnan(s.variance()));
    EXPECT_DOUBLE_EQ(s.min(), 4.5);
    EXPECT_DOUBLE_EQ(s.max(), 4.5);
}

TEST(RunningStatsTest, KnownSmallDataset) {
    // Classic example: mean 5, population variance 4, sample variance 32/7.
    RunningStats s = from({2, 4, 4, 4, 5, 5, 7, 9});
    EXPECT_EQ(s.count(), 8u);
    EXPECT_DOUBLE_EQ(s.mean(), 5.0);
    EXPECT_DOUBLE_EQ(s.population_variance(), 4.0);
    EXPECT_NEAR(s.variance(), 32.0 / 7.0, 1e-12);
    EXPECT_NEAR(s.stddev(), std::sqrt(32.0 / 7.0), 1e-12);
    EXPECT_DOUBLE_EQ(s.min(), 2.0);
    EXPECT_DOUBLE_EQ(s.max(), 9.0);
}

TEST(RunningStatsTest, StableWithLargeOffset) {
    // A naive sum-of-squares implementation loses all precision here.
    std::vector<double> xs;
    for (int i = 0; i < 1000; ++i) xs.push_back(1e9 + (i % 10));
    RunningStats s = from(xs);
    EXPECT_NEAR(s.mean(), 1e9 + 4.5, 1e-6);
    EXPECT_NEAR(s.variance(), naive_variance(xs), 1e-6);
}

TEST(RunningStatsTest, RejectsNonFiniteSamples) {
    RunningStats s;
    EXPECT_THROW(s.push(std::nan("")), std::invalid_argument);
    EXPECT_THROW(s.push(INFINITY), std::invalid_argument);
    EXPECT_THROW(s.push(-INFINITY), std::invalid_argument);
    EXPECT_TRUE(s.empty()) << "a rejected sample must not be counted";
}

TEST(RunningStatsTest, MergeMatchesSinglePass) {
    std::mt19937 rng(1234);
    std::normal_distribution<double> dist(50.0, 12.0);
    std::vector<double> all;
    RunningStats a, b, c;
    for (int i = 0; i < 3000; ++i) {
        const double x = dist(rng);
        all.push_back(x);
        (i % 3 == 0 ? a : i % 3 == 1 ? b : c).push(x);
    }
    RunningStats merged;
    merged.merge(a);
    merged.merge(b);
    merged.merge(c);

    const RunningStats whole = from(all);
    EXPECT_EQ(merged.count(), whole.count());
    EXPECT_NEAR(merged.mean(), whole.mean(), 1e-9);
    EXPECT_NEAR(merged.variance(), whole.variance(), 1e-7);
    EXPECT_DOUBLE_EQ(merged.min(), whole.min());
    EXPECT_DOUBLE_EQ(merged.max(), whole.max());
}

TEST(RunningStatsTest, MergeWithEmptyIsIdentity) {
    RunningStats s = from({1, 2, 3});
    RunningStats empty;

    s.merge(empty);
    EXPECT_EQ(s.count(), 3u);
    EXPECT_DOUBLE_EQ(s.mean(), 2.0);

    empty.merge(s);
    EXPECT_EQ(empty.count(), 3u);
    EXPECT_DOUBLE_EQ(empty.variance(), 1.0);
}

// ---------------------------------------------------------------------------
// Histogram
// ---------------------------------------------------------------------------

TEST(HistogramTest, ConstructorValidatesArguments) {
    EXPECT_THROW(Histogram(0.0, 10.0), std::invalid_argument);
    EXPECT_THROW(Histogram(-1.0, 10.0), std::invalid_argument);
    EXPECT_THROW(Histogram(10.0, 10.0), std::invalid_argument);
    EXPECT_THROW(Histogram(1.0, 10.0, 0), std::invalid_argument);
    EXPECT_NO_THROW(Histogram(0.001, 60.0, 32));
}

TEST(HistogramTest, EmptyQuantileIsNaN) {
    Histogram h(1.0, 1024.0);
    EXPECT_EQ(h.total(), 0u);
    EXPECT_TRUE(std::isnan(h.quantile(0.5)));
}

TEST(HistogramTest, QuantileOutsideUnitIntervalThrows) {
    Histogram h(1.0, 1024.0);
    h.record(3.0);
    EXPECT_THROW((void)h.quantile(-0.01), std::out_of_range);
    EXPECT_THROW((void)h.quantile(1.5), std::out_of_range);
    EXPECT_THROW((void)h.quantile(std::nan("")), std::out_of_range);
}

TEST(HistogramTest, UnderflowAndOverflowAreCountedAndClamped) {
    Histogram h(1.0, 100.0);
    h.record(0.5);
    h.record(1000.0, 3);
    EXPECT_EQ(h.underflow(), 1u);
    EXPECT_EQ(h.overflow(), 3u);
    EXPECT_EQ(h.total(), 4u);
    EXPECT_DOUBLE_EQ(h.quantile(0.0), 1.0);
    EXPECT_DOUBLE_EQ(h.quantile(1.0), 100.0);
}

TEST(HistogramTest, RecordRejectsNaN) {
    Histogram h(1.0, 100.0);
    EXPECT_THROW(h.record(std::nan("")), std::invalid_argument);
    EXPECT_EQ(h.total(), 0u);
}

TEST(HistogramTest, MergeRequiresSameLayout) {
    Histogram a(1.0, 100.0, 8);
    Histogram b(1.0, 100.0, 16);
    Histogram c(2.0, 100.0, 8);
    EXPECT_THROW(a.merge(b), std::invalid_argument);
    EXPECT_THROW(a.merge(c), std::invalid_argument);
}

TEST(HistogramTest, MergeAddsCounts) {
    Histogram a(1.0, 1000.0);
    Histogram b(1.0, 1000.0);
    for (int i = 1; i <= 50; ++i) a.record(i);
    for (int i = 51; i <= 100; ++i) b.record(i);
    a.merge(b);
    EXPECT_EQ(a.total(), 100u);
    EXPECT_NEAR(a.quantile(0.5), 50.0, 50.0 / 16);
}

TEST(HistogramTest, ExactPowersOfTwoLandOnBucketEdges) {
    Histogram h(1.0, 1024.0, 4);
    h.record(8.0);
    // 8 is the first value of its octave, so its bucket is [8, 10).
    EXPECT_DOUBLE_EQ(h.quantile(1.0), 10.0);
}

class HistogramAccuracyTest : public ::testing::TestWithParam<unsigned> {};

TEST_P(HistogramAccuracyTest, QuantilesWithinRelativeErrorBound) {
    const unsigned sub = GetParam();
    Histogram h(0.01, 10000.0, sub);
    std::mt19937 rng(42);
    std::lognormal_distribution<double> dist(3.0, 1.0);
    std::vector<double> xs(20000);
    for (double& x : xs) {
        x = dist(rng);
        h.record(x);
    }
    std::sort(xs.begin(), xs.end());

    for (double q : {0.5, 0.9, 0.99, 0.999}) {
        const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(xs.size())));
        const double exact = xs[rank - 1];
        const double approx = h.quantile(q);
        SCOPED_TRACE(testing::Message() << "sub=" << sub << " q=" << q);
        EXPECT_GE(approx, exact) << "estimate is the bucket's upper edge";
        EXPECT_LE((approx - exact) / exact, 1.0 / sub + 1e-12);
    }
}

INSTANTIATE_TEST_SUITE_P(Resolutions, HistogramAccuracyTest, ::testing::Values(4u, 16u, 64u));
