#include "io/cdr/cdr_number_scan.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <limits>
#include <memory>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace hover::cdr {

namespace {

constexpr std::uint64_t kNanp = 10'000'000'000ULL;  // 1 followed by 10 digits

std::uint64_t pow10(int n) {
    std::uint64_t p = 1;
    while (n-- > 0) {
        p *= 10;
    }
    return p;
}

std::uint64_t key_of_slow(const char* b, const char* e);

// Most numbers in a CDR are plain digits: 3-4 (extensions), 10, 11 or 12.
inline std::uint64_t key_of(const char* b, const char* e) {
    const std::size_t len = static_cast<std::size_t>(e - b);
    if (len == 10 || len == 11 || (len >= 2 && len <= 6)) {
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < len; ++i) {
            const unsigned d = static_cast<unsigned char>(b[i]) - '0';
            if (d >= 10) {
                return key_of_slow(b, e);
            }
            v = v * 10 + d;
        }
        if (len == 10) {
            return kNanp + v;
        }
        if (len == 11) {
            return b[0] == '1' ? v : key_of_slow(b, e);
        }
        return kExtensionKeyFlag | (static_cast<std::uint64_t>(len) << 56) | v;
    }
    return key_of_slow(b, e);
}

std::uint64_t key_of_slow(const char* b, const char* e) {
    std::uint64_t v = 0;
    int nd = 0;
    int lead = 0;  // the first three digits as a number, for prefixes
    bool plus = false;
    for (const char* p = b; p < e; ++p) {
        unsigned d = static_cast<unsigned char>(*p) - '0';
        if (d < 10) {
            if (nd < 19) {
                v = v * 10 + d;
            }
            if (nd < 3) {
                lead = lead * 10 + static_cast<int>(d);
            }
            ++nd;
        } else if (*p == '+' && nd == 0 && !plus) {
            plus = true;
        } else if (*p != ' ' && *p != '-' && *p != '(' && *p != ')' && *p != '.') {
            return 0;
        }
    }
    if (nd > 18) {
        return 0;
    }
    if (plus) {
        return nd >= 8 && nd <= 15 ? v : 0;
    }
    if (nd == 10) {
        return kNanp + v;
    }
    if (nd == 11 && lead / 100 == 1) {
        return v;
    }
    if (nd == 11 && lead / 100 == 9) {
        return kNanp + (v - 9 * kNanp);
    }
    if (nd == 12 && lead / 10 == 91) {
        return v - 9 * pow10(11);
    }
    if (nd >= 2 && nd <= 6) {
        return kExtensionKeyFlag | (static_cast<std::uint64_t>(nd) << 56) | v;
    }
    if (nd > 11 && lead == 11 && nd - 3 >= 8) {  // 011 + international number
        return v % pow10(nd - 3);
    }
    if (nd > 12 && lead == 901 && nd - 4 >= 8) {  // 9 011 ...
        return v % pow10(nd - 4);
    }
    return 0;
}

// The extension of a SIP/PJSIP/IAX2 channel "SIP/201-0000abcd"; 0 otherwise.
std::uint64_t channel_extension(const char* b, const char* e) {
    const char* slash =
        static_cast<const char*>(std::memchr(b, '/', static_cast<std::size_t>(e - b)));
    if (slash == nullptr) {
        return 0;
    }
    std::string_view tech(b, static_cast<std::size_t>(slash - b));
    if (tech != "SIP" && tech != "PJSIP" && tech != "IAX2") {
        return 0;
    }
    std::uint64_t v = 0;
    int nd = 0;
    const char* p = slash + 1;
    for (; p < e && *p >= '0' && *p <= '9'; ++p) {
        v = v * 10 + static_cast<unsigned>(*p - '0');
        ++nd;
    }
    if (nd < 2 || nd > 6 || p == e || *p != '-') {
        return 0;
    }
    return kExtensionKeyFlag | (static_cast<std::uint64_t>(nd) << 56) | v;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int32_t days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int32_t>(doe) - 719468;
}

