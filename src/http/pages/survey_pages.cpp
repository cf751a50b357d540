// The guided site survey (DESIGN.md R7): one unknown of one site per screen, on a phone, saving
// as it goes. The questions are the site's gaps in the knowledge checklist
// (domain/knowledge/knowledge.hpp) at the level of single fields: for each piece of equipment its
// make, model, install date and condition (and, for voicemail and auto attendants, whether they
// forget the holiday greeting); for the site its flood zone and paging dead zones. Each answer is
// one field of the same FieldSpecs, JSON and service validation as the edit forms, so a bad answer
// is refused exactly as the edit form would refuse it.
//
// Skipped questions travel in the query string (?skip=asset-4-model,site-flood_zone), so the
// survey needs no JavaScript and no server-side state; the last screen shows how much of the site
// is now known.
#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "app/app.hpp"
#include "domain/knowledge/knowledge.hpp"
#include "http/pages/forms.hpp"
#include "http/pages/html.hpp"
#include "http/pages/pages.hpp"
#include "io/json/records_json.hpp"

namespace hover::http::pages {
namespace {

using namespace records;
using nlohmann::json;

struct Question {
    std::string key;  // "asset-4-make", "site-flood_zone"
    std::optional<AssetId> asset;
    FieldSpec spec;  // named after the record's JSON field; its label is the question
};

std::string what(const Asset& a) {
    std::string name = humanize(to_name(a.category));
    if (!a.make.empty() || !a.model.empty()) {
        name += " (" + a.make + (a.make.empty() || a.model.empty() ? "" : " ") + a.model + ")";
    }
    if (!a.location.empty()) {
        name += " in " + a.location;
    }
    return name;
}

// Every survey check of the site, in order; `known` counts the ones already answered.
std::vector<Question> site_questions(const Site& site,
                                     const std::vector<Asset>& assets,
                                     int& total) {
    std::vector<Question> out;
    total = 0;
    auto ask = [&](bool known, Question q) {
        ++total;
        if (!known) {
            out.push_back(std::move(q));
        }
    };
    for (const auto& a : assets) {
        std::string id = std::to_string(a.id.value);
        ask(!a.make.empty(), {"asset-" + id + "-make",
                              a.id,
                              {.name = "make",
                               .label = "Who made the " + what(a) + "?",
                               .hint = "Mitel, Cisco, Yealink… It is on the label."}});
        ask(!a.model.empty(), {"asset-" + id + "-model",
                               a.id,
                               {.name = "model", .label = "Model of the " + what(a)}});
        ask(a.installed_on.has_value(), {"asset-" + id + "-installed_on",
                                         a.id,
                                         {.name = "installed_on",
                                          .label = "When was the " + what(a) + " installed?",
                                          .kind = FieldKind::kDate,
                                          .hint = "The first of the month will do."}});
        std::vector<Option> conditions;
        for (const auto& o : enum_options<Condition>()) {
            if (o.value != "unknown") {
                conditions.push_back(o);
            }
        }
        conditions.insert(conditions.begin(), Option{"", "Choose…"});
        ask(a.condition != Condition::kUnknown,
            {"asset-" + id + "-condition",
             a.id,
             {.name = "condition",
              .label = "What condition is the " + what(a) + " in?",
              .kind = FieldKind::kSelect,
              .options = conditions}});
        if (a.category == AssetCategory::kVoicemail ||
            a.category == AssetCategory::kAutoAttendant) {
            ask(a.forgets_holiday_greeting.has_value(),
                {"asset-" + id + "-forgets_holiday_greeting",
                 a.id,
                 {.name = "forgets_holiday_greeting",
                  .label = "Do they forget to change the holiday greeting on the " + what(a) + "?",
                  .kind = FieldKind::kYesNo}});
        }
    }
    ask(!site.flood_zone.empty(), {"site-flood_zone",
                                   std::nullopt,
                                   {.name = "flood_zone",
                                    .label = "What is the FEMA flood zone of " + site.name + "?",
                                    .hint = "A code like AE or X, from the FEMA flood map."}});
    ask(!site.paging_dead_zones.empty(),
        {"site-paging_dead_zones",
         std::nullopt,
         {.name = "paging_dead_zones",
          .label = "Where at " + site.name + " can the paging speakers not be heard?",
          .kind = FieldKind::kTextArea,
          .hint = "\"Back corner of the warehouse\"; \"none\" when it reaches everywhere."}});
    return out;
}

std::vector<std::string> split_skips(std::string_view text) {
    std::vector<std::string> out;
    std::string item;
    std::istringstream in{std::string(text)};
    while (std::getline(in, item, ',')) {
        if (!item.empty() && item.size() <= 80) {
            out.push_back(item);
        }
    }
    return out;
}

std::string join(const std::vector<std::string>& items) {
    return fmt::format("{}", fmt::join(items, ","));
}

struct SurveyState {
    Site site;
    Account account;
    std::vector<Asset> assets;
    std::vector<Question> open;  // unanswered, skipped or not
    int total = 0;
};

Result<SurveyState> load(App& app, const Actor& actor, SiteId id) {
    SurveyState s;
    s.site = HOVER_TRY(app.records().get_site(actor, id));
    s.account = HOVER_TRY(app.records().get_account(actor, s.site.account_id));
    s.assets = HOVER_TRY(app.records().list_assets_of_site(actor, id));
    s.open = site_questions(s.site, s.assets, s.total);
    return s;
}

Response survey_page(const PageCall& call,
                     App& app,
                     const SurveyState& s,
                     const std::vector<std::string>& skips,
                     const Question* question,
                     const FormState& state,
                     int status) {
    std::string site_id = std::to_string(s.site.id.value);
    ViewMap view{{"site_id", site_id},
                 {"site_name", s.site.name},
                 {"account_id", std::to_string(s.account.id.value)},
                 {"account_name", s.account.name},
                 {"csrf_token", call.context.csrf_token}};
    if (question != nullptr) {
        std::vector<std::string> with_this = skips;
        with_this.push_back(question->key);
        view["question"] = ViewMap{
            {"key", question->key},
            {"known", std::to_string(s.total - static_cast<int>(s.open.size()))},
            {"count", std::to_string(s.total)},
            {"left", std::to_string(s.open.size())},
            {"fields", render_fields({question->spec}, state)},
            {"general_error", state.general_error},
            {"skip", join(skips)},
            {"skip_next", percent_encode(join(with_this))},
            {"csrf_token", call.context.csrf_token},
        };
    } else {
        int known = s.total - static_cast<int>(s.open.size());
        int percent = s.total == 0 ? 100 : known * 100 / s.total;
        ViewList skipped;
        for (const auto& q : s.open) {
            skipped.push_back(ViewMap{{"label", q.spec.label}});
        }
        auto overview = app.records().account_overview(call.actor(), s.account.id);
        ViewMap done{{"percent", std::to_string(percent)}, {"known", std::to_string(known)},
                     {"total", std::to_string(s.total)},   {"has_skipped", !s.open.empty()},
                     {"skipped", std::move(skipped)},      {"no_assets", s.assets.empty()}};
        if (overview) {
            done["account_percent"] = std::to_string(knowledge::knowledge_score(*overview).percent);
        }
        view["done"] = std::move(done);
    }
    return html_page(layout_for(call.context, "Survey of " + s.site.name), "survey", view,
                     {"fields"}, status);
}

const Question* first_open(const SurveyState& s, const std::vector<std::string>& skips) {
    for (const auto& q : s.open) {
        if (std::find(skips.begin(), skips.end(), q.key) == skips.end()) {
            return &q;
        }
    }
    return nullptr;
}

}  // namespace

// REQ: R7 (the guided site survey)
Result<Response> Pages::site_survey(const PageCall& call) {
    SurveyState s = HOVER_TRY(load(app_, call.actor(), SiteId{call.id()}));
    auto skips = split_skips(call.request.query_param("skip").value_or(""));
    return survey_page(call, app_, s, skips, first_open(s, skips), {}, 200);
}

// REQ: R7
Result<Response> Pages::answer_survey(const PageCall& call) {
    SurveyState s = HOVER_TRY(load(app_, call.actor(), SiteId{call.id()}));
    auto skips = split_skips(form_value(call.form, "skip"));
    std::string next = fmt::format("/sites/{}/survey", s.site.id.value);
    if (!skips.empty()) {
        next += "?skip=" + percent_encode(join(skips));
    }
    std::string key = form_value(call.form, "question");
    auto it =
        std::find_if(s.open.begin(), s.open.end(), [&](const Question& q) { return q.key == key; });
    if (it == s.open.end()) {
        return redirect(next);  // answered meanwhile (another tab): go on with the next one
    }
    const Question& q = *it;
    std::vector<FieldSpec> specs{q.spec};
    FormState state = form_from_post(specs, call.form);
    if (state.values[q.spec.name].empty()) {
        state.errors[q.spec.name] = "Give an answer, or skip this question.";
        return survey_page(call, app_, s, skips, &q, state, 422);
    }
    auto body = to_json_body(specs, state);
    if (!body) {
        return survey_page(call, app_, s, skips, &q, state, 422);
    }
    Result<Ok> saved = Ok{};
    if (q.asset) {
        auto asset_it = std::find_if(s.assets.begin(), s.assets.end(),
                                     [&](const Asset& a) { return a.id == *q.asset; });
        Asset asset = *asset_it;
        // Only the answered field: the same patch the API's PATCH applies.
        saved = io::apply_asset_json(*body, asset);
        if (saved) {
            asset.site_id = s.site.id;
            auto updated = app_.records().update_asset(call.actor(), asset);
            saved = updated ? Result<Ok>(Ok{}) : Result<Ok>(updated.error());
        }
    } else {
        Site site = s.site;
        // Only the answered field: the same patch the API's PATCH applies.
        saved = io::apply_site_json(*body, site);
        if (saved) {
            site.account_id = s.site.account_id;
            auto updated = app_.records().update_site(call.actor(), site);
            saved = updated ? Result<Ok>(Ok{}) : Result<Ok>(updated.error());
        }
    }
    if (!saved) {
        attach_error(state, saved.error());
        int status = error_policy(saved.error().code).http_status;
        return survey_page(call, app_, s, skips, &q, state, status == 404 ? 422 : status);
    }
    return redirect(next);
}

}  // namespace hover::http::pages
