#include "io/billing/billing_import.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <utility>

#include <fmt/format.h>

#include "domain/records/phone_number.hpp"
#include "io/billing/csv_reader.hpp"

namespace hover::io {

namespace {

using billing::BillLine;
using billing::ChargeType;
using billing::TestResult;
using billing::Verification;

struct FieldNames {
    std::string_view field;
    std::array<std::string_view, 10> names;
};

// Header names each bill field is recognised by (compared after folding: lower case, runs of
// other characters as one '_').
constexpr std::array<FieldNames, 9> kBillFieldNames{{
    {"account", {"account", "account_number", "acct", "ban", "account_no"}},
    {"btn", {"btn", "billing_telephone_number", "billing_number", "main_number"}},
    {"service_number",
     {"service_number", "tn", "wtn", "telephone_number", "phone_number", "phone", "service_id",
      "circuit_id", "number", "line_number"}},
    {"description", {"description", "desc", "service_description", "feature", "item", "usoc"}},
    {"charge_type", {"charge_type", "type", "charge_category", "category", "chg_type"}},
    {"quantity", {"quantity", "qty", "units", "minutes"}},
    {"amount", {"amount", "charge", "charges", "total", "amount_due", "charge_amount", "cost"}},
    {"period_start",
     {"period_start", "from", "start", "service_from", "from_date", "bill_period_start"}},
    {"period_end", {"period_end", "to", "end", "service_to", "to_date", "bill_period_end"}},
}};

constexpr std::array<FieldNames, 7> kVerificationFieldNames{{
    {"number", {"number", "phone", "phone_number", "tn", "line", "service_number"}},
    {"location", {"location", "where", "room", "site"}},
    {"device", {"device", "equipment", "port"}},
    {"test_result", {"test_result", "result", "status", "test"}},
    {"tested_at", {"tested_at", "time", "tested", "date", "when", "timestamp"}},
    {"technician", {"technician", "tech", "tested_by", "by"}},
    {"measured_mbps", {"measured_mbps", "mbps", "speed", "measured_speed", "speed_mbps"}},
}};

std::string fold(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        } else if (!out.empty() && out.back() != '_') {
            out.push_back('_');
        }
    }
    while (!out.empty() && out.back() == '_') {
        out.pop_back();
    }
    return out;
}

template <std::size_t N>
std::map<std::string, std::size_t> match_header(const std::vector<std::string>& cells,
                                                const std::array<FieldNames, N>& table) {
    std::map<std::string, std::size_t> found;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        std::string f = fold(cells[i]);
        for (const FieldNames& fn : table) {
            if (found.count(std::string(fn.field)) > 0) {
                continue;
            }
            if (std::find(fn.names.begin(), fn.names.end(), f) != fn.names.end()) {
                found[std::string(fn.field)] = i;
                break;
            }
        }
    }
    return found;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
        s.remove_prefix(1);
    }
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
        s.remove_suffix(1);
    }
    return s;
}

std::optional<ChargeType> parse_charge_type(std::string_view text) {
    std::string f = fold(text);
    for (std::string_view n : {"mrc", "recurring", "monthly", "monthly_recurring", "mrc_charge"}) {
        if (f == n) {
            return ChargeType::kRecurring;
        }
    }
    for (std::string_view n : {"usage", "usg", "toll", "long_distance", "measured_usage"}) {
        if (f == n) {
            return ChargeType::kUsage;
        }
    }
    for (std::string_view n : {"tax", "taxes", "surcharge", "surcharges", "fee", "fees",
                               "taxes_and_surcharges", "taxes_surcharges", "government_fee"}) {
        if (f == n) {
            return ChargeType::kTaxes;
        }
    }
    for (std::string_view n : {"occ", "one_time", "onetime", "nrc", "credit", "adjustment",
                               "other_charges_and_credits", "non_recurring"}) {
        if (f == n) {
            return ChargeType::kOneTime;
        }
    }
    return std::nullopt;
}