class TrackedTable {
public:
    explicit TrackedTable(std::span<const std::uint64_t> keys) {
        std::size_t cap = 16;
        while (cap < keys.size() * 2 + 1) {
            cap <<= 1;
        }
        bits_ = 0;
        while ((std::size_t{1} << bits_) < cap) {
            ++bits_;
        }
        keys_.assign(cap, 0);
        index_.assign(cap, -1);
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (keys[i] == 0) {
                continue;
            }
            std::size_t s = slot(keys[i]);
            while (keys_[s] != 0 && keys_[s] != keys[i]) {
                s = (s + 1) & (cap - 1);
            }
            if (keys_[s] == 0) {
                keys_[s] = keys[i];
                index_[s] = static_cast<std::int32_t>(i);
            }
        }
    }
    std::int32_t find(std::uint64_t key) const {
        if (key == 0) {
            return -1;
        }
        std::size_t mask = keys_.size() - 1;
        for (std::size_t s = slot(key);; s = (s + 1) & mask) {
            if (keys_[s] == key) {
                return index_[s];
            }
            if (keys_[s] == 0) {
                return -1;
            }
        }
    }

private:
    std::size_t slot(std::uint64_t key) const {
        return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> (64 - bits_));
    }
    int bits_ = 4;
    std::vector<std::uint64_t> keys_;
    std::vector<std::int32_t> index_;
};

// Extensions seen, in a table that grows by doubling (rarely: a PBX has few extensions).
class ExtensionTable {
public:
    ExtensionTable() : slots_(256) {}
    void add(std::uint64_t key, std::int64_t talk) {
        std::size_t mask = slots_.size() - 1;
        std::size_t s = static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 40) & mask;
        while (slots_[s].key != 0 && slots_[s].key != key) {
            s = (s + 1) & mask;
        }
        if (slots_[s].key == 0) {
            if ((used_ + 1) * 2 > slots_.size()) {
                grow();
                add(key, talk);
                return;
            }
            slots_[s].key = key;
            ++used_;
        }
        ++slots_[s].calls;
        slots_[s].talk_seconds += talk;
    }
    void merge_into(std::vector<ExtensionCounters>& out) const {
        for (const ExtensionCounters& e : slots_) {
            if (e.key != 0) {
                out.push_back(e);
            }
        }
    }

private:
    void grow() {
        std::vector<ExtensionCounters> old = std::move(slots_);
        slots_.assign(old.size() * 2, ExtensionCounters{});
        used_ = 0;
        for (const ExtensionCounters& e : old) {
            if (e.key != 0) {
                std::size_t mask = slots_.size() - 1;
                std::size_t s =
                    static_cast<std::size_t>((e.key * 0x9E3779B97F4A7C15ULL) >> 40) & mask;
                while (slots_[s].key != 0) {
                    s = (s + 1) & mask;
                }
                slots_[s] = e;
                ++used_;
            }
        }
    }
    std::vector<ExtensionCounters> slots_;
    std::size_t used_ = 0;
};

struct Columns {
    int count = 0;
    int src = -1;
    int dst = -1;
    int start = -1;
    int billsec = -1;
    int channel = -1;
    int dstchannel = -1;
};

constexpr std::size_t kMaxSeps = 64;

struct ChunkResult {
    std::vector<NumberCounters> numbers;
    ExtensionTable extensions;
    std::vector<CdrProblem> problems;
    std::int64_t records = 0;
    std::int64_t problem_count = 0;
    std::int64_t lines = 0;  // lines of the range (or up to the crossing record)
    std::int32_t first_day = INT32_MAX;
    std::int32_t last_day = INT32_MIN;
    bool crossed = false;  // the range ended inside a quoted field
    std::int64_t crossed_offset = 0;
    bool rejected = false;
    Error error;
    bool failed = false;
};

class ChunkScanner {
public:
    ChunkScanner(int fd,
                 const Columns& cols,
                 const TrackedTable& table,
                 std::size_t tracked,
                 const NumberScanOptions& options,
                 const std::string& file_name,
                 std::atomic<std::int64_t>& progress)
        : fd_(fd),
          cols_(cols),
          table_(table),
          options_(options),
          file_name_(file_name),
          progress_(progress) {
        out_.numbers.assign(tracked, NumberCounters{});
    }

