#include "io/cdr/cdr_layout.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "core/text.hpp"
#include "io/cdr/cdr_reader.hpp"

namespace hover::cdr {

namespace {

using F = CdrField;

std::vector<CdrField> asterisk_base() {
    return {F::kAccountcode, F::kSrc,     F::kDst,         F::kDcontext, F::kClid,   F::kChannel,
            F::kDstchannel,  F::kLastapp, F::kLastdata,    F::kStart,    F::kAnswer, F::kEnd,
            F::kDuration,    F::kBillsec, F::kDisposition, F::kAmaflags};
}

std::vector<CdrLayout> make_builtin() {
    std::vector<CdrLayout> out;
    out.push_back({"asterisk-16", asterisk_base()});
    std::vector<CdrField> c18 = asterisk_base();
    c18.push_back(F::kUniqueid);
    c18.push_back(F::kUserfield);
    out.push_back({"asterisk-18", c18});
    std::vector<CdrField> c21 = c18;
    c21.push_back(F::kPeeraccount);
    c21.push_back(F::kLinkedid);
    c21.push_back(F::kSequence);
    out.push_back({"asterisk-21", c21});
    // cdr_custom.conf.sample, [mappings] Master.csv: every field through CSV_QUOTE except the
    // final ${CDR(sequence)}.
    out.push_back(
        {"asterisk-custom",
         {F::kClid, F::kSrc, F::kDst, F::kDcontext, F::kChannel, F::kDstchannel, F::kLastapp,
          F::kLastdata, F::kStart, F::kAnswer, F::kEnd, F::kDuration, F::kBillsec, F::kDisposition,
          F::kAmaflags, F::kAccountcode, F::kUniqueid, F::kUserfield, F::kSequence}});
    // mod_cdr_csv's cdr_csv.conf.xml, <template name="example">: caller_id_name,
    // caller_id_number, destination_number, context, start_stamp, answer_stamp, end_stamp,
    // duration, billsec, hangup_cause, uuid, bleg_uuid, accountcode, read_codec, write_codec.
    // The caller id name goes to clid; bleg_uuid and the codecs are not kept.
    out.push_back({"freeswitch-example",
                   {F::kClid, F::kSrc, F::kDst, F::kDcontext, F::kStart, F::kAnswer, F::kEnd,
                    F::kDuration, F::kBillsec, F::kDisposition, F::kUniqueid, F::kIgnore,
                    F::kAccountcode, F::kIgnore, F::kIgnore}});
    return out;
}

constexpr std::array<std::pair<std::string_view, CdrField>, 23> kFieldNames{{
    {"-", F::kIgnore},
    {"ignore", F::kIgnore},
    {"accountcode", F::kAccountcode},
    {"src", F::kSrc},
    {"dst", F::kDst},
    {"dcontext", F::kDcontext},
    {"clid", F::kClid},
    {"channel", F::kChannel},
    {"dstchannel", F::kDstchannel},
    {"lastapp", F::kLastapp},
    {"lastdata", F::kLastdata},
    {"start", F::kStart},
    {"answer", F::kAnswer},
    {"end", F::kEnd},
    {"duration", F::kDuration},
    {"billsec", F::kBillsec},
    {"disposition", F::kDisposition},
    {"amaflags", F::kAmaflags},
    {"uniqueid", F::kUniqueid},
    {"userfield", F::kUserfield},
    {"peeraccount", F::kPeeraccount},
    {"linkedid", F::kLinkedid},
    {"sequence", F::kSequence},
}};

std::string known_names(std::span<const CdrLayout> candidates) {
    std::string names;
    for (const CdrLayout& l : candidates) {
        names += names.empty() ? "" : ", ";
        names += l.name;
    }
    return names;
}

}  // namespace

bool CdrLayout::has(CdrField field) const {
    return std::find(columns.begin(), columns.end(), field) != columns.end();
}

std::span<const CdrLayout> builtin_layouts() {
    static const std::vector<CdrLayout> layouts = make_builtin();
    return layouts;
}

const CdrLayout* find_layout(std::string_view name) {
    for (const CdrLayout& l : builtin_layouts()) {
        if (l.name == name) {
            return &l;
        }
    }
    return nullptr;
}

Result<CdrLayout> layout_from_fields(std::string name, std::string_view field_list) {
    CdrLayout layout{std::move(name), {}};
    while (!field_list.empty()) {
        std::size_t comma = field_list.find(',');
        std::string_view item = trim_blanks(field_list.substr(0, comma));
        field_list =
            comma == std::string_view::npos ? std::string_view{} : field_list.substr(comma + 1);
        auto it = std::find_if(kFieldNames.begin(), kFieldNames.end(),
                               [&](const auto& p) { return p.first == item; });
        if (it == kFieldNames.end()) {
            return Error::invalid("cdr_layout", "Unknown CDR field \"" + std::string(item) +
                                                    "\" in layout " + layout.name + ".");
        }
        layout.columns.push_back(it->second);
    }
    if (layout.columns.empty() || layout.columns.size() > 64) {
        return Error::invalid("cdr_layout", "A CDR layout needs 1 to 64 columns.");
    }
    return layout;
}

std::vector<const CdrLayout*> detect_layout(std::string_view head,
                                            std::span<const CdrLayout> candidates) {
    // Leave out a last record cut off by the end of `head`, unless it is the only one.
    if (!head.empty() && head.back() != '\n') {
        std::size_t nl = head.rfind('\n');
        if (nl != std::string_view::npos) {
            head = head.substr(0, nl + 1);
        }
    }
    std::vector<const CdrLayout*> fits;
    for (const CdrLayout& layout : candidates) {
        MemoryByteSource source(head);
        CdrReader reader(source, layout, {.buffer_size = head.size() + 64});
        std::int64_t problems = 0;
        Result<ReadSummary> summary =
            reader.read([](const CdrRecord&) {}, [&](const CdrProblem&) { ++problems; });
        if (summary && summary->records > 0 && problems == 0) {
            fits.push_back(&layout);
        }
    }
    return fits;
}

Result<const CdrLayout*> choose_layout(std::string_view head,
                                       std::string_view name,
                                       std::span<const CdrLayout> candidates) {
    if (!name.empty()) {
        for (const CdrLayout& layout : candidates) {
            if (layout.name == name) {
                return &layout;
            }
        }
        return Error::invalid("cdr_layout", "Unknown CDR layout \"" + std::string(name) +
                                                "\"; known layouts: " + known_names(candidates) +
                                                ".");
    }
    std::vector<const CdrLayout*> fits = detect_layout(head, candidates);
    if (fits.size() == 1) {
        return fits.front();
    }
    if (fits.empty()) {
        return Error::invalid("cdr_layout", "The CDR file fits none of the known layouts (" +
                                                known_names(candidates) +
                                                "); check that it is a CDR CSV file.");
    }
    std::string names;
    for (std::size_t i = 0; i < fits.size(); ++i) {
        names += i == 0 ? "" : (i + 1 == fits.size() ? " and " : ", ");
        names += fits[i]->name;
    }
    return Error::invalid("cdr_layout",
                          "The CDR file fits " + names + "; choose one with --cdr-layout.");
}

}  // namespace hover::cdr
