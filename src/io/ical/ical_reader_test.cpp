// The calendar feed read back by two independent parsers (libical through io/ical's reader, and
// Debian's python3-icalendar), and every real-world fixture through the reader. DESIGN.md F5.
#include "io/ical/ical_reader.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "io/ical/calendar_feed_ical.hpp"
#include "io/ical/ical_feed_sample.hpp"
#include "io/ical/ical_writer.hpp"
#include "support/test_files.hpp"

namespace hover::ical {
namespace {

using ::testing::HasSubstr;

bool in_ci() {
    const char* ci = std::getenv("CI");
    return ci != nullptr && std::string_view(ci) == "true";
}

using hover::testing::slurp;

std::string value_of(const ReadComponent& c, std::string_view property) {
    const ReadProperty* p = c.find(property);
    return p != nullptr ? p->value : std::string("<missing ") + std::string(property) + ">";
}

const ReadComponent* by_uid(const ReadComponent& calendar, const std::string& uid) {
    for (const auto& child : calendar.children) {
        if (value_of(child, "UID") == uid) {
            return &child;
        }
    }
    return nullptr;
}

// REQ: F5 (every component and every property value round-trips through libical)
TEST(IcalRead, LibicalReadsBackEveryComponentAndValueOfTheFeed) {
    calendar::FeedContent content = sample_feed();
    auto parsed = read(write_feed(content), "feed.ics");
    ASSERT_TRUE(parsed) << parsed.error().user_message;
    EXPECT_EQ(parsed->errors, 0);
    ASSERT_EQ(parsed->components.size(), 1u);
    const ReadComponent& cal = parsed->components[0];
    EXPECT_EQ(cal.name, "VCALENDAR");
    EXPECT_EQ(value_of(cal, "VERSION"), "2.0");
    EXPECT_EQ(value_of(cal, "PRODID"), kProductId);
    EXPECT_EQ(value_of(cal, "CALSCALE"), "GREGORIAN");
    EXPECT_EQ(value_of(cal, "X-WR-CALNAME"), "Hover: Pat Doe (Cedar Telecom)");
    EXPECT_EQ(cal.count("VTODO"), 2);
    EXPECT_EQ(cal.count("VEVENT"), 3);
    ASSERT_EQ(cal.children.size(), 5u);

    for (const auto& t : content.todos) {
        std::string uid = "followup-" + std::to_string(t.followup_id) + "@cedar-telecom.hover";
        const ReadComponent* c = by_uid(cal, uid);
        ASSERT_NE(c, nullptr) << uid;
        EXPECT_EQ(c->name, "VTODO");
        EXPECT_EQ(value_of(*c, "SUMMARY"), t.summary);
        std::string url =
            "https://hover.example.com/accounts/" + std::to_string(t.account_id.value);
        EXPECT_EQ(value_of(*c, "DESCRIPTION"), t.description + "\n" + url);
        EXPECT_EQ(value_of(*c, "URL"), url);
        EXPECT_EQ(value_of(*c, "STATUS"), "NEEDS-ACTION");
        EXPECT_EQ(value_of(*c, "DTSTAMP"), "20261120T150000Z");
        EXPECT_EQ(value_of(*c, "CREATED"), format_utc(t.created_at));
        if (!t.contact.empty()) {
            EXPECT_EQ(value_of(*c, "CONTACT"), t.contact);
        }
        EXPECT_EQ(value_of(*c, "DUE"),
                  t.due.at ? format_utc(*t.due.at) : format_ical_date(t.due.day));
    }
    for (const auto& e : content.events) {
        bool planned = e.kind == calendar::FeedEvent::Kind::kPlannedVisit;
        std::string uid = std::string(planned ? "followup-" : "visit-") +
                          std::to_string(e.source_id) + "@cedar-telecom.hover";
        const ReadComponent* c = by_uid(cal, uid);
        ASSERT_NE(c, nullptr) << uid;
        EXPECT_EQ(c->name, "VEVENT");
        EXPECT_EQ(value_of(*c, "SUMMARY"), e.summary);
        EXPECT_THAT(value_of(*c, "DESCRIPTION"), ::testing::StartsWith(e.description + "\n"));
        if (!e.location.empty()) {
            EXPECT_EQ(value_of(*c, "LOCATION"), e.location);
        }
        if (e.start.at) {
            EXPECT_EQ(value_of(*c, "DTSTART"), format_utc(*e.start.at));
            EXPECT_EQ(value_of(*c, "DTEND"),
                      format_utc(*e.start.at + std::chrono::minutes{e.duration_minutes}));
        } else {
            EXPECT_EQ(value_of(*c, "DTSTART"), format_ical_date(e.start.day));
        }
    }
    const ReadComponent* visit = by_uid(cal, "followup-14@cedar-telecom.hover");
    ASSERT_NE(visit, nullptr);
    EXPECT_EQ(value_of(*visit, "GEO"), "36.153982;-95.992775");
}

TEST(IcalRead, TextThatIsNoCalendarIsAnError) {
    auto none = read("hello, world\n", "notes.txt");
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().field, "notes.txt");
    EXPECT_FALSE(read(std::string("BEGIN:VCALENDAR\0", 16), "nul.ics"));
    EXPECT_FALSE(read("", "empty.ics"));
}

// REQ: F5 (a second, independent parser: Debian's python3-icalendar)
TEST(IcalRead, PythonIcalendarReadsTheFeed) {
    const char* python = "/usr/bin/python3";
    if (std::system("/usr/bin/python3 -c 'import icalendar' >/dev/null 2>&1") != 0) {
        if (in_ci()) {
            FAIL() << "python3-icalendar is missing for " << python << " (scripts/bootstrap.sh)";
        }
        GTEST_SKIP() << "python3-icalendar is not installed for /usr/bin/python3";
    }
    calendar::FeedContent content = sample_feed();
    auto dir =
        std::filesystem::temp_directory_path() / ("hover-ical-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto file = dir / "feed.ics";
    std::ofstream(file, std::ios::binary) << write_feed(content);
    std::string script =
        (std::filesystem::path(HOVER_SOURCE_DIR) / "src/io/ical/testdata/check_feed.py").string();
    std::string command = std::string(python) + " " + script + " " + file.string() + " 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string output;
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) {
        output.append(buffer, n);
    }
    int status = ::pclose(pipe);
    std::filesystem::remove_all(dir);
    ASSERT_EQ(status, 0) << output;
    std::map<std::string, std::string> got;
    std::istringstream lines(output);
    for (std::string line; std::getline(lines, line);) {
        auto tab = line.find('\t');
        if (tab != std::string::npos) {
            got[line.substr(0, tab)] = line.substr(tab + 1);
        }
    }
    EXPECT_EQ(got["name"], "VCALENDAR") << output;
    EXPECT_EQ(got["version"], "2.0");
    EXPECT_EQ(got["count.VTODO"], "2");
    EXPECT_EQ(got["count.VEVENT"], "3");
    EXPECT_EQ(got["summary.followup-12@cedar-telecom.hover"], content.todos[0].summary);
    EXPECT_EQ(got["summary.followup-14@cedar-telecom.hover"], content.events[0].summary);
    EXPECT_THAT(got["description.followup-12@cedar-telecom.hover"],
                HasSubstr("Contact: Jörg Müller, +14055550100\\nDue: 2026-11-25"));
    EXPECT_EQ(got["due.followup-12@cedar-telecom.hover"], "2026-11-25");
    EXPECT_EQ(got["due.followup-13@cedar-telecom.hover"], "2026-11-21T15:30:00+00:00");
    EXPECT_EQ(got["dtstart.followup-14@cedar-telecom.hover"], "2026-11-24T16:00:00+00:00");
    EXPECT_EQ(got["dtend.visit-77@cedar-telecom.hover"], "2026-11-10T14:45:00+00:00");
}

// What each real-world file holds, counted at any depth.
struct FixtureCounts {
    const char* file;
    int calendars, events, todos, timezones, journals, alarms;
};

constexpr FixtureCounts kFixtures[] = {
    {"icalendar-categories-escaped-commas.ics", 1, 1, 0, 0, 0, 0},
    {"icalendar-events-todos-journal.ics", 1, 2, 1, 1, 1, 0},
    {"icalendar-google-export-alarm.ics", 1, 1, 0, 1, 0, 4},
    {"icalendar-meetup-folded-description.ics", 0, 1, 0, 0, 0, 0},
    {"icalendar-rfc5545-rdate-forms.ics", 1, 6, 0, 0, 0, 0},
    {"icalendar-rfc5545-vtodo-example.ics", 0, 0, 1, 0, 0, 0},
    {"icalendar-rfc6868-caret-params.ics", 1, 1, 0, 0, 0, 0},
    {"icalendar-umlaut-quoted-cn.ics", 0, 1, 0, 0, 0, 0},
    {"icalendar-vtimezone-america-new-york-history.ics", 1, 1, 0, 1, 0, 0},
    {"icaljs-google-birthday.ics", 1, 4, 0, 0, 0, 0},
    {"icaljs-google-forced-types.ics", 1, 1, 0, 1, 0, 2},
    {"icaljs-zimbra-folded-attendee.ics", 1, 1, 0, 1, 0, 1},
    {"icaljs-zimbra-utc-negative-zero.ics", 1, 1, 0, 1, 0, 0},
    {"tasksorg-thunderbird-vtodo-due.ics", 1, 0, 1, 1, 0, 0},
};

void expect_counts(const std::filesystem::path& path, const FixtureCounts& want) {
    SCOPED_TRACE(path.string());
    auto parsed = read(slurp(path), path.filename().string());
    ASSERT_TRUE(parsed) << parsed.error().user_message;
    EXPECT_EQ(parsed->count("VCALENDAR"), want.calendars);
    EXPECT_EQ(parsed->count("VEVENT"), want.events);
    EXPECT_EQ(parsed->count("VTODO"), want.todos);
    EXPECT_EQ(parsed->count("VTIMEZONE"), want.timezones);
    EXPECT_EQ(parsed->count("VJOURNAL"), want.journals);
    EXPECT_EQ(parsed->count("VALARM"), want.alarms);
}

// REQ: F5 (every file of ../shared/fixtures/ical through the reader, in place)
TEST(IcalRead, EveryRealWorldFixtureParsesWithItsComponents) {
    auto folder = std::filesystem::path(HOVER_SOURCE_DIR) / ".." / "shared" / "fixtures" / "ical";
    if (!std::filesystem::is_directory(folder)) {
        if (in_ci()) {
            FAIL() << "../shared/fixtures/ical is missing (always present in CI)";
        }
        GTEST_SKIP() << "../shared/fixtures/ical is absent";
    }
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().extension() != ".ics") {
            continue;
        }
        std::string name = entry.path().filename().string();
        const FixtureCounts* want = nullptr;
        for (const auto& f : kFixtures) {
            if (name == f.file) {
                want = &f;
            }
        }
        ASSERT_NE(want, nullptr) << "a new fixture: add its counts to kFixtures: " << name;
        expect_counts(entry.path(), *want);
        ++files;
    }
    EXPECT_EQ(files, static_cast<int>(std::size(kFixtures)));
}