    ChunkResult run(std::int64_t begin, std::int64_t end, bool last);

private:
    void record(const char* b, const char* e);
    void push_sep(std::size_t off) {
        if (nsep_ < kMaxSeps) {
            seps_[nsep_] = static_cast<std::uint32_t>(off);
        }
        ++nsep_;
    }
    void problem(const char* b, const char* e, std::string reason);
    static std::string_view field(const char* b, const char* e, bool* bad);

    int fd_;
    const Columns& cols_;
    const TrackedTable& table_;
    const NumberScanOptions& options_;
    const std::string& file_name_;
    std::atomic<std::int64_t>& progress_;
    ChunkResult out_;
    std::int64_t line_ = 1;  // the line the current record starts on, within the range
    std::uint32_t seps_[kMaxSeps];
    std::size_t nsep_ = 0;
    const char* buf_ = nullptr;
    char last_date_[10] = {};
    std::int32_t last_day_value_ = 0;
};

inline std::string_view ChunkScanner::field(const char* b, const char* e, bool* bad) {
    while (b < e && (*b == ' ' || *b == '\t')) {
        ++b;
    }
    while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) {
        --e;
    }
    if (b < e && *b == '"') {
        if (e - b >= 2 && e[-1] == '"') {
            return {b + 1, static_cast<std::size_t>(e - b - 2)};
        }
        *bad = true;
    }
    return {b, static_cast<std::size_t>(e - b)};
}

void ChunkScanner::problem(const char* b, const char* e, std::string reason) {
    ++out_.problem_count;
    if (out_.problems.size() < options_.max_problems_kept) {
        std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(e - b), kMaxRawBytes);
        std::string raw(b, n);
        while (!raw.empty() && (raw.back() == '\n' || raw.back() == '\r')) {
            raw.pop_back();
        }
        out_.problems.push_back({line_, std::move(reason), std::move(raw)});
    }
    if (options_.policy == ProblemPolicy::kReject) {
        out_.rejected = true;
    }
}

