// What the speech benchmarks share: CPU clocks, resident memory, and a
// test-call track as a phone call delivers it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sc::bench {

// CPU time (user + system) of the whole process, in seconds.
double ProcessCpuSeconds();
// CPU time of the calling thread, in seconds.
double ThreadCpuSeconds();
// Resident memory of the process, in MB.
double RssMb();
// Channel 0 of the WAV file at `path`, resampled to 8 kHz and passed
// through G.711 u-law, as a call delivers it. Empty on error (reported on
// stderr).
std::vector<int16_t> LoadTelephoneTrack(const std::string& path);

}  // namespace sc::bench
