#include "telephony/twilio/recording_store.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/log.h"
#include "telephony/twilio/rest_wire.h"

namespace sc::twilio {
namespace fs = std::filesystem;

namespace {

std::string Errno(std::string_view what, const std::string& path) {
  return std::string(what) + " " + path + ": " + std::strerror(errno);
}

// Writes all of `data` to `fd`, retrying short writes and EINTR.
bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

Status SyncDirectory(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return IoError(Errno("cannot open directory", dir));
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return IoError(Errno("cannot sync directory", dir));
  return Status::Ok();
}

StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return NotFound("no recording at " + path);
    return IoError(Errno("cannot open", path));
  }
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) return IoError("cannot read " + path);
  return std::move(out).str();
}

class LocalRecordingStore : public RecordingStore {
 public:
  explicit LocalRecordingStore(fs::path root) : root_(std::move(root)) {}

  StatusOr<StoredRecording> Put(const RecordingKey& key,
                                RecordingMediaType type,
                                std::string_view media) override {
    SC_RETURN_IF_ERROR(ValidateRecordingKey(key));
    if (media.empty()) return InvalidArgument("refusing to store empty media");
    const fs::path dir = Dir(key);
    const fs::path file = dir / FileName(key, type);
    StoredRecording out = Describe(file, media);

    std::error_code ec;
    if (fs::exists(file, ec)) {
      auto existing = ReadFile(file.string());
      if (existing.ok() && *existing == media) {
        out.outcome = PutOutcome::kAlreadyStored;
        return out;
      }
      out.outcome = PutOutcome::kReplaced;
      LogWarn("recording_store.replacing",
              {F("call", key.call_sid), F("recording", key.recording_sid),
               F("path", file.string())});
    }
    fs::create_directories(dir, ec);
    if (ec) {
      return IoError("cannot create " + dir.string() + ": " + ec.message());
    }
    static std::atomic<uint64_t> counter{0};
    const fs::path tmp =
        dir / (".tmp-" + FileName(key, type) + "." +
               std::to_string(::getpid()) + "." + std::to_string(counter++));
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (fd < 0) return IoError(Errno("cannot create", tmp.string()));
    const bool written = WriteAll(fd, media) && ::fsync(fd) == 0;
    const std::string write_error = written ? "" : std::strerror(errno);
    ::close(fd);
    if (!written) {
      fs::remove(tmp, ec);
      return IoError("cannot write " + tmp.string() + ": " + write_error);
    }
    if (::rename(tmp.c_str(), file.c_str()) != 0) {
      Status s = IoError(Errno("cannot rename into", file.string()));
      fs::remove(tmp, ec);
      return s;
    }
    SC_RETURN_IF_ERROR(SyncDirectory(dir.string()));
    return out;
  }

  StatusOr<StoredRecording> Stat(const RecordingKey& key,
                                 RecordingMediaType type) const override {
    SC_RETURN_IF_ERROR(ValidateRecordingKey(key));
    const fs::path file = Dir(key) / FileName(key, type);
    SC_ASSIGN_OR_RETURN(std::string bytes, ReadFile(file.string()));
    StoredRecording out = Describe(file, bytes);
    out.outcome = PutOutcome::kAlreadyStored;
    return out;
  }

  StatusOr<std::string> Read(const RecordingKey& key,
                             RecordingMediaType type) const override {
    SC_RETURN_IF_ERROR(ValidateRecordingKey(key));
    return ReadFile((Dir(key) / FileName(key, type)).string());
  }

 private:
  fs::path Dir(const RecordingKey& key) const {
    return root_ / (key.tenant.empty() ? "default" : key.tenant) / key.call_sid;
  }
  static std::string FileName(const RecordingKey& key,
                              RecordingMediaType type) {
    return key.recording_sid +
           (type == RecordingMediaType::kMp3 ? ".mp3" : ".wav");
  }
  static StoredRecording Describe(const fs::path& file,
                                  std::string_view bytes) {
    StoredRecording r;
    r.path = file.string();
    r.location = "file://" + r.path;
    r.size_bytes = bytes.size();
    r.sha256_hex = Sha256Hex(bytes);
    return r;
  }

  const fs::path root_;
};

}  // namespace

Status ValidateRecordingKey(const RecordingKey& key) {
  if (!IsTwilioSid(key.call_sid, "CA")) {
    return InvalidArgument(
        "recording key: call sid must be CA + 32 hex digits");
  }
  if (!IsTwilioSid(key.recording_sid, "RE")) {
    return InvalidArgument(
        "recording key: recording sid must be RE + 32 hex digits");
  }
  if (key.tenant.size() > 64) {
    return InvalidArgument("recording key: tenant longer than 64 characters");
  }
  for (char c : key.tenant) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) {
      return InvalidArgument(
          "recording key: tenant may hold only letters, digits, '_' and '-'");
    }
  }
  return Status::Ok();
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

StatusOr<std::unique_ptr<RecordingStore>> OpenLocalRecordingStore(
    const LocalRecordingStoreOptions& options) {
  if (options.root_dir.empty()) {
    return InvalidArgument("recording store: root_dir is required");
  }
  std::error_code ec;
  fs::create_directories(options.root_dir, ec);
  if (ec) {
    return IoError("cannot create " + options.root_dir + ": " + ec.message());
  }
  fs::path root = fs::absolute(options.root_dir, ec);
  if (ec) return IoError("cannot resolve " + options.root_dir);
  return std::unique_ptr<RecordingStore>(
      new LocalRecordingStore(root.lexically_normal()));
}

}  // namespace sc::twilio