std::optional<TestResult> parse_test_result(std::string_view text) {
    std::string f = fold(text);
    if (f == "working" || f == "ok" || f == "good") {
        return TestResult::kWorking;
    }
    if (f == "no_dial_tone" || f == "dead" || f == "no_dialtone") {
        return TestResult::kNoDialTone;
    }
    if (f == "not_found" || f == "missing") {
        return TestResult::kNotFound;
    }
    if (f == "not_in_use" || f == "unused") {
        return TestResult::kNotInUse;
    }
    return std::nullopt;
}

// "(12.34)" is accounting for -12.34.
std::optional<Cents> parse_amount(std::string_view text) {
    text = trim(text);
    bool negative = false;
    if (text.size() >= 2 && text.front() == '(' && text.back() == ')') {
        negative = true;
        text = text.substr(1, text.size() - 2);
    }
    if (text.empty()) {
        return std::nullopt;
    }
    Result<Cents> c = parse_money(text, "amount");
    if (!c) {
        return std::nullopt;
    }
    return negative ? Cents{-c->value} : *c;
}

// "YYYY-MM-DD" or "MM/DD/YYYY".
std::optional<Date> parse_bill_date(std::string_view text) {
    text = trim(text);
    if (text.size() == 10 && text[2] == '/' && text[5] == '/') {
        std::string iso = std::string(text.substr(6, 4)) + "-" + std::string(text.substr(0, 2)) +
                          "-" + std::string(text.substr(3, 2));
        Result<Date> d = parse_date(iso, "date");
        return d ? std::optional<Date>(*d) : std::nullopt;
    }
    Result<Date> d = parse_date(text, "date");
    return d ? std::optional<Date>(*d) : std::nullopt;
}

std::optional<Timestamp> parse_tested_at(std::string_view text) {
    text = trim(text);
    Result<Timestamp> t = parse_timestamp(text, "tested_at");
    if (t) {
        return *t;
    }
    if (text.size() == 16 || text.size() == 19) {  // no zone: read as UTC
        Result<Timestamp> z = parse_timestamp(std::string(text) + "Z", "tested_at");
        if (z) {
            return *z;
        }
    }
    return std::nullopt;
}

std::string field_list(const std::map<std::string, std::size_t>& found) {
    std::string s;
    for (const auto& [k, v] : found) {
        s += s.empty() ? "" : ", ";
        s += k;
    }
    return s;
}

}  // namespace

std::string ImportProblem::message() const {
    std::string m = fmt::format("{} line {}: {}", file, line, reason);
    if (amount) {
        m += fmt::format(" ({})", format_money(*amount));
    }
    if (row_kept) {
        m += "; the row was kept";
    }
    return m;
}

std::string format_mapping(const BillColumnMapping& mapping) {
    std::string s;
    for (const FieldNames& fn : kBillFieldNames) {
        auto it = mapping.columns.find(std::string(fn.field));
        if (it != mapping.columns.end()) {
            s += s.empty() ? "" : ",";
            s += it->first + "=" + it->second;
        }
    }
    return s;
}

Result<BillColumnMapping> parse_mapping(std::string_view text, std::string carrier) {
    BillColumnMapping m{std::move(carrier), {}};
    while (!text.empty()) {
        std::size_t comma = text.find(',');
        std::string_view item = trim(text.substr(0, comma));
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
        if (item.empty()) {
            continue;
        }
        std::size_t eq = item.find('=');
        std::string field = eq == std::string_view::npos ? "" : fold(item.substr(0, eq));
        std::string column =
            eq == std::string_view::npos ? "" : std::string(trim(item.substr(eq + 1)));
        bool known = std::any_of(kBillFieldNames.begin(), kBillFieldNames.end(),
                                 [&](const FieldNames& fn) { return fn.field == field; });
        if (!known || column.empty()) {
            return Error::invalid(
                "bill_columns",
                fmt::format("\"{}\" is not a column mapping. Write field=column pairs such as "
                            "service_number=TN,amount=Charge (fields: account, btn, "
                            "service_number, description, charge_type, quantity, amount, "
                            "period_start, period_end; a column is a header name or a "
                            "1-based position).",
                            item));
        }
        m.columns[field] = column;
    }
    if (m.columns.count("service_number") == 0 || m.columns.count("amount") == 0) {
        return Error::invalid("bill_columns",
                              "A bill column mapping needs at least service_number and amount.");
    }
    return m;
}

