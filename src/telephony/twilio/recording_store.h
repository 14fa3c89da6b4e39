// Recording store: where call recordings (audio files) are kept.
//
//   SC_ASSIGN_OR_RETURN(auto store,
//                       OpenLocalRecordingStore({.root_dir = data +
//                       "/recordings"}));
//   SC_ASSIGN_OR_RETURN(StoredRecording r, store->Put(key, wav_bytes));
//   // r.location is what the call's row in the database links to.
//
// The interface is provider-neutral (a call SID and recording SID are the
// only Twilio-shaped parts); the default implementation keeps local files:
//
//   <root_dir>/<tenant>/<CallSid>/<RecordingSid>.wav    (tenant "default"
//                                                        when none is given)
//
// Contract:
//   - Keys are validated before any path is built: CallSid is "CA" + 32 hex
//     digits, RecordingSid "RE" + 32 hex, tenant [A-Za-z0-9_-]{1,64}.
//     Anything else (e.g. "../x") is InvalidArgument, so no key can name a
//     path outside root_dir.
//   - Put is atomic: the bytes go to a temporary file in the same directory,
//     are flushed (fsync) and renamed into place, then the directory is
//     flushed; a reader never sees a partial file, a crash leaves at most a
//     stray temporary file (named ".tmp-*", safe to delete).
//   - Put is idempotent: the same bytes again give kAlreadyStored and touch
//     nothing. Different bytes for the same key replace the file (kReplaced,
//     logged): Twilio's media for a recording SID never changes, so the old
//     file was damaged.
//   - Stat reads the file back and reports its size and SHA-256; NotFound
//     when absent.
//   - Errors: InvalidArgument (bad key, empty media), NotFound, IoError.
//   - Thread-safety: implementations are safe to use from many threads;
//     concurrent Puts of one key each write their own temporary file and the
//     last rename wins (both hold the same bytes in practice).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sc::twilio {

struct RecordingKey {
  std::string tenant;  // Empty: "default".
  std::string call_sid;
  std::string recording_sid;
};

enum class RecordingMediaType { kWav, kMp3 };

enum class PutOutcome {
  kCreated,        // The file did not exist.
  kAlreadyStored,  // The same bytes were already there; nothing was written.
  kReplaced,       // Different bytes were there and have been replaced.
};

struct StoredRecording {
  // Where the recording is, for the database: for local files the absolute
  // path, as a "file://" URI.
  std::string location;
  std::string path;  // Local file path (empty for non-file stores).
  uint64_t size_bytes = 0;
  std::string sha256_hex;  // Lower-case hex of the SHA-256 of the bytes.
  PutOutcome outcome = PutOutcome::kCreated;  // Meaningful after Put only.
};

class RecordingStore {
 public:
  virtual ~RecordingStore() = default;
  virtual StatusOr<StoredRecording> Put(const RecordingKey& key,
                                        RecordingMediaType type,
                                        std::string_view media) = 0;
  virtual StatusOr<StoredRecording> Stat(const RecordingKey& key,
                                         RecordingMediaType type) const = 0;
  // The stored bytes; NotFound when absent.
  virtual StatusOr<std::string> Read(const RecordingKey& key,
                                     RecordingMediaType type) const = 0;
};

struct LocalRecordingStoreOptions {
  // The directory recordings go under; created (with parents) when missing.
  // Required. The serve command uses <data_dir>/recordings.
  std::string root_dir;
};

StatusOr<std::unique_ptr<RecordingStore>> OpenLocalRecordingStore(
    const LocalRecordingStoreOptions& options);

// Validates a key (see the contract above).
Status ValidateRecordingKey(const RecordingKey& key);

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

}  // namespace sc::twilio
