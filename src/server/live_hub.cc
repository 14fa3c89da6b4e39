#include "server/live_hub.h"

#include "events/event_json.h"

namespace sc::server {

void LiveHub::Subscribe(const std::string& call_sid,
                        const std::shared_ptr<LiveSubscriber>& subscriber) {
  std::lock_guard<std::mutex> lock(mu_);
  subs_.emplace(call_sid, subscriber);
}

void LiveHub::Unsubscribe(const LiveSubscriber* subscriber) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = subs_.begin(); it != subs_.end();) {
    auto sp = it->second.lock();
    if (!sp || sp.get() == subscriber) {
      it = subs_.erase(it);
    } else {
      ++it;
    }
  }
}

size_t LiveHub::subscriber_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return subs_.size();
}

void LiveHub::OnEvent(const EventEnvelope& event) {
  std::vector<std::shared_ptr<LiveSubscriber>> targets;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const std::string& key : {std::string(), event.call_sid}) {
      auto [lo, hi] = subs_.equal_range(key);
      for (auto it = lo; it != hi; ++it) {
        if (auto sp = it->second.lock()) targets.push_back(std::move(sp));
      }
    }
  }
  if (targets.empty()) return;
  LiveMessage msg;
  msg.call_sid = event.call_sid;
  msg.seq = event.seq;
  msg.droppable = std::holds_alternative<TranscriptPartial>(event.event) ||
                  std::holds_alternative<MetricsTick>(event.event);
  msg.json = std::make_shared<const std::string>(EnvelopeJson(event));
  for (const auto& t : targets) t->Deliver(msg);
}

}  // namespace sc::server
