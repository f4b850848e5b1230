#include "includes.h"
#include "spdlog/sinks/rate_limit_sink.h"
#include "test_sink.h"

TEST_CASE("rate_limit_test1", "[rate_limit_sink]")
{
    using spdlog::sinks::rate_limit_sink_st;
    using spdlog::sinks::test_sink_mt;

    rate_limit_sink_st limit_sink{5, std::chrono::seconds{5}};
    auto test_sink = std::make_shared<test_sink_mt>();
    limit_sink.add_sink(test_sink);

    for (int i = 0; i < 20; i++)
    {
        limit_sink.log(spdlog::details::log_msg{"test", spdlog::level::info, "message"});
    }

    REQUIRE(test_sink->msg_counter() == 5);
    REQUIRE(limit_sink.dropped_total() == 15);
}

TEST_CASE("rate_limit_test2", "[rate_limit_sink]")
{
    using spdlog::sinks::rate_limit_sink_st;
    using spdlog::sinks::test_sink_mt;

    rate_limit_sink_st limit_sink{100, std::chrono::seconds{5}};
    auto test_sink = std::make_shared<test_sink_mt>();
    limit_sink.add_sink(test_sink);

    for (int i = 0; i < 20; i++)
    {
        limit_sink.log(spdlog::details::log_msg{"test", spdlog::level::info, "message"});
    }

    REQUIRE(test_sink->msg_counter() == 20);
    REQUIRE(limit_sink.dropped_total() == 0);
}

TEST_CASE("rate_limit_test3", "[rate_limit_sink]")
{
    using spdlog::sinks::rate_limit_sink_mt;
    using spdlog::sinks::test_sink_mt;

    rate_limit_sink_mt limit_sink{2, std::chrono::milliseconds{10}};
    auto test_sink = std::make_shared<test_sink_mt>();
    test_sink->set_pattern("%v");
    limit_sink.add_sink(test_sink);

    for (int i = 0; i < 5; i++)
    {
        limit_sink.log(spdlog::details::log_msg{"test", spdlog::level::info, "message"});
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    limit_sink.log(spdlog::details::log_msg{"test", spdlog::level::info, "message2"});

    REQUIRE(test_sink->msg_counter() == 4);
    REQUIRE(test_sink->lines().size() == 4);
    REQUIRE(test_sink->lines()[2] == "Dropped 3 messages..");
    REQUIRE(test_sink->lines()[3] == "message2");
}

TEST_CASE("rate_limit_test4", "[rate_limit_sink]")
{
    using spdlog::sinks::rate_limit_sink_st;
    using spdlog::sinks::test_sink_mt;

    rate_limit_sink_st limit_sink{1, std::chrono::seconds{5}};
    auto test_sink = std::make_shared<test_sink_mt>();
    limit_sink.add_sink(test_sink);

    limit_sink.log(spdlog::details::log_msg{"test", spdlog::level::info, "message"});
    limit_sink.log(spdlog::details::log_msg{"test", spdlog::level::err, "message"});
    limit_sink.log(spdlog::details::log_msg{"test", spdlog::level::critical, "message"});
    limit_sink.log(spdlog::details::log_msg{"test", spdlog::level::critical, "message"});

    // critical messages pass even when the window is full
    REQUIRE(test_sink->msg_counter() == 3);
    REQUIRE(limit_sink.dropped_total() == 1);
}

TEST_CASE("rate_limit_test5", "[rate_limit_sink]")
{
    using spdlog::sinks::rate_limit_sink_st;
    using spdlog::sinks::test_sink_mt;

    rate_limit_sink_st limit_sink{1, std::chrono::seconds{5}, spdlog::level::warn};
    auto test_sink = std::make_shared<test_sink_mt>();
    limit_sink.add_sink(test_sink);

    for (int i = 0; i < 3; i++)
    {
        limit_sink.log(spdlog::details::log_msg{"test", spdlog::level::info, "message"});
        limit_sink.log(spdlog::details::log_msg{"test", spdlog::level::warn, "message"});
    }

    REQUIRE(test_sink->msg_counter() == 4);
    REQUIRE(limit_sink.dropped_total() == 2);
}

TEST_CASE("rate_limit_test6", "[rate_limit_sink]")
{
    using spdlog::sinks::rate_limit_sink_mt;
    using spdlog::sinks::test_sink_mt;

    rate_limit_sink_mt limit_sink{0, std::chrono::seconds{5}};
    auto test_sink = std::make_shared<test_sink_mt>();
    limit_sink.add_sink(test_sink);

    for (int i = 0; i < 10; i++)
    {
        limit_sink.log(spdlog::details::log_msg{"test", spdlog::level::info, "message"});
    }

    REQUIRE(test_sink->msg_counter() == 0);
    REQUIRE(limit_sink.dropped_total() == 10);
}
