#include <boost/json.hpp>
#include <cstdio>
#include <ctime>
#include <iostream>

#include "analysis/analysis.h"
#include "cli/commands.h"
#include "core/clock.h"
#include "events/event_json.h"
#include "pipeline/retranscription.h"
#include "report/report.h"
#include "storage/store.h"

namespace sc::cli {
namespace {

StatusOr<std::unique_ptr<storage::Store>> Open(const CallsOptions& o) {
  SC_ASSIGN_OR_RETURN(AppConfig c, LoadConfig(o.config_path));
  if (!o.data_dir.empty()) c.data_dir = o.data_dir;
  return storage::OpenStore(c.DatabaseUrl());
}

std::string When(int64_t unix_ms) {
  std::time_t t = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

int RunCallsList(const CallsOptions& o) {
  SetLogOptions({LogLevel::kWarn, true});
  auto store = Open(o);
  if (!store.ok()) {
    std::cerr << "salescopilot calls: " << store.status().ToString() << "\n";
    return 1;
  }
  storage::CallFilter filter;
  filter.limit = o.limit;
  if (!o.state.empty()) {
    filter.state = storage::ParseCallState(o.state);
    if (!filter.state) {
      std::cerr << "salescopilot calls list: --state must be active, completed "
                   "or interrupted\n";
      return 2;
    }
  }
  auto calls = (*store)->ListCalls(filter);
  if (!calls.ok()) {
    std::cerr << "salescopilot calls: " << calls.status().ToString() << "\n";
    return 1;
  }
  if (o.format == OutputFormat::kJson) {
    boost::json::array arr;
    for (const auto& c : *calls) {
      arr.push_back({{"call_sid", c.call_sid},
                     {"state", storage::CallStateName(c.state)},
                     {"direction", c.direction},
                     {"source", c.source},
                     {"started_unix_ms", c.started_unix_ms},
                     {"duration_ms", c.duration_ms},
                     {"end_reason", c.end_reason}});
    }
    std::cout << boost::json::serialize(arr) << "\n";
    return 0;
  }
  std::printf("%-36s %-12s %-9s %-21s %8s  %s\n", "CALL", "STATE", "DIRECTION",
              "STARTED", "DURATION", "END");
  for (const auto& c : *calls) {
    std::printf("%-36s %-12s %-9s %-21s %7.1fs  %s\n", c.call_sid.c_str(),
                storage::CallStateName(c.state), c.direction.c_str(),
                When(c.started_unix_ms).c_str(),
                static_cast<double>(c.duration_ms) / 1000.0,
                c.end_reason.c_str());
  }
  return 0;
}

int RunCallsShow(const CallsOptions& o) {
  SetLogOptions({LogLevel::kWarn, true});
  auto store = Open(o);
  if (!store.ok()) {
    std::cerr << "salescopilot calls: " << store.status().ToString() << "\n";
    return 1;
  }
  auto call = (*store)->GetCall(o.call_sid);
  if (!call.ok()) {
    std::cerr << "salescopilot calls show: " << call.status().ToString()
              << "\n";
    return call.status().code() == StatusCode::kNotFound ? 3 : 1;
  }
  if (o.format == OutputFormat::kJson) {
    if (!call->analysis_json.empty()) {
      std::cout << call->analysis_json << "\n";
      return 0;
    }
    // Still active: the transcript so far, from the stored events.
  }
  auto events = (*store)->ListEvents(o.call_sid);
  if (!events.ok()) {
    std::cerr << "salescopilot calls show: " << events.status().ToString()
              << "\n";
    return 1;
  }
  CallStarted info;
  info.call_sid = call->call_sid;
  std::vector<TranscriptFinal> finals;
  int64_t duration_ms = call->duration_ms;
  for (const auto& e : *events) {
    duration_ms =
        std::max(duration_ms, e.at_ms);  // An active call has none yet.
    if (e.type != "transcript.final" && e.type != "call.started") continue;
    auto parsed = ParseEventData(e.type, e.payload_json);
    if (!parsed.ok()) continue;
    if (auto* f = std::get_if<TranscriptFinal>(&*parsed)) finals.push_back(*f);
    if (auto* s = std::get_if<CallStartedEvent>(&*parsed)) info = s->info;
  }
  report::ReportOptions ro;
  ro.today_unix_ms = SystemClock().NowUnixMs();
  auto a = report::BuildCallReport(info, call->started_unix_ms,
                                   std::move(finals), duration_ms, ro);
  if (o.format == OutputFormat::kJson) {
    std::cout << a.json << "\n";
  } else {
    std::cout << "State: " << storage::CallStateName(call->state)
              << (call->end_reason.empty() ? "" : " (" + call->end_reason + ")")
              << "\n";
    // The text view is rebuilt from the live transcript events; say so
    // when the stored analysis came from a re-transcription instead.
    if (call->analysis_json.find("\"transcript_source\":\"remote\"") !=
        std::string::npos) {
      std::cout << "Stored analysis: remote re-transcription (--format json "
                   "shows it); below: the live transcript\n";
    }
    std::cout << report::CallReportText(a);
  }
  return 0;
}

int RunCallsRetranscribe(const CallsOptions& o) {
  SetLogOptions({LogLevel::kWarn, true});
  auto config = LoadConfig(o.config_path);
  if (!config.ok()) {
    std::cerr << "salescopilot calls retranscribe: "
              << config.status().ToString() << "\n";
    return 2;
  }
  AppConfig c = std::move(config).value();
  if (!o.data_dir.empty()) c.data_dir = o.data_dir;
  if (c.remote.base_url.empty()) {
    std::cerr << "salescopilot calls retranscribe: needs "
                 "speech.remote.base_url (SALESCOPILOT_SPEECH_REMOTE_URL)\n";
    return 2;
  }
  auto transcriber = speech::RemoteTranscriber::Create(c.remote);
  if (!transcriber.ok()) {
    std::cerr << "salescopilot calls retranscribe: speech.remote: "
              << transcriber.status().ToString() << "\n";
    return 2;
  }
  auto store = storage::OpenStore(c.DatabaseUrl());
  if (!store.ok()) {
    std::cerr << "salescopilot calls: " << store.status().ToString() << "\n";
    return 1;
  }
  std::unique_ptr<llm::ChatClient> llm;
  if (!c.llm.base_url.empty()) {
    auto client = llm::NewOpenAiChatClient(c.llm);
    if (client.ok()) llm = std::move(client).value();
  }
  pipeline::RetranscriberDeps deps;
  deps.store = store->get();
  deps.transcriber = transcriber->get();
  deps.llm = llm.get();
  // On demand: a call still streaming is an error, not something to wait on.
  deps.max_wait_for_live_ms = 0;
  auto r = pipeline::RetranscribeCall(o.call_sid, o.recording_sid, deps);
  if (!r.ok()) {
    std::cerr << "salescopilot calls retranscribe: " << r.status().ToString()
              << "\n";
    return r.status().code() == StatusCode::kNotFound ? 3 : 1;
  }
  if (o.format == OutputFormat::kJson) {
    std::cout << r->analysis_json << "\n";
  } else {
    std::cout << "Re-transcribed " << o.call_sid << " from recording "
              << r->recording_sid << ": " << r->utterances
              << " utterances; analysis stored (analysis.ready seq "
              << r->event_seq << ")\n";
  }
  return 0;
}

}  // namespace sc::cli