void ChunkScanner::record(const char* b, const char* e) {
    if (e == b || (e - b == 1 && *b == '\r')) {
        return;  // a blank line
    }
    const std::size_t nfields = nsep_ + 1;
    if (nfields != static_cast<std::size_t>(cols_.count)) {
        problem(b, e,
                "expected " + std::to_string(cols_.count) + " columns, found " +
                    (nsep_ >= kMaxSeps ? "more than " + std::to_string(kMaxSeps)
                                       : std::to_string(nfields)));
        return;
    }
    auto span_of = [&](int i, const char** fb, const char** fe) __attribute__((always_inline)) {
        *fb = i == 0 ? b : buf_ + seps_[i - 1] + 1;
        *fe = static_cast<std::size_t>(i) == nsep_ ? e : buf_ + seps_[i];
    };
    const char* fb;
    const char* fe;
    bool bad = false;
    span_of(cols_.billsec, &fb, &fe);
    std::string_view bs = field(fb, fe, &bad);
    std::int64_t billsec = 0;
    if (bs.empty() || bs.size() > 12 || bad) {
        problem(b, e, "non-numeric billsec \"" + std::string(bs.substr(0, 40)) + "\"");
        return;
    }
    for (char c : bs) {
        unsigned d = static_cast<unsigned char>(c) - '0';
        if (d >= 10) {
            problem(b, e, "non-numeric billsec \"" + std::string(bs.substr(0, 40)) + "\"");
            return;
        }
        billsec = billsec * 10 + d;
    }
    span_of(cols_.start, &fb, &fe);
    std::string_view st = field(fb, fe, &bad);
    std::int32_t day = 0;
    if (st.size() >= 10 && std::memcmp(st.data(), last_date_, 10) == 0 && !bad) {
        day = last_day_value_;
    } else {
        const char* s = st.data();
        bool ok =
            st.size() == 19 && !bad && s[4] == '-' && s[7] == '-' && (s[10] == ' ' || s[10] == 'T');
        for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
            ok = ok && s[i] >= '0' && s[i] <= '9';
        }
        int y =
            ok ? (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0') : 0;
        unsigned m = ok ? static_cast<unsigned>((s[5] - '0') * 10 + (s[6] - '0')) : 0;
        unsigned d = ok ? static_cast<unsigned>((s[8] - '0') * 10 + (s[9] - '0')) : 0;
        if (!ok || m < 1 || m > 12 || d < 1 || d > 31) {
            problem(b, e,
                    "bad start time \"" + std::string(st.substr(0, 40)) +
                        "\" (expected YYYY-MM-DD HH:MM:SS)");
            return;
        }
        day = days_from_civil(y, m, d);
        std::memcpy(last_date_, s, 10);
        last_day_value_ = day;
    }
    span_of(cols_.src, &fb, &fe);
    std::string_view src = field(fb, fe, &bad);
    span_of(cols_.dst, &fb, &fe);
    std::string_view dst = field(fb, fe, &bad);
    if (bad) {
        problem(b, e, "text after a closing quote");
        return;
    }
    ++out_.records;
    out_.first_day = std::min(out_.first_day, day);
    out_.last_day = std::max(out_.last_day, day);
    const std::uint64_t ks = key_of(src.data(), src.data() + src.size());
    const std::uint64_t kd = key_of(dst.data(), dst.data() + dst.size());
    const std::int64_t minutes = (billsec + 59) / 60;
    auto count = [&](std::int32_t idx) __attribute__((always_inline)) {
        NumberCounters& c = out_.numbers[static_cast<std::size_t>(idx)];
        ++c.calls;
        c.answered += billsec > 0 ? 1 : 0;
        c.minutes += minutes;
        c.billsec += billsec;
        c.first_day = std::min(c.first_day, day);
        c.last_day = std::max(c.last_day, day);
    };
    std::int32_t is = is_extension_key(ks) ? -1 : table_.find(ks);
    std::int32_t id = is_extension_key(kd) ? -1 : table_.find(kd);
    if (is >= 0) {
        count(is);
    }
    if (id >= 0 && id != is) {
        count(id);
    }
    std::uint64_t es = is_extension_key(ks) ? ks : 0;
    std::uint64_t ed = is_extension_key(kd) ? kd : 0;
    if (es == 0 && cols_.channel >= 0) {
        span_of(cols_.channel, &fb, &fe);
        std::string_view ch = field(fb, fe, &bad);
        es = channel_extension(ch.data(), ch.data() + ch.size());
    }
    if (ed == 0 && cols_.dstchannel >= 0) {
        span_of(cols_.dstchannel, &fb, &fe);
        std::string_view ch = field(fb, fe, &bad);
        ed = channel_extension(ch.data(), ch.data() + ch.size());
    }
    const std::int64_t talk = billsec;
    if (es != 0) {
        out_.extensions.add(es, talk);
    }
    if (ed != 0 && ed != es) {
        out_.extensions.add(ed, talk);
    }
}

#if defined(__SSE2__)
// Masks of '"', ',' and '\n' over 64 bytes, 16 at a time (SSE2 is in every x86-64).
inline std::uint64_t byte_mask(const char* p, char c) {
    const __m128i n = _mm_set1_epi8(c);
    std::uint64_t m0 = static_cast<std::uint32_t>(
        _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), n)));
    std::uint64_t m1 = static_cast<std::uint32_t>(_mm_movemask_epi8(
        _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16)), n)));
    std::uint64_t m2 = static_cast<std::uint32_t>(_mm_movemask_epi8(
        _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 32)), n)));
    std::uint64_t m3 = static_cast<std::uint32_t>(_mm_movemask_epi8(
        _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 48)), n)));
    return m0 | (m1 << 16) | (m2 << 32) | (m3 << 48);
}

inline void classify(const char* p, std::uint64_t* q, std::uint64_t* c, std::uint64_t* n) {
    *q = byte_mask(p, '"');
    *c = byte_mask(p, ',');
    *n = byte_mask(p, '\n');
}
#else
inline std::uint64_t byte_mask(const char* p, char c) {
    std::uint64_t m = 0;
    for (int i = 0; i < 64; ++i) {
        m |= static_cast<std::uint64_t>(p[i] == c) << i;
    }
    return m;
}
inline void classify(const char* p, std::uint64_t* q, std::uint64_t* c, std::uint64_t* n) {
    *q = byte_mask(p, '"');
    *c = byte_mask(p, ',');
    *n = byte_mask(p, '\n');
}
#endif

