// The Sales Copilot server: HTTP + WebSocket on one port (Boost.Beast).
//
//   ServerDeps deps{store, recognizer, &pool};
//   SC_ASSIGN_OR_RETURN(auto server, Server::Start(options, deps));
//   ... server->port() ...
//   server->Stop();   // finalizes calls still streaming
//
// Endpoints (docs/http-api.md, docs/events.md, docs/media-stream.md):
//   WS  /api/twilio-calls/media-stream   Twilio Media Streams (both tracks)
//   WS  /api/live[?call_sid=CA...]       live call events (history first)
//   GET /, /healthz, /api/calls, /api/calls/{sid}, /api/calls/{sid}/events
//   POST /api/twilio-calls/{twiml,status,recording,dial-action,voicemail}
//                                        Twilio webhooks (docs/twilio.md)
//   GET /api/twilio/token                Voice SDK access token
//   POST /api/calls/{sid}/cards/{card_id}/feedback
//
// Twilio webhooks and the media-stream upgrade must carry a valid
// X-Twilio-Signature (TwilioServerOptions); unsigned or forged ones get 403.
//
// Network I/O runs on `io_threads` threads; recognition runs on the worker
// pool; nothing CPU-heavy runs on the network threads.
// Thread-safety: Start/Stop from one thread; port() from any.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "core/status.h"
#include "pipeline/pipeline.h"
#include "speech/remote/remote_transcriber.h"
#include "storage/store.h"
#include "tts/tts.h"

namespace sc::server {

// Whether Twilio's X-Twilio-Signature is required on webhooks and on the
// media-stream WebSocket upgrade.
enum class SignatureCheck {
  kEnforce,                 // Unsigned or forged requests get 403.
  kDisabledForDevelopment,  // Anything is accepted; a warning is logged at
                            // start-up. Never in production.
};

// What an inbound call does when the user's browser does not answer.
enum class NoAnswer { kVoicemail, kMessageOnly };

// Twilio Programmable Voice. Secrets (auth_token, api_key_secret,
// admin_token) are never logged.
struct TwilioServerOptions {
  std::string account_sid;     // TWILIO_ACCOUNT_SID (AC...).
  std::string auth_token;      // TWILIO_AUTH_TOKEN: signatures, REST.
  std::string api_key_sid;     // TWILIO_API_KEY_SID (SK...): tokens, REST.
  std::string api_key_secret;  // TWILIO_API_KEY_SECRET.
  std::string twiml_app_sid;   // TWILIO_TWIML_APP_SID (AP...): tokens.
  // The base URL Twilio reaches this server at (SALESCOPILOT_PUBLIC_URL),
  // e.g. "https://copilot.example.com"; signatures are checked against it
  // and TwiML points Twilio at it. Empty: "http://<bind>:<port>", which is
  // only right for local use.
  std::string public_base_url;
  SignatureCheck signature_check = SignatureCheck::kEnforce;
  // Twilio's REST API (recordings are fetched from it). Tests point it at a
  // local stand-in.
  std::string rest_base_url = "https://api.twilio.com";
  // Recordings are stored under this directory; empty: not fetched.
  std::string recordings_dir;
  int ring_timeout_seconds = 20;  // Inbound calls ring the browser this long.
  NoAnswer no_answer = NoAnswer::kVoicemail;
  // Bearer token that GET /api/twilio/token requires until user sessions
  // exist (SALESCOPILOT_ADMIN_TOKEN); empty: the endpoint answers 503.
  std::string admin_token;
  int64_t access_token_ttl_s = 3600;  // Voice SDK token lifetime.
  // Webhook form bodies larger than this are refused with 413 (Twilio's are
  // about 2 KB).
  size_t max_webhook_body_bytes = 64 * 1024;
};

struct ServerOptions {
  std::string bind_address = "127.0.0.1";
  int port = 8080;  // 0: any free port (see Server::port()).
  int io_threads = 1;
  // A WebSocket message larger than this closes that connection with 1009
  // ("message too big"); Twilio's media messages are about 300 bytes.
  size_t max_ws_message_bytes = 1 << 20;
  size_t max_http_body_bytes = 1 << 20;
  // A media stream that sends more consecutive rejected messages than this
  // (1 s of media) is closed with 1008 (policy violation); its call is
  // finalized.
  int max_bad_media_messages = 50;
  // Live subscriber queue: past this many queued messages partial
  // transcripts and metrics are dropped; past 8x the subscriber is closed.
  size_t live_queue_limit = 256;
  pipeline::PipelineOptions pipeline;
  TwilioServerOptions twilio;
};

struct ServerDeps {
  storage::Store* store = nullptr;                 // Required; not owned.
  std::shared_ptr<speech::Recognizer> recognizer;  // Required.
  pipeline::WorkerPool* pool = nullptr;            // Required; not owned.
  Clock* clock = &SystemClock();
  // Optional: writes each call's summary and follow-up email (docs/llm.md).
  // Not owned; must be thread-safe.
  llm::ChatClient* llm = nullptr;
  // Optional: runs end-of-call work (report, LLM) off the recognition
  // workers. Not owned. Default: `pool`.
  pipeline::WorkerPool* post_call_pool = nullptr;
  // Optional: re-transcribes each call's dual-channel recording once it is
  // fetched and replaces the call's analysis (pipeline/retranscription.h,
  // docs/operations.md "Re-transcription"). Not owned; thread-safe.
  const speech::RemoteTranscriber* retranscriber = nullptr;
  // Where re-transcription runs (network-bound, minutes per call). Not
  // owned. Default: post_call_pool, else `pool`.
  pipeline::WorkerPool* retranscribe_pool = nullptr;
  // Optional: speaks guidance cards for the earpiece
  // (GET /api/calls/{sid}/cards/{id}/speech). Not owned; thread-safe.
  tts::Synthesizer* tts = nullptr;
  // Optional: the keyphrase spotter on prospect tracks
  // (PipelineContext::spotter).
  std::shared_ptr<speech::KeywordSpotter> spotter;
};

class Server {
 public:
  // Binds and starts serving. Unavailable when the port cannot be bound.
  static StatusOr<std::unique_ptr<Server>> Start(const ServerOptions& options,
                                                 const ServerDeps& deps);
  ~Server();  // Calls Stop().
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const;
  int active_calls() const;
  // Stops accepting; asks each open media stream to end its call (reason
  // "disconnect", with the stream's statistics) and close with 1001; stops
  // the network threads and waits until every call it started is finalized.
  // Other connections are dropped without a close frame. Idempotent.
  void Stop();
  // Blocks until Stop() is called from another thread or a signal handler
  // path calls Stop().
  void Wait();

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sc::server
