#include "guidance/playbook.h"

#include <algorithm>
#include <optional>
#include <set>

namespace sc::guidance {
namespace {

enum class Presence { kOptional, kRequired };

constexpr size_t kMaxLineChars = 160;
constexpr size_t kMaxTextChars = 600;

bool IsIdentifier(std::string_view s) {
  if (s.empty() || s.size() > 40) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// The value a placeholder stands for, or nullopt for an unknown name.
std::optional<std::string> PlaceholderValue(std::string_view name,
                                            std::string_view category,
                                            const AiConfig& config) {
  if (name == "industry") return config.industry;
  if (name == "term") {
    return config.industry_terms.empty() ? std::string()
                                         : config.industry_terms.front();
  }
  if (name == "company") return config.company_name;
  if (name == "category") {
    // "custom" (a trigger word) says nothing to the agent: use the fallback.
    if (category == kCustomCategory) return std::string();
    std::string c(category);
    for (char& ch : c) {
      if (ch == '_') ch = ' ';
    }
    return c;
  }
  return std::nullopt;
}

// Checks every {name|fallback} in `text`; `path` names the text in errors.
Status CheckPlaceholders(const std::string& path, std::string_view text) {
  size_t pos = 0;
  while ((pos = text.find_first_of("{}", pos)) != std::string_view::npos) {
    if (text[pos] == '}') {
      return InvalidArgument(path + ": '}' without a matching '{'");
    }
    size_t close = text.find_first_of("{}", pos + 1);
    if (close == std::string_view::npos || text[close] == '{') {
      return InvalidArgument(path + ": '{' without a matching '}'");
    }
    std::string_view inner = text.substr(pos + 1, close - pos - 1);
    size_t bar = inner.find('|');
    std::string_view name = inner.substr(0, bar);
    if (!PlaceholderValue(name, "", AiConfig())) {
      return InvalidArgument(path + ": unknown placeholder {" +
                             std::string(name) +
                             "} (known: industry, term, company, category)");
    }
    if (bar == std::string_view::npos || IsBlank(inner.substr(bar + 1))) {
      return InvalidArgument(path + ": placeholder {" + std::string(name) +
                             "} needs a fallback, e.g. {" + std::string(name) +
                             "|your team}");
    }
    pos = close + 1;
  }
  return Status::Ok();
}

Status CheckText(const std::string& path, std::string_view text,
                 Presence presence, size_t max_chars) {
  if (IsBlank(text)) {
    if (presence == Presence::kRequired) {
      return InvalidArgument(path + ": must not be empty");
    }
    return Status::Ok();
  }
  if (text.size() > max_chars) {
    return InvalidArgument(path + ": longer than " + std::to_string(max_chars) +
                           " characters");
  }
  return CheckPlaceholders(path, text);
}

Status CheckStyled(const std::string& path, const StyledText& t,
                   Presence presence) {
  SC_RETURN_IF_ERROR(CheckText(path + ".professional", t.professional, presence,
                               kMaxTextChars));
  if (IsBlank(t.professional) && !(IsBlank(t.casual) && IsBlank(t.technical))) {
    return InvalidArgument(path +
                           ".professional: required when casual or "
                           "technical is given (it is their fallback)");
  }
  SC_RETURN_IF_ERROR(CheckText(path + ".casual", t.casual, Presence::kOptional,
                               kMaxTextChars));
  return CheckText(path + ".technical", t.technical, Presence::kOptional,
                   kMaxTextChars);
}

Status CheckApproach(const std::string& path, const Approach& a) {
  if (!IsIdentifier(a.id)) {
    return InvalidArgument(path +
                           ".id: must be 1-40 characters of a-z, 0-9 and _ "
                           "(got \"" +
                           a.id + "\")");
  }
  SC_RETURN_IF_ERROR(
      CheckText(path + ".name", a.name, Presence::kRequired, 60));
  SC_RETURN_IF_ERROR(
      CheckText(path + ".line", a.line, Presence::kRequired, kMaxLineChars));
  if (a.line.find('\n') != std::string::npos) {
    return InvalidArgument(path + ".line: must be a single line");
  }
  SC_RETURN_IF_ERROR(CheckStyled(path + ".say", a.say, Presence::kRequired));
  return CheckText(path + ".ask", a.ask, Presence::kOptional, kMaxTextChars);
}

Status CheckChecklist(const std::vector<ChecklistItem>& items) {
  std::set<std::string> ids;
  for (size_t i = 0; i < items.size(); ++i) {
    const ChecklistItem& it = items[i];
    std::string path = "playbook.checklist[" + std::to_string(i) + "]";
    if (!IsIdentifier(it.id)) {
      return InvalidArgument(path +
                             ".id: must be 1-40 characters of a-z, 0-9 and _");
    }
    if (!ids.insert(it.id).second) {
      return InvalidArgument(path + ".id: \"" + it.id + "\" is used twice");
    }
    SC_RETURN_IF_ERROR(
        CheckText(path + ".title", it.title, Presence::kRequired, 80));
    SC_RETURN_IF_ERROR(
        CheckText(path + ".text", it.text, Presence::kRequired, kMaxTextChars));
    if (it.due_ms <= 0) {
      return InvalidArgument(path + ".due_s: must be greater than 0");
    }
    if (it.phrases.empty()) {
      return InvalidArgument(path + ".phrases: needs at least one phrase");
    }
    for (size_t j = 0; j < it.phrases.size(); ++j) {
      if (IsBlank(it.phrases[j])) {
        return InvalidArgument(path + ".phrases[" + std::to_string(j) +
                               "]: must not be empty");
      }
    }
  }
  return Status::Ok();
}

std::string Trimmed(std::string s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return std::string();
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

void AppendSentence(std::string& out, const std::string& part) {
  std::string p = Trimmed(part);
  if (p.empty()) return;
  if (!out.empty()) out += ' ';
  out += p;
}

}  // namespace

const std::string& StyledText::For(CommunicationStyle style) const {
  switch (style) {
    case CommunicationStyle::kCasual:
      if (!casual.empty()) return casual;
      break;
    case CommunicationStyle::kTechnical:
      if (!technical.empty()) return technical;
      break;
    case CommunicationStyle::kProfessional:
      break;
  }
  return professional;
}

const StyledText& Playbook::OpenerFor(SalesStyle style) const {
  switch (style) {
    case SalesStyle::kTransactional:
      return opener_transactional;
    case SalesStyle::kRelationship:
      return opener_relationship;
    case SalesStyle::kConsultative:
      break;
  }
  return opener_consultative;
}

const StyledText& Playbook::CloserFor(ObjectionHandling handling) const {
  switch (handling) {
    case ObjectionHandling::kSoftClose:
      return closer_soft_close;
    case ObjectionHandling::kHardClose:
      return closer_hard_close;
    case ObjectionHandling::kCollaborative:
      break;
  }
  return closer_collaborative;
}

const CategoryPlaybook& Playbook::CategoryFor(std::string_view category) const {
  auto it = categories.find(category);
  if (it == categories.end()) it = categories.find(kCustomCategory);
  return it->second;
}

Status ValidatePlaybook(const Playbook& p) {
  if (IsBlank(p.name) || p.name.size() > 80) {
    return InvalidArgument("playbook.name: must be 1-80 characters");
  }
  SC_RETURN_IF_ERROR(CheckStyled("playbook.openers.consultative",
                                 p.opener_consultative, Presence::kOptional));
  SC_RETURN_IF_ERROR(CheckStyled("playbook.openers.transactional",
                                 p.opener_transactional, Presence::kOptional));
  SC_RETURN_IF_ERROR(CheckStyled("playbook.openers.relationship",
                                 p.opener_relationship, Presence::kOptional));
  SC_RETURN_IF_ERROR(CheckStyled("playbook.closers.soft_close",
                                 p.closer_soft_close, Presence::kRequired));
  SC_RETURN_IF_ERROR(CheckStyled("playbook.closers.hard_close",
                                 p.closer_hard_close, Presence::kRequired));
  SC_RETURN_IF_ERROR(CheckStyled("playbook.closers.collaborative",
                                 p.closer_collaborative, Presence::kRequired));
  if (p.categories.find(kCustomCategory) == p.categories.end()) {
    return InvalidArgument(
        "playbook.categories: needs a \"custom\" category (the fallback for "
        "user-defined triggers)");
  }
  for (const auto& [name, cat] : p.categories) {
    std::string path = "playbook.categories." + name;
    if (!IsIdentifier(name)) {
      return InvalidArgument(path +
                             ": category names are 1-40 characters of a-z, "
                             "0-9 and _");
    }
    SC_RETURN_IF_ERROR(
        CheckText(path + ".title", cat.title, Presence::kRequired, 60));
    if (cat.approaches.empty()) {
      return InvalidArgument(path + ".approaches: needs at least one approach");
    }
    std::set<std::string> ids;
    for (size_t i = 0; i < cat.approaches.size(); ++i) {
      std::string apath = path + ".approaches[" + std::to_string(i) + "]";
      SC_RETURN_IF_ERROR(CheckApproach(apath, cat.approaches[i]));
      if (!ids.insert(cat.approaches[i].id).second) {
        return InvalidArgument(apath + ".id: \"" + cat.approaches[i].id +
                               "\" is used twice in this category");
      }
    }
  }
  return CheckChecklist(p.checklist);
}

std::vector<size_t> ApproachOrder(const CategoryPlaybook& category,
                                  SalesStyle style) {
  std::vector<size_t> fitting, others;
  for (size_t i = 0; i < category.approaches.size(); ++i) {
    const auto& fits = category.approaches[i].fits;
    bool fit = fits.empty() ||
               std::find(fits.begin(), fits.end(), style) != fits.end();
    (fit ? fitting : others).push_back(i);
  }
  fitting.insert(fitting.end(), others.begin(), others.end());
  return fitting;
}

std::string FillPlaceholders(std::string_view text, std::string_view category,
                             const AiConfig& config) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find('{', pos);
    size_t close = open == std::string_view::npos ? std::string_view::npos
                                                  : text.find('}', open + 1);
    if (close == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, open - pos));
    std::string_view inner = text.substr(open + 1, close - open - 1);
    size_t bar = inner.find('|');
    std::string_view name = inner.substr(0, bar);
    std::string_view fallback =
        bar == std::string_view::npos ? "" : inner.substr(bar + 1);
    std::optional<std::string> value = PlaceholderValue(name, category, config);
    if (!value) {
      out.append(text.substr(open, close - open + 1));
    } else if (IsBlank(*value)) {
      out.append(fallback);
    } else {
      out.append(*value);
    }
    pos = close + 1;
  }
  return out;
}

