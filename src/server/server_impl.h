// Internal to src/server: the server's shared state (Server::Impl) and the
// WebSocket sessions' entry points, so the plain-HTTP session
// (http_server.cc) and the WebSocket sessions (ws_sessions.cc) can live in
// their own files. Boost.Beast is confined to these files and ws_client.cc.
#pragma once

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "pipeline/retranscription.h"
#include "server/live_hub.h"
#include "server/routes.h"
#include "server/server.h"
#include "server/twilio_routes.h"
#include "server/twilio_runtime.h"

namespace sc::server {
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// A media-stream session the server can ask to end its call and close.
class MediaSessionHandle {
 public:
  virtual ~MediaSessionHandle() = default;
  // Thread-safe: posts the shutdown to the session's own strand.
  virtual void PostShutdown() = 0;
  // Thread-safe: Twilio reported the call completed; end the call now with
  // this stream's statistics and close the stream normally.
  virtual void PostCallCompleted() = 0;
};

struct Server::Impl {
  ServerOptions options;
  ServerDeps deps;
  LiveHub hub;
  pipeline::CallRegistry registry;
  std::unique_ptr<pipeline::StoreCallSettings> settings;
  pipeline::PipelineContext pipeline_ctx;
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::vector<std::thread> threads;
  int port = 0;

  std::mutex mu;
  bool stopped = false;        // GUARDED_BY(mu)
  std::condition_variable cv;  // Signals `stopped` and changes of `calls`.
  // Calls whose media stream is open. GUARDED_BY(mu)
  std::map<std::string, std::shared_ptr<pipeline::CallProcessor>> calls;
  // Calls whose stream ended; they may still be finalizing on the workers,
  // and Stop() waits for them before the hub goes away. GUARDED_BY(mu)
  std::vector<std::shared_ptr<pipeline::CallProcessor>> finishing;
  std::vector<std::weak_ptr<MediaSessionHandle>>
      media_sessions;  // GUARDED_BY(mu)
  // The session streaming each call in `calls`. GUARDED_BY(mu)
  std::map<std::string, std::weak_ptr<MediaSessionHandle>> call_sessions;
  // Requests running on a worker pool (the card speech route); Stop()
  // waits for them, since they use this state. GUARDED_BY(mu)
  int offloaded_requests = 0;
  // Post-call re-transcription (null when not configured). Declared before
  // `twilio`, whose fetcher feeds it, so it outlives the fetcher.
  std::unique_ptr<pipeline::PostCallRetranscriber> retranscriber;
  // Set once in Start, before any session exists.
  std::unique_ptr<TwilioRuntime> twilio;

  int ActiveCalls() {
    std::lock_guard<std::mutex> lock(mu);
    return static_cast<int>(calls.size());
  }
  void CallStreaming(const std::shared_ptr<pipeline::CallProcessor>& call,
                     std::weak_ptr<MediaSessionHandle> session) {
    std::lock_guard<std::mutex> lock(mu);
    calls[call->call_sid()] = call;
    call_sessions[call->call_sid()] = std::move(session);
    std::erase_if(finishing, [](const auto& c) { return c->finalized(); });
  }
  void CallStreamEnded(const std::shared_ptr<pipeline::CallProcessor>& call) {
    std::lock_guard<std::mutex> lock(mu);
    if (calls.erase(call->call_sid()) > 0) finishing.push_back(call);
    call_sessions.erase(call->call_sid());
    cv.notify_all();
  }
  // Ends the call's analysis if its media stream is still open.
  bool EndStreamingCall(const std::string& call_sid) {
    std::shared_ptr<MediaSessionHandle> session;
    {
      std::lock_guard<std::mutex> lock(mu);
      auto it = call_sessions.find(call_sid);
      if (it != call_sessions.end()) session = it->second.lock();
    }
    if (!session) return false;
    session->PostCallCompleted();
    return true;
  }
  TwilioRouteContext TwilioContext() {
    TwilioRouteContext ctx;
    ctx.store = deps.store;
    ctx.options = &twilio->options;
    ctx.clock = deps.clock;
    ctx.actions.end_streaming_call = [this](const std::string& sid) {
      return EndStreamingCall(sid);
    };
    ctx.actions.fetch_recording = [this](const RecordingJob& job) {
      return twilio->fetcher != nullptr && twilio->fetcher->Enqueue(job);
    };
    return ctx;
  }
  // The context of the product's own routes (routes.h) on this server.
  RouteContext AppContext();
  void Accept();
};

// The WebSocket sessions (ws_sessions.cc), started on an accepted upgrade:
// Twilio's media stream (already signature-checked) and the live events of
// one call (`call_sid`) or of every call (empty).
void StartMediaStreamWs(tcp::socket&& socket, Server::Impl& server,
                        http::request<http::string_body> req);
void StartLiveWs(tcp::socket&& socket, Server::Impl& server,
                 std::string call_sid, http::request<http::string_body> req);

}  // namespace sc::server
