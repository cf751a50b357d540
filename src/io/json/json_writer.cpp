#include "io/json/json_writer.hpp"

#include <cmath>
#include <cstring>

#include <fmt/format.h>

namespace hover::io {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the valid UTF-8 sequence starting at text[i], or 0 when the bytes there are not
// one (a stray continuation byte, a cut sequence, an overlong form, a surrogate, above U+10FFFF).
std::size_t utf8_length(std::string_view text, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    auto continuation = [&](std::size_t k) { return k < text.size() && (byte(k) & 0xC0) == 0x80; };
    unsigned char lead = byte(i);
    if (lead >= 0xC2 && lead <= 0xDF) {
        return continuation(i + 1) ? 2 : 0;
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
        if (!continuation(i + 1) || !continuation(i + 2)) {
            return 0;
        }
        unsigned char second = byte(i + 1);
        if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F)) {
            return 0;  // overlong, or a UTF-16 surrogate
        }
        return 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        if (!continuation(i + 1) || !continuation(i + 2) || !continuation(i + 3)) {
            return 0;
        }
        unsigned char second = byte(i + 1);
        if ((lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F)) {
            return 0;  // overlong, or above U+10FFFF
        }
        return 4;
    }
    return 0;
}

// True when none of the 8 bytes at p needs a look: all are printable ASCII other than " and \.
// (The bit tricks of "Bit Twiddling Hacks": hasless(v, 0x20) and haszero(v ^ c); as yes/no
// answers they are exact.)
bool plain_8(const char* p) {
    std::uint64_t v = 0;
    std::memcpy(&v, p, sizeof v);
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
    std::uint64_t control = (v - kOnes * 0x20) & ~v & kHigh;
    std::uint64_t q = v ^ (kOnes * '"');
    std::uint64_t quote = (q - kOnes) & ~q & kHigh;
    std::uint64_t b = v ^ (kOnes * '\\');
    std::uint64_t backslash = (b - kOnes) & ~b & kHigh;
    return (control | quote | backslash | (v & kHigh)) == 0;
}

}  // namespace

void JsonWriter::separate() {
    if (needs_comma_) {
        out_ += ',';
    }
}

void JsonWriter::begin_object() {
    separate();
    out_ += '{';
    needs_comma_ = false;
}

void JsonWriter::end_object() {
    out_ += '}';
    needs_comma_ = true;
}

void JsonWriter::begin_array() {
    separate();
    out_ += '[';
    needs_comma_ = false;
}

void JsonWriter::end_array() {
    out_ += ']';
    needs_comma_ = true;
}

void JsonWriter::key(std::string_view name) {
    separate();
    out_ += '"';
    out_ += name;
    out_ += "\":";
    needs_comma_ = false;
}

void JsonWriter::string(std::string_view text) {
    separate();
    escaped(text);
    needs_comma_ = true;
}

void JsonWriter::integer(std::int64_t value) {
    separate();
    fmt::format_to(std::back_inserter(out_), "{}", value);
    needs_comma_ = true;
}

void JsonWriter::number(double value) {
    separate();
    if (!std::isfinite(value)) {
        out_ += "null";  // as nlohmann writes NaN and infinities
    } else {
        std::size_t start = out_.size();
        fmt::format_to(std::back_inserter(out_), "{}", value);
        // nlohmann keeps a whole double recognisable as one ("35.0", not "35").
        if (out_.find_first_of(".eE", start) == std::string::npos) {
            out_ += ".0";
        }
    }
    needs_comma_ = true;
}

void JsonWriter::boolean(bool value) {
    separate();
    out_ += value ? "true" : "false";
    needs_comma_ = true;
}

void JsonWriter::null() {
    separate();
    out_ += "null";
    needs_comma_ = true;
}

void JsonWriter::escaped(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    out_ += '"';
    std::size_t plain = 0;  // start of the run of bytes copied as they are
    auto flush = [&](std::size_t end) { out_.append(text.data() + plain, end - plain); };
    for (std::size_t i = 0; i < text.size();) {
        if (i + 8 <= text.size() && plain_8(text.data() + i)) {
            i += 8;
            continue;
        }
        auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            std::size_t n = utf8_length(text, i);
            if (n > 0) {
                i += n;
                continue;
            }
            flush(i);
            out_ += kReplacement;
            plain = ++i;
            continue;
        }
        flush(i);
        switch (c) {
            case '"':
                out_ += "\\\"";
                break;
            case '\\':
                out_ += "\\\\";
                break;
            case '\b':
                out_ += "\\b";
                break;
            case '\f':
                out_ += "\\f";
                break;
            case '\n':
                out_ += "\\n";
                break;
            case '\r':
                out_ += "\\r";
                break;
            case '\t':
                out_ += "\\t";
                break;
            default:
                out_ += "\\u00";
                out_ += kHex[c >> 4];
                out_ += kHex[c & 0xF];
        }
        plain = ++i;
    }
    flush(text.size());
    out_ += '"';
}

}  // namespace hover::io
