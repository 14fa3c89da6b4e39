// Boost.Beast lives here and in ws_client.cc only: listener, HTTP session,
// media-stream WebSocket session and live-events WebSocket session, after
// the shape of Beast's chat-multi example (one write in flight per session,
// broadcast by snapshot).
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include "audio/wav.h"
#include "core/log.h"
#include "events/event_json.h"
#include "pipeline/retranscription.h"
#include "server/live_hub.h"
#include "server/routes.h"
#include "server/server.h"
#include "server/twilio_routes.h"
#include "server/twilio_runtime.h"
#include "telephony/twilio/media_stream.h"

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
  void Accept();
};

namespace {

std::string_view BufferView(const beast::flat_buffer& b) {
  return {static_cast<const char*>(b.data().data()), b.size()};
}

// ---- Media stream: Twilio -> pipeline --------------------------------------

class MediaStreamWs : public MediaSessionHandle,
                      public std::enable_shared_from_this<MediaStreamWs> {
 public:
  MediaStreamWs(tcp::socket&& socket, Server::Impl& server)
      : ws_(std::move(socket)), server_(server) {}

  void PostShutdown() override {
    net::post(ws_.get_executor(), [self = shared_from_this()] {
      // Server stopping: end the call with this stream's own statistics,
      // then say goodbye (1001).
      self->parser_.OnDisconnect(self->ingress_);
      self->Dispatch();
      self->ws_.async_close(websocket::close_code::going_away,
                            [self](beast::error_code) {});
    });
  }

  void PostCallCompleted() override {
    net::post(ws_.get_executor(), [self = shared_from_this()] {
      if (!self->call_ || self->parser_.ended()) return;
      MediaStats stats = self->parser_.stats();
      stats.bad_frames += self->binary_rejected_;
      self->call_->End(EndReason::kStop, stats);
      self->server_.CallStreamEnded(self->call_);
      self->ws_.async_close(
          websocket::close_reason(websocket::close_code::normal,
                                  "call completed"),
          [self](beast::error_code) {});
    });
  }

  void Run(http::request<http::string_body> req) {
    {
      std::lock_guard<std::mutex> lock(server_.mu);
      std::erase_if(server_.media_sessions,
                    [](const auto& w) { return w.expired(); });
      server_.media_sessions.push_back(weak_from_this());
    }
    ws_.set_option(
        websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.read_message_max(server_.options.max_ws_message_bytes);
    ws_.async_accept(req, beast::bind_front_handler(&MediaStreamWs::OnAccept,
                                                    shared_from_this()));
  }

 private:
  void OnAccept(beast::error_code ec) {
    if (ec) {
      LogWarn("media.accept_failed", {F("error", ec.message())});
      return;
    }
    LogInfo("media.connected");
    DoRead();
  }

  void DoRead() {
    ws_.async_read(buffer_, beast::bind_front_handler(&MediaStreamWs::OnRead,
                                                      shared_from_this()));
  }

  void OnRead(beast::error_code ec, size_t) {
    if (ec) {
      if (ec == websocket::error::message_too_big) {
        LogWarn("media.message_too_big",
                {F("call", parser_.call_sid()),
                 F("limit", static_cast<uint64_t>(
                                server_.options.max_ws_message_bytes))});
      } else if (ec != websocket::error::closed) {
        LogInfo("media.connection_lost",
                {F("call", parser_.call_sid()), F("error", ec.message())});
      }
      parser_.OnDisconnect(ingress_);
      Dispatch();
      return;
    }
    Status st;
    if (!ws_.got_text()) {
      ++binary_rejected_;
      st = InvalidArgument("binary frame; Twilio media streams send JSON text");
    } else {
      st = parser_.OnMessage(BufferView(buffer_), ingress_);
    }
    buffer_.consume(buffer_.size());
    if (st.ok()) {
      consecutive_bad_ = 0;
    } else if (!OnRejected(st)) {
      return;
    }
    if (call_ && parser_.stats().sequence_gaps > gaps_reported_) {
      if (gaps_reported_ == 0) {
        call_->RaiseAlert(0,
                          Alert{"sequence_gap",
                                "media messages are missing or out of order"});
      }
      gaps_reported_ = parser_.stats().sequence_gaps;
    }
    if (!Dispatch()) return;
    DoRead();
  }

  // Logs a rejected message (the first 10 of a stream, then every 100th)
  // and applies the close policy (docs/media-stream.md). False when the
  // stream is being closed.
  bool OnRejected(const Status& st) {
    ++bad_;
    ++consecutive_bad_;
    if (bad_ <= 10 || bad_ % 100 == 0) {
      LogWarn("media.message_rejected",
              {F("call", parser_.call_sid()), F("error", st.ToString()),
               F("rejected", bad_)});
    }
    if (bad_ == 1 && call_) {
      call_->RaiseAlert(
          0, Alert{"media_error", "a media message was rejected: " +
                                      std::string(StatusCodeName(st.code()))});
    }
    if (consecutive_bad_ > server_.options.max_bad_media_messages) {
      LogWarn("media.stream_closed_policy",
              {F("call", parser_.call_sid()), F("rejected", bad_)});
      Close(websocket::close_code::policy_error, "too many invalid messages");
      return false;
    }
    return true;
  }

  // Hands parsed events to the pipeline. False when the stream was closed.
  bool Dispatch() {
    bool open = true;
    for (Ingress& in : ingress_) {
      if (auto* started = std::get_if<CallStarted>(&in)) {
        auto call = pipeline::CallProcessor::Start(
            *started, server_.options.pipeline, server_.pipeline_ctx);
        if (!call.ok()) {
          LogError("media.call_start_failed",
                   {F("call", started->call_sid),
                    F("error", call.status().ToString())});
          Close(websocket::close_code::internal_error,
                "call could not start: " + call.status().message());
          open = false;
          break;
        }
        call_ = std::move(call).value();
        server_.CallStreaming(call_, weak_from_this());
      } else if (auto* chunk = std::get_if<AudioChunk>(&in)) {
        if (call_) call_->PushAudio(std::move(*chunk));
      } else if (auto* dtmf = std::get_if<Dtmf>(&in)) {
        if (call_) call_->PushDtmf(*dtmf);
      } else if (auto* ended = std::get_if<CallEnded>(&in)) {
        if (call_) {
          MediaStats stats = parser_.stats();
          stats.bad_frames += binary_rejected_;  // The parser never saw them.
          call_->End(ended->reason, stats);
          server_.CallStreamEnded(call_);
        }
      }
    }
    ingress_.clear();
    return open;
  }

  void Close(websocket::close_code code, std::string reason) {
    if (reason.size() > 120) reason.resize(120);  // Close frames are small.
    ws_.async_close(websocket::close_reason(code, reason),
                    [self = shared_from_this()](beast::error_code) {
                      self->parser_.OnDisconnect(self->ingress_);
                      self->Dispatch();
                    });
  }

  websocket::stream<beast::tcp_stream> ws_;
  Server::Impl& server_;
  beast::flat_buffer buffer_;
  twilio::MediaStreamSession parser_;
  std::vector<Ingress> ingress_;
  std::shared_ptr<pipeline::CallProcessor> call_;
  int64_t bad_ = 0;
  int64_t binary_rejected_ = 0;
  int consecutive_bad_ = 0;
  int64_t gaps_reported_ = 0;
};

// ---- Live events: pipeline -> browser --------------------------------------

class LiveWs : public LiveSubscriber,
               public std::enable_shared_from_this<LiveWs> {
 public:
  LiveWs(tcp::socket&& socket, Server::Impl& server, std::string call_sid)
      : ws_(std::move(socket)),
        server_(server),
        call_sid_(std::move(call_sid)) {}

  void Run(http::request<http::string_body> req) {
    ws_.set_option(
        websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.read_message_max(64 * 1024);
    ws_.async_accept(
        req, beast::bind_front_handler(&LiveWs::OnAccept, shared_from_this()));
  }

  void Deliver(const LiveMessage& msg) override {
    net::post(ws_.get_executor(),
              [self = shared_from_this(), msg] { self->Enqueue(msg); });
  }

 private:
  void OnAccept(beast::error_code ec) {
    if (ec) return;
    // Subscribe first, then send history: live messages that arrive in
    // between queue behind it and those already in the history are skipped.
    server_.hub.Subscribe(call_sid_, shared_from_this());
    if (!call_sid_.empty()) {
      auto events = server_.deps.store->ListEvents(call_sid_);
      if (events.ok()) {
        for (const auto& e : *events) {
          queue_.push_back(LiveMessage{
              e.call_sid, e.seq, false,
              std::make_shared<const std::string>(
                  EnvelopeJsonFromStored(e.type, e.call_sid, e.seq, e.at_ms,
                                         e.wall_ms, e.payload_json))});
          history_seq_ = e.seq;
        }
        history_queued_ = queue_.size();
      }
    }
    if (!queue_.empty()) Write();
    DoRead();
  }

  void DoRead() {
    ws_.async_read(
        in_, [self = shared_from_this()](beast::error_code ec, size_t) {
          if (ec) {
            self->closed_ = true;
            self->server_.hub.Unsubscribe(self.get());
            return;
          }
          self->in_.consume(
              self->in_.size());  // Client messages: none defined yet.
          self->DoRead();
        });
  }

  void Enqueue(const LiveMessage& msg) {
    if (closed_) return;
    if (!call_sid_.empty() && msg.seq <= history_seq_) return;
    // History being caught up does not count against the live bound.
    const size_t live_queued = queue_.size() - history_queued_;
    const size_t limit = server_.options.live_queue_limit;
    if (live_queued >= limit && msg.droppable) {
      ++dropped_;
      return;
    }
    if (live_queued >= limit * 8) {
      LogWarn("live.slow_subscriber_closed", {F("call", call_sid_)});
      closed_ = true;
      server_.hub.Unsubscribe(this);
      ws_.async_close(websocket::close_code::try_again_later,
                      [self = shared_from_this()](beast::error_code) {});
      return;
    }
    queue_.push_back(msg);
    if (queue_.size() == 1) Write();
  }

  void Write() {
    ws_.text(true);
    ws_.async_write(net::buffer(*queue_.front().json),
                    [self = shared_from_this()](beast::error_code ec, size_t) {
                      if (ec) {
                        self->closed_ = true;
                        self->server_.hub.Unsubscribe(self.get());
                        return;
                      }
                      self->queue_.pop_front();
                      if (self->history_queued_ > 0) --self->history_queued_;
                      if (!self->queue_.empty()) self->Write();
                    });
  }

  websocket::stream<beast::tcp_stream> ws_;
  Server::Impl& server_;
  std::string call_sid_;
  beast::flat_buffer in_;
  std::deque<LiveMessage> queue_;
  int64_t history_seq_ = 0;
  size_t history_queued_ = 0;  // Leading queue entries that are history.
  int64_t dropped_ = 0;
  bool closed_ = false;
};

// ---- Plain HTTP -------------------------------------------------------------

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, Server::Impl& server)
      : stream_(std::move(socket)), server_(server) {}

  void Run() {
    net::dispatch(
        stream_.get_executor(),
        beast::bind_front_handler(&HttpSession::DoRead, shared_from_this()));
  }

 private:
  void DoRead() {
    parser_.emplace();
    parser_->body_limit(server_.options.max_http_body_bytes);
    stream_.expires_after(std::chrono::seconds(30));
    http::async_read(
        stream_, buffer_, *parser_,
        beast::bind_front_handler(&HttpSession::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, size_t) {
    if (ec == http::error::end_of_stream) {
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
      return;
    }
    if (ec == http::error::body_limit) {
      return Send(
          ErrorResponse(413, "payload_too_large", "request body too large"),
          false, 11);
    }
    if (ec) {
      if (ec != beast::error::timeout) {
        LogInfo("http.read_failed", {F("error", ec.message())});
      }
      return;
    }
    http::request<http::string_body> req = parser_->release();
    std::string target(req.target());
    size_t q = target.find('?');
    std::string path = target.substr(0, q);
    auto query = ParseQuery(q == std::string::npos
                                ? std::string_view()
                                : std::string_view(target).substr(q + 1));
    HttpRequest r;
    r.method = std::string(req.method_string());
    r.path = path;
    r.target = std::move(target);
    r.query = std::move(query);
    for (const auto& field : req) {
      std::string name(field.name_string());
      for (char& c : name)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      r.headers[name] = std::string(field.value());
    }
    if (websocket::is_upgrade(req)) {
      stream_.expires_never();
      if (path == "/api/twilio-calls/media-stream") {
        // Twilio signs the upgrade; refuse it before any WebSocket exists.
        Status signed_ok = CheckMediaStreamUpgrade(r, server_.twilio->options);
        if (!signed_ok.ok()) {
          LogWarn("twilio.signature_rejected",
                  {F("path", path), F("error", signed_ok.ToString())});
          return Send(ErrorResponse(403, "forbidden",
                                    "X-Twilio-Signature missing or invalid"),
                      false, req.version());
        }
        std::make_shared<MediaStreamWs>(stream_.release_socket(), server_)
            ->Run(std::move(req));
        return;
      }
      if (path == "/api/live") {
        std::make_shared<LiveWs>(
            stream_.release_socket(), server_,
            r.query.count("call_sid") ? r.query["call_sid"] : "")
            ->Run(std::move(req));
        return;
      }
      return Send(
          ErrorResponse(404, "not_found", "no WebSocket endpoint at " + path),
          false, req.version());
    }
    r.body = std::move(req.body());
    HttpResponse resp;
    if (IsTwilioRoute(path)) {
      resp = RouteTwilio(r, server_.TwilioContext());
    } else {
      RouteContext ctx;
      ctx.store = server_.deps.store;
      ctx.clock = server_.deps.clock;
      ctx.active_calls = [this] { return server_.ActiveCalls(); };
      pipeline::CallRegistry* calls = &server_.registry;
      ctx.request_alternative =
          [calls](const std::string& sid,
                  const std::string& card) -> StatusOr<GuidanceCard> {
        auto call = calls->Find(sid);
        if (!call) return NotFound("the call is not live here");
        return call->RequestAlternative(card);
      };
      ctx.live_feedback =
          [calls](const std::string& sid, const std::string& card,
                  const std::string& action) -> StatusOr<CardFeedback> {
        auto call = calls->Find(sid);
        // Not NotFound: that means "no such card" on a live call.
        if (!call) return FailedPrecondition("the call is not live here");
        auto parsed = guidance::ParseFeedbackAction(action);
        if (!parsed) return InvalidArgument("unknown feedback action");
        return call->GiveFeedback(card, *parsed);
      };
      if (tts::Synthesizer* tts = server_.deps.tts) {
        ctx.speak_wav = [tts](const std::string& text,
                              int rate) -> StatusOr<std::string> {
          SC_ASSIGN_OR_RETURN(tts::Speech s, tts->Speak(text, rate));
          return audio::EncodeWav(s.samples, s.sample_rate);
        };
      }
      resp = Route(r, ctx);
    }
    if (r.method == "HEAD") resp.body.clear();
    Send(std::move(resp), req.keep_alive(), req.version());
  }

  void Send(HttpResponse resp, bool keep_alive, unsigned version) {
    auto res = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(resp.status), version);
    res->set(http::field::server, "salescopilot");
    res->set(http::field::content_type, resp.content_type);
    for (const auto& [k, v] : resp.headers) res->set(k, v);
    res->keep_alive(keep_alive);
    res->body() = std::move(resp.body);
    res->prepare_payload();
    http::async_write(stream_, *res,
                      [self = shared_from_this(), res, keep_alive](
                          beast::error_code ec, size_t) {
                        if (ec) return;
                        if (!keep_alive) {
                          beast::error_code ignored;
                          self->stream_.socket().shutdown(
                              tcp::socket::shutdown_send, ignored);
                          return;
                        }
                        self->DoRead();
                      });
  }

  beast::tcp_stream stream_;
  Server::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
};

}  // namespace

void Server::Impl::Accept() {
  acceptor.async_accept(
      net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
        if (ec) {
          if (ec != net::error::operation_aborted) {
            LogWarn("http.accept_failed", {F("error", ec.message())});
            Accept();
          }
          return;
        }
        std::make_shared<HttpSession>(std::move(socket), *this)->Run();
        Accept();
      });
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { Stop(); }

StatusOr<std::unique_ptr<Server>> Server::Start(const ServerOptions& options,
                                                const ServerDeps& deps) {
  if (deps.store == nullptr || !deps.recognizer || deps.pool == nullptr) {
    return InvalidArgument(
        "server needs a store, a recognizer and a worker pool");
  }
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->deps = deps;
  impl->pipeline_ctx.recognizer = deps.recognizer;
  impl->pipeline_ctx.store = deps.store;
  impl->pipeline_ctx.pool = deps.pool;
  impl->pipeline_ctx.spotter = deps.spotter;
  impl->pipeline_ctx.clock = deps.clock;
  impl->pipeline_ctx.sinks = {&impl->hub};
  impl->settings = std::make_unique<pipeline::StoreCallSettings>(deps.store);
  impl->pipeline_ctx.settings = impl->settings.get();
  impl->pipeline_ctx.registry = &impl->registry;
  impl->pipeline_ctx.llm = deps.llm;
  impl->pipeline_ctx.post_call_pool = deps.post_call_pool;
  beast::error_code ec;
  auto address = net::ip::make_address(options.bind_address, ec);
  if (ec) return InvalidArgument("bad bind address: " + options.bind_address);
  tcp::endpoint endpoint(address, static_cast<unsigned short>(options.port));
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Unavailable("cannot listen on " + options.bind_address + ":" +
                       std::to_string(options.port) + ": " + ec.message());
  }
  impl->port = impl->acceptor.local_endpoint().port();
  RecordingFetcherOptions fetcher_options;
  if (deps.retranscriber != nullptr) {
    pipeline::RetranscriberDeps rd;
    rd.store = deps.store;
    rd.transcriber = deps.retranscriber;
    rd.pool = deps.retranscribe_pool != nullptr ? deps.retranscribe_pool
              : deps.post_call_pool != nullptr  ? deps.post_call_pool
                                                : deps.pool;
    rd.sinks = {&impl->hub};
    rd.clock = deps.clock;
    rd.llm = deps.llm;
    impl->retranscriber =
        std::make_unique<pipeline::PostCallRetranscriber>(std::move(rd));
    fetcher_options.on_stored =
        [rt = impl->retranscriber.get()](const storage::RecordingRecord& r) {
          rt->OnRecordingStored(r);
        };
  }
  SC_ASSIGN_OR_RETURN(
      impl->twilio,
      MakeTwilioRuntime(options.twilio, options.bind_address, impl->port,
                        deps.store, deps.clock, std::move(fetcher_options)));
  impl->Accept();
  for (int i = 0; i < std::max(1, options.io_threads); ++i) {
    impl->threads.emplace_back([io = &impl->ioc] { io->run(); });
  }
  LogInfo("server.listening",
          {F("address", options.bind_address), F("port", impl->port)});
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::port() const { return impl_->port; }

int Server::active_calls() const { return impl_->ActiveCalls(); }

void Server::Stop() {
  std::vector<std::weak_ptr<MediaSessionHandle>> sessions;
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    if (impl_->stopped) return;
    impl_->stopped = true;
    sessions = impl_->media_sessions;
  }
  impl_->cv.notify_all();
  net::post(impl_->ioc, [this] {
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
  });
  // Let each open media stream end its call with its own statistics.
  for (const auto& w : sessions) {
    if (auto s = w.lock()) s->PostShutdown();
  }
  {
    std::unique_lock<std::mutex> lock(impl_->mu);
    impl_->cv.wait_for(lock, std::chrono::seconds(5),
                       [this] { return impl_->calls.empty(); });
  }
  impl_->ioc.stop();
  for (auto& t : impl_->threads) t.join();
  impl_->threads.clear();
  std::map<std::string, std::shared_ptr<pipeline::CallProcessor>> calls;
  std::vector<std::shared_ptr<pipeline::CallProcessor>> finishing;
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    calls.swap(impl_->calls);
    finishing.swap(impl_->finishing);
  }
  for (auto& [sid, call] : calls) {
    LogWarn("server.call_ended_without_stats", {F("call", sid)});
    call->End(EndReason::kDisconnect, MediaStats{});
    finishing.push_back(call);
  }
  // The calls emit into the hub until they are finalized: wait for all.
  for (auto& call : finishing) call->WaitFinalized();
  if (impl_->twilio->fetcher) impl_->twilio->fetcher->Stop();
  // After the fetcher, which feeds it; before the hub goes away.
  if (impl_->retranscriber) impl_->retranscriber->Stop();
  LogInfo("server.stopped",
          {F("finalized_calls", static_cast<uint64_t>(finishing.size()))});
}

void Server::Wait() {
  std::unique_lock<std::mutex> lock(impl_->mu);
  impl_->cv.wait(lock, [this] { return impl_->stopped; });
}

}  // namespace sc::server
