#include "server/routes.h"

#include <boost/json.hpp>

#include "core/log.h"
#include "events/event_json.h"
#include "guidance/spoken_hint.h"
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
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
      return 409;
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

json::object FeedbackJson(const storage::CardFeedbackRecord& f) {
  return {{"call_sid", f.call_sid},
          {"card_id", f.card_id},
          {"category", f.category},
          {"kind", f.kind},
          {"action", storage::CardActionName(f.action)},
          {"at_ms", f.at_ms},
          {"wall_ms", f.wall_ms},
          {"user_id", f.user_id}};
}

json::object RecordingJson(const storage::RecordingRecord& r) {
  return {{"recording_sid", r.recording_sid},
          {"call_sid", r.call_sid},
          {"status", storage::RecordingStatusName(r.status)},
          {"local_path", r.local_path},
          {"duration_s", r.duration_s},
          {"channels", r.channels},
          {"error", r.error},
          {"created_unix_ms", r.created_unix_ms},
          {"updated_unix_ms", r.updated_unix_ms}};
}

// The Twilio side of a leg. From/To are personal data and this API has no
// authentication yet, so they are left out.
json::object LegJson(const storage::TwilioCallRecord& l) {
  return {{"call_sid", l.call_sid},
          {"parent_call_sid", l.parent_call_sid},
          {"tenant_id", l.tenant_id},
          {"user_id", l.user_id},
          {"direction", l.direction},
          {"status", l.status},
          {"last_sequence_number", l.last_sequence_number},
          {"callbacks_seen", l.callbacks_seen},
          {"initiated_unix_ms", l.initiated_unix_ms},
          {"ringing_unix_ms", l.ringing_unix_ms},
          {"answered_unix_ms", l.answered_unix_ms},
          {"ended_unix_ms", l.ended_unix_ms},
          {"duration_s", l.duration_s}};
}

bool IsCardId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// Cards belong to their call's tenant. Until requests are authenticated the
// only claim of who is asking is the body's `user_id`: a stored user of
// another tenant is refused (PermissionDenied); an unknown id is accepted,
// as agent ids may come from outside the store until accounts exist.
Status CheckSameTenant(storage::Store& store, const storage::CallRecord& call,
                       const std::string& user_id) {
  if (user_id.empty()) return Status::Ok();
  auto user = store.GetUser(user_id);
  if (!user.ok()) {
    return user.status().code() == StatusCode::kNotFound ? Status::Ok()
                                                         : user.status();
  }
  if (user->tenant_id == call.tenant_id) return Status::Ok();
  LogWarn("card.other_tenant", {F("call", call.call_sid), F("user", user_id),
                                F("user_tenant", user->tenant_id),
                                F("call_tenant", call.tenant_id)});
  return PermissionDenied("user " + user_id + " may not act on cards of call " +
                          call.call_sid);
}

