// Call audio from files: the inputs `analyze` and `simulate` share.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/analysis.h"
#include "core/status.h"

namespace sc::cli {

struct CallInputs {
  std::string wav;  // Stereo file (agent on agent_channel).
  int agent_channel = 0;
  std::string agent_wav;  // Or one mono file per speaker.
  std::string prospect_wav;
  std::string transcript;  // Or a transcript (JSON lines): no recognition.
};

struct CallAudio {
  std::string name;  // File name without directory and extension.
  int sample_rate = 0;
  std::vector<int16_t> agent;
  std::vector<int16_t> prospect;
  double duration_s() const;
};

// InvalidArgument when the inputs are missing or contradictory.
Status ValidateInputs(const CallInputs& in);
// Reads the audio inputs; both tracks come back at one sample rate, padded
// to the same length. InvalidArgument for mono files without
// --agent/--prospect.
StatusOr<CallAudio> LoadCallAudio(const CallInputs& in);
// Reads a transcript file.
StatusOr<std::vector<TranscriptFinal>> LoadTranscript(const std::string& path);

}  // namespace sc::cli
