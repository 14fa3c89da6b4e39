// report_bench: the whole post-call report for a 60-minute call (target:
// under 100 ms): sentiment of every utterance, objections with playbook
// suggestions, conversation metrics, the coaching report and the JSON
// document (report::BuildCallReport, exactly what a call's end runs).
//
//   report_bench [google-benchmark flags]
//
// Builds a synthetic two-party transcript of 60 minutes (alternating turns
// of one to three sentences at about 160 words per minute, with questions,
// fillers, objections, commitments, dates and some overtalk; about 400
// utterances and 8,600 words), then times
// ComputeConversationMetrics + BuildCoachingReport + both JSON renderings.
// Prints Google Benchmark's table and a one-line figure in milliseconds.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "analysis/conversation_metrics.h"
#include "analysis/questions.h"
#include "coaching/coaching.h"
#include "report/report.h"

namespace {

using sc::Speaker;
using sc::TranscriptFinal;

// Sentences the generator cycles through (written for this bench).
const char* const kAgent[] = {
    "so how do you plan the routes for your drivers today",
    "um we basically look at every stop and the live traffic and then we "
    "send each driver the best order for the day",
    "what does the overtime cost you in a typical month",
    "i understand most fleets see the fuel savings cover the subscription "
    "within a few months",
    "who else would be involved in a decision like this",
    "you know our customers usually start with a small pilot of ten trucks",
    "i will send you the proposal with pricing by friday",
    "let's talk next wednesday to go through it with your operations manager",
};
const char* const kProspect[] = {
    "we do it by hand every morning on a whiteboard and it takes hours",
    "honestly that sounds expensive for a company our size",
    "probably a few thousand dollars and the fuel bill keeps going up",
    "my operations manager and i would decide together",
    "we are happy with our current provider to be honest",
    "okay that is reasonable what would the pricing look like",
    "ideally before the summer season starts",
    "sure wednesday works for me",
};

sc::coaching::CoachingInput SixtyMinuteCall() {
  sc::coaching::CoachingInput in;
  int64_t t = 0;
  unsigned seed = 12345;
  auto next = [&seed] {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7fff;
  };
  for (int turn = 0; t < 60 * 60 * 1000; ++turn) {
    TranscriptFinal f;
    bool agent = turn % 2 == 0;
    f.speaker = agent ? Speaker::kAgent : Speaker::kProspect;
    f.utterance_id =
        std::string(agent ? "agent-" : "prospect-") + std::to_string(turn / 2);
    const char* text = agent ? kAgent[next() % 8] : kProspect[next() % 8];
    f.text = text;
    // Several sentences per turn, as the recognizer runs them together.
    int extra = static_cast<int>(next() % 3);
    for (int k = 0; k < extra; ++k) {
      f.text += ' ';
      f.text += agent ? kAgent[next() % 8] : kProspect[next() % 8];
    }
    // About 160 words per minute, like conversational speech.
    int64_t len =
        375 * static_cast<int64_t>(sc::analysis::SpokenWords(f.text).size()) +
        static_cast<int64_t>(next() % 1000);
    // Occasional overlap (interruptions), otherwise a short gap.
    int64_t gap = static_cast<int64_t>(next() % 1500) - 300;
    f.start_ms = std::max<int64_t>(0, t + gap);
    f.end_ms = f.start_ms + len;
    f.confidence = 0.9;
    in.utterances.push_back(f);
    sc::analysis::Sentiment s;
    s.score = (static_cast<double>(next() % 200) - 100) / 100.0;
    in.sentiments.push_back(s);
    if (!agent && f.text.find("expensive") != std::string::npos) {
      sc::analysis::Objection o;
      o.category = "price";
      o.confidence = 0.8;
      o.at_ms = f.start_ms;
      o.text = f.text;
      in.objections.push_back(o);
    }
    t = f.end_ms;
  }
  in.call_date = {2025, 3, 10};
  in.duration_ms = t;
  return in;
}

// The generator's sentiments and objections only shape the transcript; the
// report computes its own from the text, as at a real call's end.
std::string RunReport(const sc::coaching::CoachingInput& in) {
  sc::report::ReportOptions o;
  o.call_date = in.call_date;
  return sc::report::BuildCallReport(sc::CallStarted{}, 0, in.utterances,
                                     in.duration_ms, o)
      .json;
}

void BM_SixtyMinuteReport(benchmark::State& state) {
  sc::coaching::CoachingInput in = SixtyMinuteCall();
  for (auto _ : state) {
    std::string r = RunReport(in);
    benchmark::DoNotOptimize(r);
  }
  state.counters["utterances"] = static_cast<double>(in.utterances.size());
}
BENCHMARK(BM_SixtyMinuteReport)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();

  // The headline figure: the median of 11 full runs.
  sc::coaching::CoachingInput in = SixtyMinuteCall();
  std::vector<double> ms;
  size_t words = 0;
  for (const TranscriptFinal& f : in.utterances) {
    words += sc::analysis::SpokenWords(f.text).size();
  }
  std::vector<double> cpu_ms;
  auto cpu_now = [] {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 +
           static_cast<double>(ts.tv_nsec) / 1e6;
  };
  for (int i = 0; i < 11; ++i) {
    auto start = std::chrono::steady_clock::now();
    double cpu_start = cpu_now();
    std::string r = RunReport(in);
    benchmark::DoNotOptimize(r);
    cpu_ms.push_back(cpu_now() - cpu_start);
    ms.push_back(std::chrono::duration<double, std::milli>(
                     std::chrono::steady_clock::now() - start)
                     .count());
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu_ms.begin(), cpu_ms.end());
  // CPU time is the figure to compare: wall time includes waiting for a
  // core when the machine is busy.
  std::printf(
      "60-minute report (%zu utterances, %zu words): median %.1f ms CPU, "
      "%.1f ms wall (target < 100 ms)\n",
      in.utterances.size(), words, cpu_ms[cpu_ms.size() / 2],
      ms[ms.size() / 2]);
  return 0;
}
