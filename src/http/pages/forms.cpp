#include "http/pages/forms.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "core/money.hpp"

namespace hover::http::pages {
namespace {

using nlohmann::json;

// "phones[1].number" -> "/phones/1/number"
json::json_pointer pointer_for(std::string_view name) {
    std::string pointer;
    for (char c : name) {
        if (c == '[' || c == '.') {
            pointer.push_back('/');
        } else if (c != ']') {
            pointer.push_back(c);
        }
    }
    return json::json_pointer("/" + pointer);
}

// The repeated-group prefix of a name and its row: "phones[1].number" -> ("phones", 1).
std::optional<std::pair<std::string, int>> group_of(std::string_view name) {
    std::size_t open = name.find('[');
    std::size_t close = name.find(']');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
        return std::nullopt;
    }
    int row = 0;
    auto [ptr, ec] = std::from_chars(name.data() + open + 1, name.data() + close, row);
    if (ec != std::errc{} || ptr != name.data() + close) {
        return std::nullopt;
    }
    return std::pair{std::string(name.substr(0, open)), row};
}

std::string value_text(const json& value, FieldKind kind) {
    if (value.is_null()) {
        return "";
    }
    if (kind == FieldKind::kMoney && value.is_number_integer()) {
        std::int64_t cents = value.get<std::int64_t>();
        return fmt::format("{}{}.{:02}", cents < 0 ? "-" : "", std::llabs(cents) / 100,
                           std::llabs(cents) % 100);
    }
    if (kind == FieldKind::kCheckbox) {
        return value.is_boolean() && value.get<bool>() ? "on" : "";
    }
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_boolean()) {
        return value.get<bool>() ? "true" : "false";
    }
    if (value.is_object() && value.contains("as_typed")) {  // a phone number
        std::string typed = value.value("as_typed", "");
        std::string text = typed.empty() ? value.value("display", "") : typed;
        std::string extension = value.value("extension", "");
        if (!extension.empty() && text.find(extension) == std::string::npos) {
            text += " x" + extension;
        }
        return text;
    }
    return value.dump();
}

std::string input_type(FieldKind kind) {
    switch (kind) {
        case FieldKind::kEmail:
            return "email";
        case FieldKind::kTel:
            return "tel";
        case FieldKind::kDate:
            return "date";
        case FieldKind::kTime:
            return "time";
        case FieldKind::kInt:
        case FieldKind::kDecimal:
            return "text";  // inputmode gives the right keyboard without the spinner
        case FieldKind::kPassword:
            return "password";
        default:
            return "text";
    }
}

std::string input_mode(FieldKind kind) {
    switch (kind) {
        case FieldKind::kInt:
            return "numeric";
        case FieldKind::kDecimal:
        case FieldKind::kMoney:
            return "decimal";
        case FieldKind::kTel:
            return "tel";
        case FieldKind::kEmail:
            return "email";
        default:
            return "";
    }
}

std::string trimmed(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.remove_suffix(1);
    }
    return std::string(text);
}

}  // namespace

std::string humanize(std::string_view name) {
    // Trade acronyms stay upper-case: "ups" -> "UPS", "wireless_ap" -> "Wireless AP".
    // Built in place: it runs for every enum on a page (a few hundred on an account page).
    static constexpr std::array<std::string_view, 10> kAcronyms{"ap",  "ata",  "did", "dsl", "pbx",
                                                                "poe", "pots", "pri", "sip", "ups"};
    std::string out;
    out.reserve(name.size());
    std::size_t start = 0;
    while (start <= name.size()) {
        std::size_t end = name.find('_', start);
        std::string_view word =
            name.substr(start, end == std::string_view::npos ? name.npos : end - start);
        if (!out.empty()) {
            out += ' ';
        }
        bool acronym = std::find(kAcronyms.begin(), kAcronyms.end(), word) != kAcronyms.end();
        for (char c : word) {
            out += acronym ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        }
        if (end == std::string_view::npos) {
            break;
        }
        start = end + 1;
    }
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') {
        out[0] = static_cast<char>(out[0] - 'a' + 'A');
    }
    return out;
}

std::string field_id(std::string_view name) {
    std::string id = "f-";
    for (char c : name) {
        if (c == '[' || c == '.') {
            id.push_back('-');
        } else if (c != ']') {
            id.push_back(c);
        }
    }
    return id;
}

FormState form_from_json(const std::vector<FieldSpec>& specs, const json& record) {
    FormState state;
    for (const FieldSpec& spec : specs) {
        json::json_pointer pointer = pointer_for(spec.name);
        state.values[spec.name] =
            record.contains(pointer) ? value_text(record.at(pointer), spec.kind) : "";
    }
    return state;
}

FormState form_from_post(const std::vector<FieldSpec>& specs, const QueryParams& posted) {
    FormState state;
    for (const FieldSpec& spec : specs) {
        std::string value;
        for (const auto& [key, v] : posted) {
            if (key == spec.name) {
                value = v;
                break;
            }
        }
        state.values[spec.name] = spec.kind == FieldKind::kPassword ? value : trimmed(value);
    }
    return state;
}

