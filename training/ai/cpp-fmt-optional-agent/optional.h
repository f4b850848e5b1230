// Formatting library for C++ - std::optional support
//
// Copyright (c) 2012 - present, Victor Zverovich
// All rights reserved.
//
// For the license information refer to format.h.

#ifndef FMT_OPTIONAL_H_
#define FMT_OPTIONAL_H_

#include <type_traits>

#include "format.h"

#if FMT_HAS_INCLUDE(<version>)
#  include <version>
#endif
// Checking FMT_CPLUSPLUS for warning suppression in MSVC.
#if FMT_CPLUSPLUS >= 201703L
#  if FMT_HAS_INCLUDE(<optional>)
#    include <optional>
#  endif
#endif

#ifdef __cpp_lib_optional
FMT_BEGIN_NAMESPACE

namespace detail {

template <typename Char>
constexpr basic_string_view<Char> optional_none =
    string_literal<Char, 'n', 'o', 'n', 'e'>{};

// Strings and characters held by an optional are written quoted and escaped
// when no format specs are given, like range elements.
template <typename Formatter>
FMT_CONSTEXPR auto maybe_set_debug_format(Formatter& f, int)
    -> decltype(f.set_debug_format()) {
  f.set_debug_format();
}
template <typename Formatter>
FMT_CONSTEXPR void maybe_set_debug_format(Formatter&, ...) {}

}  // namespace detail

template <typename Char> struct formatter<std::nullopt_t, Char> {
  template <typename ParseContext>
  FMT_CONSTEXPR auto parse(ParseContext& ctx) -> decltype(ctx.begin()) {
    return ctx.begin();
  }

  template <typename FormatContext>
  auto format(std::nullopt_t, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    return detail::copy_str<Char>(detail::optional_none<Char>, ctx.out());
  }
};

// Formats an engaged optional as "optional(<value>)" and an empty one as
// "none". Format specs, if any, apply to the contained value:
//
//   fmt::print("{:>4}", std::optional<int>(42));  // optional(  42)
template <typename T, typename Char>
struct formatter<std::optional<T>, Char,
                 std::enable_if_t<is_formattable<T, Char>::value>> {
 private:
  formatter<remove_cvref_t<T>, Char> underlying_;
  basic_string_view<Char> opening_ =
      detail::string_literal<Char, 'o', 'p', 't', 'i', 'o', 'n', 'a', 'l',
                             '('>{};
  basic_string_view<Char> closing_ = detail::string_literal<Char, ')'>{};

 public:
  FMT_CONSTEXPR formatter() {}

  FMT_CONSTEXPR void set_brackets(basic_string_view<Char> open,
                                  basic_string_view<Char> close) {
    opening_ = open;
    closing_ = close;
  }

  template <typename ParseContext>
  FMT_CONSTEXPR auto parse(ParseContext& ctx) -> decltype(ctx.begin()) {
    auto it = ctx.begin();
    if (it == ctx.end() || *it == '}') {
      detail::maybe_set_debug_format(underlying_, 0);
      return it;
    }
    return underlying_.parse(ctx);
  }

  template <typename FormatContext>
  auto format(const std::optional<T>& opt, FormatContext& ctx) const
      -> decltype(ctx.out()) {
    if (!opt)
      return detail::copy_str<Char>(detail::optional_none<Char>, ctx.out());

    auto out = detail::copy_str<Char>(opening_, ctx.out());
    ctx.advance_to(out);
    out = underlying_.format(*opt, ctx);
    return detail::copy_str<Char>(closing_, out);
  }
};

FMT_END_NAMESPACE
#endif  // __cpp_lib_optional

#endif  // FMT_OPTIONAL_H_
