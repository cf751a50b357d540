// New and edit forms for accounts, sites, contacts, assets and lines. Each is a list of
// FieldSpecs named after the JSON fields (io/json), so a POST is converted to the JSON body the
// API takes, applied with apply_*_json and saved by the service: one validation for both.
#include <fmt/format.h>

#include "app/app.hpp"
#include "http/api/followups_api.hpp"
#include "http/pages/forms.hpp"
#include "http/pages/html.hpp"
#include "http/pages/pages.hpp"
#include "io/json/records_json.hpp"

namespace hover::http::pages {
namespace {

using namespace records;
using nlohmann::json;

struct FormText {
    std::string title;
    std::string heading;
    std::string action;
    std::string back;
    std::string back_label;
    std::string submit = "Save";
};

Response form_page(const PageCall& call,
                   const FormText& text,
                   const std::vector<FieldSpec>& specs,
                   const FormState& state,
                   int status = 200) {
    ViewMap view{
        {"heading", text.heading},
        {"action", text.action},
        {"back", text.back},
        {"back_label", text.back_label},
        {"submit", text.submit},
        {"fields", render_fields(specs, state)},
        {"general_error", state.general_error},
        {"has_errors", !state.errors.empty() && state.general_error.empty()},
        {"csrf_token", call.context.csrf_token},
    };
    return html_page(layout_for(call.context, text.title), "form", view, {"fields"}, status);
}

// Shows the form again with `error` next to its field; saves nothing.
Response refused(const PageCall& call,
                 const FormText& text,
                 const std::vector<FieldSpec>& specs,
                 FormState state,
                 const Error& error) {
    attach_error(state, error);
    int status = error_policy(error.code).http_status;
    return form_page(call, text, specs, state, status == 404 ? 422 : status);
}

// POST: the typed JSON body of the form, or the form again with the conversion errors.
std::variant<json, Response> posted_body(const PageCall& call,
                                         const FormText& text,
                                         const std::vector<FieldSpec>& specs,
                                         FormState& state) {
    state = form_from_post(specs, call.form);
    auto body = to_json_body(specs, state);
    if (!body) {
        return form_page(call, text, specs, state, 422);
    }
    return std::move(*body);
}

Response saved(std::int64_t account_id) {
    return redirect(fmt::format("/accounts/{}?done=saved", account_id));
}

std::vector<Option> with_none(std::string none, std::vector<Option> options) {
    options.insert(options.begin(), Option{"", std::move(none)});
    return options;
}

// ---- Accounts

std::vector<FieldSpec> account_specs(const std::vector<User>& users) {
    std::vector<Option> technicians;
    for (const auto& user : users) {
        technicians.push_back({std::to_string(user.id.value), user.display_name});
    }
    std::vector<Option> months;
    for (int m = 1; m <= 12; ++m) {
        static constexpr std::array<const char*, 12> kNames{
            "January", "February", "March",     "April",   "May",      "June",
            "July",    "August",   "September", "October", "November", "December"};
        months.push_back({std::to_string(m), kNames[static_cast<std::size_t>(m - 1)]});
    }
    return {
        {.name = "name", .label = "Name", .required = true, .autocomplete = "organization"},
        {.name = "status",
         .label = "Status",
         .kind = FieldKind::kSelect,
         .options = enum_options<AccountStatus>()},
        {.name = "technician_id",
         .label = "Technician",
         .kind = FieldKind::kSelect,
         .options = with_none("Nobody yet", technicians),
         .numeric = true},
        {.name = "industry", .label = "Industry"},
        {.name = "region", .label = "Region", .hint = "The area you group customers by."},
        {.name = "annual_revenue_cents", .label = "Annual revenue ($)", .kind = FieldKind::kMoney},
        {.name = "next_refresh_year",
         .label = "Plans to replace their system in (year)",
         .kind = FieldKind::kInt,
         .section = "Product cycle"},
        {.name = "budget_month",
         .label = "Budget is set in",
         .kind = FieldKind::kSelect,
         .options = with_none("Unknown", months),
         .numeric = true},
        {.name = "comms_flow_notes",
         .label = "Communications flow",
         .kind = FieldKind::kTextArea,
         .hint = "Main numbers, auto attendant options, hunt groups, who answers."},
        {.name = "notes", .label = "Notes", .kind = FieldKind::kTextArea},
    };
}

// ---- Sites

std::vector<FieldSpec> site_specs() {
    return {
        {.name = "name",
         .label = "Site name",
         .required = true,
         .hint = "\"Main office\", \"Warehouse\"."},
        {.name = "street", .label = "Street", .autocomplete = "street-address"},
        {.name = "city", .label = "City", .autocomplete = "address-level2"},
        {.name = "state", .label = "State", .autocomplete = "address-level1"},
        {.name = "postal_code", .label = "ZIP code", .autocomplete = "postal-code"},
        {.name = "country", .label = "Country", .hint = "Two letters: US."},
        {.name = "paging_dead_zones",
         .label = "Paging dead zones",
         .kind = FieldKind::kTextArea,
         .section = "On site"},
        {.name = "access_notes",
         .label = "Access notes",
         .kind = FieldKind::kTextArea,
         .hint = "Gate codes, where the closet key is, who lets you in."},
        {.name = "tornado_alley",
         .label = "In tornado alley",
         .kind = FieldKind::kCheckbox,
         .section = "Weather and hazards"},
        {.name = "lightning_prone", .label = "Lightning-prone", .kind = FieldKind::kCheckbox},
        {.name = "flood_zone",
         .label = "FEMA flood zone",
         .hint = "\"AE\", \"X\"; blank if unknown."},
        {.name = "county_fips", .label = "County code (SAME)", .hint = "Six digits: 040109."},
        {.name = "nws_zone", .label = "NWS zone", .hint = "Like OKZ025."},
        {.name = "latitude", .label = "Latitude", .kind = FieldKind::kDecimal},
        {.name = "longitude", .label = "Longitude", .kind = FieldKind::kDecimal},
    };
}

// ---- Contacts

std::vector<FieldSpec> contact_specs() {
    std::vector<FieldSpec> specs{
        {.name = "first_name", .label = "First name", .autocomplete = "given-name"},
        {.name = "last_name", .label = "Last name", .autocomplete = "family-name"},
        {.name = "job_title", .label = "Job title"},
        {.name = "link.role",
         .label = "Role at this account",
         .hint = "\"Office manager\", \"Owner\", \"Answers the phone\"."},
        {.name = "link.decision_maker", .label = "Decision maker", .kind = FieldKind::kCheckbox},
    };
    for (int i = 0; i < 3; ++i) {
        specs.push_back({.name = fmt::format("phones[{}].label", i),
                         .label = fmt::format("Phone {} label", i + 1),
                         .hint = "mobile, desk, home",
                         .section = i == 0 ? "Phones" : ""});
        specs.push_back({.name = fmt::format("phones[{}].number", i),
                         .label = fmt::format("Phone {} number", i + 1),
                         .kind = FieldKind::kTel,
                         .autocomplete = "tel"});
    }
    for (int i = 0; i < 2; ++i) {
        specs.push_back({.name = fmt::format("emails[{}].label", i),
                         .label = fmt::format("Email {} label", i + 1),
                         .section = i == 0 ? "Email" : ""});
        specs.push_back({.name = fmt::format("emails[{}].address", i),
                         .label = fmt::format("Email {} address", i + 1),
                         .kind = FieldKind::kEmail,
                         .autocomplete = "email"});
    }
    std::vector<FieldSpec> rest{
        {.name = "preferred_channel",
         .label = "Preferred channel",
         .kind = FieldKind::kSelect,
         .options = enum_options<Channel>(),
         .section = "How to reach them"},
        {.name = "preferred_hours", .label = "Best hours", .hint = "\"mornings before 10\""},
        {.name = "phone_habit",
         .label = "On the phone",
         .kind = FieldKind::kSelect,
         .options = enum_options<PhoneHabit>()},
        {.name = "technical_level",
         .label = "Technical level",
         .kind = FieldKind::kSelect,
         .options = enum_options<TechnicalLevel>()},
        {.name = "communication_style", .label = "Communication style"},
        {.name = "do_not_contact", .label = "Do not contact", .kind = FieldKind::kCheckbox},
        {.name = "birthday", .label = "Birthday", .kind = FieldKind::kDate, .section = "Personal"},
        {.name = "family", .label = "Family"},
        {.name = "interests", .label = "Interests"},
        {.name = "how_we_met", .label = "How we met"},
        {.name = "notes", .label = "Notes", .kind = FieldKind::kTextArea},
    };
    specs.insert(specs.end(), rest.begin(), rest.end());
    return specs;
}

// Moves the "link" part of a contact form (role and decision maker at one account) onto the
// contact's link to that account.
void apply_link(json& body, Contact& contact, AccountId account) {
    json link = body.contains("link") ? body["link"] : json::object();
    body.erase("link");
    AccountLink* existing = nullptr;
    for (auto& l : contact.accounts) {
        if (l.account_id == account) {
            existing = &l;
        }
    }
    if (existing == nullptr) {
        contact.accounts.push_back({.account_id = account});
        existing = &contact.accounts.back();
    }
    existing->role = link.value("role", "");
    existing->decision_maker = link.value("decision_maker", false);
}

// ---- Assets and lines

std::vector<FieldSpec> asset_specs() {
    return {
        {.name = "category",
         .label = "What is it",
         .kind = FieldKind::kSelect,
         .options = enum_options<AssetCategory>()},
        {.name = "make", .label = "Make", .hint = "Mitel, Cisco, Yealink…"},
        {.name = "model", .label = "Model"},
        {.name = "serial", .label = "Serial number"},
        {.name = "installed_on", .label = "Installed on", .kind = FieldKind::kDate},
        {.name = "condition",
         .label = "Condition",
         .kind = FieldKind::kSelect,
         .options = enum_options<Condition>()},
        {.name = "location", .label = "Where", .hint = "\"2nd floor IDF, rack B\""},
        {.name = "warranty_ends", .label = "Warranty ends", .kind = FieldKind::kDate},
        {.name = "end_of_life", .label = "End of life", .kind = FieldKind::kDate},
        {.name = "forgets_holiday_greeting",
         .label = "Forgets to change the holiday greeting",
         .kind = FieldKind::kYesNo,
         .hint = "For voicemail and auto attendants."},
        {.name = "notes", .label = "Notes", .kind = FieldKind::kTextArea},
    };
}

std::vector<FieldSpec> line_specs() {
    return {
        {.name = "number",
         .label = "Number",
         .kind = FieldKind::kTel,
         .hint = "For numbered services; any format."},
        {.name = "circuit_id", .label = "Circuit id", .hint = "For circuits."},
        {.name = "carrier", .label = "Carrier"},
        {.name = "type",
         .label = "Type",
         .kind = FieldKind::kSelect,
         .options = enum_options<LineType>()},
        {.name = "status",
         .label = "Status",
         .kind = FieldKind::kSelect,
         .options = enum_options<LineStatus>()},
        {.name = "bandwidth_down_kbps", .label = "Download (kbit/s)", .kind = FieldKind::kInt},
        {.name = "bandwidth_up_kbps", .label = "Upload (kbit/s)", .kind = FieldKind::kInt},
        {.name = "monthly_charge_cents", .label = "Monthly charge ($)", .kind = FieldKind::kMoney},
        {.name = "notes", .label = "Notes", .kind = FieldKind::kTextArea},
    };
}

}  // namespace

// ---- Accounts

Result<Response> Pages::new_account(const PageCall& call) {
    auto users = HOVER_TRY(app_.records().list_users(call.actor()));
    FormText text{"New account", "New account", "/accounts", "/accounts", "Accounts"};
    Account blank;
    blank.technician_id = call.actor().user_id;
    return form_page(call, text, account_specs(users),
                     form_from_json(account_specs(users), io::to_json(blank)));
}

Result<Response> Pages::create_account(const PageCall& call) {
    auto users = HOVER_TRY(app_.records().list_users(call.actor()));
    auto specs = account_specs(users);
    FormText text{"New account", "New account", "/accounts", "/accounts", "Accounts"};
    FormState state;
    auto body = posted_body(call, text, specs, state);
    if (auto* response = std::get_if<Response>(&body)) {
        return std::move(*response);
    }
    Account account;
    if (auto applied = io::apply_account_json(std::get<json>(body), account); !applied) {
        return refused(call, text, specs, std::move(state), applied.error());
    }
    auto created = app_.records().create_account(call.actor(), account);
    if (!created) {
        return refused(call, text, specs, std::move(state), created.error());
    }
    return saved(created->id.value);
}

Result<Response> Pages::edit_account(const PageCall& call) {
    Account account = HOVER_TRY(app_.records().get_account(call.actor(), AccountId{call.id()}));
    auto specs = account_specs(HOVER_TRY(app_.records().list_users(call.actor())));
    std::string back = fmt::format("/accounts/{}", call.id());
    FormText text{"Edit " + account.name, "Edit " + account.name, back, back, account.name};
    return form_page(call, text, specs, form_from_json(specs, io::to_json(account)));
}

Result<Response> Pages::update_account(const PageCall& call) {
    Account account = HOVER_TRY(app_.records().get_account(call.actor(), AccountId{call.id()}));
    auto specs = account_specs(HOVER_TRY(app_.records().list_users(call.actor())));
    std::string back = fmt::format("/accounts/{}", call.id());
    FormText text{"Edit " + account.name, "Edit " + account.name, back, back, account.name};
    FormState state;
    auto body = posted_body(call, text, specs, state);
    if (auto* response = std::get_if<Response>(&body)) {
        return std::move(*response);
    }
    if (auto applied = io::apply_account_json(std::get<json>(body), account); !applied) {
        return refused(call, text, specs, std::move(state), applied.error());
    }
    if (auto updated = app_.records().update_account(call.actor(), account); !updated) {
        return refused(call, text, specs, std::move(state), updated.error());
    }
    return saved(call.id());
}

// ---- Sites

Result<Response> Pages::new_site(const PageCall& call) {
    Account account = HOVER_TRY(app_.records().get_account(call.actor(), AccountId{call.id()}));
    std::string back = fmt::format("/accounts/{}", call.id());
    FormText text{"New site", "New site for " + account.name,
                  fmt::format("/accounts/{}/sites", call.id()), back, account.name};
    return form_page(call, text, site_specs(), form_from_json(site_specs(), io::to_json(Site{})));
}

Result<Response> Pages::create_site(const PageCall& call) {
    Account account = HOVER_TRY(app_.records().get_account(call.actor(), AccountId{call.id()}));
    std::string back = fmt::format("/accounts/{}", call.id());
    FormText text{"New site", "New site for " + account.name,
                  fmt::format("/accounts/{}/sites", call.id()), back, account.name};
    auto specs = site_specs();
    FormState state;
    auto body = posted_body(call, text, specs, state);
    if (auto* response = std::get_if<Response>(&body)) {
        return std::move(*response);
    }
    Site site;
    if (auto applied = io::apply_site_json(std::get<json>(body), site); !applied) {
        return refused(call, text, specs, std::move(state), applied.error());
    }
    site.account_id = account.id;
    if (auto created = app_.records().create_site(call.actor(), site); !created) {
        return refused(call, text, specs, std::move(state), created.error());
    }
    return saved(account.id.value);
}

Result<Response> Pages::edit_site(const PageCall& call) {
    Site site = HOVER_TRY(app_.records().get_site(call.actor(), SiteId{call.id()}));
    std::string back = fmt::format("/accounts/{}", site.account_id.value);
    FormText text{"Edit " + site.name, "Edit " + site.name, fmt::format("/sites/{}", call.id()),
                  back, "Account"};
    return form_page(call, text, site_specs(), form_from_json(site_specs(), io::to_json(site)));
}

Result<Response> Pages::update_site(const PageCall& call) {
    Site site = HOVER_TRY(app_.records().get_site(call.actor(), SiteId{call.id()}));
    std::string back = fmt::format("/accounts/{}", site.account_id.value);
    FormText text{"Edit " + site.name, "Edit " + site.name, fmt::format("/sites/{}", call.id()),
                  back, "Account"};
    auto specs = site_specs();
    FormState state;
    auto body = posted_body(call, text, specs, state);
    if (auto* response = std::get_if<Response>(&body)) {
        return std::move(*response);
    }
    AccountId account = site.account_id;
    if (auto applied = io::apply_site_json(std::get<json>(body), site); !applied) {
        return refused(call, text, specs, std::move(state), applied.error());
    }
    site.account_id = account;
    if (auto updated = app_.records().update_site(call.actor(), site); !updated) {
        return refused(call, text, specs, std::move(state), updated.error());
    }
    return saved(account.value);
}

// ---- Contacts

Result<Response> Pages::new_contact(const PageCall& call) {
    Account account = HOVER_TRY(app_.records().get_account(call.actor(), AccountId{call.id()}));
    std::string back = fmt::format("/accounts/{}", call.id());
    FormText text{"New contact", "New contact at " + account.name,
                  fmt::format("/accounts/{}/contacts", call.id()), back, account.name};
    return form_page(call, text, contact_specs(),
                     form_from_json(contact_specs(), io::to_json(Contact{})));
}

Result<Response> Pages::create_contact(const PageCall& call) {
    Account account = HOVER_TRY(app_.records().get_account(call.actor(), AccountId{call.id()}));
    std::string back = fmt::format("/accounts/{}", call.id());
    FormText text{"New contact", "New contact at " + account.name,
                  fmt::format("/accounts/{}/contacts", call.id()), back, account.name};
    auto specs = contact_specs();
    FormState state;
    auto body = posted_body(call, text, specs, state);
    if (auto* response = std::get_if<Response>(&body)) {
        return std::move(*response);
    }
    json& json_body = std::get<json>(body);
    Contact contact;
    apply_link(json_body, contact, account.id);
    if (auto applied = io::apply_contact_json(json_body, contact); !applied) {
        return refused(call, text, specs, std::move(state), applied.error());
    }
    if (auto created = app_.records().create_contact(call.actor(), contact); !created) {
        return refused(call, text, specs, std::move(state), created.error());
    }
    return saved(account.id.value);
}

namespace {

// The account a contact form is about: ?account=ID when the contact is linked to it, else the
// contact's first account.
std::optional<AccountId> form_account(const PageCall& call, const Contact& contact) {
    if (auto param = call.request.query_param("account")) {
        if (auto id = parse_positive_id(*param)) {
            for (const auto& link : contact.accounts) {
                if (link.account_id.value == *id) {
                    return link.account_id;
                }
            }
        }
    }
    if (!contact.accounts.empty()) {
        return contact.accounts.front().account_id;
    }
    return std::nullopt;
}

FormText contact_text(const Contact& contact, std::optional<AccountId> account) {
    std::string back = account ? fmt::format("/accounts/{}", account->value) : "/accounts";
    std::string action = fmt::format("/contacts/{}", contact.id.value);
    if (account) {
        action += fmt::format("?account={}", account->value);
    }
    return {"Edit " + contact.display_name(), "Edit " + contact.display_name(), action, back,
            account ? "Account" : "Accounts"};
}

}  // namespace

Result<Response> Pages::edit_contact(const PageCall& call) {
    Contact contact = HOVER_TRY(app_.records().get_contact(call.actor(), ContactId{call.id()}));
    auto account = form_account(call, contact);
    json record = io::to_json(contact);
    for (const auto& link : contact.accounts) {
        if (account && link.account_id == *account) {
            record["link"] = {{"role", link.role}, {"decision_maker", link.decision_maker}};
        }
    }
    return form_page(call, contact_text(contact, account), contact_specs(),
                     form_from_json(contact_specs(), record));
}

Result<Response> Pages::update_contact(const PageCall& call) {
    Contact contact = HOVER_TRY(app_.records().get_contact(call.actor(), ContactId{call.id()}));
    auto account = form_account(call, contact);
    FormText text = contact_text(contact, account);
    auto specs = contact_specs();
    FormState state;
    auto body = posted_body(call, text, specs, state);
    if (auto* response = std::get_if<Response>(&body)) {
        return std::move(*response);
    }
    json& json_body = std::get<json>(body);
    if (account) {
        apply_link(json_body, contact, *account);
    } else {
        json_body.erase("link");
    }
    if (auto applied = io::apply_contact_json(json_body, contact); !applied) {
        return refused(call, text, specs, std::move(state), applied.error());
    }
    if (auto updated = app_.records().update_contact(call.actor(), contact); !updated) {
        return refused(call, text, specs, std::move(state), updated.error());
    }
    return account ? saved(account->value) : redirect("/accounts");
}

// ---- Assets

Result<Response> Pages::new_asset(const PageCall& call) {
    Site site = HOVER_TRY(app_.records().get_site(call.actor(), SiteId{call.id()}));
    FormText text{"New equipment", "New equipment at " + site.name,
                  fmt::format("/sites/{}/assets", call.id()),
                  fmt::format("/accounts/{}", site.account_id.value), "Account"};
    return form_page(call, text, asset_specs(),
                     form_from_json(asset_specs(), io::to_json(Asset{})));
}

Result<Response> Pages::create_asset(const PageCall& call) {
    Site site = HOVER_TRY(app_.records().get_site(call.actor(), SiteId{call.id()}));
    FormText text{"New equipment", "New equipment at " + site.name,
                  fmt::format("/sites/{}/assets", call.id()),
                  fmt::format("/accounts/{}", site.account_id.value), "Account"};
    auto specs = asset_specs();
    FormState state;
    auto body = posted_body(call, text, specs, state);
    if (auto* response = std::get_if<Response>(&body)) {
        return std::move(*response);
    }
    Asset asset;
    if (auto applied = io::apply_asset_json(std::get<json>(body), asset); !applied) {
        return refused(call, text, specs, std::move(state), applied.error());
    }
    asset.site_id = site.id;
    if (auto created = app_.records().create_asset(call.actor(), asset); !created) {
        return refused(call, text, specs, std::move(state), created.error());
    }
    return saved(site.account_id.value);
}

Result<Response> Pages::edit_asset(const PageCall& call) {
    Asset asset = HOVER_TRY(app_.records().get_asset(call.actor(), AssetId{call.id()}));
    Site site = HOVER_TRY(app_.records().get_site(call.actor(), asset.site_id));
    FormText text{"Edit equipment", "Edit equipment at " + site.name,
                  fmt::format("/assets/{}", call.id()),
                  fmt::format("/accounts/{}", site.account_id.value), "Account"};
    return form_page(call, text, asset_specs(), form_from_json(asset_specs(), io::to_json(asset)));
}

Result<Response> Pages::update_asset(const PageCall& call) {
    Asset asset = HOVER_TRY(app_.records().get_asset(call.actor(), AssetId{call.id()}));
    Site site = HOVER_TRY(app_.records().get_site(call.actor(), asset.site_id));
    FormText text{"Edit equipment", "Edit equipment at " + site.name,
                  fmt::format("/assets/{}", call.id()),
                  fmt::format("/accounts/{}", site.account_id.value), "Account"};
    auto specs = asset_specs();
    FormState state;
    auto body = posted_body(call, text, specs, state);
    if (auto* response = std::get_if<Response>(&body)) {
        return std::move(*response);
    }
    if (auto applied = io::apply_asset_json(std::get<json>(body), asset); !applied) {
        return refused(call, text, specs, std::move(state), applied.error());
    }
    asset.site_id = site.id;
    if (auto updated = app_.records().update_asset(call.actor(), asset); !updated) {
        return refused(call, text, specs, std::move(state), updated.error());
    }
    return saved(site.account_id.value);
}

// ---- Lines

Result<Response> Pages::new_line(const PageCall& call) {
    Site site = HOVER_TRY(app_.records().get_site(call.actor(), SiteId{call.id()}));
    FormText text{"New line", "New line at " + site.name, fmt::format("/sites/{}/lines", call.id()),
                  fmt::format("/accounts/{}", site.account_id.value), "Account"};
    return form_page(call, text, line_specs(), form_from_json(line_specs(), io::to_json(Line{})));
}

Result<Response> Pages::create_line(const PageCall& call) {
    Site site = HOVER_TRY(app_.records().get_site(call.actor(), SiteId{call.id()}));
    FormText text{"New line", "New line at " + site.name, fmt::format("/sites/{}/lines", call.id()),
                  fmt::format("/accounts/{}", site.account_id.value), "Account"};
    auto specs = line_specs();
    FormState state;
    auto body = posted_body(call, text, specs, state);
    if (auto* response = std::get_if<Response>(&body)) {
        return std::move(*response);
    }
    Line line;
    if (auto applied = io::apply_line_json(std::get<json>(body), line); !applied) {
        return refused(call, text, specs, std::move(state), applied.error());
    }
    line.site_id = site.id;
    if (auto created = app_.records().create_line(call.actor(), line); !created) {
        return refused(call, text, specs, std::move(state), created.error());
    }
    return saved(site.account_id.value);
}

Result<Response> Pages::edit_line(const PageCall& call) {
    Line line = HOVER_TRY(app_.records().get_line(call.actor(), LineId{call.id()}));
    Site site = HOVER_TRY(app_.records().get_site(call.actor(), line.site_id));
    FormText text{"Edit line", "Edit line at " + site.name, fmt::format("/lines/{}", call.id()),
                  fmt::format("/accounts/{}", site.account_id.value), "Account"};
    return form_page(call, text, line_specs(), form_from_json(line_specs(), io::to_json(line)));
}

Result<Response> Pages::update_line(const PageCall& call) {
    Line line = HOVER_TRY(app_.records().get_line(call.actor(), LineId{call.id()}));
    Site site = HOVER_TRY(app_.records().get_site(call.actor(), line.site_id));
    FormText text{"Edit line", "Edit line at " + site.name, fmt::format("/lines/{}", call.id()),
                  fmt::format("/accounts/{}", site.account_id.value), "Account"};
    auto specs = line_specs();
    FormState state;
    auto body = posted_body(call, text, specs, state);
    if (auto* response = std::get_if<Response>(&body)) {
        return std::move(*response);
    }
    if (auto applied = io::apply_line_json(std::get<json>(body), line); !applied) {
        return refused(call, text, specs, std::move(state), applied.error());
    }
    line.site_id = site.id;
    if (auto updated = app_.records().update_line(call.actor(), line); !updated) {
        return refused(call, text, specs, std::move(state), updated.error());
    }
    return saved(site.account_id.value);
}

// --- Follow-ups (F1, F2): plan a next step; close one with its outcome and the next step ------

namespace {

std::vector<FieldSpec> followup_specs(const std::string& prefix,
                                      const std::vector<Contact>& contacts,
                                      bool required) {
    std::vector<Option> people;
    for (const auto& c : contacts) {
        people.push_back({std::to_string(c.id.value), c.display_name()});
    }
    std::vector<Option> channels;
    for (auto channel : {Channel::kPhone, Channel::kEmail, Channel::kText, Channel::kVisit}) {
        channels.push_back({std::string(to_name(channel)), humanize(to_name(channel))});
    }
    return {
        {.name = prefix + "due_on",
         .label = "Due on",
         .kind = FieldKind::kDate,
         .required = required},
        {.name = prefix + "due_time", .label = "At (optional)", .hint = "HH:MM, local time"},
        {.name = prefix + "channel",
         .label = "How",
         .kind = FieldKind::kSelect,
         .options = channels},
        {.name = prefix + "contact_id",
         .label = "With",
         .kind = FieldKind::kSelect,
         .options = with_none("Anyone at the account", people),
         .numeric = true},
        {.name = prefix + "reason",
         .label = "Why (the reason to get back in touch)",
         .kind = FieldKind::kTextArea,
         .required = required},
        {.name = prefix + "policy_override_reason",
         .label = "Override the contact policy because…",
         .kind = FieldKind::kTextArea,
         .hint = "Only when the contact policy refuses the day: write why it is right anyway. "
                 "It is logged and counted."},
    };
}

std::vector<FieldSpec> close_specs(const std::vector<Contact>& contacts) {
    std::vector<FieldSpec> specs{{.name = "outcome",
                                  .label = "What came of it",
                                  .kind = FieldKind::kTextArea,
                                  .required = true}};
    auto next = followup_specs("next.", contacts, false);
    next.front().section = "The next step";
    for (auto& spec : next) {
        specs.push_back(std::move(spec));
    }
    specs.push_back({.name = "no_next_reason",
                     .label = "… or why there is no next step",
                     .kind = FieldKind::kTextArea,
                     .hint = "For example: they sold the business (former customer).",
                     .section = "No next step"});
    return specs;
}

std::vector<Contact> contacts_of(App& app, const Actor& actor, AccountId account) {
    auto page = app.records().list_contacts(actor, account, {.number = 1, .size = 500});
    return page ? std::move(page).value().items : std::vector<Contact>{};
}

}  // namespace

Result<Response> Pages::new_followup(const PageCall& call) {
    Account account = HOVER_TRY(app_.records().get_account(call.actor(), AccountId{call.id()}));
    FormText text{"Plan a follow-up",
                  "Next step with " + account.name,
                  fmt::format("/accounts/{}/followups", call.id()),
                  fmt::format("/accounts/{}", call.id()),
                  account.name,
                  "Plan it"};
    auto specs = followup_specs("", contacts_of(app_, call.actor(), account.id), true);
    FormState state;
    state.values["channel"] = "phone";
    return form_page(call, text, specs, state);
}

// REQ: F1, F2 (a refused plan shows the rule and the first allowed date; an override needs a
// written reason)
Result<Response> Pages::create_followup(const PageCall& call) {
    Account account = HOVER_TRY(app_.records().get_account(call.actor(), AccountId{call.id()}));
    FormText text{"Plan a follow-up",
                  "Next step with " + account.name,
                  fmt::format("/accounts/{}/followups", call.id()),
                  fmt::format("/accounts/{}", call.id()),
                  account.name,
                  "Plan it"};
    auto specs = followup_specs("", contacts_of(app_, call.actor(), account.id), true);
    FormState state;
    auto body = posted_body(call, text, specs, state);
    if (auto* response = std::get_if<Response>(&body)) {
        return std::move(*response);
    }
    auto followup = followup_from_json(std::get<json>(body), "");
    if (!followup) {
        return refused(call, text, specs, std::move(state), followup.error());
    }
    followup->account_id = account.id;
    if (auto planned = app_.followups().plan(call.actor(), *followup); !planned) {
        return refused(call, text, specs, std::move(state), planned.error());
    }
    return saved(account.id.value);
}

Result<Response> Pages::close_followup_form(const PageCall& call) {
    auto followup = HOVER_TRY(app_.followups().get(call.actor(), followups::FollowupId{call.id()}));
    Account account = HOVER_TRY(app_.records().get_account(call.actor(), followup.account_id));
    FormText text{"Close a follow-up",
                  "Close: " + followup.reason,
                  fmt::format("/followups/{}/close", call.id()),
                  fmt::format("/accounts/{}", account.id.value),
                  account.name,
                  "Close and plan"};
    auto specs = close_specs(contacts_of(app_, call.actor(), account.id));
    FormState state;
    state.values["next.channel"] = std::string(to_name(followup.channel));
    return form_page(call, text, specs, state);
}

// REQ: F1 (closing asks for the outcome and the next step in the same action)
Result<Response> Pages::close_followup(const PageCall& call) {
    followups::FollowupId id{call.id()};
    auto followup = HOVER_TRY(app_.followups().get(call.actor(), id));
    Account account = HOVER_TRY(app_.records().get_account(call.actor(), followup.account_id));
    FormText text{"Close a follow-up",
                  "Close: " + followup.reason,
                  fmt::format("/followups/{}/close", call.id()),
                  fmt::format("/accounts/{}", account.id.value),
                  account.name,
                  "Close and plan"};
    auto specs = close_specs(contacts_of(app_, call.actor(), account.id));
    FormState state;
    auto body = posted_body(call, text, specs, state);
    if (auto* response = std::get_if<Response>(&body)) {
        return std::move(*response);
    }
    json& posted = std::get<json>(body);
    followups::CloseFollowup close;
    close.outcome = posted.value("outcome", "");
    close.no_next_reason = posted.value("no_next_reason", "");
    if (posted.contains("next")) {
        const json& next = posted["next"];
        bool typed = (next.contains("due_on") && !next["due_on"].is_null()) ||
                     !next.value("reason", "").empty();
        if (typed) {
            auto planned = followup_from_json(next, "next.");
            if (!planned) {
                return refused(call, text, specs, std::move(state), planned.error());
            }
            close.next = std::move(planned).value();
        }
    }
    if (auto closed = app_.followups().close(call.actor(), id, std::move(close)); !closed) {
        return refused(call, text, specs, std::move(state), closed.error());
    }
    return saved(account.id.value);
}

}  // namespace hover::http::pages
