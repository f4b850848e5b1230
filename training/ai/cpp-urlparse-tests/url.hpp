#pragma once

#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace net {

struct Url {
    std::string scheme;
    std::string user;
    std::string host;
    std::optional<std::uint16_t> port;
    std::string path;
    std::string query;
    std::string fragment;

    // Port to connect to: the explicit one, or the scheme's default (0 if unknown).
    std::uint16_t effective_port() const {
        if (port) return *port;
        if (scheme == "http" || scheme == "ws") return 80;
        if (scheme == "https" || scheme == "wss") return 443;
        if (scheme == "ftp") return 21;
        return 0;
    }

    std::string to_string() const {
        std::string out = scheme + "://";
        if (!user.empty()) out += user + "@";
        out += host.find(':') != std::string::npos ? "[" + host + "]" : host;
        if (port) out += ":" + std::to_string(*port);
        out += path.empty() ? "/" : path;
        if (!query.empty()) out += "?" + query;
        if (!fragment.empty()) out += "#" + fragment;
        return out;
    }
};

inline std::string percent_decode(std::string_view s, bool plus_as_space = false) {
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
            out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else if (plus_as_space && s[i] == '+') {
            out += ' ';
        } else {
            out += s[i];
        }
    }
    return out;
}

inline std::vector<std::pair<std::string, std::string>> parse_query(std::string_view q) {
    std::vector<std::pair<std::string, std::string>> out;
    while (!q.empty()) {
        auto amp = q.find('&');
        auto part = q.substr(0, amp);
        if (!part.empty()) {
            auto eq = part.find('=');
            auto key = part.substr(0, eq);
            auto val = eq == std::string_view::npos ? std::string_view{} : part.substr(eq + 1);
            out.emplace_back(percent_decode(key, true), percent_decode(val, true));
        }
        if (amp == std::string_view::npos) break;
        q.remove_prefix(amp + 1);
    }
    return out;
}

// Parses an absolute URL of the form scheme://[user@]host[:port][/path][?query][#fragment].
// Returns std::nullopt when the input is not of that form.
inline std::optional<Url> parse_url(std::string_view in) {
    Url u;
    auto sep = in.find("://");
    if (sep == std::string_view::npos || sep == 0) return std::nullopt;
    for (char c : in.substr(0, sep)) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return std::nullopt;
        u.scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (!std::isalpha(static_cast<unsigned char>(u.scheme[0]))) return std::nullopt;
    in.remove_prefix(sep + 3);

    if (auto hash = in.find('#'); hash != std::string_view::npos) {
        u.fragment = std::string(in.substr(hash + 1));
        in = in.substr(0, hash);
    }
    if (auto qm = in.find('?'); qm != std::string_view::npos) {
        u.query = std::string(in.substr(qm + 1));
        in = in.substr(0, qm);
    }
    auto slash = in.find('/');
    auto authority = in.substr(0, slash);
    u.path = slash == std::string_view::npos ? "/" : std::string(in.substr(slash));

    if (auto at = authority.rfind('@'); at != std::string_view::npos) {
        u.user = std::string(authority.substr(0, at));
        authority.remove_prefix(at + 1);
    }

    std::string_view port_text;
    if (!authority.empty() && authority.front() == '[') {
        auto close = authority.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        u.host = std::string(authority.substr(1, close - 1));
        auto rest = authority.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') return std::nullopt;
            port_text = rest.substr(1);
            if (port_text.empty()) return std::nullopt;
        }
    } else {
        auto colon = authority.rfind(':');
        u.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) {
            port_text = authority.substr(colon + 1);
            if (port_text.empty()) return std::nullopt;
        }
    }
    if (u.host.empty()) return std::nullopt;
    for (auto& c : u.host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));

    if (!port_text.empty()) {
        unsigned long value = 0;
        for (char c : port_text) {
            if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
            value = value * 10 + static_cast<unsigned long>(c - '0');
            if (value > 65535) return std::nullopt;
        }
        u.port = static_cast<std::uint16_t>(value);
    }
    return u;
}

}  // namespace net
