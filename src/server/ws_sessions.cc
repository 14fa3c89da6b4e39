// The WebSocket sessions: Twilio's media stream into the pipeline, and the
// live events out to browsers, after the shape of Beast's chat-multi example
// (one write in flight per session, broadcast by snapshot).
#include <deque>

#include "core/log.h"
#include "events/event_json.h"
#include "server/server_impl.h"
#include "telephony/twilio/media_stream.h"

namespace sc::server {
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

}  // namespace

void StartMediaStreamWs(tcp::socket&& socket, Server::Impl& server,
                        http::request<http::string_body> req) {
  std::make_shared<MediaStreamWs>(std::move(socket), server)
      ->Run(std::move(req));
}

void StartLiveWs(tcp::socket&& socket, Server::Impl& server,
                 std::string call_sid, http::request<http::string_body> req) {
  std::make_shared<LiveWs>(std::move(socket), server, std::move(call_sid))
      ->Run(std::move(req));
}

}  // namespace sc::server
