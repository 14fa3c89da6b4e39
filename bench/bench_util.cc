#include "bench_util.h"

#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "audio/resampler.h"
#include "audio/ulaw.h"
#include "audio/wav.h"

namespace sc::bench {

double ProcessCpuSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double RssMb() {
  std::ifstream f("/proc/self/statm");
  long pages_total = 0, pages_rss = 0;
  f >> pages_total >> pages_rss;
  return static_cast<double>(pages_rss) *
         static_cast<double>(sysconf(_SC_PAGESIZE)) / 1048576.0;
}

std::vector<int16_t> LoadTelephoneTrack(const std::string& path) {
  auto a = audio::ReadWav(path);
  if (!a.ok()) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(),
                 a.status().ToString().c_str());
    return {};
  }
  std::vector<int16_t> pcm8 = audio::ExtractChannel(*a, 0);
  if (a->sample_rate != 8000) {
    auto rs = audio::Resampler::Create(a->sample_rate, 8000);
    if (!rs.ok()) return {};
    std::vector<int16_t> out;
    (*rs)->Process(pcm8, out);
    pcm8 = std::move(out);
  }
  std::vector<uint8_t> ulaw;
  std::vector<int16_t> decoded;
  audio::EncodeUlaw(pcm8, ulaw);
  audio::DecodeUlaw(ulaw, decoded);
  return decoded;
}

}  // namespace sc::bench