std::string service_number_e164(std::string_view text, std::string_view region) {
    text = trim(text);
    int digits = 0;
    for (char c : text) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
            ++digits;
        } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.' && c != '+' &&
                   c != '/') {
            return {};
        }
    }
    if (digits < 10) {
        return {};
    }
    Result<records::PhoneNumber> p = records::normalize_phone(text, region, "service_number");
    return p ? p->e164 : std::string{};
}

std::optional<std::int64_t> parse_quantity_milli(std::string_view text) {
    text = trim(text);
    if (text.empty()) {
        return std::nullopt;
    }
    bool negative = false;
    if (text.front() == '-') {
        negative = true;
        text.remove_prefix(1);
    }
    std::int64_t whole = 0;
    std::int64_t frac = 0;
    int frac_digits = 0;
    bool dot = false;
    bool any = false;
    for (char c : text) {
        if (c == ',' && !dot) {
            continue;
        }
        if (c == '.' && !dot) {
            dot = true;
            continue;
        }
        if (!std::isdigit(static_cast<unsigned char>(c)) || whole > 1'000'000'000'000LL) {
            return std::nullopt;
        }
        any = true;
        if (dot) {
            if (frac_digits < 3) {
                frac = frac * 10 + (c - '0');
                ++frac_digits;
            }
        } else {
            whole = whole * 10 + (c - '0');
        }
    }
    if (!any) {
        return std::nullopt;
    }
    while (frac_digits < 3) {
        frac *= 10;
        ++frac_digits;
    }
    std::int64_t v = whole * 1000 + frac;
    return negative ? -v : v;
}

