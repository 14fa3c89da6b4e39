#include "cli/sources.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "audio/resampler.h"
#include "audio/wav.h"

namespace sc::cli {

double CallAudio::duration_s() const {
  return sample_rate > 0
             ? static_cast<double>(std::max(agent.size(), prospect.size())) /
                   sample_rate
             : 0;
}

Status ValidateInputs(const CallInputs& in) {
  int kinds = (!in.wav.empty()) +
              (!in.agent_wav.empty() || !in.prospect_wav.empty()) +
              (!in.transcript.empty());
  if (kinds == 0) {
    return InvalidArgument(
        "give a stereo FILE.wav, or --agent A.wav --prospect P.wav, or "
        "--transcript FILE.jsonl");
  }
  if (kinds > 1) return InvalidArgument("give only one kind of input");
  if (in.agent_wav.empty() != in.prospect_wav.empty()) {
    return InvalidArgument("--agent and --prospect go together");
  }
  if (in.agent_channel != 0 && in.agent_channel != 1) {
    return InvalidArgument("--agent-channel must be 0 or 1");
  }
  return Status::Ok();
}

namespace {

StatusOr<std::vector<int16_t>> Resampled(std::vector<int16_t> pcm, int from,
                                         int to) {
  if (from == to) return pcm;
  SC_ASSIGN_OR_RETURN(auto rs, audio::Resampler::Create(from, to));
  std::vector<int16_t> out;
  rs->Process(pcm, out);
  return out;
}

std::string Stem(const std::string& path) {
  return std::filesystem::path(path).stem().string();
}

}  // namespace

StatusOr<CallAudio> LoadCallAudio(const CallInputs& in) {
  SC_RETURN_IF_ERROR(ValidateInputs(in));
  CallAudio out;
  if (!in.wav.empty()) {
    SC_ASSIGN_OR_RETURN(audio::PcmAudio pcm, audio::ReadWav(in.wav));
    if (pcm.channels < 2) {
      return InvalidArgument(
          in.wav + " has " + std::to_string(pcm.channels) +
          " channel(s); a call needs a stereo file (agent and "
          "prospect) or --agent A.wav --prospect P.wav");
    }
    out.name = Stem(in.wav);
    out.sample_rate = pcm.sample_rate;
    out.agent = audio::ExtractChannel(pcm, in.agent_channel);
    out.prospect = audio::ExtractChannel(pcm, 1 - in.agent_channel);
  } else {
    SC_ASSIGN_OR_RETURN(audio::PcmAudio a, audio::ReadWav(in.agent_wav));
    SC_ASSIGN_OR_RETURN(audio::PcmAudio p, audio::ReadWav(in.prospect_wav));
    if (a.channels != 1 || p.channels != 1) {
      return InvalidArgument("--agent and --prospect files must be mono");
    }
    out.name = Stem(in.agent_wav);
    out.sample_rate = std::max(a.sample_rate, p.sample_rate);
    SC_ASSIGN_OR_RETURN(out.agent, Resampled(std::move(a.samples),
                                             a.sample_rate, out.sample_rate));
    SC_ASSIGN_OR_RETURN(
        out.prospect,
        Resampled(std::move(p.samples), p.sample_rate, out.sample_rate));
  }
  size_t n = std::max(out.agent.size(), out.prospect.size());
  out.agent.resize(n, 0);
  out.prospect.resize(n, 0);
  return out;
}

StatusOr<std::vector<TranscriptFinal>> LoadTranscript(const std::string& path) {
  std::ifstream f(path);
  if (!f) return IoError("cannot read transcript " + path);
  std::stringstream ss;
  ss << f.rdbuf();
  return analysis::ParseTranscriptJsonl(ss.str());
}

}  // namespace sc::cli
