#include "io/vcard/vcard.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include <fmt/format.h>

#include "core/text.hpp"
#include "io/csv/csv_reader.hpp"

namespace hover::vcard {
namespace {

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::string trim(std::string_view s) {
    std::size_t b = 0;
    std::size_t e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t')) {
        ++b;
    }
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) {
        --e;
    }
    return std::string(s.substr(b, e - b));
}

struct PhysicalLine {
    std::string_view text;
    std::int64_t number = 0;
};

std::vector<PhysicalLine> split_lines(std::string_view text) {
    std::vector<PhysicalLine> lines;
    std::int64_t number = 1;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' || text[i] == '\n') {
            lines.push_back({text.substr(start, i - start), number++});
            if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
            start = i + 1;
        }
    }
    if (start < text.size()) {
        lines.push_back({text.substr(start), number});
    }
    return lines;
}

// The name-and-parameters part of a content line: up to the first ':' outside quotes.
std::size_t value_colon(std::string_view line) {
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '"') {
            quoted = !quoted;
        } else if (line[i] == ':' && !quoted) {
            return i;
        }
    }
    return std::string_view::npos;
}

bool head_mentions(std::string_view line, std::string_view word) {
    std::size_t colon = value_colon(line);
    std::string head = upper(line.substr(0, colon));
    return head.find(word) != std::string::npos;
}

bool is_base64_text(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=' ||
               c == ' ' || c == '\t';
    });
}

// RFC 6868: ^n newline, ^^ caret, ^' double quote.
std::string caret_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '^' && i + 1 < s.size()) {
            char n = s[i + 1];
            if (n == 'n' || n == 'N') {
                out.push_back('\n');
                ++i;
                continue;
            }
            if (n == '^') {
                out.push_back('^');
                ++i;
                continue;
            }
            if (n == '\'') {
                out.push_back('"');
                ++i;
                continue;
            }
        }
        out.push_back(s[i]);
    }
    return out;
}

// Splits on `sep` outside double quotes.
std::vector<std::string_view> split_outside_quotes(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    bool quoted = false;
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '"') {
            quoted = !quoted;
        } else if (s[i] == sep && !quoted) {
            parts.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    parts.push_back(s.substr(start));
    return parts;
}

std::string unquote(std::string_view s) {
    std::string t = trim(s);
    if (t.size() >= 2 && t.front() == '"' && t.back() == '"') {
        t = t.substr(1, t.size() - 2);
    }
    return caret_decode(t);
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

std::string decode_quoted_printable(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '=' && i + 2 < s.size()) {
            int hi = hex_value(s[i + 1]);
            int lo = hex_value(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out.push_back(static_cast<char>(hi * 16 + lo));
                i += 2;
                continue;
            }
        }
        if (s[i] == '=' && i + 1 == s.size()) {
            break;  // a soft break at the very end
        }
        out.push_back(s[i]);
    }
    return out;
}

// Windows-1252 0x80-0x9F to Unicode; 0 where undefined.
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::string latin1_to_utf8(std::string_view s) {
    std::string out;
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        if (c >= 0x80 && c < 0xA0) {
            char16_t mapped = kCp1252High[c - 0x80];
            append_utf8(out, mapped != 0 ? mapped : 0xFFFD);
        } else {
            append_utf8(out, c);
        }
    }
    return out;
}

