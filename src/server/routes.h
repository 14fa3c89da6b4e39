// HTTP routes as pure functions from a parsed request to a response
// (docs/http-api.md). The Beast layer parses, calls Route(), and writes.
//
// Thread-safety: Route() may run on any thread; it only reads the store.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "storage/store.h"

namespace sc::server {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // Without the query string.
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // Lower-case names.
  std::string body;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::map<std::string, std::string> headers;
};

struct RouteContext {
  storage::Store* store = nullptr;
  // Number of calls currently streaming (for /healthz).
  std::function<int()> active_calls;
};

HttpResponse Route(const HttpRequest& request, const RouteContext& context);

// Splits "a=1&b=x%20y" into a map, percent-decoding keys and values.
std::map<std::string, std::string> ParseQuery(std::string_view query);

// {"error":{"code":"not_found","message":"..."}}
HttpResponse ErrorResponse(int status, std::string_view code,
                           std::string_view message);

}  // namespace sc::server
