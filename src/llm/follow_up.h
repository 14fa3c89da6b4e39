// Writing the post-call summary and follow-up email with an LLM, from facts
// the analysis already established (docs/llm.md, "Follow-up writing").
//
//   FollowUpFacts facts = ...;  // From the post-call report, templates too.
//   StatusOr<WrittenFollowUp> w = WriteSummaryAndEmail(*client, facts);
//   if (!w.ok()) { /* keep facts.template_summary / template_email_* */ }
//
// The model is asked for a JSON object {"summary","email_subject",
// "email_body"} written only from the facts. The reply is checked before it
// is accepted: the three fields present and non-empty, a one-line subject,
// bounded lengths, no unfilled placeholders ("[Name]"), and no date, weekday
// or money amount that the facts do not contain (a model that invents "next
// Tuesday" or "$5,000" is rejected). Any failure, of the client or of the
// checks, is returned as a Status: the caller then keeps the template text,
// which is always a complete answer on its own. Everything works without an
// LLM.
//
// The facts are personal data (they go to the configured LLM server, which
// the user chose); they never go to the log.
//
// Thread-safety: pure functions of their arguments; the ChatClient's own
// rules apply to the call.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "llm/chat_client.h"

namespace sc::llm {

struct FollowUpFacts {
  std::string agent_name;     // Signs the email; may be empty.
  std::string company_name;   // The agent's company; may be empty.
  std::string prospect_name;  // May be empty.
  // "professional" | "casual" | "technical" (guidance::CommunicationStyleName).
  std::string communication_style = "professional";
  std::vector<std::string> objection_categories;  // "price", "timing", ...
  std::vector<std::string> concerns;     // The prospect's concerns, briefly.
  std::vector<std::string> commitments;  // Spoken commitments.
  std::vector<std::string> action_items;
  std::string outcome;         // "follow_up_scheduled", ...
  std::string next_action;     // "send_proposal", ...
  std::string follow_up_date;  // "YYYY-MM-DD", or empty.
  // The template text the caller keeps if this fails; also given to the model
  // as the draft to improve.
  std::string template_summary;
  std::string template_email_subject;
  std::string template_email_body;
};

struct WrittenFollowUp {
  std::string summary;
  std::string email_subject;
  std::string email_body;
};

struct FollowUpOptions {
  double temperature = 0.3;  // Low: faithful rather than creative.
  int max_tokens = 900;
  // kJsonObject asks the server to constrain the output; not every
  // OpenAI-compatible server supports it, so the default relies on the prompt.
  ResponseFormat response_format = ResponseFormat::kText;
};

// InvalidArgument for unusable facts (an unknown communication style, a
// follow_up_date not in YYYY-MM-DD form) or a reply that fails the checks
// (the message says which); the client's Status otherwise.
StatusOr<WrittenFollowUp> WriteSummaryAndEmail(
    ChatClient& client, const FollowUpFacts& facts,
    const FollowUpOptions& options = {});

// The messages sent to the model (exposed for tests and docs).
std::vector<ChatMessage> FollowUpPrompt(const FollowUpFacts& facts);
// Checks and extracts the model's reply (a JSON object, optionally in a code
// fence or with text around it).
StatusOr<WrittenFollowUp> ParseFollowUpReply(std::string_view content,
                                             const FollowUpFacts& facts);

}  // namespace sc::llm
