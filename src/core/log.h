// Structured logging: one JSON object per line on stderr (or a test sink).
//
//   sc::LogInfo("media.frame_rejected", {sc::F("call", sid), sc::F("error",
//   e)}); sc::LogInfo("transcript.final", {sc::F("call", sid), sc::Pii("text",
//   t)});
//
// The message is a fixed event name, never formatted with data. Values go in
// fields. Personal data (transcripts, phone numbers, digits, CRM fields) goes
// only in Pii() fields, which are written as "[redacted]" unless redaction is
// turned off explicitly (SALESCOPILOT_LOG_PII=1, for local debugging only).
//
// Thread-safety: all functions may be called from any thread; each line is
// written with a single write so lines never interleave.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

namespace sc {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

struct LogField {
  enum class Kind { kString, kNumber, kPii };
  std::string key;
  std::string value;  // Already formatted; numbers are written unquoted.
  Kind kind = Kind::kString;
};

LogField F(std::string_view key, std::string_view value);
LogField F(std::string_view key, const char* value);
LogField F(std::string_view key, const std::string& value);
LogField F(std::string_view key, int64_t value);
LogField F(std::string_view key, int value);
LogField F(std::string_view key, uint64_t value);
LogField F(std::string_view key, double value);
// Personal data: redacted in output unless PII logging is enabled.
LogField Pii(std::string_view key, std::string_view value);

struct LogOptions {
  LogLevel min_level = LogLevel::kInfo;
  bool redact_pii = true;  // Default: personal data never reaches the log.
};
void SetLogOptions(const LogOptions& options);
LogOptions GetLogOptions();

// Replaces the output (stderr by default) with `sink`, e.g. in tests. Pass
// nullptr to restore stderr.
void SetLogSink(std::function<void(std::string_view line)> sink);

void Log(LogLevel level, std::string_view event,
         std::initializer_list<LogField> fields = {});
inline void LogDebug(std::string_view e,
                     std::initializer_list<LogField> f = {}) {
  Log(LogLevel::kDebug, e, f);
}
inline void LogInfo(std::string_view e,
                    std::initializer_list<LogField> f = {}) {
  Log(LogLevel::kInfo, e, f);
}
inline void LogWarn(std::string_view e,
                    std::initializer_list<LogField> f = {}) {
  Log(LogLevel::kWarn, e, f);
}
inline void LogError(std::string_view e,
                     std::initializer_list<LogField> f = {}) {
  Log(LogLevel::kError, e, f);
}

// Escapes `s` for inclusion inside a JSON string literal (no quotes added).
void AppendJsonEscaped(std::string& out, std::string_view s);

}  // namespace sc
