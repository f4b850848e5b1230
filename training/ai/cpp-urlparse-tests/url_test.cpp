#include "url.hpp"

#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>

#include <string>
#include <tuple>

using net::parse_query;
using net::parse_url;
using net::percent_decode;

TEST_CASE("parse_url splits a full URL into its components", "[url]") {
    auto u = parse_url("https://alice@Example.COM:8443/a/b?x=1&y=2#frag");
    REQUIRE(u.has_value());
    CHECK(u->scheme == "https");
    CHECK(u->user == "alice");
    CHECK(u->host == "example.com");
    REQUIRE(u->port.has_value());
    CHECK(*u->port == 8443);
    CHECK(u->path == "/a/b");
    CHECK(u->query == "x=1&y=2");
    CHECK(u->fragment == "frag");
}

TEST_CASE("parse_url fills in defaults for missing parts", "[url]") {
    auto u = parse_url("http://example.com");
    REQUIRE(u);
    CHECK(u->path == "/");
    CHECK_FALSE(u->port.has_value());
    CHECK(u->query.empty());
    CHECK(u->fragment.empty());
    CHECK(u->user.empty());
}

TEST_CASE("scheme is case-insensitive and normalised to lower case", "[url]") {
    auto u = parse_url("HTTPS://example.com/");
    REQUIRE(u);
    CHECK(u->scheme == "https");
}

TEST_CASE("query and fragment may appear without a path", "[url]") {
    SECTION("query only") {
        auto u = parse_url("http://h?q=1");
        REQUIRE(u);
        CHECK(u->host == "h");
        CHECK(u->path == "/");
        CHECK(u->query == "q=1");
    }
    SECTION("fragment only") {
        auto u = parse_url("http://h#top");
        REQUIRE(u);
        CHECK(u->fragment == "top");
    }
    SECTION("question mark inside the fragment belongs to the fragment") {
        auto u = parse_url("http://h/p#a?b");
        REQUIRE(u);
        CHECK(u->query.empty());
        CHECK(u->fragment == "a?b");
    }
}

TEST_CASE("IPv6 literals are accepted in brackets", "[url][ipv6]") {
    auto u = parse_url("http://[::1]:8080/health");
    REQUIRE(u);
    CHECK(u->host == "::1");
    CHECK(u->port == std::uint16_t{8080});
    CHECK(u->to_string() == "http://[::1]:8080/health");

    CHECK_FALSE(parse_url("http://[::1/health"));
    CHECK_FALSE(parse_url("http://[::1]x/health"));
}

TEST_CASE("user info uses the last @ in the authority", "[url]") {
    auto u = parse_url("ftp://me@corp@files.example.org/pub");
    REQUIRE(u);
    CHECK(u->user == "me@corp");
    CHECK(u->host == "files.example.org");
}

TEST_CASE("parse_url rejects malformed input", "[url][invalid]") {
    auto input = GENERATE(as<std::string>{},
                          "",
                          "example.com",
                          "://example.com",
                          "1http://example.com",
                          "ht tp://example.com",
                          "http://",
                          "http:///path",
                          "http://host:",
                          "http://host:65536",
                          "http://host:80a",
                          "http://user@:80/");
    CAPTURE(input);
    CHECK_FALSE(parse_url(input).has_value());
}

TEST_CASE("port boundaries", "[url][port]") {
    CHECK(parse_url("http://h:0")->port == std::uint16_t{0});
    CHECK(parse_url("http://h:65535")->port == std::uint16_t{65535});
    CHECK_FALSE(parse_url("http://h:99999"));
}

TEST_CASE("effective_port falls back to the scheme default", "[url][port]") {
    auto [url, expected] = GENERATE(table<std::string, int>({
        {"http://h/", 80},
        {"https://h/", 443},
        {"ws://h/", 80},
        {"wss://h/", 443},
        {"ftp://h/", 21},
        {"gopher://h/", 0},
        {"https://h:8443/", 8443},
    }));
    CAPTURE(url);
    auto u = parse_url(url);
    REQUIRE(u);
    CHECK(u->effective_port() == expected);
}

TEST_CASE("to_string round-trips parsed URLs", "[url]") {
    auto text = GENERATE(as<std::string>{},
                         "https://example.com/",
                         "http://bob@host:81/a/b?c=d#e",
                         "ws://[fe80::1]:9000/socket");
    auto u = parse_url(text);
    REQUIRE(u);
    CHECK(u->to_string() == text);
}

TEST_CASE("percent_decode", "[decode]") {
    CHECK(percent_decode("a%20b") == "a b");
    CHECK(percent_decode("%E2%82%AC") == "\xE2\x82\xAC");
    CHECK(percent_decode("100%") == "100%");
    CHECK(percent_decode("%zz") == "%zz");
    CHECK(percent_decode("%4") == "%4");
    CHECK(percent_decode("a+b") == "a+b");
    CHECK(percent_decode("a+b", true) == "a b");
}

TEST_CASE("parse_query", "[query]") {
    SECTION("simple pairs keep their order") {
        auto q = parse_query("b=2&a=1");
        REQUIRE(q.size() == 2);
        CHECK(q[0] == std::pair<std::string, std::string>{"b", "2"});
        CHECK(q[1] == std::pair<std::string, std::string>{"a", "1"});
    }
    SECTION("keys without values and empty segments") {
        auto q = parse_query("flag&&x=&=v");
        REQUIRE(q.size() == 3);
        CHECK(q[0].first == "flag");
        CHECK(q[0].second.empty());
        CHECK(q[1].first == "x");
        CHECK(q[2].first.empty());
        CHECK(q[2].second == "v");
    }
    SECTION("values are decoded with + as space") {
        auto q = parse_query("name=Jane+Doe&city=S%C3%A3o%20Paulo");
        REQUIRE(q.size() == 2);
        CHECK(q[0].second == "Jane Doe");
        CHECK(q[1].second == "S\xC3\xA3o Paulo");
    }
    SECTION("repeated keys are all kept") {
        auto q = parse_query("t=a&t=b");
        REQUIRE(q.size() == 2);
        CHECK(q[1].second == "b");
    }
    SECTION("empty query") {
        CHECK(parse_query("").empty());
    }
}
