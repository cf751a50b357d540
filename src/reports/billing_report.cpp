#include "reports/billing_report.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>
#include <pango/pangocairo.h>

#include "domain/records/phone_number.hpp"

namespace hover::reports {

namespace {

using billing::Finding;
using billing::FindingType;

std::string display_number(const std::string& n) {
    if (n.size() == 12 && n.rfind("+1", 0) == 0) {  // NANP, valid or fictional (555)
        return "(" + n.substr(2, 3) + ") " + n.substr(5, 3) + "-" + n.substr(8);
    }
    return n.empty() || n[0] != '+' ? n : records::format_phone_national(n, "US");
}

std::string period_text(const BillingReport& r) {
    if (r.period_start && r.period_end) {
        return format_date(*r.period_start) + " to " + format_date(*r.period_end);
    }
    return "period not stated on the bill";
}

std::string since_text(const Finding& f) {
    return f.since ? format_date(*f.since) : "-";
}

// Findings grouped by kind, in type order.
std::vector<std::pair<FindingType, std::vector<const Finding*>>> groups(const BillingReport& r) {
    std::map<FindingType, std::vector<const Finding*>> m;
    for (const Finding& f : r.findings) {
        m[f.type].push_back(&f);
    }
    return {m.begin(), m.end()};
}

// --- PDF -----------------------------------------------------------------------------------

constexpr double kPageW = 612;  // US Letter, points
constexpr double kPageH = 792;
constexpr double kMargin = 48;

class Pdf {
public:
    explicit Pdf(cairo_t* cr) : cr_(cr) {}

