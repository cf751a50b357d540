// File: http/pages/view.hpp
//
// What a page hands its template: a tree of maps, lists, text, numbers and booleans
// (decision 0018). It is built like mstch's views were, and renders the same:
//
//   ViewMap view{{"name", account.name}, {"active", true}};
//   ViewList rows;
//   rows.reserve(assets.size());
//   rows.push_back(ViewMap{{"id", std::to_string(asset.id.value)}});
//   view.emplace("assets", std::move(rows));
//   view["flash"] = "Saved.";
//
// Why not mstch::map (a std::map of boost::variant): every entry was a tree node of its own,
// every nested map or list a heap box, and each was allocated, compared and freed one by one:
// about a third of the account page's instructions. A ViewMap is one vector of its entries, in
// the order they were added; a lookup reads them in turn (a page's maps hold a few dozen at
// most). As with std::map, emplace() keeps an existing entry and operator[] finds or adds one.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace hover::http::pages {

class ViewNode;
using ViewList = std::vector<ViewNode>;

class ViewMap {
public:
    using Entry = std::pair<std::string, ViewNode>;

    ViewMap() = default;
    // Like std::map's: the first of two entries with the same key is kept.
    ViewMap(std::initializer_list<Entry> entries);

    // Adds the entry unless the key is there already (then `value` is dropped, as std::map's).
    void emplace(std::string key, ViewNode value);
    // The value of `key`, added as null when missing.
    ViewNode& operator[](std::string_view key);

    // nullptr when missing.
    const ViewNode* find(std::string_view key) const;
    // Throws std::out_of_range when missing.
    const ViewNode& at(std::string_view key) const;

    bool empty() const { return entries_.empty(); }
    std::size_t size() const { return entries_.size(); }
    void reserve(std::size_t n) { entries_.reserve(n); }
    const std::vector<Entry>& entries() const { return entries_; }

private:
    std::vector<Entry> entries_;
};

class ViewNode {
public:
    using Value = std::variant<std::monostate, std::string, int, double, bool, ViewMap, ViewList>;

    ViewNode() = default;  // null: renders nothing, an empty section
    ViewNode(std::nullptr_t) {}
    ViewNode(std::string text) : value_(std::move(text)) {}
    // Text, not a bool (a boost::variant turned a const char* into `true`).
    ViewNode(const char* text) : value_(std::string(text)) {}
    ViewNode(std::string_view text) : value_(std::string(text)) {}
    ViewNode(int number) : value_(number) {}
    ViewNode(double number) : value_(number) {}
    ViewNode(bool flag) : value_(flag) {}
    ViewNode(ViewMap map) : value_(std::move(map)) {}
    ViewNode(ViewList list) : value_(std::move(list)) {}

    const Value& value() const { return value_; }

    // The map or list held; the node must hold one (std::bad_variant_access otherwise).
    ViewMap& map() { return std::get<ViewMap>(value_); }
    const ViewMap& map() const { return std::get<ViewMap>(value_); }
    ViewList& list() { return std::get<ViewList>(value_); }
    // The text held; the node must hold text.
    const std::string& text() const { return std::get<std::string>(value_); }

    template <typename T>
    const T* get_if() const {
        return std::get_if<T>(&value_);
    }

private:
    Value value_;
};

inline ViewMap::ViewMap(std::initializer_list<Entry> entries) {
    entries_.reserve(entries.size());
    for (const Entry& e : entries) {
        if (find(e.first) == nullptr) {
            entries_.push_back(e);
        }
    }
}

inline void ViewMap::emplace(std::string key, ViewNode value) {
    if (find(key) == nullptr) {
        entries_.emplace_back(std::move(key), std::move(value));
    }
}

inline ViewNode& ViewMap::operator[](std::string_view key) {
    for (Entry& e : entries_) {
        if (e.first == key) {
            return e.second;
        }
    }
    return entries_.emplace_back(std::string(key), ViewNode()).second;
}

inline const ViewNode* ViewMap::find(std::string_view key) const {
    for (const Entry& e : entries_) {
        if (e.first == key) {
            return &e.second;
        }
    }
    return nullptr;
}

inline const ViewNode& ViewMap::at(std::string_view key) const {
    if (const ViewNode* found = find(key)) {
        return *found;
    }
    throw std::out_of_range("no view entry " + std::string(key));
}

}  // namespace hover::http::pages
