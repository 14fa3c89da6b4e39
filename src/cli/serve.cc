#include <csignal>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "core/log.h"
#include "pipeline/intelligence.h"
#include "pipeline/pipeline.h"
#include "server/server.h"
#include "tts/tts.h"

namespace sc::cli {
namespace {

// Blocks SIGINT/SIGTERM in every thread (call before starting threads) and
// returns once one arrives.
void BlockTerminationSignals(sigset_t* set) {
  sigemptyset(set);
  sigaddset(set, SIGINT);
  sigaddset(set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, set, nullptr);
}

}  // namespace

int RunServe(const ServeOptions& o) {
  auto config = LoadConfig(o.config_path);
  if (!config.ok()) {
    std::cerr << "salescopilot serve: " << config.status().ToString() << "\n";
    return 2;
  }
  AppConfig c = std::move(config).value();
  if (o.port >= 0) c.server.port = o.port;
  if (!o.data_dir.empty()) c.data_dir = o.data_dir;
  if (!o.bind.empty()) c.server.bind_address = o.bind;
  // The default follows --data, so it is resolved after the flags.
  c.server.twilio.recordings_dir = c.RecordingsDir();
  SetLogOptions(c.log);
  if (!c.log.redact_pii) {
    LogWarn(
        "config.pii_logging_enabled",
        {F("note", "personal data will appear in logs; never in production")});
  }
  std::error_code ec;
  std::filesystem::create_directories(c.data_dir, ec);
  if (ec) {
    std::cerr << "salescopilot serve: cannot create data dir " << c.data_dir
              << ": " << ec.message() << "\n";
    return 1;
  }
  sigset_t signals;
  BlockTerminationSignals(&signals);
  auto store = storage::OpenStore(c.DatabaseUrl());
  if (!store.ok()) {
    std::cerr << "salescopilot serve: " << store.status().ToString() << "\n";
    return 1;
  }
  pipeline::StoreCallSettings settings(store->get());
  auto recovered =
      pipeline::RecoverInterruptedCalls(**store, SystemClock(), &settings);
  if (!recovered.ok()) {
    LogError("recovery.failed", {F("error", recovered.status().ToString())});
  } else if (*recovered > 0) {
    LogInfo("recovery.done", {F("calls", *recovered)});
  }
  auto recognizer = OpenSpeechEngine(c);
  if (!recognizer.ok()) {
    std::cerr << "salescopilot serve: " << recognizer.status().ToString()
              << "\n";
    return 1;
  }
  std::unique_ptr<llm::ChatClient> llm;
  if (!c.llm.base_url.empty()) {
    auto client = llm::NewOpenAiChatClient(c.llm);
    if (!client.ok()) {
      std::cerr << "salescopilot serve: llm: " << client.status().ToString()
                << "\n";
      return 1;
    }
    llm = std::move(client).value();
    LogInfo("llm.enabled", {F("model", c.llm.model)});
  }
  if (c.engine == SpeechEngine::kRemote) {
    LogInfo("speech.engine", {F("engine", "remote"), F("model", c.remote.model),
                              F("base_url", c.remote.base_url)});
  }
  // Post-call re-transcription by the remote engine (docs/operations.md).
  std::unique_ptr<speech::RemoteTranscriber> retranscriber;
  if (c.post_call == PostCallTranscription::kRemote) {
    auto t = speech::RemoteTranscriber::Create(c.remote);
    if (!t.ok()) {
      std::cerr << "salescopilot serve: speech.remote: "
                << t.status().ToString() << "\n";
      return 1;
    }
    retranscriber = std::move(t).value();
    LogInfo("retranscribe.enabled",
            {F("model", c.remote.model), F("base_url", c.remote.base_url)});
  }
  pipeline::WorkerPool pool(c.workers);
  // End-of-call work (report, LLM round trip) gets its own thread so it
  // never takes a recognition worker from live calls.
  pipeline::WorkerPool post_call_pool(1);
  server::ServerDeps deps{store->get(), *recognizer, &pool};
  deps.llm = llm.get();
  if (c.keyword_spotting && c.engine == SpeechEngine::kPocketSphinx) {
    auto spotter = pipeline::OpenObjectionSpotter(c.recognizer);
    if (!spotter.ok()) {
      std::cerr << "salescopilot serve: keyword spotting: "
                << spotter.status().ToString() << "\n";
      return 1;
    }
    deps.spotter = *std::move(spotter);
    LogInfo("speech.keyword_spotting", {F("enabled", true)});
  }
  deps.post_call_pool = &post_call_pool;
  // Re-transcription waits minutes on a remote server: its own thread, so
  // it never delays the end-of-call work of live calls.
  pipeline::WorkerPool retranscribe_pool(1);
  deps.retranscriber = retranscriber.get();
  deps.retranscribe_pool = &retranscribe_pool;
  // Earpiece guidance: cards spoken on request. Without a voice the route
  // answers 503 and everything else works.
  auto tts = tts::OpenSynthesizer({});
  if (tts.ok()) {
    deps.tts = tts->get();
  } else {
    LogWarn("tts.unavailable", {F("error", tts.status().ToString())});
  }
  auto srv = server::Server::Start(c.server, deps);
  if (!srv.ok()) {
    std::cerr << "salescopilot serve: " << srv.status().ToString() << "\n";
    return 1;
  }
  std::cerr << "salescopilot: serving on http://" << c.server.bind_address
            << ":" << (*srv)->port() << "/  (data: " << c.data_dir << ", "
            << pool.threads() << " recognition workers)\n";
  int sig = 0;
  sigwait(&signals, &sig);
  LogInfo("server.signal", {F("signal", sig)});
  (*srv)->Stop();
  return 0;
}

}  // namespace sc::cli
