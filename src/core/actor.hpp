// File: core/actor.hpp
//
// Actor: who is doing something, and for which organisation. Every service call takes one, and
// every store call takes its org_id, so a row of another organisation is never read or written:
// it is simply "not found".
#pragma once

#include <string>

#include "core/ids.hpp"

namespace hover {

enum class Role { kAdmin, kManager, kTechnician };

struct Actor {
    OrgId org_id;
    UserId user_id;
    Role role = Role::kTechnician;
    std::string phone_region = "US";  // the organisation's default region for phone numbers
};

}  // namespace hover
