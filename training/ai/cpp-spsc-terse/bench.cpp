#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <numeric>
#include <thread>
#include <vector>

#include "pool.hpp"
#include "spsc.hpp"

using clk = std::chrono::steady_clock;

static double ms(clk::time_point a) { return std::chrono::duration<double, std::milli>(clk::now() - a).count(); }

static void bench_spsc(std::size_t n) {
    q::spsc<std::uint64_t> rq(1 << 12);
    std::uint64_t sum = 0;
    auto t0 = clk::now();
    std::jthread c([&] {
        for (std::size_t got = 0; got < n;)
            if (auto v = rq.pop()) sum += *v, ++got;
    });
    for (std::uint64_t i = 0; i < n;)
        if (rq.push(i)) ++i;
    c.join();
    auto t = ms(t0);
    std::printf("spsc  %zu items  %.1f ms  %.1f Mops/s  sum=%llu\n", n, t, n / t / 1e3, (unsigned long long)sum);
}

static void bench_pool(std::size_t jobs) {
    q::pool p;
    std::vector<int> v(jobs);
    std::iota(v.begin(), v.end(), 0);
    auto t0 = clk::now();
    std::atomic<long long> acc{0};
    p.for_each(v.begin(), v.end(), [&](int x) { acc += static_cast<long long>(x) * x % 7; });
    auto t = ms(t0);
    std::printf("pool  %zu jobs on %zu threads  %.1f ms  acc=%lld\n", jobs, p.threads(), t, acc.load());
    auto f = p.submit([](int a, int b) { return a * b; }, 6, 7);
    std::printf("submit -> %d\n", f.get());
}

int main(int argc, char** argv) {
    std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10'000'000;
    bench_spsc(n);
    bench_pool(n / 100);
}
