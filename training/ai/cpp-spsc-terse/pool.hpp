#pragma once
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

namespace q {

class pool {
    using job = std::function<void()>;

    struct lane {
        std::mutex m;
        std::deque<job> d;
    };

    std::vector<std::unique_ptr<lane>> lanes_;
    std::vector<std::jthread> ts_;
    std::mutex m_;
    std::condition_variable_any cv_;
    std::atomic<std::size_t> rr_{0}, pending_{0};

    bool grab(std::size_t self, job& out) {
        auto n = lanes_.size();
        for (std::size_t k = 0; k < n; ++k) {
            auto& l = *lanes_[(self + k) % n];
            std::unique_lock g(l.m, std::try_to_lock);
            if (!g || l.d.empty()) continue;
            if (k == 0) {
                out = std::move(l.d.back());
                l.d.pop_back();
            } else {
                out = std::move(l.d.front());
                l.d.pop_front();
            }
            pending_.fetch_sub(1, std::memory_order_relaxed);
            return true;
        }
        return false;
    }

    void run(std::stop_token st, std::size_t self) {
        job j;
        while (!st.stop_requested()) {
            if (grab(self, j)) {
                j();
                j = nullptr;
                continue;
            }
            std::unique_lock g(m_);
            cv_.wait(g, st, [&] { return pending_.load(std::memory_order_relaxed) > 0; });
        }
    }

public:
    explicit pool(unsigned n = std::thread::hardware_concurrency()) {
        n = n ? n : 1;
        for (unsigned i = 0; i < n; ++i) lanes_.push_back(std::make_unique<lane>());
        for (unsigned i = 0; i < n; ++i) ts_.emplace_back([this, i](std::stop_token st) { run(st, i); });
    }

    ~pool() {
        for (auto& t : ts_) t.request_stop();
        cv_.notify_all();
    }

    pool(const pool&) = delete;
    pool& operator=(const pool&) = delete;

    std::size_t threads() const noexcept { return ts_.size(); }

    template <class F, class... A>
    auto submit(F&& f, A&&... a) {
        using R = std::invoke_result_t<F, A...>;
        auto t = std::make_shared<std::packaged_task<R()>>(
            [f = std::forward<F>(f), ... a = std::forward<A>(a)]() mutable { return std::invoke(std::move(f), std::move(a)...); });
        auto fut = t->get_future();
        auto& l = *lanes_[rr_.fetch_add(1, std::memory_order_relaxed) % lanes_.size()];
        {
            std::lock_guard g(l.m);
            l.d.emplace_back([t] { (*t)(); });
        }
        {
            std::lock_guard g(m_);
            pending_.fetch_add(1, std::memory_order_relaxed);
        }
        cv_.notify_one();
        return fut;
    }

    template <class It, class F>
    void for_each(It b, It e, F f) {
        std::vector<std::future<void>> fs;
        for (; b != e; ++b) fs.push_back(submit([&f, b] { f(*b); }));
        for (auto& x : fs) x.get();
    }
};

}  // namespace q
