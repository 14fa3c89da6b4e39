// The subcommands of `salescopilot`. main.cc parses flags into these option
// structs; each Run* returns the process exit code.
#pragma once

#include <functional>
#include <string>

#include "cli/config.h"
#include "cli/sources.h"

namespace sc::cli {

enum class OutputFormat { kJson, kText };

struct ServeOptions {
  std::string config_path;
  int port = -1;  // -1: from config.
  std::string data_dir;
  std::string bind;
};
int RunServe(const ServeOptions& o);

struct AnalyzeOptions {
  CallInputs inputs;
  OutputFormat format = OutputFormat::kJson;
  std::string config_path;
  bool progress = true;
};
int RunAnalyze(const AnalyzeOptions& o);

struct SimulateOptions {
  std::string url;  // ws://HOST:PORT/api/twilio-calls/media-stream
  CallInputs inputs;
  double speed = 1.0;
  std::string call_sid;  // Generated when empty.
  std::string direction = "outbound";
  bool abrupt = false;  // Drop the connection instead of sending stop.
  OutputFormat format = OutputFormat::kText;
  bool quiet = false;  // No live transcript lines on stderr.
};

struct SimulationReport {
  std::string call_sid;
  int64_t frames_sent = 0;
  int finals = 0;
  int partials = 0;
  double audio_s = 0;
  double wall_s = 0;
  // End of utterance in the audio -> its final transcript on the live socket.
  double latency_p50_ms = 0, latency_p95_ms = 0, latency_max_ms = 0;
  bool analysis_ready = false;
  std::string analysis_json;  // From GET /api/calls/{sid}, when ready.
};

// Plays a call into a running server exactly as Twilio Media Streams would
// and watches the live socket for what it produced. `on_event` sees every
// live event (JSON) as it arrives.
StatusOr<SimulationReport> Simulate(
    const SimulateOptions& o,
    const std::function<void(const std::string&)>& on_event);
int RunSimulate(const SimulateOptions& o);

struct CallsOptions {
  std::string config_path;
  std::string data_dir;
  std::string call_sid;  // For `show`.
  std::string state;     // For `list`: filter.
  int limit = 50;
  OutputFormat format = OutputFormat::kText;
};
int RunCallsList(const CallsOptions& o);
int RunCallsShow(const CallsOptions& o);

struct DemoOptions {
  std::string
      call_wav;  // Default: build/testcalls/demo.wav under the source tree.
  int port = 8080;
  double speed = 1.0;
  bool keep_serving = true;  // After the call, serve until Ctrl-C.
};
int RunDemo(const DemoOptions& o);

}  // namespace sc::cli
