// File: io/json/records_json.hpp
//
// The JSON form of the records (used by the /api/v1 API and by the CLI's --json output): one
// function to write each record, and one to read a request body onto an existing record.
//
// Field names are snake_case and match record.hpp. Enums are their lower-case names
// (enums.hpp). Money is integer cents in fields ending in "_cents". Dates are "YYYY-MM-DD",
// times "YYYY-MM-DDTHH:MM:SSZ". Phone numbers are written as
// {"e164": "+14055550142", "extension": "12", "as_typed": "(405) 555-0142 x12",
//  "display": "(405) 555-0142"} and read from a string (what the user typed) or from an object
// with "as_typed" (or "e164").
//
// apply_*_json(body, record) reads only the fields present in `body` (PATCH semantics; a POST
// starts from a default record), rejects unknown fields and wrong types with kInvalidInput naming
// the field ("sites[0]", "phones[1].number"), and never touches id, org_id or timestamps.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"
#include "domain/records/record.hpp"
#include "domain/records/record_service.hpp"
#include "io/json/json_writer.hpp"

namespace hover::io {

nlohmann::json to_json(const records::Organisation& org);
nlohmann::json to_json(const records::User& user);
nlohmann::json to_json(const records::Account& account);
nlohmann::json to_json(const records::Site& site);
nlohmann::json to_json(const records::Contact& contact);
nlohmann::json to_json(const records::Asset& asset);
nlohmann::json to_json(const records::Line& line);
nlohmann::json to_json(const records::Interaction& interaction);
nlohmann::json to_json(const records::Note& note);
nlohmann::json to_json(const records::SearchHit& hit);
nlohmann::json to_json(const records::AccountOverview& overview);

// The same JSON as text, written without building a tree (the API's hot routes). Members come
// in the order record.hpp lists them; to_json's tree sorts them by name. Same values either way.
JsonText to_json_text(const records::Organisation& org);
JsonText to_json_text(const records::User& user);
JsonText to_json_text(const records::Account& account);
JsonText to_json_text(const records::Site& site);
JsonText to_json_text(const records::Contact& contact);
JsonText to_json_text(const records::Asset& asset);
JsonText to_json_text(const records::Line& line);
JsonText to_json_text(const records::Interaction& interaction);
JsonText to_json_text(const records::Note& note);
JsonText to_json_text(const records::SearchHit& hit);
JsonText to_json_text(const records::AccountOverview& overview);

Result<Ok> apply_account_json(const nlohmann::json& body, records::Account& account);
Result<Ok> apply_site_json(const nlohmann::json& body, records::Site& site);
Result<Ok> apply_contact_json(const nlohmann::json& body, records::Contact& contact);
Result<Ok> apply_asset_json(const nlohmann::json& body, records::Asset& asset);
Result<Ok> apply_line_json(const nlohmann::json& body, records::Line& line);
Result<Ok> apply_interaction_json(const nlohmann::json& body, records::Interaction& interaction);
Result<Ok> apply_note_json(const nlohmann::json& body, records::Note& note);

// Parses a request body; kInvalidInput ("The request body is not valid JSON: ...") otherwise.
Result<nlohmann::json> parse_json_body(std::string_view body);

}  // namespace hover::io
