#include "llm/openai_wire.h"

#include <boost/json.hpp>

namespace sc::llm {

const char* RoleName(Role r) {
  switch (r) {
    case Role::kSystem:
      return "system";
    case Role::kUser:
      return "user";
    case Role::kAssistant:
      return "assistant";
  }
  return "user";
}

namespace internal {
namespace {

namespace json = boost::json;

constexpr size_t kMaxErrorChars = 300;

std::string Redacted(std::string text, std::string_view secret) {
  if (secret.size() >= 4) {
    size_t pos;
    while ((pos = text.find(secret)) != std::string::npos) {
      text.replace(pos, secret.size(), "[redacted]");
    }
  }
  if (text.size() > kMaxErrorChars) {
    text.resize(kMaxErrorChars);
    text += "...";
  }
  return text;
}

std::string StringOr(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr) return "";
  if (v->is_string()) return std::string(v->get_string());
  if (v->is_null()) return "";
  return json::serialize(*v);  // Codes are sometimes numbers.
}

}  // namespace

std::string ChatRequestJson(std::string_view model, const ChatRequest& r) {
  json::array messages;
  for (const ChatMessage& m : r.messages) {
    messages.push_back(
        json::object{{"role", RoleName(m.role)}, {"content", m.content}});
  }
  json::object o{{"model", model},
                 {"messages", std::move(messages)},
                 {"temperature", r.temperature}};
  if (r.max_tokens) o["max_tokens"] = *r.max_tokens;
  if (r.response_format == ResponseFormat::kJsonObject) {
    o["response_format"] = json::object{{"type", "json_object"}};
  }
  return json::serialize(o);
}

StatusOr<ChatResponse> ParseChatResponse(std::string_view body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) {
    return Unavailable(
        "LLM server sent a malformed response (not a JSON "
        "object)");
  }
  const json::object& o = v.get_object();
  if (const json::value* err = o.if_contains("error");
      err != nullptr && err->is_object()) {
    return Unavailable("LLM server reported an error: " +
                       Redacted(StringOr(err->get_object(), "message"), ""));
  }
  const json::value* choices = o.if_contains("choices");
  if (choices == nullptr || !choices->is_array() ||
      choices->get_array().empty() || !choices->get_array()[0].is_object()) {
    return Unavailable("LLM server sent a malformed response (no choices)");
  }
  const json::object& first = choices->get_array()[0].get_object();
  const json::value* message = first.if_contains("message");
  if (message == nullptr || !message->is_object()) {
    return Unavailable(
        "LLM server sent a malformed response (no choices[0].message)");
  }
  const json::value* content = message->get_object().if_contains("content");
  if (content == nullptr || !content->is_string()) {
    return Unavailable("LLM server sent no text in choices[0].message.content");
  }
  ChatResponse r;
  r.content = std::string(content->get_string());
  r.model = StringOr(o, "model");
  r.finish_reason = StringOr(first, "finish_reason");
  return r;
}

Status HttpErrorStatus(int http_status, std::string_view body,
                       std::string_view secret) {
  std::string detail;
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  const json::object* err = nullptr;
  if (!ec && v.is_object()) {
    const json::value* e = v.get_object().if_contains("error");
    if (e != nullptr && e->is_object()) err = &e->get_object();
    // Some servers send {"error": "text"}.
    if (e != nullptr && e->is_string()) detail = std::string(e->get_string());
  }
  if (err != nullptr) {
    std::string type = StringOr(*err, "type");
    std::string code = StringOr(*err, "code");
    std::string tag = type;
    if (!code.empty()) tag += (tag.empty() ? "" : ", ") + code;
    detail = StringOr(*err, "message");
    if (!tag.empty()) detail = "(" + tag + ") " + detail;
  }
  if (detail.empty()) detail = "no error details";
  std::string msg = "LLM server returned HTTP " + std::to_string(http_status) +
                    ": " + Redacted(detail, secret);
  switch (http_status) {
    case 400:
    case 413:
    case 422:
      return InvalidArgument(msg);
    case 401:
      return Unauthenticated(msg + " (check the [llm] api_key)");
    case 403:
      return PermissionDenied(msg);
    case 404:
      return NotFound(msg + " (check the [llm] base_url and model)");
    case 429:
      return ResourceExhausted(msg);
    default:
      return Unavailable(msg);
  }
}

}  // namespace internal
}  // namespace sc::llm
