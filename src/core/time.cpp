#include "core/time.hpp"

#include <fmt/format.h>

namespace hover {
namespace {

bool read_digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) {
        return false;
    }
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

bool read_date(std::string_view s, Date& out) {
    int y = 0;
    int m = 0;
    int d = 0;
    if (s.size() < 10 || !read_digits(s, 0, 4, y) || s[4] != '-' || !read_digits(s, 5, 2, m) ||
        s[7] != '-' || !read_digits(s, 8, 2, d)) {
        return false;
    }
    Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
              std::chrono::day{static_cast<unsigned>(d)}};
    if (!date.ok()) {
        return false;
    }
    out = date;
    return true;
}

}  // namespace

namespace {

// Writes `value` as `width` decimal digits ending just before `end`.
void put_digits(char* end, unsigned value, int width) {
    for (int i = 0; i < width; ++i) {
        *--end = static_cast<char>('0' + value % 10);
        value /= 10;
    }
}

// "YYYY-MM-DD" into out[0..10), for years 0 to 9999 (the callers format others with fmt).
void put_date(char* out, Date d) {
    put_digits(out + 4, static_cast<unsigned>(static_cast<int>(d.year())), 4);
    out[4] = '-';
    put_digits(out + 7, static_cast<unsigned>(d.month()), 2);
    out[7] = '-';
    put_digits(out + 10, static_cast<unsigned>(d.day()), 2);
}

}  // namespace

// Written digit by digit: these run for every time and date in every JSON response and page
// (fmt::format was 4 % of an API request).
std::string format_timestamp(Timestamp t) {
    auto days = std::chrono::floor<std::chrono::days>(t);
    Date d{days};
    if (static_cast<int>(d.year()) < 0 || static_cast<int>(d.year()) > 9999) {
        std::chrono::hh_mm_ss hms{t - days};
        return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(d.year()),
                           static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()),
                           hms.hours().count(), hms.minutes().count(), hms.seconds().count());
    }
    auto seconds = static_cast<unsigned>((t - days).count());
    std::string out(20, ' ');
    put_date(out.data(), d);
    out[10] = 'T';
    put_digits(out.data() + 13, seconds / 3600, 2);
    out[13] = ':';
    put_digits(out.data() + 16, seconds / 60 % 60, 2);
    out[16] = ':';
    put_digits(out.data() + 19, seconds % 60, 2);
    out[19] = 'Z';
    return out;
}

std::string format_date(Date d) {
    if (static_cast<int>(d.year()) < 0 || static_cast<int>(d.year()) > 9999) {
        return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                           static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    }
    std::string out(10, ' ');
    put_date(out.data(), d);
    return out;
}

Result<Date> parse_date(std::string_view text, std::string_view field) {
    Date d;
    if (text.size() != 10 || !read_date(text, d)) {
        return Error::invalid(std::string(field),
                              fmt::format("\"{}\" is not a date. Write it as YYYY-MM-DD.", text));
    }
    return d;
}

Result<Timestamp> parse_timestamp(std::string_view text, std::string_view field) {
    auto bad = [&] {
        return Error::invalid(
            std::string(field),
            fmt::format("\"{}\" is not a date and time. Write it as 2026-11-22T14:30:00Z.", text));
    };
    Date d;
    if (!read_date(text, d)) {
        return bad();
    }
    Timestamp t = start_of(d);
    if (text.size() == 10) {
        return t;
    }
    if (text[10] != 'T' && text[10] != ' ' && text[10] != 't') {
        return bad();
    }
    int hh = 0;
    int mm = 0;
    int ss = 0;
    if (!read_digits(text, 11, 2, hh) || text.size() < 16 || text[13] != ':' ||
        !read_digits(text, 14, 2, mm)) {
        return bad();
    }
    std::size_t pos = 16;
    if (pos < text.size() && text[pos] == ':') {
        if (!read_digits(text, pos + 1, 2, ss)) {
            return bad();
        }
        pos += 3;
        if (pos < text.size() && text[pos] == '.') {
            ++pos;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                ++pos;  // fractions of a second are dropped
            }
        }
    }
    if (hh > 23 || mm > 59 || ss > 60) {
        return bad();
    }
    t += std::chrono::hours{hh} + std::chrono::minutes{mm} + std::chrono::seconds{ss};
    if (pos == text.size()) {
        return bad();  // a time without a zone is ambiguous
    }
    if (text[pos] == 'Z' || text[pos] == 'z') {
        return pos + 1 == text.size() ? Result<Timestamp>{t} : Result<Timestamp>{bad()};
    }
    if (text[pos] == '+' || text[pos] == '-') {
        int oh = 0;
        int om = 0;
        if (!read_digits(text, pos + 1, 2, oh)) {
            return bad();
        }
        std::size_t after = pos + 3;
        if (after < text.size() && text[after] == ':') {
            ++after;
        }
        if (!read_digits(text, after, 2, om) || after + 2 != text.size() || oh > 23 || om > 59) {
            return bad();
        }
        auto offset = std::chrono::hours{oh} + std::chrono::minutes{om};
        return text[pos] == '+' ? t - offset : t + offset;
    }
    return bad();
}

Date date_of(Timestamp t) {
    return Date{std::chrono::floor<std::chrono::days>(t)};
}

Timestamp start_of(Date d) {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::sys_days{d});
}

}  // namespace hover
