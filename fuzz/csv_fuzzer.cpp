// libFuzzer target for io/csv (docs: fuzz/README.md). The reader must never crash, hang or grow
// without bound, and what it reads, written by CsvWriter, must read back the same.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "io/csv/csv_reader.hpp"
#include "io/csv/csv_writer.hpp"

namespace {

using Rows = std::vector<std::vector<std::string>>;

struct Outcome {
    Rows rows;
    bool failed = false;
};

Outcome read_rows(std::string_view text, char delimiter, bool uniform, std::size_t chunk) {
    hover::csv::MemorySource source(text, chunk);
    hover::csv::CsvOptions options;
    options.delimiter = delimiter;
    options.uniform_rows = uniform;
    options.max_record_bytes = 4096;
    hover::csv::CsvReader reader(source, options);
    Outcome out;
    std::vector<std::string> fields;
    for (;;) {
        auto more = reader.next(fields);
        if (!more) {
            out.failed = true;
            break;
        }
        if (!*more || out.rows.size() > 1000) {
            break;
        }
        out.rows.push_back(fields);
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    // Split reads must not change what is read. A file is binary (NUL bytes) whichever read
    // finds them, so the rows before the error may differ: only the outcome must agree.
    Outcome whole = read_rows(text, 0, false, 0);
    Outcome split = read_rows(text, 0, false, 3);
    if (whole.failed != split.failed || (!whole.failed && whole.rows != split.rows)) {
        __builtin_trap();
    }
    read_rows(text, 0, true, 0);
    if (whole.failed || whole.rows.empty()) {
        return 0;
    }
    // parse(write(x)) == x
    std::ostringstream out;
    hover::csv::CsvWriter writer(out);
    for (const auto& row : whole.rows) {
        writer.write_row(row);
    }
    Outcome back = read_rows(out.str(), ',', false, 0);
    if (back.failed || back.rows != whole.rows) {
        __builtin_trap();
    }
    return 0;
}
