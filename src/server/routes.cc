#include "server/routes.h"

#include <boost/json.hpp>

#include "core/log.h"
#include "server/web_page.h"

namespace sc::server {
namespace json = boost::json;
namespace {

constexpr std::string_view kMediaStreamPath = "/api/twilio-calls/media-stream";

json::value ParsedOrString(const std::string& text) {
  if (text.empty()) return nullptr;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return json::string(text);
  return v;
}

json::object CallJson(const storage::CallRecord& c, bool with_analysis) {
  json::object o{{"call_sid", c.call_sid},
                 {"tenant_id", c.tenant_id},
                 {"stream_sid", c.stream_sid},
                 {"direction", c.direction},
                 {"source", c.source},
                 {"agent_id", c.agent_id},
                 {"state", storage::CallStateName(c.state)},
                 {"started_unix_ms", c.started_unix_ms},
                 {"ended_unix_ms", c.ended_unix_ms},
                 {"duration_ms", c.duration_ms},
                 {"end_reason", c.end_reason},
                 {"last_seq", c.last_seq},
                 {"stats", ParsedOrString(c.stats_json)}};
  if (with_analysis) o["analysis"] = ParsedOrString(c.analysis_json);
  return o;
}

int HttpStatusFor(const Status& s) {
  switch (s.code()) {
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kUnavailable:
      return 503;
    default:
      return 500;
  }
}

// The snake_case error code of a Status, like the routes' own codes.
std::string ErrorCode(StatusCode code) {
  std::string_view name = StatusCodeName(code);
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c >= 'A' && c <= 'Z') {
      if (i > 0) out += '_';
      out += static_cast<char>(c - 'A' + 'a');
    } else {
      out += c;
    }
  }
  return out;
}

HttpResponse FromStatus(const Status& s) {
  return ErrorResponse(HttpStatusFor(s), ErrorCode(s.code()), s.message());
}

HttpResponse Json(json::value v) {
  HttpResponse r;
  r.body = json::serialize(v);
  return r;
}

int QueryInt(const HttpRequest& req, const std::string& key, int fallback,
             int lo, int hi) {
  auto it = req.query.find(key);
  if (it == req.query.end()) return fallback;
  try {
    long v = std::stol(it->second);
    return static_cast<int>(std::clamp<long>(v, lo, hi));
  } catch (...) {
    return fallback;
  }
}

}  // namespace

HttpResponse ErrorResponse(int status, std::string_view code,
                           std::string_view message) {
  HttpResponse r;
  r.status = status;
  r.body = json::serialize(
      json::object{{"error", {{"code", code}, {"message", message}}}});
  return r;
}

std::map<std::string, std::string> ParseQuery(std::string_view q) {
  auto decode = [](std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '+') {
        out += ' ';
      } else if (s[i] == '%' && i + 2 < s.size()) {
        auto hex = [](char c) -> int {
          if (c >= '0' && c <= '9') return c - '0';
          if (c >= 'a' && c <= 'f') return c - 'a' + 10;
          if (c >= 'A' && c <= 'F') return c - 'A' + 10;
          return -1;
        };
        int hi = hex(s[i + 1]), lo = hex(s[i + 2]);
        if (hi < 0 || lo < 0) {
          out += s[i];
        } else {
          out += static_cast<char>(hi * 16 + lo);
          i += 2;
        }
      } else {
        out += s[i];
      }
    }
    return out;
  };
  std::map<std::string, std::string> out;
  while (!q.empty()) {
    size_t amp = q.find('&');
    std::string_view part = q.substr(0, amp);
    q = amp == std::string_view::npos ? std::string_view() : q.substr(amp + 1);
    if (part.empty()) continue;
    size_t eq = part.find('=');
    if (eq == std::string_view::npos) {
      out[decode(part)] = "";
    } else {
      out[decode(part.substr(0, eq))] = decode(part.substr(eq + 1));
    }
  }
  return out;
}

HttpResponse Route(const HttpRequest& req, const RouteContext& ctx) {
  const std::string& p = req.path;
  if (p == kMediaStreamPath) {
    LogWarn("http.media_stream_without_upgrade", {F("method", req.method)});
    HttpResponse r = ErrorResponse(
        426, "upgrade_required",
        "this endpoint speaks the Twilio Media Streams WebSocket protocol; "
        "connect with a WebSocket upgrade");
    r.headers["Upgrade"] = "websocket";
    return r;
  }
  if (req.method != "GET" && req.method != "HEAD") {
    return ErrorResponse(405, "method_not_allowed",
                         "only GET is supported on " + p);
  }
  if (p == "/" || p == "/index.html") {
    HttpResponse r;
    r.content_type = "text/html; charset=utf-8";
    r.body = std::string(LivePageHtml());
    return r;
  }
  if (p == "/healthz") {
    return Json(json::object{
        {"status", "ok"},
        {"active_calls", ctx.active_calls ? ctx.active_calls() : 0}});
  }
  if (ctx.store == nullptr) {
    return ErrorResponse(503, "unavailable", "no store configured");
  }
  if (p == "/api/calls") {
    storage::CallFilter filter;
    filter.limit = QueryInt(req, "limit", 100, 1, 1000);
    if (auto it = req.query.find("state"); it != req.query.end()) {
      filter.state = storage::ParseCallState(it->second);
      if (!filter.state) {
        return ErrorResponse(400, "invalid_argument",
                             "state must be active, completed or interrupted");
      }
    }
    auto calls = ctx.store->ListCalls(filter);
    if (!calls.ok()) return FromStatus(calls.status());
    json::array arr;
    for (const auto& c : *calls) arr.push_back(CallJson(c, false));
    return Json(json::object{{"calls", std::move(arr)}});
  }
  constexpr std::string_view kCalls = "/api/calls/";
  if (p.rfind(kCalls, 0) == 0) {
    std::string rest = p.substr(kCalls.size());
    bool events = false;
    if (rest.size() > 7 && rest.compare(rest.size() - 7, 7, "/events") == 0) {
      events = true;
      rest.resize(rest.size() - 7);
    }
    if (rest.empty() || rest.find('/') != std::string::npos) {
      return ErrorResponse(404, "not_found", "no such route");
    }
    auto call = ctx.store->GetCall(rest);
    if (!call.ok()) return FromStatus(call.status());
    if (!events) return Json(CallJson(*call, true));
    int after = QueryInt(req, "after_seq", 0, 0, 1 << 30);
    auto list = ctx.store->ListEvents(rest, after);
    if (!list.ok()) return FromStatus(list.status());
    json::array arr;
    for (const auto& e : *list) {
      arr.push_back(json::object{{"type", e.type},
                                 {"call_sid", e.call_sid},
                                 {"seq", e.seq},
                                 {"at_ms", e.at_ms},
                                 {"wall_ms", e.wall_ms},
                                 {"data", ParsedOrString(e.payload_json)}});
    }
    return Json(json::object{{"events", std::move(arr)}});
  }
  return ErrorResponse(404, "not_found", "no such route: " + p);
}

}  // namespace sc::server
