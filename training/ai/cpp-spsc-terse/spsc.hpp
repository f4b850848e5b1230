#pragma once
#include <atomic>
#include <bit>
#include <cstddef>
#include <memory>
#include <new>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace q {

inline constexpr std::size_t kLine = 64;

template <class T>
class spsc {
    static_assert(std::is_nothrow_move_constructible_v<T>);

    struct slot { alignas(T) std::byte raw[sizeof(T)]; };

    std::size_t mask_;
    std::unique_ptr<slot[]> buf_;
    alignas(kLine) std::atomic<std::size_t> head_{0};
    alignas(kLine) std::size_t tail_cache_{0};
    alignas(kLine) std::atomic<std::size_t> tail_{0};
    alignas(kLine) std::size_t head_cache_{0};

    T* at(std::size_t i) noexcept { return std::launder(reinterpret_cast<T*>(buf_[i & mask_].raw)); }

public:
    explicit spsc(std::size_t cap) : mask_(std::bit_ceil(cap < 2 ? 2 : cap) - 1), buf_(new slot[mask_ + 1]) {}
    spsc(const spsc&) = delete;
    spsc& operator=(const spsc&) = delete;
    ~spsc() { while (pop()) {} }

    std::size_t capacity() const noexcept { return mask_ + 1; }

    template <class... A>
    bool emplace(A&&... a) {
        auto t = tail_.load(std::memory_order_relaxed);
        if (t - head_cache_ == capacity()) {
            head_cache_ = head_.load(std::memory_order_acquire);
            if (t - head_cache_ == capacity()) return false;
        }
        ::new (buf_[t & mask_].raw) T(std::forward<A>(a)...);
        tail_.store(t + 1, std::memory_order_release);
        return true;
    }

    bool push(T v) { return emplace(std::move(v)); }

    std::optional<T> pop() {
        auto h = head_.load(std::memory_order_relaxed);
        if (h == tail_cache_) {
            tail_cache_ = tail_.load(std::memory_order_acquire);
            if (h == tail_cache_) return std::nullopt;
        }
        T* p = at(h);
        std::optional<T> out{std::move(*p)};
        p->~T();
        head_.store(h + 1, std::memory_order_release);
        return out;
    }

    std::size_t size_approx() const noexcept {
        return tail_.load(std::memory_order_acquire) - head_.load(std::memory_order_acquire);
    }
};

}  // namespace q
