// sc_measure_cmn FILE.wav...: prints the mean cepstrum of the files as a
// PocketSphinx -cmninit value (how kTelephoneCmninit was measured).
//
// Each file is resampled to 16 kHz and decoded in one block with batch CMN;
// PocketSphinx then holds the file's cepstral mean, which is averaged over
// all files weighted by frame count. Uses the stock en-us model front end.
#include <pocketsphinx.h>
#include <sphinxbase/err.h>
#include <sphinxbase/feat.h>

#include <cstdio>
#include <string>
#include <vector>

#include "audio/resampler.h"
#include "audio/wav.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE.wav...\n", argv[0]);
    return 2;
  }
  err_set_logfp(nullptr);
  const std::string m = "/usr/share/pocketsphinx/model/en-us";
  std::vector<std::string> args = {
      "-hmm", m + "/en-us",        "-dict",  m + "/cmudict-en-us.dict",
      "-lm",  m + "/en-us.lm.bin", "-logfn", "/dev/null"};
  std::vector<char*> av;
  for (auto& a : args) av.push_back(a.data());
  cmd_ln_t* config = cmd_ln_parse_r(
      nullptr, ps_args(), static_cast<int>(av.size()), av.data(), FALSE);
  ps_decoder_t* ps = config ? ps_init(config) : nullptr;
  if (ps == nullptr) {
    std::fprintf(stderr, "cannot load pocketsphinx model\n");
    return 1;
  }
  std::vector<double> sum(13, 0.0);
  double frames = 0;
  for (int i = 1; i < argc; ++i) {
    auto audio = sc::audio::ReadWav(argv[i]);
    if (!audio.ok()) {
      std::fprintf(stderr, "%s\n", audio.status().ToString().c_str());
      return 1;
    }
    auto mono = sc::audio::ExtractChannel(*audio, 0);
    auto rs = sc::audio::Resampler::Create(audio->sample_rate, 16000);
    if (!rs.ok()) return 1;
    std::vector<int16_t> pcm;
    (*rs)->Process(mono, pcm);
    ps_start_utt(ps);
    ps_process_raw(ps, pcm.data(), pcm.size(), FALSE, TRUE);
    ps_end_utt(ps);
    const cmn_t* cmn = ps_get_feat(ps)->cmn_struct;
    const double n = static_cast<double>(pcm.size()) / 160.0;
    std::printf("%s:", argv[i]);
    for (int k = 0; k < 13; ++k) {
      sum[k] += cmn->cmn_mean[k] * n;
      std::printf(" %.2f", static_cast<double>(cmn->cmn_mean[k]));
    }
    std::printf("\n");
    frames += n;
  }
  std::printf("cmninit ");
  for (int k = 0; k < 13; ++k) {
    std::printf("%s%.2f", k ? "," : "", sum[k] / frames);
  }
  std::printf("\n");
  ps_free(ps);
  cmd_ln_free_r(config);
  return 0;
}
