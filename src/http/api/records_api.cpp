#include "http/api/records_api.hpp"

#include <string>

#include "domain/records/enums.hpp"
#include "io/json/records_json.hpp"

namespace hover::http {
namespace {

using records::Page;

std::string url(std::string_view collection, std::int64_t id) {
    return "/api/v1/" + std::string(collection) + "/" + std::to_string(id);
}

}  // namespace

// --- Accounts (R1) ---------------------------------------------------------------------------

Result<Response> RecordsApi::list_accounts(const ApiCall& call) {
    records::AccountFilter filter;
    const Request& request = call.request;
    if (auto status = request.query_param("status"); status && !status->empty()) {
        filter.status = HOVER_TRY(records::parse_enum<records::AccountStatus>(*status, "status"));
    }
    if (auto region = request.query_param("region")) {
        filter.region = std::string(*region);
    }
    if (auto technician = HOVER_TRY(id_from_query(request, "technician_id"))) {
        filter.technician_id = UserId{*technician};
    }
    if (auto q = request.query_param("q")) {
        filter.name_prefix = std::string(*q);
    }
    Page page = HOVER_TRY(page_from_query(request));
    auto accounts = HOVER_TRY(records_.list_accounts(call.actor(), filter, page));
    return json_response(200, page_json(accounts, page));
}

Result<Response> RecordsApi::create_account(const ApiCall& call) {
    auto body = HOVER_TRY(json_object_body(call.request));
    records::Account account;
    HOVER_TRY(io::apply_account_json(body, account));
    auto saved = HOVER_TRY(records_.create_account(call.actor(), std::move(account)));
    return created_response(url("accounts", saved.id.value), io::to_json_text(saved));
}

Result<Response> RecordsApi::get_account(const ApiCall& call) {
    auto account = HOVER_TRY(records_.get_account(call.actor(), AccountId{call.id()}));
    return json_response(200, io::to_json_text(account));
}

Result<Response> RecordsApi::update_account(const ApiCall& call) {
    auto body = HOVER_TRY(json_object_body(call.request));
    auto account = HOVER_TRY(records_.get_account(call.actor(), AccountId{call.id()}));
    HOVER_TRY(io::apply_account_json(body, account));
    auto saved = HOVER_TRY(records_.update_account(call.actor(), std::move(account)));
    return json_response(200, io::to_json_text(saved));
}

Result<Response> RecordsApi::account_overview(const ApiCall& call) {
    auto overview = HOVER_TRY(records_.account_overview(call.actor(), AccountId{call.id()}));
    return json_response(200, io::to_json_text(overview));
}

// --- Sites (R2) ------------------------------------------------------------------------------

Result<Response> RecordsApi::list_sites(const ApiCall& call) {
    AccountId account{call.id()};
    auto sites = HOVER_TRY(records_.list_sites(call.actor(), account));
    return json_response(200, items_json(sites));
}

Result<Response> RecordsApi::create_site(const ApiCall& call) {
    auto body = HOVER_TRY(json_object_body(call.request));
    AccountId account{call.id()};
    HOVER_TRY(records_.get_account(call.actor(), account));
    records::Site site;
    HOVER_TRY(io::apply_site_json(body, site));
    site.account_id = account;  // the path names the parent, whatever the body says
    auto saved = HOVER_TRY(records_.create_site(call.actor(), std::move(site)));
    return created_response(url("sites", saved.id.value), io::to_json_text(saved));
}

Result<Response> RecordsApi::get_site(const ApiCall& call) {
    auto site = HOVER_TRY(records_.get_site(call.actor(), SiteId{call.id()}));
    return json_response(200, io::to_json_text(site));
}

Result<Response> RecordsApi::update_site(const ApiCall& call) {
    auto body = HOVER_TRY(json_object_body(call.request));
    auto site = HOVER_TRY(records_.get_site(call.actor(), SiteId{call.id()}));
    HOVER_TRY(io::apply_site_json(body, site));
    auto saved = HOVER_TRY(records_.update_site(call.actor(), std::move(site)));
    return json_response(200, io::to_json_text(saved));
}

// --- Assets (R4) -----------------------------------------------------------------------------

Result<Response> RecordsApi::list_assets_of_site(const ApiCall& call) {
    SiteId site{call.id()};
    auto assets = HOVER_TRY(records_.list_assets_of_site(call.actor(), site));
    return json_response(200, items_json(assets));
}

Result<Response> RecordsApi::list_assets_of_account(const ApiCall& call) {
    AccountId account{call.id()};
    auto assets = HOVER_TRY(records_.list_assets_of_account(call.actor(), account));
    return json_response(200, items_json(assets));
}

Result<Response> RecordsApi::create_asset(const ApiCall& call) {
    auto body = HOVER_TRY(json_object_body(call.request));
    SiteId site{call.id()};
    HOVER_TRY(records_.get_site(call.actor(), site));
    records::Asset asset;
    HOVER_TRY(io::apply_asset_json(body, asset));
    asset.site_id = site;
    auto saved = HOVER_TRY(records_.create_asset(call.actor(), std::move(asset)));
    return created_response(url("assets", saved.id.value), io::to_json_text(saved));
}

Result<Response> RecordsApi::get_asset(const ApiCall& call) {
    auto asset = HOVER_TRY(records_.get_asset(call.actor(), AssetId{call.id()}));
    return json_response(200, io::to_json_text(asset));
}

Result<Response> RecordsApi::update_asset(const ApiCall& call) {
    auto body = HOVER_TRY(json_object_body(call.request));
    auto asset = HOVER_TRY(records_.get_asset(call.actor(), AssetId{call.id()}));
    HOVER_TRY(io::apply_asset_json(body, asset));
    auto saved = HOVER_TRY(records_.update_asset(call.actor(), std::move(asset)));
    return json_response(200, io::to_json_text(saved));
}

// --- Lines and circuits (R5) -----------------------------------------------------------------

Result<Response> RecordsApi::list_lines_of_site(const ApiCall& call) {
    SiteId site{call.id()};
    auto lines = HOVER_TRY(records_.list_lines_of_site(call.actor(), site));
    return json_response(200, items_json(lines));
}

Result<Response> RecordsApi::list_lines_of_account(const ApiCall& call) {
    AccountId account{call.id()};
    auto lines = HOVER_TRY(records_.list_lines_of_account(call.actor(), account));
    return json_response(200, items_json(lines));
}

Result<Response> RecordsApi::create_line(const ApiCall& call) {
    auto body = HOVER_TRY(json_object_body(call.request));
    SiteId site{call.id()};
    HOVER_TRY(records_.get_site(call.actor(), site));
    records::Line line;
    HOVER_TRY(io::apply_line_json(body, line));
    line.site_id = site;
    auto saved = HOVER_TRY(records_.create_line(call.actor(), std::move(line)));
    return created_response(url("lines", saved.id.value), io::to_json_text(saved));
}

Result<Response> RecordsApi::get_line(const ApiCall& call) {
    auto line = HOVER_TRY(records_.get_line(call.actor(), LineId{call.id()}));
    return json_response(200, io::to_json_text(line));
}

Result<Response> RecordsApi::update_line(const ApiCall& call) {
    auto body = HOVER_TRY(json_object_body(call.request));
    auto line = HOVER_TRY(records_.get_line(call.actor(), LineId{call.id()}));
    HOVER_TRY(io::apply_line_json(body, line));
    auto saved = HOVER_TRY(records_.update_line(call.actor(), std::move(line)));
    return json_response(200, io::to_json_text(saved));
}

// --- Contacts (R3) ---------------------------------------------------------------------------

Result<Response> RecordsApi::list_contacts(const ApiCall& call) {
    std::optional<AccountId> account;
    if (auto id = HOVER_TRY(id_from_query(call.request, "account_id"))) {
        account = AccountId{*id};
        // A foreign or missing account is a 404: the service checks it, as for
        // /accounts/{id}/contacts.
    }
    Page page = HOVER_TRY(page_from_query(call.request));
    auto contacts = HOVER_TRY(records_.list_contacts(call.actor(), account, page));
    return json_response(200, page_json(contacts, page));
}

Result<Response> RecordsApi::list_contacts_of_account(const ApiCall& call) {
    AccountId account{call.id()};
    Page page = HOVER_TRY(page_from_query(call.request));
    auto contacts = HOVER_TRY(records_.list_contacts(call.actor(), account, page));
    return json_response(200, page_json(contacts, page));
}

Result<Response> RecordsApi::create_contact(const ApiCall& call) {
    auto body = HOVER_TRY(json_object_body(call.request));
    records::Contact contact;
    HOVER_TRY(io::apply_contact_json(body, contact));
    auto saved = HOVER_TRY(records_.create_contact(call.actor(), std::move(contact)));
    return created_response(url("contacts", saved.id.value), io::to_json_text(saved));
}

Result<Response> RecordsApi::get_contact(const ApiCall& call) {
    auto contact = HOVER_TRY(records_.get_contact(call.actor(), ContactId{call.id()}));
    return json_response(200, io::to_json_text(contact));
}

Result<Response> RecordsApi::update_contact(const ApiCall& call) {
    auto body = HOVER_TRY(json_object_body(call.request));
    auto contact = HOVER_TRY(records_.get_contact(call.actor(), ContactId{call.id()}));
    HOVER_TRY(io::apply_contact_json(body, contact));
    auto saved = HOVER_TRY(records_.update_contact(call.actor(), std::move(contact)));
    return json_response(200, io::to_json_text(saved));
}

// --- Timeline (R6) and notes -----------------------------------------------------------------

Result<Response> RecordsApi::list_interactions(const ApiCall& call) {
    AccountId account{call.id()};
    Page page = HOVER_TRY(page_from_query(call.request));
    auto interactions = HOVER_TRY(records_.list_interactions(call.actor(), account, page));
    return json_response(200, page_json(interactions, page));
}

Result<Response> RecordsApi::log_interaction(const ApiCall& call) {
    auto body = HOVER_TRY(json_object_body(call.request));
    AccountId account{call.id()};
    HOVER_TRY(records_.get_account(call.actor(), account));
    records::Interaction interaction;
    HOVER_TRY(io::apply_interaction_json(body, interaction));
    interaction.account_id = account;
    auto saved = HOVER_TRY(records_.log_interaction(call.actor(), std::move(interaction)));
    return created_response(url("interactions", saved.id.value), io::to_json_text(saved));
}

Result<Response> RecordsApi::get_interaction(const ApiCall& call) {
    auto interaction = HOVER_TRY(records_.get_interaction(call.actor(), InteractionId{call.id()}));
    return json_response(200, io::to_json_text(interaction));
}

Result<Response> RecordsApi::list_notes(const ApiCall& call) {
    AccountId account{call.id()};
    auto notes = HOVER_TRY(records_.list_notes(call.actor(), account));
    return json_response(200, items_json(notes));
}

Result<Response> RecordsApi::add_note(const ApiCall& call) {
    auto body = HOVER_TRY(json_object_body(call.request));
    AccountId account{call.id()};
    HOVER_TRY(records_.get_account(call.actor(), account));
    records::Note note;
    HOVER_TRY(io::apply_note_json(body, note));
    note.account_id = account;
    auto saved = HOVER_TRY(records_.add_note(call.actor(), std::move(note)));
    // Notes have no URL of their own: they are read through their account.
    return json_response(201, io::to_json_text(saved));
}

// --- Search (R8) and users -------------------------------------------------------------------

Result<Response> RecordsApi::search(const ApiCall& call) {
    std::string query(call.request.query_param("q").value_or(""));
    if (query.find_first_not_of(" \t") == std::string::npos) {
        return Error::invalid("q", "Type something to search for.");
    }
    auto limit = HOVER_TRY(int_from_query(call.request, "limit", 1, 100));
    auto hits = HOVER_TRY(records_.search(call.actor(), query, limit.value_or(20)));
    return json_response(200, items_json(hits));
}

Result<Response> RecordsApi::list_users(const ApiCall& call) {
    auto users = HOVER_TRY(records_.list_users(call.actor()));
    return json_response(200, items_json(users));
}

}  // namespace hover::http