inline std::uint64_t prefix_xor(std::uint64_t x) {
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    return x;
}

ChunkResult ChunkScanner::run(std::int64_t begin, std::int64_t end, bool last) {
    const std::size_t cap = std::max<std::size_t>(options_.buffer_size, 4096);
    std::unique_ptr<char[]> storage(new char[cap + 64]);
    char* buf = storage.get();
    buf_ = buf;
    std::size_t len = 0;
    std::size_t rec = 0;   // start of the current record
    std::size_t scan = 0;  // next block to classify
    bool in_quote = false;
    bool eof = false;
    bool skipping = false;  // after a record longer than the buffer: to the next line end
    std::int64_t quoted_lines = 0;
    std::int64_t pos = begin;
    std::memset(buf, 0, 64);

    for (;;) {
        if (out_.rejected) {
            break;
        }
        if (scan >= len) {
            if (eof) {
                if (rec < len) {
                    if (in_quote) {
                        if (!last) {
                            out_.crossed = true;
                            out_.crossed_offset = pos - static_cast<std::int64_t>(len - rec);
                            out_.lines = line_ - 1;
                            return std::move(out_);
                        }
                        problem(buf + rec, buf + len, "unterminated quote at the end of the file");
                        line_ += quoted_lines;
                    } else {
                        record(buf + rec, buf + len);
                    }
                    ++line_;  // a last line without a line end
                }
                break;
            }
            std::size_t tail = len - rec;
            if (tail == cap) {
                problem(buf + rec, buf + len,
                        "record longer than the " + std::to_string(cap) +
                            "-byte buffer (an unclosed quote?)");
                skipping = true;
                tail = 0;
                rec = len;
            }
            std::memmove(buf, buf + rec, tail);
            len = tail;
            rec = 0;
            scan = 0;
            in_quote = false;
            nsep_ = 0;
            quoted_lines = 0;
            std::size_t want = cap - len;
            if (static_cast<std::int64_t>(want) > end - pos) {
                want = static_cast<std::size_t>(end - pos);
            }
            ssize_t got = 0;
            if (want > 0) {
                for (;;) {
                    got = ::pread(fd_, buf + len, want, pos);
                    if (got >= 0 || errno != EINTR) {
                        break;
                    }
                }
                if (got < 0) {
                    out_.failed = true;
                    out_.error = Error{ErrorCode::kUnavailable, "The CDR file could not be read.",
                                       std::string("pread: ") + std::strerror(errno)};
                    return std::move(out_);
                }
            }
            if (got == 0) {
                eof = true;
            }
            pos += got;
            progress_.fetch_add(got, std::memory_order_relaxed);
            len += static_cast<std::size_t>(got);
            std::memset(buf + len, 0, 64);
            if (skipping) {
                const void* nl = std::memchr(buf, '\n', len);
                if (nl == nullptr) {
                    len = 0;
                    continue;
                }
                rec = static_cast<std::size_t>(static_cast<const char*>(nl) - buf) + 1;
                scan = rec;
                ++line_;
                skipping = false;
            }
            continue;
        }
        const char* p = buf + scan;
        std::uint64_t quotes;
        std::uint64_t commas;
        std::uint64_t newlines;
        classify(p, &quotes, &commas, &newlines);
        std::uint64_t inside = prefix_xor(quotes);
        if (in_quote) {
            inside = ~inside;
        }
        in_quote = (inside >> 63) != 0;
        std::uint64_t commas_out = commas & ~inside;
        std::uint64_t ends = newlines & ~inside;
        const std::uint64_t quoted_newlines = newlines & inside;
        if (quoted_newlines != 0) {
            // Rare: line ends inside quoted fields. Visit every bit in order.
            std::uint64_t bits = commas_out | newlines;
            while (bits != 0) {
                const int bit = __builtin_ctzll(bits);
                bits &= bits - 1;
                const std::uint64_t b1 = std::uint64_t{1} << bit;
                const std::size_t off = scan + static_cast<std::size_t>(bit);
                if ((quoted_newlines & b1) != 0) {
                    ++quoted_lines;
                } else if ((commas_out & b1) != 0) {
                    push_sep(off);
                } else {
                    record(buf + rec, buf + off);
                    line_ += 1 + quoted_lines;
                    quoted_lines = 0;
                    nsep_ = 0;
                    rec = off + 1;
                }
            }
        } else {
            while (ends != 0) {
                const int bit = __builtin_ctzll(ends);
                ends &= ends - 1;
                const std::uint64_t upto = (std::uint64_t{2} << bit) - 1;  // bits 0..bit
                std::uint64_t mine = commas_out & upto;
                commas_out &= ~upto;
                while (mine != 0) {
                    push_sep(scan + static_cast<std::size_t>(__builtin_ctzll(mine)));
                    mine &= mine - 1;
                }
                const std::size_t off = scan + static_cast<std::size_t>(bit);
                record(buf + rec, buf + off);
                line_ += 1 + quoted_lines;
                quoted_lines = 0;
                nsep_ = 0;
                rec = off + 1;
            }
            while (commas_out != 0) {
                push_sep(scan + static_cast<std::size_t>(__builtin_ctzll(commas_out)));
                commas_out &= commas_out - 1;
            }
        }
        scan += 64;
    }
    out_.lines = line_ - 1;
    return std::move(out_);
}