// POST /api/calls/{sid}/cards/{card_id}/feedback with
// {"action":"used"|"dismissed", "category", "kind", "at_ms", "user_id"}.
HttpResponse PostCardFeedback(const HttpRequest& req, const RouteContext& ctx,
                              const std::string& call_sid,
                              const std::string& card_id) {
  if (!IsCardId(card_id)) {
    return ErrorResponse(400, "invalid_argument",
                         "card_id must be 1-128 characters of [A-Za-z0-9._-]");
  }
  auto type = req.headers.find("content-type");
  if (type == req.headers.end() ||
      type->second.rfind("application/json", 0) != 0) {
    return ErrorResponse(415, "unsupported_media_type",
                         "send the feedback as application/json");
  }
  boost::system::error_code ec;
  json::value v = json::parse(req.body, ec);
  if (ec || !v.is_object()) {
    return ErrorResponse(400, "invalid_argument", "body must be a JSON object");
  }
  const json::object& o = v.get_object();
  storage::CardFeedbackRecord f;
  f.call_sid = call_sid;
  f.card_id = card_id;
  const json::value* action = o.if_contains("action");
  std::optional<storage::CardAction> parsed;
  if (action != nullptr && action->is_string()) {
    parsed = storage::ParseCardAction(action->get_string());
  }
  if (!parsed) {
    return ErrorResponse(400, "invalid_argument",
                         "action must be \"used\" or \"dismissed\"");
  }
  f.action = *parsed;
  for (auto [key, field] :
       {std::pair<const char*, std::string*>{"category", &f.category},
        {"kind", &f.kind},
        {"user_id", &f.user_id}}) {
    const json::value* x = o.if_contains(key);
    if (x == nullptr || x->is_null()) continue;
    if (!x->is_string() || x->get_string().size() > 256) {
      return ErrorResponse(400, "invalid_argument",
                           std::string(key) + " must be a short string");
    }
    *field = std::string(x->get_string());
  }
  if (const json::value* at = o.if_contains("at_ms");
      at != nullptr && !at->is_null()) {
    if (!at->is_int64() || at->get_int64() < 0) {
      return ErrorResponse(400, "invalid_argument",
                           "at_ms must be a non-negative integer");
    }
    f.at_ms = at->get_int64();
  }
  f.wall_ms = ctx.clock->NowUnixMs();
  auto call = ctx.store->GetCall(call_sid);
  if (!call.ok()) return ErrorFromStatus(call.status());
  if (Status same = CheckSameTenant(*ctx.store, *call, f.user_id); !same.ok()) {
    return ErrorFromStatus(same);
  }
  // A retry from the browser: the first one counts, and the live engine
  // must not learn from it twice.
  using Earlier = std::optional<storage::CardFeedbackRecord>;
  auto first = [&]() -> StatusOr<Earlier> {
    SC_ASSIGN_OR_RETURN(auto given,
                        ctx.store->ListCardFeedbackForCall(call_sid));
    for (const storage::CardFeedbackRecord& g : given) {
      if (g.card_id == card_id && g.action == f.action) return Earlier(g);
    }
    return Earlier();
  };
  auto earlier = first();
  if (!earlier.ok()) return ErrorFromStatus(earlier.status());
  if (earlier->has_value()) {
    return Json(json::object{{"feedback", FeedbackJson(**earlier)},
                             {"duplicate", true}});
  }
  // On a live call the guidance engine learns from it at once, emits
  // `guidance.feedback`, and names the card's category and approach (the
  // key later calls learn by); an ended call's card is stored as sent.
  // NotFound: the live call has no such card.
  if (ctx.live_feedback) {
    auto live =
        ctx.live_feedback(call_sid, card_id, storage::CardActionName(f.action));
    if (live.ok()) {
      f.category = live->category;
      f.kind = live->approach;
    } else if (live.status().code() == StatusCode::kNotFound) {
      return ErrorResponse(404, "not_found",
                           "call " + call_sid + " has no card " + card_id);
    } else if (live.status().code() != StatusCode::kFailedPrecondition) {
      return ErrorFromStatus(live.status());
    }
  }
  Status s = ctx.store->InsertCardFeedback(f);
  if (s.code() == StatusCode::kAlreadyExists) {
    // A concurrent retry got there first.
    earlier = first();
    if (earlier.ok() && earlier->has_value()) {
      return Json(json::object{{"feedback", FeedbackJson(**earlier)},
                               {"duplicate", true}});
    }
    return Json(
        json::object{{"feedback", FeedbackJson(f)}, {"duplicate", true}});
  }
  if (!s.ok()) return ErrorFromStatus(s);
  LogInfo("card.feedback", {F("call", call_sid), F("card", card_id),
                            F("action", storage::CardActionName(f.action))});
  HttpResponse r =
      Json(json::object{{"feedback", FeedbackJson(f)}, {"duplicate", false}});
  r.status = 201;
  return r;
}

