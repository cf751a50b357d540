// File: core/ids.hpp
//
// Strong ids: an AccountId cannot be passed where a SiteId is expected. Each is a 64-bit row id
// (BIGINT in both databases); 0 means "not yet stored".
//
// Example:
//   AccountId id{42};
//   store.find_account(org, id);   // store.find_account(org, SiteId{42}) does not compile
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace hover {

template <typename Tag>
struct Id {
    std::int64_t value = 0;

    constexpr Id() = default;
    constexpr explicit Id(std::int64_t v) : value(v) {}
    constexpr bool valid() const { return value > 0; }
    friend constexpr auto operator<=>(const Id&, const Id&) = default;
};

using OrgId = Id<struct OrgTag>;
using UserId = Id<struct UserTag>;
using AccountId = Id<struct AccountTag>;
using SiteId = Id<struct SiteTag>;
using ContactId = Id<struct ContactTag>;
using AssetId = Id<struct AssetTag>;
using LineId = Id<struct LineTag>;
using InteractionId = Id<struct InteractionTag>;
using NoteId = Id<struct NoteTag>;

}  // namespace hover

template <typename Tag>
struct std::hash<hover::Id<Tag>> {
    std::size_t operator()(const hover::Id<Tag>& id) const noexcept {
        return std::hash<std::int64_t>{}(id.value);
    }
};
