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
#include "storage/store.h"

namespace sc::server {

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
};

struct ServerDeps {
  storage::Store* store = nullptr;                 // Required; not owned.
  std::shared_ptr<speech::Recognizer> recognizer;  // Required.
  pipeline::WorkerPool* pool = nullptr;            // Required; not owned.
  Clock* clock = &SystemClock();
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
