// The live page served at "/" until the web app exists: a list of calls and,
// for the chosen one, the live transcript with sentiment, talk ratio,
// prospect mood, objections and guidance cards with their feedback,
// alternative and speech actions (docs/http-api.md, docs/events.md).
// Browser test: tests/ui/live_page_test.mjs.
#pragma once

#include <string_view>

namespace sc::server {
std::string_view LivePageHtml();
}  // namespace sc::server
