// File: domain/agenda/followups_provider.hpp
//
// The agenda providers of this module (F4 over F1-F3 and the records):
//   FollowupsAgendaProvider: overdue and due follow-ups assigned to the user (a phone call to a
//     named contact says when they answer and whether they let it go to voicemail, F6), hover
//     gaps and
//     stay-in-touch breaches (red, amber) of the accounts the user owns;
//   ContactDatesAgendaProvider: birthdays of the contacts of the user's accounts (29 February
//     birthdays on 28 February in other years) and anniversaries of customers (whole years since
//     the account was created).
// Both read set-based (a handful of queries per user and day, whatever the number of accounts:
// FollowupService::due_followups, standings, birthdays, customers_created_on), never per account.
#pragma once

#include "domain/agenda/agenda.hpp"
#include "domain/followups/followup_service.hpp"

namespace hover::agenda {

class FollowupsAgendaProvider final : public AgendaProvider {
public:
    FollowupsAgendaProvider(followups::FollowupService& followups, records::RecordService& records)
        : followups_(followups), records_(records) {}
    std::string_view name() const override { return "followups"; }
    Result<std::vector<AgendaItem>> items(const Actor& actor, UserId user, Date day) override;

private:
    followups::FollowupService& followups_;
    records::RecordService& records_;
};

class ContactDatesAgendaProvider final : public AgendaProvider {
public:
    ContactDatesAgendaProvider(followups::FollowupService& followups,
                               records::RecordService& records)
        : followups_(followups), records_(records) {}
    std::string_view name() const override { return "contact_dates"; }
    Result<std::vector<AgendaItem>> items(const Actor& actor, UserId user, Date day) override;

private:
    followups::FollowupService& followups_;
    records::RecordService& records_;
};

}  // namespace hover::agenda
