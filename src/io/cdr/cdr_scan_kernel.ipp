// The per-range scanner of cdr_number_scan.cpp, included there twice: once for any x86-64
// (SSE2) and once compiled for AVX2 (namespace and HOVER_SCAN_AVX2 set by the includer), chosen
// at run time. Not a header of its own: it uses the includer's anonymous-namespace helpers.

namespace HOVER_SCAN_NS {

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

#if defined(HOVER_SCAN_AVX2)
// Masks of '"', ',' and '\n' over 64 bytes, 32 at a time.
inline std::uint64_t mask32x2(__m256i a, __m256i b, char ch) {
    const __m256i v = _mm256_set1_epi8(ch);
    const auto lo = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(a, v)));
    const auto hi = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(b, v)));
    return lo | (static_cast<std::uint64_t>(hi) << 32);
}
inline void classify(const char* p, std::uint64_t* q, std::uint64_t* c, std::uint64_t* n) {
    const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32));
    *q = mask32x2(a, b, '"');
    *c = mask32x2(a, b, ',');
    *n = mask32x2(a, b, '\n');
}
#else
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

}  // namespace HOVER_SCAN_NS
