#include "http/pages/forms.hpp"

#include <gtest/gtest.h>

namespace hover::http::pages {
namespace {

using nlohmann::json;

std::vector<FieldSpec> specs() {
    return {
        {.name = "name", .label = "Name", .required = true},
        {.name = "budget_month", .label = "Month", .kind = FieldKind::kSelect, .numeric = true},
        {.name = "annual_revenue_cents", .label = "Revenue", .kind = FieldKind::kMoney},
        {.name = "next_refresh_year", .label = "Year", .kind = FieldKind::kInt},
        {.name = "tornado_alley", .label = "Tornado", .kind = FieldKind::kCheckbox},
        {.name = "forgets", .label = "Forgets", .kind = FieldKind::kYesNo},
        {.name = "phones[0].label", .label = "Label 1"},
        {.name = "phones[0].number", .label = "Number 1", .kind = FieldKind::kTel},
        {.name = "phones[1].label", .label = "Label 2"},
        {.name = "phones[1].number", .label = "Number 2", .kind = FieldKind::kTel},
    };
}

// REQ: P2 (forms keep what was typed; errors sit next to their field)
TEST(Forms, PostedValuesBecomeTypedJson) {
    FormState state = form_from_post(specs(), {{"name", "  Prairie <Feed>  "},
                                               {"budget_month", "7"},
                                               {"annual_revenue_cents", "1,250.50"},
                                               {"next_refresh_year", ""},
                                               {"tornado_alley", "on"},
                                               {"forgets", "false"},
                                               {"phones[1].label", "desk"},
                                               {"phones[1].number", "405 555 0100"}});
    auto body = to_json_body(specs(), state);
    ASSERT_TRUE(body.has_value());
    EXPECT_EQ((*body)["name"], "Prairie <Feed>");
    EXPECT_EQ((*body)["budget_month"], 7);
    EXPECT_EQ((*body)["annual_revenue_cents"], 125050);
    EXPECT_TRUE((*body)["next_refresh_year"].is_null());
    EXPECT_EQ((*body)["tornado_alley"], true);
    EXPECT_EQ((*body)["forgets"], false);
    // The blank first phone row is dropped; the second becomes phones[0].
    ASSERT_EQ((*body)["phones"].size(), 1u);
    EXPECT_EQ((*body)["phones"][0]["number"], "405 555 0100");
    // An error on phones[0].number (JSON) lands on the row the user typed in.
    attach_error(state, Error::invalid("phones[0].number", "Not a phone number."));
    EXPECT_EQ(state.errors["phones[1].number"], "Not a phone number.");
    EXPECT_TRUE(state.general_error.empty());
}

// REQ: P2
TEST(Forms, ConversionErrorsKeepTheTypedText) {
    FormState state = form_from_post(
        specs(), {{"name", "X"}, {"next_refresh_year", "soon"}, {"annual_revenue_cents", "lots"}});
    EXPECT_FALSE(to_json_body(specs(), state).has_value());
    EXPECT_EQ(state.values["next_refresh_year"], "soon");
    EXPECT_FALSE(state.errors["next_refresh_year"].empty());
    EXPECT_FALSE(state.errors["annual_revenue_cents"].empty());
    attach_error(state, Error::invalid("elsewhere", "Something else."));
    EXPECT_EQ(state.general_error, "Something else.");
}

// REQ: P2
TEST(Forms, RecordsFillTheInputs) {
    json record{{"name", "Acme"},
                {"budget_month", 3},
                {"annual_revenue_cents", 123456},
                {"tornado_alley", true},
                {"forgets", nullptr},
                {"phones",
                 {{{"label", "mobile"},
                   {"number",
                    {{"e164", "+14055550100"},
                     {"extension", ""},
                     {"as_typed", ""},
                     {"display", "(405) 555-0100"}}}}}}};
    FormState state = form_from_json(specs(), record);
    EXPECT_EQ(state.values["budget_month"], "3");
    EXPECT_EQ(state.values["annual_revenue_cents"], "1234.56");
    EXPECT_EQ(state.values["tornado_alley"], "on");
    EXPECT_EQ(state.values["forgets"], "");
    EXPECT_EQ(state.values["phones[0].number"], "(405) 555-0100");
    EXPECT_EQ(state.values["phones[1].number"], "");
    ViewList fields = render_fields(specs(), state);
    EXPECT_EQ(fields.size(), specs().size());
}

// REQ: P2
TEST(Forms, HumanizesEnumNamesKeepingTradeAcronyms) {
    EXPECT_EQ(humanize("lets_it_go_to_voicemail"), "Lets it go to voicemail");
    EXPECT_EQ(humanize("ups"), "UPS");
    EXPECT_EQ(humanize("wireless_ap"), "Wireless AP");
    EXPECT_EQ(humanize("sip_trunk"), "SIP trunk");
    EXPECT_EQ(humanize(""), "");
}

}  // namespace
}  // namespace hover::http::pages
