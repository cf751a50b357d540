#include "io/ical/ical_reader.hpp"

#include <memory>
#include <mutex>

#include <fmt/format.h>
#include <libical/ical.h>

namespace hover::ical {
namespace {

struct ComponentFree {
    void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};

struct BufferFree {
    void operator()(char* p) const { icalmemory_free_buffer(p); }
};
using Buffer = std::unique_ptr<char, BufferFree>;

std::string take(char* p) {
    Buffer owned(p);
    return owned ? std::string(owned.get()) : std::string();
}

ReadComponent convert(icalcomponent* c, int& errors) {
    ReadComponent out;
    const char* name = icalcomponent_kind_to_string(icalcomponent_isa(c));
    out.name = name != nullptr ? name : "";
    for (icalproperty* p = icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY); p != nullptr;
         p = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY)) {
        if (icalproperty_isa(p) == ICAL_XLICERROR_PROPERTY) {
            ++errors;
            continue;
        }
        ReadProperty prop;
        prop.name = take(icalproperty_get_property_name_r(p));
        icalvalue* v = icalproperty_get_value(p);
        if (v != nullptr && icalvalue_isa(v) == ICAL_TEXT_VALUE) {
            const char* text = icalvalue_get_text(v);
            prop.value = text != nullptr ? text : "";
        } else {
            prop.value = take(icalproperty_get_value_as_string_r(p));
        }
        for (icalparameter* param = icalproperty_get_first_parameter(p, ICAL_ANY_PARAMETER);
             param != nullptr; param = icalproperty_get_next_parameter(p, ICAL_ANY_PARAMETER)) {
            std::string text = take(icalparameter_as_ical_string_r(param));
            auto eq = text.find('=');
            if (eq == std::string::npos) {
                prop.params.emplace_back(text, "");
            } else {
                prop.params.emplace_back(text.substr(0, eq), text.substr(eq + 1));
            }
        }
        out.properties.push_back(std::move(prop));
    }
    for (icalcomponent* child = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT);
         child != nullptr; child = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT)) {
        out.children.push_back(convert(child, errors));
    }
    return out;
}

int count_in(const std::vector<ReadComponent>& list, std::string_view name) {
    int n = 0;
    for (const auto& c : list) {
        n += (c.name == name ? 1 : 0) + count_in(c.children, name);
    }
    return n;
}

}  // namespace

const ReadProperty* ReadComponent::find(std::string_view property) const {
    for (const auto& p : properties) {
        if (p.name == property) {
            return &p;
        }
    }
    return nullptr;
}

int ReadComponent::count(std::string_view component) const {
    return count_in(children, component);
}

int ReadCalendar::count(std::string_view component) const {
    return count_in(components, component);
}

Result<ReadCalendar> read(std::string_view text, std::string_view source) {
    static std::once_flag configured;
    // libical aborts on some errors unless told otherwise; a bad file must be an Error, not a
    // crash.
    std::call_once(configured, [] { icalerror_set_errors_are_fatal(0); });
    if (text.find('\0') != std::string_view::npos) {
        return Error::invalid(std::string(source),
                              "This file holds a NUL byte: it is not an iCalendar text file.");
    }
    std::string copy(text);
    std::unique_ptr<icalcomponent, ComponentFree> root(icalparser_parse_string(copy.c_str()));
    if (!root) {
        return Error::invalid(std::string(source),
                              "No calendar found in this file: iCalendar text starts with "
                              "BEGIN:VCALENDAR (or BEGIN:VEVENT, BEGIN:VTODO, ...).");
    }
    ReadCalendar out;
    // Several top-level components come back wrapped in an XROOT.
    if (icalcomponent_isa(root.get()) == ICAL_XROOT_COMPONENT) {
        for (icalcomponent* c = icalcomponent_get_first_component(root.get(), ICAL_ANY_COMPONENT);
             c != nullptr; c = icalcomponent_get_next_component(root.get(), ICAL_ANY_COMPONENT)) {
            out.components.push_back(convert(c, out.errors));
        }
    } else {
        out.components.push_back(convert(root.get(), out.errors));
    }
    return out;
}

}  // namespace hover::ical
