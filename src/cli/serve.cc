#include <csignal>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "core/log.h"
#include "pipeline/pipeline.h"
#include "server/server.h"

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
  auto recognizer = speech::OpenRecognizer(c.recognizer);
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
  pipeline::WorkerPool pool(c.workers);
  // End-of-call work (report, LLM round trip) gets its own thread so it
  // never takes a recognition worker from live calls.
  pipeline::WorkerPool post_call_pool(1);
  server::ServerDeps deps{store->get(), *recognizer, &pool};
  deps.llm = llm.get();
  deps.post_call_pool = &post_call_pool;
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
