#include "guidance/json_reader.h"

#include <cmath>

namespace sc::guidance::internal {
namespace {

const char* KindName(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "a boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_:
      return "a number";
    case json::kind::string:
      return "a string";
    case json::kind::array:
      return "an array";
    case json::kind::object:
      return "an object";
  }
  return "a value";
}

Status TypeError(const std::string& path, const char* expected,
                 const json::value& got) {
  return InvalidArgument(path + ": expected " + expected + ", got " +
                         KindName(got));
}

}  // namespace

StatusOr<json::value> ParseJsonText(std::string_view text,
                                    std::string_view what) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) {
    return InvalidArgument(std::string(what) +
                           ": not valid JSON: " + ec.message());
  }
  return v;
}

std::string ObjectReader::PathOf(std::string_view key) const {
  std::string p = path_;
  if (!p.empty()) p += '.';
  p += key;
  return p;
}

StatusOr<const json::value*> ObjectReader::Value(std::string_view key,
                                                 Presence presence) {
  known_.emplace(key);
  const json::value* v = object_.if_contains(key);
  if (v == nullptr && presence == Presence::kRequired) {
    return InvalidArgument(PathOf(key) + ": required field is missing");
  }
  return v;
}

Status ObjectReader::String(std::string_view key, std::string* out,
                            Presence presence) {
  SC_ASSIGN_OR_RETURN(const json::value* v, Value(key, presence));
  if (v == nullptr) return Status::Ok();
  if (!v->is_string()) return TypeError(PathOf(key), "a string", *v);
  *out = std::string(v->get_string());
  return Status::Ok();
}

Status ObjectReader::Bool(std::string_view key, bool* out, Presence presence) {
  SC_ASSIGN_OR_RETURN(const json::value* v, Value(key, presence));
  if (v == nullptr) return Status::Ok();
  if (!v->is_bool()) return TypeError(PathOf(key), "true or false", *v);
  *out = v->get_bool();
  return Status::Ok();
}

Status ObjectReader::Number(std::string_view key, double* out,
                            Presence presence) {
  SC_ASSIGN_OR_RETURN(const json::value* v, Value(key, presence));
  if (v == nullptr) return Status::Ok();
  if (v->is_int64()) {
    *out = static_cast<double>(v->get_int64());
  } else if (v->is_uint64()) {
    *out = static_cast<double>(v->get_uint64());
  } else if (v->is_double()) {
    *out = v->get_double();
  } else {
    return TypeError(PathOf(key), "a number", *v);
  }
  return Status::Ok();
}

Status ObjectReader::Int(std::string_view key, int64_t* out,
                         Presence presence) {
  SC_ASSIGN_OR_RETURN(const json::value* v, Value(key, presence));
  if (v == nullptr) return Status::Ok();
  if (v->is_int64()) {
    *out = v->get_int64();
  } else if (v->is_uint64() && v->get_uint64() <= INT64_MAX) {
    *out = static_cast<int64_t>(v->get_uint64());
  } else if (v->is_double() && std::floor(v->get_double()) == v->get_double() &&
             std::fabs(v->get_double()) < 9e15) {
    *out = static_cast<int64_t>(v->get_double());
  } else {
    return TypeError(PathOf(key), "an integer", *v);
  }
  return Status::Ok();
}

Status ObjectReader::StringList(std::string_view key,
                                std::vector<std::string>* out,
                                Presence presence) {
  SC_ASSIGN_OR_RETURN(const json::value* v, Value(key, presence));
  if (v == nullptr) return Status::Ok();
  if (!v->is_array()) return TypeError(PathOf(key), "an array of strings", *v);
  std::vector<std::string> list;
  const json::array& a = v->get_array();
  for (size_t i = 0; i < a.size(); ++i) {
    if (!a[i].is_string()) {
      return TypeError(PathOf(key) + "[" + std::to_string(i) + "]", "a string",
                       a[i]);
    }
    list.emplace_back(a[i].get_string());
  }
  *out = std::move(list);
  return Status::Ok();
}

Status ObjectReader::Finish() const {
  for (const auto& kv : object_) {
    if (known_.find(std::string_view(kv.key())) == known_.end()) {
      return InvalidArgument(PathOf(kv.key()) + ": unknown field");
    }
  }
  return Status::Ok();
}

StatusOr<const json::object*> AsObject(const json::value& value,
                                       const std::string& path) {
  if (!value.is_object()) return TypeError(path, "an object", value);
  return &value.get_object();
}

}  // namespace sc::guidance::internal
