#include "storage/followups/sql_followup_store.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "storage/soci_support.hpp"
#include "storage/statement_cache.hpp"

namespace hover::storage {

using namespace hover::followups;

namespace {

constexpr const char* kColumns =
    "id, org_id, account_id, contact_id, assigned_to, due_on, channel, reason, status, "
    "created_by, created_at, closed_at, closed_by, outcome, next_id, no_next_reason, due_minute, "
    "policy_override_reason, policy_overridden_rules";

Followup read_followup(const RowReader& r) {
    Followup f;
    f.id = FollowupId{r.i64(0)};
    f.org_id = OrgId{r.i64(1)};
    f.account_id = AccountId{r.i64(2)};
    f.contact_id = r.opt<ContactId>(3);
    f.assigned_to = UserId{r.i64(4)};
    auto due = r.opt_date(5);
    if (!due) {
        throw CorruptRow("followups.due_on is empty");
    }
    f.due_on = *due;
    f.channel = r.enum_value<records::Channel>(6, "followups.channel");
    f.reason = r.str(7);
    f.status = r.enum_value<FollowupStatus>(8, "followups.status");
    f.created_by = UserId{r.i64(9)};
    f.created_at = r.timestamp(10);
    f.closed_at = r.opt_timestamp(11);
    f.closed_by = r.opt<UserId>(12);
    f.outcome = r.str(13);
    f.next_id = r.opt<FollowupId>(14);
    f.no_next_reason = r.str(15);
    f.due_minute = r.opt_i32(16);
    f.policy_override_reason = r.str(17);
    f.policy_overridden_rules = r.str(18);
    return f;
}

const char* scope_name(PolicyScope scope) {
    switch (scope) {
        case PolicyScope::kOrganisation:
            return "organisation";
        case PolicyScope::kAccount:
            return "account";
        case PolicyScope::kContact:
            return "contact";
    }
    return "organisation";
}

constexpr const char* kPolicyColumns =
    "min_days_between_touches, max_touches_per_30_days, quiet_weekdays, quiet_from_minute, "
    "quiet_until_minute, preferred_channel, time_zone, ideal_interval_days, max_interval_days";

PolicySettings read_policy(const RowReader& r, std::size_t first) {
    PolicySettings p;
    p.min_days_between_touches = r.opt_i32(first + 0);
    p.max_touches_per_30_days = r.opt_i32(first + 1);
    p.quiet_weekdays = r.opt_i32(first + 2);
    p.quiet_from_minute = r.opt_i32(first + 3);
    p.quiet_until_minute = r.opt_i32(first + 4);
    if (!r.is_null(first + 5)) {
        p.preferred_channel =
            r.enum_value<records::Channel>(first + 5, "contact_policies.preferred_channel");
    }
    p.time_zone = r.opt_str(first + 6);
    p.ideal_interval_days = r.opt_i32(first + 7);
    p.max_interval_days = r.opt_i32(first + 8);
    return p;
}

std::optional<std::int64_t> opt_id(const auto& id) {
    return id ? std::optional<std::int64_t>(id->value) : std::nullopt;
}

}  // namespace

Result<Ok> SqlFollowupStore::transaction(const std::function<Result<Ok>()>& work) {
    return db_.transaction(work);
}

Result<FollowupId> SqlFollowupStore::insert_followup(const Followup& f) {
    return guarded("insert_followup", [&]() -> Result<FollowupId> {
        auto s = db_.session();
        long long id = 0;
        auto contact = opt_id(f.contact_id);
        std::string due = format_date(f.due_on);
        std::string channel(records::to_name(f.channel));
        std::string status(records::to_name(f.status));
        std::string created = format_timestamp(f.created_at);
        *s << "INSERT INTO followups (org_id, account_id, contact_id, assigned_to, due_on, "
              "due_minute, channel, reason, status, created_by, created_at, "
              "policy_override_reason, policy_overridden_rules) VALUES (:o, :a, :c, :u, :d, :dm, "
              ":ch, :r, :st, :cb, :ca, :por, :porr) RETURNING id",
            soci::use(f.org_id.value), soci::use(f.account_id.value), soci::use(contact),
            soci::use(f.assigned_to.value), soci::use(due), soci::use(f.due_minute),
            soci::use(channel), soci::use(f.reason), soci::use(status),
            soci::use(f.created_by.value), soci::use(created), soci::use(f.policy_override_reason),
            soci::use(f.policy_overridden_rules), soci::into(id);
        return FollowupId{id};
    });
}

Result<Followup> SqlFollowupStore::find_followup(OrgId org, FollowupId id) {
    return guarded("find_followup", [&]() -> Result<Followup> {
        auto s = db_.session();
        static const std::string sql =
            fmt::format("SELECT {} FROM followups WHERE org_id = :o AND id = :i", kColumns);
        auto found = s.statements().sql(sql).bind(org.value, id.value).first(read_followup);
        if (!found) {
            return not_found_row("follow-up", id.value);
        }
        return std::move(*found);
    });
}

Result<std::vector<Followup>> SqlFollowupStore::list_followups(OrgId org,
                                                               const FollowupFilter& filter) {
    return guarded("list_followups", [&]() -> Result<std::vector<Followup>> {
        auto s = db_.session();
        // One SQL text per combination of filters, so each is planned on its own index (a
        // "(:a = 0 OR account_id = :a)" term would make the planner scan the organisation).
        std::string where = "org_id = :o";
        if (filter.account) {
            where += " AND account_id = :a";
        }
        if (filter.assigned_to) {
            where += " AND assigned_to = :u";
        }
        if (filter.status) {
            where += " AND status = :s";
        }
        std::string sql = fmt::format(
            "SELECT {} FROM followups WHERE {} "
            "ORDER BY CASE WHEN status = 'open' THEN 0 ELSE 1 END, "
            "CASE WHEN status = 'open' THEN due_on ELSE '' END, "
            "closed_at DESC, id",
            kColumns, where);
        auto st = s.statements().sql(sql);
        long long account = filter.account ? filter.account->value : 0;
        long long assigned = filter.assigned_to ? filter.assigned_to->value : 0;
        std::string status = filter.status ? std::string(records::to_name(*filter.status)) : "";
        if (filter.account && filter.assigned_to && filter.status) {
            st.bind(org.value, account, assigned, status);
        } else if (filter.account && filter.assigned_to) {
            st.bind(org.value, account, assigned);
        } else if (filter.account && filter.status) {
            st.bind(org.value, account, status);
        } else if (filter.assigned_to && filter.status) {
            st.bind(org.value, assigned, status);
        } else if (filter.account) {
            st.bind(org.value, account);
        } else if (filter.assigned_to) {
            st.bind(org.value, assigned);
        } else if (filter.status) {
            st.bind(org.value, status);
        } else {
            st.bind(org.value);
        }
        std::vector<Followup> out;
        st.each([&](const RowReader& r) { out.push_back(read_followup(r)); });
        return out;
    });
}

Result<Ok> SqlFollowupStore::close_followup(const Followup& f) {
    return guarded("close_followup", [&]() -> Result<Ok> {
        auto s = db_.session();
        std::string closed_at = f.closed_at ? format_timestamp(*f.closed_at) : "";
        auto closed_by = opt_id(f.closed_by);
        auto next = opt_id(f.next_id);
        soci::statement st =
            (s->prepare << "UPDATE followups SET status = 'done', closed_at = :ca, closed_by = "
                           ":cb, outcome = :oc, next_id = :n, no_next_reason = :nn WHERE org_id = "
                           ":o AND id = :i AND status = 'open'",
             soci::use(closed_at), soci::use(closed_by), soci::use(f.outcome), soci::use(next),
             soci::use(f.no_next_reason), soci::use(f.org_id.value), soci::use(f.id.value));
        st.execute(true);
        if (st.get_affected_rows() == 0) {
            auto existing = find_followup(f.org_id, f.id);
            if (!existing) {
                return std::move(existing).error();
            }
            return Error{ErrorCode::kConflict, "This follow-up is already closed."};
        }
        return Ok{};
    });
}

namespace {

// The ORDER BY term for accounts by name. For one technician's accounts it is `lower(a.name)
// || ''`: the same order, but SQLite (which has no statistics) would otherwise walk the whole
// organisation's name index (accounts_org_name) to avoid sorting, instead of seeking the
// technician's accounts (accounts_org_technician) and sorting those few thousand rows.
const char* by_name(bool technician) {
    return technician ? "lower(a.name) || ''" : "lower(a.name)";
}

// Customers and prospects without an open follow-up (of one technician with :t). The SQL texts
// differ by the technician filter so that each is planned on its own index.
std::string hover_gap_sql(bool technician, bool paged) {
    return fmt::format(
        "SELECT a.id, a.name, a.status, a.technician_id, "
        "(SELECT MAX(i.occurred_at) FROM interactions i WHERE i.org_id = a.org_id AND "
        "i.account_id = a.id) FROM accounts a "
        "WHERE a.org_id = :o AND a.status IN ('customer', 'prospect') {}"
        "AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.org_id = a.org_id "
        "AND f.account_id = a.id AND f.status = 'open') "
        "ORDER BY {}, a.id{}",
        technician ? "AND a.technician_id = :t " : "", by_name(technician),
        paged ? " LIMIT :l OFFSET :f" : "");
}

HoverGap read_gap(const RowReader& r) {
    HoverGap g;
    g.account_id = AccountId{r.i64(0)};
    g.account_name = r.str(1);
    g.status = r.enum_value<records::AccountStatus>(2, "accounts.status");
    g.technician_id = r.opt<UserId>(3);
    g.last_touch_at = r.opt_timestamp(4);
    return g;
}

}  // namespace

Result<std::vector<HoverGap>> SqlFollowupStore::list_hover_gaps(OrgId org,
                                                                std::optional<UserId> technician) {
    return guarded("list_hover_gaps", [&]() -> Result<std::vector<HoverGap>> {
        auto s = db_.session();
        static const std::string kAll = hover_gap_sql(false, false);
        static const std::string kOne = hover_gap_sql(true, false);
        auto st = s.statements().sql(technician ? kOne : kAll);
        if (technician) {
            st.bind(org.value, technician->value);
        } else {
            st.bind(org.value);
        }
        std::vector<HoverGap> out;
        st.each([&](const RowReader& r) { out.push_back(read_gap(r)); });
        return out;
    });
}

Result<std::vector<HoverGap>> SqlFollowupStore::list_hover_gaps_page(
    OrgId org, std::optional<UserId> technician, records::Page page) {
    return guarded("list_hover_gaps_page", [&]() -> Result<std::vector<HoverGap>> {
        auto s = db_.session();
        static const std::string kAll = hover_gap_sql(false, true);
        static const std::string kOne = hover_gap_sql(true, true);
        long long limit = std::max(page.size, 1);
        long long offset = static_cast<long long>(std::max(page.number, 1) - 1) * limit;
        auto st = s.statements().sql(technician ? kOne : kAll);
        if (technician) {
            st.bind(org.value, technician->value, limit, offset);
        } else {
            st.bind(org.value, limit, offset);
        }
        std::vector<HoverGap> out;
        st.each([&](const RowReader& r) { out.push_back(read_gap(r)); });
        return out;
    });
}

Result<std::vector<HoverGapCount>> SqlFollowupStore::count_hover_gaps(OrgId org) {
    return guarded("count_hover_gaps", [&]() -> Result<std::vector<HoverGapCount>> {
        auto s = db_.session();
        std::vector<HoverGapCount> out;
        s.statements()
            .sql(
                "SELECT a.technician_id, COUNT(*) FROM accounts a WHERE a.org_id = :o AND "
                "a.status IN ('customer', 'prospect') AND NOT EXISTS (SELECT 1 FROM followups f "
                "WHERE f.org_id = a.org_id AND f.account_id = a.id AND f.status = 'open') "
                "GROUP BY a.technician_id ORDER BY a.technician_id")
            .bind(org.value)
            .each([&](const RowReader& r) {
                HoverGapCount c;
                c.technician_id = r.opt<UserId>(0);
                c.count = r.i32(1);
                out.push_back(c);
            });
        // NULL sorts first on SQLite and last on PostgreSQL: accounts without a technician first.
        std::stable_partition(out.begin(), out.end(),
                              [](const HoverGapCount& c) { return !c.technician_id; });
        return out;
    });
}

Result<PolicySettings> SqlFollowupStore::find_policy(OrgId org,
                                                     PolicyScope scope,
                                                     std::int64_t target) {
    return guarded("find_policy", [&]() -> Result<PolicySettings> {
        auto s = db_.session();
        std::string scope_text = scope_name(scope);
        // The agenda asks for the organisation's defaults: through the statement cache.
        static const std::string kSql = fmt::format(
            "SELECT {} FROM contact_policies WHERE org_id = :o AND scope = :s AND target_id = :t",
            kPolicyColumns);
        auto found = s.statements()
                         .sql(kSql)
                         .bind(org.value, scope_text, target)
                         .first([](const RowReader& r) { return read_policy(r, 0); });
        return found ? *found : PolicySettings{};
    });
}

Result<Ok> SqlFollowupStore::put_policy(
    OrgId org, PolicyScope scope, std::int64_t target, const PolicySettings& p, Timestamp at) {
    return guarded("put_policy", [&]() -> Result<Ok> {
        auto s = db_.session();
        std::string scope_text = scope_name(scope);
        std::string updated = format_timestamp(at);
        std::optional<std::string> channel;
        if (p.preferred_channel) {
            channel = std::string(records::to_name(*p.preferred_channel));
        }
        *s << "DELETE FROM contact_policies WHERE org_id = :o AND scope = :s AND target_id = :t",
            soci::use(org.value), soci::use(scope_text), soci::use(target);
        *s << fmt::format(
            "INSERT INTO contact_policies (org_id, scope, target_id, {}, updated_at) "
            "VALUES (:o, :s, :t, :a, :b, :c, :d, :e, :f, :g, :h, :i, :u)",
            kPolicyColumns),
            soci::use(org.value), soci::use(scope_text), soci::use(target),
            soci::use(p.min_days_between_touches), soci::use(p.max_touches_per_30_days),
            soci::use(p.quiet_weekdays), soci::use(p.quiet_from_minute),
            soci::use(p.quiet_until_minute), soci::use(channel), soci::use(p.time_zone),
            soci::use(p.ideal_interval_days), soci::use(p.max_interval_days), soci::use(updated);
        return Ok{};
    });
}

Result<std::vector<std::pair<AccountId, PolicySettings>>> SqlFollowupStore::list_account_policies(
    OrgId org) {
    using Out = std::vector<std::pair<AccountId, PolicySettings>>;
    return guarded("list_account_policies", [&]() -> Result<Out> {
        auto s = db_.session();
        static const std::string sql = fmt::format(
            "SELECT target_id, {} FROM contact_policies WHERE org_id = :o AND scope = "
            "'account' ORDER BY target_id",
            kPolicyColumns);
        Out out;
        s.statements().sql(sql).bind(org.value).each(
            [&](const RowReader& r) { out.emplace_back(AccountId{r.i64(0)}, read_policy(r, 1)); });
        return out;
    });
}

Result<std::vector<std::pair<ContactId, PolicySettings>>>
SqlFollowupStore::list_contact_policies_of_account(OrgId org, AccountId account) {
    using Out = std::vector<std::pair<ContactId, PolicySettings>>;
    return guarded("list_contact_policies_of_account", [&]() -> Result<Out> {
        auto s = db_.session();
        static const std::string sql = fmt::format(
            "SELECT target_id, {} FROM contact_policies WHERE org_id = :o AND scope = 'contact' "
            "AND target_id IN (SELECT contact_id FROM account_contacts WHERE org_id = :o2 AND "
            "account_id = :a) ORDER BY target_id",
            kPolicyColumns);
        Out out;
        s.statements()
            .sql(sql)
            .bind(org.value, org.value, account.value)
            .each([&](const RowReader& r) {
                out.emplace_back(ContactId{r.i64(0)}, read_policy(r, 1));
            });
        return out;
    });
}

Result<std::vector<Timestamp>> SqlFollowupStore::list_touch_times(OrgId org,
                                                                  AccountId account,
                                                                  Timestamp since) {
    return guarded("list_touch_times", [&]() -> Result<std::vector<Timestamp>> {
        auto s = db_.session();
        std::vector<Timestamp> out;
        s.statements()
            .sql(
                "SELECT occurred_at FROM interactions WHERE org_id = :o AND account_id = :a AND "
                "occurred_at >= :s ORDER BY occurred_at")
            .bind(org.value, account.value, format_timestamp(since))
            .each([&](const RowReader& r) { out.push_back(r.timestamp(0)); });
        return out;
    });
}

namespace {

// The policy columns with a table alias: "p.min_days_between_touches, p.max_touches_...".
std::string aliased(std::string_view alias, std::string_view columns) {
    std::string out;
    std::size_t start = 0;
    while (start < columns.size()) {
        std::size_t end = columns.find(',', start);
        std::string_view column =
            columns.substr(start, end == std::string_view::npos ? columns.npos : end - start);
        while (!column.empty() && column.front() == ' ') {
            column.remove_prefix(1);
        }
        out += (out.empty() ? "" : ", ") + std::string(alias) + "." + std::string(column);
        if (end == std::string_view::npos) {
            break;
        }
        start = end + 1;
    }
    return out;
}

// An active account with its latest touch, whether it has an open follow-up and its own policy
// override (columns 7-15); `where` adds conditions on `a`. The open follow-up is a scalar
// subquery with LIMIT 1, not EXISTS: PostgreSQL turned the EXISTS into a hash of every open
// follow-up of the organisation (120 ms at 100,000 accounts) instead of one index probe per
// account (docs/benchmarks.md). It selects 1, not the id, so that PostgreSQL answers from the
// index alone (an index-only scan of followups_org_account) without visiting the row.
//
// One technician's accounts (`technician`: the SQL starts with :ot and :tt, the organisation and
// the technician, before :o) are sorted here (sort_by_name): PostgreSQL spent a fifth of the
// query's time folding and collating 1,900 names. And most of them have an open follow-up
// assigned to that technician: those are read in one pass over followups_org_assigned_open (a
// set built once), and only the others are probed (OR stops at the first true), a third fewer
// buffers on PostgreSQL (docs/benchmarks.md). An open follow-up assigned to anyone else counts
// the same.
std::string active_accounts_sql(std::string_view where, bool technician) {
    return fmt::format(
        "SELECT a.id, a.name, a.status, a.technician_id, a.created_at, "
        "(SELECT MAX(i.occurred_at) FROM interactions i WHERE i.org_id = a.org_id AND "
        "i.account_id = a.id), "
        "CASE WHEN {}(SELECT 1 FROM followups f WHERE f.org_id = a.org_id "
        "AND f.account_id = a.id AND f.status = 'open' LIMIT 1) IS NOT NULL THEN 1 ELSE 0 END, "
        "{} FROM accounts a LEFT JOIN contact_policies p ON p.org_id = a.org_id AND "
        "p.scope = 'account' AND p.target_id = a.id "
        "WHERE a.org_id = :o {}{}",
        technician ? "a.id IN (SELECT o.account_id FROM followups o WHERE o.org_id = :ot AND "
                     "o.assigned_to = :tt AND o.status = 'open') OR "
                   : "",
        aliased("p", kPolicyColumns), where, technician ? "" : " ORDER BY lower(a.name), a.id");
}

// By name with the ASCII letters folded (as SQLite's and the C locale's lower()), then id: the
// order of `ORDER BY lower(a.name), a.id`, the same on both databases.
void sort_by_name(std::vector<AccountTouchSummary>& accounts) {
    std::vector<std::pair<std::string, std::size_t>> keys;
    keys.reserve(accounts.size());
    for (std::size_t i = 0; i < accounts.size(); ++i) {
        std::string folded = accounts[i].account_name;
        for (char& c : folded) {
            if (c >= 'A' && c <= 'Z') {
                c = static_cast<char>(c - 'A' + 'a');
            }
        }
        keys.emplace_back(std::move(folded), i);
    }
    std::sort(keys.begin(), keys.end(), [&accounts](const auto& x, const auto& y) {
        int order = x.first.compare(y.first);
        return order != 0
                   ? order < 0
                   : accounts[x.second].account_id.value < accounts[y.second].account_id.value;
    });
    std::vector<AccountTouchSummary> sorted;
    sorted.reserve(accounts.size());
    for (const auto& key : keys) {
        sorted.push_back(std::move(accounts[key.second]));
    }
    accounts = std::move(sorted);
}

AccountTouchSummary read_summary(const RowReader& r) {
    AccountTouchSummary a;
    a.account_id = AccountId{r.i64(0)};
    a.account_name = r.str(1);
    a.status = r.enum_value<records::AccountStatus>(2, "accounts.status");
    a.technician_id = r.opt<UserId>(3);
    a.created_at = r.timestamp(4);
    a.last_touch_at = r.opt_timestamp(5);
    a.has_open_followup = r.boolean(6);
    a.policy = read_policy(r, 7);
    return a;
}

// "MM-DD" of a month_day.
std::string month_day_text(std::chrono::month_day md) {
    return fmt::format("{:02}-{:02}", static_cast<unsigned>(md.month()),
                       static_cast<unsigned>(md.day()));
}

}  // namespace

Result<std::vector<AccountTouchSummary>> SqlFollowupStore::list_active_accounts(
    OrgId org, std::optional<UserId> technician) {
    return guarded("list_active_accounts", [&]() -> Result<std::vector<AccountTouchSummary>> {
        auto s = db_.session();
        static const std::string kAll =
            active_accounts_sql("AND a.status IN ('customer', 'prospect')", false);
        static const std::string kOne = active_accounts_sql(
            "AND a.technician_id = :t AND a.status IN ('customer', 'prospect')", true);
        auto st = s.statements().sql(technician ? kOne : kAll);
        if (technician) {
            st.bind(org.value, technician->value, org.value, technician->value);
        } else {
            st.bind(org.value);
        }
        std::vector<AccountTouchSummary> out;
        st.each([&](const RowReader& r) { out.push_back(read_summary(r)); });
        if (technician) {
            sort_by_name(out);
        }
        return out;
    });
}

Result<std::vector<AccountTouchSummary>> SqlFollowupStore::list_customers_created_on(
    OrgId org, UserId technician, MonthDayRange days) {
    return guarded("list_customers_created_on", [&]() -> Result<std::vector<AccountTouchSummary>> {
        auto s = db_.session();
        static const std::string kSql = active_accounts_sql(
            "AND a.technician_id = :t AND a.status = 'customer' AND "
            "substr(a.created_at, 6, 5) BETWEEN :f AND :l",
            true);
        std::vector<AccountTouchSummary> out;
        s.statements()
            .sql(kSql)
            .bind(org.value, technician.value, org.value, technician.value,
                  month_day_text(days.first), month_day_text(days.last))
            .each([&](const RowReader& r) { out.push_back(read_summary(r)); });
        sort_by_name(out);
        return out;
    });
}

Result<Ok> SqlFollowupStore::read_snapshot(const std::function<Result<Ok>()>& work) {
    return db_.transaction(work, Access::kReadOnly);
}

Result<std::vector<DueFollowup>> SqlFollowupStore::list_due_followups(OrgId org,
                                                                      UserId user,
                                                                      Date day) {
    return guarded("list_due_followups", [&]() -> Result<std::vector<DueFollowup>> {
        auto s = db_.session();
        static const std::string kSql = fmt::format(
            "SELECT {}, a.name, {} FROM followups f "
            "JOIN accounts a ON a.org_id = f.org_id AND a.id = f.account_id "
            "LEFT JOIN contact_policies p ON p.org_id = f.org_id AND p.scope = 'contact' AND "
            "p.target_id = f.contact_id "
            "WHERE f.org_id = :o AND f.assigned_to = :u AND f.status = 'open' AND f.due_on <= :d "
            "ORDER BY f.due_on, f.id",
            aliased("f", kColumns), aliased("p", kPolicyColumns));
        std::vector<DueFollowup> out;
        s.statements()
            .sql(kSql)
            .bind(org.value, user.value, format_date(day))
            .each([&](const RowReader& r) {
                DueFollowup d;
                d.followup = read_followup(r);
                d.account_name = r.str(19);
                d.contact_policy = read_policy(r, 20);
                out.push_back(std::move(d));
            });
        return out;
    });
}

Result<std::vector<std::pair<ContactId, CallOutcome>>> SqlFollowupStore::list_due_call_outcomes(
    OrgId org, UserId user, Date day) {
    using Out = std::vector<std::pair<ContactId, CallOutcome>>;
    return guarded("list_due_call_outcomes", [&]() -> Result<Out> {
        auto s = db_.session();
        Out out;
        s.statements()
            .sql(
                "SELECT i.contact_id, i.occurred_at, i.outcome FROM interactions i "
                "WHERE i.org_id = :o AND i.kind = 'call' AND i.direction = 'outbound' AND "
                "i.contact_id IN (SELECT f.contact_id FROM followups f WHERE f.org_id = :o2 "
                "AND f.assigned_to = :u AND f.status = 'open' AND f.due_on <= :d AND "
                "f.channel = 'phone' AND f.contact_id IS NOT NULL) "
                "ORDER BY i.contact_id, i.occurred_at, i.id")
            .bind(org.value, org.value, user.value, format_date(day))
            .each([&](const RowReader& r) {
                out.emplace_back(ContactId{r.i64(0)},
                                 CallOutcome{r.timestamp(1), r.enum_value<records::Outcome>(
                                                                 2, "interactions.outcome")});
            });
        return out;
    });
}

Result<std::vector<ContactBirthday>> SqlFollowupStore::list_birthdays(OrgId org,
                                                                      UserId technician,
                                                                      MonthDayRange days) {
    return guarded("list_birthdays", [&]() -> Result<std::vector<ContactBirthday>> {
        auto s = db_.session();
        std::vector<ContactBirthday> out;
        s.statements()
            .sql(
                "SELECT c.id, c.first_name, c.last_name, c.birthday, a.id, a.name "
                // From the organisation's contacts born on the day (index
                // contacts_org_birthday: about 1 in 365 of them) to their accounts, keeping the
                // technician's: fewer probes than every contact of the technician's accounts
                // (5,700 at 100,000 accounts). CROSS JOIN: SQLite (no statistics) keeps this
                // order; PostgreSQL plans it as an inner join (docs/benchmarks.md).
                "FROM contacts c CROSS JOIN account_contacts ac CROSS JOIN accounts a "
                "WHERE c.org_id = :o AND c.birthday IS NOT NULL AND "
                "substr(c.birthday, 6, 5) BETWEEN :f AND :l AND c.do_not_contact = 0 AND "
                "ac.org_id = c.org_id AND ac.contact_id = c.id AND a.org_id = ac.org_id AND "
                "a.id = ac.account_id AND a.technician_id = :t AND "
                "a.status IN ('customer', 'prospect') "
                "ORDER BY lower(a.name) || '', a.id, c.id")
            .bind(org.value, month_day_text(days.first), month_day_text(days.last),
                  technician.value)
            .each([&](const RowReader& r) {
                ContactBirthday b;
                b.contact_id = ContactId{r.i64(0)};
                b.first_name = r.str(1);
                b.last_name = r.str(2);
                auto birthday = r.opt_date(3);
                if (!birthday) {
                    throw CorruptRow("contacts.birthday is empty");
                }
                b.birthday = *birthday;
                b.account_id = AccountId{r.i64(4)};
                b.account_name = r.str(5);
                out.push_back(std::move(b));
            });
        return out;
    });
}

Result<std::vector<CallOutcome>> SqlFollowupStore::list_call_outcomes(OrgId org,
                                                                      ContactId contact) {
    return guarded("list_call_outcomes", [&]() -> Result<std::vector<CallOutcome>> {
        auto s = db_.session();
        std::vector<CallOutcome> out;
        s.statements()
            .sql(
                "SELECT occurred_at, outcome FROM interactions WHERE org_id = :o AND "
                "contact_id = :c AND kind = 'call' AND direction = 'outbound' "
                "ORDER BY occurred_at, id")
            .bind(org.value, contact.value)
            .each([&](const RowReader& r) {
                out.push_back(
                    {r.timestamp(0), r.enum_value<records::Outcome>(1, "interactions.outcome")});
            });
        return out;
    });
}

Result<std::vector<std::pair<ContactId, CallOutcome>>> SqlFollowupStore::list_account_call_outcomes(
    OrgId org, AccountId account) {
    using Out = std::vector<std::pair<ContactId, CallOutcome>>;
    return guarded("list_account_call_outcomes", [&]() -> Result<Out> {
        auto s = db_.session();
        Out out;
        // The account's links first (an index seek), then each contact's calls
        // (interactions_org_contact_time); CROSS JOIN keeps that order on SQLite.
        s.statements()
            .sql(
                "SELECT i.contact_id, i.occurred_at, i.outcome FROM account_contacts ac "
                "CROSS JOIN interactions i "
                "WHERE ac.org_id = :o AND ac.account_id = :a AND i.org_id = :o2 AND "
                "i.contact_id = ac.contact_id AND i.kind = 'call' AND i.direction = 'outbound' "
                "ORDER BY i.contact_id, i.occurred_at, i.id")
            .bind(org.value, account.value, org.value)
            .each([&](const RowReader& r) {
                out.emplace_back(ContactId{r.i64(0)},
                                 CallOutcome{r.timestamp(1), r.enum_value<records::Outcome>(
                                                                 2, "interactions.outcome")});
            });
        return out;
    });
}

Result<int> SqlFollowupStore::count_policy_overrides(OrgId org, UserId user, Timestamp since) {
    return guarded("count_policy_overrides", [&]() -> Result<int> {
        auto s = db_.session();
        std::string from = format_timestamp(since);
        long long count = 0;
        *s << "SELECT COUNT(*) FROM followups WHERE org_id = :o AND created_by = :u AND "
              "policy_override_reason <> '' AND created_at >= :s",
            soci::use(org.value), soci::use(user.value), soci::use(from), soci::into(count);
        return static_cast<int>(count);
    });
}

Result<std::vector<OverrideCount>> SqlFollowupStore::count_policy_overrides_by_user(
    OrgId org, Timestamp from, Timestamp until) {
    return guarded("count_policy_overrides_by_user", [&]() -> Result<std::vector<OverrideCount>> {
        auto s = db_.session();
        std::vector<OverrideCount> out;
        s.statements()
            .sql(
                "SELECT created_by, COUNT(*) FROM followups WHERE org_id = :o AND "
                "policy_override_reason <> '' AND created_at >= :f AND created_at < :u "
                "GROUP BY created_by ORDER BY COUNT(*) DESC, created_by")
            .bind(org.value, format_timestamp(from), format_timestamp(until))
            .each([&](const RowReader& r) {
                out.push_back({r.i64(0), "", r.i32(1)});
            });
        return out;
    });
}

Result<std::vector<OverrideCount>> SqlFollowupStore::count_policy_overrides_by_account(
    OrgId org, Timestamp from, Timestamp until) {
    return guarded("count_policy_overrides_by_account",
                   [&]() -> Result<std::vector<OverrideCount>> {
                       auto s = db_.session();
                       std::vector<OverrideCount> out;
                       s.statements()
                           .sql(
                               "SELECT f.account_id, a.name, COUNT(*) FROM followups f "
                               "JOIN accounts a ON a.org_id = f.org_id AND a.id = f.account_id "
                               "WHERE f.org_id = :o AND f.policy_override_reason <> '' AND "
                               "f.created_at >= :f AND f.created_at < :u "
                               "GROUP BY f.account_id, a.name "
                               "ORDER BY COUNT(*) DESC, lower(a.name), f.account_id")
                           .bind(org.value, format_timestamp(from), format_timestamp(until))
                           .each([&](const RowReader& r) {
                               out.push_back({r.i64(0), r.str(1), r.i32(2)});
                           });
                       return out;
                   });
}

Result<std::vector<PolicyOverride>> SqlFollowupStore::list_policy_overrides(OrgId org,
                                                                            Timestamp from,
                                                                            Timestamp until,
                                                                            int limit) {
    return guarded("list_policy_overrides", [&]() -> Result<std::vector<PolicyOverride>> {
        auto s = db_.session();
        std::vector<PolicyOverride> out;
        long long rows = std::max(limit, 0);
        s.statements()
            .sql(
                "SELECT f.id, f.account_id, a.name, f.created_by, f.created_at, f.due_on, "
                "f.policy_override_reason, f.policy_overridden_rules FROM followups f "
                "JOIN accounts a ON a.org_id = f.org_id AND a.id = f.account_id "
                "WHERE f.org_id = :o AND f.policy_override_reason <> '' AND "
                "f.created_at >= :f AND f.created_at < :u "
                "ORDER BY f.created_at DESC, f.id DESC LIMIT :l")
            .bind(org.value, format_timestamp(from), format_timestamp(until), rows)
            .each([&](const RowReader& r) {
                PolicyOverride o;
                o.followup_id = FollowupId{r.i64(0)};
                o.account_id = AccountId{r.i64(1)};
                o.account_name = r.str(2);
                o.created_by = UserId{r.i64(3)};
                o.created_at = r.timestamp(4);
                auto due = r.opt_date(5);
                if (!due) {
                    throw CorruptRow("followups.due_on is empty");
                }
                o.due_on = *due;
                o.reason = r.str(6);
                o.overridden_rules = r.str(7);
                out.push_back(std::move(o));
            });
        return out;
    });
}

}  // namespace hover::storage
