// File: domain/records/enums.hpp
//
// The closed vocabularies of the records module. Each enum has a stable lower-case name, used in
// the database, the JSON API and the CLI: to_name() gives it, parse_<enum>() reads it back and
// returns a kInvalidInput error that lists the accepted names.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "core/actor.hpp"
#include "core/result.hpp"

namespace hover::records {

enum class AccountStatus { kCustomer, kProspect, kFormer };
enum class TechnicalLevel { kUnknown, kNovice, kIntermediate, kExpert };
enum class Channel { kAny, kPhone, kEmail, kText, kVisit };
enum class PhoneHabit { kUnknown, kAnswers, kLetsItGoToVoicemail };
enum class AssetCategory {
    kPbx,
    kHandset,
    kHeadset,
    kVoicemail,
    kAutoAttendant,
    kPaging,
    kModem,
    kRouter,
    kSwitch,
    kFirewall,
    kUps,
    kSurgeProtector,
    kCircuit,
    kCabling,
    kWirelessAp,
    kOther,
};
enum class Condition { kUnknown, kGood, kFair, kPoor, kFailed };
enum class LineType { kPots, kDidBlock, kPri, kSipTrunk, kBroadband, kEthernet, kOther };
enum class LineStatus { kActive, kDisconnected, kPending };
enum class InteractionKind { kCall, kVisit, kEmail, kText, kSurvey, kAlertOutreach };
enum class Direction { kOutbound, kInbound };
enum class Outcome { kNone, kReached, kVoicemail, kNoAnswer };
enum class CommFlowKind { kMainNumber, kAutoAttendant, kHuntGroup, kRingGroup, kFax, kOther };
enum class SearchKind { kAccount, kContact, kSite, kAsset, kLine, kInteraction, kNote };

template <typename E>
struct EnumNames;  // specialised below: static constexpr std::array names

#define HOVER_ENUM_NAMES(E, ...)                                                       \
    template <>                                                                        \
    struct EnumNames<E> {                                                              \
        static constexpr std::array<std::string_view, std::size({__VA_ARGS__})> names{ \
            __VA_ARGS__};                                                              \
        static constexpr std::string_view type_label = #E;                             \
    }

HOVER_ENUM_NAMES(Role, "admin", "manager", "technician");
HOVER_ENUM_NAMES(AccountStatus, "customer", "prospect", "former");
HOVER_ENUM_NAMES(TechnicalLevel, "unknown", "novice", "intermediate", "expert");
HOVER_ENUM_NAMES(Channel, "any", "phone", "email", "text", "visit");
HOVER_ENUM_NAMES(PhoneHabit, "unknown", "answers", "lets_it_go_to_voicemail");
HOVER_ENUM_NAMES(AssetCategory,
                 "pbx",
                 "handset",
                 "headset",
                 "voicemail",
                 "auto_attendant",
                 "paging",
                 "modem",
                 "router",
                 "switch",
                 "firewall",
                 "ups",
                 "surge_protector",
                 "circuit",
                 "cabling",
                 "wireless_ap",
                 "other");
HOVER_ENUM_NAMES(Condition, "unknown", "good", "fair", "poor", "failed");
HOVER_ENUM_NAMES(
    LineType, "pots", "did_block", "pri", "sip_trunk", "broadband", "ethernet", "other");
HOVER_ENUM_NAMES(LineStatus, "active", "disconnected", "pending");
HOVER_ENUM_NAMES(InteractionKind, "call", "visit", "email", "text", "survey", "alert_outreach");
HOVER_ENUM_NAMES(Direction, "outbound", "inbound");
HOVER_ENUM_NAMES(Outcome, "none", "reached", "voicemail", "no_answer");
HOVER_ENUM_NAMES(
    CommFlowKind, "main_number", "auto_attendant", "hunt_group", "ring_group", "fax", "other");
HOVER_ENUM_NAMES(SearchKind, "account", "contact", "site", "asset", "line", "interaction", "note");
#undef HOVER_ENUM_NAMES

template <typename E>
constexpr std::string_view to_name(E value) {
    return EnumNames<E>::names[static_cast<std::size_t>(value)];
}

// "one of: customer, prospect, former"
template <typename E>
std::string enum_choices() {
    std::string out;
    for (auto n : EnumNames<E>::names) {
        if (!out.empty()) {
            out += ", ";
        }
        out += n;
    }
    return out;
}

// Reads a name back; `field` names the input in the error message.
template <typename E>
Result<E> parse_enum(std::string_view text, std::string_view field) {
    const auto& names = EnumNames<E>::names;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == text) {
            return static_cast<E>(i);
        }
    }
    return Error::invalid(std::string(field),
                          "\"" + std::string(text) +
                              "\" is not a valid value. Use one of: " + enum_choices<E>() + ".");
}

}  // namespace hover::records
