//     __ _____ _____ _____
//  __|  |   __|     |   | |  JSON for Modern C++ (supporting code)
// |  |  |__   |  |  | | | |  version 3.11.2
// |_____|_____|_____|_|___|  https://github.com/nlohmann/json
//
// SPDX-FileCopyrightText: 2013-2022 Niels Lohmann <https://nlohmann.me>
// SPDX-License-Identifier: MIT

#include "doctest_compatibility.h"

#include <nlohmann/json.hpp>
#include <nlohmann/detail/json_pointer_glob.hpp>
using nlohmann::json;
using nlohmann::ordered_json;
#ifdef JSON_TEST_NO_GLOBAL_UDLS
    using namespace nlohmann::literals; // NOLINT(google-build-using-namespace)
#endif

#include <string>
#include <vector>

namespace
{
template<typename Pointers>
std::vector<std::string> to_strings(const Pointers& ptrs)
{
    std::vector<std::string> result;
    for (const auto& p : ptrs)
    {
        result.push_back(p.to_string());
    }
    return result;
}
} // namespace

TEST_CASE("JSON pointer glob")
{
    json j = R"({
        "users": [
            {"name": "alice", "roles": ["admin", "dev"]},
            {"name": "bob", "roles": []}
        ],
        "config": {"name": "prod", "nested": {"name": "inner"}},
        "a/b": 1,
        "m~n": 2
    })"_json;

    SECTION("without wildcards")
    {
        CHECK(to_strings(nlohmann::glob(j, "/users/0/name")) == std::vector<std::string> {"/users/0/name"});
        CHECK(to_strings(nlohmann::glob(j, "")) == std::vector<std::string> {""});
        CHECK(nlohmann::glob(j, "/missing").empty());
        CHECK(nlohmann::glob(j, "/users/2").empty());
        CHECK(nlohmann::glob(j, "/users/name").empty());
    }

    SECTION("escaped tokens")
    {
        CHECK(to_strings(nlohmann::glob(j, "/a~1b")) == std::vector<std::string> {"/a~1b"});
        CHECK(to_strings(nlohmann::glob(j, "/m~0n")) == std::vector<std::string> {"/m~0n"});
    }

    SECTION("array index rules")
    {
        CHECK(nlohmann::glob(j, "/users/00").empty());
        CHECK(nlohmann::glob(j, "/users/-").empty());
        CHECK(nlohmann::glob(j, "/users/+1").empty());
        CHECK(nlohmann::glob(j, "/users/99999999999999999999999").empty());
    }

    SECTION("single wildcard")
    {
        CHECK(to_strings(nlohmann::glob(j, "/users/*/name")) == std::vector<std::string> {"/users/0/name", "/users/1/name"});
        CHECK(to_strings(nlohmann::glob(j, "/users/*/roles/*")) == std::vector<std::string> {"/users/0/roles/0", "/users/0/roles/1"});
        CHECK(to_strings(nlohmann::glob(j, "/*/name")) == std::vector<std::string> {"/config/name"});
    }

    SECTION("wildcard on a primitive selects nothing")
    {
        CHECK(nlohmann::glob(j, "/a~1b/*").empty());
        CHECK(nlohmann::glob(json(nullptr), "/*").empty());
    }

    SECTION("recursive wildcard")
    {
        CHECK(to_strings(nlohmann::glob(j, "/**/name")) == std::vector<std::string>
        {
            "/config/name", "/config/nested/name", "/users/0/name", "/users/1/name"
        });

        // "**" also matches zero levels
        CHECK(to_strings(nlohmann::glob(j["config"], "/**/nested")) == std::vector<std::string> {"/nested"});
    }

    SECTION("recursive wildcard visits every value once")
    {
        json small = {{"x", {1, 2}}};
        CHECK(to_strings(nlohmann::glob(small, "/**")) == std::vector<std::string> {"", "/x", "/x/0", "/x/1"});
        CHECK(to_strings(nlohmann::glob(small, "/**/**")) == std::vector<std::string> {"", "/x", "/x/0", "/x/1"});
    }

    SECTION("pointers can be used to access the values")
    {
        std::vector<std::string> names;
        for (const auto& ptr : nlohmann::glob(j, "/users/*/name"))
        {
            names.push_back(j[ptr]);
        }
        CHECK(names == std::vector<std::string> {"alice", "bob"});
    }

    SECTION("has_wildcards")
    {
        CHECK(!nlohmann::detail::json_pointer_glob<json>("/a/b").has_wildcards());
        CHECK(nlohmann::detail::json_pointer_glob<json>("/a/*").has_wildcards());
        CHECK(nlohmann::detail::json_pointer_glob<json>("/**").has_wildcards());
        CHECK(!nlohmann::detail::json_pointer_glob<json>("/a*").has_wildcards());
    }

    SECTION("errors")
    {
        CHECK_THROWS_WITH_AS(nlohmann::glob(j, "users/*"),
                             "[json.exception.parse_error.107] parse error at byte 1: JSON pointer must be empty or begin with '/' - was: 'users/*'", json::parse_error&);
        CHECK_THROWS_WITH_AS(nlohmann::glob(j, "/users/~2"),
                             "[json.exception.parse_error.108] parse error: escape character '~' must be followed with '0' or '1'", json::parse_error&);
    }
}

TEST_CASE("JSON pointer glob with ordered_json")
{
    // parse directly: converting from json would sort the keys
    const auto j = ordered_json::parse(R"({"z": {"id": 1}, "a": {"id": 2}})");

    SECTION("results follow insertion order")
    {
        CHECK(to_strings(nlohmann::glob(j, "/*/id")) == std::vector<std::string> {"/z/id", "/a/id"});
    }
}
