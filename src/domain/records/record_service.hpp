// File: domain/records/record_service.hpp
//
// RecordService: the use cases of the records module (DESIGN.md R1-R6, R8 search). Every method
// takes the Actor, validates its input, scopes every read and write to actor.org_id, and runs as
// one transaction: it either does all of its writes or none.
//
// Validation errors are kInvalidInput with `field` set to the JSON path of the bad input
// ("name", "phones[1].number", "accounts[0].account_id") and a message that says what to do.
// A reference to a row of another organisation is reported exactly like a missing row.
//
// Phone numbers: callers fill PhoneNumber::as_typed only; the service normalises it to E.164
// (libphonenumber, in the organisation's region) and splits off the extension.
//
// Example:
//   Account a; a.name = "Prairie Feed & Seed"; a.status = AccountStatus::kCustomer;
//   Account saved = HOVER_TRY(service.create_account(actor, a));
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/records/record.hpp"
#include "domain/records/record_store.hpp"

namespace hover::records {

// Everything about one account that its page and `hover accounts show` need.
struct AccountOverview {
    Account account;
    std::vector<Site> sites;
    std::vector<Contact> contacts;
    std::vector<Asset> assets;
    std::vector<Line> lines;
    std::vector<Interaction> recent_interactions;  // newest first, at most 20
    std::vector<Note> notes;
    std::vector<User> users;  // the organisation's users, to name technicians and authors
};

class RecordService {
public:
    RecordService(RecordStore& store, const Clock& clock) : store_(store), clock_(clock) {}

    // Runs `work` in one transaction: service calls inside it join it, so a bulk use case (the
    // demo data, an import) is all or nothing.
    Result<Ok> atomically(const std::function<Result<Ok>()>& work);
    // Runs `work`, which only reads, in one read-only snapshot (no write lock); service calls
    // inside it join it, and it joins an outer transaction.
    Result<Ok> consistently(const std::function<Result<Ok>()>& work);

    // Organisations and users. create_organisation checks the slug (lower-case letters, digits
    // and dashes) and returns kConflict when it is taken.
    Result<Organisation> create_organisation(Organisation org);
    Result<User> create_user(OrgId org, User user);
    Result<std::vector<Organisation>> list_organisations();
    Result<std::vector<User>> list_users(const Actor& actor);

    // The Actor for a user of an organisation: `org_slug` may be empty when exactly one
    // organisation exists; `user_email` may be empty to act as the organisation's first admin.
    Result<Actor> resolve_actor(std::string_view org_slug, std::string_view user_email);

    Result<Account> create_account(const Actor& actor, Account account);
    Result<Account> update_account(const Actor& actor, Account account);
    Result<Account> get_account(const Actor& actor, AccountId id);
    // kNotFound unless the account is in the actor's organisation; reads no more than that.
    Result<Ok> check_account(const Actor& actor, AccountId id);
    Result<PageOf<Account>> list_accounts(const Actor& actor,
                                          const AccountFilter& filter,
                                          Page page);
    Result<AccountOverview> account_overview(const Actor& actor, AccountId id);

    Result<Site> create_site(const Actor& actor, Site site);
    Result<Site> update_site(const Actor& actor, Site site);
    Result<Site> get_site(const Actor& actor, SiteId id);
    Result<std::vector<Site>> list_sites(const Actor& actor, AccountId account);

    Result<Contact> create_contact(const Actor& actor, Contact contact);
    Result<Contact> update_contact(const Actor& actor, Contact contact);
    // Bulk creation, for imports (DataioService, docs/decisions/0014). check_new_contact checks
    // and normalises a new contact exactly as create_contact does (same rules, same errors) and
    // writes nothing; insert_checked_contacts writes contacts that passed it, all at once
    // (RecordStore::insert_contacts), and sets their ids and times. Both join the caller's
    // transaction.
    Result<Ok> check_new_contact(const Actor& actor, Contact& contact);
    Result<Ok> insert_checked_contacts(const Actor& actor, std::vector<Contact>& contacts);
    Result<Contact> get_contact(const Actor& actor, ContactId id);
    Result<PageOf<Contact>> list_contacts(const Actor& actor,
                                          std::optional<AccountId> account,
                                          Page page);

    Result<Asset> create_asset(const Actor& actor, Asset asset);
    Result<Asset> update_asset(const Actor& actor, Asset asset);
    Result<Asset> get_asset(const Actor& actor, AssetId id);
    Result<std::vector<Asset>> list_assets_of_site(const Actor& actor, SiteId site);
    Result<std::vector<Asset>> list_assets_of_account(const Actor& actor, AccountId account);

    Result<Line> create_line(const Actor& actor, Line line);
    Result<Line> update_line(const Actor& actor, Line line);
    Result<Line> get_line(const Actor& actor, LineId id);
    Result<std::vector<Line>> list_lines_of_site(const Actor& actor, SiteId site);
    Result<std::vector<Line>> list_lines_of_account(const Actor& actor, AccountId account);

    // user_id defaults to the actor; occurred_at defaults to now.
    Result<Interaction> log_interaction(const Actor& actor, Interaction interaction);
    Result<Interaction> get_interaction(const Actor& actor, InteractionId id);
    Result<PageOf<Interaction>> list_interactions(const Actor& actor, AccountId account, Page page);

    // author_id is always the actor.
    Result<Note> add_note(const Actor& actor, Note note);
    Result<std::vector<Note>> list_notes(const Actor& actor, AccountId account);

    // An empty query is kInvalidInput; limit is clamped to 1..100.
    Result<std::vector<SearchHit>> search(const Actor& actor,
                                          std::string_view query,
                                          int limit = 20);

private:
    RecordStore& store_;
    const Clock& clock_;
};

}  // namespace hover::records
