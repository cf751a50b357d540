#include "domain/billing/billing_service.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include <fmt/format.h>

namespace hover::billing {

// The field verifications as a verification sheet's rows (and measured speeds), appended to
// `input`: the latest test of a number wins in reconcile() whichever source it came from.
void add_field_verifications(const std::vector<FieldVerification>& field, ReviewInput& input) {
    for (const FieldVerification& f : field) {
        Verification v;
        v.number = f.number;
        if (!f.number.empty() && f.number.front() == '+') {
            v.e164 = f.number;
        }
        v.location = f.site_name;
        v.result = f.result;
        v.tested_at = f.tested_at;
        v.technician = f.technician;
        v.source = {"recorded on site", 0};
        input.verifications.push_back(std::move(v));
        if (f.measured_mbps_milli) {
            input.bandwidth.push_back({f.number,
                                       static_cast<double>(*f.measured_mbps_milli) / 1000.0,
                                       {"recorded on site", 0}});
        }
    }
}

bool FindingFilter::matches(const Finding& f) const {
    return (types.empty() || std::find(types.begin(), types.end(), f.type) != types.end()) &&
           (statuses.empty() ||
            std::find(statuses.begin(), statuses.end(), f.status) != statuses.end());
}

Result<std::vector<Finding>> BillingService::list_findings(const Actor& actor,
                                                           AccountId account,
                                                           const FindingFilter& filter) {
    std::vector<Finding> out;
    HOVER_TRY(store_.read_snapshot([&]() -> Result<Ok> {
        HOVER_TRY(store_.check_account(actor.org_id, account));
        out = HOVER_TRY(store_.list_findings(actor.org_id, account));
        return Ok{};
    }));
    std::erase_if(out, [&](const Finding& f) { return !filter.matches(f); });
    return out;
}

Result<AccountBilling> BillingService::account_billing(const Actor& actor, AccountId account) {
    AccountBilling out;
    HOVER_TRY(store_.read_snapshot([&]() -> Result<Ok> {
        HOVER_TRY(store_.check_account(actor.org_id, account));
        out.findings = HOVER_TRY(store_.list_findings(actor.org_id, account));
        std::vector<StoredReview> reviews = HOVER_TRY(store_.list_reviews(actor.org_id, account));
        if (!reviews.empty()) {
            out.latest_review = reviews.front();
        }
        return Ok{};
    }));
    for (auto s : {FindingStatus::kOpen, FindingStatus::kDisputed, FindingStatus::kCredited,
                   FindingStatus::kRejected}) {
        out.by_status[s] = TypeTotal{};
    }
    std::vector<Finding> pending;
    for (const Finding& f : out.findings) {
        TypeTotal& st = out.by_status[f.status];
        ++st.count;
        st.monthly += f.monthly_amount;
        st.refund += f.refund_estimate;
        if (f.status == FindingStatus::kOpen || f.status == FindingStatus::kDisputed) {
            pending.push_back(f);
        }
    }
    out.totals = compute_totals(pending, {});
    return out;
}

Result<Finding> BillingService::get_finding(const Actor& actor, FindingId id) {
    return store_.find_finding(actor.org_id, id);
}

Result<std::vector<PendingFinding>> BillingService::pending_findings(const Actor& actor,
                                                                     UserId technician) {
    std::vector<PendingFinding> out;
    HOVER_TRY(store_.read_snapshot([&]() -> Result<Ok> {
        out = HOVER_TRY(store_.list_pending_findings(actor.org_id, technician));
        return Ok{};
    }));
    return out;
}

Result<Finding> BillingService::set_finding_status(const Actor& actor,
                                                   FindingId id,
                                                   std::string_view status,
                                                   std::optional<std::string> note) {
    FindingStatus to = HOVER_TRY(parse_enum<FindingStatus>(status, "status"));
    if (note && note->size() > 2000) {
        return Error::invalid("note", "The note is too long (at most 2000 characters).");
    }
    Finding out;
    HOVER_TRY(store_.transaction([&]() -> Result<Ok> {
        Finding f = HOVER_TRY(store_.find_finding(actor.org_id, id));
        if (!status_change_allowed(f.status, to)) {
            std::string allowed;
            for (auto s : {FindingStatus::kOpen, FindingStatus::kDisputed, FindingStatus::kCredited,
                           FindingStatus::kRejected}) {
                if (s != f.status && status_change_allowed(f.status, s)) {
                    allowed += allowed.empty() ? "" : " or ";
                    allowed += to_name(s);
                }
            }
            return Error{ErrorCode::kConflict,
                         fmt::format("A finding that is {} cannot become {}; it can become {}.",
                                     to_name(f.status), to_name(to), allowed),
                         "", "status"};
        }
        HOVER_TRY(store_.update_finding_status(actor.org_id, id, to, note.value_or(f.note),
                                               clock_.now()));
        out = HOVER_TRY(store_.find_finding(actor.org_id, id));
        return Ok{};
    }));
    return out;
}

Result<ReviewResult> BillingService::run_review(const Actor& actor,
                                                AccountId account,
                                                const ReviewInput& input,
                                                const ReviewSettings& settings) {
    if (settings.dispute_window_months < 1 || settings.dispute_window_months > 120) {
        return Error::invalid("dispute_window_months", "The dispute window is 1 to 120 months.");
    }
    const Timestamp now = clock_.now();
    ReviewResult result;
    HOVER_TRY(store_.transaction([&]() -> Result<Ok> {
        HOVER_TRY(store_.check_account(actor.org_id, account));
        // What the technicians recorded on site counts like a verification sheet's rows.
        std::vector<FieldVerification> field =
            HOVER_TRY(store_.list_verifications(actor.org_id, account));
        if (field.empty()) {
            result = reconcile(input, settings);
        } else {
            ReviewInput merged = input;
            add_field_verifications(field, merged);
            result = reconcile(merged, settings);
        }
        StoredReview review;
        review.org_id = actor.org_id;
        review.account_id = account;
        review.period_start = result.period_start;
        review.period_end = result.period_end;
        review.monthly_savings = result.totals.monthly_savings;
        review.refund_to_claim = result.totals.refund_to_claim;
        review.billed_total = result.totals.billed_total;
        review.findings = static_cast<std::int64_t>(result.findings.size());
        review.created_at = now;
        review.created_by = actor.user_id;
        BillingReviewId review_id = HOVER_TRY(store_.insert_review(review));
        std::vector<Finding> stored = HOVER_TRY(store_.list_findings(actor.org_id, account));
        std::map<std::pair<FindingType, std::string>, const Finding*> by_key;
        for (const Finding& f : stored) {
            by_key[{f.type, f.number}] = &f;
        }
        for (Finding& f : result.findings) {
            f.account_id = account;
            auto it = by_key.find({f.type, f.number});
            if (it != by_key.end()) {
                f.id = it->second->id;
                f.status = it->second->status;
                f.note = it->second->note;
                HOVER_TRY(store_.refresh_finding(actor.org_id, review_id, f, now));
            } else {
                f.id = HOVER_TRY(store_.insert_finding(actor.org_id, review_id, f, now));
            }
        }
        return Ok{};
    }));
    return result;
}

Result<FieldVerification> BillingService::record_verification(const Actor& actor,
                                                              AccountId account,
                                                              SiteId site,
                                                              std::optional<LineId> line,
                                                              std::string number,
                                                              std::string_view result,
                                                              std::optional<double> measured_mbps) {
    FieldVerification v;
    HOVER_TRY(store_.transaction([&]() -> Result<Ok> {
        // Another organisation's (or account's) site is not found before anything is checked.
        HOVER_TRY(store_.check_site(actor.org_id, account, site, line));
        v.result = HOVER_TRY(parse_enum<TestResult>(result, "result"));
        if (number.empty() || number.size() > 64) {
            return Error::invalid("number",
                                  "Name the number or circuit tested (at most 64 characters).");
        }
        if (measured_mbps && (!(*measured_mbps >= 0) || *measured_mbps > 1'000'000)) {
            return Error::invalid("measured_mbps",
                                  "Give the measured speed in Mbit/s, from 0 to 1000000.");
        }
        v.account_id = account;
        v.site_id = site;
        v.line_id = line;
        v.number = std::move(number);
        if (measured_mbps) {
            v.measured_mbps_milli = static_cast<std::int64_t>(*measured_mbps * 1000 + 0.5);
        }
        v.tested_at = clock_.now();
        v.technician_id = actor.user_id;
        v.id = HOVER_TRY(store_.insert_verification(actor.org_id, v));
        return Ok{};
    }));
    return v;
}

Result<std::vector<FieldVerification>> BillingService::list_verifications(const Actor& actor,
                                                                          AccountId account) {
    std::vector<FieldVerification> out;
    HOVER_TRY(store_.read_snapshot([&]() -> Result<Ok> {
        HOVER_TRY(store_.check_account(actor.org_id, account));
        out = HOVER_TRY(store_.list_verifications(actor.org_id, account));
        return Ok{};
    }));
    return out;
}

Result<Ok> BillingService::save_mapping(const Actor& actor,
                                        const std::string& carrier,
                                        const std::string& mapping) {
    if (carrier.empty() || carrier.size() > 200) {
        return Error::invalid("carrier", "Name the carrier (at most 200 characters).");
    }
    if (mapping.empty()) {
        return Error::invalid("mapping", "The column mapping is empty.");
    }
    return store_.transaction(
        [&]() { return store_.save_mapping(actor.org_id, carrier, mapping, clock_.now()); });
}

Result<std::optional<std::string>> BillingService::find_mapping(const Actor& actor,
                                                                const std::string& carrier) {
    return store_.find_mapping(actor.org_id, carrier);
}

}  // namespace hover::billing
