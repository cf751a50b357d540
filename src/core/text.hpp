// File: core/text.hpp
//
// Small text helpers shared across modules. ASCII only: the keys, header names and parameters
// Hover compares without case are ASCII, and letters beyond it are left as typed.
#pragma once

#include <string>
#include <string_view>

namespace hover {

// `s` without the spaces and tabs at either end.
inline std::string_view trim_blanks(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

// `s` with A-Z as a-z (the "C" locale's tolower).
inline std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

}  // namespace hover
