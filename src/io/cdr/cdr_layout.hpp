// File: io/cdr/cdr_layout.hpp
//
// CdrLayout: which CdrRecord field each CSV column holds. CDR files have no header row, so the
// layout is named by the user (`--cdr-layout asterisk-18`) or configured, and detect_layout()
// only ever narrows the choice: when several layouts fit the first records it returns all of
// them and the caller asks the user, it never guesses.
//
// Built-in layouts (column lists from the projects' own sources and sample configs):
//   asterisk-16         cdr_csv, stock: accountcode … amaflags (16 columns)
//   asterisk-18         cdr_csv with loguniqueid and loguserfield, as cdr.conf.sample ships (18)
//   asterisk-21         cdr_csv with newcdrcolumns too: + peeraccount, linkedid, sequence (21)
//   asterisk-custom     cdr_custom's Master.csv mapping from cdr_custom.conf.sample: clid, src,
//                       dst, …, amaflags, accountcode, uniqueid, userfield, sequence (19)
//   freeswitch-example  mod_cdr_csv's "example" template: caller_id_name, caller_id_number,
//                       destination_number, context, start/answer/end_stamp, duration, billsec,
//                       hangup_cause, uuid, bleg_uuid, accountcode, read/write_codec (15)
//
// Example:
//   const CdrLayout* layout = find_layout("asterisk-18");
//   Result<const CdrLayout*> chosen = choose_layout(first_64k_of_file, flag_value);
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace hover::cdr {

enum class CdrField : std::uint8_t {
    kIgnore,  // a column the review does not use (FreeSWITCH codecs, bleg_uuid)
    kAccountcode,
    kSrc,
    kDst,
    kDcontext,
    kClid,
    kChannel,
    kDstchannel,
    kLastapp,
    kLastdata,
    kStart,
    kAnswer,
    kEnd,
    kDuration,
    kBillsec,
    kDisposition,
    kAmaflags,
    kUniqueid,
    kUserfield,
    kPeeraccount,
    kLinkedid,
    kSequence,
};

struct CdrLayout {
    std::string name;
    std::vector<CdrField> columns;

    std::size_t column_count() const { return columns.size(); }
    bool has(CdrField field) const;
};

// The five layouts above, in that order.
std::span<const CdrLayout> builtin_layouts();

// A built-in layout by name, or nullptr.
const CdrLayout* find_layout(std::string_view name);

// A configured layout from a list of field names as cdr_custom's `fields =` writes them
// ("clid, src, dst, start, answer, …"; "-" or "ignore" for a column to skip).
Result<CdrLayout> layout_from_fields(std::string name, std::string_view field_list);

// The candidates whose column count and field shapes (timestamps, integers) fit every complete
// record in `head`, the first bytes of a file (a last record cut off by the end of `head` is
// left out unless it is the only one). Several results mean the file is ambiguous.
std::vector<const CdrLayout*> detect_layout(std::string_view head,
                                            std::span<const CdrLayout> candidates);

// What the CLI needs: the candidate named by `name` when it is not empty, else the only candidate
// that fits `head`. The errors list the known names, or the layouts that fit ("The CDR file fits
// asterisk-18 and my-pbx; choose one with --cdr-layout.").
Result<const CdrLayout*> choose_layout(std::string_view head,
                                       std::string_view name,
                                       std::span<const CdrLayout> candidates = builtin_layouts());

}  // namespace hover::cdr
