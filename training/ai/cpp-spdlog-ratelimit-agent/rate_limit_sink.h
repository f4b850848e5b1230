// Copyright(c) 2015-present, Gabi Melman & spdlog contributors.
// Distributed under the MIT License (http://opensource.org/licenses/MIT)

#pragma once

#include "dist_sink.h"
#include <spdlog/details/null_mutex.h>
#include <spdlog/details/log_msg.h>

#include <cstdio>
#include <mutex>
#include <chrono>

// Rate limiting sink.
// Forward at most "max_messages" messages to the sub sinks in each "window".
// Messages over the limit are dropped and counted. When a new window starts, a
// "Dropped N messages.." message is logged before the first message of the window.
// Messages at or above the "always_pass" level are never dropped (default: critical).
//
// Example:
//
//     #include <spdlog/sinks/rate_limit_sink.h>
//
//     int main() {
//         auto limiter = std::make_shared<rate_limit_sink_st>(3, std::chrono::seconds(1));
//         limiter->add_sink(std::make_shared<stdout_color_sink_mt>());
//         spdlog::logger l("logger", limiter);
//         for (int i = 0; i < 10; i++)
//             l.info("Hello {}", i);
//         std::this_thread::sleep_for(std::chrono::seconds(1));
//         l.info("Done");
//     }
//
// Will produce:
//       [2022-03-14 11:02:15.120] [logger] [info] Hello 0
//       [2022-03-14 11:02:15.120] [logger] [info] Hello 1
//       [2022-03-14 11:02:15.120] [logger] [info] Hello 2
//       [2022-03-14 11:02:16.121] [logger] [warning] Dropped 7 messages..
//       [2022-03-14 11:02:16.121] [logger] [info] Done

namespace spdlog {
namespace sinks {
template<typename Mutex>
class rate_limit_sink : public dist_sink<Mutex>
{
public:
    template<class Rep, class Period>
    rate_limit_sink(size_t max_messages, std::chrono::duration<Rep, Period> window, level::level_enum always_pass = level::critical)
        : max_messages_{max_messages}
        , window_{std::chrono::duration_cast<std::chrono::microseconds>(window)}
        , always_pass_{always_pass}
    {}

    // number of messages dropped since the sink was created
    size_t dropped_total()
    {
        std::lock_guard<Mutex> lock(base_sink<Mutex>::mutex_);
        return dropped_total_;
    }

protected:
    size_t max_messages_;
    std::chrono::microseconds window_;
    level::level_enum always_pass_;
    log_clock::time_point window_start_;
    size_t window_counter_ = 0;
    size_t dropped_counter_ = 0;
    size_t dropped_total_ = 0;

    void sink_it_(const details::log_msg &msg) override
    {
        if (msg.time - window_start_ >= window_)
        {
            start_window_(msg);
        }

        if (msg.level < always_pass_ && window_counter_ >= max_messages_)
        {
            dropped_counter_ += 1;
            dropped_total_ += 1;
            return;
        }

        window_counter_ += 1;
        dist_sink<Mutex>::sink_it_(msg);
    }

    // begin a new window and log the "dropped.." message for the previous one if needed
    void start_window_(const details::log_msg &msg)
    {
        window_start_ = msg.time;
        window_counter_ = 0;
        if (dropped_counter_ == 0)
        {
            return;
        }

        char buf[64];
        auto msg_size = ::snprintf(buf, sizeof(buf), "Dropped %u messages..", static_cast<unsigned>(dropped_counter_));
        if (msg_size > 0 && static_cast<size_t>(msg_size) < sizeof(buf))
        {
            details::log_msg dropped_msg{msg.logger_name, level::warn, string_view_t{buf, static_cast<size_t>(msg_size)}};
            dist_sink<Mutex>::sink_it_(dropped_msg);
        }
        dropped_counter_ = 0;
    }
};

using rate_limit_sink_mt = rate_limit_sink<std::mutex>;
using rate_limit_sink_st = rate_limit_sink<details::null_mutex>;

} // namespace sinks
} // namespace spdlog
