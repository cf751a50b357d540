#include "http/multipart.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "core/text.hpp"

namespace hover::http {

namespace {

Error bad(std::string message) {
    return Error::invalid("file", std::move(message));
}

Error malformed() {
    return bad(
        "The upload could not be read (the form data is malformed). Choose the file again and "
        "send the form from the page.");
}

bool is_bchar(char c) {
    // RFC 2046: DIGIT / ALPHA / "'" / "(" / ")" / "+" / "_" / "," / "-" / "." / "/" / ":" /
    // "=" / "?" / " " (not last).
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
        return true;
    }
    return std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

// Parameters of a header value: `form-data; name="file"; filename="a.csv"`. Values are tokens
// or quoted strings (with \" and \\ escapes). Returns false on a malformed value.
struct Parameter {
    std::string key;
    std::string value;
};

bool parse_parameters(std::string_view text, std::string& first, std::vector<Parameter>& out) {
    std::size_t semi = text.find(';');
    first = ascii_lower(trim_blanks(text.substr(0, semi)));
    std::size_t i = semi == std::string_view::npos ? text.size() : semi + 1;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) {
            ++i;
        }
        std::size_t eq = text.find('=', i);
        if (eq == std::string_view::npos) {
            return trim_blanks(text.substr(i)).empty();
        }
        Parameter p;
        p.key = ascii_lower(trim_blanks(text.substr(i, eq - i)));
        if (p.key.empty()) {
            return false;
        }
        i = eq + 1;
        if (i < text.size() && text[i] == '"') {
            ++i;
            bool closed = false;
            while (i < text.size()) {
                char c = text[i++];
                if (c == '\\' && i < text.size()) {
                    p.value += text[i++];
                } else if (c == '"') {
                    closed = true;
                    break;
                } else {
                    p.value += c;
                }
            }
            if (!closed) {
                return false;
            }
            while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) {
                ++i;
            }
            if (i < text.size() && text[i] != ';') {
                return false;
            }
        } else {
            std::size_t end = text.find(';', i);
            p.value = std::string(
                trim_blanks(text.substr(i, end == std::string_view::npos ? end : end - i)));
            i = end == std::string_view::npos ? text.size() : end;
        }
        if (i < text.size() && text[i] == ';') {
            ++i;
        }
        out.push_back(std::move(p));
    }
    return true;
}

bool has_control(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && c != '\t') || u == 0x7f;
    });
}

// Reads the headers of one part (up to the blank line) into `part`.
Result<Ok> read_headers(std::string_view headers, MultipartPart& part) {
    bool disposition = false;
    std::size_t start = 0;
    while (start < headers.size()) {
        std::size_t end = headers.find("\r\n", start);
        std::string_view line =
            headers.substr(start, end == std::string_view::npos ? end : end - start);
        start = end == std::string_view::npos ? headers.size() : end + 2;
        std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0 || has_control(line)) {
            return malformed();
        }
        std::string key = ascii_lower(trim_blanks(line.substr(0, colon)));
        std::string_view value = trim_blanks(line.substr(colon + 1));
        if (key == "content-disposition") {
            if (disposition) {
                return malformed();
            }
            disposition = true;
            std::string type;
            std::vector<Parameter> params;
            if (!parse_parameters(value, type, params) || type != "form-data") {
                return malformed();
            }
            bool named = false;
            for (const auto& p : params) {
                if (p.key == "name") {
                    part.name = p.value;
                    named = true;
                } else if (p.key == "filename") {
                    part.is_file = true;
                    std::string_view f = p.value;
                    std::size_t slash = f.find_last_of("/\\");
                    if (slash != std::string_view::npos) {
                        f.remove_prefix(slash + 1);
                    }
                    part.file_name = std::string(f);
                } else if (p.key == "filename*") {
                    return bad(
                        "The file name is sent in an encoding Hover does not read. Rename the "
                        "file to plain letters and digits and upload it again.");
                }
            }
            if (!named || part.name.empty() || has_control(part.file_name)) {
                return malformed();
            }
        } else if (key == "content-type") {
            part.content_type = std::string(value);
        }
    }
    if (!disposition) {
        return malformed();
    }
    return Ok{};
}

}  // namespace

Result<std::string> multipart_boundary(std::string_view content_type) {
    std::string type;
    std::vector<Parameter> params;
    if (!parse_parameters(content_type, type, params) || type != "multipart/form-data") {
        return bad("Send the file with the page's upload form (multipart/form-data).");
    }
    for (const auto& p : params) {
        if (p.key != "boundary") {
            continue;
        }
        const std::string& b = p.value;
        if (b.empty() || b.size() > 70 || b.back() == ' ' ||
            !std::all_of(b.begin(), b.end(), is_bchar)) {
            return malformed();
        }
        return b;
    }
    return malformed();
}

Result<std::vector<MultipartPart>> parse_multipart(std::string_view body,
                                                   std::string_view boundary,
                                                   std::size_t max_parts) {
    std::string opening = "--" + std::string(boundary);
    std::string delimiter = "\r\n" + opening;
    if (body.substr(0, opening.size()) != opening) {
        return malformed();
    }
    std::size_t pos = opening.size();
    std::vector<MultipartPart> parts;
    for (;;) {
        // After a delimiter: "--" closes the body, CRLF starts a part.
        std::string_view rest = body.substr(pos);
        if (rest.substr(0, 2) == "--") {
            rest.remove_prefix(2);
            if (!rest.empty() && rest != "\r\n") {
                return malformed();
            }
            return parts;
        }
        if (rest.substr(0, 2) != "\r\n") {
            return malformed();
        }
        pos += 2;
        if (parts.size() == max_parts) {
            return bad(
                fmt::format("The form has more than {} fields. Send it from the page.", max_parts));
        }
        std::size_t header_end = body.find("\r\n\r\n", pos);
        std::size_t headers_size =
            header_end == std::string_view::npos ? body.size() - pos : header_end - pos;
        if (headers_size > kMaxHeaderBytes) {
            return malformed();
        }
        if (header_end == std::string_view::npos) {
            return malformed();
        }
        MultipartPart part;
        HOVER_TRY(read_headers(body.substr(pos, header_end - pos), part));
        pos = header_end + 4;
        std::size_t end = body.find(delimiter, pos);
        if (end == std::string_view::npos) {
            return bad(
                "The upload was cut short (the end of the form is missing). Send the form "
                "again.");
        }
        part.body = body.substr(pos, end - pos);
        parts.push_back(std::move(part));
        pos = end + delimiter.size();
    }
}

const MultipartPart* find_part(const std::vector<MultipartPart>& parts, std::string_view name) {
    for (const auto& p : parts) {
        if (p.name == name) {
            return &p;
        }
    }
    return nullptr;
}

}  // namespace hover::http
