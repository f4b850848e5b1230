#include "thread_pool.hpp"

#include <algorithm>
#include <exception>

namespace pool {

ThreadPool::ThreadPool(PoolOptions options) : max_queue_(options.max_queue) {
    std::size_t count = options.threads;
    if (count == 0) {
        // hardware_concurrency() may return 0 when the value is not computable.
        count = std::max(1u, std::thread::hardware_concurrency());
    }

    workers_.reserve(count);
    try {
        for (std::size_t i = 0; i < count; ++i) {
            workers_.emplace_back([this] { worker_loop(); });
        }
    } catch (...) {
        // If creating thread N fails, the N-1 threads already started must be
        // stopped and joined, otherwise their destructors call std::terminate.
        shutdown(ShutdownMode::Discard);
        throw;
    }
}

ThreadPool::~ThreadPool() {
    // Destructors must not throw; shutdown() only throws if called from a worker,
    // which cannot happen here because a worker cannot own the pool.
    shutdown(ShutdownMode::Drain);
}

void ThreadPool::post(std::function<void()> fn) {
    if (!fn) {
        throw std::invalid_argument("ThreadPool::post: empty function");
    }
    enqueue([this, fn = std::move(fn)] {
        try {
            fn();
        } catch (...) {
            std::lock_guard lock(mutex_);
            ++failed_;
        }
    });
}

void ThreadPool::enqueue(std::function<void()> job) {
    {
        std::unique_lock lock(mutex_);
        if (max_queue_ > 0) {
            space_available_.wait(lock, [this] { return stopping_ || queue_.size() < max_queue_; });
        }
        if (stopping_) {
            throw PoolStoppedError();
        }
        queue_.push_back(std::move(job));
    }
    // Notify outside the lock so the woken worker does not immediately block on it.
    work_available_.notify_one();
}

void ThreadPool::worker_loop() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(mutex_);
            work_available_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) {
                // stopping_ is set and there is nothing left to drain.
                return;
            }
            job = std::move(queue_.front());
            queue_.pop_front();
            ++active_;
        }
        space_available_.notify_one();

        // Jobs built by submit()/post() never throw: packaged_task stores the
        // exception in its future and post() catches everything itself.
        job();

        {
            std::lock_guard lock(mutex_);
            --active_;
            if (active_ == 0 && queue_.empty()) {
                idle_.notify_all();
            }
        }
    }
}

void ThreadPool::shutdown(ShutdownMode mode) {
    const auto self = std::this_thread::get_id();
    if (std::any_of(workers_.begin(), workers_.end(), [self](const std::thread& t) { return t.get_id() == self; })) {
        // Joining ourselves would deadlock (std::thread::join throws, but only
        // after we have already set stopping_).
        throw std::logic_error("ThreadPool::shutdown called from a worker thread");
    }

    std::deque<std::function<void()>> discarded;
    {
        std::lock_guard lock(mutex_);
        if (joined_) {
            return;
        }
        stopping_ = true;
        if (mode == ShutdownMode::Discard) {
            // Destroy the jobs outside the lock: destroying a packaged_task that
            // was never run makes its future ready with broken_promise.
            discarded.swap(queue_);
        }
    }
    work_available_.notify_all();
    space_available_.notify_all();

    for (std::thread& worker : workers_) {
        if (worker.joinable()) {
            worker.join();
        }
    }

    std::lock_guard lock(mutex_);
    joined_ = true;
    idle_.notify_all();
}

void ThreadPool::wait_idle() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return (queue_.empty() && active_ == 0) || joined_; });
}

std::size_t ThreadPool::pending() const {
    std::lock_guard lock(mutex_);
    return queue_.size();
}

std::size_t ThreadPool::failed_tasks() const {
    std::lock_guard lock(mutex_);
    return failed_;
}

}  // namespace pool
