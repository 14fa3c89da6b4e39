// store_bench: how fast the store appends call events.
//
//   store_bench [store-url]      default: a fresh SQLite file under $TMPDIR
//
// Prints events appended per second, one event per commit (AppendEvent, what
// a live call does) and in batches of 100 (AppendEvents). Each mode runs on
// its own calls. Links only sc_storage (which brings sc_core and SQLite).
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/log.h"
#include "storage/store.h"

namespace {

using sc::storage::CallRecord;
using sc::storage::Store;
using sc::storage::StoredEvent;

constexpr int kSingleEvents = 5000;
constexpr int kBatchedEvents = 100000;
constexpr int kBatchSize = 100;

// A transcript.final-sized payload (~250 bytes).
const std::string kPayload =
    R"({"utterance_id":"agent-12","speaker":"agent","start_ms":61200,)"
    R"("end_ms":64100,"text":"so what I would suggest is that we set up a )"
    R"(short call next week with your team to walk through the pricing",)"
    R"("confidence":0.93})";

StoredEvent Event(const std::string& sid, int64_t seq) {
  return {sid,     seq, "transcript.final", seq * 20, 1'700'000'000'000 + seq,
          kPayload};
}

bool Check(const sc::Status& s) {
  if (s.ok()) return true;
  std::fprintf(stderr, "store_bench: %s\n", s.ToString().c_str());
  return false;
}

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  sc::LogOptions log_options;
  log_options.min_level = sc::LogLevel::kWarn;
  sc::SetLogOptions(log_options);
  std::string dir;
  std::string url;
  if (argc > 1) {
    url = argv[1];
  } else {
    std::string tmpl =
        (std::filesystem::temp_directory_path() / "sc_store_bench_XXXXXX")
            .string();
    if (mkdtemp(tmpl.data()) == nullptr) {
      std::perror("mkdtemp");
      return 1;
    }
    dir = tmpl;
    url = "sqlite:" + dir + "/bench.db";
  }

  int rc = 0;
  {
    sc::StatusOr<std::unique_ptr<Store>> opened = sc::storage::OpenStore(url);
    if (!Check(opened.status())) return 1;
    Store& store = **opened;
    const std::string tag = std::to_string(getpid());
    CallRecord single;
    single.call_sid = "bench-single-" + tag;
    CallRecord batched;
    batched.call_sid = "bench-batched-" + tag;
    if (!Check(store.CreateCall(single)) || !Check(store.CreateCall(batched))) {
      return 1;
    }

    auto start = std::chrono::steady_clock::now();
    for (int64_t seq = 1; seq <= kSingleEvents && rc == 0; ++seq) {
      if (!Check(store.AppendEvent(Event(single.call_sid, seq)))) rc = 1;
    }
    double single_s = Seconds(start);

    start = std::chrono::steady_clock::now();
    std::vector<StoredEvent> batch;
    for (int64_t seq = 1; seq <= kBatchedEvents && rc == 0; ++seq) {
      batch.push_back(Event(batched.call_sid, seq));
      if (batch.size() == kBatchSize) {
        if (!Check(store.AppendEvents(batch))) rc = 1;
        batch.clear();
      }
    }
    double batched_s = Seconds(start);

    if (rc == 0) {
      std::printf("store: %s\n", url.c_str());
      std::printf(
          "single-row (1 event/commit): %8.0f events/s  (%d in %.2fs)\n",
          kSingleEvents / single_s, kSingleEvents, single_s);
      std::printf("batched (%d events/commit): %8.0f events/s  (%d in %.2fs)\n",
                  kBatchSize, kBatchedEvents / batched_s, kBatchedEvents,
                  batched_s);
    }
  }
  if (!dir.empty()) std::filesystem::remove_all(dir);
  return rc;
}
