#include "http/pages/mustache.hpp"

#include <sstream>
#include <utility>

#include <fmt/format.h>

namespace hover::http::pages {

struct MustacheTemplate::Node {
    enum class Kind { kText, kVariable, kUnescaped, kSection, kInverted, kPartial };
    Kind kind = Kind::kText;
    std::string text;               // the text, or the partial's name
    std::vector<std::string> path;  // a variable's or section's name, split at the dots
    std::string prefix;             // a standalone partial's indentation
    bool eol = false;               // a text ending a line
    std::vector<Node> children;     // a section's
};

namespace {

using Node = MustacheTemplate::Node;

// ---- Tokens, as mstch 1.0.2 cuts a template -----------------------------------------------------

enum class TokenType {
    kText,
    kVariable,
    kUnescaped,
    kSectionOpen,
    kInvertedOpen,
    kClose,
    kComment,
    kPartial,
    kDelimiterChange
};

struct Token {
    TokenType type = TokenType::kText;
    std::string raw;
    std::string name;
    bool eol = false;
    bool ws_only = false;
    std::string prefix;
};

bool is_ws(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string trimmed(std::string_view s) {
    std::size_t b = 0;
    std::size_t e = s.size();
    while (b < e && is_ws(s[b])) {
        ++b;
    }
    while (e > b && is_ws(s[e - 1])) {
        --e;
    }
    return std::string(s.substr(b, e - b));
}

Token text_token(std::string_view raw) {
    Token t;
    t.raw = std::string(raw);
    t.eol = !raw.empty() && raw.back() == '\n';
    t.ws_only = raw.find_first_not_of(" \r\n\t") == std::string_view::npos;
    return t;
}

Token tag_token(std::string_view raw) {
    Token t;
    t.raw = std::string(raw);
    std::string_view inner = raw.substr(2, raw.size() - 4);  // between {{ and }}
    if (!inner.empty() && inner.front() == '=' && inner.back() == '=') {
        t.type = TokenType::kDelimiterChange;
    } else if (!inner.empty() && inner.front() == '{' && inner.back() == '}') {
        t.type = TokenType::kUnescaped;
        t.name = trimmed(inner.substr(1, inner.size() - 2));
    } else {
        std::string body = trimmed(inner);
        char c = body.empty() ? ' ' : body.front();
        switch (c) {
            case '>':
                t.type = TokenType::kPartial;
                break;
            case '^':
                t.type = TokenType::kInvertedOpen;
                break;
            case '/':
                t.type = TokenType::kClose;
                break;
            case '&':
                t.type = TokenType::kUnescaped;
                break;
            case '#':
                t.type = TokenType::kSectionOpen;
                break;
            case '!':
                t.type = TokenType::kComment;
                break;
            default:
                t.type = TokenType::kVariable;
                break;
        }
        t.name = t.type == TokenType::kVariable ? body : trimmed(std::string_view(body).substr(1));
    }
    return t;
}

// Text is cut after every line end, so a line's tokens can be found (mstch's process_text).
void add_text(std::vector<Token>& tokens, std::string_view text) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' || i == text.size() - 1) {
            tokens.push_back(text_token(text.substr(start, i + 1 - start)));
            start = i + 1;
        }
    }
}

std::vector<Token> tokenize(std::string_view tmpl) {
    std::vector<Token> tokens;
    std::size_t pos = 0;
    while (pos < tmpl.size()) {
        std::size_t open = tmpl.find("{{", pos);
        std::size_t close = open == std::string_view::npos ? open : tmpl.find("}}", open + 1);
        if (open == std::string_view::npos || close == std::string_view::npos) {
            add_text(tokens, tmpl.substr(pos));
            break;
        }
        if (open + 2 < tmpl.size() && tmpl[open + 2] == '{' && close + 2 < tmpl.size() &&
            tmpl[close + 2] == '}') {
            ++close;  // {{{name}}}
        }
        add_text(tokens, tmpl.substr(pos, open - pos));
        tokens.push_back(tag_token(tmpl.substr(open, close + 2 - open)));
        pos = close + 2;
        if (pos == tmpl.size()) {
            Token end = text_token("");
            end.eol = true;
            tokens.push_back(std::move(end));
        }
    }
    return tokens;
}

bool is_tag_for_standalone(TokenType type) {
    return type != TokenType::kText && type != TokenType::kVariable &&
           type != TokenType::kUnescaped;
}