// Parses one logical (unfolded) content line.
Result<Property> parse_line(std::string_view line,
                            std::int64_t number,
                            std::string_view file_name) {
    std::size_t colon = value_colon(line);
    if (colon == std::string_view::npos || colon == 0) {
        return Error::invalid(fmt::format("{} line {}", file_name, number),
                              "This line is not a vCard property (NAME:value). Check that the "
                              "file was not cut or edited by hand.");
    }
    Property p;
    p.line = number;
    auto head = split_outside_quotes(line.substr(0, colon), ';');
    std::string name = trim(head[0]);
    if (auto dot = name.rfind('.'); dot != std::string::npos) {
        p.group = name.substr(0, dot);
        name = name.substr(dot + 1);
    }
    p.name = upper(name);
    for (std::size_t i = 1; i < head.size(); ++i) {
        std::string_view raw = head[i];
        if (trim(raw).empty()) {
            continue;
        }
        Param param;
        std::size_t eq = raw.find('=');
        std::string value_text;
        if (eq == std::string_view::npos) {
            param.name = "TYPE";  // vCard 2.1 bare parameter: TEL;WORK;VOICE
            value_text = trim(raw);
        } else {
            param.name = upper(trim(raw.substr(0, eq)));
            value_text = std::string(raw.substr(eq + 1));
        }
        for (auto v : split_outside_quotes(value_text, ',')) {
            std::string u = unquote(v);
            if (param.name == "TYPE") {
                // TYPE="work,voice": a quoted list.
                for (auto inner : split_outside_quotes(u, ',')) {
                    if (!trim(inner).empty()) {
                        param.values.push_back(trim(inner));
                    }
                }
            } else {
                param.values.push_back(std::move(u));
            }
        }
        // Bare 2.1 encodings: TEL;QUOTED-PRINTABLE, PHOTO;BASE64.
        if (param.name == "TYPE" && param.values.size() == 1) {
            std::string v = upper(param.values[0]);
            if (v == "QUOTED-PRINTABLE" || v == "BASE64" || v == "8BIT" || v == "7BIT") {
                param.name = "ENCODING";
            }
        }
        p.params.push_back(std::move(param));
    }
    std::string value(line.substr(colon + 1));
    std::string encoding = upper(p.param("ENCODING"));
    if (encoding == "QUOTED-PRINTABLE") {
        value = decode_quoted_printable(value);
    } else if (encoding == "BASE64" || encoding == "B") {
        p.binary = true;
        value.clear();
    }
    if (upper(p.param("VALUE")) == "BINARY") {
        p.binary = true;
        value.clear();
    }
    if (p.name == "PHOTO" || p.name == "LOGO" || p.name == "SOUND" || p.name == "KEY") {
        // Also data: URIs; nothing of these is imported.
        if (value.rfind("data:", 0) == 0) {
            value.clear();
        }
        p.binary = p.binary || value.empty();
    }
    std::string charset = upper(p.param("CHARSET"));
    if (!charset.empty() && charset != "UTF-8" && charset != "US-ASCII" && charset != "ASCII") {
        value = latin1_to_utf8(value);  // ISO-8859-1 and Windows-1252, the ones seen in the wild
    } else if (!csv::is_valid_utf8(value)) {
        // No charset, and not UTF-8: old 2.1 exporters wrote Windows-1252.
        value = latin1_to_utf8(value);
    }
    p.value = std::move(value);
    return p;
}

std::string strip_apple_label(std::string label) {
    // Apple writes built-in labels as _$!<Mobile>!$_.
    if (label.rfind("_$!<", 0) == 0 && label.size() > 8 &&
        label.compare(label.size() - 4, 4, ">!$_") == 0) {
        return label.substr(4, label.size() - 8);
    }
    return label;
}

// The first TYPE that tells the user something, as a label.
std::string label_from_types(const std::vector<std::string>& types) {
    static constexpr std::pair<std::string_view, std::string_view> kLabels[] = {
        {"cell", "mobile"}, {"mobile", "mobile"}, {"iphone", "mobile"}, {"work", "work"},
        {"home", "home"},   {"main", "main"},     {"fax", "fax"},       {"pager", "pager"},
        {"car", "car"},     {"isdn", "isdn"},     {"video", "video"},   {"textphone", "text"},
        {"text", "text"},   {"msg", "message"},   {"other", "other"},
    };
    std::string label;
    for (const auto& [type, name] : kLabels) {
        if (std::find(types.begin(), types.end(), type) != types.end()) {
            if (name == "fax" && !label.empty()) {
                return label + " fax";  // TYPE=HOME;TYPE=FAX
            }
            if (label.empty()) {
                label = name;
            }
        }
    }
    return label;
}

