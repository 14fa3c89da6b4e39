// The minimal live page served at "/" until the web app exists: a list of
// calls and the live transcript of the chosen one (docs/events.md).
#pragma once

#include <string_view>

namespace sc::server {
std::string_view LivePageHtml();
}  // namespace sc::server
