// File: domain/records/record_store.hpp
//
// RecordStore: what the records module needs from storage. Implemented once, for SQLite and
// PostgreSQL, by storage::SqlRecordStore (src/storage/records/). Every method that reads or
// writes business rows takes the caller's OrgId and never touches another organisation's rows:
// a row of another organisation is kNotFound, exactly like a row that does not exist.
//
// Errors: kNotFound (no such row in this organisation), kConflict (a unique key, e.g. an
// organisation slug or a user's email, is taken), kUnavailable (the database cannot be reached or
// is busy past its timeout), kInternal (anything else the database reports).
//
// Writes are not transactional on their own beyond one statement group: a use case that writes
// several rows wraps them in transaction(), and the store keeps the search index in step inside
// the same transaction.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "domain/records/record.hpp"

namespace hover::records {

class RecordStore {
public:
    virtual ~RecordStore() = default;

    // Runs `work` in one database transaction: commits when it returns a value, rolls back when
    // it returns an error or throws. Nested calls join the outer transaction.
    virtual Result<Ok> transaction(const std::function<Result<Ok>()>& work) = 0;

    // Runs `work`, which only reads, in one read-only transaction: its reads see one consistent
    // moment, without taking the write lock. Inside transaction() it joins the outer one.
    virtual Result<Ok> read_snapshot(const std::function<Result<Ok>()>& work) = 0;

    // Organisations and users (not org-scoped: they define the scope).
    virtual Result<OrgId> insert_organisation(const Organisation& org) = 0;
    virtual Result<Organisation> find_organisation(OrgId id) = 0;
    virtual Result<Organisation> find_organisation_by_slug(std::string_view slug) = 0;
    virtual Result<std::vector<Organisation>> list_organisations() = 0;
    virtual Result<UserId> insert_user(const User& user) = 0;
    virtual Result<User> find_user(OrgId org, UserId id) = 0;
    virtual Result<User> find_user_by_email(OrgId org, std::string_view email) = 0;
    virtual Result<std::vector<User>> list_users(OrgId org) = 0;

    // Accounts, with their communications flow entries.
    virtual Result<AccountId> insert_account(const Account& account) = 0;
    virtual Result<Ok> update_account(const Account& account) = 0;
    virtual Result<Account> find_account(OrgId org, AccountId id) = 0;
    // Ok when the account is in `org`, else kNotFound like find_account (a validation check that
    // does not load the record).
    virtual Result<Ok> account_exists(OrgId org, AccountId id) = 0;
    // Ordered by name (case-insensitive), then id.
    virtual Result<PageOf<Account>> list_accounts(OrgId org,
                                                  const AccountFilter& filter,
                                                  Page page) = 0;

    // Sites, ordered by name then id.
    virtual Result<SiteId> insert_site(const Site& site) = 0;
    virtual Result<Ok> update_site(const Site& site) = 0;
    virtual Result<Site> find_site(OrgId org, SiteId id) = 0;
    virtual Result<std::vector<Site>> list_sites(OrgId org, AccountId account) = 0;

    // Contacts, with their phones, emails and account links.
    virtual Result<ContactId> insert_contact(const Contact& contact) = 0;
    // Bulk create (imports, docs/decisions/0014): inserts new contacts that the service has
    // checked, with their phones, emails, account links and search documents, and sets each
    // one's id (ascending, in order). SQLite: one prepared INSERT per table; PostgreSQL: ids
    // from the sequence, then COPY. Same rows as insert_contact one by one.
    virtual Result<Ok> insert_contacts(std::vector<Contact>& contacts) = 0;
    virtual Result<Ok> update_contact(const Contact& contact) = 0;
    virtual Result<Contact> find_contact(OrgId org, ContactId id) = 0;
    // Ok when the contact is in `org`, else kNotFound like find_contact.
    virtual Result<Ok> contact_exists(OrgId org, ContactId id) = 0;
    // Ordered by last name, first name, id. With an account: only that account's contacts.
    virtual Result<PageOf<Contact>> list_contacts(OrgId org,
                                                  std::optional<AccountId> account,
                                                  Page page) = 0;

    // Technology assets, ordered by category, make, model, id.
    virtual Result<AssetId> insert_asset(const Asset& asset) = 0;
    virtual Result<Ok> update_asset(const Asset& asset) = 0;
    virtual Result<Asset> find_asset(OrgId org, AssetId id) = 0;
    virtual Result<std::vector<Asset>> list_assets_of_site(OrgId org, SiteId site) = 0;
    virtual Result<std::vector<Asset>> list_assets_of_account(OrgId org, AccountId account) = 0;

    // Lines and circuits, ordered by number, circuit id, id.
    virtual Result<LineId> insert_line(const Line& line) = 0;
    virtual Result<Ok> update_line(const Line& line) = 0;
    virtual Result<Line> find_line(OrgId org, LineId id) = 0;
    virtual Result<std::vector<Line>> list_lines_of_site(OrgId org, SiteId site) = 0;
    virtual Result<std::vector<Line>> list_lines_of_account(OrgId org, AccountId account) = 0;

    // Interactions (the timeline), newest first.
    virtual Result<InteractionId> insert_interaction(const Interaction& interaction) = 0;
    virtual Result<Interaction> find_interaction(OrgId org, InteractionId id) = 0;
    virtual Result<PageOf<Interaction>> list_interactions(OrgId org,
                                                          AccountId account,
                                                          Page page) = 0;

    // Notes, newest first.
    virtual Result<NoteId> insert_note(const Note& note) = 0;
    virtual Result<std::vector<Note>> list_notes(OrgId org, AccountId account) = 0;

    // Full-text search over accounts, contacts, sites, assets, lines, interactions and notes,
    // through the database's own index (FTS5 on SQLite, tsvector + GIN on PostgreSQL). Every
    // word of `query` must match (as a prefix); best matches first.
    virtual Result<std::vector<SearchHit>> search(OrgId org, std::string_view query, int limit) = 0;
};

}  // namespace hover::records
