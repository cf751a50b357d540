// File: app/demo_data.cpp
//
// "Red Dirt Telecom": a fictional telecom contractor in Oklahoma City, serving Oklahoma and
// Kansas. Everything below is made up, but shaped like the real thing: small businesses with
// aging PBXs, owners who let the phone go to voicemail, warehouses the loudspeakers don't reach,
// sites in tornado alley and flood plains, carriers still billing lines that died years ago.
//
// Determinism: one splitmix64 stream per account (derived from the seed and the account's
// index), no std distributions (their output differs between standard libraries) and no wall
// clock: every date is an offset from options.as_of. The first 30 accounts are hand-written;
// after that, names are composed from word lists, so `--accounts 10000` works.
#include "app/demo_data.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "domain/records/enums.hpp"
#include "domain/records/record.hpp"

namespace hover::demo {
namespace {

using records::Account;
using records::AccountLink;
using records::AccountStatus;
using records::Asset;
using records::AssetCategory;
using records::Channel;
using records::CommFlowEntry;
using records::CommFlowKind;
using records::Condition;
using records::Contact;
using records::ContactEmail;
using records::ContactPhone;
using records::Direction;
using records::Interaction;
using records::InteractionKind;
using records::Line;
using records::LineStatus;
using records::LineType;
using records::Note;
using records::Outcome;
using records::PhoneHabit;
using records::PhoneNumber;
using records::RecordService;
using records::Site;
using records::TechnicalLevel;

constexpr std::string_view kOrgName = "Red Dirt Telecom";
constexpr std::string_view kOrgSlug = "red-dirt";

// ---------------------------------------------------------------------------------------------
// Randomness: splitmix64, so that the same seed gives the same data on every platform.

std::uint64_t splitmix64(std::uint64_t& state) {
    state += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    // An independent stream for item `stream` (an account index) of a seed.
    static Rng stream(std::uint64_t seed, std::uint64_t stream) {
        std::uint64_t s = seed ^ (stream * 0xD1B54A32D192ED03ULL + 0x8CB92BA72F3D8DD7ULL);
        splitmix64(s);
        return Rng(s);
    }

    std::uint64_t next() { return splitmix64(state_); }
    // Uniform in [lo, hi] (inclusive); the modulo bias is irrelevant for demo data.
    int between(int lo, int hi) {
        auto span = static_cast<std::uint64_t>(hi - lo + 1);
        return lo + static_cast<int>(next() % span);
    }
    bool percent(int p) { return between(0, 99) < p; }
    std::size_t index(std::size_t size) { return static_cast<std::size_t>(next() % size); }
    template <typename Container>
    const auto& pick(const Container& c) {
        return c[index(std::size(c))];
    }
    // A number of digits, as text: serials and circuit ids.
    std::string digits(int count) {
        std::string out;
        for (int i = 0; i < count; ++i) {
            out += static_cast<char>('0' + between(0, 9));
        }
        return out;
    }
    std::string letters(int count) {
        std::string out;
        for (int i = 0; i < count; ++i) {
            out += static_cast<char>('A' + between(0, 25));
        }
        return out;
    }

private:
    std::uint64_t state_;
};

// ---------------------------------------------------------------------------------------------
// Dates

Date plus_days(Date d, int n) {
    return Date{std::chrono::sys_days{d} + std::chrono::days{n}};
}

int days_between(Date from, Date to) {
    return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

int year_of(Date d) {
    return static_cast<int>(d.year());
}

Date make_date(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

constexpr std::array<std::string_view, 12> kMonths{"January",   "February", "March",    "April",
                                                   "May",       "June",     "July",     "August",
                                                   "September", "October",  "November", "December"};

std::string_view month_name(int month) {
    return kMonths[static_cast<std::size_t>(month - 1)];
}

// ---------------------------------------------------------------------------------------------
// Places. County FIPS as 6-digit SAME codes (0 + state + county), NWS public forecast zones.

struct City {
    std::string_view name;
    std::string_view state;
    std::string_view county;
    std::string_view region;
    std::string_view postal_code;
    std::string_view county_fips;
    std::string_view nws_zone;
    double latitude;
    double longitude;
    std::string_view area_code;
    std::array<std::string_view, 4> streets;
    bool near_river;  // more flood-zone sites
};

// clang-format off
constexpr std::array kCities{
    City{"Oklahoma City", "OK", "Oklahoma", "OKC metro", "73102", "040109", "OKZ025", 35.4676,
         -97.5164, "405", {"N Broadway Ave", "NW Expressway", "S Meridian Ave", "W Reno Ave"},
         true},
    City{"Edmond", "OK", "Oklahoma", "OKC metro", "73034", "040109", "OKZ025", 35.6528, -97.4781,
         "405", {"E 2nd St", "S Broadway", "N Kelly Ave", "W Danforth Rd"}, false},
    City{"Norman", "OK", "Cleveland", "OKC metro", "73069", "040027", "OKZ029", 35.2226,
         -97.4395, "405", {"W Main St", "E Lindsey St", "N Porter Ave", "24th Ave NW"}, false},
    City{"Moore", "OK", "Cleveland", "OKC metro", "73160", "040027", "OKZ029", 35.3395, -97.4867,
         "405", {"N Broadway St", "SW 4th St", "N Eastern Ave", "S Telephone Rd"}, false},
    City{"Yukon", "OK", "Canadian", "OKC metro", "73099", "040017", "OKZ024", 35.5067, -97.7625,
         "405", {"W Main St", "S Ranchwood Blvd", "N Cornwell Dr", "Garth Brooks Blvd"}, false},
    City{"Shawnee", "OK", "Pottawatomie", "OKC metro", "74801", "040125", "OKZ030", 35.3273,
         -96.9253, "405", {"N Harrison Ave", "E Main St", "N Kickapoo Ave", "W Independence St"},
         true},
    City{"Chickasha", "OK", "Grady", "OKC metro", "73018", "040051", "OKZ027", 35.0526, -97.9364,
         "405", {"W Chickasha Ave", "S 4th St", "W Grand Ave", "S 16th St"}, true},
    City{"Guthrie", "OK", "Logan", "OKC metro", "73044", "040083", "OKZ019", 35.8789, -97.4253,
         "405", {"W Oklahoma Ave", "N Division St", "E Noble Ave", "S Wentz St"}, true},
    City{"Tulsa", "OK", "Tulsa", "Tulsa", "74103", "040143", "OKZ060", 36.1540, -95.9928, "918",
         {"S Boston Ave", "E 71st St", "S Yale Ave", "E 11th St"}, true},
    City{"Broken Arrow", "OK", "Tulsa", "Tulsa", "74012", "040143", "OKZ060", 36.0526, -95.7908,
         "918", {"S Main St", "W Kenosha St", "E Houston St", "N Elm Pl"}, false},
    City{"Sapulpa", "OK", "Creek", "Tulsa", "74066", "040037", "OKZ064", 35.9987, -96.1142, "918",
         {"E Dewey Ave", "S Main St", "W Taft Ave", "N Mission St"}, false},
    City{"Claremore", "OK", "Rogers", "Tulsa", "74017", "040131", "OKZ061", 36.3126, -95.6161,
         "918", {"W Will Rogers Blvd", "N Lynn Riggs Blvd", "E Patti Page Blvd", "S Muskogee Ave"},
         false},
    City{"Bartlesville", "OK", "Washington", "Tulsa", "74003", "040147", "OKZ054", 36.7473,
         -95.9808, "918",
         {"SE Frank Phillips Blvd", "S Dewey Ave", "SE Washington Blvd", "S Keeler Ave"}, true},
    City{"Muskogee", "OK", "Muskogee", "Tulsa", "74401", "040101", "OKZ068", 35.7479, -95.3697,
         "918", {"W Okmulgee Ave", "N York St", "W Shawnee St", "S 32nd St"}, true},
    City{"Enid", "OK", "Garfield", "Northern OK", "73701", "040047", "OKZ012", 36.3956, -97.8784,
         "580", {"W Garriott Rd", "N Van Buren St", "E Broadway Ave", "S Grand St"}, false},
    City{"Stillwater", "OK", "Payne", "Northern OK", "74074", "040119", "OKZ020", 36.1156,
         -97.0584, "405", {"S Main St", "W 6th Ave", "N Perkins Rd", "E Lakeview Rd"}, false},
    City{"Ponca City", "OK", "Kay", "Northern OK", "74601", "040071", "OKZ008", 36.7070,
         -97.0856, "580", {"E Grand Ave", "N 14th St", "W Hartford Ave", "N Union St"}, true},
    City{"Woodward", "OK", "Woodward", "Northern OK", "73801", "040153", "OKZ010", 36.4337,
         -99.3904, "580", {"Main St", "Oklahoma Ave", "Williams Ave", "34th St"}, false},
    City{"Lawton", "OK", "Comanche", "Southwest OK", "73501", "040031", "OKZ038", 34.6036,
         -98.3959, "580", {"NW Cache Rd", "SW Lee Blvd", "NW Sheridan Rd", "SW 11th St"}, false},
    City{"Duncan", "OK", "Stephens", "Southwest OK", "73533", "040137", "OKZ039", 34.5023,
         -97.9578, "580", {"W Main St", "N Hwy 81", "W Elm Ave", "S 9th St"}, false},
    City{"Ardmore", "OK", "Carter", "Southwest OK", "73401", "040019", "OKZ046", 34.1743,
         -97.1436, "580", {"W Main St", "N Commerce St", "Grand Ave", "12th Ave NW"}, false},
    City{"Altus", "OK", "Jackson", "Southwest OK", "73521", "040065", "OKZ036", 34.6381,
         -99.3340, "580", {"N Main St", "E Broadway St", "N Park Ln", "E Tamarack Rd"}, false},
    City{"Guymon", "OK", "Texas", "Panhandle", "73942", "040139", "OKZ002", 36.6828, -101.4816,
         "580", {"NE 6th St", "N Main St", "E Hwy 54", "NW 5th St"}, false},
    City{"Boise City", "OK", "Cimarron", "Panhandle", "73933", "040025", "OKZ001", 36.7292,
         -102.5132, "580", {"W Main St", "N Cimarron Ave", "E Main St", "S Ellis St"}, false},
    City{"Beaver", "OK", "Beaver", "Panhandle", "73932", "040007", "OKZ003", 36.8164, -100.5196,
         "580", {"Douglas Ave", "2nd St", "Avenue E", "3rd St"}, true},
    City{"Liberal", "KS", "Seward", "Panhandle", "67901", "020175", "KSZ086", 37.0431, -100.9210,
         "620", {"N Kansas Ave", "W Pancake Blvd", "E 2nd St", "N Western Ave"}, false},
    City{"Wichita", "KS", "Sedgwick", "Wichita", "67202", "020173", "KSZ083", 37.6872, -97.3301,
         "316", {"E Douglas Ave", "N Rock Rd", "W Kellogg Dr", "S Broadway St"}, true},
    City{"Derby", "KS", "Sedgwick", "Wichita", "67037", "020173", "KSZ083", 37.5456, -97.2689,
         "316", {"N Baltimore Ave", "E Madison Ave", "N Rock Rd", "E Market St"}, false},
    City{"El Dorado", "KS", "Butler", "Wichita", "67042", "020015", "KSZ070", 37.8172, -96.8620,
         "316", {"N Main St", "W Central Ave", "E 6th Ave", "S Haverhill Rd"}, true},
    City{"Hutchinson", "KS", "Reno", "Wichita", "67501", "020155", "KSZ069", 38.0608, -97.9298,
         "620", {"N Main St", "E 4th Ave", "E 30th Ave", "W 11th Ave"}, true},
    City{"Winfield", "KS", "Cowley", "Wichita", "67156", "020035", "KSZ093", 37.2398, -96.9956,
         "620", {"E 9th Ave", "Main St", "E 19th Ave", "Manning St"}, true},
    City{"Dodge City", "KS", "Ford", "Southwest KS", "67801", "020057", "KSZ078", 37.7528,
         -100.0171, "620", {"W Wyatt Earp Blvd", "N 2nd Ave", "E Trail St", "Central Ave"}, true},
    City{"Garden City", "KS", "Finney", "Southwest KS", "67846", "020055", "KSZ063", 37.9717,
         -100.8727, "620", {"E Kansas Ave", "N Main St", "E Fulton St", "W Mary St"}, true},
    City{"Salina", "KS", "Saline", "Central KS", "67401", "020169", "KSZ048", 38.8403, -97.6114,
         "785", {"S Santa Fe Ave", "E Iron Ave", "S Ohio St", "N 9th St"}, true},
    City{"Manhattan", "KS", "Riley", "Central KS", "66502", "020161", "KSZ035", 39.1836, -96.5717,
         "785", {"Poyntz Ave", "Anderson Ave", "Tuttle Creek Blvd", "Fort Riley Blvd"}, true},
};
// clang-format on

std::size_t find_city(std::string_view name) {
    for (std::size_t i = 0; i < kCities.size(); ++i) {
        if (kCities[i].name == name) {
            return i;
        }
    }
    HOVER_ASSERT(false && "unknown demo city");
    return 0;
}

// Which technician (0, 1, 2) owns a region, and which carriers serve it.
std::size_t technician_for_region(std::string_view region) {
    if (region == "OKC metro" || region == "Southwest OK") {
        return 0;
    }
    if (region == "Tulsa" || region == "Northern OK") {
        return 1;
    }
    return 2;
}

struct Carriers {
    std::string_view voice;      // POTS, PRI
    std::string_view broadband;  // cable or DSL
    std::string_view ethernet;
    std::string_view rural;  // a cooperative or independent telco
};

Carriers carriers_for_region(std::string_view region) {
    if (region == "OKC metro") {
        return {"AT&T", "Cox", "Lumen", "Pioneer Telephone"};
    }
    if (region == "Tulsa") {
        return {"AT&T", "Cox", "Windstream", "Windstream"};
    }
    if (region == "Northern OK" || region == "Southwest OK") {
        return {"AT&T", "Sparklight", "Windstream", "Pioneer Telephone"};
    }
    if (region == "Panhandle") {
        return {"Panhandle Telephone Cooperative", "PTCI", "Lumen", "Pioneer Telephone"};
    }
    return {"AT&T", "Cox", "Lumen", "Pioneer Communications"};  // Kansas
}

// ---------------------------------------------------------------------------------------------
// Industries and the 30 hand-written accounts.

enum class NameFrom { kPrefix, kCounty, kCity };

struct Industry {
    std::string_view name;
    NameFrom name_from;
    std::array<std::string_view, 3> nouns;  // composed names: "{prefix} {noun}"
    std::string_view main_site;
    std::array<std::string_view, 4> more_sites;
    std::string_view boss;
    std::array<std::string_view, 3> staff;
    std::array<std::string_view, 2> departments;  // auto attendant options
    int revenue_low_k;                            // thousands of dollars a year
    int revenue_high_k;
    int extra_sites;  // multi-site businesses
    int handsets_low;
    int handsets_high;
    bool paging;
    std::string_view dead_zone;
    std::string_view access;
};

// clang-format off
constexpr std::array kIndustries{
    Industry{"feed store", NameFrom::kPrefix, {"Feed & Seed", "Farm Supply", "Feed & Tack"},
             "Store", {"Warehouse", "Feed mill", "Fertilizer yard", "Seed barn"}, "Owner",
             {"Store manager", "Bookkeeper", "Yard foreman"}, {"Feed orders", "Fertilizer"}, 800,
             4500, 0, 4, 8, true, "Back of the fertilizer warehouse past the forklift charger",
             "Park by the seed barn; the front lot is for customers with trailers."},
    Industry{"dental clinic", NameFrom::kPrefix, {"Dental", "Family Dentistry", "Orthodontics"},
             "Clinic", {"Second office", "Lab", "Billing office", "Satellite clinic"},
             "Practice owner (DDS)", {"Practice manager", "Front desk lead", "Hygienist"},
             {"Appointments", "Billing"}, 900, 3500, 0, 6, 12, false, "",
             "No work in operatories during patient hours; phone room is behind sterilization."},
    Industry{"county courthouse", NameFrom::kCounty,
             {"County Courthouse", "County Annex", "County Offices"}, "Courthouse",
             {"County annex", "Sheriff's office", "Road & bridge barn", "Election board"},
             "County commissioner", {"County clerk", "Court clerk", "IT coordinator"},
             {"County clerk", "Court clerk"}, 3000, 12000, 1, 15, 30, true,
             "Basement records room under the courtroom",
             "Security screening at the east door: bring ID; tools go through the X-ray."},
    Industry{"trucking", NameFrom::kPrefix, {"Trucking", "Freight Lines", "Transport"},
             "Terminal & dispatch", {"Shop", "Yard office", "Fuel island", "Trailer yard"},
             "Owner", {"Dispatch supervisor", "Safety manager", "Shop foreman"},
             {"Dispatch", "Safety & payroll"}, 2000, 15000, 0, 6, 14, true,
             "Truck wash bay and the north end of the shop",
             "Gate code changes monthly; dispatch reads it out. Watch for trucks backing."},
    Industry{"church", NameFrom::kPrefix, {"Baptist Church", "Community Church", "Methodist Church"},
             "Sanctuary & church office", {"Fellowship hall", "Youth building", "Daycare", "Parsonage"},
             "Senior pastor", {"Church administrator", "Facilities volunteer", "Daycare director"},
             {"Church office", "Daycare"}, 300, 1500, 0, 3, 8, true, "Fellowship hall basement",
             "Office open Tuesday to Thursday; otherwise the facilities volunteer has the key."},
    Industry{"credit union", NameFrom::kPrefix,
             {"Credit Union", "Federal Credit Union", "Community Credit Union"}, "Main branch",
             {"North branch", "Drive-through branch", "Operations center", "South branch"}, "CEO",
             {"Branch manager", "IT manager", "Compliance officer"}, {"Loans", "Member services"},
             5000, 40000, 2, 8, 18, false, "",
             "Escorted access only; schedule with the branch manager 24 hours ahead."},
    Industry{"grain elevator", NameFrom::kPrefix, {"Grain Co-op", "Elevator Co.", "Cooperative"},
             "Elevator office", {"Scale house", "South elevator", "Agronomy center", "Seed plant"},
             "General manager", {"Office manager", "Elevator superintendent", "Agronomist"},
             {"Grain bids", "Agronomy"}, 5000, 60000, 1, 3, 6, true,
             "Scale house and the top of the leg: pages can't be heard over the dryer",
             "During harvest park away from the scale; trucks have the right of way."},
    Industry{"school district", NameFrom::kCity,
             {"Public Schools", "School District", "Independent Schools"}, "Administration building",
             {"High school", "Elementary school", "Middle school", "Transportation barn"},
             "Superintendent", {"Technology director", "Business manager", "Principal"},
             {"Enrollment", "Transportation"}, 8000, 60000, 3, 10, 25, true,
             "Gym and the ag barn",
             "Check in at the front office; no work in classrooms while school is in session."},
    Industry{"warehouse", NameFrom::kPrefix, {"Storage & Warehouse", "Distribution", "Logistics"},
             "Warehouse & office", {"Overflow warehouse", "Cross-dock", "Cold storage", "Yard office"},
             "Owner", {"Warehouse manager", "Office manager", "Shipping lead"},
             {"Shipping", "Receiving"}, 1500, 20000, 0, 5, 12, true,
             "Back corner of the warehouse by dock 4",
             "Hard hat and vest on the floor; check in at the shipping window."},
    Industry{"title company", NameFrom::kPrefix, {"Title Co.", "Abstract & Title", "Title & Escrow"},
             "Office", {"Closing office", "Records storage", "Branch office", "Plant room"},
             "President", {"Escrow officer", "Office manager", "Abstractor"},
             {"Closings", "Abstracts"}, 700, 4000, 0, 5, 12, false, "",
             "Never during a closing: check the closing calendar at the front desk."},
    Industry{"insurance agency", NameFrom::kPrefix,
             {"Insurance Agency", "Insurance Group", "Insurance"}, "Agency office",
             {"Branch office", "Claims office", "Storage", "Satellite office"}, "Agency owner",
             {"Office manager", "Account manager", "Customer service rep"}, {"Claims", "Policies"},
             400, 3000, 0, 4, 9, false, "", "Phone board is in the coat closet by the back door."},
    Industry{"veterinary clinic", NameFrom::kPrefix,
             {"Veterinary Clinic", "Animal Hospital", "Large Animal Clinic"}, "Clinic",
             {"Boarding kennel", "Large animal barn", "Second clinic", "Pharmacy"}, "Owner (DVM)",
             {"Practice manager", "Head tech", "Receptionist"}, {"Appointments", "Boarding"}, 600,
             3000, 0, 4, 9, true, "Boarding kennel: too loud to hear a page",
             "Dogs loose in the back office (friendly). Close the gate behind you."},
    Industry{"auto parts", NameFrom::kPrefix, {"Auto Parts", "Auto Parts & Salvage", "Truck Parts"},
             "Parts store", {"Salvage yard office", "Warehouse", "Machine shop", "Second store"},
             "Owner", {"Store manager", "Counter lead", "Bookkeeper"}, {"Parts counter", "Salvage"},
             900, 6000, 0, 4, 8, true, "Salvage yard past the crusher",
             "Phone room is behind the tire rack in the back of the parts room."},
    Industry{"family medicine", NameFrom::kPrefix,
             {"Family Medicine", "Family Clinic", "Medical Associates"}, "Clinic",
             {"Satellite clinic", "Billing office", "Lab", "Urgent care"}, "Managing physician",
             {"Practice administrator", "Nurse manager", "Billing lead"},
             {"Appointments", "Nurse line"}, 1500, 9000, 1, 8, 16, false, "",
             "Sign the visitor log (HIPAA); the IDF is in the locked room behind the lab."},
    Industry{"feedlot", NameFrom::kPrefix, {"Cattle Feeders", "Feedyard", "Cattle Co."},
             "Feedyard office", {"Mill", "Shop", "Scale house", "Hospital barn"},
             "General manager", {"Office manager", "Yard foreman", "Mill manager"},
             {"Cattle receiving", "Accounting"}, 20000, 150000, 1, 4, 8, true,
             "Feed mill and the south pens",
             "Boots you don't mind ruining; the office is past the scale, not at the gate."},
    Industry{"law office", NameFrom::kPrefix, {"Law Office", "Law Firm", "Legal Group"}, "Office",
             {"Branch office", "Records storage", "Satellite office", "Conference center"},
             "Managing partner", {"Office administrator", "Paralegal", "Legal assistant"},
             {"New clients", "Billing"}, 700, 5000, 0, 5, 12, false, "",
             "Confidential files everywhere: stay with the administrator."},
    Industry{"pharmacy", NameFrom::kPrefix, {"Pharmacy", "Drug", "Apothecary"}, "Pharmacy",
             {"Second store", "Long-term care fill center", "Warehouse", "Clinic counter"},
             "Pharmacist-owner", {"Store manager", "Pharmacy tech lead", "Bookkeeper"},
             {"Pharmacy", "Front store"}, 2000, 9000, 0, 4, 8, false, "",
             "Never behind the pharmacy counter without the pharmacist present."},
    Industry{"bank", NameFrom::kPrefix, {"State Bank", "Bank & Trust", "National Bank"},
             "Main office", {"Branch", "Drive-through", "Operations", "Loan office"}, "President",
             {"Operations officer", "Branch manager", "IT officer"}, {"Loans", "Customer service"},
             10000, 80000, 2, 8, 16, false, "Vault and the drive-through lanes",
             "Escorted access only; the operations officer signs you in."},
    Industry{"restaurant supply", NameFrom::kPrefix,
             {"Restaurant Supply", "Food Service", "Diner Supply"}, "Showroom & office",
             {"Warehouse", "Delivery dock", "Repair shop", "Outlet store"}, "Owner",
             {"Office manager", "Warehouse lead", "Sales manager"}, {"Orders", "Service calls"},
             1000, 8000, 0, 5, 10, true, "Walk-in freezer aisle in the warehouse",
             "Deliveries come in at 6 am; the dock is clear after 10."},
    Industry{"print shop", NameFrom::kPrefix, {"Print Shop", "Printing", "Press"}, "Shop",
             {"Bindery", "Sign shop", "Storage", "Retail counter"}, "Owner",
             {"Production manager", "Front counter", "Bookkeeper"}, {"Quotes", "Production"},
             300, 1500, 0, 3, 6, true, "Press room when the big press runs",
             "Ink everywhere: don't set anything on the counters."},
    Industry{"motel", NameFrom::kPrefix, {"Motor Inn", "Inn & Suites", "Motel"},
             "Front desk & office", {"Annex", "Laundry building", "Restaurant", "Pool house"},
             "Owner", {"General manager", "Night auditor", "Housekeeping lead"},
             {"Reservations", "Front desk"}, 400, 2500, 0, 10, 24, false, "",
             "Room phones: housekeeping opens the rooms; never knock on occupied ones."},
};
// clang-format on

const Industry& find_industry(std::string_view name) {
    for (const auto& industry : kIndustries) {
        if (industry.name == name) {
            return industry;
        }
    }
    HOVER_ASSERT(false && "unknown demo industry");
    return kIndustries[0];
}

struct CuratedAccount {
    std::string_view name;
    std::string_view industry;
    AccountStatus status;
    std::string_view city;
};

// Interleaved so that any prefix has a mix: 20 customers, 7 prospects, 3 former in 30.
// clang-format off
constexpr std::array kCuratedAccounts{
    CuratedAccount{"Prairie Feed & Seed", "feed store", AccountStatus::kCustomer, "Enid"},
    CuratedAccount{"Canadian River Dental", "dental clinic", AccountStatus::kCustomer, "Norman"},
    CuratedAccount{"Cowley County Ag Supply", "feed store", AccountStatus::kProspect, "Winfield"},
    CuratedAccount{"Cimarron County Courthouse", "county courthouse", AccountStatus::kCustomer,
                   "Boise City"},
    CuratedAccount{"Red Fork Trucking", "trucking", AccountStatus::kCustomer, "Tulsa"},
    CuratedAccount{"Bricktown Print Shop", "print shop", AccountStatus::kFormer, "Oklahoma City"},
    CuratedAccount{"Grace Fellowship Church", "church", AccountStatus::kCustomer, "Yukon"},
    CuratedAccount{"Sooner Plains Credit Union", "credit union", AccountStatus::kCustomer,
                   "Oklahoma City"},
    CuratedAccount{"Reno County Dental Group", "dental clinic", AccountStatus::kProspect,
                   "Hutchinson"},
    CuratedAccount{"Wheatland Grain Co-op", "grain elevator", AccountStatus::kCustomer, "Guymon"},
    CuratedAccount{"Chisholm Trail Public Schools", "school district", AccountStatus::kCustomer,
                   "Chickasha"},
    CuratedAccount{"Tallgrass Community Church", "church", AccountStatus::kProspect,
                   "Broken Arrow"},
    CuratedAccount{"Turnpike Logistics", "warehouse", AccountStatus::kCustomer, "Oklahoma City"},
    CuratedAccount{"Air Capital Orthodontics", "dental clinic", AccountStatus::kCustomer,
                   "Wichita"},
    CuratedAccount{"Cherokee Strip Freight Lines", "trucking", AccountStatus::kProspect, "Enid"},
    CuratedAccount{"Arkansas River Title Co.", "title company", AccountStatus::kCustomer,
                   "Wichita"},
    CuratedAccount{"Keystone Insurance Agency", "insurance agency", AccountStatus::kCustomer,
                   "Sapulpa"},
    CuratedAccount{"Three Forks Motor Inn", "motel", AccountStatus::kFormer, "Muskogee"},
    CuratedAccount{"Osage Hills Veterinary Clinic", "veterinary clinic", AccountStatus::kCustomer,
                   "Bartlesville"},
    CuratedAccount{"Fort Sill Road Auto Parts", "auto parts", AccountStatus::kCustomer, "Lawton"},
    CuratedAccount{"Liberal Plains Grain Co.", "grain elevator", AccountStatus::kProspect,
                   "Liberal"},
    CuratedAccount{"Flint Hills Family Medicine", "family medicine", AccountStatus::kCustomer,
                   "El Dorado"},
    CuratedAccount{"High Plains Cattle Feeders", "feedlot", AccountStatus::kCustomer,
                   "Dodge City"},
    CuratedAccount{"Washita Valley Public Schools", "school district", AccountStatus::kProspect,
                   "Duncan"},
    CuratedAccount{"Cross Timbers Law Office", "law office", AccountStatus::kCustomer, "Edmond"},
    CuratedAccount{"Mustang Creek Pharmacy", "pharmacy", AccountStatus::kCustomer, "Moore"},
    CuratedAccount{"Arbuckle Storage & Warehouse", "warehouse", AccountStatus::kProspect,
                   "Ardmore"},
    CuratedAccount{"Salt Fork State Bank", "bank", AccountStatus::kCustomer, "Ponca City"},
    CuratedAccount{"Smoky Hill Feed & Tack", "feed store", AccountStatus::kFormer, "Salina"},
    CuratedAccount{"Mother Road Restaurant Supply", "restaurant supply", AccountStatus::kCustomer,
                   "Tulsa"},
};
// clang-format on

// clang-format off
constexpr std::array<std::string_view, 32> kNamePrefixes{
    "Cimarron",     "Red River",    "Prairie",       "Sooner",        "Flint Hills",
    "Chisholm",     "Turkey Creek", "Wheatland",     "Osage",         "Kaw Lake",
    "Big Sky",      "Canadian Valley", "Cottonwood", "Bluestem",      "Santa Fe Trail",
    "Arkansas Valley", "Tallgrass", "Salt Plains",   "Wichita Mountains", "Frontier",
    "Heartland",    "Pioneer",      "Red Rock",      "Deer Creek",    "Post Oak",
    "Blackjack",    "Sandhill",     "Medicine Park", "Wolf Creek",    "Buffalo Springs",
    "Mesa Verde",   "Stone Creek"};

// ---------------------------------------------------------------------------------------------
// Technology

struct PbxFamily {
    std::string_view make;
    std::string_view model;
    std::array<std::string_view, 2> handsets;
    std::string_view voicemail;
    std::string_view attendant;
    std::string_view serial_prefix;
    int min_age;  // years
    int max_age;
    int end_of_life_year;  // 0: not announced
};
// clang-format on

// clang-format off
constexpr std::array kPbxFamilies{
    PbxFamily{"Mitel", "MiVoice Business 3300 ICP", {"6930 IP Phone", "5320e IP Phone"},
              "NuPoint Unified Messaging", "MiVoice Business auto attendant", "MT", 3, 14, 2025},
    PbxFamily{"Mitel", "MiVoice Connect", {"6920 IP Phone", "6940 IP Phone"}, "Connect voicemail",
              "Connect auto attendant", "MC", 0, 6, 0},
    PbxFamily{"Avaya", "IP Office 500 V2", {"9608 IP Deskphone", "1408 Digital Deskphone"},
              "Embedded Voicemail", "Embedded Voicemail auto attendant", "AV", 2, 14, 2026},
    PbxFamily{"Panasonic", "KX-TDE100", {"KX-DT543", "KX-NT556"}, "KX-TVM50",
              "KX-TDE DISA auto attendant", "PA", 10, 17, 2016},
    PbxFamily{"Panasonic", "KX-NS700", {"KX-NT556", "KX-DT546"}, "KX-NS700 unified messaging",
              "KX-NS700 auto attendant", "PN", 3, 10, 0},
    PbxFamily{"NEC", "SL2100", {"DT430 digital", "DT820 IP"}, "InMail", "InMail auto attendant",
              "NE", 1, 8, 0},
    PbxFamily{"Nortel", "Norstar MICS 7.1", {"T7316E", "T7208"}, "CallPilot 150",
              "CallPilot auto attendant", "NT", 15, 20, 2010},
    PbxFamily{"Toshiba", "Strata CIX100", {"DP5022-SD", "IP5122-SD"}, "Stratagy ES",
              "Stratagy auto attendant", "TS", 8, 16, 2017},
    PbxFamily{"Samsung", "OfficeServ 7100", {"SMT-i5210", "DS-5014D"}, "SVMi-20E",
              "SVMi-20E auto attendant", "SA", 8, 15, 2020},
    PbxFamily{"Allworx", "Connect 536", {"Verge 9312", "Verge 9308"}, "Allworx voicemail",
              "Allworx auto attendant", "AX", 1, 7, 0},
};
// clang-format on

struct Model {
    std::string_view make;
    std::string_view model;
};

// clang-format off
constexpr std::array kHeadsets{Model{"Jabra", "Engage 65"}, Model{"Plantronics", "CS540"},
                               Model{"Poly", "Savi 8210"}, Model{"Jabra", "Pro 920"},
                               Model{"Plantronics", "H251N"}};
constexpr std::array kPaging{Model{"Bogen", "TAMB2 amplifier"}, Model{"Valcom", "V-2003A"},
                             Model{"Algo", "8301 paging adapter"}, Model{"Bogen", "C100 amplifier"}};
constexpr std::array kCableModems{Model{"Arris", "SURFboard SB8200"},
                                  Model{"Netgear", "CM1000"}, Model{"Hitron", "CODA-4582"}};
constexpr std::array kDslModems{Model{"Zyxel", "C3000Z"}, Model{"Adtran", "834-v6"},
                                Model{"Calix", "GigaCenter 844G"}};
constexpr std::array kAnalogModems{Model{"US Robotics", "5686G 56K"},
                                   Model{"Zoom", "3095 56K USB"}};
constexpr std::array kRouters{Model{"Cisco", "ISR 4321"}, Model{"Ubiquiti", "EdgeRouter 4"},
                              Model{"MikroTik", "RB4011"}, Model{"Adtran", "NetVanta 3140"}};
constexpr std::array kSwitches{Model{"Cisco", "Catalyst 2960-X 24 PoE"},
                               Model{"Netgear", "GS728TP"}, Model{"Ubiquiti", "USW-Pro-24-PoE"},
                               Model{"HPE Aruba", "2530-24G-PoE+"}};
constexpr std::array kFirewalls{Model{"Fortinet", "FortiGate 60F"}, Model{"SonicWall", "TZ370"},
                                Model{"Sophos", "XGS 107"}};
constexpr std::array kUps{Model{"APC", "Smart-UPS 1500"}, Model{"APC", "Back-UPS Pro 1500"},
                          Model{"CyberPower", "CP1500PFCLCD"}, Model{"Eaton", "5P 1500"}};
constexpr std::array kSurge{Model{"Tripp Lite", "ISOBAR6ULTRA"}, Model{"APC", "P11VNT3"},
                            Model{"Ditek", "DTK-2MHLP line protector"},
                            Model{"Panamax", "MR4300"}};
constexpr std::array kAccessPoints{Model{"Ubiquiti", "U6-Lite"}, Model{"Cisco Meraki", "MR36"},
                                   Model{"Aruba", "AP-505"}};
constexpr std::array kCircuitGear{Model{"Adtran", "Total Access 908e"},
                                  Model{"Westell", "DS1 smartjack NIU"},
                                  Model{"Ciena", "3903 NID"}};
constexpr std::array kCabling{Model{"Belden", "Cat5e plenum, 48 drops"},
                              Model{"Panduit", "Cat6, 24 drops"},
                              Model{"CommScope", "Cat6 plus 25-pair riser"}};
constexpr std::array kOtherGear{Model{"Viking Electronics", "E-30 entry phone"},
                                Model{"Cisco", "SPA122 ATA"}, Model{"Grandstream", "HT802 ATA"},
                                Model{"Viking Electronics", "K-1900-8 elevator phone"}};

// ---------------------------------------------------------------------------------------------
// People

constexpr std::array<std::string_view, 60> kFirstNames{
    "Linda",  "James",   "Darla",   "Bobby",  "Kendra",    "Travis", "Shelby", "Wes",
    "Ramona", "Cody",    "Jolene",  "Hector", "Mary Beth", "Dwayne", "Tonya",  "Luis",
    "Brenda", "Garrett", "Crystal", "Rusty",  "Anita",     "Marcus", "Peggy",  "Jesse",
    "Kay",    "Nathan",  "Lori",    "Vernon", "Misty",     "Curtis", "Rhonda", "Juan",
    "Stacy",  "Dustin",  "Gloria",  "Kyle",   "Patsy",     "Raymond", "Heather", "Chad",
    "Wanda",  "Elijah",  "Becky",   "Trent",  "Yolanda",   "Derek",  "Connie", "Roy",
    "Tammy",  "Ben",     "Nguyet",  "Joseph", "Opal",      "Brandon", "Sherry", "Mike",
    "Dana",   "Jerry",   "Alma",    "Clint"};

constexpr std::array<std::string_view, 60> kLastNames{
    "Harjo",      "Whitehorse", "Stroud",    "Delgado",    "Pham",      "Bledsoe",
    "Hensley",    "McAlester",  "Tiger",     "Yates",      "Brewer",    "Cantrell",
    "Dobbs",      "Franks",     "Garza",     "Haskins",    "Ingram",    "Jernigan",
    "Keel",       "Lassiter",   "Munoz",     "Nix",        "Overstreet", "Payne",
    "Quillen",    "Redbird",    "Sixkiller", "Tubbs",      "Underwood", "Vo",
    "Wofford",    "Youngblood", "Zamora",    "Beck",       "Chisholm",  "Dunlap",
    "Epperson",   "Fuqua",      "Goforth",   "Holder",     "Isbell",    "Jolly",
    "Kirkpatrick", "Lovelace",  "Mayfield",  "Nunley",     "Odom",      "Pickens",
    "Rainwater",  "Spurlock",   "Thigpen",   "Vance",      "Walkingstick", "Albers",
    "Bauer",      "Friesen",    "Unruh",     "Schmidt",    "Littlejohn", "Cornsilk"};

constexpr std::array<std::string_view, 8> kPreferredHours{
    "mornings before 10",           "after 2 pm",
    "Tuesday to Thursday only",     "not on Mondays (payroll day)",
    "after the lunch rush (1:30-4)", "early, 7 to 8 am, before the trucks roll",
    "any time during business hours", "late afternoon, after court lets out"};

constexpr std::array<std::string_view, 8> kStyles{
    "Direct: wants the bottom line first, details on request.",
    "Chatty; budget an extra twenty minutes for every visit.",
    "Wants everything in writing, even a two-line quote.",
    "Explain it without jargon; draw a picture if you can.",
    "Skeptical of upsells: show the numbers and the old bill.",
    "Texts only; never leave a voicemail, nobody listens to them.",
    "Polite but busy: call, say why in one sentence, offer two times.",
    "Likes to see the work: walk through the phone room together when done."};

constexpr std::array<std::string_view, 10> kFamilies{
    "Married; two boys in 4-H.",
    "Spouse teaches at the elementary school; three kids.",
    "Three grandkids in Tulsa, visits them most weekends.",
    "Daughter just started at OSU.",
    "Son is a lineman for the electric co-op.",
    "Newly married (last June).",
    "Takes care of an elderly parent on Fridays.",
    "Twins in middle school, both in band.",
    "Spouse farms wheat west of town.",
    "Brings the dog, Biscuit, to the office."};

constexpr std::array<std::string_view, 12> kInterests{
    "OSU Cowboys football",
    "OU Sooners, season tickets",
    "Thunder basketball",
    "Bass fishing at Lake Eufaula",
    "Quarter horses and barrel racing",
    "Deer season: gone the first week of rifle season",
    "Barbecue competitions",
    "Quilting guild",
    "Route 66 car shows",
    "Wichita State basketball",
    "Coaches Little League",
    "Restoring a 1967 Ford pickup"};

constexpr std::array<std::string_view, 8> kHowWeMet{
    "Called us after lightning took out their old system",
    "Met at the Chamber of Commerce lunch",
    "Referred by another customer",
    "Cold call; took three tries",
    "Took over when the previous vendor closed",
    "Our booth at the state bankers' convention",
    "Met at the county fair",
    "Found us on the web after a storm outage"};

constexpr std::array<std::string_view, 5> kHolidays{"Thanksgiving", "Christmas", "July 4th",
                                                    "Memorial Day", "Labor Day"};

// ---------------------------------------------------------------------------------------------
// Phone numbers: the fictional 555-0100..0199 range, 100 per area code. A region's own code
// first, then its overlay, then any code; past 800 numbers (large --accounts) they repeat.

class NumberPool {
public:
    std::string take(std::string_view area_code, Rng& rng) {
        std::string code = choose(area_code);
        int n = used_[code]++ % 100;
        switch (rng.between(0, 2)) {
            case 0:
                return fmt::format("({}) 555-01{:02}", code, n);
            case 1:
                return fmt::format("{}-555-01{:02}", code, n);
            default:
                return fmt::format("{}.555.01{:02}", code, n);
        }
    }

private:
    std::string choose(std::string_view area_code) {
        std::string own(area_code);
        if (used_[own] < 100) {
            return own;
        }
        std::string overlay = own == "405" ? "572" : own == "918" ? "539" : "";
        if (!overlay.empty() && used_[overlay] < 100) {
            return overlay;
        }
        for (std::string_view code : {"580", "620", "785", "316", "405", "918", "572", "539"}) {
            if (used_[std::string(code)] < 100) {
                return std::string(code);
            }
        }
        return own;
    }

    std::map<std::string, int> used_;
};
// clang-format on

PhoneNumber typed(std::string text) {
    PhoneNumber p;
    p.as_typed = std::move(text);
    return p;
}

std::string email_local(std::string_view first, std::string_view last) {
    std::string out;
    for (char c : first) {
        if (c != ' ') {
            out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
    }
    out += '.';
    for (char c : last) {
        if (c != ' ') {
            out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
    }
    return out;
}

// "Prairie Feed & Seed" -> "prairiefeedseed.example"
std::string domain_for(std::string_view name) {
    std::string out;
    for (char c : name) {
        if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a');
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            out += c;
        }
        if (out.size() >= 24) {
            break;
        }
    }
    return out + ".example";
}

// ---------------------------------------------------------------------------------------------
// The loader

struct ContactInfo {
    ContactId id;
    std::string first_name;
    std::string display_name;
    PhoneHabit habit = PhoneHabit::kUnknown;
    bool decision_maker = false;
    bool do_not_contact = false;
    std::string interest;
    std::string family;
};

struct SiteInfo {
    SiteId id;
    std::string name;
    const City* city = nullptr;
    bool tornado_alley = false;
    bool lightning_prone = false;
    std::string dead_zone;
};

struct AccountInfo {
    AccountId id;
    std::string name;
    const Industry* industry = nullptr;
    const City* city = nullptr;
    AccountStatus status = AccountStatus::kCustomer;
    std::optional<std::size_t> technician;  // index into technicians
    std::string main_number;
    std::string fax_number;
    const PbxFamily* pbx = nullptr;
    int pbx_age = 0;
    bool forgets_greeting = false;
    int budget_month = 0;
    int refresh_year = 0;
    std::vector<SiteInfo> sites;
    std::vector<ContactInfo> contacts;
};

class Loader {
public:
    Loader(RecordService& records, const DemoOptions& options)
        : records_(records), options_(options), storm_day_(storm_day(options.as_of)) {}

    Result<DemoSummary> run() {
        HOVER_TRY(create_organisation());
        HOVER_TRY(create_users());
        std::set<std::string> names;
        AccountInfo previous;
        for (int i = 0; i < options_.accounts; ++i) {
            Rng rng = Rng::stream(options_.seed, static_cast<std::uint64_t>(i));
            AccountInfo account = HOVER_TRY(create_account(i, rng, names));
            HOVER_TRY(create_sites(i, rng, account));
            HOVER_TRY(create_contacts(i, rng, account, previous));
            HOVER_TRY(create_interactions(rng, account));
            HOVER_TRY(create_notes(i, rng, account));
            previous = std::move(account);
        }
        return summary_;
    }

private:
    // The storm of the demo: the latest May 20 at least a month before as_of.
    static Date storm_day(Date as_of) {
        Date candidate = make_date(year_of(as_of), 5, 20);
        if (days_between(candidate, as_of) < 30) {
            candidate = make_date(year_of(as_of) - 1, 5, 20);
        }
        return candidate;
    }

    Result<Ok> create_organisation() {
        auto existing = HOVER_TRY(records_.list_organisations());
        for (const auto& org : existing) {
            if (org.slug == kOrgSlug) {
                return Error{ErrorCode::kConflict,
                             fmt::format("The demo organisation \"{}\" is already in this "
                                         "database. Load the demo into a new database, or use "
                                         "the one that is there (--org {}).",
                                         kOrgSlug, kOrgSlug),
                             "demo organisation exists", ""};
            }
        }
        records::Organisation org;
        org.name = std::string(kOrgName);
        org.slug = std::string(kOrgSlug);
        org.phone_region = "US";
        org = HOVER_TRY(records_.create_organisation(org));
        summary_.org_id = org.id;
        return Ok{};
    }

    Result<Ok> create_users() {
        struct Person {
            std::string_view email;
            std::string_view name;
            Role role;
        };
        constexpr std::array kPeople{
            Person{"wade@reddirt.example", "Wade Holloway", Role::kAdmin},
            Person{"darlene@reddirt.example", "Darlene Pruitt", Role::kManager},
            Person{"dale@reddirt.example", "Dale Kimbrough", Role::kTechnician},
            Person{"rosa@reddirt.example", "Rosa Villanueva", Role::kTechnician},
            Person{"tyler@reddirt.example", "Tyler Nguyen", Role::kTechnician},
        };
        for (const auto& person : kPeople) {
            records::User user;
            user.org_id = summary_.org_id;
            user.email = std::string(person.email);
            user.display_name = std::string(person.name);
            user.role = person.role;
            user = HOVER_TRY(records_.create_user(summary_.org_id, user));
            Actor actor;
            actor.org_id = summary_.org_id;
            actor.user_id = user.id;
            actor.role = person.role;
            actor.phone_region = "US";
            if (person.role == Role::kAdmin) {
                owner_ = actor;
            } else if (person.role == Role::kManager) {
                office_ = actor;
            } else {
                technicians_.push_back(actor);
                technician_names_.push_back(std::string(person.name));
            }
            ++summary_.users;
        }
        return Ok{};
    }

    const Actor& technician_or_owner(const AccountInfo& account) const {
        return account.technician ? technicians_[*account.technician] : owner_;
    }
    std::string_view technician_name(const AccountInfo& account) const {
        return account.technician ? std::string_view(technician_names_[*account.technician])
                                  : std::string_view("Wade Holloway");
    }

    // --- accounts --------------------------------------------------------------------------

    std::string compose_name(const Industry& industry, const City& city, Rng& rng) {
        std::string_view noun = rng.pick(industry.nouns);
        switch (industry.name_from) {
            case NameFrom::kCounty:
                return fmt::format("{} {}", city.county, noun);
            case NameFrom::kCity:
                return fmt::format("{} {}", city.name, noun);
            case NameFrom::kPrefix:
                break;
        }
        return fmt::format("{} {}", rng.pick(kNamePrefixes), noun);
    }

    Result<AccountInfo> create_account(int i, Rng& rng, std::set<std::string>& names) {
        const auto& curated =
            kCuratedAccounts[static_cast<std::size_t>(i) % kCuratedAccounts.size()];
        AccountInfo info;
        info.status = curated.status;
        std::string name;
        if (static_cast<std::size_t>(i) < kCuratedAccounts.size()) {
            info.industry = &find_industry(curated.industry);
            info.city = &kCities[find_city(curated.city)];
            name = std::string(curated.name);
        } else {
            info.industry = &rng.pick(kIndustries);
            info.city = &rng.pick(kCities);
            name = compose_name(*info.industry, *info.city, rng);
        }
        if (names.count(name) != 0) {
            name += fmt::format(" ({})", info.city->name);
        }
        for (int n = 2; names.count(name) != 0; ++n) {
            name = fmt::format("{} {}", name.substr(0, name.rfind(' ')), n);
        }
        names.insert(name);
        info.name = name;
        const Industry& industry = *info.industry;
        const City& city = *info.city;

        // Prospects in the far corners have no technician yet: the owner sells to them.
        if (info.status != AccountStatus::kProspect || i % 2 == 0) {
            info.technician = technician_for_region(city.region);
        }
        info.pbx = &rng.pick(kPbxFamilies);
        info.pbx_age = rng.between(info.pbx->min_age, info.pbx->max_age);
        info.forgets_greeting = info.status == AccountStatus::kCustomer && i % 3 == 0;
        info.budget_month = rng.between(1, 12);
        info.refresh_year =
            year_of(options_.as_of) + (info.pbx_age >= 10 ? rng.between(0, 1) : rng.between(1, 5));
        info.main_number = numbers_.take(city.area_code, rng);
        info.fax_number = numbers_.take(city.area_code, rng);

        Account account;
        account.org_id = summary_.org_id;
        account.name = name;
        account.status = info.status;
        account.industry = std::string(industry.name);
        account.region = std::string(city.region);
        if (info.status != AccountStatus::kProspect || rng.percent(50)) {
            std::int64_t thousands = rng.between(industry.revenue_low_k, industry.revenue_high_k);
            account.annual_revenue = Cents{thousands * 1000 * 100};
        }
        if (info.status != AccountStatus::kFormer) {
            account.next_refresh_year = info.refresh_year;
            if (info.status == AccountStatus::kCustomer || rng.percent(50)) {
                account.budget_month = info.budget_month;
            }
        }
        account.technician_id = info.technician
                                    ? std::optional<UserId>(technicians_[*info.technician].user_id)
                                    : std::nullopt;
        build_comms_flow(info, rng, account);
        if (industry.name == "county courthouse") {
            account.notes =
                "Phones must be up on court days (Tuesday and Thursday): schedule "
                "cutovers for Fridays after 4.";
        } else if (info.status == AccountStatus::kFormer) {
            account.notes =
                "Left for a hosted system from a national provider; parted on good "
                "terms. Check back before their contract ends.";
        } else if (rng.percent(40)) {
            account.notes =
                fmt::format("Pays on net 30, reliably. {} signs every quote.", industry.boss);
        }
        Account saved = HOVER_TRY(records_.create_account(owner_, account));
        info.id = saved.id;
        ++summary_.accounts;
        return info;
    }

    void build_comms_flow(const AccountInfo& info, Rng& rng, Account& account) {
        const Industry& industry = *info.industry;
        bool large = industry.handsets_high >= 14;
        std::string dept1(industry.departments[0]);
        std::string dept2(industry.departments[1]);
        auto entry = [](CommFlowKind kind, std::string label, std::optional<PhoneNumber> number,
                        std::string routes_to) {
            CommFlowEntry e;
            e.kind = kind;
            e.label = std::move(label);
            e.number = std::move(number);
            e.routes_to = std::move(routes_to);
            return e;
        };
        int front = rng.between(2, 4);
        if (!large) {
            account.comms_flow_notes = fmt::format(
                "The main number {} rings the {} front phones together for four rings, rolls to "
                "lines 2 and 3 when busy, then the auto attendant answers: 1 for {}, 2 for {}, 0 "
                "back to the front. After hours the attendant answers at once and offers the "
                "general mailbox. Faxes come in on {}.",
                info.main_number, front, dept1, dept2, info.fax_number);
            account.comms_flow.push_back(
                entry(CommFlowKind::kMainNumber, "Main line", typed(info.main_number),
                      fmt::format("Ring group 600 ({} front phones)", front)));
            account.comms_flow.push_back(entry(
                CommFlowKind::kRingGroup, "Ring group 600", std::nullopt,
                "Ext 101-10" + std::to_string(front) + ", four rings, then the auto attendant"));
        } else {
            account.comms_flow_notes = fmt::format(
                "The main number {} goes straight to the auto attendant: 1 for {} (hunt group "
                "700), 2 for {} (hunt group 710), 0 for the operator console. Unanswered hunt "
                "group calls fall to the department mailbox after 30 seconds. Faxes come in on "
                "{}.",
                info.main_number, dept1, dept2, info.fax_number);
            account.comms_flow.push_back(entry(CommFlowKind::kMainNumber, "Main line",
                                               typed(info.main_number), "Auto attendant"));
            account.comms_flow.push_back(
                entry(CommFlowKind::kHuntGroup, "Hunt group 700: " + dept1, std::nullopt,
                      "Linear hunt over ext 120-125, 30 s, then mailbox 700"));
            account.comms_flow.push_back(entry(CommFlowKind::kHuntGroup, "Hunt group 710: " + dept2,
                                               std::nullopt,
                                               "Circular hunt over ext 130-133, then mailbox 710"));
        }
        account.comms_flow.push_back(entry(CommFlowKind::kAutoAttendant, "AA option 1: " + dept1,
                                           std::nullopt, large ? "Hunt group 700" : "Ext 110"));
        account.comms_flow.push_back(entry(CommFlowKind::kAutoAttendant, "AA option 2: " + dept2,
                                           std::nullopt, large ? "Hunt group 710" : "Ext 111"));
        account.comms_flow.push_back(
            entry(CommFlowKind::kFax, "Fax", typed(info.fax_number),
                  rng.percent(50) ? "Fax-to-email through an ATA" : "Brother MFC in the office"));
        account.comms_flow.push_back(entry(CommFlowKind::kOther, "After hours", std::nullopt,
                                           "Night mode: auto attendant, then general mailbox 999"));
    }

    // --- sites, assets, lines -----------------------------------------------------------------

    int site_count(int i, const AccountInfo& account) const {
        switch (account.status) {
            case AccountStatus::kCustomer:
                return 2 + (i % 4 == 0 ? 1 : 0) + account.industry->extra_sites;
            case AccountStatus::kProspect:
                return 1 + i % 2;
            case AccountStatus::kFormer:
                break;
        }
        return 1;
    }

    Result<Ok> create_sites(int i, Rng& rng, AccountInfo& account) {
        int count = site_count(i, account);
        const Industry& industry = *account.industry;
        for (int s = 0; s < count; ++s) {
            bool main = s == 0;
            const City* city = account.city;
            if (!main && rng.percent(40)) {
                // Another town of the same region.
                for (int tries = 0; tries < 8; ++tries) {
                    const City& other = rng.pick(kCities);
                    if (other.region == city->region) {
                        city = &other;
                        break;
                    }
                }
            }
            int global = site_counter_++;
            Site site;
            site.org_id = summary_.org_id;
            site.account_id = account.id;
            if (main) {
                site.name = std::string(industry.main_site);
            } else {
                auto k = static_cast<std::size_t>(s - 1);
                site.name = std::string(industry.more_sites[k % industry.more_sites.size()]);
                if (k >= industry.more_sites.size()) {
                    site.name += fmt::format(" {}", k / industry.more_sites.size() + 1);
                }
                if (city != account.city) {
                    site.name += fmt::format(" ({})", city->name);
                }
            }
            int block = rng.between(1, 60) * 100;
            int house = block + rng.between(0, 99);
            site.street = fmt::format("{} {}", house, rng.pick(city->streets));
            site.city = std::string(city->name);
            site.state = std::string(city->state);
            site.postal_code = std::string(city->postal_code);
            site.country = "US";
            // Within a few miles of the town centre, rounded to ~10 m.
            site.latitude = static_cast<double>(static_cast<long>(
                                (city->latitude + (rng.between(-300, 300) / 10000.0)) * 10000.0)) /
                            10000.0;
            site.longitude =
                static_cast<double>(static_cast<long>(
                    (city->longitude + (rng.between(-300, 300) / 10000.0)) * 10000.0)) /
                10000.0;
            site.county_fips = std::string(city->county_fips);
            site.nws_zone = std::string(city->nws_zone);
            site.tornado_alley = global % 10 != 7;
            if (global % 7 == 2 || (city->near_river && rng.percent(15))) {
                site.flood_zone = "AE";
            } else if (global % 13 == 4) {
                site.flood_zone = "A";
            } else if (rng.percent(70)) {
                site.flood_zone = "X";
            }
            site.lightning_prone =
                global % 4 == 1 ||
                (main && (industry.name == "grain elevator" || industry.name == "feedlot"));
            if (main) {
                site.access_notes = std::string(industry.access);
            } else if (rng.percent(60)) {
                constexpr std::array<std::string_view, 6> kAccess{
                    "Key is with the office manager at the main site; call ahead.",
                    "Demarc is on the outside wall by the gas meter.",
                    "Gate code 4411#; after 5 pm call the on-call number.",
                    "Phone board in the janitor's closet; the light switch is outside the door.",
                    "Ask for the key at the counter; the IDF is above the drop ceiling.",
                    "Dog on premises (friendly); knock at the side door."};
                site.access_notes = std::string(rng.pick(kAccess));
            }
            if (industry.paging && (main || rng.percent(30))) {
                site.paging_dead_zones = main ? std::string(industry.dead_zone)
                                              : "Loading dock when the bay doors are open";
            }
            Site saved = HOVER_TRY(records_.create_site(owner_, site));
            ++summary_.sites;
            SiteInfo info;
            info.id = saved.id;
            info.name = site.name;
            info.city = city;
            info.tornado_alley = site.tornado_alley;
            info.lightning_prone = site.lightning_prone;
            info.dead_zone = site.paging_dead_zones;
            HOVER_TRY(create_assets(i, rng, account, info, main));
            HOVER_TRY(create_lines(i, rng, account, info, main));
            account.sites.push_back(std::move(info));
        }
        return Ok{};
    }

    Condition condition_for(int age_years, Rng& rng) {
        int r = rng.between(0, 99);
        if (r < 4) {
            return Condition::kUnknown;
        }
        if (age_years < 4) {
            return r < 88 ? Condition::kGood : r < 98 ? Condition::kFair : Condition::kPoor;
        }
        if (age_years < 10) {
            return r < 55   ? Condition::kGood
                   : r < 85 ? Condition::kFair
                   : r < 97 ? Condition::kPoor
                            : Condition::kFailed;
        }
        return r < 24   ? Condition::kGood
               : r < 56 ? Condition::kFair
               : r < 88 ? Condition::kPoor
                        : Condition::kFailed;
    }

    struct AssetSpec {
        AssetCategory category = AssetCategory::kOther;
        std::string_view make;
        std::string_view model;
        std::string serial;
        int age_days = 0;
        std::string location;
        std::optional<bool> forgets;
        std::string notes;
        int life_years = 0;       // 0: no end of life recorded
        std::optional<Date> eol;  // overrides life_years
        bool unknown_install = false;
    };

    Result<Ok> add_asset(const SiteInfo& site, AssetSpec spec, Rng& rng) {
        Asset asset;
        asset.org_id = summary_.org_id;
        asset.site_id = site.id;
        asset.category = spec.category;
        asset.make = std::string(spec.make);
        asset.model = std::string(spec.model);
        asset.serial = std::move(spec.serial);
        int age_years = spec.age_days / 365;
        if (!spec.unknown_install) {
            Date installed = plus_days(options_.as_of, -spec.age_days);
            asset.installed_on = installed;
            static constexpr std::array<int, 4> kWarrantyYears{1, 1, 3, 5};
            asset.warranty_ends = plus_days(installed, 365 * rng.pick(kWarrantyYears));
            if (spec.eol && *spec.eol >= installed) {
                asset.end_of_life = spec.eol;
            } else if (spec.eol || spec.life_years > 0) {
                // A unit installed after its model's announced end of life (a refurbished
                // spare): count its life from the install.
                asset.end_of_life =
                    plus_days(installed, 365 * (spec.life_years > 0 ? spec.life_years : 7));
            }
        }
        asset.condition = condition_for(age_years, rng);
        asset.location = std::move(spec.location);
        asset.forgets_holiday_greeting = spec.forgets;
        asset.notes = std::move(spec.notes);
        if (asset.notes.empty() && asset.condition == Condition::kFailed) {
            asset.notes = "Dead since the last storm; customer is limping along without it.";
        } else if (asset.notes.empty() && asset.condition == Condition::kPoor && rng.percent(50)) {
            asset.notes = "Intermittent: works after a power cycle. Replacement quoted.";
        }
        HOVER_TRY(records_.create_asset(owner_, std::move(asset)));
        ++summary_.assets;
        return Ok{};
    }

    // "MT" + two letters + seven digits; a make's first two letters, upper-cased, by default.
    std::string serial(std::string_view prefix, Rng& rng) {
        std::string head;
        for (char c : prefix.substr(0, 2)) {
            head += c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        }
        std::string letters = rng.letters(2);
        return fmt::format("{}{}{}", head, letters, rng.digits(7));
    }

    Result<Ok> create_assets(
        int i, Rng& rng, const AccountInfo& account, const SiteInfo& site, bool main) {
        const Industry& industry = *account.industry;
        const PbxFamily& pbx = *account.pbx;
        int pbx_days = account.pbx_age * 365 + rng.between(0, 300);
        bool prospect = account.status == AccountStatus::kProspect;
        std::optional<bool> forgets;
        if (!prospect) {
            forgets = account.forgets_greeting;
        }
        std::optional<Date> pbx_eol;
        if (pbx.end_of_life_year > 0) {
            pbx_eol = make_date(pbx.end_of_life_year, 3, 31);
        }
        // The model is picked by the caller; the age (a range in days) and the serial here, in
        // this order, so the sequence of random draws does not depend on the compiler.
        auto spec = [&](AssetCategory category, Model model, int age_low, int age_high,
                        std::string location, int life_years) {
            AssetSpec s;
            s.category = category;
            s.make = model.make;
            s.model = model.model;
            s.age_days = rng.between(age_low, age_high);
            s.serial = serial(model.make.substr(0, 2), rng);
            s.location = std::move(location);
            s.life_years = life_years;
            return s;
        };
        int handsets =
            main ? rng.between(industry.handsets_low, industry.handsets_high) : rng.between(2, 6);
        if (prospect) {
            handsets = std::min(handsets, 4);  // what we saw on the first walk-through
        }
        if (main) {
            AssetSpec p = spec(AssetCategory::kPbx, Model{pbx.make, pbx.model}, pbx_days, pbx_days,
                               "Phone room, wall board", 0);
            p.serial = serial(pbx.serial_prefix, rng);
            p.eol = pbx_eol;
            if (!pbx_eol) {
                p.life_years = 10;
            }
            if (account.pbx_age >= 12) {
                p.notes = "Parts come from eBay now; keep a spare power supply in the truck.";
            }
            HOVER_TRY(add_asset(site, std::move(p), rng));
            AssetSpec vm = spec(AssetCategory::kVoicemail, Model{pbx.make, pbx.voicemail}, pbx_days,
                                pbx_days, "In the PBX cabinet", 0);
            vm.eol = pbx_eol;
            vm.forgets = forgets;
            vm.serial.clear();
            HOVER_TRY(add_asset(site, std::move(vm), rng));
            AssetSpec aa = spec(AssetCategory::kAutoAttendant, Model{pbx.make, pbx.attendant},
                                pbx_days, pbx_days, "In the PBX cabinet", 0);
            aa.eol = pbx_eol;
            aa.forgets = forgets;
            aa.serial.clear();
            if (forgets.value_or(false)) {
                aa.notes =
                    "Holiday greeting is recorded by the front desk; last Christmas it "
                    "still played in February.";
            }
            HOVER_TRY(add_asset(site, std::move(aa), rng));
        }
        for (int h = 0; h < handsets; ++h) {
            int ext = (main ? 100 : 200 + static_cast<int>(account.sites.size()) * 20) + h + 1;
            constexpr std::array<std::string_view, 8> kDesks{
                "reception",  "office manager", "owner's office",  "back office",
                "break room", "shop",           "conference room", "counter"};
            int age = std::max(0, pbx_days - rng.between(0, 5) * 365);
            std::string where = fmt::format("Ext {} - {}", ext, rng.pick(kDesks));
            AssetSpec hs = spec(AssetCategory::kHandset,
                                Model{pbx.make, pbx.handsets[static_cast<std::size_t>(h % 2)]}, age,
                                age, std::move(where), pbx.end_of_life_year > 0 ? 0 : 10);
            hs.serial = serial(pbx.serial_prefix, rng);
            hs.eol = pbx_eol;
            hs.unknown_install = prospect && h > 1;
            HOVER_TRY(add_asset(site, std::move(hs), rng));
        }
        if (prospect && !main) {
            return Ok{};
        }
        if (main) {
            for (int h = rng.between(0, 3); h > 0; --h) {
                HOVER_TRY(add_asset(site,
                                    spec(AssetCategory::kHeadset, rng.pick(kHeadsets), 30, 9 * 365,
                                         h == 1 ? "Reception" : "Dispatch desk", 5),
                                    rng));
            }
        }
        if (industry.paging && (main || rng.percent(40))) {
            AssetSpec amp = spec(AssetCategory::kPaging, rng.pick(kPaging), 365, 18 * 365,
                                 "Phone room, above the PBX", 0);
            if (!site.dead_zone.empty()) {
                amp.notes = "Does not reach: " + site.dead_zone + ".";
            }
            HOVER_TRY(add_asset(site, std::move(amp), rng));
        }
        Model modem = site.city->region == "Panhandle" || rng.percent(35) ? rng.pick(kDslModems)
                                                                          : rng.pick(kCableModems);
        HOVER_TRY(add_asset(
            site, spec(AssetCategory::kModem, modem, 60, 7 * 365, "Demarc, on the plywood", 7),
            rng));
        if (rng.percent(main ? 45 : 15)) {
            AssetSpec analog = spec(AssetCategory::kModem, rng.pick(kAnalogModems), 6 * 365,
                                    19 * 365, "Under the front counter", 0);
            analog.notes = "Dial-up for the alarm panel / card terminal; could share one line.";
            HOVER_TRY(add_asset(site, std::move(analog), rng));
        }
        HOVER_TRY(add_asset(
            site, spec(AssetCategory::kRouter, rng.pick(kRouters), 90, 9 * 365, "Network rack", 7),
            rng));
        if (main || rng.percent(60)) {
            HOVER_TRY(add_asset(
                site,
                spec(AssetCategory::kSwitch, rng.pick(kSwitches), 90, 10 * 365, "Network rack", 8),
                rng));
        }
        if (main && rng.percent(55)) {
            HOVER_TRY(add_asset(site,
                                spec(AssetCategory::kFirewall, rng.pick(kFirewalls), 90, 6 * 365,
                                     "Network rack", 5),
                                rng));
        }
        AssetSpec ups = spec(AssetCategory::kUps, rng.pick(kUps), 60, 12 * 365,
                             main ? "Phone room floor, under the PBX" : "Under the router", 6);
        if (rng.percent(30)) {
            ups.notes = fmt::format("Batteries replaced in {}.",
                                    year_of(options_.as_of) - rng.between(1, 4));
        }
        HOVER_TRY(add_asset(site, std::move(ups), rng));
        for (int k = main ? 2 : 1; k > 0; --k) {
            AssetSpec surge =
                spec(AssetCategory::kSurgeProtector, rng.pick(kSurge), 60, 15 * 365,
                     k == 2 ? "On the incoming phone lines" : "Power strip, network rack", 0);
            if (site.lightning_prone) {
                surge.notes = "Lightning-prone site: check after every storm.";
            }
            HOVER_TRY(add_asset(site, std::move(surge), rng));
        }
        for (int k = main ? rng.between(0, 2) : rng.between(0, 1); k > 0; --k) {
            HOVER_TRY(
                add_asset(site,
                          spec(AssetCategory::kWirelessAp, rng.pick(kAccessPoints), 30, 6 * 365,
                               k == 1 ? "Ceiling, front office" : "Ceiling, warehouse", 6),
                          rng));
        }
        if (main && rng.percent(60)) {
            AssetSpec cable = spec(AssetCategory::kCabling, rng.pick(kCabling), 2 * 365, 20 * 365,
                                   "Whole building", 0);
            cable.serial.clear();
            HOVER_TRY(add_asset(site, std::move(cable), rng));
        }
        if (main && (industry.handsets_high >= 14 || i % 5 == 0)) {
            HOVER_TRY(add_asset(site,
                                spec(AssetCategory::kCircuit, rng.pick(kCircuitGear), 365, 10 * 365,
                                     "Demarc, telco backboard", 0),
                                rng));
        }
        if (rng.percent(main ? 35 : 10)) {
            HOVER_TRY(add_asset(site,
                                spec(AssetCategory::kOther, rng.pick(kOtherGear), 365, 15 * 365,
                                     "Back door / elevator", 0),
                                rng));
        }
        return Ok{};
    }

    Result<Ok> add_line(const SiteInfo& site, Line line) {
        line.org_id = summary_.org_id;
        line.site_id = site.id;
        HOVER_TRY(records_.create_line(owner_, std::move(line)));
        ++summary_.lines;
        return Ok{};
    }

    Result<Ok> create_lines(
        int i, Rng& rng, const AccountInfo& account, const SiteInfo& site, bool main) {
        const Industry& industry = *account.industry;
        Carriers carriers = carriers_for_region(site.city->region);
        bool rural = site.city->region == "Panhandle" || site.city->region == "Southwest KS";
        std::string_view voice = rural ? carriers.rural : carriers.voice;
        auto pots = [&](std::string number, std::string notes) {
            Line line;
            line.number = typed(std::move(number));
            line.carrier = std::string(voice);
            line.type = LineType::kPots;
            line.monthly_charge = Cents{rng.between(3900, 7900)};
            line.notes = std::move(notes);
            return line;
        };
        if (main) {
            bool large = industry.handsets_high >= 14;
            int service = large ? rng.between(1, 2) : (rng.percent(70) ? 0 : 2);  // pots, pri, sip
            if (service == 0) {
                HOVER_TRY(
                    add_line(site, pots(account.main_number, "Main number; hunts to lines 2-4")));
                for (int k = rng.between(2, 4); k > 0; --k) {
                    HOVER_TRY(add_line(
                        site, pots(numbers_.take(site.city->area_code, rng), "Rollover line")));
                }
            } else if (service == 1) {
                Line pri;
                int prefix = rng.between(10, 99);
                std::string number = rng.digits(6);
                pri.circuit_id = voice == "AT&T" ? fmt::format("{}.HCFS.{}..SW", prefix, number)
                                                 : fmt::format("45.HCGS.{}..LUMN", number);
                pri.carrier = std::string(voice == "AT&T" ? "AT&T" : carriers.ethernet);
                pri.type = LineType::kPri;
                pri.monthly_charge = Cents{rng.between(400, 650) * 100};
                pri.notes = "23 B channels + D; the smartjack is on the telco backboard.";
                HOVER_TRY(add_line(site, std::move(pri)));
                Line did;
                did.number = typed(account.main_number);
                did.carrier = std::string(voice);
                did.type = LineType::kDidBlock;
                did.monthly_charge = Cents{rng.between(10, 40) * 100};
                did.notes = fmt::format("{} DIDs on the PRI, starting at the main number",
                                        rng.pick(std::array<int, 3>{10, 20, 50}));
                HOVER_TRY(add_line(site, std::move(did)));
            } else {
                Line sip;
                sip.number = typed(account.main_number);
                sip.carrier = std::string(rng.percent(50) ? carriers.ethernet
                                                          : std::string_view("Windstream"));
                sip.type = LineType::kSipTrunk;
                int paths = rng.pick(std::array<int, 4>{4, 8, 12, 23});
                sip.monthly_charge = Cents{paths * rng.between(1500, 2500)};
                sip.notes = fmt::format("{} call paths; pilot number is the main number", paths);
                std::string sip_carrier = sip.carrier;
                HOVER_TRY(add_line(site, std::move(sip)));
                Line did;
                did.number = typed(numbers_.take(site.city->area_code, rng));
                did.carrier = sip_carrier;
                did.type = LineType::kDidBlock;
                did.monthly_charge = Cents{rng.between(5, 25) * 100};
                did.notes = "10 DIDs, ported from the old carrier";
                HOVER_TRY(add_line(site, std::move(did)));
            }
            HOVER_TRY(add_line(site, pots(account.fax_number, "Fax line")));
            Line alarm = pots(numbers_.take(site.city->area_code, rng), "Alarm panel");
            if (i % 7 == 3 || rng.percent(6)) {
                alarm.status = LineStatus::kDisconnected;
                alarm.notes = fmt::format(
                    "Alarm went cellular in {}; line disconnected at the wall but {} still bills "
                    "it.",
                    year_of(options_.as_of) - rng.between(2, 6), voice);
            }
            HOVER_TRY(add_line(site, std::move(alarm)));
            if (rng.percent(40)) {
                std::string number = numbers_.take(site.city->area_code, rng);
                HOVER_TRY(add_line(
                    site, pots(std::move(number), rng.percent(50) ? "Credit card terminal"
                                                                  : "Elevator emergency phone")));
            }
            if (large || rng.percent(25)) {
                Line eth;
                int prefix = rng.between(10, 99);
                std::string number = rng.digits(6);
                eth.circuit_id = carriers.ethernet == "Lumen"
                                     ? fmt::format("{}/KRGS/{}/LUMN", prefix, number)
                                     : fmt::format("{}/KXFN/{}//SW", prefix, number);
                eth.carrier = std::string(carriers.ethernet);
                eth.type = LineType::kEthernet;
                std::int64_t mbps = rng.pick(std::array<std::int64_t, 3>{50, 100, 1000});
                eth.bandwidth_down_kbps = mbps * 1000;
                eth.bandwidth_up_kbps = mbps * 1000;
                eth.monthly_charge = Cents{rng.between(450, 1200) * 100};
                if (i % 11 == 5) {
                    eth.status = LineStatus::kPending;
                    eth.notes = "Ordered; construction is waiting on a right-of-way permit.";
                } else {
                    eth.notes = "Dedicated internet; the NID is in the phone room.";
                }
                HOVER_TRY(add_line(site, std::move(eth)));
            }
        } else {
            HOVER_TRY(add_line(
                site, pots(numbers_.take(site.city->area_code, rng), "Main number of this site")));
            for (int k = rng.between(1, 2); k > 0; --k) {
                Line extra = pots(numbers_.take(site.city->area_code, rng),
                                  k == 1 ? "Fax / alarm" : "Second line");
                if (rng.percent(8)) {
                    extra.status = LineStatus::kDisconnected;
                    extra.notes =
                        "Not found at the wall in the last survey; carrier still bills it.";
                }
                HOVER_TRY(add_line(site, std::move(extra)));
            }
        }
        Line broadband;
        broadband.carrier = std::string(rural             ? carriers.broadband
                                        : rng.percent(60) ? carriers.broadband
                                                          : std::string_view("AT&T Fiber"));
        broadband.type = LineType::kBroadband;
        std::int64_t down = rng.pick(std::array<std::int64_t, 5>{25, 100, 300, 500, 1000});
        broadband.bandwidth_down_kbps = down * 1000;
        broadband.bandwidth_up_kbps = down >= 500 ? down * 1000 : down * 100;
        broadband.monthly_charge = Cents{rng.between(79, 299) * 100 - 1};
        broadband.circuit_id = fmt::format("Acct {}", rng.digits(9));
        broadband.notes = "Business internet; static IP block of 5.";
        HOVER_TRY(add_line(site, std::move(broadband)));
        if (rng.percent(main ? 12 : 5)) {
            Line other;
            other.carrier = std::string(rural ? carriers.rural : std::string_view("AT&T"));
            other.type = LineType::kOther;
            other.monthly_charge = Cents{rng.between(20, 45) * 100};
            other.circuit_id = rural ? fmt::format("FWA-{}", rng.digits(6))
                                     : fmt::format("ICCID 8901{}", rng.digits(15));
            other.notes = rural ? "Fixed wireless backup for the internet"
                                : "Cellular alarm communicator (LTE)";
            HOVER_TRY(add_line(site, std::move(other)));
        }
        return Ok{};
    }

    // --- contacts --------------------------------------------------------------------------

    int contact_count(int i, const AccountInfo& account) const {
        switch (account.status) {
            case AccountStatus::kCustomer:
                return 5 + i % 2;
            case AccountStatus::kProspect:
                return 3;
            case AccountStatus::kFormer:
                break;
        }
        return 2;
    }

    Result<Ok> create_contacts(int i, Rng& rng, AccountInfo& account, const AccountInfo& previous) {
        const Industry& industry = *account.industry;
        int count = contact_count(i, account);
        std::string domain = domain_for(account.name);
        for (int c = 0; c < count; ++c) {
            Contact contact;
            contact.org_id = summary_.org_id;
            contact.first_name = std::string(rng.pick(kFirstNames));
            contact.last_name = std::string(rng.pick(kLastNames));
            AccountLink link;
            link.account_id = account.id;
            if (c == 0) {
                link.role = std::string(industry.boss);
                link.decision_maker = true;
            } else if (c <= 3) {
                link.role = std::string(industry.staff[static_cast<std::size_t>(c - 1)]);
                link.decision_maker = c == 1 && rng.percent(50);
            } else {
                link.role = c == 4 ? "Receptionist" : "Day-to-day phone contact";
            }
            contact.job_title = link.role;
            contact.accounts.push_back(link);
            int ext = 100 + c + 1;
            fill_contact(rng, account, contact, domain, c, ext);
            if (account.status == AccountStatus::kFormer && c == count - 1) {
                contact.do_not_contact = true;
                contact.notes = "Asked us to stop calling after they moved to a hosted system.";
            }
            HOVER_TRY(save_contact(account, std::move(contact), link.decision_maker));
        }
        // A bookkeeper or an IT helper who works for this account and the one before it.
        if (previous.id.valid() && (i % 10 == 9 || i % 10 == 4)) {
            bool bookkeeper = i % 10 == 9;
            Contact shared;
            shared.org_id = summary_.org_id;
            shared.first_name = std::string(rng.pick(kFirstNames));
            shared.last_name = std::string(rng.pick(kLastNames));
            shared.job_title = bookkeeper ? fmt::format("Owner, {} Bookkeeping", shared.last_name)
                                          : "Freelance IT";
            AccountLink a;
            a.account_id = previous.id;
            a.role = bookkeeper ? "Outside bookkeeper (approves the phone bill)" : "IT contractor";
            AccountLink b = a;
            b.account_id = account.id;
            shared.accounts = {a, b};
            fill_contact(rng, account, shared, "", 9, 0);
            shared.notes = bookkeeper ? fmt::format(
                                            "Keeps the books for {} and {}: one call about both "
                                            "phone bills saves everyone time.",
                                            previous.name, account.name)
                                      : fmt::format(
                                            "Looks after the PCs at {} and {}; ask first before "
                                            "touching the firewall.",
                                            previous.name, account.name);
            HOVER_TRY(save_contact(account, std::move(shared), false));
        }
        return Ok{};
    }

    void fill_contact(Rng& rng,
                      const AccountInfo& account,
                      Contact& contact,
                      const std::string& domain,
                      int c,
                      int ext) {
        int k = contact_counter_++;
        const City& city = *account.city;
        // Phones: a desk extension on the main number, most have a mobile, a few a home phone.
        if (ext > 0) {
            ContactPhone desk;
            desk.label = "desk";
            desk.number =
                typed(rng.percent(50) ? fmt::format("{} x{}", account.main_number, ext)
                                      : fmt::format("{} ext. {}", account.main_number, ext));
            contact.phones.push_back(desk);
        }
        if (ext == 0 || c == 0 || rng.percent(70)) {
            ContactPhone mobile;
            mobile.label = "mobile";
            mobile.number = typed(numbers_.take(city.area_code, rng));
            contact.phones.insert(contact.phones.begin(), mobile);
        }
        if (rng.percent(10)) {
            ContactPhone home;
            home.label = "home";
            home.number = typed(numbers_.take(city.area_code, rng));
            contact.phones.push_back(home);
        }
        std::string local = email_local(contact.first_name, contact.last_name);
        if (!domain.empty()) {
            contact.emails.push_back(ContactEmail{"work", local + "@" + domain});
        }
        if (domain.empty() || rng.percent(20)) {
            contact.emails.push_back(ContactEmail{"personal", local + "@mail.example"});
        }
        constexpr std::array kChannels{Channel::kAny,   Channel::kPhone, Channel::kPhone,
                                       Channel::kEmail, Channel::kText,  Channel::kVisit};
        contact.preferred_channel = rng.pick(kChannels);
        if (rng.percent(70)) {
            contact.preferred_hours = std::string(rng.pick(kPreferredHours));
        }
        constexpr std::array kLevels{TechnicalLevel::kUnknown,      TechnicalLevel::kNovice,
                                     TechnicalLevel::kNovice,       TechnicalLevel::kIntermediate,
                                     TechnicalLevel::kIntermediate, TechnicalLevel::kExpert};
        contact.technical_level = rng.pick(kLevels);
        // One in four hides behind voicemail: the owner who never picks up.
        if (k % 4 == 1) {
            contact.phone_habit = PhoneHabit::kLetsItGoToVoicemail;
        } else {
            contact.phone_habit = rng.percent(65) ? PhoneHabit::kAnswers : PhoneHabit::kUnknown;
        }
        if (rng.percent(60)) {
            contact.communication_style = std::string(rng.pick(kStyles));
        }
        int birth_year = year_of(options_.as_of) - rng.between(24, 72);
        if (k % 37 == 5) {
            // A birthday in the next two weeks.
            Date soon = plus_days(options_.as_of, k % 13 + 1);
            Date birthday = make_date(birth_year, static_cast<unsigned>(soon.month()),
                                      static_cast<unsigned>(soon.day()));
            if (!birthday.ok()) {  // Feb 29 in a common year
                birthday = make_date(birth_year, 2, 28);
            }
            contact.birthday = birthday;
        } else if (rng.percent(65)) {
            auto month = static_cast<unsigned>(rng.between(1, 12));
            auto day = static_cast<unsigned>(rng.between(1, 28));
            contact.birthday = make_date(birth_year, month, day);
        }
        if (rng.percent(55)) {
            contact.family = std::string(rng.pick(kFamilies));
        }
        if (rng.percent(60)) {
            contact.interests = std::string(rng.pick(kInterests));
        }
        if (c == 0 || rng.percent(30)) {
            contact.how_we_met = std::string(rng.pick(kHowWeMet));
        }
        if (c == 2 && account.technician && rng.percent(30)) {
            std::size_t other = (*account.technician + 1) % technician_names_.size();
            contact.notes = fmt::format(
                "Will not deal with {} after the outage two winters "
                "ago; send {}.",
                technician_names_[other], technician_name(account));
        }
    }

    Result<Ok> save_contact(AccountInfo& account, Contact contact, bool decision_maker) {
        Contact saved = HOVER_TRY(records_.create_contact(owner_, contact));
        ++summary_.contacts;
        ContactInfo info;
        info.id = saved.id;
        info.first_name = contact.first_name;
        info.display_name = contact.first_name + " " + contact.last_name;
        info.habit = contact.phone_habit;
        info.decision_maker = decision_maker;
        info.do_not_contact = contact.do_not_contact;
        info.interest = contact.interests;
        info.family = contact.family;
        account.contacts.push_back(std::move(info));
        return Ok{};
    }

    // --- the timeline ------------------------------------------------------------------------

    Outcome call_outcome(const ContactInfo& contact, Rng& rng) {
        int r = rng.between(0, 99);
        switch (contact.habit) {
            case PhoneHabit::kLetsItGoToVoicemail:
                return r < 78   ? Outcome::kVoicemail
                       : r < 90 ? Outcome::kNoAnswer
                                : Outcome::kReached;
            case PhoneHabit::kAnswers:
                return r < 82   ? Outcome::kReached
                       : r < 92 ? Outcome::kVoicemail
                                : Outcome::kNoAnswer;
            case PhoneHabit::kUnknown:
                break;
        }
        return r < 55 ? Outcome::kReached : r < 85 ? Outcome::kVoicemail : Outcome::kNoAnswer;
    }

    Timestamp at(Date day, Rng& rng) const {
        // 8 am to 5 pm Central, in UTC.
        int hour = rng.between(13, 21);
        int minute = rng.between(0, 59);
        return start_of(day) + std::chrono::hours(hour) + std::chrono::minutes(minute);
    }

    Result<Ok> log(const Actor& actor, Interaction interaction) {
        interaction.org_id = summary_.org_id;
        interaction.user_id = actor.user_id;
        HOVER_TRY(records_.log_interaction(actor, std::move(interaction)));
        ++summary_.interactions;
        return Ok{};
    }

    std::string call_summary(const AccountInfo& account,
                             const ContactInfo& contact,
                             Outcome outcome,
                             Rng& rng) {
        std::string pbx = fmt::format("{} {}", account.pbx->make, account.pbx->model);
        if (outcome == Outcome::kVoicemail) {
            constexpr std::array<std::string_view, 4> kTopics{
                "the quote for the new handsets", "next week's visit", "the carrier bill review",
                "the holiday greeting"};
            return fmt::format("Left a voicemail for {} about {}.", contact.first_name,
                               rng.pick(kTopics));
        }
        if (outcome == Outcome::kNoAnswer) {
            return fmt::format("No answer at {}'s desk; will try again after lunch.",
                               contact.first_name);
        }
        switch (rng.between(0, 7)) {
            case 0:
                return fmt::format("Checked in with {}: the {} is behaving; no complaints.",
                                   contact.first_name, pbx);
            case 1:
                return fmt::format("{} asked to add two extensions for new hires; scheduled.",
                                   contact.first_name);
            case 2:
                return fmt::format("Confirmed the {} closure greeting with {}.",
                                   rng.pick(kHolidays), contact.first_name);
            case 3:
                return fmt::format("Asked about next year's budget: set in {}.",
                                   month_name(account.budget_month));
            case 4:
                return fmt::format(
                    "{} reported static on line 2; opened a ticket with the "
                    "carrier.",
                    contact.first_name);
            case 5:
                if (!contact.interest.empty()) {
                    return fmt::format(
                        "Quick call with {}; talked {} for five minutes, then "
                        "confirmed Thursday's visit.",
                        contact.first_name, contact.interest);
                }
                return fmt::format("Confirmed Thursday's visit with {}.", contact.first_name);
            case 6:
                return fmt::format("Walked {} through resetting a voicemail PIN.",
                                   contact.first_name);
            default:
                return fmt::format("{} wants a price on replacing the {} before it dies.",
                                   contact.first_name, pbx);
        }
    }

    std::string visit_summary(const AccountInfo& account, const SiteInfo& site, Rng& rng) {
        switch (rng.between(0, 5)) {
            case 0:
                return fmt::format(
                    "Site survey at {}: counted handsets, photographed the phone "
                    "room and the demarc.",
                    site.name);
            case 1:
                return fmt::format("Replaced a dead {} handset at the front desk ({}).",
                                   account.pbx->handsets[0], site.name);
            case 2:
                return "Fixed one-way audio: turned off SIP ALG on the router.";
            case 3:
                if (!site.dead_zone.empty()) {
                    return fmt::format(
                        "Walked the paging dead zone ({}) with a meter; quoted a "
                        "second horn.",
                        site.dead_zone);
                }
                return "Moved three phones for the office remodel.";
            case 4:
                return fmt::format("Tested every line at the wall at {} for the bill review.",
                                   site.name);
            default:
                return "Replaced the UPS batteries and updated the PBX firmware.";
        }
    }

    Result<Ok> create_interactions(Rng& rng, const AccountInfo& account) {
        if (account.contacts.empty()) {
            return Ok{};
        }
        std::vector<const ContactInfo*> reachable;
        for (const auto& c : account.contacts) {
            if (!c.do_not_contact) {
                reachable.push_back(&c);
            }
        }
        if (reachable.empty()) {
            reachable.push_back(&account.contacts.front());
        }
        const Actor& tech = technician_or_owner(account);
        int low = 12;
        int high = 38;
        int stop = 0;  // days before as_of
        if (account.status == AccountStatus::kProspect) {
            low = 30;
            high = 80;
        } else if (account.status == AccountStatus::kFormer) {
            stop = rng.between(250, 450);
        }
        Date first = plus_days(options_.as_of, -730 + rng.between(0, 20));
        Date last = plus_days(options_.as_of, -1 - stop);
        for (Date day = first; days_between(day, last) >= 0;
             day = plus_days(day, rng.between(low, high))) {
            const ContactInfo& contact = *reachable[rng.index(reachable.size())];
            const SiteInfo& site = account.sites[rng.index(account.sites.size())];
            Interaction in;
            in.account_id = account.id;
            in.contact_id = contact.id;
            in.occurred_at = at(day, rng);
            int kind = rng.between(0, 99);
            const Actor* who = &tech;
            if (kind < 45) {
                in.kind = InteractionKind::kCall;
                in.direction = Direction::kOutbound;
                in.outcome = call_outcome(contact, rng);
                if (rng.percent(20)) {
                    who = &office_;
                } else if (rng.percent(8)) {
                    who = &owner_;
                }
                if (in.outcome == Outcome::kReached) {
                    in.duration_minutes = rng.between(3, 25);
                } else if (in.outcome == Outcome::kVoicemail) {
                    in.duration_minutes = 1;
                }
                in.summary = call_summary(account, contact, in.outcome, rng);
            } else if (kind < 55) {
                in.kind = InteractionKind::kCall;
                in.direction = Direction::kInbound;
                in.outcome = Outcome::kReached;
                in.duration_minutes = rng.between(2, 30);
                in.summary = fmt::format("{} called: {}.", contact.first_name,
                                         rng.percent(50) ? "a phone at the counter has no dial tone"
                                                         : "wants to move the fax number to e-fax");
                if (rng.percent(40)) {
                    who = &office_;
                }
            } else if (kind < 70) {
                in.kind = InteractionKind::kEmail;
                in.direction = rng.percent(70) ? Direction::kOutbound : Direction::kInbound;
                in.summary = in.direction == Direction::kOutbound
                                 ? fmt::format("Emailed {} the quote for a UPS replacement.",
                                               contact.first_name)
                                 : fmt::format("{} emailed a copy of last month's {} bill.",
                                               contact.first_name,
                                               carriers_for_region(site.city->region).voice);
                if (rng.percent(50)) {
                    who = &office_;
                }
            } else if (kind < 80) {
                in.kind = InteractionKind::kText;
                in.direction = rng.percent(75) ? Direction::kOutbound : Direction::kInbound;
                in.summary = in.direction == Direction::kOutbound
                                 ? "Texted to confirm tomorrow's 9 am visit."
                                 : fmt::format("{} texted a photo of the blinking modem.",
                                               contact.first_name);
            } else {
                in.kind = InteractionKind::kVisit;
                in.direction = Direction::kOutbound;
                in.outcome = Outcome::kReached;
                in.site_id = site.id;
                in.duration_minutes = rng.between(30, 240);
                in.summary = visit_summary(account, site, rng);
            }
            bool visit = in.kind == InteractionKind::kVisit;
            HOVER_TRY(log(*who, std::move(in)));
            if (visit && rng.percent(40) && days_between(plus_days(day, 2), last) >= 0) {
                // "Ask for feedback after every job": a survey two days later.
                Interaction survey;
                survey.account_id = account.id;
                survey.contact_id = contact.id;
                survey.site_id = site.id;
                survey.kind = InteractionKind::kSurvey;
                survey.direction = Direction::kInbound;
                survey.occurred_at = at(plus_days(day, 2), rng);
                int csat = rng.percent(85) ? rng.between(4, 5) : rng.between(1, 3);
                int nps = csat >= 4 ? rng.between(8, 10) : rng.between(0, 6);
                constexpr std::array<std::string_view, 4> kPraise{
                    "Fixed it before lunch.", "Cleaned up after himself.",
                    "Explained what went wrong.", "Called back within the hour."};
                constexpr std::array<std::string_view, 3> kComplaints{
                    "Waited two days for someone to come out.",
                    "Nobody told us the phones would be down all morning.",
                    "Had to call three times."};
                survey.summary =
                    fmt::format("Post-visit survey: CSAT {}/5, NPS {}. \"{}\"", csat, nps,
                                csat >= 4 ? rng.pick(kPraise) : rng.pick(kComplaints));
                HOVER_TRY(log(office_, std::move(survey)));
            }
        }
        // The storm: outreach to customers with sites in tornado alley where it hit.
        if (account.status == AccountStatus::kCustomer) {
            for (const auto& site : account.sites) {
                if (!site.tornado_alley ||
                    (site.city->region != "OKC metro" && site.city->region != "Northern OK" &&
                     site.city->region != "Wichita")) {
                    continue;
                }
                Interaction out;
                out.account_id = account.id;
                out.site_id = site.id;
                out.contact_id = reachable.front()->id;
                out.kind = InteractionKind::kAlertOutreach;
                out.direction = Direction::kOutbound;
                out.outcome = call_outcome(*reachable.front(), rng);
                out.occurred_at = at(plus_days(storm_day_, 1), rng);
                out.duration_minutes = out.outcome == Outcome::kReached ? rng.between(2, 10) : 1;
                out.summary =
                    fmt::format("Tornado warning for {} County ({}) last night: checked on {}. {}",
                                site.city->county, site.city->state, site.name,
                                out.outcome == Outcome::kReached
                                    ? "PBX and UPS came through; the modem needed a power cycle."
                                    : "Left a message offering a visit today.");
                HOVER_TRY(log(tech, std::move(out)));
                break;
            }
        }
        return Ok{};
    }

    Result<Ok> add_note(const Actor& author,
                        const AccountInfo& account,
                        std::optional<ContactId> contact,
                        std::optional<SiteId> site,
                        std::string body) {
        Note note;
        note.org_id = summary_.org_id;
        note.account_id = account.id;
        note.contact_id = contact;
        note.site_id = site;
        note.body = std::move(body);
        HOVER_TRY(records_.add_note(author, std::move(note)));
        ++summary_.notes;
        return Ok{};
    }

    Result<Ok> create_notes(int i, Rng& rng, const AccountInfo& account) {
        const Actor& tech = technician_or_owner(account);
        const ContactInfo& boss = account.contacts.front();
        std::string pbx = fmt::format("{} {}", account.pbx->make, account.pbx->model);
        switch (account.status) {
            case AccountStatus::kCustomer: {
                if (account.pbx_age >= 8) {
                    constexpr std::array<std::string_view, 3> kWhen{"next spring", "in Q3",
                                                                    "by the end of the year"};
                    HOVER_TRY(add_note(tech, account, boss.id, std::nullopt,
                                       fmt::format("{} plans to replace the {} {}; wants quotes "
                                                   "for hosted and on-premises.",
                                                   boss.first_name, pbx, rng.pick(kWhen))));
                } else {
                    HOVER_TRY(add_note(tech, account, std::nullopt, std::nullopt,
                                       fmt::format("Happy with the {}; next refresh around {}.",
                                                   pbx, account.refresh_year)));
                }
                int before = account.budget_month == 1 ? 12 : account.budget_month - 1;
                HOVER_TRY(add_note(office_, account, std::nullopt, std::nullopt,
                                   fmt::format("Budget set in {}; get quotes to {} by early {}.",
                                               month_name(account.budget_month), boss.first_name,
                                               month_name(before))));
                if (account.forgets_greeting) {
                    HOVER_TRY(add_note(office_, account, std::nullopt, account.sites.front().id,
                                       "Forgets to change the holiday greeting on the auto "
                                       "attendant; call two days before each closure and the "
                                       "morning after."));
                }
                for (const auto& site : account.sites) {
                    if (site.lightning_prone) {
                        HOVER_TRY(add_note(
                            tech, account, std::nullopt, site.id,
                            fmt::format("Lightning took out the modem and two "
                                        "handsets at {} in {}; added line "
                                        "protection on the incoming pairs.",
                                        site.name, year_of(options_.as_of) - rng.between(1, 3))));
                        break;
                    }
                }
                break;
            }
            case AccountStatus::kProspect:
                HOVER_TRY(add_note(owner_, account, boss.id, std::nullopt,
                                   fmt::format("Unhappy with their current vendor's response "
                                               "time (three days for a dead T1). {} wants a "
                                               "proposal; budget set in {}.",
                                               boss.first_name, month_name(account.budget_month))));
                break;
            case AccountStatus::kFormer:
                HOVER_TRY(
                    add_note(owner_, account, std::nullopt, std::nullopt,
                             fmt::format("Moved to a hosted system in {}. Worst moment "
                                         "for them: the {} outage we took two days to "
                                         "fix. Don't repeat it if they come back.",
                                         year_of(options_.as_of) - 1 - i % 2, account.pbx->model)));
                break;
        }
        // Personal notes: what the best technician remembers.
        for (const auto& contact : account.contacts) {
            if (!contact.family.empty() && !contact.do_not_contact && rng.percent(35)) {
                HOVER_TRY(add_note(
                    tech, account, contact.id, std::nullopt,
                    fmt::format("{}: {} Ask how it's going.", contact.first_name, contact.family)));
                break;
            }
        }
        return Ok{};
    }

    RecordService& records_;
    const DemoOptions& options_;
    Date storm_day_;
    DemoSummary summary_;
    Actor owner_;
    Actor office_;
    std::vector<Actor> technicians_;
    std::vector<std::string> technician_names_;
    NumberPool numbers_;
    int site_counter_ = 0;
    int contact_counter_ = 0;
};

}  // namespace

Result<DemoSummary> load_demo(records::RecordService& records, const DemoOptions& options) {
    if (!options.as_of.ok()) {
        return Error::invalid("as_of", "The demo needs a valid \"as of\" date (YYYY-MM-DD).");
    }
    if (options.accounts < 1 || options.accounts > 100000) {
        return Error::invalid("accounts",
                              "The number of demo accounts must be between 1 and "
                              "100000.");
    }
    std::optional<DemoSummary> summary;
    HOVER_TRY(records.atomically([&]() -> Result<Ok> {
        Loader loader(records, options);
        summary = HOVER_TRY(loader.run());
        return Ok{};
    }));
    return *summary;
}

std::string_view demo_password(Role role) {
    switch (role) {
        case Role::kAdmin:
            return "demo-admin-2026";
        case Role::kManager:
            return "demo-manager-2026";
        case Role::kTechnician:
            return "demo-tech-2026";
    }
    return "demo-tech-2026";
}

Result<Ok> set_demo_passwords(auth::AuthService& auth, OrgId org) {
    Actor scope;
    scope.org_id = org;
    for (const auto& account : HOVER_TRY(auth.list_users(scope))) {
        HOVER_TRY(
            auth.set_initial_password(org, account.user.email, demo_password(account.user.role)));
    }
    return Ok{};
}

}  // namespace hover::demo

// ---------------------------------------------------------------------------------------------
// Follow-ups, the contact policy and stay in touch (DESIGN F1-F4)

namespace hover::demo {
namespace {

constexpr std::array<std::string_view, 8> kFollowupReasons{
    "Ask how the new handsets are working out",
    "Check the UPS battery date before storm season",
    "Quote the PBX refresh before their budget month",
    "Confirm the paging zone in the warehouse reaches the dock",
    "Review the carrier bill against the lines on the wall",
    "Remind them to record the holiday greeting",
    "Follow up on the voicemail-to-email request",
    "Walk the site for the survey: who answers the phone?",
};

constexpr std::array<Channel, 4> kFollowupChannels{Channel::kPhone, Channel::kEmail,
                                                   Channel::kVisit, Channel::kPhone};

}  // namespace

Result<DemoFollowupSummary> load_demo_followups(records::RecordService& records,
                                                followups::FollowupService& plans,
                                                const DemoOptions& options) {
    using followups::Followup;
    DemoFollowupSummary summary;
    Actor owner = HOVER_TRY(records.resolve_actor(kOrgSlug, ""));
    std::map<UserId, Actor> actors;
    for (const auto& user : HOVER_TRY(records.list_users(owner))) {
        actors[user.id] = HOVER_TRY(records.resolve_actor(kOrgSlug, user.email));
    }
    auto standings = HOVER_TRY(plans.standings(owner, std::nullopt, options.as_of));
    if (standings.empty()) {
        return summary;
    }
    // The hover gap: the first active account (by name) that has a technician.
    std::size_t gap = 0;
    for (std::size_t i = 0; i < standings.size(); ++i) {
        if (standings[i].account.technician_id) {
            gap = i;
            break;
        }
    }
    summary.hover_gap = standings[gap].account.account_name;
    // Red and amber: the two accounts (other than the gap) longest without a touch, given
    // intervals that make them so (ties: by name, as listed).
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < standings.size(); ++i) {
        if (i != gap && standings[i].stay_in_touch.days_since >= 2) {
            order.push_back(i);
        }
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return standings[a].stay_in_touch.days_since > standings[b].stay_in_touch.days_since;
    });
    if (!order.empty()) {
        const auto& red = standings[order[0]];
        int max = red.stay_in_touch.days_since - 1;
        HOVER_TRY(plans.set_policy_settings(
            owner, followups::PolicyScope::kAccount, red.account.account_id.value,
            {.ideal_interval_days = std::max(1, max / 2), .max_interval_days = max}));
        summary.red = red.account.account_name;
    }
    if (order.size() > 1) {
        const auto& amber = standings[order[1]];
        int days = amber.stay_in_touch.days_since;
        HOVER_TRY(plans.set_policy_settings(
            owner, followups::PolicyScope::kAccount, amber.account.account_id.value,
            {.ideal_interval_days = days - 1, .max_interval_days = days + 30}));
        summary.amber = amber.account.account_name;
    }
    // A next step for every other active account, on the first day the policy allows.
    std::optional<std::size_t> refusal;
    for (std::size_t i = 0; i < standings.size(); ++i) {
        if (i == gap) {
            continue;
        }
        const auto& a = standings[i].account;
        const Actor& actor = a.technician_id && actors.contains(*a.technician_id)
                                 ? actors.at(*a.technician_id)
                                 : owner;
        Followup f;
        f.account_id = a.account_id;
        int offset = static_cast<int>(i % 15) - 4;  // four days overdue .. ten days ahead
        f.due_on = plus_days(options.as_of, offset);
        f.channel = kFollowupChannels[i % kFollowupChannels.size()];
        f.reason = std::string(kFollowupReasons[i % kFollowupReasons.size()]);
        auto check = HOVER_TRY(plans.check_policy(actor, f));
        if (!check.allowed()) {
            f.due_on = check.first_allowed;
        }
        HOVER_TRY(plans.plan(actor, f));
        ++summary.followups;
        if (!refusal && a.technician_id) {
            refusal = i;
            // A second touch the next day smothers: refused, with the first allowed date...
            Followup again = f;
            again.due_on = plus_days(f.due_on, 1);
            again.reason = "Call again about the quote";
            auto refused = plans.plan(actor, again);
            if (refused) {
                return Error::internal("the demo's smothering plan was not refused");
            }
            summary.refused_account = a.account_name;
            summary.refusal = refused.error().user_message;
            // ... and planned anyway, with the reason written down.
            again.policy_override_reason =
                "The owner asked us to call back tomorrow about the quote";
            HOVER_TRY(plans.plan(actor, again));
            ++summary.followups;
        }
    }
    return summary;
}

}  // namespace hover::demo
