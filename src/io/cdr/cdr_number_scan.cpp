#include "io/cdr/cdr_number_scan.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__x86_64__)
#include <immintrin.h>
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

#define HOVER_SCAN_NS kernel_sse2
#include "io/cdr/cdr_scan_kernel.ipp"  // NOLINT(build/include)
#undef HOVER_SCAN_NS

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define HOVER_HAVE_AVX2_KERNEL 1
#pragma GCC push_options
#pragma GCC target("avx2")
#define HOVER_SCAN_NS kernel_avx2
#define HOVER_SCAN_AVX2 1
#include "io/cdr/cdr_scan_kernel.ipp"  // NOLINT(build/include)
#undef HOVER_SCAN_AVX2
#undef HOVER_SCAN_NS
#pragma GCC pop_options
#endif

// One range with the best kernel this CPU runs.
ChunkResult run_chunk(int fd,
                      const Columns& cols,
                      const TrackedTable& table,
                      std::size_t tracked,
                      const NumberScanOptions& options,
                      const std::string& file_name,
                      std::atomic<std::int64_t>& progress,
                      std::int64_t begin,
                      std::int64_t end,
                      bool last) {
#if defined(HOVER_HAVE_AVX2_KERNEL)
    // HOVER_CDR_SCAN=sse2 forces the baseline kernel (tests compare the two).
    const char* force = std::getenv("HOVER_CDR_SCAN");
    if (__builtin_cpu_supports("avx2") && (force == nullptr || std::string_view(force) != "sse2")) {
        kernel_avx2::ChunkScanner s(fd, cols, table, tracked, options, file_name, progress);
        return s.run(begin, end, last);
    }
#endif
    kernel_sse2::ChunkScanner s(fd, cols, table, tracked, options, file_name, progress);
    return s.run(begin, end, last);
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
        results[static_cast<std::size_t>(k)] =
            run_chunk(fd, cols, table, tracked.size(), options, file_name, done,
                      bounds[static_cast<std::size_t>(k)], bounds[static_cast<std::size_t>(k) + 1],
                      k == threads - 1);
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
            ChunkResult again = run_chunk(fd, cols, table, tracked.size(), options, file_name, done,
                                          results[k].crossed_offset, size, true);
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
