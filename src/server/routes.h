// HTTP routes as pure functions from a parsed request to a response
// (docs/http-api.md). The Beast layer parses, calls Route(), and writes.
//
// Thread-safety: Route() may run on any thread; it reads the store, stores
// card feedback and reaches live calls only through the context's functions.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "events/events.h"
#include "storage/store.h"

namespace sc::server {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // Without the query string.
  std::string target;  // As received: path and "?query", byte for byte.
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
  const Clock* clock = &SystemClock();  // Wall time of card feedback.
  // Number of calls currently streaming (for /healthz).
  std::function<int()> active_calls;
  // The live call's guidance engine (pipeline::CallRegistry): NotFound when
  // the call is not streaming here. Optional.
  std::function<StatusOr<GuidanceCard>(const std::string& call_sid,
                                       const std::string& card_id)>
      request_alternative;
  // Feedback on a live call's card: NotFound when the live call has no such
  // card, FailedPrecondition when the call is not live here (the feedback is
  // then stored as sent). Optional.
  std::function<StatusOr<CardFeedback>(const std::string& call_sid,
                                       const std::string& card_id,
                                       const std::string& action)>
      live_feedback;
  // Speaks `text` as a mono WAV file at `sample_rate` (8000 or 16000) for
  // earpiece guidance (tts::Synthesizer). Optional: without it the card
  // speech route answers 503.
  std::function<StatusOr<std::string>(const std::string& text, int sample_rate)>
      speak_wav;
};

HttpResponse Route(const HttpRequest& request, const RouteContext& context);

// Whether a request goes to the card speech route (GET or HEAD
// /api/calls/{sid}/cards/{id}/speech), which synthesizes audio: the server
// runs it off its network threads.
bool IsCardSpeechRoute(std::string_view method, std::string_view path);

// Splits "a=1&b=x%20y" into a map, percent-decoding keys and values.
std::map<std::string, std::string> ParseQuery(std::string_view query);

// {"error":{"code":"not_found","message":"..."}}
HttpResponse ErrorResponse(int status, std::string_view code,
                           std::string_view message);
// The error response for a Status: NotFound 404, InvalidArgument 400,
// AlreadyExists 409, FailedPrecondition 409, PermissionDenied 403,
// Unauthenticated 401, Unavailable 503, anything else 500; the code is the
// Status code in snake_case.
HttpResponse ErrorFromStatus(const Status& status);

}  // namespace sc::server
