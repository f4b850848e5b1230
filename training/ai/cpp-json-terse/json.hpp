#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mj {

struct Val;
using Arr = std::vector<Val>;
using Obj = std::map<std::string, Val, std::less<>>;

struct Val {
    std::variant<std::nullptr_t, bool, double, std::string, std::shared_ptr<Arr>, std::shared_ptr<Obj>> v;

    Val() : v(nullptr) {}
    Val(std::nullptr_t) : v(nullptr) {}
    Val(bool b) : v(b) {}
    Val(double d) : v(d) {}
    Val(int i) : v(double(i)) {}
    Val(std::string s) : v(std::move(s)) {}
    Val(const char* s) : v(std::string(s)) {}
    Val(Arr a) : v(std::make_shared<Arr>(std::move(a))) {}
    Val(Obj o) : v(std::make_shared<Obj>(std::move(o))) {}

    bool null() const { return v.index() == 0; }
    bool is_bool() const { return v.index() == 1; }
    bool is_num() const { return v.index() == 2; }
    bool is_str() const { return v.index() == 3; }
    bool is_arr() const { return v.index() == 4; }
    bool is_obj() const { return v.index() == 5; }

    bool b() const { return std::get<bool>(v); }
    double n() const { return std::get<double>(v); }
    const std::string& s() const { return std::get<std::string>(v); }
    const Arr& a() const { return *std::get<4>(v); }
    const Obj& o() const { return *std::get<5>(v); }
    Arr& a() { return *std::get<4>(v); }
    Obj& o() { return *std::get<5>(v); }

    const Val& operator[](std::string_view k) const;
    const Val& operator[](size_t i) const;
    const Val* at_path(std::string_view p) const;
};

struct parse_error : std::runtime_error {
    size_t off;
    parse_error(const std::string& m, size_t o) : std::runtime_error(m + " at offset " + std::to_string(o)), off(o) {}
};

Val parse(std::string_view s, int max_depth = 256);
std::string dump(const Val& v, int indent = -1);

}  // namespace mj
