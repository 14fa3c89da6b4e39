// GCC 12 reports a false -Wmaybe-uninitialized inside <regex>'s own code
// (std::function moves in the NFA) when built with the sanitizers; the
// warning is silenced for this file only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "llm/follow_up.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <regex>
#include <set>

namespace sc::llm {
namespace {

namespace json = boost::json;

constexpr size_t kMaxSubjectChars = 150;
constexpr size_t kMaxSummaryChars = 3000;
constexpr size_t kMaxBodyChars = 6000;

const char* const kMonths[] = {"january",   "february", "march",    "april",
                               "may",       "june",     "july",     "august",
                               "september", "october",  "november", "december"};
const char* const kWeekdays[] = {"sunday",   "monday", "tuesday", "wednesday",
                                 "thursday", "friday", "saturday"};

constexpr const char* kMonthPattern =
    "(january|february|march|april|may|june|july|august|september|october|"
    "november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)";

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

int MonthIndex(const std::string& word) {  // 1..12, 0 if none.
  for (int i = 0; i < 12; ++i) {
    if (std::string_view(kMonths[i]).substr(0, 3) == word.substr(0, 3)) {
      return i + 1;
    }
  }
  return 0;
}

// Day of the week (0 = Sunday) of a Gregorian date (Sakamoto's method).
int Weekday(int y, int m, int d) {
  static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) y -= 1;
  return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

// The calendar facts a text states: (month, day) pairs, weekdays, and the
// digits of numbers (for money amounts).
struct Mentions {
  std::set<std::pair<int, int>> month_days;
  std::set<int> weekdays;
  std::set<std::string> amounts;   // Digits and '.', e.g. "5000".
  std::vector<std::string> money;  // As written, for error messages.
  std::vector<std::string> dates;  // As written, for error messages.
};

std::string DigitsOf(const std::string& s) {
  std::string d;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') d += c;
  }
  while (!d.empty() && d.back() == '.') d.pop_back();
  return d;
}

Mentions Scan(const std::string& text, bool with_iso_weekdays) {
  Mentions m;
  const std::string t = Lower(text);
  static const std::regex iso(R"(\b(\d{4})-(\d{2})-(\d{2})\b)");
  for (std::sregex_iterator it(t.begin(), t.end(), iso), end; it != end; ++it) {
    int y = std::stoi((*it)[1]), mo = std::stoi((*it)[2]),
        d = std::stoi((*it)[3]);
    if (mo < 1 || mo > 12 || d < 1 || d > 31) continue;
    m.month_days.insert({mo, d});
    m.dates.push_back(it->str());
    if (with_iso_weekdays) m.weekdays.insert(Weekday(y, mo, d));
  }
  static const std::regex month_day(std::string(R"(\b)") + kMonthPattern +
                                    R"(\.?\s+(\d{1,2})(st|nd|rd|th)?\b)");
  for (std::sregex_iterator it(t.begin(), t.end(), month_day), end; it != end;
       ++it) {
    m.month_days.insert({MonthIndex((*it)[1]), std::stoi((*it)[2])});
    m.dates.push_back(it->str());
  }
  static const std::regex day_month(
      std::string(R"(\b(\d{1,2})(st|nd|rd|th)?\s+(of\s+)?)") + kMonthPattern +
      R"(\b)");
  for (std::sregex_iterator it(t.begin(), t.end(), day_month), end; it != end;
       ++it) {
    m.month_days.insert({MonthIndex((*it)[4]), std::stoi((*it)[1])});
    m.dates.push_back(it->str());
  }
  for (int i = 0; i < 7; ++i) {
    std::regex w(std::string(R"(\b)") + kWeekdays[i] + R"(\b)");
    if (std::regex_search(t, w)) m.weekdays.insert(i);
  }
  static const std::regex money(
      R"(((\$|€|£)\s?\d[\d,]*(\.\d+)?\s?k?)|(\b\d[\d,]*(\.\d+)?\s?(k\s)?(dollars|euros|pounds|usd|eur|gbp)\b))");
  for (std::sregex_iterator it(t.begin(), t.end(), money), end; it != end;
       ++it) {
    m.money.push_back(it->str());
  }
  static const std::regex number(R"(\d[\d,]*(\.\d+)?)");
  for (std::sregex_iterator it(t.begin(), t.end(), number), end; it != end;
       ++it) {
    m.amounts.insert(DigitsOf(it->str()));
  }
  return m;
}

std::string FactsText(const FollowUpFacts& f) {
  std::string t;
  auto add = [&t](const std::string& s) {
    t += s;
    t += '\n';
  };
  for (const auto* list : {&f.objection_categories, &f.concerns, &f.commitments,
                           &f.action_items}) {
    for (const std::string& s : *list) add(s);
  }
  for (const std::string* s :
       {&f.agent_name, &f.company_name, &f.prospect_name, &f.outcome,
        &f.next_action, &f.follow_up_date, &f.template_summary,
        &f.template_email_subject, &f.template_email_body}) {
    add(*s);
  }
  return t;
}

Status CheckInvented(const std::string& written, const FollowUpFacts& facts) {
  const Mentions known = Scan(FactsText(facts), /*with_iso_weekdays=*/true);
  const Mentions said = Scan(written, false);
  for (const auto& md : said.month_days) {
    if (!known.month_days.count(md)) {
      return InvalidArgument(
          "model reply mentions a date that is not in the facts");
    }
  }
  for (int w : said.weekdays) {
    if (!known.weekdays.count(w)) {
      return InvalidArgument("model reply mentions a weekday (" +
                             std::string(kWeekdays[w]) +
                             ") that is not in the facts");
    }
  }
  for (const std::string& amount : said.money) {
    if (!known.amounts.count(DigitsOf(amount))) {
      return InvalidArgument(
          "model reply mentions a money amount that is not in the facts");
    }
  }
  static const std::regex placeholder(R"(\[[^\]\n]{1,40}\]|\{\{|\}\})");
  if (std::regex_search(written, placeholder)) {
    return InvalidArgument(
        "model reply contains an unfilled placeholder such as [Name]");
  }
  return Status::Ok();
}

json::array Strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

Status CheckFacts(const FollowUpFacts& f) {
  if (f.communication_style != "professional" &&
      f.communication_style != "casual" &&
      f.communication_style != "technical") {
    return InvalidArgument(
        "follow-up communication_style must be professional, casual or "
        "technical (got \"" +
        f.communication_style + "\")");
  }
  static const std::regex iso(R"(\d{4}-\d{2}-\d{2})");
  if (!f.follow_up_date.empty() && !std::regex_match(f.follow_up_date, iso)) {
    return InvalidArgument("follow-up follow_up_date must be YYYY-MM-DD");
  }
  return Status::Ok();
}

const char* ToneOf(const std::string& style) {
  if (style == "casual") return "warm, friendly and relaxed";
  if (style == "technical")
    return "precise and specific, with concrete details";
  return "polite, clear and concise";
}

}  // namespace

