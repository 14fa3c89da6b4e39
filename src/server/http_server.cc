// The listener and the plain-HTTP session (Boost.Beast); the WebSocket
// sessions are in ws_sessions.cc, the shared state in server_impl.h.
#include "audio/wav.h"
#include "core/log.h"
#include "server/server_impl.h"

namespace sc::server {
namespace {

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
        StartMediaStreamWs(stream_.release_socket(), server_, std::move(req));
        return;
      }
      if (path == "/api/live") {
        StartLiveWs(stream_.release_socket(), server_,
                    r.query.count("call_sid") ? r.query["call_sid"] : "",
                    std::move(req));
        return;
      }
      return Send(
          ErrorResponse(404, "not_found", "no WebSocket endpoint at " + path),
          false, req.version());
    }
    r.body = std::move(req.body());
    const bool keep_alive = req.keep_alive();
    const unsigned version = req.version();
    if (IsTwilioRoute(path)) {
      return Respond(r, RouteTwilio(r, server_.TwilioContext()), keep_alive,
                     version);
    }
    if (IsCardSpeechRoute(r.method, path)) {
      // Synthesis takes tens of milliseconds of CPU: it runs on the
      // post-call workers, never on a network thread, and the response is
      // sent from this session's strand.
      pipeline::WorkerPool* pool = server_.deps.post_call_pool != nullptr
                                       ? server_.deps.post_call_pool
                                       : server_.deps.pool;
      {
        std::lock_guard<std::mutex> lock(server_.mu);
        ++server_.offloaded_requests;
      }
      pool->Post([self = shared_from_this(), r = std::move(r), keep_alive,
                  version]() mutable {
        HttpResponse resp = Route(r, self->server_.AppContext());
        {
          std::lock_guard<std::mutex> lock(self->server_.mu);
          --self->server_.offloaded_requests;
        }
        self->server_.cv.notify_all();
        net::post(self->stream_.get_executor(),
                  [self, r = std::move(r), resp = std::move(resp), keep_alive,
                   version]() mutable {
                    self->Respond(r, std::move(resp), keep_alive, version);
                  });
      });
      return;
    }
    Respond(r, Route(r, server_.AppContext()), keep_alive, version);
  }

  void Respond(const HttpRequest& r, HttpResponse resp, bool keep_alive,
               unsigned version) {
    if (r.method == "HEAD") resp.body.clear();
    Send(std::move(resp), keep_alive, version);
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

RouteContext Server::Impl::AppContext() {
  RouteContext ctx;
  ctx.store = deps.store;
  ctx.clock = deps.clock;
  ctx.active_calls = [this] { return ActiveCalls(); };
  pipeline::CallRegistry* calls = &registry;
  ctx.request_alternative =
      [calls](const std::string& sid,
              const std::string& card) -> StatusOr<GuidanceCard> {
    auto call = calls->Find(sid);
    if (!call) return NotFound("the call is not live here");
    return call->RequestAlternative(card);
  };
  ctx.live_feedback = [calls](
                          const std::string& sid, const std::string& card,
                          const std::string& action) -> StatusOr<CardFeedback> {
    auto call = calls->Find(sid);
    // Not NotFound: that means "no such card" on a live call.
    if (!call) return FailedPrecondition("the call is not live here");
    auto parsed = guidance::ParseFeedbackAction(action);
    if (!parsed) return InvalidArgument("unknown feedback action");
    return call->GiveFeedback(card, *parsed);
  };
  if (tts::Synthesizer* tts = deps.tts) {
    ctx.speak_wav = [tts](const std::string& text,
                          int rate) -> StatusOr<std::string> {
      SC_ASSIGN_OR_RETURN(tts::Speech s, tts->Speak(text, rate));
      return audio::EncodeWav(s.samples, s.sample_rate);
    };
  }
  return ctx;
}

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
  {
    // Offloaded requests finish on the workers; their responses are then
    // dropped with the io_context.
    std::unique_lock<std::mutex> lock(impl_->mu);
    impl_->cv.wait(lock, [this] { return impl_->offloaded_requests == 0; });
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