std::string tel_value(std::string_view raw) {
    std::string v = trim(raw);
    if (v.size() > 4 && iequals(v.substr(0, 4), "tel:")) {
        v = v.substr(4);
        std::string number;
        std::string ext;
        auto parts = split_outside_quotes(v, ';');
        number = std::string(parts[0]);
        for (std::size_t i = 1; i < parts.size(); ++i) {
            if (parts[i].size() > 4 && iequals(parts[i].substr(0, 4), "ext=")) {
                ext = std::string(parts[i].substr(4));
            }
        }
        return ext.empty() ? number : number + " x" + ext;
    }
    return unescape(v);
}

}  // namespace

std::vector<std::string> Property::types() const {
    std::vector<std::string> out;
    for (const auto& p : params) {
        if (p.name != "TYPE") {
            continue;
        }
        for (const auto& v : p.values) {
            std::string l = ascii_lower(v);
            if (std::find(out.begin(), out.end(), l) == out.end()) {
                out.push_back(std::move(l));
            }
        }
    }
    return out;
}

bool Property::has_param(std::string_view wanted) const {
    return std::any_of(params.begin(), params.end(),
                       [&](const Param& p) { return p.name == wanted; });
}

std::string Property::param(std::string_view wanted) const {
    for (const auto& p : params) {
        if (p.name == wanted && !p.values.empty()) {
            return p.values[0];
        }
    }
    return {};
}

std::string unescape(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) {
            char n = value[++i];
            if (n == 'n' || n == 'N') {
                out.push_back('\n');
            } else {
                out.push_back(n);  // \, \; \\ \: and anything else: the character itself
            }
        } else {
            out.push_back(value[i]);
        }
    }
    return out;
}

namespace {
// Splits on unescaped `sep`, leaving escapes in place.
std::vector<std::string_view> split_raw(std::string_view value, char sep) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '\\') {
            ++i;
        } else if (value[i] == sep) {
            parts.push_back(value.substr(start, i - start));
            start = i + 1;
        }
    }
    parts.push_back(value.substr(std::min(start, value.size())));
    return parts;
}
}  // namespace

std::vector<std::string> split_structured(std::string_view value, char sep) {
    std::vector<std::string> parts;
    for (auto raw : split_raw(value, sep)) {
        parts.push_back(trim(unescape(raw)));
    }
    return parts;
}

