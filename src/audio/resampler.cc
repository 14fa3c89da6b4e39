#include "audio/resampler.h"

#include <speex/speex_resampler.h>

#include <string>

namespace sc::audio {

struct Resampler::State {
  SpeexResamplerState* st = nullptr;
};

StatusOr<std::unique_ptr<Resampler>> Resampler::Create(int in_rate,
                                                       int out_rate,
                                                       int quality) {
  if (in_rate <= 0 || out_rate <= 0) {
    return InvalidArgument("resampler: rates must be positive, got " +
                           std::to_string(in_rate) + " -> " +
                           std::to_string(out_rate));
  }
  if (quality < SPEEX_RESAMPLER_QUALITY_MIN ||
      quality > SPEEX_RESAMPLER_QUALITY_MAX) {
    return InvalidArgument("resampler: quality must be 0..10, got " +
                           std::to_string(quality));
  }
  int err = RESAMPLER_ERR_SUCCESS;
  SpeexResamplerState* st =
      speex_resampler_init(1, static_cast<spx_uint32_t>(in_rate),
                           static_cast<spx_uint32_t>(out_rate), quality, &err);
  if (st == nullptr || err != RESAMPLER_ERR_SUCCESS) {
    if (st != nullptr) speex_resampler_destroy(st);
    return InvalidArgument(std::string("resampler: ") +
                           speex_resampler_strerror(err));
  }
  auto* state = new State{st};
  return std::unique_ptr<Resampler>(new Resampler(state, in_rate, out_rate));
}

Resampler::Resampler(State* state, int in_rate, int out_rate)
    : state_(state), in_rate_(in_rate), out_rate_(out_rate) {}

Resampler::~Resampler() {
  speex_resampler_destroy(state_->st);
  delete state_;
}

int Resampler::input_latency() const {
  return speex_resampler_get_input_latency(state_->st);
}

void Resampler::Process(std::span<const int16_t> in,
                        std::vector<int16_t>& out) {
  // speexdsp may consume less than offered when the output buffer is full,
  // so loop until every input sample has been taken.
  while (!in.empty()) {
    const size_t room =
        in.size() * static_cast<size_t>(out_rate_) / in_rate_ + 16;
    const size_t old_size = out.size();
    out.resize(old_size + room);
    spx_uint32_t in_len = static_cast<spx_uint32_t>(in.size());
    spx_uint32_t out_len = static_cast<spx_uint32_t>(room);
    speex_resampler_process_int(state_->st, 0, in.data(), &in_len,
                                out.data() + old_size, &out_len);
    out.resize(old_size + out_len);
    in = in.subspan(in_len);
    if (in_len == 0 && out_len == 0) break;  // Defensive: no progress.
  }
}

}  // namespace sc::audio
