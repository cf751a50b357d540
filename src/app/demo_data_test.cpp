// Tests of the demo data set (app/demo_data.hpp): sizes, determinism, coverage of the record
// vocabulary the DESIGN asks for, and all-or-nothing loading.
#include "app/demo_data.hpp"

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/app.hpp"
#include "core/clock.hpp"
#include "domain/records/enums.hpp"
#include "domain/records/record_service.hpp"
#include "storage/records/sql_record_store.hpp"
#include "support/result_matchers.hpp"
#include "support/test_database.hpp"

namespace hover::demo {
namespace {

using namespace std::chrono_literals;
using records::AccountStatus;
using testing::Backend;
using testing::HasError;
using testing::IsOk;

const Date kAsOf = std::chrono::year{2026} / 11 / 22;

// A database with the records service over it, on a fixed day.
struct Fixture {
    std::unique_ptr<testing::TestDatabase> db;
    std::unique_ptr<storage::SqlRecordStore> store;
    FixedClock clock{start_of(kAsOf) + 18h};
    std::unique_ptr<records::RecordService> service;

    static std::unique_ptr<Fixture> open(Backend backend = Backend::kSqlite) {
        auto f = std::make_unique<Fixture>();
        f->db = testing::TestDatabase::open(backend);
        if (!f->db) {
            return nullptr;
        }
        f->store = std::make_unique<storage::SqlRecordStore>(f->db->db());
        f->service = std::make_unique<records::RecordService>(*f->store, f->clock);
        return f;
    }

