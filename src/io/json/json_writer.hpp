// File: io/json/json_writer.hpp
//
// JSON text written straight into a string, for the hot API routes: no tree is built, so a
// record costs its bytes and nothing else (the nlohmann tree for one account spent about 280,000
// instructions a request on allocating, sorting and copying; see docs/benchmarks.md, issue 3).
//
// The output is what nlohmann's dump(-1, ' ', false, error_handler_t::replace) writes for the same
// values, except for the order of an object's members: they come in the order they are written,
// not sorted. Strings are escaped the same way (\" \\ \b \f \n \r \t, other control characters as
// \u00XX, everything else as UTF-8) and bytes that are not valid UTF-8 become U+FFFD.
//
// The writer does not check the nesting: begin/end and key/value must pair up (the callers are
// the record writers of records_json.cpp, and a test parses what they write).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hover::io {

// A finished JSON document as text (so a response can tell it from a string to be encoded).
struct JsonText {
    std::string text;
};

class JsonWriter {
public:
    explicit JsonWriter(std::string& out) : out_(out) {}

    void begin_object();
    void end_object();
    void begin_array();
    void end_array();

    // A member's name (plain ASCII, written as it is: Hover's own field names); the next value
    // written is its value.
    void key(std::string_view name);

    void string(std::string_view text);
    void integer(std::int64_t value);
    void number(double value);
    void boolean(bool value);
    void null();

private:
    void separate();
    void escaped(std::string_view text);

    std::string& out_;
    // True when the next value or key needs a comma before it.
    bool needs_comma_ = false;
};

}  // namespace hover::io
