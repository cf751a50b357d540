#include "io/ical/ical_writer.hpp"

#include <fmt/format.h>

namespace hover::ical {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool is_continuation(unsigned char c) {
    return (c & 0xC0U) == 0x80U;
}

// The length of the valid UTF-8 sequence at the start of `s`, or 0 when it is not one.
std::size_t valid_sequence(std::string_view s) {
    auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    unsigned char c = b(0);
    if (c < 0x80U) {
        return 1;
    }
    std::size_t n = 0;
    char32_t min = 0;
    char32_t cp = 0;
    if ((c & 0xE0U) == 0xC0U) {
        n = 2;
        min = 0x80;
        cp = c & 0x1FU;
    } else if ((c & 0xF0U) == 0xE0U) {
        n = 3;
        min = 0x800;
        cp = c & 0x0FU;
    } else if ((c & 0xF8U) == 0xF0U) {
        n = 4;
        min = 0x10000;
        cp = c & 0x07U;
    } else {
        return 0;
    }
    if (s.size() < n) {
        return 0;
    }
    for (std::size_t i = 1; i < n; ++i) {
        if (!is_continuation(b(i))) {
            return 0;
        }
        cp = (cp << 6) | (b(i) & 0x3FU);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return 0;
    }
    return n;
}

bool needs_quotes(std::string_view value) {
    return value.find_first_of(":;,") != std::string_view::npos;
}

}  // namespace

std::string sanitize_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    while (!text.empty()) {
        std::size_t n = valid_sequence(text);
        if (n == 0) {
            out += kReplacement;
            text.remove_prefix(1);
        } else {
            out.append(text.substr(0, n));
            text.remove_prefix(n);
        }
    }
    return out;
}

std::string escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case ';':
                out += "\\;";
                break;
            case ',':
                out += "\\,";
                break;
            case '\r':
                if (i + 1 < text.size() && text[i + 1] == '\n') {
                    ++i;
                }
                out += "\\n";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += c;
                break;
            default:
                // TEXT allows no other control characters (section 3.3.11: TSAFE-CHAR).
                if (static_cast<unsigned char>(c) >= 0x20U && c != '\x7F') {
                    out += c;
                }
        }
    }
    return out;
}

std::string unescape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 == text.size()) {
            out += text[i];
            continue;
        }
        char next = text[++i];
        out += (next == 'n' || next == 'N') ? '\n' : next;
    }
    return out;
}

std::string fold_line(std::string_view line) {
    std::string out;
    out.reserve(line.size() + line.size() / kMaxLineOctets * 3 + 2);
    std::size_t limit = kMaxLineOctets;  // the first line has all 75; later ones 74 after the space
    bool first = true;
    while (true) {
        if (line.size() <= limit) {
            out.append(line);
            out += "\r\n";
            return out;
        }
        std::size_t cut = limit;
        // Never split a multi-byte character: back up to the byte that starts it.
        while (cut > 0 && is_continuation(static_cast<unsigned char>(line[cut]))) {
            --cut;
        }
        if (cut == 0) {
            cut = limit;  // not UTF-8 at all (sanitize first); cut at the limit anyway
        }
        out.append(line.substr(0, cut));
        out += "\r\n ";
        line.remove_prefix(cut);
        if (first) {
            limit = kMaxLineOctets - 1;
            first = false;
        }
    }
}

std::string unfold(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 2 < text.size() && text[i + 1] == '\n' &&
            (text[i + 2] == ' ' || text[i + 2] == '\t')) {
            i += 2;
            continue;
        }
        if (text[i] == '\n' && i + 1 < text.size() && (text[i + 1] == ' ' || text[i + 1] == '\t')) {
            i += 1;
            continue;
        }
        out += text[i];
    }
    return out;
}

std::string format_utc(Timestamp t) {
    // format_timestamp gives 2026-11-20T15:00:00Z.
    std::string iso = format_timestamp(t);
    std::string out;
    for (char c : iso) {
        if (c != '-' && c != ':') {
            out += c;
        }
    }
    return out;
}

std::string format_ical_date(Date d) {
    return fmt::format("{:04}{:02}{:02}", static_cast<int>(d.year()),
                       static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

void Writer::begin(std::string_view component) {
    line("BEGIN", {}, component);
}

void Writer::end(std::string_view component) {
    line("END", {}, component);
}

void Writer::text(std::string_view name, std::string_view value, const std::vector<Param>& params) {
    line(name, params, escape_text(sanitize_utf8(value)));
}

void Writer::raw(std::string_view name, std::string_view value, const std::vector<Param>& params) {
    line(name, params, sanitize_utf8(value));
}

void Writer::utc(std::string_view name, Timestamp t) {
    line(name, {}, format_utc(t));
}

void Writer::date(std::string_view name, Date d) {
    line(name, {{"VALUE", "DATE"}}, format_ical_date(d));
}

void Writer::line(std::string_view name, const std::vector<Param>& params, std::string_view value) {
    std::string content(name);
    for (const auto& p : params) {
        std::string v = sanitize_utf8(p.value);
        std::string clean;
        for (char c : v) {
            if (c == '"') {
                clean += '\'';
            } else if (static_cast<unsigned char>(c) >= 0x20U && c != '\x7F') {
                clean += c;
            }
        }
        content += ';';
        content += p.name;
        content += '=';
        if (needs_quotes(clean)) {
            content += '"' + clean + '"';
        } else {
            content += clean;
        }
    }
    content += ':';
    content.append(value);
    out_ += fold_line(content);
}

}  // namespace hover::ical