Columns columns_of(const CdrLayout& layout) {
    Columns c;
    c.count = static_cast<int>(layout.columns.size());
    for (int i = 0; i < c.count; ++i) {
        switch (layout.columns[static_cast<std::size_t>(i)]) {
            case CdrField::kSrc:
                c.src = i;
                break;
            case CdrField::kDst:
                c.dst = i;
                break;
            case CdrField::kStart:
                c.start = i;
                break;
            case CdrField::kBillsec:
                c.billsec = i;
                break;
            case CdrField::kChannel:
                c.channel = i;
                break;
            case CdrField::kDstchannel:
                c.dstchannel = i;
                break;
            default:
                break;
        }
    }
    return c;
}

// The first offset after a line end at or after `from`; `size` when there is none.
std::int64_t next_line_start(int fd, std::int64_t from, std::int64_t size) {
    char tmp[4096];
    while (from < size) {
        ssize_t got = ::pread(fd, tmp, sizeof tmp, from);
        if (got <= 0) {
            return size;
        }
        const void* nl = std::memchr(tmp, '\n', static_cast<std::size_t>(got));
        if (nl != nullptr) {
            return from + (static_cast<const char*>(nl) - tmp) + 1;
        }
        from += got;
    }
    return size;
}

}  // namespace

std::uint64_t number_key(std::string_view text) {
    return key_of(text.data(), text.data() + text.size());
}

std::string key_text(std::uint64_t key) {
    if (is_extension_key(key)) {
        int nd = static_cast<int>((key >> 56) & 0x7F);
        std::string digits = std::to_string(key & ((std::uint64_t{1} << 56) - 1));
        while (static_cast<int>(digits.size()) < nd) {
            digits.insert(digits.begin(), '0');
        }
        return digits;
    }
    return "+" + std::to_string(key);
}

Result<NumberScanResult> scan_numbers(const std::string& path,
                                      const CdrLayout& layout,
                                      std::span<const std::uint64_t> tracked,
                                      const NumberScanOptions& options) {
    const Columns cols = columns_of(layout);
    if (cols.src < 0 || cols.dst < 0 || cols.start < 0 || cols.billsec < 0) {
        return Error::invalid("cdr_layout", "The CDR layout " + layout.name +
                                                " lacks src, dst, start or billsec; the review "
                                                "needs all four.");
    }
    const std::string file_name = options.file_name.empty() ? path : options.file_name;
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return Error{ErrorCode::kNotFound, "The CDR file " + file_name + " could not be opened.",
                     path + ": " + std::strerror(errno), "cdr"};
    }
    struct stat st {};
    ::fstat(fd, &st);
    const std::int64_t size = st.st_size;
