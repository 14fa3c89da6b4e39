// Clock: time comes through this interface so tests can drive it.
//
// Thread-safety: implementations are safe to call from any thread.
#pragma once

#include <atomic>
#include <cstdint>

namespace sc {

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock time, milliseconds since the Unix epoch (for records).
  virtual int64_t NowUnixMs() const = 0;
  // Monotonic time in microseconds (for durations and latency).
  virtual int64_t NowMonoUs() const = 0;
};

// The process's real clocks. Never destroyed.
Clock& SystemClock();

// A clock that moves only when told; for tests.
class ManualClock : public Clock {
 public:
  explicit ManualClock(int64_t unix_ms = 1'700'000'000'000)
      : unix_ms_(unix_ms) {}
  int64_t NowUnixMs() const override { return unix_ms_.load(); }
  int64_t NowMonoUs() const override { return mono_us_.load(); }
  void AdvanceMs(int64_t ms) {
    unix_ms_ += ms;
    mono_us_ += ms * 1000;
  }

 private:
  std::atomic<int64_t> unix_ms_;
  std::atomic<int64_t> mono_us_{0};
};

}  // namespace sc
