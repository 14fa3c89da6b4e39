#include "core/log.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace sc {
namespace {

struct LogState {
  std::mutex mu;
  LogOptions options;                          // GUARDED_BY(mu)
  std::function<void(std::string_view)> sink;  // GUARDED_BY(mu)
};

LogState& State() {
  static LogState* state = new LogState();  // Never destroyed: usable at exit.
  return *state;
}

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

std::string NowIso8601() {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                now.time_since_epoch())
                .count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return buf;
}

}  // namespace

void AppendJsonEscaped(std::string& out, std::string_view s) {
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
}

LogField F(std::string_view key, std::string_view value) {
  return {std::string(key), std::string(value), LogField::Kind::kString};
}
LogField F(std::string_view key, const char* value) {
  return F(key, std::string_view(value));
}
LogField F(std::string_view key, const std::string& value) {
  return F(key, std::string_view(value));
}
LogField F(std::string_view key, int64_t value) {
  return {std::string(key), std::to_string(value), LogField::Kind::kNumber};
}
LogField F(std::string_view key, int value) {
  return F(key, static_cast<int64_t>(value));
}
LogField F(std::string_view key, uint64_t value) {
  return {std::string(key), std::to_string(value), LogField::Kind::kNumber};
}
LogField F(std::string_view key, double value) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.6g", value);
  return {std::string(key), buf, LogField::Kind::kNumber};
}
LogField Pii(std::string_view key, std::string_view value) {
  return {std::string(key), std::string(value), LogField::Kind::kPii};
}

void SetLogOptions(const LogOptions& options) {
  std::lock_guard<std::mutex> lock(State().mu);
  State().options = options;
}

LogOptions GetLogOptions() {
  std::lock_guard<std::mutex> lock(State().mu);
  return State().options;
}

void SetLogSink(std::function<void(std::string_view)> sink) {
  std::lock_guard<std::mutex> lock(State().mu);
  State().sink = std::move(sink);
}

void Log(LogLevel level, std::string_view event,
         std::initializer_list<LogField> fields) {
  LogOptions options = GetLogOptions();
  if (static_cast<int>(level) < static_cast<int>(options.min_level)) return;
  std::string line = "{\"ts\":\"" + NowIso8601() + "\",\"level\":\"" +
                     LevelName(level) + "\",\"event\":\"";
  AppendJsonEscaped(line, event);
  line += '"';
  for (const LogField& f : fields) {
    line += ",\"";
    AppendJsonEscaped(line, f.key);
    line += "\":";
    if (f.kind == LogField::Kind::kNumber) {
      line += f.value;
    } else if (f.kind == LogField::Kind::kPii && options.redact_pii) {
      line += "\"[redacted]\"";
    } else {
      line += '"';
      AppendJsonEscaped(line, f.value);
      line += '"';
    }
  }
  line += "}\n";
  std::lock_guard<std::mutex> lock(State().mu);
  if (State().sink) {
    State().sink(line);
  } else {
    ssize_t ignored = ::write(2, line.data(), line.size());
    (void)ignored;
  }
}

}  // namespace sc
