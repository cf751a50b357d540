// File: http/pages/forms.hpp
//
// HTML forms over the JSON layer. A form is a list of FieldSpecs whose names are the JSON paths
// of io/json ("name", "phones[1].number"), so the same apply_*_json and the same validation
// serve the API and the pages, and a validation error's field ("phones[1].number") lands next
// to the input of that name.
//
//   1. GET: form_from_json(specs, to_json(record)) fills the inputs;
//   2. POST: form_from_post(specs, posted) keeps what the user typed, then to_json_body()
//      converts it (a word in a number field is a field error right there);
//   3. apply_*_json + the service validate; attach_error() puts an Error on its field;
//   4. on any error the form is shown again with every value as typed: nothing is saved.
//
// Repeated groups ("phones[0..2]"): rows left entirely blank are dropped and the rest renumbered,
// and errors are mapped back to the row the user typed in.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "http/pages/view.hpp"
#include "http/request.hpp"

namespace hover::http::pages {

enum class FieldKind {
    kText,
    kTextArea,
    kEmail,
    kTel,
    kDate,
    kTime,  // HH:MM (an <input type="time">); blank is JSON null
    kInt,
    kDecimal,
    kMoney,  // dollars in the form, cents in JSON ("annual_revenue_cents")
    kCheckbox,
    kSelect,  // an option whose value is "" means none (JSON null)
    kYesNo,   // a select of Unknown / Yes / No: JSON null, true, false
    kPassword,
};

struct Option {
    std::string value;
    std::string label;
};

struct FieldSpec {
    std::string name;  // the JSON path
    std::string label;
    FieldKind kind = FieldKind::kText;
    std::vector<Option> options;
    bool required = false;
    std::string hint;
    std::string autocomplete = "off";
    std::string section;   // a heading shown before this field ("Phones")
    bool numeric = false;  // kSelect: the value is a number in JSON (an id, a month)
};

struct FormState {
    std::map<std::string, std::string> values;        // by field name, as typed
    std::map<std::string, std::string> errors;        // by field name
    std::string general_error;                        // an error that names no field of this form
    std::map<std::string, std::string> json_to_form;  // renumbered paths (see above)
};

// Options from enum names: {"customer", "Customer"}, ...
template <typename E>
std::vector<Option> enum_options();

// "lets_it_go_to_voicemail" -> "Lets it go to voicemail"
std::string humanize(std::string_view name);

FormState form_from_json(const std::vector<FieldSpec>& specs, const nlohmann::json& record);
FormState form_from_post(const std::vector<FieldSpec>& specs, const QueryParams& posted);

// The typed JSON object; conversion errors are put on their fields (and the result is empty).
std::optional<nlohmann::json> to_json_body(const std::vector<FieldSpec>& specs, FormState& state);

// Puts `error` on its field when the form has it (after renumbering), else on general_error.
void attach_error(FormState& state, const Error& error);

// The fields for the "fields" partial.
ViewList render_fields(const std::vector<FieldSpec>& specs, const FormState& state);

// "phones[1].number" -> "phones-1-number" (an HTML id).
std::string field_id(std::string_view name);

}  // namespace hover::http::pages

#include "domain/records/enums.hpp"

namespace hover::http::pages {

template <typename E>
std::vector<Option> enum_options() {
    std::vector<Option> out;
    for (std::string_view name : records::EnumNames<E>::names) {
        out.push_back({std::string(name), humanize(name)});
    }
    return out;
}

}  // namespace hover::http::pages