Result<std::vector<Card>> parse(std::string_view text, std::string_view file_name) {
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);
    }
    if (text.find('\0') != std::string_view::npos) {
        return Error::invalid(std::string(file_name),
                              fmt::format("{} is not a vCard file: it holds binary data. Export "
                                          "the contacts again as vCard (.vcf).",
                                          file_name));
    }
    std::vector<PhysicalLine> physical = split_lines(text);
    // Unfold: a line starting with a space or tab continues the previous one; a quoted-printable
    // line ending in '=' continues on the next line; a 2.1 base64 block runs to a blank line.
    struct Logical {
        std::string text;
        std::int64_t number;
    };
    std::vector<Logical> logical;
    for (std::size_t i = 0; i < physical.size(); ++i) {
        std::string_view t = physical[i].text;
        if (!t.empty() && (t[0] == ' ' || t[0] == '\t') && !logical.empty()) {
            logical.back().text.append(t.substr(1));
            continue;
        }
        if (trim(t).empty()) {
            continue;
        }
        Logical l{std::string(t), physical[i].number};
        bool qp = head_mentions(l.text, "QUOTED-PRINTABLE");
        while (qp && !l.text.empty() && l.text.back() == '=' && i + 1 < physical.size()) {
            l.text.pop_back();
            l.text.append(physical[++i].text);
        }
        bool base64 = head_mentions(l.text, "BASE64");
        if (base64) {
            while (i + 1 < physical.size() && is_base64_text(physical[i + 1].text)) {
                ++i;  // 2.1: the block's lines, unindented, until a blank line
            }
        }
        logical.push_back(std::move(l));
    }
    std::vector<Card> cards;
    bool in_card = false;
    bool seen_begin = false;
    for (const auto& l : logical) {
        std::size_t colon = value_colon(l.text);
        std::string name =
            colon == std::string::npos ? upper(trim(l.text)) : upper(trim(l.text.substr(0, colon)));
        std::string value =
            colon == std::string::npos ? std::string() : upper(trim(l.text.substr(colon + 1)));
        if (name == "BEGIN" && value == "VCARD") {
            if (in_card) {
                return Error::invalid(
                    fmt::format("{} line {}", file_name, l.number),
                    fmt::format("A new card begins before the card of line {} ends (END:VCARD "
                                "is missing). Export the contacts again.",
                                cards.back().line));
            }
            in_card = true;
            seen_begin = true;
            cards.push_back(Card{});
            cards.back().line = l.number;
            continue;
        }
        if (!in_card) {
            if (!seen_begin) {
                return Error::invalid(std::string(file_name),
                                      fmt::format("{} is not a vCard file: it does not start "
                                                  "with BEGIN:VCARD. Export the contacts as "
                                                  "vCard (.vcf).",
                                                  file_name));
            }
            continue;  // text between cards
        }
        if (name == "END" && value == "VCARD") {
            in_card = false;
            continue;
        }
        // Nested cards (AGENT) would need more; their lines are kept as properties and ignored.
        Property p = HOVER_TRY(parse_line(l.text, l.number, file_name));
        if (!csv::is_valid_utf8(p.value)) {
            return Error::invalid(fmt::format("{} line {}", file_name, l.number),
                                  "This value is not valid UTF-8 text. Export the contacts "
                                  "again as UTF-8.");
        }
        if (p.name == "VERSION") {
            cards.back().version = trim(p.value);
        }
        cards.back().properties.push_back(std::move(p));
    }
    if (in_card) {
        return Error::invalid(fmt::format("{} line {}", file_name, cards.back().line),
                              "This card has no END:VCARD: the file was probably cut short. "
                              "Export the contacts again.");
    }
    if (!seen_begin) {
        return Error::invalid(std::string(file_name),
                              fmt::format("{} holds no contacts (no BEGIN:VCARD).", file_name));
    }
    return cards;
}

Person to_person(const Card& card) {
    Person person;
    person.line = card.line;
    auto group_label = [&](const Property& p) -> std::string {
        if (p.group.empty()) {
            return {};
        }
        for (const auto& q : card.properties) {
            if (q.group == p.group && q.name == "X-ABLABEL") {
                return strip_apple_label(trim(unescape(q.value)));
            }
        }
        return {};
    };
    auto preferred = [](const Property& p) {
        auto types = p.types();
        return std::find(types.begin(), types.end(), "pref") != types.end() ||
               p.param("PREF") == "1";
    };
    for (const auto& p : card.properties) {
        if (p.binary) {
            continue;
        }
        if (p.name == "FN") {
            person.formatted_name = trim(unescape(p.value));
        } else if (p.name == "N") {
            auto parts = split_structured(p.value);
            parts.resize(5);
            person.family_name = parts[0];
            person.given_name = parts[1];
            auto raw = split_raw(p.value, ';');
            if (raw.size() > 2) {
                // Additional names are a comma list; an escaped comma belongs to a name.
                for (auto name : split_raw(raw[2], ',')) {
                    std::string n = trim(unescape(name));
                    if (!n.empty()) {
                        person.given_name += person.given_name.empty() ? n : " " + n;
                    }
                }
            }
            person.prefix = parts[3];
            person.suffix = parts[4];
        } else if (p.name == "ORG") {
            person.organisation = split_structured(p.value)[0];
        } else if (p.name == "TITLE") {
            person.title = trim(unescape(p.value));
        } else if (p.name == "ROLE" && person.title.empty()) {
            person.title = trim(unescape(p.value));
        } else if (p.name == "NOTE") {
            person.note = trim(unescape(p.value));
        } else if (p.name == "BDAY") {
            person.birthday = trim(p.value);
        } else if (p.name == "TEL") {
            Labelled t;
            t.value = tel_value(p.value);
            t.label = group_label(p);
            if (t.label.empty()) {
                t.label = label_from_types(p.types());
            }
            t.preferred = preferred(p);
            if (!trim(t.value).empty()) {
                person.phones.push_back(std::move(t));
            }
        } else if (p.name == "EMAIL") {
            Labelled e;
            e.value = trim(unescape(p.value));
            if (e.value.size() > 7 && iequals(e.value.substr(0, 7), "mailto:")) {
                e.value = e.value.substr(7);
            }
            e.label = group_label(p);
            if (e.label.empty()) {
                e.label = label_from_types(p.types());
            }
            e.preferred = preferred(p);
            if (!e.value.empty()) {
                person.emails.push_back(std::move(e));
            }
        }
    }
    return person;
}