Result<BillImport> import_bill_csv(std::string_view text, const BillImportOptions& options) {
    BillImport out;
    const std::string& file = options.file_name;
    CsvReader csv(text);
    CsvRecord rec;
    std::map<std::string, std::size_t> columns;  // field -> 0-based index
    bool first = true;
    while (csv.next(rec)) {
        if (first) {
            first = false;
            if (!rec.problem.empty()) {
                return Error::invalid(file, fmt::format("{} line {}: {}; the first row must be "
                                                        "a header or a bill row.",
                                                        file, rec.line, rec.problem));
            }
            std::map<std::string, std::size_t> header = match_header(rec.fields, kBillFieldNames);
            bool is_header = header.count("service_number") > 0 && header.count("amount") > 0;
            if (options.mapping) {
                out.mapping = *options.mapping;
                for (const auto& [field, column] : options.mapping->columns) {
                    bool numeric =
                        !column.empty() && std::all_of(column.begin(), column.end(), [](char c) {
                            return std::isdigit(static_cast<unsigned char>(c));
                        });
                    if (numeric) {
                        std::size_t idx = std::stoul(column);
                        if (idx == 0) {
                            return Error::invalid("bill_columns", "Column positions start at 1.");
                        }
                        columns[field] = idx - 1;
                        continue;
                    }
                    auto it =
                        std::find_if(rec.fields.begin(), rec.fields.end(),
                                     [&](const std::string& c) { return fold(c) == fold(column); });
                    if (it == rec.fields.end()) {
                        return Error::invalid(
                            "bill_columns",
                            fmt::format("{} has no column \"{}\" for {}; its header is: {}.", file,
                                        column, field, fmt::join(rec.fields, ", ")));
                    }
                    columns[field] = static_cast<std::size_t>(it - rec.fields.begin());
                    is_header = true;
                }
                out.header = is_header;
            } else if (is_header) {
                columns = header;
                out.header = true;
                out.mapping.columns.clear();
                for (const auto& [field, idx] : header) {
                    out.mapping.columns[field] = rec.fields[idx];
                }
            } else {
                std::map<std::string, std::size_t> v =
                    match_header(rec.fields, kVerificationFieldNames);
                if (v.count("number") > 0 && v.count("test_result") > 0) {
                    return Error::invalid(
                        file, fmt::format("{} is a verification sheet (its header has {}), not a "
                                          "bill; give it with --verified.",
                                          file, field_list(v)));
                }
                return Error::invalid(
                    file,
                    fmt::format("{} has no bill header I recognise (it needs a service number "
                                "column such as service_number, TN or WTN and an amount column "
                                "such as amount or charge). Give a column mapping, e.g. "
                                "--bill-columns service_number=3,amount=7,charge_type=5.",
                                file));
            }
            if (out.header) {
                continue;
            }
        }
        ++out.rows;
        if (!rec.problem.empty()) {
            out.problems.push_back({file, rec.line, rec.problem, std::nullopt, false});
            continue;
        }
        auto cell = [&](std::string_view field) -> std::optional<std::string_view> {
            auto it = columns.find(std::string(field));
            if (it == columns.end() || it->second >= rec.fields.size()) {
                return std::nullopt;
            }
            return std::string_view(rec.fields[it->second]);
        };
        std::size_t needed = 0;
        for (const auto& [f, idx] : columns) {
            needed = std::max(needed, idx + 1);
        }
        std::optional<Cents> amount;
        if (auto a = cell("amount")) {
            amount = parse_amount(*a);
        }
        if (rec.fields.size() < needed) {
            out.problems.push_back(
                {file, rec.line,
                 fmt::format("expected {} columns, found {}", needed, rec.fields.size()), amount,
                 false});
            continue;
        }
        if (!amount) {
            out.problems.push_back(
                {file, rec.line,
                 fmt::format("the amount \"{}\" is not money", cell("amount").value_or("")),
                 std::nullopt, false});
            continue;
        }
        BillLine line;
        line.source = {file, rec.line};
        line.amount = *amount;
        line.account = std::string(cell("account").value_or(""));
        line.btn = std::string(cell("btn").value_or(""));
        line.service_number = std::string(trim(cell("service_number").value_or("")));
        line.description = std::string(trim(cell("description").value_or("")));
        if (auto t = cell("charge_type")) {
            std::optional<ChargeType> ct = parse_charge_type(*t);
            if (!ct) {
                out.problems.push_back(
                    {file, rec.line,
                     fmt::format("unknown charge type \"{}\" (use MRC, USAGE, TAX or OCC, or "
                                 "recurring, usage, taxes or one_time)",
                                 *t),
                     amount, false});
                continue;
            }
            line.charge_type = *ct;
        }
        if (auto q = cell("quantity"); q && !trim(*q).empty()) {
            std::optional<std::int64_t> milli = parse_quantity_milli(*q);
            if (!milli) {
                out.problems.push_back({file, rec.line,
                                        fmt::format("the quantity \"{}\" is not a number", *q),
                                        amount, false});
                continue;
            }
            line.quantity_milli = *milli;
        }
        line.period_start = options.period_start;
        line.period_end = options.period_end;
        for (auto [field, target] : {std::pair{"period_start", &line.period_start},
                                     std::pair{"period_end", &line.period_end}}) {
            if (auto d = cell(field); d && !trim(*d).empty()) {
                std::optional<Date> date = parse_bill_date(*d);
                if (!date) {
                    out.problems.push_back(
                        {file, rec.line,
                         fmt::format("{} \"{}\" is not a date (use YYYY-MM-DD)", field, *d), amount,
                         false});
                    target = nullptr;
                    break;
                }
                *target = date;
            }
        }
        if (!out.problems.empty() && out.problems.back().line == rec.line &&
            !out.problems.back().row_kept) {
            continue;
        }
        line.e164 = service_number_e164(line.service_number, options.region);
        if (line.e164.empty() && !line.service_number.empty()) {
            int digits = static_cast<int>(
                std::count_if(line.service_number.begin(), line.service_number.end(),
                              [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }));
            bool phone_like =
                std::all_of(line.service_number.begin(), line.service_number.end(), [](char c) {
                    return std::isdigit(static_cast<unsigned char>(c)) || c == ' ' || c == '-' ||
                           c == '(' || c == ')' || c == '.' || c == '+';
                });
            if (phone_like && digits >= 10) {
                out.problems.push_back(
                    {file, rec.line,
                     fmt::format("\"{}\" looks like a phone number but is not a valid one; its "
                                 "charge counts as a service that is not a number",
                                 line.service_number),
                     amount, true});
            }
        }
        out.lines.push_back(std::move(line));
    }
    if (first) {
        return Error::invalid(file, file + " is empty.");
    }
    return out;
}

