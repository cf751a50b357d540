// File: io/billing/billing_json.hpp
//
// The JSON form of the billing review: findings, suggestions and a whole review run, as
// `hover review --json` prints them and the API sends them. Schema: src/domain/billing/README.md
// ("JSON"). Money is integer cents in fields ending in "_cents"; dates "YYYY-MM-DD".
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "domain/billing/billing.hpp"
#include "domain/billing/insight.hpp"
#include "domain/billing/reconcile.hpp"
#include "io/billing/review_files.hpp"

namespace hover::io {

nlohmann::json to_json(const billing::Finding& finding);
nlohmann::json to_json(const billing::Suggestion& suggestion);
nlohmann::json to_json(const billing::ReviewTotals& totals);
nlohmann::json to_json(const ImportProblem& problem);
// {"schema": "hover.billing_review/1", "period", "settings", "summary", "findings",
//  "suggestions", "inputs", "problems"}
nlohmann::json to_json(const ReviewRun& run);

}  // namespace hover::io
