#include "speech/pocketsphinx/ps_util.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <utility>

namespace sc::speech::ps {
namespace {

struct CmdLnFree {
  void operator()(cmd_ln_t* c) const { cmd_ln_free_r(c); }
};
using CmdLnPtr = std::unique_ptr<cmd_ln_t, CmdLnFree>;

}  // namespace

std::string DefaultWorkDir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    return std::string(xdg) + "/salescopilot";
  }
  return "/tmp/salescopilot-model-" + std::to_string(::getuid());
}

uint64_t Fnv1a(std::string_view s, uint64_t h) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

StatusOr<ps_decoder_t*> NewDecoder(const std::vector<std::string>& args,
                                   std::string_view what) {
  static std::mutex init_mu;
  std::lock_guard<std::mutex> lock(init_mu);
  // cmd_ln_parse_r takes char**; it copies what it keeps.
  std::vector<std::string> copy = args;
  std::vector<char*> argv;
  for (auto& a : copy) argv.push_back(a.data());
  CmdLnPtr config(cmd_ln_parse_r(
      nullptr, ps_args(), static_cast<int32>(argv.size()), argv.data(), FALSE));
  if (!config) {
    return InvalidArgument("pocketsphinx rejected the " + std::string(what) +
                           " options");
  }
  ps_decoder_t* decoder = ps_init(config.get());
  if (decoder == nullptr) {
    return Internal("pocketsphinx failed to load the " + std::string(what) +
                    " model");
  }
  return decoder;
}

DecoderFactory::DecoderFactory(std::vector<std::string> args, std::string what)
    : args_(std::move(args)), what_(std::move(what)) {}

DecoderFactory::~DecoderFactory() {
  if (spare_ != nullptr) ps_free(spare_);
}

Status DecoderFactory::Init() {
  SC_ASSIGN_OR_RETURN(ps_decoder_t * ps, NewDecoder(args_, what_));
  std::lock_guard<std::mutex> lock(mu_);
  if (spare_ != nullptr) ps_free(spare_);
  spare_ = ps;
  return Status::Ok();
}

StatusOr<ps_decoder_t*> DecoderFactory::Take() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (spare_ != nullptr) return std::exchange(spare_, nullptr);
  }
  return NewDecoder(args_, what_);
}

DecoderUtterances::DecoderUtterances(ps_decoder_t* ps, int sample_rate,
                                     std::string_view what)
    : ps_(ps), sample_rate_(sample_rate), what_(what) {
  frame_rate_ = cmd_ln_int32_r(ps_get_config(ps_), "-frate");
  if (frame_rate_ <= 0) frame_rate_ = 100;
}

DecoderUtterances::~DecoderUtterances() {
  if (open_) ps_end_utt(ps_);
  ps_free(ps_);
}

Status DecoderUtterances::Start(double at_s) {
  if (open_) return FailedPrecondition("utterance already open");
  if (ps_start_stream(ps_) < 0 || ps_start_utt(ps_) < 0) {
    return Internal("ps_start_utt failed (" + what_ + ")");
  }
  open_ = true;
  at_s_ = at_s;
  fed_ = 0;
  return Status::Ok();
}

Status DecoderUtterances::Feed(std::span<const int16_t> pcm) {
  if (!open_) return FailedPrecondition("Feed without StartUtterance");
  if (pcm.empty()) return Status::Ok();
  if (ps_process_raw(ps_, pcm.data(), pcm.size(), FALSE, FALSE) < 0) {
    return Internal("ps_process_raw failed (" + what_ + ")");
  }
  fed_ += static_cast<int64_t>(pcm.size());
  return Status::Ok();
}

Status DecoderUtterances::End() {
  if (!open_) return FailedPrecondition("EndUtterance without Start");
  open_ = false;
  if (ps_end_utt(ps_) < 0) return Internal("ps_end_utt failed (" + what_ + ")");
  return Status::Ok();
}

double DecoderUtterances::end_s() const {
  return at_s_ + static_cast<double>(fed_) / sample_rate_;
}

double DecoderUtterances::FrameTime(int frame) const {
  return std::min(end_s(), at_s_ + static_cast<double>(frame) / frame_rate_);
}

}  // namespace sc::speech::ps
