// File: http/pages/pages.hpp
//
// The web app's pages (DESIGN P2, R1-R6, R8; issue "web app"). Handlers take a PageCall and
// return Result<Response>; routes.cpp adapts them: it resolves the session (a visitor who is
// not signed in is sent to /login), checks the CSRF token of every POST, parses the form and
// turns an Error into an error page. Each handler is a straight line of service calls; forms go
// through pages/forms.hpp, so validation is the service's, and a failed POST shows the form
// again, with every value as typed and the error next to its field, having saved nothing.
//
// Files: auth_pages.cpp (sign-in, /me, /users), account_pages.cpp (accounts list, account page,
// quick log, notes, search), record_forms.cpp (new/edit forms for accounts, sites, contacts,
// assets, lines), import_pages.cpp (CSV and vCard import: upload, preview, commit).
#pragma once

#include <memory>
#include <vector>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "http/context.hpp"
#include "http/multipart.hpp"
#include "http/pages/page_options.hpp"
#include "http/pages/view.hpp"
#include "http/request.hpp"
#include "http/router.hpp"

namespace hover {
class App;
}

namespace hover::http::pages {

struct PageCall {
    const Request& request;
    const PathParams& params;
    const RequestContext& context;
    const QueryParams& form;  // the posted fields (POST), empty for GET
    // The parts of a multipart/form-data POST (uploads; their plain fields are in `form` too).
    const std::vector<MultipartPart>* parts = nullptr;

    const Actor& actor() const { return context.actor; }
    std::int64_t id(std::string_view name = "id") const { return params.id(name); }
};

class ImportUploads;
class ImportJobs;
struct ImportJobState;

class Pages {
public:
    explicit Pages(App& app, PageOptions options = {});
    ~Pages();

    // Public: the sign-in form and its POST (no session needed).
    Response login_form(const Request& request);
    Response login(const Request& request);

    // auth_pages.cpp
    Result<Response> logout(const PageCall& call);
    Result<Response> me(const PageCall& call);
    Result<Response> change_password(const PageCall& call);
    Result<Response> create_token(const PageCall& call);
    Result<Response> revoke_token(const PageCall& call);
    Result<Response> create_calendar_feed(const PageCall& call);
    Result<Response> revoke_calendar_feed(const PageCall& call);
    Result<Response> users(const PageCall& call);
    Result<Response> add_user(const PageCall& call);

    // account_pages.cpp
    Result<Response> home(const PageCall& call);
    Result<Response> accounts(const PageCall& call);
    Result<Response> account(const PageCall& call);
    Result<Response> log_form(const PageCall& call);
    Result<Response> log_interaction(const PageCall& call);
    Result<Response> add_note(const PageCall& call);
    Result<Response> search(const PageCall& call);

    // record_forms.cpp: GET shows the form, POST saves (or shows it again with the errors).
    Result<Response> new_account(const PageCall& call);
    Result<Response> create_account(const PageCall& call);
    Result<Response> edit_account(const PageCall& call);
    Result<Response> update_account(const PageCall& call);
    Result<Response> new_site(const PageCall& call);
    Result<Response> create_site(const PageCall& call);
    Result<Response> edit_site(const PageCall& call);
    Result<Response> update_site(const PageCall& call);
    Result<Response> new_contact(const PageCall& call);
    Result<Response> create_contact(const PageCall& call);
    Result<Response> edit_contact(const PageCall& call);
    Result<Response> update_contact(const PageCall& call);
    Result<Response> new_asset(const PageCall& call);
    Result<Response> create_asset(const PageCall& call);
    Result<Response> edit_asset(const PageCall& call);
    Result<Response> update_asset(const PageCall& call);
    Result<Response> new_line(const PageCall& call);
    Result<Response> create_line(const PageCall& call);
    Result<Response> edit_line(const PageCall& call);
    Result<Response> update_line(const PageCall& call);
    // Follow-ups (record_forms.cpp): plan one; close one with its outcome and the next step.
    Result<Response> new_followup(const PageCall& call);
    Result<Response> create_followup(const PageCall& call);
    Result<Response> close_followup_form(const PageCall& call);
    Result<Response> close_followup(const PageCall& call);

    // survey_pages.cpp (R7): the guided site survey, one unknown per screen.
    Result<Response> site_survey(const PageCall& call);
    Result<Response> answer_survey(const PageCall& call);
    // followup_pages.cpp (F1, F2): the manager's hover gaps and policy overrides; the contact
    // policy forms (organisation defaults for admins and managers; account and contact overrides).
    Result<Response> hover_gaps(const PageCall& call);
    Result<Response> org_policy_form(const PageCall& call);
    Result<Response> save_org_policy(const PageCall& call);
    Result<Response> account_policy_form(const PageCall& call);
    Result<Response> save_account_policy(const PageCall& call);
    Result<Response> contact_policy_form(const PageCall& call);
    Result<Response> save_contact_policy(const PageCall& call);

    // billing_pages.cpp (B4, B5)
    Result<Response> set_finding_status(const PageCall& call);
    Result<Response> billing_report(const PageCall& call);
    Result<Response> billing_report_pdf(const PageCall& call);
    // Field verification on a phone (B2): /accounts/{id}/sites/{site_id}/verify
    Result<Response> verify_site(const PageCall& call);
    Result<Response> record_verification(const PageCall& call);

    // import_pages.cpp (R8): the upload form, the preview (mapping, first rows, errors,
    // duplicates) and the commit. Admins and managers only.
    Result<Response> import_form(const PageCall& call);
    Result<Response> import_preview(const PageCall& call);
    Result<Response> import_commit(const PageCall& call);
    // /import/jobs/{job}: a commit's progress while it runs, then its result.
    Result<Response> import_job(const PageCall& call);

private:
    // The account page's billing review section.
    Result<ViewMap> billing_section(const PageCall& call, AccountId account);

    Result<Response> import_job_page(const PageCall& call, const ImportJobState& state);

    App& app_;
    PageOptions options_;
    // Uploads kept between the preview and the commit, and the commits running (import_pages.cpp).
    std::unique_ptr<ImportUploads> uploads_;
    std::unique_ptr<ImportJobs> jobs_;
};

}  // namespace hover::http::pages