std::optional<json> to_json_body(const std::vector<FieldSpec>& specs, FormState& state) {
    // Rows of repeated groups in which the user typed something, renumbered from 0.
    std::map<std::string, std::set<int>> used_rows;
    for (const FieldSpec& spec : specs) {
        if (auto group = group_of(spec.name); group && !state.values[spec.name].empty()) {
            used_rows[group->first].insert(group->second);
        }
    }
    json body = json::object();
    for (const auto& [group, rows] : used_rows) {
        (void)rows;
        body[group] = json::array();
    }
    for (const FieldSpec& spec : specs) {
        std::string path = spec.name;
        if (auto group = group_of(spec.name)) {
            const auto& rows = used_rows[group->first];
            if (!rows.contains(group->second)) {
                if (!body.contains(group->first)) {
                    body[group->first] = json::array();  // every row blank: an empty list
                }
                continue;
            }
            int position = static_cast<int>(std::distance(rows.begin(), rows.find(group->second)));
            path = fmt::format("{}[{}]{}", group->first, position,
                               spec.name.substr(spec.name.find(']') + 1));
            state.json_to_form[path] = spec.name;
        }
        const std::string& text = state.values[spec.name];
        json value;
        switch (spec.kind) {
            case FieldKind::kCheckbox:
                value = !text.empty();
                break;
            case FieldKind::kInt: {
                if (text.empty()) {
                    value = nullptr;
                    break;
                }
                std::int64_t number = 0;
                auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
                if (ec != std::errc{} || ptr != text.data() + text.size()) {
                    state.errors[spec.name] = "Enter a whole number, like 2027.";
                    continue;
                }
                value = number;
                break;
            }
            case FieldKind::kDecimal: {
                if (text.empty()) {
                    value = nullptr;
                    break;
                }
                char* end = nullptr;
                double number = std::strtod(text.c_str(), &end);
                if (end != text.c_str() + text.size() || !std::isfinite(number)) {
                    state.errors[spec.name] = "Enter a number, like 35.4676.";
                    continue;
                }
                value = number;
                break;
            }
            case FieldKind::kMoney: {
                if (text.empty()) {
                    value = nullptr;
                    break;
                }
                auto cents = parse_money(text, spec.name);
                if (!cents) {
                    state.errors[spec.name] = cents.error().user_message;
                    continue;
                }
                value = cents->value;
                break;
            }
            case FieldKind::kSelect:
            case FieldKind::kDate:
            case FieldKind::kTime:
            case FieldKind::kTel:
                if (spec.kind == FieldKind::kSelect && text.empty() &&
                    std::none_of(spec.options.begin(), spec.options.end(),
                                 [](const Option& o) { return o.value.empty(); })) {
                    continue;  // not sent (a script, not a browser): keep the record's value
                }
                value = text.empty() ? json(nullptr) : json(text);
                if (spec.numeric && !text.empty()) {
                    std::int64_t number = 0;
                    auto [ptr, ec] =
                        std::from_chars(text.data(), text.data() + text.size(), number);
                    if (ec != std::errc{} || ptr != text.data() + text.size()) {
                        state.errors[spec.name] = "Choose one of the options.";
                        continue;
                    }
                    value = number;
                }
                break;
            case FieldKind::kYesNo:
                value = text == "true" ? json(true) : text == "false" ? json(false) : json(nullptr);
                break;
            default:
                value = text;
        }
        body[pointer_for(path)] = std::move(value);
    }
    if (!state.errors.empty()) {
        return std::nullopt;
    }
    return body;
}

void attach_error(FormState& state, const Error& error) {
    std::string field = error.field;
    if (auto it = state.json_to_form.find(field); it != state.json_to_form.end()) {
        field = it->second;
    }
    // An error on "phones[0]" belongs to the row's first input.
    if (!field.empty() && !state.values.contains(field)) {
        for (const auto& [name, value] : state.values) {
            (void)value;
            if (name.starts_with(field + ".")) {
                field = name;
                break;
            }
        }
    }
    if (!field.empty() && state.values.contains(field)) {
        state.errors[field] = error.user_message;
    } else {
        state.general_error = error.user_message;
    }
}

ViewList render_fields(const std::vector<FieldSpec>& specs, const FormState& state) {
    ViewList out;
    for (const FieldSpec& spec : specs) {
        auto value_it = state.values.find(spec.name);
        std::string value = value_it == state.values.end() ? "" : value_it->second;
        if (spec.kind == FieldKind::kPassword) {
            value.clear();  // never echo a password back
        }
        auto error_it = state.errors.find(spec.name);
        std::string error = error_it == state.errors.end() ? "" : error_it->second;
        ViewList options;
        std::vector<Option> yes_no{{"", "Unknown"}, {"true", "Yes"}, {"false", "No"}};
        for (const Option& option : spec.kind == FieldKind::kYesNo ? yes_no : spec.options) {
            options.push_back(ViewMap{{"value", option.value},
                                      {"label", option.label},
                                      {"selected", option.value == value}});
        }
        out.push_back(ViewMap{
            {"name", spec.name},
            {"id", field_id(spec.name)},
            {"label", spec.label},
            {"value", value},
            {"error", error},
            {"has_error", !error.empty()},
            {"required", spec.required},
            {"hint", spec.hint},
            {"type", input_type(spec.kind)},
            {"inputmode", input_mode(spec.kind)},
            {"autocomplete", spec.autocomplete},
            {"is_textarea", spec.kind == FieldKind::kTextArea},
            {"is_select", spec.kind == FieldKind::kSelect || spec.kind == FieldKind::kYesNo},
            {"is_checkbox", spec.kind == FieldKind::kCheckbox},
            {"is_input", spec.kind != FieldKind::kTextArea && spec.kind != FieldKind::kSelect &&
                             spec.kind != FieldKind::kCheckbox && spec.kind != FieldKind::kYesNo},
            {"checked", !value.empty()},
            {"options", std::move(options)},
            {"section", spec.section},
        });
    }
    return out;
}

}  // namespace hover::http::pages