// The permissively licensed fixtures are copied into the fuzz corpus (with SOURCES.md), so they
// are read even where ../shared is absent.
TEST(IcalRead, TheCopiedFixturesParseToo) {
    auto folder = std::filesystem::path(HOVER_SOURCE_DIR) / "fuzz" / "corpus" / "ical_fuzzer";
    int files = 0;
    for (const auto& f : kFixtures) {
        auto path = folder / f.file;
        if (std::filesystem::exists(path)) {
            expect_counts(path, f);
            ++files;
        }
    }
    EXPECT_EQ(files, 13);  // all but tasksorg-*, whose license is unclear (fixtures/README.md)
}

TEST(IcalRead, EscapedCommasAndFoldedTextComeBackUnescaped) {
    auto folder = std::filesystem::path(HOVER_SOURCE_DIR) / "fuzz" / "corpus" / "ical_fuzzer";
    auto meetup = read(slurp(folder / "icalendar-meetup-folded-description.ics"), "meetup.ics");
    ASSERT_TRUE(meetup);
    const ReadComponent& event = meetup->components.at(0);
    EXPECT_EQ(event.name, "VEVENT");
    std::string description = value_of(event, "DESCRIPTION");
    EXPECT_EQ(description.find("\\,"), std::string::npos) << description;
    EXPECT_EQ(description.find("\r"), std::string::npos);
    auto umlaut = read(slurp(folder / "icalendar-umlaut-quoted-cn.ics"), "umlaut.ics");
    ASSERT_TRUE(umlaut);
    EXPECT_THAT(value_of(umlaut->components.at(0), "LOCATION"), HasSubstr("büro"));
}

}  // namespace
}  // namespace hover::ical
