// Copyright (c) 2017-2021, University of Cincinnati, developed by Henry Schreiner
// under NSF AWARD 1414736 and by the respective contributors.
// All rights reserved.
//
// SPDX-License-Identifier: BSD-3-Clause

#pragma once

// [CLI11:public_includes:set]
#include <cctype>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>
// [CLI11:public_includes:end]

#include "StringTools.hpp"
#include "Validators.hpp"

namespace CLI {
// [CLI11:net_validators_hpp:verbatim]

namespace detail {

/// Parse a port number, returns false if it is not a number in [0, 65535]
inline bool parse_port(const std::string &str, std::uint16_t &port) {
    if(str.empty() || str.size() > 5) {
        return false;
    }
    std::uint32_t val = 0;
    for(char c : str) {
        if(c < '0' || c > '9') {
            return false;
        }
        val = val * 10 + static_cast<std::uint32_t>(c - '0');
    }
    if(val > 65535) {
        return false;
    }
    port = static_cast<std::uint16_t>(val);
    return true;
}

/// Check a single group of an IPv6 address (1 to 4 hex digits)
inline bool is_ipv6_group(const std::string &group) {
    if(group.empty() || group.size() > 4) {
        return false;
    }
    for(char c : group) {
        if(!std::isxdigit(static_cast<unsigned char>(c))) {
            return false;
        }
    }
    return true;
}

/// Validate the given string is a legal ipv6 address (no zone index)
class IPV6Validator : public Validator {
  public:
    IPV6Validator() : Validator("IPV6") {
        func_ = [](std::string &ip_addr) {
            auto dcolon = ip_addr.find("::");
            if(dcolon != std::string::npos && ip_addr.find("::", dcolon + 1) != std::string::npos) {
                return std::string("Invalid IPV6 address, '::' may appear only once (") + ip_addr + ')';
            }
            std::vector<std::string> groups;
            if(dcolon == std::string::npos) {
                groups = detail::split(ip_addr, ':');
                if(groups.size() != 8) {
                    return std::string("Invalid IPV6 address must have eight groups (") + ip_addr + ')';
                }
            } else {
                auto head = ip_addr.substr(0, dcolon);
                auto tail = ip_addr.substr(dcolon + 2);
                auto head_groups = head.empty() ? std::vector<std::string>{} : detail::split(head, ':');
                auto tail_groups = tail.empty() ? std::vector<std::string>{} : detail::split(tail, ':');
                if(head_groups.size() + tail_groups.size() > 7) {
                    return std::string("Invalid IPV6 address has too many groups (") + ip_addr + ')';
                }
                groups = std::move(head_groups);
                groups.insert(groups.end(), tail_groups.begin(), tail_groups.end());
            }
            for(const auto &var : groups) {
                if(!is_ipv6_group(var)) {
                    return std::string("Invalid IPV6 group (") + var + ')';
                }
            }
            return std::string();
        };
    }
};

/// Validate the given string is host:port, with the host a name, an ipv4 address or a bracketed ipv6 address
class HostPortValidator : public Validator {
  public:
    HostPortValidator() : Validator("HOST:PORT") {
        func_ = [](std::string &input) {
            auto colon = input.rfind(':');
            if(colon == std::string::npos) {
                return std::string("Missing port in (") + input + ')';
            }
            std::string host = input.substr(0, colon);
            std::uint16_t port = 0;
            if(!parse_port(input.substr(colon + 1), port)) {
                return std::string("Invalid port (") + input.substr(colon + 1) + ')';
            }
            if(host.empty()) {
                return std::string("Missing host in (") + input + ')';
            }
            if(host.front() == '[') {
                if(host.back() != ']') {
                    return std::string("Unterminated ipv6 address (") + host + ')';
                }
                std::string addr = host.substr(1, host.size() - 2);
                return IPV6Validator()(addr);
            }
            for(char c : host) {
                if(!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.' && c != '_') {
                    return std::string("Invalid character in host name (") + host + ')';
                }
            }
            return std::string();
        };
    }
};

}  // namespace detail

/// Check for an IP6 address
const detail::IPV6Validator ValidIPV6;

/// Check for a host:port pair
const detail::HostPortValidator HostPort;

/// Translate a port number or a known service name to a port number.
///
/// Example:
///   With the default mapping, "http" is transformed to "80" and "8080" is left as is.
///   A mapping can be given to add names, which are matched case insensitively.
class PortOrService : public Validator {
  public:
    using service_map = std::map<std::string, std::uint16_t>;

    explicit PortOrService(service_map extra = {}) : Validator("PORT") {
        service_map mapping = default_services();
        for(auto &service : extra) {
            mapping[detail::to_lower(service.first)] = service.second;
        }
        description("PORT|SERVICE");

        func_ = [mapping](std::string &input) -> std::string {
            detail::trim(input);
            std::uint16_t port = 0;
            if(detail::parse_port(input, port)) {
                return std::string{};
            }
            auto it = mapping.find(detail::to_lower(input));
            if(it == mapping.end()) {
                return std::string("Unknown service or invalid port (") + input + ')';
            }
            input = std::to_string(it->second);
            return std::string{};
        };
    }

  private:
    /// Get the <service, port> mapping for the common services
    static service_map default_services() {
        static const service_map m{{"ftp", 21},
                                   {"ssh", 22},
                                   {"smtp", 25},
                                   {"dns", 53},
                                   {"http", 80},
                                   {"https", 443},
                                   {"postgres", 5432},
                                   {"redis", 6379}};
        return m;
    }
};

// [CLI11:net_validators_hpp:end]
}  // namespace CLI
