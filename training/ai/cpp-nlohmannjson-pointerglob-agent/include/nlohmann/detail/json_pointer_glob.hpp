//     __ _____ _____ _____
//  __|  |   __|     |   | |  JSON for Modern C++
// |  |  |__   |  |  | | | |  version 3.11.2
// |_____|_____|_____|_|___|  https://github.com/nlohmann/json
//
// SPDX-FileCopyrightText: 2013-2022 Niels Lohmann <https://nlohmann.me>
// SPDX-License-Identifier: MIT

#pragma once

#include <algorithm> // all_of, reverse
#include <cstddef> // size_t
#include <set> // set
#include <string> // string
#include <vector> // vector

#include <nlohmann/detail/macro_scope.hpp>
#include <nlohmann/detail/value_t.hpp>

NLOHMANN_JSON_NAMESPACE_BEGIN
namespace detail
{

/*!
@brief helper to find all JSON pointers matching a pattern

A pattern is a JSON pointer in which a reference token may be a wildcard:

- `*` matches every member of an object and every element of an array
- `**` matches zero or more levels of nesting

@since version 3.11.3
*/
template<typename BasicJsonType>
class json_pointer_glob
{
    using json_pointer_t = typename BasicJsonType::json_pointer;
    using string_t = typename BasicJsonType::string_t;
    using size_type = typename BasicJsonType::size_type;

  public:
    /*!
    @param[in] pattern  a JSON pointer, possibly with wildcard tokens

    @throw parse_error.107 if @a pattern is nonempty and does not begin with a slash
    @throw parse_error.108 if a tilde in @a pattern is not followed by 0 or 1
    */
    explicit json_pointer_glob(const string_t& pattern)
    {
        // let json_pointer validate and unescape the tokens, then take them
        // back off in reverse order
        json_pointer_t ptr(pattern);
        while (!ptr.empty())
        {
            tokens.push_back(ptr.back());
            ptr.pop_back();
        }
        std::reverse(tokens.begin(), tokens.end());
    }

    /*!
    @brief return the pointers to all values of @a j matching the pattern

    Pointers are returned in the order the values are visited by a
    depth-first traversal, without duplicates.
    */
    std::vector<json_pointer_t> find_all(const BasicJsonType& j) const
    {
        std::vector<json_pointer_t> result;
        std::set<string_t> seen;
        match(j, 0, json_pointer_t(), result, seen);
        return result;
    }

    /// @brief whether the pattern contains wildcard tokens
    bool has_wildcards() const
    {
        return !std::all_of(tokens.begin(), tokens.end(), [](const string_t& t)
        {
            return t != "*" && t != "**";
        });
    }

  private:
    /// @brief whether @a s is a valid array index below @a size
    static bool matches_index(const string_t& s, size_type size, size_type& idx)
    {
        // same rules as json_pointer::array_index, but without throwing:
        // a non-matching token simply selects nothing
        if (s.empty() || (s.size() > 1 && s[0] == '0'))
        {
            return false;
        }

        size_type value = 0;
        for (const auto c : s)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
            const auto next = value * 10 + static_cast<size_type>(c - '0');
            if (next / 10 != value)
            {
                return false; // overflow
            }
            value = next;
        }

        if (value >= size)
        {
            return false;
        }
        idx = value;
        return true;
    }

    void emit(const json_pointer_t& ptr,
              std::vector<json_pointer_t>& result,
              std::set<string_t>& seen) const
    {
        if (seen.insert(ptr.to_string()).second)
        {
            result.push_back(ptr);
        }
    }

    void match(const BasicJsonType& j, std::size_t pos, const json_pointer_t& ptr,
               std::vector<json_pointer_t>& result,
               std::set<string_t>& seen) const
    {
        if (pos == tokens.size())
        {
            emit(ptr, result, seen);
            return;
        }

        const auto& token = tokens[pos];

        if (token == "**")
        {
            // zero levels: try the rest of the pattern here
            match(j, pos + 1, ptr, result, seen);

            // one or more levels: keep "**" while descending
            for_each_child(j, ptr, [&](const BasicJsonType & child, const json_pointer_t& child_ptr)
            {
                match(child, pos, child_ptr, result, seen);
            });
            return;
        }

        if (token == "*")
        {
            for_each_child(j, ptr, [&](const BasicJsonType & child, const json_pointer_t& child_ptr)
            {
                match(child, pos + 1, child_ptr, result, seen);
            });
            return;
        }

        switch (j.type())
        {
            case value_t::object:
            {
                const auto it = j.find(token);
                if (it != j.end())
                {
                    match(*it, pos + 1, ptr / token, result, seen);
                }
                break;
            }

            case value_t::array:
            {
                size_type idx = 0;
                if (matches_index(token, j.size(), idx))
                {
                    match(j[idx], pos + 1, ptr / idx, result, seen);
                }
                break;
            }

            case value_t::null:
            case value_t::string:
            case value_t::boolean:
            case value_t::number_integer:
            case value_t::number_unsigned:
            case value_t::number_float:
            case value_t::binary:
            case value_t::discarded:
            default:
                break;
        }
    }

    template<typename Callback>
    static void for_each_child(const BasicJsonType& j, const json_pointer_t& ptr, Callback&& cb)
    {
        if (j.is_object())
        {
            for (auto it = j.cbegin(); it != j.cend(); ++it)
            {
                cb(*it, ptr / it.key());
            }
        }
        else if (j.is_array())
        {
            for (size_type i = 0; i < j.size(); ++i)
            {
                cb(j[i], ptr / i);
            }
        }
    }

    /// the unescaped reference tokens of the pattern
    std::vector<string_t> tokens;
};

}  // namespace detail

/// @brief find all JSON pointers in @a j that match @a pattern
/// @note the pointers can be used to access the values, e.g. `j[ptr]`, as
///       long as @a j is not modified in between
/// @sa detail::json_pointer_glob for the pattern syntax
/// @since version 3.11.3
template<typename BasicJsonType>
inline std::vector<typename BasicJsonType::json_pointer>
glob(const BasicJsonType& j, const typename BasicJsonType::string_t& pattern)
{
    return detail::json_pointer_glob<BasicJsonType>(pattern).find_all(j);
}

NLOHMANN_JSON_NAMESPACE_END
