#include "json.hpp"

#include <cstdlib>

namespace mj {

namespace {

const Val kNull;

struct P {
    std::string_view s;
    size_t i = 0;
    int depth = 0, max;

    [[noreturn]] void fail(const char* m) { throw parse_error(m, i); }

    void ws() {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
    }

    char peek() { return i < s.size() ? s[i] : 0; }

    void lit(std::string_view w) {
        if (s.substr(i, w.size()) != w) fail("bad literal");
        i += w.size();
    }

    Val val() {
        ws();
        switch (peek()) {
            case 'n': lit("null"); return nullptr;
            case 't': lit("true"); return true;
            case 'f': lit("false"); return false;
            case '"': return str();
            case '[': return arr();
            case '{': return obj();
            case 0: fail("unexpected end");
            default: return num();
        }
    }

    Val num() {
        size_t st = i;
        if (peek() == '-') i++;
        if (peek() == '0') i++;
        else if (isdigit(peek())) while (isdigit(peek())) i++;
        else fail("bad number");
        if (peek() == '.') {
            i++;
            if (!isdigit(peek())) fail("bad fraction");
            while (isdigit(peek())) i++;
        }
        if (peek() == 'e' || peek() == 'E') {
            i++;
            if (peek() == '+' || peek() == '-') i++;
            if (!isdigit(peek())) fail("bad exponent");
            while (isdigit(peek())) i++;
        }
        return std::strtod(std::string(s.substr(st, i - st)).c_str(), nullptr);
    }

    unsigned hex4() {
        if (i + 4 > s.size()) fail("short \\u escape");
        unsigned c = 0;
        for (int k = 0; k < 4; k++) {
            char h = s[i++];
            c <<= 4;
            if (h >= '0' && h <= '9') c |= h - '0';
            else if (h >= 'a' && h <= 'f') c |= h - 'a' + 10;
            else if (h >= 'A' && h <= 'F') c |= h - 'A' + 10;
            else fail("bad hex digit");
        }
        return c;
    }

    static void utf8(std::string& o, unsigned c) {
        if (c < 0x80) o += char(c);
        else if (c < 0x800) o += char(0xC0 | c >> 6), o += char(0x80 | (c & 0x3F));
        else if (c < 0x10000) o += char(0xE0 | c >> 12), o += char(0x80 | (c >> 6 & 0x3F)), o += char(0x80 | (c & 0x3F));
        else o += char(0xF0 | c >> 18), o += char(0x80 | (c >> 12 & 0x3F)), o += char(0x80 | (c >> 6 & 0x3F)), o += char(0x80 | (c & 0x3F));
    }

    std::string str() {
        i++;
        std::string o;
        for (;;) {
            if (i >= s.size()) fail("unterminated string");
            char c = s[i++];
            if (c == '"') return o;
            if (static_cast<unsigned char>(c) < 0x20) fail("control char in string");
            if (c != '\\') { o += c; continue; }
            if (i >= s.size()) fail("bad escape");
            switch (s[i++]) {
                case '"': o += '"'; break;
                case '\\': o += '\\'; break;
                case '/': o += '/'; break;
                case 'b': o += '\b'; break;
                case 'f': o += '\f'; break;
                case 'n': o += '\n'; break;
                case 'r': o += '\r'; break;
                case 't': o += '\t'; break;
                case 'u': {
                    unsigned c1 = hex4();
                    if (c1 >= 0xD800 && c1 < 0xDC00) {
                        if (s.substr(i, 2) != "\\u") fail("lone surrogate");
                        i += 2;
                        unsigned c2 = hex4();
                        if (c2 < 0xDC00 || c2 >= 0xE000) fail("bad surrogate pair");
                        c1 = 0x10000 + ((c1 - 0xD800) << 10) + (c2 - 0xDC00);
                    }
                    utf8(o, c1);
                    break;
                }
                default: fail("bad escape");
            }
        }
    }

    void enter() { if (++depth > max) fail("too deep"); }

    Val arr() {
        enter();
        i++;
        Arr a;
        ws();
        if (peek() == ']') { i++; depth--; return a; }
        for (;;) {
            a.push_back(val());
            ws();
            char c = i < s.size() ? s[i++] : 0;
            if (c == ']') break;
            if (c != ',') { i--; fail("expected , or ]"); }
        }
        depth--;
        return a;
    }

    Val obj() {
        enter();
        i++;
        Obj o;
        ws();
        if (peek() == '}') { i++; depth--; return o; }
        for (;;) {
            ws();
            if (peek() != '"') fail("expected key");
            auto k = str();
            ws();
            if (peek() != ':') fail("expected :");
            i++;
            o.insert_or_assign(std::move(k), val());
            ws();
            char c = i < s.size() ? s[i++] : 0;
            if (c == '}') break;
            if (c != ',') { i--; fail("expected , or }"); }
        }
        depth--;
        return o;
    }
};

}  // namespace

const Val& Val::operator[](std::string_view k) const {
    if (!is_obj()) return kNull;
    auto it = o().find(k);
    return it == o().end() ? kNull : it->second;
}

const Val& Val::operator[](size_t i) const {
    if (!is_arr() || i >= a().size()) return kNull;
    return a()[i];
}

const Val* Val::at_path(std::string_view p) const {
    const Val* cur = this;
    while (!p.empty()) {
        auto dot = p.find('.');
        auto seg = p.substr(0, dot);
        p = dot == std::string_view::npos ? "" : p.substr(dot + 1);
        if (cur->is_arr()) {
            char* end;
            std::string tmp(seg);
            auto idx = std::strtoul(tmp.c_str(), &end, 10);
            if (*end || idx >= cur->a().size()) return nullptr;
            cur = &cur->a()[idx];
        } else if (cur->is_obj()) {
            auto it = cur->o().find(seg);
            if (it == cur->o().end()) return nullptr;
            cur = &it->second;
        } else return nullptr;
    }
    return cur;
}

Val parse(std::string_view s, int max_depth) {
    P p{s, 0, 0, max_depth};
    auto v = p.val();
    p.ws();
    if (p.i != s.size()) p.fail("trailing data");
    return v;
}

}  // namespace mj
