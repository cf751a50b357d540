#include "storage/followups/sql_followup_store.hpp"

#include <fmt/format.h>

#include "storage/soci_support.hpp"

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
    if (auto v = r.opt_i64(3)) {
        f.contact_id = ContactId{*v};
    }
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
    if (auto v = r.opt_i64(12)) {
        f.closed_by = UserId{*v};
    }
    f.outcome = r.str(13);
    if (auto v = r.opt_i64(14)) {
        f.next_id = FollowupId{*v};
    }
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
        soci::rowset<soci::row> rows =
            (s->prepare << fmt::format("SELECT {} FROM followups WHERE org_id = :o AND id = :i",
                                       kColumns),
             soci::use(org.value), soci::use(id.value));
        for (const auto& row : rows) {
            return read_followup(RowReader(row));
        }
        return not_found_row("follow-up", id.value);
    });
}

Result<std::vector<Followup>> SqlFollowupStore::list_followups(OrgId org,
                                                               const FollowupFilter& filter) {
    return guarded("list_followups", [&]() -> Result<std::vector<Followup>> {
        auto s = db_.session();
        // Unused filters bind a value that disables them, so the SQL text stays constant.
        long long account = filter.account ? filter.account->value : 0;
        long long assigned = filter.assigned_to ? filter.assigned_to->value : 0;
        std::string status = filter.status ? std::string(records::to_name(*filter.status)) : "";
        soci::rowset<soci::row> rows =
            (s->prepare << fmt::format(
                 "SELECT {} FROM followups WHERE org_id = :o AND (:a1 = 0 OR account_id = :a2) "
                 "AND (:u1 = 0 OR assigned_to = :u2) AND (:s1 = '' OR status = :s2) "
                 "ORDER BY CASE WHEN status = 'open' THEN 0 ELSE 1 END, "
                 "CASE WHEN status = 'open' THEN due_on ELSE '' END, "
                 "closed_at DESC, id",
                 kColumns),
             soci::use(org.value), soci::use(account), soci::use(account), soci::use(assigned),
             soci::use(assigned), soci::use(status), soci::use(status));
        std::vector<Followup> out;
        for (const auto& row : rows) {
            out.push_back(read_followup(RowReader(row)));
        }
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

Result<std::vector<HoverGap>> SqlFollowupStore::list_hover_gaps(OrgId org,
                                                                std::optional<UserId> technician) {
    return guarded("list_hover_gaps", [&]() -> Result<std::vector<HoverGap>> {
        auto s = db_.session();
        long long tech = technician ? technician->value : 0;
        soci::rowset<soci::row> rows =
            (s->prepare << "SELECT a.id, a.name, a.status, a.technician_id, "
                           "(SELECT MAX(i.occurred_at) FROM interactions i WHERE i.org_id = "
                           "a.org_id AND i.account_id = a.id) FROM accounts a "
                           "WHERE a.org_id = :o AND a.status IN ('customer', 'prospect') "
                           "AND (:t1 = 0 OR a.technician_id = :t2) "
                           "AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.org_id = a.org_id "
                           "AND f.account_id = a.id AND f.status = 'open') "
                           "ORDER BY lower(a.name), a.id",
             soci::use(org.value), soci::use(tech), soci::use(tech));
        std::vector<HoverGap> out;
        for (const auto& row : rows) {
            RowReader r(row);
            HoverGap g;
            g.account_id = AccountId{r.i64(0)};
            g.account_name = r.str(1);
            g.status = r.enum_value<records::AccountStatus>(2, "accounts.status");
            if (auto v = r.opt_i64(3)) {
                g.technician_id = UserId{*v};
            }
            g.last_touch_at = r.opt_timestamp(4);
            out.push_back(std::move(g));
        }
        return out;
    });
}

Result<PolicySettings> SqlFollowupStore::find_policy(OrgId org,
                                                     PolicyScope scope,
                                                     std::int64_t target) {
    return guarded("find_policy", [&]() -> Result<PolicySettings> {
        auto s = db_.session();
        std::string scope_text = scope_name(scope);
        soci::rowset<soci::row> rows =
            (s->prepare << fmt::format("SELECT {} FROM contact_policies WHERE org_id = :o AND "
                                       "scope = :s AND target_id = :t",
                                       kPolicyColumns),
             soci::use(org.value), soci::use(scope_text), soci::use(target));
        for (const auto& row : rows) {
            return read_policy(RowReader(row), 0);
        }
        return PolicySettings{};
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
        soci::rowset<soci::row> rows =
            (s->prepare << fmt::format("SELECT target_id, {} FROM contact_policies WHERE org_id = "
                                       ":o AND scope = 'account' ORDER BY target_id",
                                       kPolicyColumns),
             soci::use(org.value));
        Out out;
        for (const auto& row : rows) {
            RowReader r(row);
            out.emplace_back(AccountId{r.i64(0)}, read_policy(r, 1));
        }
        return out;
    });
}

Result<std::vector<Timestamp>> SqlFollowupStore::list_touch_times(OrgId org,
                                                                  AccountId account,
                                                                  Timestamp since) {
    return guarded("list_touch_times", [&]() -> Result<std::vector<Timestamp>> {
        auto s = db_.session();
        std::string from = format_timestamp(since);
        soci::rowset<soci::row> rows =
            (s->prepare << "SELECT occurred_at FROM interactions WHERE org_id = :o AND "
                           "account_id = :a AND occurred_at >= :s ORDER BY occurred_at",
             soci::use(org.value), soci::use(account.value), soci::use(from));
        std::vector<Timestamp> out;
        for (const auto& row : rows) {
            out.push_back(RowReader(row).timestamp(0));
        }
        return out;
    });
}

Result<std::vector<AccountTouchSummary>> SqlFollowupStore::list_active_accounts(
    OrgId org, std::optional<UserId> technician) {
    return guarded("list_active_accounts", [&]() -> Result<std::vector<AccountTouchSummary>> {
        auto s = db_.session();
        long long tech = technician ? technician->value : 0;
        soci::rowset<soci::row> rows =
            (s->prepare << "SELECT a.id, a.name, a.status, a.technician_id, a.created_at, "
                           "(SELECT MAX(i.occurred_at) FROM interactions i WHERE i.org_id = "
                           "a.org_id AND i.account_id = a.id), "
                           "CASE WHEN EXISTS (SELECT 1 FROM followups f WHERE f.org_id = a.org_id "
                           "AND f.account_id = a.id AND f.status = 'open') THEN 1 ELSE 0 END "
                           "FROM accounts a WHERE a.org_id = :o AND a.status IN ('customer', "
                           "'prospect') AND (:t1 = 0 OR a.technician_id = :t2) "
                           "ORDER BY lower(a.name), a.id",
             soci::use(org.value), soci::use(tech), soci::use(tech));
        std::vector<AccountTouchSummary> out;
        for (const auto& row : rows) {
            RowReader r(row);
            AccountTouchSummary a;
            a.account_id = AccountId{r.i64(0)};
            a.account_name = r.str(1);
            a.status = r.enum_value<records::AccountStatus>(2, "accounts.status");
            if (auto v = r.opt_i64(3)) {
                a.technician_id = UserId{*v};
            }
            a.created_at = r.timestamp(4);
            a.last_touch_at = r.opt_timestamp(5);
            a.has_open_followup = r.boolean(6);
            out.push_back(std::move(a));
        }
        return out;
    });
}

Result<std::vector<CallOutcome>> SqlFollowupStore::list_call_outcomes(OrgId org,
                                                                      ContactId contact) {
    return guarded("list_call_outcomes", [&]() -> Result<std::vector<CallOutcome>> {
        auto s = db_.session();
        soci::rowset<soci::row> rows =
            (s->prepare << "SELECT occurred_at, outcome FROM interactions WHERE org_id = :o AND "
                           "contact_id = :c AND kind = 'call' AND direction = 'outbound' "
                           "ORDER BY occurred_at, id",
             soci::use(org.value), soci::use(contact.value));
        std::vector<CallOutcome> out;
        for (const auto& row : rows) {
            RowReader r(row);
            out.push_back(
                {r.timestamp(0), r.enum_value<records::Outcome>(1, "interactions.outcome")});
        }
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

}  // namespace hover::storage
