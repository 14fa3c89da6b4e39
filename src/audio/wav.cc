#include "audio/wav.h"

#include <sndfile.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <memory>

namespace sc::audio {

int64_t PcmAudio::frames() const {
  return channels > 0 ? static_cast<int64_t>(samples.size()) / channels : 0;
}

double PcmAudio::duration_s() const {
  return sample_rate > 0 ? static_cast<double>(frames()) / sample_rate : 0.0;
}

namespace {

struct SndFileCloser {
  void operator()(SNDFILE* f) const { sf_close(f); }
};
using SndFilePtr = std::unique_ptr<SNDFILE, SndFileCloser>;

}  // namespace

StatusOr<PcmAudio> ReadWav(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return NotFound("audio file not found: " + path);
    return IoError("cannot stat audio file " + path + ": " +
                   std::strerror(errno));
  }
  SF_INFO info{};
  SndFilePtr f(sf_open(path.c_str(), SFM_READ, &info));
  if (!f) {
    const int err = sf_error(nullptr);
    const std::string why = sf_error_number(err);
    if (err == SF_ERR_UNRECOGNISED_FORMAT || err == SF_ERR_MALFORMED_FILE ||
        err == SF_ERR_UNSUPPORTED_ENCODING) {
      return InvalidArgument("unsupported audio file " + path + ": " + why);
    }
    return IoError("cannot open audio file " + path + ": " + why);
  }
  if (info.channels <= 0 || info.samplerate <= 0) {
    return InvalidArgument("audio file " + path + " has no channels or rate");
  }

  PcmAudio out;
  out.sample_rate = info.samplerate;
  out.channels = info.channels;
  if (info.frames > 0) {
    out.samples.reserve(static_cast<size_t>(info.frames) * info.channels);
  }
  // Read in blocks: some formats report an unknown (or wrong) frame count.
  // Samples are read as floats normalised to [-1, 1) (exact for 16-bit and
  // G.711 sources) and converted here, because libsndfile's own float to
  // short conversion does not scale float files.
  std::vector<float> block(4096 * static_cast<size_t>(info.channels));
  for (;;) {
    const sf_count_t n = sf_readf_float(f.get(), block.data(), 4096);
    if (n <= 0) break;
    for (sf_count_t i = 0; i < n * info.channels; ++i) {
      const float v =
          std::clamp(std::nearbyint(block[i] * 32768.0f), -32768.0f, 32767.0f);
      out.samples.push_back(static_cast<int16_t>(v));
    }
  }
  if (sf_error(f.get()) != SF_ERR_NO_ERROR) {
    return IoError("error reading audio file " + path + ": " +
                   sf_strerror(f.get()));
  }
  return out;
}

Status WriteWav(const std::string& path, const PcmAudio& audio) {
  if (audio.sample_rate <= 0 || audio.channels <= 0) {
    return InvalidArgument("WriteWav " + path +
                           ": sample_rate and channels must be positive");
  }
  if (audio.samples.size() % static_cast<size_t>(audio.channels) != 0) {
    return InvalidArgument("WriteWav " + path +
                           ": sample count is not a multiple of channels");
  }
  SF_INFO info{};
  info.samplerate = audio.sample_rate;
  info.channels = audio.channels;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  SndFilePtr f(sf_open(path.c_str(), SFM_WRITE, &info));
  if (!f) {
    return IoError("cannot create audio file " + path + ": " +
                   sf_strerror(nullptr));
  }
  const sf_count_t frames = audio.frames();
  if (sf_writef_short(f.get(), audio.samples.data(), frames) != frames) {
    return IoError("error writing audio file " + path + ": " +
                   sf_strerror(f.get()));
  }
  if (sf_close(f.release()) != 0) {
    return IoError("error closing audio file " + path);
  }
  return Status::Ok();
}

std::vector<int16_t> ExtractChannel(const PcmAudio& audio, int channel) {
  std::vector<int16_t> out;
  if (channel < 0 || channel >= audio.channels) return out;
  const int64_t n = audio.frames();
  out.reserve(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    out.push_back(
        audio.samples[static_cast<size_t>(i * audio.channels + channel)]);
  }
  return out;
}

namespace {

void PutLe(std::string& out, uint32_t v, int bytes) {
  for (int i = 0; i < bytes; ++i)
    out += static_cast<char>((v >> (8 * i)) & 0xff);
}

}  // namespace

std::string EncodeWav(std::span<const int16_t> pcm, int sample_rate) {
  const auto data_bytes = static_cast<uint32_t>(pcm.size() * 2);
  const auto rate = static_cast<uint32_t>(sample_rate);
  std::string out;
  out.reserve(44 + data_bytes);
  out += "RIFF";
  PutLe(out, 36 + data_bytes, 4);
  out += "WAVEfmt ";
  PutLe(out, 16, 4);        // fmt chunk size.
  PutLe(out, 1, 2);         // PCM.
  PutLe(out, 1, 2);         // Mono.
  PutLe(out, rate, 4);      // Sample rate.
  PutLe(out, rate * 2, 4);  // Byte rate.
  PutLe(out, 2, 2);         // Block align.
  PutLe(out, 16, 2);        // Bits per sample.
  out += "data";
  PutLe(out, data_bytes, 4);
  for (int16_t s : pcm) PutLe(out, static_cast<uint16_t>(s), 2);
  return out;
}

}  // namespace sc::audio
