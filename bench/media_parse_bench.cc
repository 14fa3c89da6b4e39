// Media-path parse cost: how many Twilio `media` messages one core can turn
// into AudioChunks, and where the time goes (docs/media-stream.md).
//
//   media_parse_bench [frames]      (default 200000)
//
// Feeds realistic messages (160-byte u-law payloads = 216 base64 characters,
// both tracks interleaved, as Twilio sends them) and prints, per variant,
// frames per CPU-second and ns per frame, measured with getrusage (user+sys
// CPU time of this process, so other load on the machine does not count):
//   session      MediaStreamSession::OnMessage, the production path
//   json-only    Boost.JSON parse into a DOM (reused parser, stack buffer)
//   scan         a hand-rolled, non-validating field scan + base64 + u-law:
//                a lower bound for what a custom parser could reach; it is
//                NOT correct for general JSON (whitespace, escapes, order)
//   decode-only  base64 + u-law decoding of the payload alone
// A call produces 100 media messages per second (50 per track).
// Also prints heap allocations per frame (global operator new is counted).
// No assertions: this is a measurement tool. Links: sc_twilio, sc_audio,
// Boost::json.
#include <sys/resource.h>

#include <atomic>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parser.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "audio/ulaw.h"
#include "events/events.h"
#include "telephony/twilio/base64.h"
#include "telephony/twilio/media_stream.h"
#include "telephony/twilio/media_stream_writer.h"

// Counts heap allocations, to report allocations per frame.
std::atomic<int64_t> g_allocations{0};

void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

// Keeps results observable so the optimizer cannot drop the work.
volatile int64_t g_sink = 0;

template <typename F>
void Measure(const char* name, size_t frames, F&& body) {
  const int64_t a0 = g_allocations.load();
  const double t0 = CpuSeconds();
  body();
  const double cpu = CpuSeconds() - t0;
  const double allocs = static_cast<double>(g_allocations.load() - a0) /
                        static_cast<double>(frames);
  const double ns = cpu * 1e9 / static_cast<double>(frames);
  const double per_sec = static_cast<double>(frames) / cpu;
  std::printf(
      "%-12s %10.0f frames/core-s  %6.0f ns/frame  %7.0f calls/core  "
      "%.2f allocs/frame\n",
      name, per_sec, ns, per_sec / 100.0, allocs);
}

// The value of `pattern` ("\"key\":\"") in a compact message, or empty.
// Not a JSON parser: no whitespace, escapes or nesting awareness.
std::string_view ScanString(std::string_view text, std::string_view pattern) {
  const size_t at = text.find(pattern);
  if (at == text.npos) return {};
  const size_t begin = at + pattern.size();
  const size_t end = text.find('"', begin);
  if (end == text.npos) return {};
  return text.substr(begin, end - begin);
}

int64_t ScanInt(std::string_view digits) {
  int64_t v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  const size_t frames = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 200000;
  std::mt19937_64 rng(1);
  const std::string account = sc::twilio::NewAccountSid(rng);
  const std::string call = sc::twilio::NewCallSid(rng);
  const std::string stream = sc::twilio::NewStreamSid(rng);

  // Pre-built messages, so the writer's cost is not measured.
  std::vector<std::string> messages;
  messages.reserve(frames);
  std::vector<uint8_t> ulaw(160);
  size_t total_bytes = 0;
  for (size_t i = 0; i < frames; ++i) {
    for (auto& b : ulaw) b = static_cast<uint8_t>(rng());
    const char* track = (i % 2 == 0) ? "inbound" : "outbound";
    messages.push_back(sc::twilio::MediaMessage(
        stream, static_cast<int64_t>(i) + 2, track, static_cast<int64_t>(i) + 1,
        static_cast<int64_t>(i / 2) * 20, ulaw));
    total_bytes += messages.back().size();
  }
  sc::twilio::StartParams start{account,
                                stream,
                                call,
                                {"inbound", "outbound"},
                                {{"direction", "outbound"}},
                                1};
  std::printf("%zu media frames, %.0f bytes each on average\n", frames,
              static_cast<double>(total_bytes) / static_cast<double>(frames));

  Measure("session", frames, [&] {
    sc::twilio::MediaStreamSession session;
    std::vector<sc::Ingress> events;
    if (!session.OnMessage(sc::twilio::StartMessage(start), events).ok()) {
      std::fprintf(stderr, "start rejected\n");
      std::exit(1);
    }
    int64_t bad = 0;
    for (const std::string& m : messages) {
      events.clear();
      if (!session.OnMessage(m, events).ok()) ++bad;
    }
    g_sink = g_sink + bad + session.stats().frames;
    if (bad != 0)
      std::fprintf(stderr, "%lld frames rejected\n", (long long)bad);
  });

  Measure("json-only", frames, [&] {
    boost::json::parser parser;
    alignas(16) static unsigned char buffer[4096];
    for (const std::string& m : messages) {
      boost::json::monotonic_resource resource(buffer, sizeof buffer);
      parser.reset(&resource);
      boost::system::error_code ec;
      parser.write(m.data(), m.size(), ec);
      if (!ec) {
        boost::json::value v = parser.release();
        g_sink = g_sink + static_cast<int64_t>(v.as_object().size());
      }
      parser.reset();
    }
  });

  Measure("scan", frames, [&] {
    std::vector<uint8_t> bytes;
    for (const std::string& m : messages) {
      if (ScanString(m, R"("event":")") != "media") continue;
      if (ScanString(m, R"("streamSid":")") != stream) continue;
      const int64_t seq = ScanInt(ScanString(m, R"("sequenceNumber":")"));
      const int64_t ts = ScanInt(ScanString(m, R"("timestamp":")"));
      const bool inbound = ScanString(m, R"("track":")") == "inbound";
      if (!sc::twilio::Base64Decode(ScanString(m, R"("payload":")"), bytes)
               .ok()) {
        continue;
      }
      sc::AudioChunk chunk;
      chunk.timestamp_ms = ts;
      chunk.speaker = inbound ? sc::Speaker::kAgent : sc::Speaker::kProspect;
      sc::audio::DecodeUlaw(bytes, chunk.samples);
      g_sink = g_sink + seq + chunk.samples[0];
    }
  });

  // Payload positions are found before timing: this is the decoding alone.
  std::vector<std::string_view> payloads;
  payloads.reserve(frames);
  for (const std::string& m : messages) {
    payloads.push_back(ScanString(m, R"("payload":")"));
  }
  Measure("decode-only", frames, [&] {
    std::vector<uint8_t> bytes;
    for (std::string_view payload : payloads) {
      if (!sc::twilio::Base64Decode(payload, bytes).ok()) continue;
      std::vector<int16_t> samples;
      sc::audio::DecodeUlaw(bytes, samples);
      g_sink = g_sink + samples[0];
    }
  });
  return 0;
}
