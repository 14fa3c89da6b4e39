#include <csignal>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "pipeline/pipeline.h"
#include "server/server.h"

namespace sc::cli {

int RunDemo(const DemoOptions& o) {
  std::string wav = o.call_wav.empty() ? std::string(SC_SOURCE_DIR) +
                                             "/build/testcalls/demo.wav"
                                       : o.call_wav;
  if (!std::filesystem::exists(wav)) {
    std::cerr << "salescopilot demo: sample call " << wav << " is missing.\n"
              << "Generate it with: scripts/make-test-calls "
                 "testdata/dialogues/demo.txt\n"
              << "(scripts/demo does this for you).\n";
    return 2;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  std::error_code ec;
  auto dir = std::filesystem::temp_directory_path() /
             ("salescopilot-demo-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir, ec);
  SetLogOptions({LogLevel::kWarn, true});
  auto config = LoadConfig("");
  if (!config.ok()) {
    std::cerr << "salescopilot demo: " << config.status().ToString() << "\n";
    return 2;
  }
  auto store =
      storage::OpenStore("sqlite:" + (dir / "salescopilot.db").string());
  if (!store.ok()) {
    std::cerr << "salescopilot demo: " << store.status().ToString() << "\n";
    return 1;
  }
  std::cerr << "Loading the speech model...\n";
  auto recognizer = speech::OpenRecognizer(config->recognizer);
  if (!recognizer.ok()) {
    std::cerr << "salescopilot demo: " << recognizer.status().ToString()
              << "\n";
    return 1;
  }
  pipeline::WorkerPool pool(0);
  server::ServerOptions so = config->server;
  so.port = o.port;
  auto srv = server::Server::Start(so, {store->get(), *recognizer, &pool});
  if (!srv.ok()) {
    std::cerr << "salescopilot demo: " << srv.status().ToString() << "\n";
    return 1;
  }
  const std::string base = "127.0.0.1:" + std::to_string((*srv)->port());
  std::cerr << "\nSales Copilot demo is live. Open http://" << base
            << "/?follow=1 to watch the call.\n"
            << "Playing " << wav << " as a Twilio media stream at " << o.speed
            << "x...\n\n";
  SimulateOptions sim;
  sim.url = "ws://" + base + "/api/twilio-calls/media-stream";
  sim.inputs.wav = wav;
  sim.speed = o.speed;
  int rc = RunSimulate(sim);
  std::cerr << "\nData for this demo: " << dir.string() << "\n";
  if (o.keep_serving && rc == 0) {
    std::cerr << "Still serving http://" << base
              << "/ - press Ctrl-C to stop.\n";
    int sig = 0;
    sigwait(&signals, &sig);
  }
  (*srv)->Stop();
  return rc;
}

}  // namespace sc::cli
