// An OpenAI-compatible chat-completions client (docs/llm.md).
//
//   ChatClientOptions o;
//   o.base_url = "http://127.0.0.1:8080/v1";  // llama.cpp, vLLM, Ollama...
//   o.model = "qwen2.5-7b-instruct";
//   o.api_key = key;                          // From config; never logged.
//   SC_ASSIGN_OR_RETURN(std::unique_ptr<ChatClient> client,
//                       NewOpenAiChatClient(o));
//   SC_ASSIGN_OR_RETURN(ChatResponse r, client->Complete(
//       {{{Role::kSystem, "..."}, {Role::kUser, "..."}}}));
//
// Complete() POSTs {base_url}/chat/completions with {"model", "messages",
// "temperature"} (and "max_tokens", "response_format" when set) and a
// "Authorization: Bearer <api_key>" header when a key is configured, and
// returns choices[0].message.content. It blocks the calling thread: call it
// from a worker, never from the live media path.
//
// Errors (the message names the HTTP status and the server's OpenAI error
// type, code and message; the API key never appears in it):
//   InvalidArgument      HTTP 400/422 (the request was rejected), bad options.
//   Unauthenticated      HTTP 401 (missing or wrong API key).
//   PermissionDenied     HTTP 403.
//   NotFound             HTTP 404 (wrong base_url path or unknown model).
//   ResourceExhausted    HTTP 429 after the retries.
//   Unavailable          HTTP 5xx after the retries, connection or TLS
//                        failure, the timeout, a malformed response.
// HTTP 429 and 5xx are retried up to max_retries times with exponential
// backoff (honouring Retry-After up to max_backoff); nothing else is.
//
// Thread-safety: a ChatClient may be used from several threads at once; each
// Complete() uses its own connection.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sc::llm {

struct ChatClientOptions {
  // "http://host:port/v1" or "https://host/v1"; the API root, without
  // "/chat/completions". Required.
  std::string base_url;
  std::string model;  // Required.
  // Sent as a bearer token when non-empty. Secret: never logged, never in a
  // Status message.
  std::string api_key;
  // Per attempt, covering resolve, connect, TLS, request and response.
  std::chrono::milliseconds timeout{30'000};
  int max_retries = 2;  // Extra attempts after HTTP 429 or 5xx; 0..10.
  std::chrono::milliseconds initial_backoff{500};  // Doubles per retry.
  std::chrono::milliseconds max_backoff{8'000};
  // PEM file of trusted CAs for https; empty means the system's store.
  std::string ca_file;
  // How the client waits between attempts; empty means
  // std::this_thread::sleep_for. Tests pass a recorder.
  std::function<void(std::chrono::milliseconds)> sleep;
};

enum class Role { kSystem, kUser, kAssistant };
const char* RoleName(Role r);  // "system" | "user" | "assistant"

struct ChatMessage {
  Role role = Role::kUser;
  std::string content;
};

enum class ResponseFormat {
  kText,        // No "response_format" field: every server accepts this.
  kJsonObject,  // {"type":"json_object"}: the server constrains the output.
};

struct ChatRequest {
  std::vector<ChatMessage> messages;
  double temperature = 0.2;
  std::optional<int> max_tokens;
  ResponseFormat response_format = ResponseFormat::kText;
};

struct ChatResponse {
  std::string content;        // choices[0].message.content.
  std::string model;          // As reported by the server; may be empty.
  std::string finish_reason;  // "stop", "length", ...; may be empty.
  int attempts = 1;           // 1 + retries used.
};

class ChatClient {
 public:
  virtual ~ChatClient() = default;
  virtual StatusOr<ChatResponse> Complete(const ChatRequest& request) = 0;
};

// InvalidArgument when the options are unusable (no model, a base_url that
// is not http(s)://host[:port][/path], a non-positive timeout, max_retries
// outside 0..10, a line break in the API key).
StatusOr<std::unique_ptr<ChatClient>> NewOpenAiChatClient(
    ChatClientOptions options);

}  // namespace sc::llm
