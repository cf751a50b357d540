// File: storage/records/sql_record_store.hpp
//
// SqlRecordStore: the RecordStore on SQLite and PostgreSQL (one implementation, SOCI). Every
// statement binds its values as parameters and filters on org_id. The search index is updated in
// the same transaction as the row it describes.
#pragma once

#include "domain/records/record_store.hpp"
#include "storage/database.hpp"

namespace hover::storage {

class SqlRecordStore final : public records::RecordStore {
public:
    explicit SqlRecordStore(Database& db) : db_(db) {}

    Result<Ok> transaction(const std::function<Result<Ok>()>& work) override;
    Result<Ok> read_snapshot(const std::function<Result<Ok>()>& work) override;

    Result<OrgId> insert_organisation(const records::Organisation& org) override;
    Result<records::Organisation> find_organisation(OrgId id) override;
    Result<records::Organisation> find_organisation_by_slug(std::string_view slug) override;
    Result<std::vector<records::Organisation>> list_organisations() override;
    Result<UserId> insert_user(const records::User& user) override;
    Result<records::User> find_user(OrgId org, UserId id) override;
    Result<records::User> find_user_by_email(OrgId org, std::string_view email) override;
    Result<std::vector<records::User>> list_users(OrgId org) override;

    Result<AccountId> insert_account(const records::Account& account) override;
    Result<Ok> update_account(const records::Account& account) override;
    Result<records::Account> find_account(OrgId org, AccountId id) override;
    Result<Ok> account_exists(OrgId org, AccountId id) override;
    Result<records::PageOf<records::Account>> list_accounts(OrgId org,
                                                            const records::AccountFilter& filter,
                                                            records::Page page) override;

    Result<SiteId> insert_site(const records::Site& site) override;
    Result<Ok> update_site(const records::Site& site) override;
    Result<records::Site> find_site(OrgId org, SiteId id) override;
    Result<std::vector<records::Site>> list_sites(OrgId org, AccountId account) override;

    Result<ContactId> insert_contact(const records::Contact& contact) override;
    Result<Ok> insert_contacts(std::vector<records::Contact>& contacts) override;
    Result<Ok> update_contact(const records::Contact& contact) override;
    Result<records::Contact> find_contact(OrgId org, ContactId id) override;
    Result<Ok> contact_exists(OrgId org, ContactId id) override;
    Result<records::PageOf<records::Contact>> list_contacts(OrgId org,
                                                            std::optional<AccountId> account,
                                                            records::Page page) override;

    Result<AssetId> insert_asset(const records::Asset& asset) override;
    Result<Ok> update_asset(const records::Asset& asset) override;
    Result<records::Asset> find_asset(OrgId org, AssetId id) override;
    Result<std::vector<records::Asset>> list_assets_of_site(OrgId org, SiteId site) override;
    Result<std::vector<records::Asset>> list_assets_of_account(OrgId org,
                                                               AccountId account) override;

    Result<LineId> insert_line(const records::Line& line) override;
    Result<Ok> update_line(const records::Line& line) override;
    Result<records::Line> find_line(OrgId org, LineId id) override;
    Result<std::vector<records::Line>> list_lines_of_site(OrgId org, SiteId site) override;
    Result<std::vector<records::Line>> list_lines_of_account(OrgId org, AccountId account) override;

    Result<InteractionId> insert_interaction(const records::Interaction& interaction) override;
    Result<records::Interaction> find_interaction(OrgId org, InteractionId id) override;
    Result<records::PageOf<records::Interaction>> list_interactions(OrgId org,
                                                                    AccountId account,
                                                                    records::Page page) override;

    Result<NoteId> insert_note(const records::Note& note) override;
    Result<std::vector<records::Note>> list_notes(OrgId org, AccountId account) override;

    Result<std::vector<records::SearchHit>> search(OrgId org,
                                                   std::string_view query,
                                                   int limit) override;

private:
    Database& db_;
};

}  // namespace hover::storage
