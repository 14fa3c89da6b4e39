// The OpenAI chat-completions wire format behind ChatClient (its transport
// is net/http_post.h). Private to src/llm; pure functions.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "llm/chat_client.h"

namespace sc::llm::internal {

std::string ChatRequestJson(std::string_view model, const ChatRequest& r);

// The response body of a 200, or Unavailable for a malformed one (or one
// carrying an "error" object).
StatusOr<ChatResponse> ParseChatResponse(std::string_view body);

// The Status for a non-2xx reply, from its status and OpenAI error JSON
// ({"error":{"message","type","code"}}), with `secret` removed from any text
// the server echoed.
Status HttpErrorStatus(int http_status, std::string_view body,
                       std::string_view secret);

}  // namespace sc::llm::internal