Result<BillImport> import_bill_file(const std::string& path, BillImportOptions options) {
    std::string text = HOVER_TRY(read_text_file(path, "bill"));
    if (options.file_name == BillImportOptions{}.file_name) {
        options.file_name = path;
    }
    return import_bill_csv(text, options);
}

Result<VerificationImport> import_verification_csv(std::string_view text,
                                                   const VerificationImportOptions& options) {
    VerificationImport out;
    const std::string& file = options.file_name;
    CsvReader csv(text);
    CsvRecord rec;
    if (!csv.next(rec)) {
        return Error::invalid(file, file + " is empty.");
    }
    std::map<std::string, std::size_t> columns = match_header(rec.fields, kVerificationFieldNames);
    if (columns.count("number") == 0 || columns.count("test_result") == 0) {
        std::map<std::string, std::size_t> bill = match_header(rec.fields, kBillFieldNames);
        if (bill.count("amount") > 0) {
            return Error::invalid(file, fmt::format("{} is a bill (its header has {}), not a "
                                                    "verification sheet; give it with --bill.",
                                                    file, field_list(bill)));
        }
        return Error::invalid(
            file,
            fmt::format("{} has no verification header: it needs the columns number and "
                        "test_result (and location, device, tested_at, technician, measured_mbps).",
                        file));
    }
    while (csv.next(rec)) {
        ++out.rows;
        if (!rec.problem.empty()) {
            out.problems.push_back({file, rec.line, rec.problem, std::nullopt, false});
            continue;
        }
        auto cell = [&](std::string_view field) -> std::string_view {
            auto it = columns.find(std::string(field));
            if (it == columns.end() || it->second >= rec.fields.size()) {
                return {};
            }
            return trim(rec.fields[it->second]);
        };
        Verification v;
        v.source = {file, rec.line};
        v.number = std::string(cell("number"));
        // A circuit's measured speed (B4 bandwidth): the row's number may be a circuit id.
        std::optional<double> mbps;
        if (std::string_view m = cell("measured_mbps"); !m.empty()) {
            std::string speed(m);
            char* end = nullptr;
            double value = std::strtod(speed.c_str(), &end);
            if (end != speed.c_str() + speed.size() || !(value >= 0)) {
                out.problems.push_back(
                    {file, rec.line,
                     fmt::format("measured_mbps \"{}\" is not a speed in Mbit/s (like 87.5)", m),
                     std::nullopt, false});
                continue;
            }
            mbps = value;
        }
        Result<records::PhoneNumber> phone =
            records::normalize_phone(v.number, options.region, "number");
        if (mbps && !v.number.empty()) {
            out.bandwidth.push_back({phone ? phone->e164 : v.number, *mbps, {file, rec.line}});
            if (!phone) {
                continue;  // a circuit: its speed is the evidence, there is no line to test
            }
        }
        if (!phone) {
            out.problems.push_back(
                {file, rec.line, phone.error().user_message, std::nullopt, false});
            continue;
        }
        v.e164 = phone->e164;
        std::optional<TestResult> result = parse_test_result(cell("test_result"));
        if (!result) {
            out.problems.push_back(
                {file, rec.line,
                 fmt::format("unknown test result \"{}\" (use working, no_dial_tone, not_found "
                             "or not_in_use)",
                             cell("test_result")),
                 std::nullopt, false});
            continue;
        }
        v.result = *result;
        std::optional<Timestamp> at = parse_tested_at(cell("tested_at"));
        if (!at) {
            out.problems.push_back(
                {file, rec.line,
                 fmt::format("tested_at \"{}\" is not a time (use YYYY-MM-DD HH:MM)",
                             cell("tested_at")),
                 std::nullopt, false});
            continue;
        }
        v.tested_at = *at;
        v.location = std::string(cell("location"));
        v.device = std::string(cell("device"));
        v.technician = std::string(cell("technician"));
        out.results.push_back(std::move(v));
    }
    return out;
}

Result<VerificationImport> import_verification_file(const std::string& path,
                                                    VerificationImportOptions options) {
    std::string text = HOVER_TRY(read_text_file(path, "verification file"));
    if (options.file_name == VerificationImportOptions{}.file_name) {
        options.file_name = path;
    }
    return import_verification_csv(text, options);
}

}  // namespace hover::io
