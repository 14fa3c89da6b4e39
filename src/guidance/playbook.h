// Playbooks: what the copilot suggests for each objection category, and the
// checklist of things an agent should have said by a point in the call
// (docs/guidance.md, "Playbook" and "Playbook JSON").
//
//   const Playbook& book = DefaultPlaybook();
//   const CategoryPlaybook& price = book.CategoryFor("price");
//   std::vector<size_t> order = ApproachOrder(price, config.sales_style);
//   std::string text = RenderApproach(book, price, price.approaches[order[0]],
//                                     "price", config);
//
// A category holds approaches (ROI, cost of inaction, ...); the first one
// that fits the user's sales style is the primary suggestion and the others
// are the alternatives the agent can ask for. The wording is composed from
// the approach's texts by the user's response style (concise: the one-line
// `line`; detailed: opener + `say` + the question to ask + a closer chosen by
// the objection-handling style; casual: the casual `say` + the question),
// with the communication style picking the professional, casual or technical
// `say`. Texts may hold placeholders filled from the AiConfig:
// {industry|fallback}, {term|fallback} (the first industry term),
// {company|fallback} and {category|fallback} (the objection's category name,
// for user-defined categories); the fallback is used when the value is empty.
//
// The default playbook is compiled in (playbook_default.cc). A tenant's
// playbook is JSON: ParsePlaybookJson overlays it on the default (or replaces
// the default with "replace_defaults": true) and validates the result.
//
// Thread-safety: Playbook is a plain value; DefaultPlaybook() returns an
// immutable object that is safe to share.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "guidance/ai_config.h"

namespace sc::guidance {

// The catch-all category: user-defined trigger categories and any category
// the playbook has no entry for are answered from it.
inline constexpr std::string_view kCustomCategory = "custom";

// A text in the three communication styles. `professional` is required; the
// others fall back to it when empty.
struct StyledText {
  std::string professional;
  std::string casual;
  std::string technical;

  const std::string& For(CommunicationStyle style) const;
};

struct Approach {
  std::string id;    // Lower-case [a-z0-9_]+, unique in its category: "roi".
  std::string name;  // Shown in the card title: "ROI".
  // The sales styles this approach leads with; empty means all.
  std::vector<SalesStyle> fits;
  std::string line;  // One line (at most 160 characters): concise guidance.
  StyledText say;    // What to say: one or two sentences.
  std::string ask;   // A question to ask next; may be empty.
};

struct CategoryPlaybook {
  std::string title;                 // "Price".
  std::vector<Approach> approaches;  // At least one.
};

// Something the agent should have said by `due_ms` into the call. Matched
// against the agent's own speech (lower-cased, punctuation removed) by
// whole-word phrases.
struct ChecklistItem {
  std::string id;                    // [a-z0-9_]+, unique: "budget".
  std::string title;                 // "Budget not discussed".
  std::string text;                  // The card text: what to ask.
  int64_t due_ms = 0;                // > 0, on the call clock.
  std::vector<std::string> phrases;  // Any one marks the item done.
};

struct Playbook {
  std::string name = "default";
  // Said before the answer in the detailed response style, by sales style;
  // may be empty (transactional sellers get to the point).
  StyledText opener_consultative;
  StyledText opener_transactional;
  StyledText opener_relationship;
  // Said after the answer in the detailed response style, by objection
  // handling style.
  StyledText closer_soft_close;
  StyledText closer_hard_close;
  StyledText closer_collaborative;
  // Objection category -> its approaches. Must contain kCustomCategory.
  std::map<std::string, CategoryPlaybook, std::less<>> categories;
  std::vector<ChecklistItem> checklist;

  const StyledText& OpenerFor(SalesStyle style) const;
  const StyledText& CloserFor(ObjectionHandling handling) const;
  // The entry for `category`, or the custom entry when there is none.
  // REQUIRES: the playbook passed ValidatePlaybook.
  const CategoryPlaybook& CategoryFor(std::string_view category) const;
};

// The built-in playbook (docs/guidance.md lists its approaches). Built on
// first use; never destroyed.
const Playbook& DefaultPlaybook();

// InvalidArgument naming the first problem ("playbook.categories.price.
// approaches[1].line: longer than 160 characters"), or OK.
Status ValidatePlaybook(const Playbook& playbook);

// Parses a playbook document (docs/guidance.md, "Playbook JSON") overlaid on
// DefaultPlaybook(), or standing alone when it says "replace_defaults": true,
// and validates the result.
StatusOr<Playbook> ParsePlaybookJson(std::string_view json);
// The complete playbook as a standalone document ("replace_defaults": true);
// ParsePlaybookJson(PlaybookJson(p)) reproduces p.
std::string PlaybookJson(const Playbook& playbook);

// Indices into `category.approaches`: those that fit `style` in playbook
// order, then the others in playbook order.
std::vector<size_t> ApproachOrder(const CategoryPlaybook& category,
                                  SalesStyle style);

// The guidance text for `approach` in the user's styles, placeholders filled.
// `category` is the objection's category as detected (it fills
// {category|...}). Never empty for a validated playbook.
std::string RenderApproach(const Playbook& playbook, const Approach& approach,
                           std::string_view category, const AiConfig& config);
// The one-line form (the approach's `line`), whatever the response style.
std::string RenderLine(const Approach& approach, std::string_view category,
                       const AiConfig& config);

// Fills the placeholders of `text` (see the header comment). Unknown or
// malformed placeholders are left as written; ValidatePlaybook rejects them.
std::string FillPlaceholders(std::string_view text, std::string_view category,
                             const AiConfig& config);

}  // namespace sc::guidance
