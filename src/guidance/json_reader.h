// Strict reading of JSON objects for the guidance formats (AiConfig,
// playbooks, feedback). Private to src/guidance: Boost.JSON does not leak
// into the public headers.
//
// Every error is an InvalidArgument whose message starts with the dotted path
// of the offending field ("ai_config.notifications.objection_alerts: expected
// true or false"), so a user fixing a settings form or a tenant fixing a
// playbook file knows exactly where to look.
//
// Thread-safety: plain values; an ObjectReader is used by one thread.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sc::guidance::internal {

namespace json = boost::json;

enum class Presence { kOptional, kRequired };

// Parses `text` as one JSON value; `what` names the document in errors.
StatusOr<json::value> ParseJsonText(std::string_view text,
                                    std::string_view what);

// Reads the fields of one object. Each accessor marks its key as known;
// Finish() fails on any key that no accessor asked for, so a misspelt field
// is an error rather than a silently ignored setting.
class ObjectReader {
 public:
  // REQUIRES: `object` outlives the reader.
  ObjectReader(const json::object& object, std::string path)
      : object_(object), path_(std::move(path)) {}

  // "path.key".
  std::string PathOf(std::string_view key) const;
  const std::string& path() const { return path_; }

  // The raw value of `key`, or nullptr when absent (an error when required).
  StatusOr<const json::value*> Value(std::string_view key, Presence presence);

  // Typed accessors: leave `*out` unchanged when the key is absent and
  // optional.
  Status String(std::string_view key, std::string* out,
                Presence presence = Presence::kOptional);
  Status Bool(std::string_view key, bool* out,
              Presence presence = Presence::kOptional);
  Status Number(std::string_view key, double* out,
                Presence presence = Presence::kOptional);
  Status Int(std::string_view key, int64_t* out,
             Presence presence = Presence::kOptional);
  Status StringList(std::string_view key, std::vector<std::string>* out,
                    Presence presence = Presence::kOptional);

  // REQUIRES: called after every accessor. Fails naming the first unknown
  // field.
  Status Finish() const;

 private:
  const json::object& object_;
  std::string path_;
  std::set<std::string, std::less<>> known_;
};

// The object at `value`, or an InvalidArgument naming `path`.
StatusOr<const json::object*> AsObject(const json::value& value,
                                       const std::string& path);

}  // namespace sc::guidance::internal
