// libFuzzer target for io/ical (docs: fuzz/README.md). Two properties over any input:
//   1. folding: any text made into a TEXT property folds into lines of at most 75 octets, each
//      valid UTF-8 on its own, and unfolding gives back the content line;
//   2. reading: libical, through io/ical's reader, never crashes or hangs on the input.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "io/ical/ical_reader.hpp"
#include "io/ical/ical_writer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    hover::ical::Writer writer;
    writer.text("DESCRIPTION", input);
    const std::string& folded = writer.str();
    std::size_t start = 0;
    while (start < folded.size()) {
        std::size_t end = folded.find("\r\n", start);
        if (end == std::string::npos || end - start > hover::ical::kMaxLineOctets) {
            __builtin_trap();
        }
        std::string_view line(folded.data() + start, end - start);
        if (hover::ical::sanitize_utf8(line) != line) {
            __builtin_trap();  // a fold split a character
        }
        start = end + 2;
    }
    std::string content =
        "DESCRIPTION:" + hover::ical::escape_text(hover::ical::sanitize_utf8(input)) + "\r\n";
    if (hover::ical::unfold(folded) != content) {
        __builtin_trap();
    }
    if (hover::ical::unescape_text(hover::ical::escape_text(hover::ical::sanitize_utf8(input))) !=
        hover::ical::sanitize_utf8(input)) {
        // Only line breaks may differ (CR and CRLF are written as \n) and dropped controls.
        bool plain = true;
        for (char c : input) {
            if (static_cast<unsigned char>(c) < 0x20U || c == '\x7F') {
                plain = false;
            }
        }
        if (plain) {
            __builtin_trap();
        }
    }
    (void)hover::ical::read(input, "fuzz.ics");
    return 0;
}
