// File: http/pages/page_options.hpp
//
// Settings of the web pages that tests change (kept apart from pages.hpp, which pulls in the page
// views, so routes.hpp stays light).
#pragma once

#include <chrono>

namespace hover::http::pages {

struct PageOptions {
    // How long the import page waits for a commit before it shows the progress page instead.
    std::chrono::milliseconds import_wait{1000};
};

}  // namespace hover::http::pages
