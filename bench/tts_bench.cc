// Earpiece synthesis cost: CPU time to speak each default playbook card's
// hint (guidance::SpokenHint) with the default voice, as the speech route
// does per request. Prints per-hint figures and the median; asserts nothing.
//   build/release/bench/tts_bench
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "guidance/guidance.h"
#include "guidance/spoken_hint.h"
#include "tts/tts.h"

namespace {

double CpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

}  // namespace

int main() {
  using namespace sc;
  auto tts = tts::OpenSynthesizer({});
  if (!tts.ok()) {
    std::fprintf(stderr, "tts_bench: %s\n", tts.status().ToString().c_str());
    return 1;
  }
  (void)(*tts)->Speak("warm up");
  guidance::GuidanceEngine engine(guidance::AiConfig{});
  std::vector<double> ms;
  int64_t at = 0;
  for (const char* category :
       {"price", "budget", "competitor", "status_quo", "contract", "timing",
        "authority", "need", "trust", "technical", "brush_off"}) {
    analysis::Objection o;
    o.category = category;
    o.confidence = 0.9;
    o.at_ms = at += 120'000;
    auto card = engine.OnObjection(o);
    if (!card) continue;
    GuidanceCard e;
    e.title = card->title;
    e.text = card->text;
    const std::string hint = guidance::SpokenHint(e);
    const double t0 = CpuMs();
    auto s = (*tts)->Speak(hint);
    const double t = CpuMs() - t0;
    if (!s.ok()) {
      std::fprintf(stderr, "tts_bench: %s\n", s.status().ToString().c_str());
      return 1;
    }
    ms.push_back(t);
    std::printf("%-11s %5.1f ms CPU for %.1f s of audio (%zu chars)\n",
                category, t, s->duration_s(), hint.size());
  }
  std::sort(ms.begin(), ms.end());
  std::printf("median %.1f ms, max %.1f ms CPU per hint (%zu hints)\n",
              ms[ms.size() / 2], ms.back(), ms.size());
  return 0;
}
