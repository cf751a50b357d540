// File: http/multipart.hpp
//
// A small, strict reader of `multipart/form-data` bodies (RFC 7578), for file uploads (the web
// import page). It works on a body the server has already read and limited (kMaxImportBytes), and
// refuses anything a browser does not send rather than guessing:
//   - the boundary: 1 to 70 characters of RFC 2046's bchars, quoted or not;
//   - no preamble: the body starts with "--boundary" CRLF; lines end with CRLF;
//   - each part: at most kMaxHeaderBytes of headers, a `Content-Disposition: form-data` with a
//     `name` (and optionally `filename`, reduced to its last path component), optionally a
//     `Content-Type`; other headers are ignored; no control characters in header values;
//   - at most `max_parts` parts; the closing "--boundary--" must be there, followed by nothing
//     but an optional CRLF.
// Part bodies are views into `body` (no copy): keep the body alive while using them.
//
// Errors are kInvalidInput with field "file" and a message that says what to do.
//
// Example:
//   auto boundary = HOVER_TRY(multipart_boundary(request.header("Content-Type")));
//   auto parts = HOVER_TRY(parse_multipart(request.body, boundary));
//   if (const MultipartPart* file = find_part(parts, "file")) { ... file->body ... }
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace hover::http {

struct MultipartPart {
    std::string name;          // the form field's name
    std::string file_name;     // "" for a plain field; the last path component of an upload
    bool is_file = false;      // the part had a filename parameter (even an empty one)
    std::string content_type;  // as sent, "" when absent
    std::string_view body;     // the bytes, a view into the request body
};

inline constexpr std::size_t kMaxMultipartParts = 32;
inline constexpr std::size_t kMaxHeaderBytes = 4096;

// The boundary parameter of a `multipart/form-data` Content-Type.
Result<std::string> multipart_boundary(std::string_view content_type);

Result<std::vector<MultipartPart>> parse_multipart(std::string_view body,
                                                   std::string_view boundary,
                                                   std::size_t max_parts = kMaxMultipartParts);

// The first part with that name, or nullptr.
const MultipartPart* find_part(const std::vector<MultipartPart>& parts, std::string_view name);

}  // namespace hover::http