// GET /api/calls/{sid}/cards/{card_id}/speech[?rate=8000|16000]: the card's
// earpiece form (guidance::SpokenHint) as a WAV file, for an agent who wants
// guidance in the ear. The card is read from the call's stored events, so
// it works during the call and after it.
HttpResponse GetCardSpeech(const HttpRequest& req, const RouteContext& ctx,
                           const std::string& call_sid,
                           const std::string& card_id) {
  if (!IsCardId(card_id)) {
    return ErrorResponse(400, "invalid_argument",
                         "card_id must be 1-128 characters of [A-Za-z0-9._-]");
  }
  int rate = 16000;
  if (auto it = req.query.find("rate"); it != req.query.end()) {
    if (it->second == "8000") {
      rate = 8000;
    } else if (it->second != "16000") {
      return ErrorResponse(400, "invalid_argument",
                           "rate must be 8000 or 16000");
    }
  }
  if (!ctx.speak_wav) {
    return ErrorResponse(503, "unavailable",
                         "text to speech is not available on this server");
  }
  auto call = ctx.store->GetCall(call_sid);
  if (!call.ok()) return ErrorFromStatus(call.status());
  std::optional<GuidanceCard> card;
  int64_t after = 0;
  for (;;) {
    auto page = ctx.store->ListEvents(call_sid, after, 1000);
    if (!page.ok()) return ErrorFromStatus(page.status());
    for (const auto& e : *page) {
      if (e.type != "guidance.card") continue;
      auto parsed = ParseEventData(e.type, e.payload_json);
      if (!parsed.ok()) continue;
      if (const auto* c = std::get_if<GuidanceCard>(&*parsed);
          c != nullptr && c->card_id == card_id) {
        card = *c;
      }
    }
    if (card || page->size() < 1000) break;
    after = page->back().seq;
  }
  if (!card) {
    return ErrorResponse(404, "not_found",
                         "call " + call_sid + " has no card " + card_id);
  }
  const std::string hint = guidance::SpokenHint(*card);
  if (hint.empty()) {
    return ErrorResponse(404, "not_found", "card " + card_id + " has no text");
  }
  auto wav = ctx.speak_wav(hint, rate);
  if (!wav.ok()) return ErrorFromStatus(wav.status());
  HttpResponse r;
  r.content_type = "audio/wav";
  r.body = std::move(*wav);
  r.headers["Cache-Control"] = "private, max-age=3600";
  return r;
}

// Routes below /api/calls/{sid}/ other than events: card feedback and the
// Twilio side of the call.
HttpResponse CallSubresource(const HttpRequest& req, const RouteContext& ctx,
                             const std::string& call_sid,
                             std::string_view rest) {
  constexpr std::string_view kCards = "cards/";
  constexpr std::string_view kFeedback = "/feedback";
  constexpr std::string_view kAlternative = "/alternative";
  if (rest.starts_with(kCards) && rest.ends_with(kAlternative) &&
      rest.size() > kCards.size() + kAlternative.size()) {
    if (req.method != "POST") {
      return ErrorResponse(405, "method_not_allowed",
                           "use POST on " + req.path);
    }
    std::string card(rest.substr(
        kCards.size(), rest.size() - kCards.size() - kAlternative.size()));
    if (!IsCardId(card)) {
      return ErrorResponse(
          400, "invalid_argument",
          "card_id must be 1-128 characters of [A-Za-z0-9._-]");
    }
    // The body is optional: {"user_id": "..."} names who asks.
    std::string user_id;
    if (!req.body.empty()) {
      boost::system::error_code ec;
      json::value v = json::parse(req.body, ec);
      if (ec || !v.is_object()) {
        return ErrorResponse(400, "invalid_argument",
                             "body must be empty or a JSON object");
      }
      if (const json::value* u = v.get_object().if_contains("user_id");
          u != nullptr && !u->is_null()) {
        if (!u->is_string() || u->get_string().size() > 256) {
          return ErrorResponse(400, "invalid_argument",
                               "user_id must be a short string");
        }
        user_id = std::string(u->get_string());
      }
    }
    auto call = ctx.store->GetCall(call_sid);
    if (!call.ok()) return ErrorFromStatus(call.status());
    if (Status same = CheckSameTenant(*ctx.store, *call, user_id); !same.ok()) {
      return ErrorFromStatus(same);
    }
    if (!ctx.request_alternative) {
      return ErrorResponse(404, "not_found", "the call is not live here");
    }
    auto alt = ctx.request_alternative(call_sid, card);
    if (!alt.ok()) return ErrorFromStatus(alt.status());
    HttpResponse r = Json(json::parse(EventDataJson(*alt)).as_object());
    r.status = 201;
    return r;
  }
  if (rest.starts_with(kCards) && rest.ends_with(kFeedback) &&
      rest.size() > kCards.size() + kFeedback.size()) {
    if (req.method != "POST") {
      return ErrorResponse(405, "method_not_allowed",
                           "use POST on " + req.path);
    }
    std::string card(rest.substr(
        kCards.size(), rest.size() - kCards.size() - kFeedback.size()));
    return PostCardFeedback(req, ctx, call_sid, card);
  }
  if (req.method != "GET" && req.method != "HEAD") {
    return ErrorResponse(405, "method_not_allowed",
                         "only GET is supported on " + req.path);
  }
  constexpr std::string_view kSpeech = "/speech";
  if (rest.starts_with(kCards) && rest.ends_with(kSpeech) &&
      rest.size() > kCards.size() + kSpeech.size()) {
    return GetCardSpeech(
        req, ctx, call_sid,
        std::string(rest.substr(kCards.size(),
                                rest.size() - kCards.size() - kSpeech.size())));
  }
  if (rest == "feedback") {
    auto list = ctx.store->ListCardFeedbackForCall(call_sid);
    if (!list.ok()) return ErrorFromStatus(list.status());
    json::array arr;
    for (const auto& f : *list) arr.push_back(FeedbackJson(f));
    return Json(json::object{{"feedback", std::move(arr)}});
  }
  if (rest == "twilio") {
    auto leg = ctx.store->GetTwilioCall(call_sid);
    if (!leg.ok() && leg.status().code() != StatusCode::kNotFound) {
      return ErrorFromStatus(leg.status());
    }
    auto recordings = ctx.store->ListRecordings(call_sid);
    if (!recordings.ok()) return ErrorFromStatus(recordings.status());
    if (!leg.ok() && recordings->empty()) {
      return ErrorResponse(404, "not_found",
                           "Twilio knows nothing of call " + call_sid);
    }
    json::array arr;
    for (const auto& r : *recordings) arr.push_back(RecordingJson(r));
    return Json(json::object{
        {"twilio", leg.ok() ? json::value(LegJson(*leg)) : json::value()},
        {"recordings", std::move(arr)}});
  }
  return ErrorResponse(404, "not_found", "no such route: " + req.path);
}

}  // namespace