std::string escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case ',':
                out += "\\,";
                break;
            case ';':
                out += "\\;";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                break;
            default:
                out.push_back(c);
        }
    }
    return out;
}

std::string fold(std::string_view line) {
    std::string out;
    std::size_t limit = 75;  // the first line; continuation lines carry a leading space
    while (line.size() > limit) {
        std::size_t cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) {
            --cut;  // never inside a UTF-8 sequence
        }
        out.append(line.substr(0, cut));
        out += "\r\n ";
        line.remove_prefix(cut);
        limit = 74;
    }
    out.append(line);
    return out;
}

std::string write_vcard4(const Person& person) {
    std::string out;
    auto add = [&](std::string_view line) {
        out += fold(line);
        out += "\r\n";
    };
    add("BEGIN:VCARD");
    add("VERSION:4.0");
    std::string fn = person.formatted_name;
    if (fn.empty()) {
        fn = person.given_name.empty()
                 ? person.family_name
                 : person.given_name + (person.family_name.empty() ? "" : " " + person.family_name);
    }
    add("FN:" + escape(fn));
    add(fmt::format("N:{};{};;{};{}", escape(person.family_name), escape(person.given_name),
                    escape(person.prefix), escape(person.suffix)));
    if (!person.organisation.empty()) {
        add("ORG:" + escape(person.organisation));
    }
    if (!person.title.empty()) {
        add("TITLE:" + escape(person.title));
    }
    int item = 0;
    auto type_of = [](std::string_view label) -> std::string {
        std::string l = ascii_lower(label);
        if (l == "mobile" || l == "cell") {
            return "cell";
        }
        if (l == "work" || l == "home" || l == "fax" || l == "pager" || l == "text" ||
            l == "video" || l == "voice") {
            return l;
        }
        if (l == "main") {
            return "voice";
        }
        return {};
    };
    for (const auto& phone : person.phones) {
        std::string type = type_of(phone.label);
        std::string pref = phone.preferred ? ";PREF=1" : "";
        if (!phone.label.empty() && type.empty()) {
            ++item;
            add(fmt::format("item{}.TEL;VALUE=uri{}:tel:{}", item, pref, phone.value));
            add(fmt::format("item{}.X-ABLabel:{}", item, escape(phone.label)));
        } else if (type.empty()) {
            add(fmt::format("TEL;VALUE=uri{}:tel:{}", pref, phone.value));
        } else {
            add(fmt::format("TEL;VALUE=uri;TYPE={}{}:tel:{}", type, pref, phone.value));
        }
    }
    for (const auto& email : person.emails) {
        std::string l = ascii_lower(email.label);
        std::string pref = email.preferred ? ";PREF=1" : "";
        if (l == "work" || l == "home") {
            add(fmt::format("EMAIL;TYPE={}{}:{}", l, pref, escape(email.value)));
        } else if (!email.label.empty()) {
            ++item;
            add(fmt::format("item{}.EMAIL{}:{}", item, pref, escape(email.value)));
            add(fmt::format("item{}.X-ABLabel:{}", item, escape(email.label)));
        } else {
            add(fmt::format("EMAIL{}:{}", pref, escape(email.value)));
        }
    }
    if (!person.birthday.empty()) {
        add("BDAY:" + person.birthday);
    }
    if (!person.note.empty()) {
        add("NOTE:" + escape(person.note));
    }
    add("END:VCARD");
    return out;
}

}  // namespace hover::vcard
