// Copyright (c) 2017-2021, University of Cincinnati, developed by Henry Schreiner
// under NSF AWARD 1414736 and by the respective contributors.
// All rights reserved.
//
// SPDX-License-Identifier: BSD-3-Clause

#include "app_helper.hpp"

#include "CLI/NetValidators.hpp"

#include <cstdint>
#include <string>

TEST_CASE("Validators: IPV6Validator", "[helpers]") {
    std::string ip = "2001:0db8:85a3:0000:0000:8a2e:0370:7334";
    CHECK(CLI::ValidIPV6(ip).empty());
    ip = "2001:db8::8a2e:370:7334";
    CHECK(CLI::ValidIPV6(ip).empty());
    ip = "::1";
    CHECK(CLI::ValidIPV6(ip).empty());
    ip = "::";
    CHECK(CLI::ValidIPV6(ip).empty());
    ip = "fe80::";
    CHECK(CLI::ValidIPV6(ip).empty());
    ip = "2001:db8::1::1";
    CHECK_FALSE(CLI::ValidIPV6(ip).empty());
    ip = "2001:db8:0:0:0:0:0";
    CHECK_FALSE(CLI::ValidIPV6(ip).empty());
    ip = "2001:db8:0:0:0:0:0:0:1";
    CHECK_FALSE(CLI::ValidIPV6(ip).empty());
    ip = "1:2:3:4::5:6:7:8";
    CHECK_FALSE(CLI::ValidIPV6(ip).empty());
    ip = "2001:db8::g";
    CHECK_FALSE(CLI::ValidIPV6(ip).empty());
    ip = "12345::";
    CHECK_FALSE(CLI::ValidIPV6(ip).empty());
}

TEST_CASE("Validators: HostPortValidator", "[helpers]") {
    std::string hp = "localhost:8080";
    CHECK(CLI::HostPort(hp).empty());
    hp = "192.168.1.10:22";
    CHECK(CLI::HostPort(hp).empty());
    hp = "[::1]:443";
    CHECK(CLI::HostPort(hp).empty());
    hp = "my-host.example_org:0";
    CHECK(CLI::HostPort(hp).empty());
    hp = "localhost";
    CHECK_FALSE(CLI::HostPort(hp).empty());
    hp = ":8080";
    CHECK_FALSE(CLI::HostPort(hp).empty());
    hp = "localhost:65536";
    CHECK_FALSE(CLI::HostPort(hp).empty());
    hp = "localhost:http";
    CHECK_FALSE(CLI::HostPort(hp).empty());
    hp = "[::1:443";
    CHECK_FALSE(CLI::HostPort(hp).empty());
    hp = "bad host:80";
    CHECK_FALSE(CLI::HostPort(hp).empty());
}

TEST_CASE_METHOD(TApp, "HostPortOption", "[netvalidators]") {
    std::string endpoint;
    app.add_option("--endpoint", endpoint)->check(CLI::HostPort);

    args = {"--endpoint", "db.internal:5432"};
    run();
    CHECK("db.internal:5432" == endpoint);

    args = {"--endpoint", "db.internal"};
    CHECK_THROWS_AS(run(), CLI::ValidationError);
}

TEST_CASE_METHOD(TApp, "IPV6Option", "[netvalidators]") {
    std::string addr;
    app.add_option("--bind", addr)->check(CLI::ValidIPV6 | CLI::ValidIPV4);

    args = {"--bind", "::"};
    run();
    CHECK("::" == addr);

    args = {"--bind", "127.0.0.1"};
    run();
    CHECK("127.0.0.1" == addr);

    args = {"--bind", "localhost"};
    CHECK_THROWS_AS(run(), CLI::ValidationError);
}

TEST_CASE_METHOD(TApp, "PortOrServiceNumber", "[netvalidators]") {
    std::uint16_t port{0};
    app.add_option("--port", port)->transform(CLI::PortOrService());

    args = {"--port", "8080"};
    run();
    CHECK(8080 == port);

    args = {"--port", "70000"};
    CHECK_THROWS_AS(run(), CLI::ValidationError);
}

TEST_CASE_METHOD(TApp, "PortOrServiceName", "[netvalidators]") {
    std::uint16_t port{0};
    app.add_option("--port", port)->transform(CLI::PortOrService());

    args = {"--port", "https"};
    run();
    CHECK(443 == port);

    args = {"--port", "SSH"};
    run();
    CHECK(22 == port);

    args = {"--port", "gopher"};
    CHECK_THROWS_AS(run(), CLI::ValidationError);
}

TEST_CASE_METHOD(TApp, "PortOrServiceExtraMapping", "[netvalidators]") {
    std::uint16_t port{0};
    app.add_option("--port", port)->transform(CLI::PortOrService({{"Metrics", 9100}, {"http", 8000}}));

    args = {"--port", "metrics"};
    run();
    CHECK(9100 == port);

    // an extra mapping overrides the default one
    args = {"--port", "http"};
    run();
    CHECK(8000 == port);
}

TEST_CASE_METHOD(TApp, "PortOrServiceHelp", "[netvalidators]") {
    std::uint16_t port{0};
    app.add_option("--port", port)->transform(CLI::PortOrService());

    std::string help = app.help();
    CHECK(help.find("PORT|SERVICE") != std::string::npos);
}
