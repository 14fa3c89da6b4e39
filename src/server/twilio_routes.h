// Twilio's webhooks and the Voice SDK token, as pure functions from a parsed
// request to a response (docs/twilio.md "Endpoints and configuration",
// docs/http-api.md). The Beast layer (http_server.cc) parses, calls these,
// and performs the actions they ask for (ending a streaming call, fetching a
// recording) off the network thread.
//
//   POST /api/twilio-calls/twiml        voice webhook -> TwiML
//   POST /api/twilio-calls/status       call status callback -> 204
//   POST /api/twilio-calls/recording    recording status callback -> 204
//   POST|GET /api/twilio-calls/dial-action   after <Dial> -> TwiML
//   POST /api/twilio-calls/voicemail    after <Record> -> TwiML
//   GET  /api/twilio/token?user_id=U    Voice SDK access token (JSON)
//
// Every webhook is checked against X-Twilio-Signature over the public URL
// (options.public_base_url + the request target) before anything else runs;
// unsigned or forged: 403 and a `twilio.signature_rejected` log line. Form
// bodies are parsed strictly: not form-encoded 415, larger than
// options.max_webhook_body_bytes 413, bad encoding 400; a callback missing a
// required parameter 400 naming it. Voice decisions never fail: an unknown
// number or user gets TwiML that says so and hangs up.
//
// Thread-safety: the functions may run on any thread; they use the store
// (thread-safe) and the context's actions (which must be thread-safe).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/status.h"
#include "server/routes.h"
#include "server/server.h"
#include "storage/store.h"
#include "telephony/twilio/recording_fetch.h"

namespace sc::server {

// A recording Twilio has finished, to be fetched into the recording store.
struct RecordingJob {
  twilio::RecordingFacts facts;  // facts.tenant is the call's tenant.
};

// What the handlers ask the server to do. Each may be empty (tests).
struct TwilioActions {
  // The call completed at Twilio: if its media stream is still open, end the
  // call now (transcripts flushed, analysis built). True when it was open.
  std::function<bool(const std::string& call_sid)> end_streaming_call;
  // Fetch the recording into the recording store, off the network thread.
  // False when it could not be queued (no recording store, queue full).
  std::function<bool(const RecordingJob& job)> fetch_recording;
};

struct TwilioRouteContext {
  storage::Store* store = nullptr;  // Required.
  // REQUIRES: public_base_url set (the server fills in its own address when
  // the configuration leaves it empty).
  const TwilioServerOptions* options = nullptr;
  const Clock* clock = &SystemClock();
  TwilioActions actions;
};

// True for the paths RouteTwilio serves.
bool IsTwilioRoute(std::string_view path);

// REQUIRES: IsTwilioRoute(request.path); request.target is set.
HttpResponse RouteTwilio(const HttpRequest& request,
                         const TwilioRouteContext& context);

// Checks the media-stream WebSocket upgrade's X-Twilio-Signature over the
// public wss:// (or ws:// for an http base URL) URL of request.target. OK
// when it matches or the check is disabled; Unauthenticated otherwise (the
// message carries no secrets). Logs nothing: the caller logs and answers 403.
Status CheckMediaStreamUpgrade(const HttpRequest& request,
                               const TwilioServerOptions& options);

}  // namespace sc::server