std::vector<ChatMessage> FollowUpPrompt(const FollowUpFacts& f) {
  std::string system =
      "You write the follow-up after a sales call. Use only the facts in the "
      "user message. Do not invent names, dates, weekdays, prices, numbers, "
      "commitments or product features; if a fact is missing, leave it out. "
      "Never write placeholders such as [Name]. The tone is ";
  system += ToneOf(f.communication_style);
  system +=
      ". Reply with only a JSON object, without a code fence or any other "
      "text, with exactly these string fields: \"summary\" (two to four "
      "sentences for the CRM, in the third person), \"email_subject\" (one "
      "line) and \"email_body\" (the email to the prospect, signed by the "
      "salesperson). The drafts are correct but plain: improve their wording "
      "and keep every fact in them.";
  json::object facts{{"salesperson", f.agent_name},
                     {"salesperson_company", f.company_name},
                     {"prospect_name", f.prospect_name},
                     {"communication_style", f.communication_style},
                     {"objection_categories", Strings(f.objection_categories)},
                     {"prospect_concerns", Strings(f.concerns)},
                     {"commitments", Strings(f.commitments)},
                     {"action_items", Strings(f.action_items)},
                     {"outcome", f.outcome},
                     {"next_action", f.next_action},
                     {"follow_up_date", f.follow_up_date},
                     {"draft_summary", f.template_summary},
                     {"draft_email",
                      {{"subject", f.template_email_subject},
                       {"body", f.template_email_body}}}};
  return {{Role::kSystem, system},
          {Role::kUser, "Facts of the call:\n" + json::serialize(facts)}};
}

StatusOr<WrittenFollowUp> ParseFollowUpReply(std::string_view content,
                                             const FollowUpFacts& facts) {
  // Models often wrap JSON in a code fence or a sentence; take the outermost
  // object.
  size_t open = content.find('{');
  size_t close = content.rfind('}');
  if (open == std::string_view::npos || close == std::string_view::npos ||
      close < open) {
    return InvalidArgument("model reply is not a JSON object");
  }
  boost::system::error_code ec;
  json::value v = json::parse(content.substr(open, close - open + 1), ec);
  if (ec || !v.is_object()) {
    return InvalidArgument("model reply is not a valid JSON object");
  }
  const json::object& o = v.get_object();
  WrittenFollowUp w;
  for (auto [key, out] : {std::pair{"summary", &w.summary},
                          std::pair{"email_subject", &w.email_subject},
                          std::pair{"email_body", &w.email_body}}) {
    const json::value* f = o.if_contains(key);
    if (f == nullptr || !f->is_string()) {
      return InvalidArgument(
          std::string("model reply lacks the string field ") + key);
    }
    *out = Trim(f->get_string());
    if (out->empty()) {
      return InvalidArgument(std::string("model reply has an empty ") + key);
    }
  }
  if (w.email_subject.find('\n') != std::string::npos ||
      w.email_subject.size() > kMaxSubjectChars) {
    return InvalidArgument(
        "model reply's email_subject is not a single short line");
  }
  if (w.summary.size() > kMaxSummaryChars ||
      w.email_body.size() > kMaxBodyChars) {
    return InvalidArgument("model reply is too long");
  }
  SC_RETURN_IF_ERROR(CheckInvented(
      w.summary + "\n" + w.email_subject + "\n" + w.email_body, facts));
  return w;
}

StatusOr<WrittenFollowUp> WriteSummaryAndEmail(ChatClient& client,
                                               const FollowUpFacts& facts,
                                               const FollowUpOptions& options) {
  SC_RETURN_IF_ERROR(CheckFacts(facts));
  ChatRequest request;
  request.messages = FollowUpPrompt(facts);
  request.temperature = options.temperature;
  request.max_tokens = options.max_tokens;
  request.response_format = options.response_format;
  SC_ASSIGN_OR_RETURN(ChatResponse response, client.Complete(request));
  return ParseFollowUpReply(response.content, facts);
}

}  // namespace sc::llm