std::string RenderLine(const Approach& approach, std::string_view category,
                       const AiConfig& config) {
  return Trimmed(FillPlaceholders(approach.line, category, config));
}

std::string RenderApproach(const Playbook& playbook, const Approach& approach,
                           std::string_view category, const AiConfig& config) {
  const CommunicationStyle comm = config.communication_style;
  std::string ask = Trimmed(FillPlaceholders(approach.ask, category, config));
  std::string out;
  switch (config.response_style) {
    case ResponseStyle::kConcise:
      return RenderLine(approach, category, config);
    case ResponseStyle::kCasual:
      AppendSentence(
          out, FillPlaceholders(approach.say.For(CommunicationStyle::kCasual),
                                category, config));
      if (!ask.empty()) AppendSentence(out, "Try: \"" + ask + "\"");
      return out;
    case ResponseStyle::kDetailed:
      break;
  }
  AppendSentence(
      out, FillPlaceholders(playbook.OpenerFor(config.sales_style).For(comm),
                            category, config));
  AppendSentence(out,
                 FillPlaceholders(approach.say.For(comm), category, config));
  if (!ask.empty()) AppendSentence(out, "Ask: \"" + ask + "\"");
  AppendSentence(
      out,
      FillPlaceholders(playbook.CloserFor(config.objection_handling).For(comm),
                       category, config));
  return out;
}

}  // namespace sc::guidance
