// REQ: R8 (uploading a file to import from the web app), P4 (hostile input is refused)
#include "http/multipart.hpp"

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http/pipeline.hpp"

namespace hover::http {
namespace {

using ::testing::HasSubstr;

constexpr std::string_view kBoundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

std::string part(std::string_view headers, std::string_view body) {
    return "--" + std::string(kBoundary) + "\r\n" + std::string(headers) + "\r\n\r\n" +
           std::string(body) + "\r\n";
}

std::string close() {
    return "--" + std::string(kBoundary) + "--\r\n";
}

TEST(Multipart, ReadsTheBoundaryOfAFormDataContentType) {
    EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=" + std::string(kBoundary)).value(),
              kBoundary);
    EXPECT_EQ(multipart_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b'c\"").value(),
              "a b'c");
    EXPECT_FALSE(multipart_boundary("application/x-www-form-urlencoded"));
    EXPECT_FALSE(multipart_boundary("multipart/form-data"));
    EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary="));
    EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'a')));
    EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=\"ab\"cd"));
    EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=a<b"));
}

TEST(Multipart, ReadsFieldsAndAFileAsABrowserSendsThem) {
    std::string csv = "first_name,mobile\r\nDana,(405) 555-0142\r\n";
    std::string body = part("Content-Disposition: form-data; name=\"csrf\"", "tok123") +
                       part(
                           "Content-Disposition: form-data; name=\"file\"; "
                           "filename=\"C:\\\\Users\\\\dana\\\\contacts.csv\"\r\n"
                           "Content-Type: text/csv",
                           csv) +
                       part("content-disposition: form-data; name=\"kind\"", "contacts") + close();
    auto parts = parse_multipart(body, kBoundary);
    ASSERT_TRUE(parts) << parts.error().user_message;
    ASSERT_EQ(parts->size(), 3u);
    EXPECT_EQ((*parts)[0].name, "csrf");
    EXPECT_EQ((*parts)[0].body, "tok123");
    EXPECT_FALSE((*parts)[0].is_file);
    const MultipartPart* file = find_part(*parts, "file");
    ASSERT_NE(file, nullptr);
    EXPECT_TRUE(file->is_file);
    EXPECT_EQ(file->file_name, "contacts.csv");  // the path is dropped
    EXPECT_EQ(file->content_type, "text/csv");
    EXPECT_EQ(file->body, csv);  // CRLFs inside the file are kept
    EXPECT_EQ(find_part(*parts, "kind")->body, "contacts");
    EXPECT_EQ(find_part(*parts, "missing"), nullptr);
}

TEST(Multipart, AnEmptyFileInputAndAnEmptyFormAreFine) {
    std::string body = part(
                           "Content-Disposition: form-data; name=\"file\"; filename=\"\"\r\n"
                           "Content-Type: application/octet-stream",
                           "") +
                       close();
    auto parts = parse_multipart(body, kBoundary);
    ASSERT_TRUE(parts);
    ASSERT_EQ(parts->size(), 1u);
    EXPECT_TRUE((*parts)[0].is_file);
    EXPECT_EQ((*parts)[0].file_name, "");
    EXPECT_EQ((*parts)[0].body, "");
    EXPECT_TRUE(parse_multipart(close(), kBoundary).value().empty());
}

TEST(Multipart, MalformedBodiesAreRefusedWithAMessage) {
    std::string good = part("Content-Disposition: form-data; name=\"a\"", "1");
    const std::string cases[] = {
        "",                                                   // nothing
        "preamble\r\n" + good + close(),                      // a preamble
        good,                                                 // no closing delimiter
        good + "--" + std::string(kBoundary) + "--trailing",  // an epilogue
        part("Content-Type: text/plain", "x") + close(),      // no Content-Disposition
        part("Content-Disposition: attachment; name=\"a\"", "x") + close(),
        part("Content-Disposition: form-data", "x") + close(),  // no name
        part("Content-Disposition: form-data; name=\"\"", "x") + close(),
        part("Content-Disposition: form-data; name=\"a", "x") + close(),  // unclosed quote
        part("Content-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; "
             "name=\"b\"",
             "x") +
            close(),  // two dispositions
        part("Content-Disposition: form-data; name=\"a\"\r\nX-Bad\x01: 1", "x") + close(),
        part("no colon here", "x") + close(),
        part("Content-Disposition: form-data; name=\"f\"; filename=\"a\x07.csv\"", "x") +
            close(),  // control character
        "--" + std::string(kBoundary) +
            "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
            "cut short",  // the body ends mid-part
    };
    for (const auto& body : cases) {
        auto parts = parse_multipart(body, kBoundary);
        ASSERT_FALSE(parts) << body;
        EXPECT_EQ(parts.error().code, ErrorCode::kInvalidInput);
        EXPECT_EQ(parts.error().field, "file");
        EXPECT_FALSE(parts.error().user_message.empty());
    }
    auto cut = parse_multipart(cases[13], kBoundary);
    EXPECT_THAT(cut.error().user_message, HasSubstr("cut short"));
}

TEST(Multipart, HostileBodiesAreRefusedQuickly) {
    // Too many parts.
    std::string many;
    for (int i = 0; i < 40; ++i) {
        many += part("Content-Disposition: form-data; name=\"f" + std::to_string(i) + "\"", "x");
    }
    auto too_many = parse_multipart(many + close(), kBoundary);
    ASSERT_FALSE(too_many);
    EXPECT_THAT(too_many.error().user_message, HasSubstr("more than 32 fields"));
    EXPECT_TRUE(parse_multipart(many + close(), kBoundary, 40));

    // Oversized headers (a part whose header block never ends, the size of the body limit).
    std::string huge = "--" + std::string(kBoundary) +
                       "\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: " +
                       std::string(kMaxBodyBytes, 'p');
    EXPECT_FALSE(parse_multipart(huge, kBoundary));
    std::string long_header = part("Content-Disposition: form-data; name=\"a\"\r\nX-Pad: " +
                                       std::string(kMaxHeaderBytes, 'p'),
                                   "x") +
                              close();
    EXPECT_FALSE(parse_multipart(long_header, kBoundary));

    // A body of the maximum size full of near-boundaries: refused, and fast (linear scan).
    std::string near = "--" + std::string(kBoundary) +
                       "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\""
                       "\r\n\r\n";
    while (near.size() < kMaxBodyBytes) {
        near += "\r\n--" + std::string(kBoundary.substr(0, kBoundary.size() - 1)) + "X";
    }
    EXPECT_FALSE(parse_multipart(near, kBoundary));

    // Bytes the boundary would not allow do not confuse it: a NUL inside the file is data.
    std::string nul = part("Content-Disposition: form-data; name=\"file\"; filename=\"b.bin\"",
                           std::string("a\0b", 3)) +
                      close();
    auto parts = parse_multipart(nul, kBoundary);
    ASSERT_TRUE(parts);
    EXPECT_EQ((*parts)[0].body.size(), 3u);
}

}  // namespace
}  // namespace hover::http
