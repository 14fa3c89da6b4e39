#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <random>
#include <thread>

#include "audio/resampler.h"
#include "audio/ulaw.h"
#include "cli/commands.h"
#include "server/ws_client.h"
#include "telephony/twilio/media_stream_writer.h"
#include "telephony/twilio/signature.h"

namespace sc::cli {
namespace json = boost::json;
using SteadyClock = std::chrono::steady_clock;

namespace {

constexpr int kFrameSamples = 160;  // 20 ms at 8 kHz, as Twilio sends.

StatusOr<std::vector<uint8_t>> ToUlaw8k(const std::vector<int16_t>& pcm,
                                        int rate) {
  std::vector<int16_t> at8k;
  if (rate == 8000) {
    at8k = pcm;
  } else {
    SC_ASSIGN_OR_RETURN(auto rs, audio::Resampler::Create(rate, 8000));
    rs->Process(pcm, at8k);
  }
  std::vector<uint8_t> out;
  audio::EncodeUlaw(at8k, out);
  return out;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t idx = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(idx, v.size() - 1)];
}

std::string MinSec(int64_t ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld:%02lld",
                static_cast<long long>(ms / 60000),
                static_cast<long long>(ms / 1000 % 60));
  return buf;
}

struct Received {
  SteadyClock::time_point at;
  std::string json;
};

}  // namespace