    // Draws `text` at (x, y_) within `width`; returns its height. Does not move y_.
    double text(double x,
                double width,
                const std::string& s,
                const char* font,
                PangoAlignment align = PANGO_ALIGN_LEFT,
                double r = 0.1,
                double g = 0.1,
                double b = 0.1) {
        PangoLayout* layout = pango_cairo_create_layout(cr_);
        PangoFontDescription* desc = pango_font_description_from_string(font);
        pango_layout_set_font_description(layout, desc);
        pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(layout, align);
        pango_layout_set_text(layout, s.c_str(), -1);
        int w = 0;
        int h = 0;
        pango_layout_get_pixel_size(layout, &w, &h);
        cairo_set_source_rgb(cr_, r, g, b);
        cairo_move_to(cr_, x, y_);
        pango_cairo_show_layout(cr_, layout);
        pango_font_description_free(desc);
        g_object_unref(layout);
        return h;
    }
    void line(double space_after = 0) {
        cairo_set_source_rgb(cr_, 0.8, 0.8, 0.8);
        cairo_set_line_width(cr_, 0.7);
        cairo_move_to(cr_, kMargin, y_);
        cairo_line_to(cr_, kPageW - kMargin, y_);
        cairo_stroke(cr_);
        y_ += space_after;
    }
    void need(double h) {
        if (y_ + h > kPageH - kMargin) {
            cairo_show_page(cr_);
            y_ = kMargin;
        }
    }
    void rect(double x, double y, double w, double h, double r, double g, double b) {
        cairo_set_source_rgb(cr_, r, g, b);
        cairo_rectangle(cr_, x, y, w, h);
        cairo_fill(cr_);
    }
    double& y() { return y_; }
    cairo_t* cr() { return cr_; }

private:
    cairo_t* cr_;
    double y_ = kMargin;
};

void draw_pdf(Pdf& pdf, const BillingReport& r) {
    const double width = kPageW - 2 * kMargin;
    pdf.y() += pdf.text(kMargin, width, "Telephone bill review", "DejaVu Sans Bold 20") + 4;
    pdf.y() += pdf.text(kMargin, width, "Prepared for " + r.customer, "DejaVu Sans 12") + 2;
    pdf.y() += pdf.text(kMargin, width, "Bill period: " + period_text(r), "DejaVu Sans 10",
                        PANGO_ALIGN_LEFT, 0.35, 0.35, 0.35) +
               14;

    // Summary: three boxes.
    const double box_w = (width - 2 * 12) / 3;
    const std::string labels[3] = {"Monthly savings", "Annual savings", "Refund to claim"};
    const Cents values[3] = {r.totals.monthly_savings, r.totals.annual_savings,
                             r.totals.refund_to_claim};
    for (int i = 0; i < 3; ++i) {
        double x = kMargin + i * (box_w + 12);
        pdf.rect(x, pdf.y(), box_w, 58, 0.93, 0.96, 0.93);
        double y0 = pdf.y();
        pdf.y() += 8;
        pdf.text(x + 10, box_w - 20, labels[i], "DejaVu Sans 9", PANGO_ALIGN_LEFT, 0.3, 0.3, 0.3);
        pdf.y() += 16;
        pdf.text(x + 10, box_w - 20, format_money(values[i]), "DejaVu Sans Bold 16",
                 PANGO_ALIGN_LEFT, 0.05, 0.35, 0.1);
        pdf.y() = y0;
    }
    pdf.y() += 70;
    pdf.y() += pdf.text(kMargin, width,
                        fmt::format("{} findings. The refund estimate covers up to {} months "
                                    "back, the window most carriers accept for disputes.",
                                    r.findings.size(), r.dispute_window_months),
                        "DejaVu Sans 9", PANGO_ALIGN_LEFT, 0.35, 0.35, 0.35) +
               14;

    // Bar chart: monthly amount by kind.
    auto gs = groups(r);
    if (!gs.empty()) {
        pdf.y() +=
            pdf.text(kMargin, width, "Monthly overcharge by kind", "DejaVu Sans Bold 12") + 6;
        std::int64_t max_amount = 1;
        for (const auto& [type, list] : gs) {
            max_amount = std::max(max_amount, r.totals.by_type.at(type).monthly.value);
        }
        const double label_w = 200;
        const double bar_max = width - label_w - 80;
        for (const auto& [type, list] : gs) {
            pdf.need(18);
            const billing::TypeTotal& t = r.totals.by_type.at(type);
            pdf.text(kMargin, label_w - 8, std::string(billing::finding_title(type)),
                     "DejaVu Sans 8");
            double w =
                bar_max * static_cast<double>(t.monthly.value) / static_cast<double>(max_amount);
            pdf.rect(kMargin + label_w, pdf.y() + 2, std::max(w, 1.0), 10, 0.2, 0.5, 0.75);
            double save = pdf.y();
            pdf.text(kMargin + label_w + std::max(w, 1.0) + 6, 80, format_money(t.monthly),
                     "DejaVu Sans 8");
            pdf.y() = save + 16;
        }
        pdf.y() += 12;
    }

    // Findings table, grouped by kind.
    const double cols[5] = {kMargin, kMargin + 110, kMargin + 300, kMargin + 375, kMargin + 445};
    const double widths[5] = {105, 185, 70, 65, 70};
    for (const auto& [type, list] : gs) {
        const billing::TypeTotal& t = r.totals.by_type.at(type);
        pdf.need(60);
        pdf.y() += pdf.text(kMargin, width,
                            fmt::format("{} ({}, {} a month)", billing::finding_title(type),
                                        list.size(), format_money(t.monthly)),
                            "DejaVu Sans Bold 11") +
                   4;
        const char* heads[5] = {"Number", "What we found", "Since", "Monthly", "Refund"};
        for (int i = 0; i < 5; ++i) {
            pdf.text(cols[i], widths[i], heads[i], "DejaVu Sans Bold 8",
                     i >= 3 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT, 0.3, 0.3, 0.3);
        }
        pdf.y() += 13;
        pdf.line(3);
        for (const Finding* f : list) {
            const std::string cells[5] = {display_number(f->number), f->description, since_text(*f),
                                          format_money(f->monthly_amount),
                                          format_money(f->refund_estimate)};
            // Measure the tallest cell first (the description wraps).
            double h = 0;
            for (int i = 0; i < 5; ++i) {
                PangoLayout* layout = pango_cairo_create_layout(pdf.cr());
                PangoFontDescription* desc = pango_font_description_from_string("DejaVu Sans 8");
                pango_layout_set_font_description(layout, desc);
                pango_layout_set_width(layout, static_cast<int>(widths[i] * PANGO_SCALE));
                pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
                pango_layout_set_text(layout, cells[i].c_str(), -1);
                int w = 0;
                int lh = 0;
                pango_layout_get_pixel_size(layout, &w, &lh);
                h = std::max(h, static_cast<double>(lh));
                pango_font_description_free(desc);
                g_object_unref(layout);
            }
            pdf.need(h + 4);
            for (int i = 0; i < 5; ++i) {
                pdf.text(cols[i], widths[i], cells[i], "DejaVu Sans 8",
                         i >= 3 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
            }
            pdf.y() += h + 4;
        }
        pdf.line(12);
    }

    if (!r.suggestions.empty()) {
        pdf.need(40);
        pdf.y() += pdf.text(kMargin, width, "Suggestions", "DejaVu Sans Bold 12") + 4;
        for (const billing::Suggestion& s : r.suggestions) {
            pdf.need(24);
            pdf.y() += pdf.text(kMargin, width, "- " + s.text, "DejaVu Sans 8") + 3;
        }
        pdf.y() += 10;
    }

    pdf.need(80);
    pdf.y() += pdf.text(kMargin, width, "How we reviewed your bill", "DejaVu Sans Bold 12") + 4;
    for (const std::string& p : method_paragraphs(r)) {
        pdf.need(40);
        pdf.y() += pdf.text(kMargin, width, p, "DejaVu Sans 9") + 6;
    }
}

}  // namespace

BillingReport make_billing_report(std::string customer,
                                  const billing::ReviewResult& result,
                                  const std::vector<billing::Suggestion>& suggestions,
                                  const billing::UsageSummary& usage,
                                  int dispute_window_months) {
    BillingReport r;
    r.customer = std::move(customer);
    r.period_start = result.period_start;
    r.period_end = result.period_end;
    r.totals = result.totals;
    r.findings = result.findings;
    r.suggestions = suggestions;
    r.cdr_records = usage.records;
    r.cdr_first_day = usage.first_day;
    r.cdr_last_day = usage.last_day;
    r.dispute_window_months = dispute_window_months;
    return r;
}

BillingReport make_account_report(std::string customer,
                                  const billing::AccountBilling& billing,
                                  int dispute_window_months) {
    billing::ReviewResult result;
    for (const Finding& f : billing.findings) {
        if (f.status == billing::FindingStatus::kOpen ||
            f.status == billing::FindingStatus::kDisputed) {
            result.findings.push_back(f);
        }
    }
    result.totals = billing::compute_totals(result.findings, {});
    if (billing.latest_review) {
        result.period_start = billing.latest_review->period_start;
        result.period_end = billing.latest_review->period_end;
    }
    return make_billing_report(std::move(customer), result, {}, {}, dispute_window_months);
}

std::vector<std::string> method_paragraphs(const BillingReport& r) {
    std::vector<std::string> out;
    out.push_back(
        "We read every line of your carrier's bill and grouped the charges by telephone number. "
        "Monthly (recurring) charges, usage, taxes and one-time charges were kept apart; taxes "
        "and one-time charges are not counted as savings.");
    out.push_back(
        "A technician then tested every billed number and every line found at your site with a "
        "test set, and wrote down whether it worked, had no dial tone, could not be found or "
        "was not in use, with the time and the technician's name. The latest test of each "
        "number counts.");
    if (r.cdr_records > 0) {
        out.push_back(fmt::format(
            "We also read the call records of your phone system ({} calls{}) and counted the "
            "calls to and from each number and the minutes used, rounded up per call.",
            r.cdr_records,
            r.cdr_first_day && r.cdr_last_day
                ? " from " + format_date(*r.cdr_first_day) + " to " + format_date(*r.cdr_last_day)
                : ""));
    }
    out.push_back(
        "A number is a finding when it is billed but could not be found, has no dial tone or "
        "made and received no calls at all; when the same monthly charge appears twice; when "
        "usage is billed with no calls behind it or for more minutes than the calls add up to; "
        "or when a line works on site but is not on the bill (no overcharge, but worth "
        "checking).");
    out.push_back(fmt::format(
        "Savings are what the findings cost each month, and a year is twelve months. The refund "
        "to claim counts each finding's monthly amount for every month since the first "
        "evidence, up to {} months back.",
        r.dispute_window_months));
    return out;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out.push_back(c);
        }
    }
    return out;
}

