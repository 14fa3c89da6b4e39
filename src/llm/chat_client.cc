#include "llm/chat_client.h"

#include <algorithm>

#include "core/log.h"
#include "llm/openai_wire.h"
#include "net/http_post.h"

namespace sc::llm {
namespace {

class OpenAiChatClient : public ChatClient {
 public:
  OpenAiChatClient(ChatClientOptions options, net::BaseUrl url)
      : options_(std::move(options)), url_(std::move(url)) {}

  StatusOr<ChatResponse> Complete(const ChatRequest& request) override {
    if (request.messages.empty()) {
      return InvalidArgument("chat request has no messages");
    }
    const std::string body = internal::ChatRequestJson(options_.model, request);
    const auto headers = net::ApiHeaders("application/json", options_.api_key);
    const net::RetryPolicy retry = net::RetryPolicyOf(options_, "llm.retry");
    int attempts = 0;
    StatusOr<net::HttpReply> reply = net::PostWithRetries(
        url_, "/chat/completions", headers, body, options_.timeout,
        options_.ca_file, retry, &attempts);
    if (!reply.ok()) {
      return Status(reply.status().code(),
                    "LLM request to " + url_.host + ":" + url_.port +
                        " failed: " + reply.status().message());
    }
    if (reply->status < 200 || reply->status >= 300) {
      return internal::HttpErrorStatus(reply->status, reply->body,
                                       options_.api_key);
    }
    SC_ASSIGN_OR_RETURN(ChatResponse r,
                        internal::ParseChatResponse(reply->body));
    r.attempts = attempts;
    return r;
  }

 private:
  const ChatClientOptions options_;
  const net::BaseUrl url_;
};

}  // namespace

StatusOr<std::unique_ptr<ChatClient>> NewOpenAiChatClient(
    ChatClientOptions options) {
  SC_ASSIGN_OR_RETURN(net::BaseUrl url,
                      net::ParseBaseUrl(options.base_url, "llm base_url"));
  if (options.model.empty()) return InvalidArgument("llm model is required");
  if (options.timeout.count() <= 0) {
    return InvalidArgument("llm timeout must be positive");
  }
  if (options.max_retries < 0 || options.max_retries > 10) {
    return InvalidArgument("llm max_retries must be between 0 and 10");
  }
  if (options.initial_backoff.count() < 0 || options.max_backoff.count() < 0) {
    return InvalidArgument("llm backoff must not be negative");
  }
  // A line break would end the Authorization header early; the key itself
  // is never quoted in the message.
  if (options.api_key.find_first_of("\r\n") != std::string::npos) {
    return InvalidArgument("llm api_key contains a line break");
  }
  return std::unique_ptr<ChatClient>(
      new OpenAiChatClient(std::move(options), std::move(url)));
}

}  // namespace sc::llm
