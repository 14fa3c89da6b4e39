#include <chrono>
#include <iostream>
#include <limits>
#include <thread>

#include "cli/commands.h"
#include "pipeline/intelligence.h"
#include "pipeline/pipeline.h"

namespace sc::cli {
namespace {

constexpr int kChunkMs = 20;

void Print(const report::CallReport& r, OutputFormat f) {
  if (f == OutputFormat::kJson) {
    std::cout << r.json << "\n";
  } else {
    std::cout << report::CallReportText(r);
  }
}

// Feeds both tracks through the live pipeline in 20 ms chunks, like a call.
StatusOr<report::CallReport> RunPipeline(const CallAudio& audio,
                                         const AppConfig& c, bool progress) {
  SC_ASSIGN_OR_RETURN(auto recognizer, OpenSpeechEngine(c));
  pipeline::WorkerPool pool(c.workers);
  pipeline::PipelineContext ctx;
  ctx.recognizer = recognizer;
  ctx.pool = &pool;
  if (c.keyword_spotting && c.engine == SpeechEngine::kPocketSphinx) {
    SC_ASSIGN_OR_RETURN(ctx.spotter,
                        pipeline::OpenObjectionSpotter(c.recognizer));
  }
  std::unique_ptr<llm::ChatClient> llm;
  if (!c.llm.base_url.empty()) {
    SC_ASSIGN_OR_RETURN(llm, llm::NewOpenAiChatClient(c.llm));
    ctx.llm = llm.get();
  }
  pipeline::PipelineOptions options = c.server.pipeline;
  // Offline, nothing is dropped: the file waits for the recognizer.
  options.max_backlog_ms = std::numeric_limits<int64_t>::max() / 4;
  CallStarted started;
  started.call_sid = "file:" + audio.name;
  started.source = "file";
  started.agent_track = "agent";
  started.tracks = {"agent", "prospect"};
  SC_ASSIGN_OR_RETURN(auto call,
                      pipeline::CallProcessor::Start(started, options, ctx));
  const size_t step = static_cast<size_t>(audio.sample_rate) * kChunkMs / 1000;
  const size_t n = audio.agent.size();
  for (size_t i = 0; i < n; i += step) {
    const int64_t ts = static_cast<int64_t>(i) * 1000 / audio.sample_rate;
    for (Speaker who : {Speaker::kAgent, Speaker::kProspect}) {
      const auto& src = who == Speaker::kAgent ? audio.agent : audio.prospect;
      AudioChunk chunk{
          who, ts, audio.sample_rate,
          std::vector<int16_t>(
              src.begin() + static_cast<long>(i),
              src.begin() + static_cast<long>(std::min(n, i + step)))};
      call->PushAudio(std::move(chunk));
    }
  }
  call->End(EndReason::kEndOfFile, MediaStats{});
  const double total_s = audio.duration_s();
  auto last = std::chrono::steady_clock::now();
  while (progress && total_s > 30 && !call->finalized()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    if (std::chrono::steady_clock::now() - last > std::chrono::seconds(2)) {
      last = std::chrono::steady_clock::now();
      double left_s = static_cast<double>(call->backlog_ms()) / 2000.0;
      std::cerr << "analyze: " << static_cast<int>(total_s - left_s) << " of "
                << static_cast<int>(total_s) << " s recognized\n";
    }
  }
  return call->WaitFinalized();
}

}  // namespace

int RunAnalyze(const AnalyzeOptions& o) {
  Status valid = ValidateInputs(o.inputs);
  if (!valid.ok()) {
    std::cerr << "salescopilot analyze: " << valid.message() << "\n";
    return 2;
  }
  auto config = LoadConfig(o.config_path);
  if (!config.ok()) {
    std::cerr << "salescopilot analyze: " << config.status().ToString() << "\n";
    return 2;
  }
  if (!o.engine.empty()) {
    std::optional<SpeechEngine> engine = ParseSpeechEngine(o.engine);
    if (!engine) {
      std::cerr << "salescopilot analyze: --engine must be pocketsphinx or "
                   "remote\n";
      return 2;
    }
    if (*engine == SpeechEngine::kRemote && config->remote.base_url.empty()) {
      std::cerr << "salescopilot analyze: --engine remote needs "
                   "speech.remote.base_url (SALESCOPILOT_SPEECH_REMOTE_URL)\n";
      return 2;
    }
    config->engine = *engine;
  }
  SetLogOptions({LogLevel::kWarn, true});
  if (!o.inputs.transcript.empty()) {
    auto finals = LoadTranscript(o.inputs.transcript);
    if (!finals.ok()) {
      std::cerr << "salescopilot analyze: " << finals.status().ToString()
                << "\n";
      return 1;
    }
    int64_t end_ms = 0;
    for (const auto& f : *finals) end_ms = std::max(end_ms, f.end_ms);
    CallStarted call;
    call.call_sid = "transcript:" + o.inputs.transcript;
    call.source = "transcript";
    report::ReportOptions ro;
    ro.today_unix_ms = SystemClock().NowUnixMs();
    report::CallReport r =
        report::BuildCallReport(call, 0, std::move(finals).value(), end_ms, ro);
    if (!config->llm.base_url.empty()) {
      auto client = llm::NewOpenAiChatClient(config->llm);
      Status written =
          client.ok() ? report::WriteFollowUpWithLlm(r, **client, ro.config)
                      : client.status();
      if (!written.ok()) {
        std::cerr << "salescopilot analyze: llm: keeping the template text ("
                  << StatusCodeName(written.code()) << ")\n";
      }
    }
    Print(r, o.format);
    return 0;
  }
  auto audio = LoadCallAudio(o.inputs);
  if (!audio.ok()) {
    std::cerr << "salescopilot analyze: " << audio.status().ToString() << "\n";
    return 1;
  }
  auto result = RunPipeline(*audio, *config, o.progress);
  if (!result.ok()) {
    std::cerr << "salescopilot analyze: " << result.status().ToString() << "\n";
    return 1;
  }
  Print(*result, o.format);
  return 0;
}

}  // namespace sc::cli