HttpResponse ErrorFromStatus(const Status& s) {
  return ErrorResponse(HttpStatusFor(s), ErrorCode(s.code()), s.message());
}

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

bool IsCardSpeechRoute(std::string_view method, std::string_view path) {
  return (method == "GET" || method == "HEAD") &&
         path.starts_with("/api/calls/") && path.ends_with("/speech") &&
         path.find("/cards/") != std::string_view::npos;
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
  constexpr std::string_view kCalls = "/api/calls/";
  if (p.starts_with(kCalls) && ctx.store != nullptr) {
    // /api/calls/{sid}/{cards/{id}/feedback | feedback | twilio}
    std::string_view rest = std::string_view(p).substr(kCalls.size());
    const size_t slash = rest.find('/');
    if (slash != std::string_view::npos && slash > 0 &&
        rest.substr(slash + 1) != "events") {
      return CallSubresource(req, ctx, std::string(rest.substr(0, slash)),
                             rest.substr(slash + 1));
    }
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
    if (!calls.ok()) return ErrorFromStatus(calls.status());
    json::array arr;
    for (const auto& c : *calls) arr.push_back(CallJson(c, false));
    return Json(json::object{{"calls", std::move(arr)}});
  }
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
    if (!call.ok()) return ErrorFromStatus(call.status());
    if (!events) {
      json::object o = CallJson(*call, true);
      json::array recordings;
      if (auto list = ctx.store->ListRecordings(rest); list.ok()) {
        for (const auto& r : *list) recordings.push_back(RecordingJson(r));
      }
      o["recordings"] = std::move(recordings);
      if (auto leg = ctx.store->GetTwilioCall(rest); leg.ok()) {
        o["twilio"] = LegJson(*leg);
      }
      return Json(std::move(o));
    }
    int after = QueryInt(req, "after_seq", 0, 0, 1 << 30);
    auto list = ctx.store->ListEvents(rest, after);
    if (!list.ok()) return ErrorFromStatus(list.status());
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
