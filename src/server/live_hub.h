// LiveHub: fans call events out to live subscribers (browser WebSockets).
//
// The hub is a pipeline::EventSink. Each event is serialized once
// (docs/events.md, "Live WebSocket") and handed to every subscriber of that
// call, and to subscribers of all calls. Delivery never blocks the pipeline:
// subscribers queue the message and write it on their own strand.
//
// Thread-safety: all methods may be called from any thread. OnEvent takes a
// snapshot of the subscribers under the lock and delivers outside it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"

namespace sc::server {

struct LiveMessage {
  std::string call_sid;
  int64_t seq = 0;
  // Partial transcripts and metrics may be dropped under pressure; a later
  // message supersedes them. Everything else is always delivered.
  bool droppable = false;
  std::shared_ptr<const std::string> json;
};

class LiveSubscriber {
 public:
  virtual ~LiveSubscriber() = default;
  // Must not block; called on pipeline worker threads.
  virtual void Deliver(const LiveMessage& message) = 0;
};

class LiveHub : public pipeline::EventSink {
 public:
  // call_sid empty: every call. The hub holds weak references: a subscriber
  // that is destroyed is forgotten.
  void Subscribe(const std::string& call_sid,
                 const std::shared_ptr<LiveSubscriber>& subscriber);
  void Unsubscribe(const LiveSubscriber* subscriber);
  void OnEvent(const EventEnvelope& event) override;
  size_t subscriber_count() const;

 private:
  mutable std::mutex mu_;
  // Keyed by call sid ("" = all calls).
  std::multimap<std::string, std::weak_ptr<LiveSubscriber>>
      subs_;  // GUARDED_BY(mu_)
};

}  // namespace sc::server
