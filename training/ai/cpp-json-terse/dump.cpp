#include <cmath>
#include <cstdio>

#include "json.hpp"

namespace mj {

namespace {

void esc(std::string& o, const std::string& s) {
    o += '"';
    for (unsigned char c : s) {
        switch (c) {
            case '"': o += "\\\""; break;
            case '\\': o += "\\\\"; break;
            case '\n': o += "\\n"; break;
            case '\t': o += "\\t"; break;
            case '\r': o += "\\r"; break;
            default:
                if (c < 0x20) {
                    char b[8];
                    std::snprintf(b, sizeof b, "\\u%04x", c);
                    o += b;
                } else o += char(c);
        }
    }
    o += '"';
}

void dump_(std::string& o, const Val& v, int ind, int lvl) {
    auto nl = [&](int l) {
        if (ind < 0) return;
        o += '\n';
        o.append(size_t(ind * l), ' ');
    };
    if (v.null()) o += "null";
    else if (v.is_bool()) o += v.b() ? "true" : "false";
    else if (v.is_num()) {
        double d = v.n();
        if (!std::isfinite(d)) { o += "null"; return; }
        char b[32];
        if (d == std::floor(d) && std::fabs(d) < 1e15) std::snprintf(b, sizeof b, "%.0f", d);
        else std::snprintf(b, sizeof b, "%.17g", d);
        o += b;
    } else if (v.is_str()) esc(o, v.s());
    else if (v.is_arr()) {
        if (v.a().empty()) { o += "[]"; return; }
        o += '[';
        bool first = true;
        for (auto& x : v.a()) {
            if (!first) o += ',';
            first = false;
            nl(lvl + 1);
            dump_(o, x, ind, lvl + 1);
        }
        nl(lvl);
        o += ']';
    } else {
        if (v.o().empty()) { o += "{}"; return; }
        o += '{';
        bool first = true;
        for (auto& [k, x] : v.o()) {
            if (!first) o += ',';
            first = false;
            nl(lvl + 1);
            esc(o, k);
            o += ind < 0 ? ":" : ": ";
            dump_(o, x, ind, lvl + 1);
        }
        nl(lvl);
        o += '}';
    }
}

}  // namespace

std::string dump(const Val& v, int indent) {
    std::string o;
    dump_(o, v, indent, 0);
    return o;
}

}  // namespace mj
