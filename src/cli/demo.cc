#include <csignal>
#include <filesystem>
#include <iostream>
#include <random>

#include "cli/commands.h"
#include "cli/twilio_stand_in.h"
#include "pipeline/pipeline.h"
#include "server/server.h"
#include "telephony/twilio/media_stream_writer.h"

namespace sc::cli {
namespace {

// The demo's salesperson and the number that rings them (a Twilio test
// number: it never reaches a real phone).
constexpr char kDemoTenant[] = "demo";
constexpr char kDemoUser[] = "demo-agent";
constexpr char kDemoIdentity[] = "demo_agent";
constexpr char kDemoNumber[] = "+15005550006";
constexpr char kProspectNumber[] = "+15558675310";

Status AddDemoUser(storage::Store& store) {
  SC_RETURN_IF_ERROR(store.CreateTenant({kDemoTenant, "Demo Inc", 0}));
  storage::UserRecord u;
  u.user_id = kDemoUser;
  u.tenant_id = kDemoTenant;
  u.display_name = "Demo Agent";
  u.identity = kDemoIdentity;
  u.permissions = {{storage::Permission::kPhoneCall, "demo", 0},
                   {storage::Permission::kAiSalesCopilot, "demo", 0}};
  SC_RETURN_IF_ERROR(store.CreateUser(u));
  storage::PhoneProfile p;
  p.user_id = kDemoUser;
  p.tenant_id = kDemoTenant;
  p.phone_number = kDemoNumber;
  p.caller_id_name = "Demo Inc";
  return store.PutPhoneProfile(p);
}

// A random secret for this demo run only.
std::string RandomToken() {
  std::random_device rd;
  std::string out;
  for (int i = 0; i < 32; ++i) out += "0123456789abcdef"[rd() % 16];
  return out;
}

}  // namespace

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
  if (Status s = AddDemoUser(**store); !s.ok()) {
    std::cerr << "salescopilot demo: " << s.ToString() << "\n";
    return 1;
  }
  // Twilio, played locally: the demo signs as Twilio with a secret of its
  // own and serves the call recording from a stand-in for Twilio's API.
  std::mt19937_64 rng(std::random_device{}());
  const std::string account_sid = twilio::NewAccountSid(rng);
  const std::string auth_token = RandomToken();
  auto stand_in =
      TwilioStandIn::Start("127.0.0.1:0", {account_sid, auth_token, "", ""});
  if (!stand_in.ok()) {
    std::cerr << "salescopilot demo: " << stand_in.status().ToString() << "\n";
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
  so.twilio = server::TwilioServerOptions{};
  so.twilio.account_sid = account_sid;
  so.twilio.auth_token = auth_token;
  so.twilio.rest_base_url = (*stand_in)->base_url();
  so.twilio.recordings_dir = (dir / "recordings").string();
  auto srv = server::Server::Start(so, {store->get(), *recognizer, &pool});
  if (!srv.ok()) {
    std::cerr << "salescopilot demo: " << srv.status().ToString() << "\n";
    return 1;
  }
  const std::string base = "127.0.0.1:" + std::to_string((*srv)->port());
  std::cerr << "\nSales Copilot demo is live. Open http://" << base
            << "/?follow=1 to watch the call.\n"
            << "Calling from the browser of " << kDemoUser
            << " as Twilio would (signed webhooks, TwiML, media stream, "
               "recording), playing "
            << wav << " at " << o.speed << "x...\n\n";
  TwilioSimulateOptions sim;
  sim.media.url = "http://" + base;
  sim.media.inputs.wav = wav;
  sim.media.speed = o.speed;
  sim.media.auth_token = auth_token;
  sim.media.account_sid = account_sid;
  sim.from = std::string("client:") + kDemoIdentity;
  sim.to = kProspectNumber;
  sim.stand_in = stand_in->get();
  int rc = RunSimulateTwilio(sim);
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
