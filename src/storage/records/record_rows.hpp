// File: storage/records/record_rows.hpp
//
// How a records row is read, for the other stores that read the records' tables (the calendar
// feed lists a user's visits from `interactions`): the column list and the reader go together.
#pragma once

#include "domain/records/record.hpp"
#include "storage/soci_support.hpp"

namespace hover::storage {

// The columns read_interaction() expects, in order (no table alias).
extern const char* const kInteractionColumns;
records::Interaction read_interaction(const RowReader& r);

}  // namespace hover::storage
