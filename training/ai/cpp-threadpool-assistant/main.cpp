/**
 * @file main.cpp
 * @brief Demonstrates ThreadPool: parallel computation, error propagation,
 *        back-pressure with a bounded queue and the two shutdown modes.
 *
 * Build: g++ -std=c++20 -O2 -pthread thread_pool.cpp main.cpp -o pool_demo
 */

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "thread_pool.hpp"

namespace {

/// Counts primes in [begin, end) by trial division; deliberately CPU-bound.
std::uint64_t count_primes(std::uint64_t begin, std::uint64_t end) {
    std::uint64_t count = 0;
    for (std::uint64_t n = std::max<std::uint64_t>(begin, 2); n < end; ++n) {
        bool prime = true;
        for (std::uint64_t d = 2; d * d <= n; ++d) {
            if (n % d == 0) {
                prime = false;
                break;
            }
        }
        count += prime ? 1 : 0;
    }
    return count;
}

void demo_parallel_sum(pool::ThreadPool& tp) {
    constexpr std::uint64_t kLimit = 2'000'000;
    constexpr std::uint64_t kChunks = 32;
    constexpr std::uint64_t kStep = kLimit / kChunks;

    std::vector<std::future<std::uint64_t>> parts;
    parts.reserve(kChunks);
    for (std::uint64_t i = 0; i < kChunks; ++i) {
        parts.push_back(tp.submit(count_primes, i * kStep, (i + 1) * kStep));
    }

    // Collect in submission order; get() blocks until each chunk is done.
    std::uint64_t total = 0;
    for (auto& part : parts) {
        total += part.get();
    }
    std::cout << "primes below " << kLimit << ": " << total << '\n';
}

void demo_exceptions(pool::ThreadPool& tp) {
    auto failing = tp.submit([]() -> int { throw std::runtime_error("disk on fire"); });
    try {
        (void)failing.get();
    } catch (const std::exception& e) {
        // The exception crossed threads intact, with its original type.
        std::cout << "task failed as expected: " << e.what() << '\n';
    }

    tp.post([] { throw std::logic_error("ignored by post()"); });
    tp.wait_idle();
    std::cout << "failed fire-and-forget tasks: " << tp.failed_tasks() << '\n';
}

void demo_discard() {
    using namespace std::chrono_literals;

    pool::ThreadPool tp({.threads = 1, .max_queue = 8});
    std::atomic<int> ran{0};
    std::vector<std::future<void>> futures;
    for (int i = 0; i < 8; ++i) {
        futures.push_back(tp.submit([&ran] {
            std::this_thread::sleep_for(20ms);
            ++ran;
        }));
    }

    // Give the single worker a moment to pick up the first task. Only that
    // task completes; everything still queued is dropped.
    std::this_thread::sleep_for(5ms);
    tp.shutdown(pool::ThreadPool::ShutdownMode::Discard);

    int broken = 0;
    for (auto& f : futures) {
        try {
            f.get();
        } catch (const std::future_error& e) {
            if (e.code() == std::future_errc::broken_promise) {
                ++broken;
            }
        }
    }
    std::cout << "discard: ran=" << ran.load() << " dropped=" << broken << '\n';

    try {
        tp.post([] {});
    } catch (const pool::PoolStoppedError& e) {
        std::cout << "after shutdown: " << e.what() << '\n';
    }
}

}  // namespace

int main() {
    try {
        pool::ThreadPool tp({.threads = 4, .max_queue = 16});
        std::cout << "workers: " << tp.thread_count() << '\n';

        const auto start = std::chrono::steady_clock::now();
        demo_parallel_sum(tp);
        const auto elapsed = std::chrono::steady_clock::now() - start;
        std::cout << "took " << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() << " ms\n";

        demo_exceptions(tp);
        demo_discard();
    } catch (const std::exception& e) {
        std::cerr << "fatal: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
