#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

namespace stats {

// Single-pass mean/variance (Welford) with min/max, mergeable across shards.
class RunningStats {
public:
    void push(double x) {
        if (!std::isfinite(x)) throw std::invalid_argument("RunningStats::push: non-finite sample");
        ++n_;
        const double delta = x - mean_;
        mean_ += delta / static_cast<double>(n_);
        m2_ += delta * (x - mean_);
        min_ = std::min(min_, x);
        max_ = std::max(max_, x);
    }

    void merge(const RunningStats& o) {
        if (o.n_ == 0) return;
        if (n_ == 0) {
            *this = o;
            return;
        }
        const auto n = n_ + o.n_;
        const double delta = o.mean_ - mean_;
        mean_ += delta * static_cast<double>(o.n_) / static_cast<double>(n);
        m2_ += o.m2_ + delta * delta * static_cast<double>(n_) * static_cast<double>(o.n_) / static_cast<double>(n);
        n_ = n;
        min_ = std::min(min_, o.min_);
        max_ = std::max(max_, o.max_);
    }

    [[nodiscard]] std::uint64_t count() const noexcept { return n_; }
    [[nodiscard]] bool empty() const noexcept { return n_ == 0; }
    [[nodiscard]] double mean() const noexcept { return n_ ? mean_ : std::numeric_limits<double>::quiet_NaN(); }
    [[nodiscard]] double variance() const noexcept {
        return n_ > 1 ? m2_ / static_cast<double>(n_ - 1) : std::numeric_limits<double>::quiet_NaN();
    }
    [[nodiscard]] double population_variance() const noexcept {
        return n_ ? m2_ / static_cast<double>(n_) : std::numeric_limits<double>::quiet_NaN();
    }
    [[nodiscard]] double stddev() const noexcept { return std::sqrt(variance()); }
    [[nodiscard]] double min() const noexcept { return n_ ? min_ : std::numeric_limits<double>::quiet_NaN(); }
    [[nodiscard]] double max() const noexcept { return n_ ? max_ : std::numeric_limits<double>::quiet_NaN(); }

private:
    std::uint64_t n_ = 0;
    double mean_ = 0.0;
    double m2_ = 0.0;
    double min_ = std::numeric_limits<double>::infinity();
    double max_ = -std::numeric_limits<double>::infinity();
};

// Log-linear bucketed histogram for latency-style data. Each power of two
// between lo and hi is split into `sub` equal buckets, so the relative error
// of a quantile is bounded by 1/sub.
class Histogram {
public:
    Histogram(double lo, double hi, unsigned sub = 16) : lo_(lo), hi_(hi), sub_(sub) {
        if (!(lo > 0) || !(hi > lo)) throw std::invalid_argument("Histogram: need 0 < lo < hi");
        if (sub == 0) throw std::invalid_argument("Histogram: sub must be positive");
        octaves_ = static_cast<unsigned>(std::ceil(std::log2(hi / lo)));
        counts_.assign(static_cast<std::size_t>(octaves_) * sub_ + 2, 0);
    }

    void record(double x, std::uint64_t times = 1) {
        counts_[index(x)] += times;
        total_ += times;
    }

    void merge(const Histogram& o) {
        if (o.lo_ != lo_ || o.hi_ != hi_ || o.sub_ != sub_)
            throw std::invalid_argument("Histogram::merge: incompatible layout");
        for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += o.counts_[i];
        total_ += o.total_;
    }

    [[nodiscard]] std::uint64_t total() const noexcept { return total_; }
    [[nodiscard]] std::uint64_t underflow() const noexcept { return counts_.front(); }
    [[nodiscard]] std::uint64_t overflow() const noexcept { return counts_.back(); }

    // Value at quantile q in [0, 1]: the upper edge of the bucket holding the
    // ceil(q * total)-th sample. Under/overflow report lo/hi.
    [[nodiscard]] double quantile(double q) const {
        if (!(q >= 0.0 && q <= 1.0)) throw std::out_of_range("Histogram::quantile: q outside [0, 1]");
        if (total_ == 0) return std::numeric_limits<double>::quiet_NaN();
        const auto rank = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(total_))));
        std::uint64_t seen = 0;
        for (std::size_t i = 0; i < counts_.size(); ++i) {
            seen += counts_[i];
            if (seen >= rank) return upper_edge(i);
        }
        return hi_;
    }

private:
    [[nodiscard]] std::size_t index(double x) const {
        if (std::isnan(x)) throw std::invalid_argument("Histogram::record: NaN");
        if (x < lo_) return 0;
        if (x >= hi_) return counts_.size() - 1;
        int e = 0;
        const double m = std::frexp(x / lo_, &e);  // x / lo == m * 2^e, m in [0.5, 1)
        const auto octave = std::min(static_cast<unsigned>(e - 1), octaves_ - 1);
        const auto slot = std::min(static_cast<unsigned>((2.0 * m - 1.0) * sub_), sub_ - 1);
        return 1 + static_cast<std::size_t>(octave) * sub_ + slot;
    }

    [[nodiscard]] double upper_edge(std::size_t i) const {
        if (i == 0) return lo_;
        if (i == counts_.size() - 1) return hi_;
        const auto k = i - 1;
        const auto octave = static_cast<int>(k / sub_);
        const auto slot = static_cast<double>(k % sub_);
        const double base = lo_ * std::ldexp(1.0, octave);
        return std::min(hi_, base + base * (slot + 1) / sub_);
    }

    double lo_;
    double hi_;
    unsigned sub_;
    unsigned octaves_ = 0;
    std::vector<std::uint64_t> counts_;
    std::uint64_t total_ = 0;
};

}  // namespace stats