// A line that holds section, comment or partial tags and only white space otherwise loses the
// white space and its line end (mstch's strip_whitespace); a partial indented on such a line
// keeps the indentation as its prefix.
void strip_standalone_lines(std::vector<Token>& tokens) {
    std::vector<Token> out;
    out.reserve(tokens.size());
    std::size_t line_begin = 0;
    bool has_tag = false;
    bool non_space = false;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        if (is_tag_for_standalone(t.type)) {
            has_tag = true;
        } else if (!t.ws_only) {
            non_space = true;
        }
        if (!t.eol) {
            continue;
        }
        bool standalone = has_tag && !non_space;
        for (std::size_t k = line_begin; k <= i; ++k) {
            Token& kept = tokens[k];
            if (standalone && kept.type == TokenType::kPartial && k > line_begin &&
                tokens[k - 1].ws_only) {
                kept.prefix = tokens[k - 1].raw;
            }
            if (standalone && kept.ws_only) {
                continue;
            }
            out.push_back(std::move(kept));
        }
        line_begin = i + 1;
        has_tag = non_space = false;
    }
    for (std::size_t k = line_begin; k < tokens.size(); ++k) {
        out.push_back(std::move(tokens[k]));
    }
    tokens = std::move(out);
}

std::vector<std::string> split_path(const std::string& name) {
    if (name == "." || name.find('.') == std::string::npos) {
        return {name};
    }
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        std::size_t dot = name.find('.', start);
        parts.push_back(name.substr(start, dot - start));
        if (dot == std::string::npos) {
            break;
        }
        start = dot + 1;
    }
    return parts;
}

Result<std::vector<Node>> build(std::vector<Token>& tokens,
                                std::size_t& i,
                                const std::string* open) {
    std::vector<Node> nodes;
    for (; i < tokens.size(); ++i) {
        Token& t = tokens[i];
        Node n;
        switch (t.type) {
            case TokenType::kText:
                if (t.raw.empty()) {
                    continue;
                }
                n.kind = Node::Kind::kText;
                n.text = std::move(t.raw);
                n.eol = t.eol;
                break;
            case TokenType::kVariable:
            case TokenType::kUnescaped:
                n.kind =
                    t.type == TokenType::kVariable ? Node::Kind::kVariable : Node::Kind::kUnescaped;
                n.path = split_path(t.name);
                break;
            case TokenType::kSectionOpen:
            case TokenType::kInvertedOpen: {
                n.kind = t.type == TokenType::kSectionOpen ? Node::Kind::kSection
                                                           : Node::Kind::kInverted;
                n.path = split_path(t.name);
                std::string name = t.name;
                ++i;
                n.children = HOVER_TRY(build(tokens, i, &name));
                break;
            }
            case TokenType::kClose:
                if (open == nullptr || t.name != *open) {
                    return Error::invalid(
                        "template",
                        fmt::format("{{{{/{}}}}} closes {}.", t.name,
                                    open == nullptr ? "no open section"
                                                    : "another section than {{#" + *open + "}}"));
                }
                return nodes;
            case TokenType::kComment:
                continue;
            case TokenType::kPartial:
                n.kind = Node::Kind::kPartial;
                n.text = t.name;
                n.prefix = std::move(t.prefix);
                break;
            case TokenType::kDelimiterChange:
                return Error::invalid("template",
                                      "Changing the {{ }} delimiters is not supported.");
        }
        nodes.push_back(std::move(n));
    }
    if (open != nullptr) {
        return Error::invalid("template", fmt::format("{{{{#{}}}}} is never closed.", *open));
    }
    return nodes;
}

// ---- Rendering ------------------------------------------------------------------------------

const ViewNode kNull{nullptr};
// "." at the top of a page: the root map, which renders as nothing and opens its section once
// (as mstch renders a map); an empty map stands for it.
const ViewNode kRootMarker{ViewMap{}};

const ViewNode* member(const ViewNode& node, const std::string& name) {
    if (const auto* map = node.get_if<ViewMap>()) {
        return map->find(name);
    }
    return nullptr;
}

class Renderer {
public:
    Renderer(const PartialLookup& partials, std::string& out) : partials_(partials), out_(out) {}

    void push(const ViewNode& n) { stack_.push_back(&n); }
    void pop() { stack_.pop_back(); }
    // The view of the whole page: a map, searched after everything pushed (not copied into a
    // node, which would copy every value in it).
    void set_root(const ViewMap& root) { root_ = &root; }

    void render(const std::vector<Node>& nodes, const std::string& prefix) {
        bool line_start = true;
        for (const Node& n : nodes) {
            if (!prefix.empty() && line_start) {
                out_ += prefix;
            }
            render(n, prefix);
            line_start = n.kind == Node::Kind::kText && n.eol;
        }
    }

private:
    const ViewNode& lookup(const std::vector<std::string>& path) const {
        if (path.size() == 1 && path.front() == ".") {
            return stack_.empty() ? kRootMarker : *stack_.back();
        }
        const ViewNode* found = nullptr;
        for (auto it = stack_.rbegin(); it != stack_.rend() && found == nullptr; ++it) {
            found = member(**it, path.front());
        }
        if (found == nullptr && root_ != nullptr) {
            found = root_->find(path.front());
        }
        for (std::size_t k = 1; k < path.size() && found != nullptr; ++k) {
            found = path[k] == "." ? found : member(*found, path[k]);
        }
        return found != nullptr ? *found : kNull;
    }

