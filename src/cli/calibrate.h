// salescopilot user calibrate | user voice-profile: voice calibration from
// the command line (docs/speech-engines.md, "Voice calibration").
//
//   salescopilot user calibrate --tenant acme --user alice --audio me.wav
//       [--script read.txt] [--channel 0]
//   salescopilot user voice-profile --tenant acme --user alice
//
// `calibrate` learns a voice profile (speech/calibration/voice_profile.h)
// from a recording of the user (8 kHz u-law or PCM telephone audio, 16 kHz,
// any rate libsndfile reads), prints a summary and stores it as the user's
// latest profile; calls whose agent is that user then use it on the agent
// track. `voice-profile` prints the stored profile as JSON. Both open the
// database directly, like the other admin commands.
//
// Exit codes: 0 success; 2 for bad input (unknown user or tenant, unreadable
// audio or script, too little speech, no profile stored); 1 otherwise.
// Nothing the user said (recognized words, script text) reaches the log.
#pragma once

#include <string>

namespace sc::cli {

struct CalibrateOptions {
  std::string config_path;
  std::string data_dir;
  std::string tenant_id;    // Required.
  std::string user_id;      // Required.
  std::string audio_path;   // calibrate: required.
  std::string script_path;  // calibrate: optional, the text the user read.
  int channel = 0;          // calibrate: the user's channel in the file.
  // calibrate: less recognized speech than this is refused.
  double min_speech_s = 20;
};

int RunUserCalibrate(const CalibrateOptions& o);
int RunUserVoiceProfile(const CalibrateOptions& o);

}  // namespace sc::cli
