// Spoken commitments (FindCommitments in coaching.h).
#include <algorithm>
#include <initializer_list>
#include <string_view>

#include "analysis/questions.h"
#include "coaching/coaching.h"
#include "coaching/report_text.h"

namespace sc::coaching {
namespace {

using Words = std::vector<std::string>;

bool In(std::string_view w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

// Verbs that make "i will ..." a commitment to act.
bool ActionVerb(std::string_view v) {
  return In(
      v, {"send",    "email",   "set",    "schedule", "book",      "follow",
          "call",    "get",     "put",    "share",    "forward",   "loop",
          "check",   "prepare", "write",  "draft",    "reach",     "circle",
          "ping",    "text",    "talk",   "run",      "look",      "find",
          "confirm", "review",  "update", "arrange",  "introduce", "connect",
          "pull",    "discuss", "speak",  "meet",     "touch",     "reconnect",
          "catch",   "ask",     "send",   "line",     "go",        "think",
          "sync",    "do"});
}

// "let me ask you", "let me tell you", "let me see": talk, not a promise.
bool LetMeTalk(std::string_view v) {
  return In(v, {"ask", "tell", "explain", "see", "show", "just", "be", "think",
                "check", "go"});
}

// Where a commitment's verb phrase starts at w[i], or 0: "i will", "i'll",
// "i'm going to", "let me", "we'll", "we will", "let's", "i can".
size_t CommitmentVerb(const Words& w, size_t i, bool* lets) {
  auto at = [&](size_t k) -> std::string_view {
    return k < w.size() ? std::string_view(w[k]) : std::string_view();
  };
  *lets = false;
  size_t v = 0;
  std::string_view s = at(i);
  if ((s == "i" || s == "we") && (at(i + 1) == "will" || at(i + 1) == "can")) {
    v = i + 2;
  } else if (s == "i'll" || s == "we'll") {
    v = i + 1;
  } else if ((s == "i'm" || s == "we're") && at(i + 1) == "going" &&
             at(i + 2) == "to") {
    v = i + 3;
  } else if (s == "let" && at(i + 1) == "me") {
    if (LetMeTalk(at(i + 2)) && !(at(i + 2) == "check" && at(i + 3) == "with"))
      return 0;
    v = i + 2;
  } else if (s == "let's" || (s == "let" && at(i + 1) == "us")) {
    *lets = true;
    v = s == "let's" ? i + 1 : i + 2;
  } else {
    return 0;
  }
  while (v < w.size() &&
         In(w[v], {"just", "definitely", "also", "then", "actually", "quickly",
                   "personally", "go", "and", "be", "sure", "to"})) {
    ++v;
  }
  if (v >= w.size() || !ActionVerb(w[v])) return 0;
  if (w[v] == "talk" && at(v + 1) == "about" && !*lets) return 0;
  return v;
}

// The commitment's words: from the verb to a clause break, at most 14.
std::string PhraseFrom(const Words& w, size_t v) {
  std::string out;
  for (size_t k = v; k < w.size() && k < v + 14; ++k) {
    if (k > v && In(w[k], {"but", "because", "so", "if", "okay", "alright",
                           "um", "uh", "and"})) {
      // "and" ends the clause only when a new subject follows.
      if (w[k] != "and" ||
          (k + 1 < w.size() &&
           In(w[k + 1], {"i", "we", "you", "i'll", "we'll"}))) {
        break;
      }
    }
    if (!out.empty()) out += ' ';
    out += w[k];
  }
  return out;
}

bool Accepts(const std::string& text) {
  Words w = analysis::SpokenWords(text);
  for (const std::string& s : w) {
    if (In(s, {"yes", "yeah", "sure", "works", "perfect", "great", "okay", "ok",
               "fine", "sounds", "good", "definitely", "absolutely"})) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<Commitment> FindCommitments(
    const std::vector<TranscriptFinal>& utterances,
    const CivilDate& call_date) {
  std::vector<Commitment> out;
  for (size_t u = 0; u < utterances.size(); ++u) {
    const TranscriptFinal& f = utterances[u];
    Words w = analysis::SpokenWords(f.text);
    std::vector<SpokenDate> dates = FindSpokenDates(f.text, call_date);
    Owner owner =
        f.speaker == Speaker::kAgent ? Owner::kAgent : Owner::kProspect;
    bool found = false;
    for (size_t i = 0; i < w.size(); ++i) {
      bool lets = false;
      size_t v = CommitmentVerb(w, i, &lets);
      if (v == 0) continue;
      Commitment c;
      c.owner = owner;
      c.at_s = static_cast<double>(f.start_ms) / 1000.0;
      c.text = PhraseFrom(w, v);
      for (const SpokenDate& d : dates) {
        if (d.word_index >= static_cast<int>(i)) {
          c.due = d.date;
          c.due_phrase = d.phrase;
          break;
        }
      }
      if (!c.due && !dates.empty()) {
        c.due = dates.front().date;
        c.due_phrase = dates.front().phrase;
      }
      out.push_back(std::move(c));
      found = true;
      i = v;
    }
    // A meeting proposed with a date and accepted by the other side in the
    // next utterance: "how about next tuesday for the demo" - "sure".
    if (!found && !dates.empty() && HasMeetingWord(w) &&
        u + 1 < utterances.size() && utterances[u + 1].speaker != f.speaker &&
        Accepts(utterances[u + 1].text)) {
      Commitment c;
      c.owner = owner;
      c.at_s = static_cast<double>(f.start_ms) / 1000.0;
      c.text = PhraseFrom(w, 0);
      c.due = dates.front().date;
      c.due_phrase = dates.front().phrase;
      out.push_back(std::move(c));
    }
  }
  return out;
}

bool HasMeetingWord(const std::vector<std::string>& words) {
  for (const std::string& s : words) {
    if (In(s, {"call", "meet", "meeting", "demo", "talk", "chat", "catch",
               "speak", "reconnect", "follow", "touch", "schedule", "session",
               "walkthrough", "review", "sync"})) {
      return true;
    }
  }
  return false;
}

}  // namespace sc::coaching