std::string billing_report_html(const BillingReport& r) {
    auto e = [](std::string_view s) { return html_escape(s); };
    std::string h;
    h += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
    h += "<title>Telephone bill review - " + e(r.customer) +
         "</title><style>"
         "body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;"
         "color:#222}.sum{display:flex;gap:1rem;flex-wrap:wrap}.sum div{background:#eef5ee;"
         "padding:.6rem 1rem;flex:1;min-width:10rem}.sum b{display:block;font-size:1.5rem;"
         "color:#1a5a1a}table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}"
         "td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;vertical-align:top}"
         "td.m,th.m{text-align:right;white-space:nowrap}.muted{color:#666}"
         "</style></head><body>\n";
    h += "<h1>Telephone bill review</h1>\n<p>Prepared for <strong>" + e(r.customer) +
         "</strong><br><span class=\"muted\">Bill period: " + e(period_text(r)) + "</span></p>\n";
    h += "<section class=\"sum\"><div>Monthly savings<b>" +
         e(format_money(r.totals.monthly_savings)) + "</b></div><div>Annual savings<b>" +
         e(format_money(r.totals.annual_savings)) + "</b></div><div>Refund to claim<b>" +
         e(format_money(r.totals.refund_to_claim)) + "</b></div></section>\n";
    h += fmt::format(
        "<p class=\"muted\">{} findings. The refund estimate covers up to {} months "
        "back.</p>\n",
        r.findings.size(), r.dispute_window_months);
    auto gs = groups(r);
    if (!gs.empty()) {
        std::int64_t max_amount = 1;
        for (const auto& [type, list] : gs) {
            max_amount = std::max(max_amount, r.totals.by_type.at(type).monthly.value);
        }
        const int row_h = 22;
        h += "<h2>Monthly overcharge by kind</h2>\n";
        h += fmt::format(
            "<svg role=\"img\" aria-label=\"Monthly overcharge by kind\" "
            "viewBox=\"0 0 640 {}\" width=\"100%\">",
            row_h * static_cast<int>(gs.size()) + 4);
        int i = 0;
        for (const auto& [type, list] : gs) {
            const billing::TypeTotal& t = r.totals.by_type.at(type);
            double w =
                300.0 * static_cast<double>(t.monthly.value) / static_cast<double>(max_amount);
            int y = i * row_h;
            h += fmt::format("<text x=\"0\" y=\"{}\" font-size=\"12\">{}</text>", y + 15,
                             e(billing::finding_title(type)));
            h += fmt::format(
                "<rect x=\"250\" y=\"{}\" width=\"{:.1f}\" height=\"14\" "
                "fill=\"#3380bf\"/>",
                y + 4, std::max(w, 1.0));
            h += fmt::format("<text x=\"{:.1f}\" y=\"{}\" font-size=\"12\">{}</text>",
                             256 + std::max(w, 1.0), y + 15, e(format_money(t.monthly)));
            ++i;
        }
        h += "</svg>\n";
    }
    for (const auto& [type, list] : gs) {
        const billing::TypeTotal& t = r.totals.by_type.at(type);
        h += fmt::format("<h2>{} ({}, {} a month)</h2>\n", e(billing::finding_title(type)),
                         list.size(), e(format_money(t.monthly)));
        h += "<table><thead><tr><th>Number</th><th>What we found</th><th>Since</th>"
             "<th class=\"m\">Monthly</th><th class=\"m\">Refund</th></tr></thead><tbody>\n";
        for (const Finding* f : list) {
            h += "<tr><td>" + e(display_number(f->number)) + "</td><td>" + e(f->description) +
                 "</td><td>" + e(since_text(*f)) + "</td><td class=\"m\">" +
                 e(format_money(f->monthly_amount)) + "</td><td class=\"m\">" +
                 e(format_money(f->refund_estimate)) + "</td></tr>\n";
        }
        h += "</tbody></table>\n";
    }
    if (!r.suggestions.empty()) {
        h += "<h2>Suggestions</h2>\n<ul>";
        for (const billing::Suggestion& s : r.suggestions) {
            h += "<li>" + e(s.text) + "</li>";
        }
        h += "</ul>\n";
    }
    h += "<h2>How we reviewed your bill</h2>\n";
    for (const std::string& p : method_paragraphs(r)) {
        h += "<p>" + e(p) + "</p>\n";
    }
    h += "</body></html>\n";
    return h;
}

Result<Ok> write_billing_report_pdf(const BillingReport& report, const std::string& path) {
    cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), kPageW, kPageH);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        std::string why = cairo_status_to_string(cairo_surface_status(surface));
        cairo_surface_destroy(surface);
        return Error{ErrorCode::kUnavailable, "The PDF " + path + " could not be written.", why,
                     "--pdf"};
    }
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                   ("Telephone bill review - " + report.customer).c_str());
    cairo_t* cr = cairo_create(surface);
    Pdf pdf(cr);
    draw_pdf(pdf, report);
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) {
        return Error{ErrorCode::kUnavailable, "The PDF " + path + " could not be written.",
                     cairo_status_to_string(status), "--pdf"};
    }
    return Ok{};
}

Result<Ok> write_text_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    out.close();
    if (!out) {
        return Error{ErrorCode::kUnavailable, "The file " + path + " could not be written.",
                     path + ": " + std::strerror(errno), "--html"};
    }
    return Ok{};
}

}  // namespace hover::reports