#ifdef POSIX_FADV_SEQUENTIAL
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    const TrackedTable table(tracked);
    int threads = std::max(1, options.threads);
    if (size < static_cast<std::int64_t>(4 * options.buffer_size)) {
        threads = 1;
    }
    std::vector<std::int64_t> bounds{0};
    for (int k = 1; k < threads; ++k) {
        std::int64_t b = next_line_start(fd, size * k / threads, size);
        bounds.push_back(std::max(b, bounds.back()));
    }
    bounds.push_back(size);

    std::atomic<std::int64_t> done{0};
    std::vector<ChunkResult> results(static_cast<std::size_t>(threads));
    auto work = [&](int k) {
        ChunkScanner scanner(fd, cols, table, tracked.size(), options, file_name, done);
        results[static_cast<std::size_t>(k)] =
            scanner.run(bounds[static_cast<std::size_t>(k)],
                        bounds[static_cast<std::size_t>(k) + 1], k == threads - 1);
    };
    std::vector<std::thread> pool;
    std::atomic<bool> finished{false};
    for (int k = 1; k < threads; ++k) {
        pool.emplace_back(work, k);
    }
    std::thread progress_thread;
    if (options.progress) {
        progress_thread = std::thread([&] {
            while (!finished.load()) {
                options.progress(done.load(std::memory_order_relaxed), size);
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        });
    }
    work(0);
    for (std::thread& t : pool) {
        t.join();
    }
    // A quoted field across a split: read on from the record that crossed it, in one range.
    for (std::size_t k = 0; k + 1 < results.size(); ++k) {
        if (results[k].crossed) {
            ChunkScanner scanner(fd, cols, table, tracked.size(), options, file_name, done);
            ChunkResult again = scanner.run(results[k].crossed_offset, size, true);
            results.resize(k + 1);
            results[k].crossed = false;
            results.push_back(std::move(again));
            break;
        }
    }
    finished.store(true);
    if (progress_thread.joinable()) {
        progress_thread.join();
    }
    if (options.progress) {
        options.progress(size, size);
    }
    ::close(fd);

    NumberScanResult out;
    out.threads_used = threads;
    out.bytes = size;
    out.numbers.assign(tracked.size(), NumberCounters{});
    std::int64_t line_offset = 0;
    std::vector<ExtensionCounters> ext;
    for (ChunkResult& r : results) {
        if (r.failed) {
            return std::move(r.error);
        }
        for (std::size_t i = 0; i < tracked.size(); ++i) {
            NumberCounters& a = out.numbers[i];
            const NumberCounters& b = r.numbers[i];
            a.calls += b.calls;
            a.answered += b.answered;
            a.minutes += b.minutes;
            a.billsec += b.billsec;
            a.first_day = std::min(a.first_day, b.first_day);
            a.last_day = std::max(a.last_day, b.last_day);
        }
        r.extensions.merge_into(ext);
        for (CdrProblem& p : r.problems) {
            p.line += line_offset;
            if (out.problems.size() < options.max_problems_kept) {
                out.problems.push_back(std::move(p));
            }
        }
        out.records += r.records;
        out.problem_count += r.problem_count;
        out.first_day = std::min(out.first_day, r.first_day);
        out.last_day = std::max(out.last_day, r.last_day);
        line_offset += r.lines;
        if (r.rejected && !out.problems.empty()) {
            const CdrProblem& p = out.problems.back();
            std::string where = file_name + " line " + std::to_string(p.line);
            return Error::invalid(where, where + ": " + p.reason);
        }
    }
    out.lines = line_offset;
    std::sort(ext.begin(), ext.end(),
              [](const ExtensionCounters& a, const ExtensionCounters& b) { return a.key < b.key; });
    for (const ExtensionCounters& e : ext) {
        if (!out.extensions.empty() && out.extensions.back().key == e.key) {
            out.extensions.back().calls += e.calls;
            out.extensions.back().talk_seconds += e.talk_seconds;
        } else {
            out.extensions.push_back(e);
        }
    }
    return out;
}

}  // namespace hover::cdr