StatusOr<SimulationReport> Simulate(
    const SimulateOptions& o,
    const std::function<void(const std::string&)>& on_event) {
  if (!o.inputs.transcript.empty()) {
    return InvalidArgument(
        "simulate plays audio; a transcript has none (use analyze "
        "--transcript)");
  }
  if (!(o.speed > 0)) return InvalidArgument("--speed must be positive");
  if (o.direction != "outbound" && o.direction != "inbound") {
    return InvalidArgument("--direction must be outbound or inbound");
  }
  SC_ASSIGN_OR_RETURN(CallAudio audio, LoadCallAudio(o.inputs));
  SC_ASSIGN_OR_RETURN(std::vector<uint8_t> agent,
                      ToUlaw8k(audio.agent, audio.sample_rate));
  SC_ASSIGN_OR_RETURN(std::vector<uint8_t> prospect,
                      ToUlaw8k(audio.prospect, audio.sample_rate));
  const size_t total = std::max(agent.size(), prospect.size());
  agent.resize(total, 0xFF);
  prospect.resize(total, 0xFF);

  std::mt19937_64 rng(std::random_device{}());
  SimulationReport report;
  report.call_sid = o.call_sid.empty() ? twilio::NewCallSid(rng) : o.call_sid;
  const std::string stream_sid = twilio::NewStreamSid(rng);
  const std::string account_sid =
      o.account_sid.empty() ? twilio::NewAccountSid(rng) : o.account_sid;
  SC_ASSIGN_OR_RETURN(server::ParsedUrl url, server::ParseWsUrl(o.url));
  const std::string base = "ws://" + url.host + ":" + url.port;

  // Watch the live socket first so nothing the call produces is missed.
  SC_ASSIGN_OR_RETURN(auto live,
                      server::WsClient::Connect(
                          base + "/api/live?call_sid=" + report.call_sid));
  std::vector<Received> received;
  std::atomic<bool> stop_reader{false};
  std::atomic<bool> ready{false};
  std::thread reader([&] {
    while (!stop_reader.load()) {
      auto msg = live->Read(std::chrono::milliseconds(200));
      if (!msg.ok()) break;
      if (!msg->has_value()) continue;
      received.push_back({SteadyClock::now(), **msg});
      if (on_event) on_event(**msg);
      if (received.back().json.find("\"type\":\"analysis.ready\"") !=
          std::string::npos) {
        ready = true;
        break;
      }
    }
  });

  std::map<std::string, std::string> headers;
  if (!o.auth_token.empty()) {
    headers["X-Twilio-Signature"] = twilio::ComputeSignature(
        o.auth_token, o.signed_url.empty() ? o.url : o.signed_url, {});
  }
  auto media = server::WsClient::Connect(o.url, headers);
  if (!media.ok()) {
    stop_reader = true;
    reader.join();
    return media.status();
  }
  // Twilio's inbound track is the leg that called in: the agent's browser on
  // an outbound call, the prospect on an inbound one (docs/media-stream.md).
  const bool agent_inbound = o.direction == "outbound";
  twilio::StartParams start;
  start.account_sid = account_sid;
  start.stream_sid = stream_sid;
  start.call_sid = report.call_sid;
  start.tracks = {"inbound", "outbound"};
  start.custom_parameters.assign(o.custom_parameters.begin(),
                                 o.custom_parameters.end());
  if (start.custom_parameters.empty()) {
    start.custom_parameters = {{"direction", o.direction},
                               {"source", "simulate"}};
  }
  int64_t seq = 1;
  Status st = (*media)->SendText(twilio::ConnectedMessage());
  if (st.ok()) st = (*media)->SendText(twilio::StartMessage(start));
  const size_t frames = (total + kFrameSamples - 1) / kFrameSamples;
  std::vector<SteadyClock::time_point> sent_at(frames);
  const SteadyClock::time_point t0 = SteadyClock::now();
  int64_t chunk = 0;
  for (size_t i = 0; i < frames && st.ok(); ++i) {
    auto due = t0 + std::chrono::microseconds(static_cast<int64_t>(
                        static_cast<double>(i) * 20000.0 / o.speed));
    std::this_thread::sleep_until(due);
    const size_t off = i * kFrameSamples;
    const size_t len = std::min<size_t>(kFrameSamples, total - off);
    const int64_t ts = static_cast<int64_t>(i) * 20;
    for (int side = 0; side < 2 && st.ok(); ++side) {
      const bool is_agent = side == 0;
      const auto& bytes = is_agent ? agent : prospect;
      const char* track = (is_agent == agent_inbound) ? "inbound" : "outbound";
      st = (*media)->SendText(twilio::MediaMessage(
          stream_sid, ++seq, track, ++chunk, ts,
          std::span<const uint8_t>(bytes.data() + off, len)));
    }
    sent_at[i] = SteadyClock::now();
    ++report.frames_sent;
  }
  if (!st.ok()) {
    stop_reader = true;
    reader.join();
    return st;
  }
  if (o.abrupt) {
    (*media)->Abort();
  } else {
    st = (*media)->SendText(
        twilio::StopMessage(stream_sid, ++seq, account_sid, report.call_sid));
    if (st.ok()) (void)(*media)->Close();
  }
  if (o.after_stop) o.after_stop();
  report.audio_s = static_cast<double>(total) / 8000.0;
  // Wait for the analysis; the recognizer may still be finishing the tail.
  const auto deadline = SteadyClock::now() + std::chrono::seconds(60);
  while (!ready.load() && SteadyClock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  stop_reader = true;
  reader.join();
  report.wall_s =
      std::chrono::duration<double>(SteadyClock::now() - t0).count();
  report.analysis_ready = ready.load();

  std::vector<double> latencies;
  for (const Received& r : received) {
    boost::system::error_code ec;
    json::value v = json::parse(r.json, ec);
    if (ec || !v.is_object()) continue;
    const json::object& ev = v.get_object();
    const json::value* type = ev.if_contains("type");
    if (!type || !type->is_string()) continue;
    if (type->get_string() == "transcript.partial") ++report.partials;
    if (type->get_string() != "transcript.final") continue;
    ++report.finals;
    const json::value* end = ev.at("data").as_object().if_contains("end_ms");
    if (!end || !end->is_int64() || frames == 0) continue;
    size_t idx =
        std::min(frames - 1, static_cast<size_t>(end->get_int64() / 20));
    latencies.push_back(
        std::chrono::duration<double, std::milli>(r.at - sent_at[idx]).count());
  }
  report.latency_p50_ms = Percentile(latencies, 0.5);
  report.latency_p95_ms = Percentile(latencies, 0.95);
  report.latency_max_ms =
      latencies.empty() ? 0
                        : *std::max_element(latencies.begin(), latencies.end());
  if (report.analysis_ready) {
    auto call = server::HttpGet("http://" + url.host + ":" + url.port +
                                "/api/calls/" + report.call_sid);
    if (call.ok() && call->status == 200) {
      boost::system::error_code ec;
      json::value v = json::parse(call->body, ec);
      if (!ec && v.is_object() && v.as_object().contains("analysis")) {
        report.analysis_json = json::serialize(v.as_object().at("analysis"));
      }
    }
  }
  return report;
}

int RunSimulate(const SimulateOptions& o) {
  std::mutex out_mu;
  auto printer = [&](const std::string& text) {
    if (o.quiet) return;
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec || !v.is_object()) return;
    const json::object& ev = v.get_object();
    if (ev.at("type").as_string() != "transcript.final") return;
    const json::object& d = ev.at("data").as_object();
    std::lock_guard<std::mutex> lock(out_mu);
    std::cerr << "[" << MinSec(d.at("start_ms").as_int64()) << "] "
              << (d.at("speaker").as_string() == "agent" ? "AGENT    "
                                                         : "PROSPECT ")
              << std::string(d.at("text").as_string()) << "\n";
  };
  auto report = Simulate(o, printer);
  if (!report.ok()) {
    std::cerr << "salescopilot simulate: " << report.status().ToString()
              << "\n";
    return report.status().code() == StatusCode::kInvalidArgument ? 2 : 1;
  }
  const SimulationReport& r = *report;
  if (o.format == OutputFormat::kJson) {
    json::object out{{"call_sid", r.call_sid},
                     {"frames_sent", r.frames_sent},
                     {"audio_s", r.audio_s},
                     {"wall_s", r.wall_s},
                     {"finals", r.finals},
                     {"partials", r.partials},
                     {"latency_ms",
                      {{"p50", r.latency_p50_ms},
                       {"p95", r.latency_p95_ms},
                       {"max", r.latency_max_ms}}},
                     {"analysis_ready", r.analysis_ready}};
    boost::system::error_code ec;
    out["analysis"] = r.analysis_json.empty()
                          ? json::value(nullptr)
                          : json::parse(r.analysis_json, ec);
    std::cout << json::serialize(out) << "\n";
  } else {
    std::printf(
        "call %s: %.1f s of audio sent in %.1f s (%lld frames per track)\n",
        r.call_sid.c_str(), r.audio_s, r.wall_s,
        static_cast<long long>(r.frames_sent));
    std::printf(
        "server produced %d final and %d partial transcripts; analysis %s\n",
        r.finals, r.partials, r.analysis_ready ? "ready" : "NOT ready");
    std::printf(
        "latency end of utterance -> final transcript: p50 %.0f ms, p95 %.0f "
        "ms, max %.0f ms\n",
        r.latency_p50_ms, r.latency_p95_ms, r.latency_max_ms);
  }
  return r.analysis_ready ? 0 : 1;
}

}  // namespace sc::cli