    Result<DemoSummary> load(std::uint64_t seed = 1, int accounts = 30) {
        DemoOptions options;
        options.seed = seed;
        options.as_of = kAsOf;
        options.accounts = accounts;
        return load_demo(*service, options);
    }
};

// Everything the demo organisation holds, read back through the service.
struct Snapshot {
    std::vector<records::User> users;
    std::vector<records::AccountOverview> overviews;  // one per account, in name order
    std::vector<records::Contact> contacts;
    std::vector<records::Interaction> interactions;
    int sites = 0;
    int assets = 0;
    int lines = 0;
    int notes = 0;
    std::string fingerprint;  // every field of every record, as text
};

std::string opt_date(const std::optional<Date>& d) {
    return d ? format_date(*d) : "-";
}

template <typename T>
std::string opt(const std::optional<T>& v) {
    return v ? fmt::format("{}", *v) : "-";
}

std::string phone(const std::optional<records::PhoneNumber>& p) {
    return p ? fmt::format("{}|{}|{}", p->e164, p->extension, p->as_typed) : "-";
}

void describe(std::string& out, const records::AccountOverview& o) {
    const auto& a = o.account;
    out += fmt::format("A {} {} {} {} {} {} {} {} {} {} {} {} {}\n", a.id.value, a.name,
                       to_name(a.status), a.industry, a.region,
                       a.annual_revenue ? a.annual_revenue->value : -1, opt(a.next_refresh_year),
                       opt(a.budget_month), a.comms_flow_notes,
                       a.technician_id ? a.technician_id->value : 0, a.notes,
                       format_timestamp(a.created_at), format_timestamp(a.updated_at));
    for (const auto& e : a.comms_flow) {
        out +=
            fmt::format(" F {} {} {} {}\n", to_name(e.kind), e.label, phone(e.number), e.routes_to);
    }
    for (const auto& s : o.sites) {
        out += fmt::format(" S {} {} {} {} {} {} {} {:.4f} {:.4f} {} {} {} {} {} {} {}\n",
                           s.id.value, s.name, s.street, s.city, s.state, s.postal_code, s.country,
                           s.latitude.value_or(0), s.longitude.value_or(0), s.county_fips,
                           s.nws_zone, s.tornado_alley, s.flood_zone, s.lightning_prone,
                           s.access_notes, s.paging_dead_zones);
    }
    for (const auto& x : o.assets) {
        out +=
            fmt::format(" T {} {} {} {} {} {} {} {} {} {} {} {} {}\n", x.id.value, x.site_id.value,
                        to_name(x.category), x.make, x.model, x.serial, opt_date(x.installed_on),
                        to_name(x.condition), x.location, opt_date(x.warranty_ends),
                        opt_date(x.end_of_life), opt(x.forgets_holiday_greeting), x.notes);
    }
    for (const auto& l : o.lines) {
        out += fmt::format(" L {} {} {} {} {} {} {} {} {} {} {}\n", l.id.value, l.site_id.value,
                           phone(l.number), l.circuit_id, l.carrier, to_name(l.type),
                           to_name(l.status), opt(l.bandwidth_down_kbps), opt(l.bandwidth_up_kbps),
                           l.monthly_charge ? l.monthly_charge->value : -1, l.notes);
    }
    for (const auto& n : o.notes) {
        out +=
            fmt::format(" N {} {} {} {} {}\n", n.id.value, n.contact_id ? n.contact_id->value : 0,
                        n.site_id ? n.site_id->value : 0, n.author_id.value, n.body);
    }
}

void describe(std::string& out, const records::Contact& c) {
    out += fmt::format("C {} {} {} {} {} {} {} {} {} {} {} {} {} {} {}\n", c.id.value, c.first_name,
                       c.last_name, c.job_title, to_name(c.preferred_channel), c.preferred_hours,
                       to_name(c.technical_level), to_name(c.phone_habit), c.communication_style,
                       opt_date(c.birthday), c.family, c.interests, c.how_we_met, c.do_not_contact,
                       c.notes);
    for (const auto& l : c.accounts) {
        out += fmt::format(" @ {} {} {}\n", l.account_id.value, l.role, l.decision_maker);
    }
    for (const auto& p : c.phones) {
        out += fmt::format(" P {} {}\n", p.label, phone(p.number));
    }
    for (const auto& e : c.emails) {
        out += fmt::format(" E {} {}\n", e.label, e.address);
    }
}

void describe(std::string& out, const records::Interaction& i) {
    out += fmt::format("I {} {} {} {} {} {} {} {} {} {} {}\n", i.id.value, i.account_id.value,
                       i.contact_id ? i.contact_id->value : 0, i.site_id ? i.site_id->value : 0,
                       i.user_id.value, to_name(i.kind), to_name(i.direction), to_name(i.outcome),
                       format_timestamp(i.occurred_at), opt(i.duration_minutes), i.summary);
}

Result<Snapshot> snapshot(records::RecordService& service) {
    Actor actor = HOVER_TRY(service.resolve_actor("red-dirt", ""));
    Snapshot snap;
    snap.users = HOVER_TRY(service.list_users(actor));
    for (int page = 1;; ++page) {
        auto accounts = HOVER_TRY(service.list_accounts(actor, {}, records::Page{page, 500}));
        for (const auto& account : accounts.items) {
            auto overview = HOVER_TRY(service.account_overview(actor, account.id));
            snap.sites += static_cast<int>(overview.sites.size());
            snap.assets += static_cast<int>(overview.assets.size());
            snap.lines += static_cast<int>(overview.lines.size());
            snap.notes += static_cast<int>(overview.notes.size());
            describe(snap.fingerprint, overview);
            for (int ipage = 1;; ++ipage) {
                auto interactions = HOVER_TRY(
                    service.list_interactions(actor, account.id, records::Page{ipage, 500}));
                for (const auto& i : interactions.items) {
                    describe(snap.fingerprint, i);
                    snap.interactions.push_back(i);
                }
                if (interactions.items.size() < 500) {
                    break;
                }
            }
            snap.overviews.push_back(std::move(overview));
        }
        if (accounts.items.size() < 500) {
            break;
        }
    }
    for (int page = 1;; ++page) {
        auto contacts = HOVER_TRY(service.list_contacts(actor, std::nullopt, {page, 500}));
        for (auto& c : contacts.items) {
            describe(snap.fingerprint, c);
            snap.contacts.push_back(std::move(c));
        }
        if (contacts.items.size() < 500) {
            break;
        }
    }
    return snap;
}

// Days from `today` to the next anniversary of `birthday` (0 when it is today).
int days_to_birthday(Date birthday, Date today) {
    for (int y = static_cast<int>(today.year()); y <= static_cast<int>(today.year()) + 1; ++y) {
        Date next = std::chrono::year{y} / birthday.month() / birthday.day();
        if (!next.ok()) {
            next = std::chrono::year{y} / 3 / 1;  // Feb 29 in a common year
        }
        auto diff = (std::chrono::sys_days{next} - std::chrono::sys_days{today}).count();
        if (diff >= 0) {
            return static_cast<int>(diff);
        }
    }
    return 366;
}

class DemoDataCounts : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override { HOVER_SKIP_IF_NO_POSTGRES(GetParam()); }
};

// REQ: R1
// REQ: R2
// REQ: R3
// REQ: R4
// REQ: R5
// REQ: R6
// REQ: P1
TEST_P(DemoDataCounts, MeetsTheMinimumsAndMatchesWhatIsStored) {
    auto f = Fixture::open(GetParam());
    ASSERT_NE(f, nullptr);
    auto started = std::chrono::steady_clock::now();
    auto summary = f->load();
    auto elapsed = std::chrono::steady_clock::now() - started;
    ASSERT_THAT(summary, IsOk());
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
    RecordProperty("load_ms", static_cast<int>(ms));
    fmt::print(
        "demo on {}: {} users, {} accounts, {} sites, {} contacts, {} assets, {} lines, "
        "{} interactions, {} notes in {} ms\n",
        GetParam() == Backend::kSqlite ? "SQLite" : "PostgreSQL", summary->users, summary->accounts,
        summary->sites, summary->contacts, summary->assets, summary->lines, summary->interactions,
        summary->notes, ms);
    EXPECT_EQ(summary->users, 5);
    EXPECT_EQ(summary->accounts, 30);
    EXPECT_GE(summary->sites, 60);
    EXPECT_GE(summary->contacts, 120);
    EXPECT_GE(summary->assets, 600);
    EXPECT_GE(summary->lines, 300);
    EXPECT_GE(summary->interactions, 500);
    EXPECT_GE(summary->notes, 30);

    auto snap = snapshot(*f->service);
    ASSERT_THAT(snap, IsOk());
    EXPECT_EQ(static_cast<int>(snap->users.size()), summary->users);
    EXPECT_EQ(static_cast<int>(snap->overviews.size()), summary->accounts);
    EXPECT_EQ(snap->sites, summary->sites);
    EXPECT_EQ(static_cast<int>(snap->contacts.size()), summary->contacts);
    EXPECT_EQ(snap->assets, summary->assets);
    EXPECT_EQ(snap->lines, summary->lines);
    EXPECT_EQ(static_cast<int>(snap->interactions.size()), summary->interactions);
    EXPECT_EQ(snap->notes, summary->notes);

    std::map<AccountStatus, int> by_status;
    for (const auto& o : snap->overviews) {
        ++by_status[o.account.status];
    }
    EXPECT_EQ(by_status[AccountStatus::kCustomer], 20);
    EXPECT_EQ(by_status[AccountStatus::kProspect], 7);
    EXPECT_EQ(by_status[AccountStatus::kFormer], 3);

    // One user per role, all at the demo company's domain.
    std::set<Role> roles;
    for (const auto& u : snap->users) {
        roles.insert(u.role);
        EXPECT_THAT(u.email, ::testing::EndsWith("@reddirt.example"));
    }
    EXPECT_EQ(roles.size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         DemoDataCounts,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         testing::backend_name);

TEST(DemoData, SameSeedGivesIdenticalData) {
    auto a = Fixture::open();
    auto b = Fixture::open();
    ASSERT_NE(a, nullptr);
    ASSERT_NE(b, nullptr);
    ASSERT_THAT(a->load(7), IsOk());
    ASSERT_THAT(b->load(7), IsOk());
    auto snap_a = snapshot(*a->service);
    auto snap_b = snapshot(*b->service);
    ASSERT_THAT(snap_a, IsOk());
    ASSERT_THAT(snap_b, IsOk());
    EXPECT_GT(snap_a->fingerprint.size(), 100000u);
    EXPECT_TRUE(snap_a->fingerprint == snap_b->fingerprint) << "the same seed gave different data";
}

TEST(DemoData, AnotherSeedGivesOtherDataOfTheSameShape) {
    auto a = Fixture::open();
    auto b = Fixture::open();
    ASSERT_NE(a, nullptr);
    ASSERT_NE(b, nullptr);
    auto first = a->load(1);
    auto second = b->load(2);
    ASSERT_THAT(first, IsOk());
    ASSERT_THAT(second, IsOk());
    EXPECT_EQ(first->accounts, second->accounts);
    EXPECT_GE(second->assets, 600);
    auto snap_a = snapshot(*a->service);
    auto snap_b = snapshot(*b->service);
    ASSERT_THAT(snap_a, IsOk());
    ASSERT_THAT(snap_b, IsOk());
    EXPECT_FALSE(snap_a->fingerprint == snap_b->fingerprint);
    // The hand-written accounts keep their names whatever the seed.
    EXPECT_EQ(snap_a->overviews.front().account.name, snap_b->overviews.front().account.name);
}

// REQ: R3
// REQ: R4
// REQ: H1
// REQ: F6
TEST(DemoData, UsesEveryValueTheDesignAsksFor) {
    auto f = Fixture::open();
    ASSERT_NE(f, nullptr);
    ASSERT_THAT(f->load(), IsOk());
    auto snap = snapshot(*f->service);
    ASSERT_THAT(snap, IsOk());

    std::set<records::CommFlowKind> flow_kinds;
    std::set<records::AssetCategory> categories;
    std::set<records::Condition> conditions;
    std::set<records::LineType> line_types;
    std::set<records::LineStatus> line_statuses;
    int forgets_greeting = 0;
    int tornado_alley = 0;
    int not_tornado_alley = 0;
    int flood_ae = 0;
    int lightning = 0;
    int dead_zones = 0;
    int with_revenue = 0;
    int old_assets = 0;
    for (const auto& o : snap->overviews) {
        for (const auto& e : o.account.comms_flow) {
            flow_kinds.insert(e.kind);
        }
        with_revenue += o.account.annual_revenue ? 1 : 0;
        for (const auto& s : o.sites) {
            (s.tornado_alley ? tornado_alley : not_tornado_alley) += 1;
            flood_ae += s.flood_zone == "AE" ? 1 : 0;
            lightning += s.lightning_prone ? 1 : 0;
            dead_zones += s.paging_dead_zones.empty() ? 0 : 1;
            EXPECT_EQ(s.county_fips.size(), 6u) << s.name;
            EXPECT_TRUE(s.latitude && s.longitude) << s.name;
        }
        for (const auto& a : o.assets) {
            categories.insert(a.category);
            conditions.insert(a.condition);
            forgets_greeting += a.forgets_holiday_greeting.value_or(false) ? 1 : 0;
            if (a.installed_on &&
                std::chrono::sys_days{kAsOf} - std::chrono::sys_days{*a.installed_on} >
                    std::chrono::days{15 * 365}) {
                ++old_assets;
            }
        }
        for (const auto& l : o.lines) {
            line_types.insert(l.type);
            line_statuses.insert(l.status);
        }
    }
    EXPECT_EQ(flow_kinds.size(), records::EnumNames<records::CommFlowKind>::names.size());
    EXPECT_EQ(categories.size(), records::EnumNames<records::AssetCategory>::names.size());
    EXPECT_EQ(conditions.size(), records::EnumNames<records::Condition>::names.size());
    EXPECT_EQ(line_types.size(), records::EnumNames<records::LineType>::names.size());
    EXPECT_EQ(line_statuses.size(), records::EnumNames<records::LineStatus>::names.size());
    EXPECT_GE(forgets_greeting, 6) << "several customers forget their holiday greeting";
    EXPECT_GT(tornado_alley, not_tornado_alley * 4) << "most sites are in tornado alley";
    EXPECT_GT(not_tornado_alley, 0);
    EXPECT_GE(flood_ae, 3);
    EXPECT_GE(lightning, 5);
    EXPECT_GE(dead_zones, 5);
    EXPECT_GE(with_revenue, 20);
    EXPECT_GE(old_assets, 5) << "some equipment is 15-20 years old";

    std::set<records::Channel> channels;
    std::set<records::TechnicalLevel> levels;
    std::set<records::PhoneHabit> habits;
    int hiders = 0;
    int shared = 0;
    int do_not_contact = 0;
    int birthday_soon = 0;
    int decision_makers = 0;
    int with_extension = 0;
    for (const auto& c : snap->contacts) {
        channels.insert(c.preferred_channel);
        levels.insert(c.technical_level);
        habits.insert(c.phone_habit);
        hiders += c.phone_habit == records::PhoneHabit::kLetsItGoToVoicemail ? 1 : 0;
        shared += c.accounts.size() >= 2 ? 1 : 0;
        do_not_contact += c.do_not_contact ? 1 : 0;
        if (c.birthday && days_to_birthday(*c.birthday, kAsOf) <= 14) {
            ++birthday_soon;
        }
        for (const auto& link : c.accounts) {
            decision_makers += link.decision_maker ? 1 : 0;
        }
        for (const auto& p : c.phones) {
            with_extension += p.number.extension.empty() ? 0 : 1;
            EXPECT_THAT(p.number.e164, ::testing::MatchesRegex("\\+1[0-9]{3}55501[0-9]{2}"));
        }
    }
    EXPECT_EQ(channels.size(), records::EnumNames<records::Channel>::names.size());
    EXPECT_EQ(levels.size(), records::EnumNames<records::TechnicalLevel>::names.size());
    EXPECT_EQ(habits.size(), records::EnumNames<records::PhoneHabit>::names.size());
    EXPECT_GE(hiders, 10) << "voicemail hiders";
    EXPECT_GE(shared, 2) << "contacts shared between two accounts";
    EXPECT_GE(do_not_contact, 1);
    EXPECT_GE(birthday_soon, 2) << "birthdays in the next two weeks";
    EXPECT_GE(decision_makers, 30);
    EXPECT_GT(with_extension, 50);

    std::set<records::InteractionKind> kinds;
    std::set<records::Direction> directions;
    std::set<records::Outcome> outcomes;
    std::map<std::int64_t, records::PhoneHabit> habit_of;
    for (const auto& c : snap->contacts) {
        habit_of[c.id.value] = c.phone_habit;
    }
    int hider_calls = 0;
    int hider_voicemails = 0;
    Timestamp earliest = start_of(kAsOf);
    for (const auto& i : snap->interactions) {
        kinds.insert(i.kind);
        directions.insert(i.direction);
        outcomes.insert(i.outcome);
        EXPECT_LT(i.occurred_at, start_of(kAsOf));
        earliest = std::min(earliest, i.occurred_at);
        if (i.kind == records::InteractionKind::kCall &&
            i.direction == records::Direction::kOutbound && i.contact_id &&
            habit_of[i.contact_id->value] == records::PhoneHabit::kLetsItGoToVoicemail) {
            ++hider_calls;
            hider_voicemails += i.outcome == records::Outcome::kVoicemail ? 1 : 0;
        }
    }
    EXPECT_EQ(kinds.size(), records::EnumNames<records::InteractionKind>::names.size());
    EXPECT_EQ(directions.size(), 2u);
    EXPECT_EQ(outcomes.size(), records::EnumNames<records::Outcome>::names.size());
    EXPECT_GT(hider_calls, 20);
    EXPECT_GT(hider_voicemails * 2, hider_calls) << "voicemail hiders mostly get voicemail";
    EXPECT_LE(std::chrono::sys_days{kAsOf} - std::chrono::floor<std::chrono::days>(earliest),
              std::chrono::days{731});
    EXPECT_GE(std::chrono::sys_days{kAsOf} - std::chrono::floor<std::chrono::days>(earliest),
              std::chrono::days{700})
        << "two years of history";
}

TEST(DemoData, LoadingTwiceIsAConflictAndChangesNothing) {
    auto f = Fixture::open();
    ASSERT_NE(f, nullptr);
    ASSERT_THAT(f->load(), IsOk());
    auto before = snapshot(*f->service);
    ASSERT_THAT(before, IsOk());
    auto again = f->load(3);
    EXPECT_THAT(again, HasError(ErrorCode::kConflict));
    EXPECT_THAT(again.error().user_message, ::testing::HasSubstr("red-dirt"));
    auto after = snapshot(*f->service);
    ASSERT_THAT(after, IsOk());
    EXPECT_EQ(after->overviews.size(), before->overviews.size());
    EXPECT_EQ(after->contacts.size(), before->contacts.size());
    EXPECT_EQ(after->interactions.size(), before->interactions.size());
    EXPECT_TRUE(after->fingerprint == before->fingerprint);
}

TEST(DemoData, AFailureHalfWayLeavesNothingBehind) {
    // A clock before the demo's "as of" day makes the service refuse install dates in the
    // future part-way through; the transaction must leave no organisation behind.
    auto f = Fixture::open();
    ASSERT_NE(f, nullptr);
    f->clock.set(start_of(kAsOf) - std::chrono::days{40});
    auto result = f->load();
    EXPECT_THAT(result, HasError(ErrorCode::kInvalidInput));
    auto orgs = f->service->list_organisations();
    ASSERT_THAT(orgs, IsOk());
    EXPECT_TRUE(orgs->empty());
}

TEST(DemoData, ScalesWithTheNumberOfAccounts) {
    auto f = Fixture::open();
    ASSERT_NE(f, nullptr);
    auto summary = f->load(1, 75);
    ASSERT_THAT(summary, IsOk());
    EXPECT_EQ(summary->accounts, 75);
    EXPECT_GE(summary->sites, 150);
    EXPECT_GE(summary->contacts, 300);
    EXPECT_GE(summary->assets, 1500);
    EXPECT_GE(summary->lines, 750);
    auto snap = snapshot(*f->service);
    ASSERT_THAT(snap, IsOk());
    std::set<std::string> names;
    for (const auto& o : snap->overviews) {
        EXPECT_TRUE(names.insert(o.account.name).second) << "duplicate name " << o.account.name;
    }
}

TEST(DemoData, RejectsBadOptions) {
    auto f = Fixture::open();
    ASSERT_NE(f, nullptr);
    EXPECT_THAT(f->load(1, 0), HasError(ErrorCode::kInvalidInput));
    DemoOptions no_date;
    EXPECT_THAT(load_demo(*f->service, no_date), HasError(ErrorCode::kInvalidInput));
    auto orgs = f->service->list_organisations();
    ASSERT_THAT(orgs, IsOk());
    EXPECT_TRUE(orgs->empty());
}

// REQ: F1, F2, F3, F4 (the demo shows a hover gap, an amber and a red account, a refusal with
// its first allowed date, and an agenda with reasons)
TEST(DemoFollowups, TheDemoMakesEveryRuleVisible) {
    auto clock = std::make_shared<FixedClock>(start_of(kAsOf) + 18h);
    auto load = [&](DemoFollowupSummary& out) {
        auto app = App::open({.url = ":memory:"}, clock).value();
        DemoOptions options;
        options.as_of = kAsOf;
        ASSERT_THAT(app->records().atomically([&]() -> Result<Ok> {
            HOVER_TRY(load_demo(app->records(), options));
            out = HOVER_TRY(load_demo_followups(app->records(), app->followups(), options));
            return Ok{};
        }),
                    IsOk());
        Actor owner = app->records().resolve_actor("red-dirt", "").value();
        auto gaps = app->followups().hover_gaps(owner, std::nullopt).value();
        ASSERT_EQ(gaps.size(), 1u);
        EXPECT_EQ(gaps[0].account_name, out.hover_gap);
        // Someone's agenda shows the gap with its reason; every item has a reason.
        bool gap_seen = false;
        std::set<std::string> kinds;
        for (const auto& user : app->records().list_users(owner).value()) {
            auto agenda = app->agenda().for_user(owner, user.id, kAsOf).value();
            for (const auto& item : agenda.items) {
                EXPECT_FALSE(item.reason.empty()) << item.key;
                kinds.insert(item.kind);
                gap_seen =
                    gap_seen || (item.kind == "hover_gap" && item.account_name == out.hover_gap);
            }
        }
        EXPECT_TRUE(gap_seen);
        EXPECT_TRUE(kinds.contains("overdue_followup"));
        // (as_of is a Sunday, a quiet day: nothing is due on it.)
        EXPECT_TRUE(kinds.contains("stay_in_touch_red") || kinds.contains("stay_in_touch_amber"));
        auto standings = app->followups().standings(owner, std::nullopt, kAsOf).value();
        for (const auto& s : standings) {
            if (s.account.account_name == out.red) {
                EXPECT_EQ(s.stay_in_touch.colour, followups::StayInTouch::kRed);
            }
            if (s.account.account_name == out.amber) {
                EXPECT_EQ(s.stay_in_touch.colour, followups::StayInTouch::kAmber);
            }
        }
    };
    DemoFollowupSummary first;
    load(first);
    EXPECT_GT(first.followups, 10);
    EXPECT_FALSE(first.red.empty());
    EXPECT_FALSE(first.amber.empty());
    EXPECT_THAT(first.refusal, ::testing::HasSubstr("First allowed: "));
    DemoFollowupSummary second;
    load(second);  // deterministic
    EXPECT_EQ(first.hover_gap, second.hover_gap);
    EXPECT_EQ(first.red, second.red);
    EXPECT_EQ(first.amber, second.amber);
    EXPECT_EQ(first.refusal, second.refusal);
    EXPECT_EQ(first.followups, second.followups);
}

}  // namespace
}  // namespace hover::demo
