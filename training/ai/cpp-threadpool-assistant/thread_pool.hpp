#pragma once

/**
 * @file thread_pool.hpp
 * @brief A small fixed-size thread pool with futures, bounded queueing and
 *        graceful shutdown.
 *
 * Example:
 * @code
 *   ThreadPool pool({.threads = 4, .max_queue = 256});
 *   auto answer = pool.submit([](int a, int b) { return a + b; }, 40, 2);
 *   std::cout << answer.get() << '\n';  // 42
 * @endcode
 */

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace pool {

/// Thrown by ThreadPool::submit when the pool no longer accepts work.
class PoolStoppedError : public std::runtime_error {
public:
    PoolStoppedError() : std::runtime_error("thread pool has been shut down") {}
};

/// Construction options for ThreadPool.
struct PoolOptions {
    /// Number of worker threads. 0 means std::thread::hardware_concurrency().
    std::size_t threads = 0;

    /// Maximum number of queued (not yet running) tasks. 0 means unbounded.
    /// When the queue is full, submit() blocks until a slot frees up.
    std::size_t max_queue = 0;
};

/**
 * @brief Fixed-size pool of worker threads executing submitted tasks in FIFO order.
 *
 * Thread safety: all public member functions may be called concurrently from
 * any thread, including from inside a running task (except shutdown(), which
 * must not be called from a worker because it joins the workers).
 */
class ThreadPool {
public:
    /// How shutdown() treats tasks that are still waiting in the queue.
    enum class ShutdownMode {
        Drain,   ///< Run every queued task before the workers exit.
        Discard  ///< Drop queued tasks; their futures report broken_promise.
    };

    explicit ThreadPool(PoolOptions options = {});

    /// Shuts down with ShutdownMode::Drain if the caller has not already done so.
    ~ThreadPool();

    // The pool owns threads that capture `this`, so it can be neither copied nor moved.
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;
    ThreadPool(ThreadPool&&) = delete;
    ThreadPool& operator=(ThreadPool&&) = delete;

    /**
     * @brief Queue a callable for execution and return a future for its result.
     *
     * Exceptions thrown by the callable are captured and rethrown from
     * std::future::get().
     *
     * @throws PoolStoppedError if shutdown() has been called.
     */
    template <typename F, typename... Args>
    [[nodiscard]] auto submit(F&& fn, Args&&... args)
        -> std::future<std::invoke_result_t<std::decay_t<F>, std::decay_t<Args>...>> {
        using Result = std::invoke_result_t<std::decay_t<F>, std::decay_t<Args>...>;

        // packaged_task is move-only, but std::function requires a copyable
        // callable, so we keep the task behind a shared_ptr.
        auto task = std::make_shared<std::packaged_task<Result()>>(
            [fn = std::forward<F>(fn), ... args = std::forward<Args>(args)]() mutable {
                return std::invoke(std::move(fn), std::move(args)...);
            });
        std::future<Result> future = task->get_future();
        enqueue([task]() { (*task)(); });
        return future;
    }

    /// Fire-and-forget variant of submit(). Exceptions escaping @p fn are
    /// swallowed (and counted in failed_tasks()) so a worker never dies.
    void post(std::function<void()> fn);

    /**
     * @brief Stop accepting work and join all worker threads.
     *
     * Safe to call more than once; later calls are no-ops.
     */
    void shutdown(ShutdownMode mode = ShutdownMode::Drain);

    /// Block until the queue is empty and no task is running.
    void wait_idle();

    [[nodiscard]] std::size_t thread_count() const noexcept { return workers_.size(); }
    [[nodiscard]] std::size_t pending() const;
    [[nodiscard]] std::size_t failed_tasks() const;

private:
    void enqueue(std::function<void()> job);
    void worker_loop();

    std::vector<std::thread> workers_;
    std::deque<std::function<void()>> queue_;
    std::size_t max_queue_;

    mutable std::mutex mutex_;
    std::condition_variable work_available_;  ///< Signalled when a job is queued or on stop.
    std::condition_variable space_available_; ///< Signalled when a bounded queue has room.
    std::condition_variable idle_;            ///< Signalled when the pool becomes idle.

    std::size_t active_ = 0;   ///< Tasks currently executing.
    std::size_t failed_ = 0;   ///< post() tasks that threw.
    bool stopping_ = false;
    bool joined_ = false;
};

}  // namespace pool
