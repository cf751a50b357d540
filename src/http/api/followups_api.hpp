// File: http/api/followups_api.hpp
//
// FollowupsApi: the JSON handlers of follow-ups under /api/v1 (DESIGN F1). Same conventions as
// RecordsApi: a row of another organisation is a 404 (the parent is looked up before the body is
// read), POST answers 201, lists answer {"items":[...]}.
//
// JSON: {"id", "account_id", "contact_id", "assigned_to", "due_on": "YYYY-MM-DD",
//        "due_time": "HH:MM" or null (local, in the policy's time zone),
//        "channel": "phone|email|text|visit", "reason", "status": "open|done", "created_by",
//        "created_at", "closed_at", "closed_by", "outcome", "next_id", "no_next_reason",
//        "policy_override_reason", "policy_overridden_rules"}.
// A plan that breaks the contact policy answers 409 with the rule, the first allowed date and
// "field"; send "policy_override_reason" to plan it anyway.
// Policy settings JSON: {"min_days_between_touches", "max_touches_per_30_days",
//   "quiet_weekdays": ["saturday", "sunday"], "quiet_from": "18:00", "quiet_until": "08:00",
//   "preferred_channel", "time_zone", "ideal_interval_days", "max_interval_days"}.
// Closing: POST /api/v1/followups/{id}/close with {"outcome": "...", "next": {due_on, channel,
// reason, contact_id?, assigned_to?}} or {"outcome": "...", "no_next_reason": "..."}.
#pragma once

#include "core/result.hpp"
#include "domain/followups/followup_service.hpp"
#include "http/api/api_call.hpp"

namespace hover::http {

class FollowupsApi {
public:
    FollowupsApi(followups::FollowupService& followups, records::RecordService& records)
        : followups_(followups), records_(records) {}

    Result<Response> list_of_account(const ApiCall& call);  // GET /accounts/{id}/followups
    Result<Response> plan(const ApiCall& call);             // POST /accounts/{id}/followups
    Result<Response> get(const ApiCall& call);              // GET /followups/{id}
    Result<Response> close(const ApiCall& call);            // POST /followups/{id}/close
    // GET /api/v1/followups?assigned_to=  (open follow-ups, by due date)
    Result<Response> list_open(const ApiCall& call);
    // GET /api/v1/hover-gaps?technician_id=&page=&per_page= : one page of gaps (a technician's
    // own for a technician) with the counts per technician.
    Result<Response> hover_gaps(const ApiCall& call);
    // GET /api/v1/policy-overrides?from=&until= (admins and managers): follow-ups planned
    // against the contact policy, counted per user and per account, and the latest with reasons.
    Result<Response> policy_overrides(const ApiCall& call);

    // Contact policy settings (F2, F3): the organisation's defaults, an account's or a
    // contact's override. PUT replaces the level; null or a missing field inherits.
    Result<Response> get_org_policy(const ApiCall& call);
    Result<Response> put_org_policy(const ApiCall& call);
    Result<Response> get_account_policy(const ApiCall& call);
    Result<Response> put_account_policy(const ApiCall& call);
    Result<Response> get_contact_policy(const ApiCall& call);
    Result<Response> put_contact_policy(const ApiCall& call);
    // GET /api/v1/accounts/{id}/policy-check?due_on=&channel=&due_time=&contact_id=
    Result<Response> check_policy(const ApiCall& call);
    // GET /api/v1/accounts/{id}/stay-in-touch
    Result<Response> stay_in_touch(const ApiCall& call);
    // GET /api/v1/accounts/{id}/knowledge (R7): the knowledge score and the unknowns
    Result<Response> knowledge(const ApiCall& call);
    // GET /api/v1/contacts/{id}/reachability (F6)
    Result<Response> reachability(const ApiCall& call);

private:
    followups::FollowupService& followups_;
    records::RecordService& records_;
};

nlohmann::json to_json(const followups::Followup& followup);
// A follow-up to plan, from JSON (the API body, or a page's form as JSON); `prefix` names the
// fields in errors ("next.").
Result<followups::Followup> followup_from_json(const nlohmann::json& body, std::string_view prefix);
nlohmann::json to_json(const followups::HoverGap& gap);
// {"items", "page", "per_page", "total", "technician_id", "by_technician": [{"technician_id",
//  "technician_name", "count"}], "organisation_total"}
nlohmann::json hover_gap_report_json(const followups::HoverGapReport& report,
                                     const std::vector<records::User>& users);
// {"from", "until", "total", "by_user": [{"user_id", "user_name", "count"}], "by_account":
//  [{"account_id", "account_name", "count"}], "latest": [{"followup_id", "account_id", ...}]}
nlohmann::json override_report_json(const followups::OverrideReport& report,
                                    const std::vector<records::User>& users);
// Contact policy settings as the API shows them, and from a JSON body (null or missing: inherit;
// unknown fields refused).
nlohmann::json policy_settings_json(const followups::PolicySettings& settings);
Result<followups::PolicySettings> policy_settings_from_json(const nlohmann::json& body);

}  // namespace hover::http