    static bool is_empty(const ViewNode& n) {
        if (n.get_if<std::monostate>()) {
            return true;
        }
        if (const auto* i = n.get_if<int>()) {
            return *i == 0;
        }
        if (const auto* d = n.get_if<double>()) {
            return *d == 0;
        }
        if (const auto* b = n.get_if<bool>()) {
            return !*b;
        }
        if (const auto* s = n.get_if<std::string>()) {
            return s->empty();
        }
        if (const auto* a = n.get_if<ViewList>()) {
            return a->empty();
        }
        return false;
    }

    void escape(const std::string& s) {
        std::size_t plain = 0;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const char* with = nullptr;
            switch (s[i]) {
                case '&':
                    with = "&amp;";
                    break;
                case '\'':
                    with = "&#39;";
                    break;
                case '"':
                    with = "&quot;";
                    break;
                case '<':
                    with = "&lt;";
                    break;
                case '>':
                    with = "&gt;";
                    break;
                case '/':
                    with = "&#x2F;";
                    break;
                default:
                    continue;
            }
            out_.append(s, plain, i - plain);
            out_ += with;
            plain = i + 1;
        }
        out_.append(s, plain, std::string::npos);
    }

    void value(const ViewNode& n, bool escaped) {
        if (const auto* s = n.get_if<std::string>()) {
            if (escaped) {
                escape(*s);
            } else {
                out_ += *s;
            }
        } else if (const auto* i = n.get_if<int>()) {
            out_ += std::to_string(*i);
        } else if (const auto* d = n.get_if<double>()) {
            std::ostringstream text;
            text << *d;
            out_ += text.str();
        } else if (const auto* b = n.get_if<bool>()) {
            out_ += *b ? "true" : "false";
        }
        // null, lists, maps: nothing (as mstch).
    }

    void render(const Node& n, const std::string& prefix) {
        switch (n.kind) {
            case Node::Kind::kText:
                out_ += n.text;
                break;
            case Node::Kind::kVariable:
            case Node::Kind::kUnescaped:
                value(lookup(n.path), n.kind == Node::Kind::kVariable);
                break;
            case Node::Kind::kSection: {
                const ViewNode& v = lookup(n.path);
                if (is_empty(v)) {
                    break;
                }
                if (const auto* list = v.get_if<ViewList>()) {
                    for (const ViewNode& item : *list) {
                        push(item);
                        render(n.children, prefix);
                        pop();
                    }
                } else {
                    push(v);
                    render(n.children, prefix);
                    pop();
                }
                break;
            }
            case Node::Kind::kInverted:
                if (is_empty(lookup(n.path))) {
                    render(n.children, prefix);
                }
                break;
            case Node::Kind::kPartial:
                if (const MustacheTemplate* partial = partials_ ? partials_(n.text) : nullptr) {
                    render(partial->nodes(), prefix + n.prefix);
                }
                break;
        }
    }

    const PartialLookup& partials_;
    std::string& out_;
    const ViewMap* root_ = nullptr;
    std::vector<const ViewNode*> stack_;
};

}  // namespace

MustacheTemplate::MustacheTemplate() : nodes_(std::make_unique<std::vector<Node>>()) {}
MustacheTemplate::MustacheTemplate(MustacheTemplate&&) noexcept = default;
MustacheTemplate& MustacheTemplate::operator=(MustacheTemplate&&) noexcept = default;
MustacheTemplate::~MustacheTemplate() = default;

Result<MustacheTemplate> MustacheTemplate::parse(std::string_view text) {
    std::vector<Token> tokens = tokenize(text);
    strip_standalone_lines(tokens);
    std::size_t i = 0;
    MustacheTemplate out;
    *out.nodes_ = HOVER_TRY(build(tokens, i, nullptr));
    return out;
}

void MustacheTemplate::render(const ViewNode& view,
                              const PartialLookup& partials,
                              std::string& out) const {
    if (const auto* map = view.get_if<ViewMap>()) {
        render(*map, partials, out);
        return;
    }
    Renderer r(partials, out);
    r.push(view);
    r.render(*nodes_, std::string());
}

void MustacheTemplate::render(const ViewMap& view,
                              const PartialLookup& partials,
                              std::string& out) const {
    Renderer r(partials, out);
    r.set_root(view);
    r.render(*nodes_, std::string());
}

}  // namespace hover::http::pages
