// libFuzzer target for io/vcard (docs: fuzz/README.md). The reader must never crash or hang,
// and what the writer makes of any card it read must parse again as exactly one card.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "io/vcard/vcard.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto cards = hover::vcard::parse(text, "fuzz.vcf");
    if (!cards) {
        return 0;
    }
    for (const auto& card : *cards) {
        hover::vcard::Person person = hover::vcard::to_person(card);
        std::string written = hover::vcard::write_vcard4(person);
        auto again = hover::vcard::parse(written, "again.vcf");
        if (!again || again->size() != 1) {
            __builtin_trap();
        }
        hover::vcard::Person back = hover::vcard::to_person(again->front());
        if (back.emails.size() > person.emails.size()) {
            __builtin_trap();
        }
    }
    return 0;
}
