#include "storage/billing/sql_billing_store.hpp"

#include <map>

#include <fmt/format.h>

#include "storage/soci_support.hpp"
#include "storage/statement_cache.hpp"

namespace hover::storage {

using namespace hover::billing;

namespace {

constexpr const char* kFindingColumns =
    "id, account_id, type, number, description, monthly_cents, since, months, refund_cents, "
    "status, note, period_start, period_end, status_changed_at";
constexpr const char* kReviewColumns =
    "id, org_id, account_id, period_start, period_end, monthly_savings_cents, refund_cents, "
    "billed_total_cents, findings, created_at, created_by";

std::optional<std::string> opt_date_text(const std::optional<Date>& d) {
    return d ? std::optional<std::string>(format_date(*d)) : std::nullopt;
}

Finding read_finding(const RowReader& r) {
    Finding f;
    f.id = FindingId{r.i64(0)};
    f.account_id = AccountId{r.i64(1)};
    f.type = r.enum_value<FindingType>(2, "billing_findings.type");
    f.number = r.str(3);
    f.description = r.str(4);
    f.monthly_amount = Cents{r.i64(5)};
    f.since = r.opt_date(6);
    f.months = r.i32(7);
    f.refund_estimate = Cents{r.i64(8)};
    f.status = r.enum_value<FindingStatus>(9, "billing_findings.status");
    f.note = r.str(10);
    f.period_start = r.opt_date(11);
    f.period_end = r.opt_date(12);
    f.status_changed_at = r.opt_timestamp(13);
    return f;
}

StoredReview read_review(const RowReader& r) {
    StoredReview v;
    v.id = BillingReviewId{r.i64(0)};
    v.org_id = OrgId{r.i64(1)};
    v.account_id = AccountId{r.i64(2)};
    v.period_start = r.opt_date(3);
    v.period_end = r.opt_date(4);
    v.monthly_savings = Cents{r.i64(5)};
    v.refund_to_claim = Cents{r.i64(6)};
    v.billed_total = Cents{r.i64(7)};
    v.findings = r.i64(8);
    v.created_at = r.timestamp(9);
    v.created_by = UserId{r.opt_i64(10).value_or(0)};
    return v;
}

}  // namespace

Result<Ok> SqlBillingStore::transaction(const std::function<Result<Ok>()>& work) {
    return db_.transaction(work);
}

Result<Ok> SqlBillingStore::read_snapshot(const std::function<Result<Ok>()>& work) {
    return db_.transaction(work, Access::kReadOnly);
}

Result<Ok> SqlBillingStore::check_account(OrgId org, AccountId account) {
    return guarded("check_account", [&]() -> Result<Ok> {
        auto s = db_.session();
        std::int64_t n = s.statements()
                             .sql("SELECT count(*) FROM accounts WHERE org_id = :o AND id = :i")
                             .bind(org.value, account.value)
                             .returning_id();
        if (n == 0) {
            return not_found_row("account", account.value);
        }
        return Ok{};
    });
}

Result<BillingReviewId> SqlBillingStore::insert_review(const StoredReview& review) {
    return guarded("insert_review", [&]() -> Result<BillingReviewId> {
        auto s = db_.session();
        long long id = 0;
        std::optional<std::string> start = opt_date_text(review.period_start);
        std::optional<std::string> end = opt_date_text(review.period_end);
        std::string created = format_timestamp(review.created_at);
        std::optional<long long> by;
        if (review.created_by.valid()) {
            by = review.created_by.value;
        }
        long long monthly = review.monthly_savings.value;
        long long refund = review.refund_to_claim.value;
        long long billed = review.billed_total.value;
        long long findings = review.findings;
        soci::statement st =
            (s->prepare << "INSERT INTO billing_reviews (org_id, account_id, period_start, "
                           "period_end, monthly_savings_cents, refund_cents, billed_total_cents, "
                           "findings, created_at, created_by) VALUES (:o, :a, :ps, :pe, :m, :r, "
                           ":b, :f, :c, :u) RETURNING id",
             soci::use(review.org_id.value), soci::use(review.account_id.value), soci::use(start),
             soci::use(end), soci::use(monthly), soci::use(refund), soci::use(billed),
             soci::use(findings), soci::use(created), soci::use(by), soci::into(id));
        st.execute(true);
        st.clean_up();
        return BillingReviewId{id};
    });
}

Result<std::vector<StoredReview>> SqlBillingStore::list_reviews(OrgId org, AccountId account) {
    return guarded("list_reviews", [&]() -> Result<std::vector<StoredReview>> {
        auto s = db_.session();
        return s.statements()
            .sql(fmt::format("SELECT {} FROM billing_reviews WHERE org_id = :o AND "
                             "account_id = :a ORDER BY id DESC",
                             kReviewColumns))
            .bind(org.value, account.value)
            .all(read_review);
    });
}

Result<Ok> SqlBillingStore::insert_evidence(OrgId org, FindingId id, const Finding& finding) {
    auto s = db_.session();
    int position = 0;
    for (const Evidence& e : finding.evidence) {
        long long line = e.line;
        *s << "INSERT INTO billing_finding_evidence (org_id, finding_id, position, source, file, "
              "line, text) VALUES (:o, :f, :p, :s, :fi, :l, :t)",
            soci::use(org.value), soci::use(id.value), soci::use(position), soci::use(e.source),
            soci::use(e.file), soci::use(line), soci::use(e.text);
        ++position;
    }
    return Ok{};
}

Result<FindingId> SqlBillingStore::insert_finding(OrgId org,
                                                  BillingReviewId review,
                                                  const Finding& f,
                                                  Timestamp at) {
    return guarded("insert_finding", [&]() -> Result<FindingId> {
        long long id = 0;
        {
            auto s = db_.session();
            std::string type(to_name(f.type));
            std::string status(to_name(f.status));
            std::optional<std::string> since = opt_date_text(f.since);
            std::optional<std::string> ps = opt_date_text(f.period_start);
            std::optional<std::string> pe = opt_date_text(f.period_end);
            std::string now = format_timestamp(at);
            long long monthly = f.monthly_amount.value;
            long long refund = f.refund_estimate.value;
            soci::statement st =
                (s->prepare << "INSERT INTO billing_findings (org_id, account_id, review_id, "
                               "type, number, description, monthly_cents, since, months, "
                               "refund_cents, status, note, period_start, period_end, "
                               "created_at, updated_at, status_changed_at) VALUES (:o, :a, :r, :t, "
                               ":n, :d, :m, :s, :mo, :rf, :st, :no, :ps, :pe, :c, :u, :sc) "
                               "RETURNING id",
                 soci::use(org.value), soci::use(f.account_id.value), soci::use(review.value),
                 soci::use(type), soci::use(f.number), soci::use(f.description), soci::use(monthly),
                 soci::use(since), soci::use(f.months), soci::use(refund), soci::use(status),
                 soci::use(f.note), soci::use(ps), soci::use(pe), soci::use(now), soci::use(now),
                 soci::use(now), soci::into(id));
            st.execute(true);
            st.clean_up();
        }
        HOVER_TRY(insert_evidence(org, FindingId{id}, f));
        return FindingId{id};
    });
}

Result<Ok> SqlBillingStore::refresh_finding(OrgId org,
                                            BillingReviewId review,
                                            const Finding& f,
                                            Timestamp at) {
    return guarded("refresh_finding", [&]() -> Result<Ok> {
        {
            auto s = db_.session();
            std::optional<std::string> since = opt_date_text(f.since);
            std::optional<std::string> ps = opt_date_text(f.period_start);
            std::optional<std::string> pe = opt_date_text(f.period_end);
            std::string now = format_timestamp(at);
            long long monthly = f.monthly_amount.value;
            long long refund = f.refund_estimate.value;
            soci::statement st =
                (s->prepare << "UPDATE billing_findings SET review_id = :r, description = :d, "
                               "monthly_cents = :m, since = :s, months = :mo, refund_cents = :rf, "
                               "period_start = :ps, period_end = :pe, updated_at = :u "
                               "WHERE org_id = :o AND id = :i",
                 soci::use(review.value), soci::use(f.description), soci::use(monthly),
                 soci::use(since), soci::use(f.months), soci::use(refund), soci::use(ps),
                 soci::use(pe), soci::use(now), soci::use(org.value), soci::use(f.id.value));
            st.execute(true);
            if (st.get_affected_rows() == 0) {
                return not_found_row("finding", f.id.value);
            }
            *s << "DELETE FROM billing_finding_evidence WHERE org_id = :o AND finding_id = :f",
                soci::use(org.value), soci::use(f.id.value);
        }
        return insert_evidence(org, f.id, f);
    });
}

Result<Ok> SqlBillingStore::load_evidence(OrgId org, std::vector<Finding>& findings) {
    if (findings.empty()) {
        return Ok{};
    }
    std::map<std::int64_t, Finding*> by_id;
    for (Finding& f : findings) {
        by_id[f.id.value] = &f;
    }
    auto s = db_.session();
    std::int64_t account = findings.front().account_id.value;
    s.statements()
        .sql(
            "SELECT e.finding_id, e.source, e.file, e.line, e.text "
            "FROM billing_finding_evidence e JOIN billing_findings f "
            "ON f.id = e.finding_id AND f.org_id = e.org_id "
            "WHERE e.org_id = :o AND f.account_id = :a "
            "ORDER BY e.finding_id, e.position")
        .bind(org.value, account)
        .each([&](const RowReader& r) {
            auto it = by_id.find(r.i64(0));
            if (it != by_id.end()) {
                it->second->evidence.push_back({r.str(1), r.str(2), r.i64(3), r.str(4)});
            }
        });
    return Ok{};
}

Result<std::vector<Finding>> SqlBillingStore::list_findings(OrgId org, AccountId account) {
    return guarded("list_findings", [&]() -> Result<std::vector<Finding>> {
        std::vector<Finding> out;
        {
            auto s = db_.session();
            out = s.statements()
                      .sql(fmt::format("SELECT {} FROM billing_findings WHERE org_id = :o "
                                       "AND account_id = :a ORDER BY type, number, id",
                                       kFindingColumns))
                      .bind(org.value, account.value)
                      .all(read_finding);
        }
        HOVER_TRY(load_evidence(org, out));
        return out;
    });
}

Result<Finding> SqlBillingStore::find_finding(OrgId org, FindingId id) {
    return guarded("find_finding", [&]() -> Result<Finding> {
        auto s = db_.session();
        StatementCache& q = s.statements();
        std::optional<Finding> found =
            q.sql(fmt::format("SELECT {} FROM billing_findings WHERE org_id = :o AND id = :i",
                              kFindingColumns))
                .bind(org.value, id.value)
                .first(read_finding);
        if (!found) {
            return not_found_row("finding", id.value);
        }
        q.sql(
             "SELECT source, file, line, text FROM billing_finding_evidence "
             "WHERE org_id = :o AND finding_id = :f ORDER BY position")
            .bind(org.value, id.value)
            .each([&](const RowReader& r) {
                found->evidence.push_back({r.str(0), r.str(1), r.i64(2), r.str(3)});
            });
        return std::move(*found);
    });
}

Result<Ok> SqlBillingStore::update_finding_status(
    OrgId org, FindingId id, FindingStatus status, const std::string& note, Timestamp at) {
    return guarded("update_finding_status", [&]() -> Result<Ok> {
        auto s = db_.session();
        std::string name(to_name(status));
        std::string now = format_timestamp(at);
        soci::statement st =
            (s->prepare << "UPDATE billing_findings SET status_changed_at = CASE WHEN status = "
                           ":same THEN status_changed_at ELSE :changed END, status = :s, "
                           "note = :n, updated_at = :u WHERE org_id = :o AND id = :i",
             soci::use(name), soci::use(now), soci::use(name), soci::use(note), soci::use(now),
             soci::use(org.value), soci::use(id.value));
        st.execute(true);
        if (st.get_affected_rows() == 0) {
            return not_found_row("finding", id.value);
        }
        return Ok{};
    });
}

Result<std::vector<PendingFinding>> SqlBillingStore::list_pending_findings(OrgId org,
                                                                           UserId technician) {
    return guarded("list_pending_findings", [&]() -> Result<std::vector<PendingFinding>> {
        // Every agenda asks for this: through the statement cache, prepared once per session.
        auto s = db_.session();
        std::vector<PendingFinding> out;
        s.statements()
            .sql(
                "SELECT f.id, f.account_id, a.name, f.type, f.number, f.status, "
                "f.monthly_cents, f.refund_cents, f.status_changed_at "
                "FROM accounts a JOIN billing_findings f "
                "ON f.org_id = a.org_id AND f.account_id = a.id "
                "WHERE a.org_id = :o AND a.technician_id = :u "
                "AND f.status IN ('open', 'disputed') ORDER BY f.account_id, f.id")
            .bind(org.value, technician.value)
            .each([&](const RowReader& r) {
                PendingFinding p;
                p.id = FindingId{r.i64(0)};
                p.account_id = AccountId{r.i64(1)};
                p.account_name = r.str(2);
                p.type = r.enum_value<FindingType>(3, "billing_findings.type");
                p.number = r.str(4);
                p.status = r.enum_value<FindingStatus>(5, "billing_findings.status");
                p.monthly_amount = Cents{r.i64(6)};
                p.refund_estimate = Cents{r.i64(7)};
                p.status_changed_at = r.opt_timestamp(8);
                out.push_back(std::move(p));
            });
        return out;
    });
}

Result<Ok> SqlBillingStore::check_site(OrgId org,
                                       AccountId account,
                                       SiteId site,
                                       std::optional<LineId> line) {
    return guarded("check_site", [&]() -> Result<Ok> {
        auto s = db_.session();
        StatementCache& q = s.statements();
        std::int64_t n =
            q.sql("SELECT count(*) FROM sites WHERE org_id = :o AND id = :s AND account_id = :a")
                .bind(org.value, site.value, account.value)
                .returning_id();
        if (n == 0) {
            return not_found_row("site", site.value);
        }
        if (line) {
            n = q.sql("SELECT count(*) FROM lines WHERE org_id = :o AND id = :l AND site_id = :s")
                    .bind(org.value, line->value, site.value)
                    .returning_id();
            if (n == 0) {
                return not_found_row("line", line->value);
            }
        }
        return Ok{};
    });
}

Result<std::int64_t> SqlBillingStore::insert_verification(OrgId org, const FieldVerification& v) {
    return guarded("insert_verification", [&]() -> Result<std::int64_t> {
        auto s = db_.session();
        long long id = 0;
        std::optional<long long> line;
        if (v.line_id) {
            line = v.line_id->value;
        }
        std::optional<long long> measured;
        if (v.measured_mbps_milli) {
            measured = *v.measured_mbps_milli;
        }
        std::optional<long long> technician;
        if (v.technician_id) {
            technician = v.technician_id->value;
        }
        std::string result(to_name(v.result));
        std::string tested = format_timestamp(v.tested_at);
        soci::statement st =
            (s->prepare << "INSERT INTO billing_verifications (org_id, account_id, site_id, "
                           "line_id, number, result, measured_mbps_milli, tested_at, "
                           "technician_id, technician) VALUES (:o, :a, :s, :l, :n, :r, :m, :t, "
                           ":u, :tn) RETURNING id",
             soci::use(org.value), soci::use(v.account_id.value), soci::use(v.site_id.value),
             soci::use(line), soci::use(v.number), soci::use(result), soci::use(measured),
             soci::use(tested), soci::use(technician), soci::use(v.technician), soci::into(id));
        st.execute(true);
        st.clean_up();
        return static_cast<std::int64_t>(id);
    });
}

Result<std::vector<FieldVerification>> SqlBillingStore::list_verifications(OrgId org,
                                                                           AccountId account) {
    return guarded("list_verifications", [&]() -> Result<std::vector<FieldVerification>> {
        auto s = db_.session();
        std::vector<FieldVerification> out;
        s.statements()
            .sql(
                "SELECT v.id, v.account_id, v.site_id, v.line_id, v.number, v.result, "
                "v.measured_mbps_milli, v.tested_at, v.technician_id, "
                "COALESCE(u.display_name, v.technician), s.name "
                "FROM billing_verifications v "
                "JOIN sites s ON s.org_id = v.org_id AND s.id = v.site_id "
                "LEFT JOIN users u ON u.org_id = v.org_id AND u.id = v.technician_id "
                "WHERE v.org_id = :o AND v.account_id = :a ORDER BY v.tested_at, v.id")
            .bind(org.value, account.value)
            .each([&](const RowReader& r) {
                FieldVerification v;
                v.id = r.i64(0);
                v.account_id = AccountId{r.i64(1)};
                v.site_id = SiteId{r.i64(2)};
                v.line_id = r.opt<LineId>(3);
                v.number = r.str(4);
                v.result = r.enum_value<TestResult>(5, "billing_verifications.result");
                v.measured_mbps_milli = r.opt_i64(6);
                v.tested_at = r.timestamp(7);
                v.technician_id = r.opt<UserId>(8);
                v.technician = r.str(9);
                v.site_name = r.str(10);
                out.push_back(std::move(v));
            });
        return out;
    });
}

Result<Ok> SqlBillingStore::save_mapping(OrgId org,
                                         const std::string& carrier,
                                         const std::string& mapping,
                                         Timestamp at) {
    return guarded("save_mapping", [&]() -> Result<Ok> {
        auto s = db_.session();
        std::string now = format_timestamp(at);
        *s << "INSERT INTO billing_carrier_mappings (org_id, carrier, mapping, updated_at) "
              "VALUES (:o, :c, :m, :u) ON CONFLICT (org_id, carrier) DO UPDATE SET "
              "mapping = excluded.mapping, updated_at = excluded.updated_at",
            soci::use(org.value), soci::use(carrier), soci::use(mapping), soci::use(now);
        return Ok{};
    });
}

Result<std::optional<std::string>> SqlBillingStore::find_mapping(OrgId org,
                                                                 const std::string& carrier) {
    return guarded("find_mapping", [&]() -> Result<std::optional<std::string>> {
        auto s = db_.session();
        return s.statements()
            .sql(
                "SELECT mapping FROM billing_carrier_mappings WHERE org_id = :o AND "
                "carrier = :c")
            .bind(org.value, carrier)
            .first([](const RowReader& r) { return r.str(0); });
    });
}

}  // namespace hover::storage
