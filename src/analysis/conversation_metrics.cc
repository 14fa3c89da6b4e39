#include "analysis/conversation_metrics.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <initializer_list>
#include <iterator>
#include <utility>

#include "analysis/questions.h"

namespace sc::analysis {
namespace json = boost::json;
namespace {

using Record = ConversationMeter::Record;
using Span = std::pair<int64_t, int64_t>;

double Seconds(int64_t ms) { return static_cast<double>(ms) / 1000.0; }
double Round3(double v) { return std::round(v * 1000.0) / 1000.0; }
int Side(Speaker s) { return s == Speaker::kAgent ? 0 : 1; }

bool In(std::string_view w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}
template <size_t N>
bool In(std::string_view w, const std::string_view (&set)[N]) {
  return std::find(std::begin(set), std::end(set), w) != std::end(set);
}

// The total order both forms sort by: start, then end, then speaker, then
// arrival. Only records that agree on all but arrival tie, and those are
// interchangeable for every measure.
bool Before(const Record& a, const Record& b) {
  if (a.start_ms != b.start_ms) return a.start_ms < b.start_ms;
  if (a.end_ms != b.end_ms) return a.end_ms < b.end_ms;
  if (a.speaker != b.speaker) return Side(a.speaker) < Side(b.speaker);
  return a.seq < b.seq;
}

Record MakeRecord(const TranscriptFinal& f, int64_t seq,
                  const ConversationMetricsOptions& o) {
  Record r;
  r.speaker = f.speaker;
  r.start_ms = f.start_ms;
  r.end_ms = std::max(f.start_ms, f.end_ms);
  r.seq = seq;
  std::vector<std::string> words = SpokenWords(f.text);
  r.words = f.words.empty() ? static_cast<int>(words.size())
                            : static_cast<int>(f.words.size());
  r.fillers = CountFillerWords(f.text);
  r.question = IsQuestion(f.text);
  r.backchannel = r.words <= o.backchannel_max_words &&
                  r.end_ms - r.start_ms <= o.backchannel_max_ms;
  return r;
}

// Merges one side's intervals (given in start order) into disjoint spans.
std::vector<Span> Union(const std::vector<Record>& recs, int side) {
  std::vector<Span> out;
  for (const Record& r : recs) {
    if (Side(r.speaker) != side || r.end_ms <= r.start_ms) continue;
    if (!out.empty() && r.start_ms <= out.back().second) {
      out.back().second = std::max(out.back().second, r.end_ms);
    } else {
      out.emplace_back(r.start_ms, r.end_ms);
    }
  }
  return out;
}

int64_t Length(const std::vector<Span>& spans) {
  int64_t total = 0;
  for (auto [s, e] : spans) total += e - s;
  return total;
}

int64_t Intersection(const std::vector<Span>& a, const std::vector<Span>& b) {
  int64_t total = 0;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    int64_t s = std::max(a[i].first, b[j].first);
    int64_t e = std::min(a[i].second, b[j].second);
    if (e > s) total += e - s;
    (a[i].second < b[j].second) ? ++i : ++j;
  }
  return total;
}

// The span of `spans` containing `t` strictly after its start, or null.
const Span* SpanCovering(const std::vector<Span>& spans, int64_t t) {
  auto it =
      std::upper_bound(spans.begin(), spans.end(), t,
                       [](int64_t v, const Span& s) { return v < s.first; });
  if (it == spans.begin()) return nullptr;
  --it;
  return (it->first < t && t < it->second) ? &*it : nullptr;
}

// Every timeline measure from records sorted by Before().
ConversationMetrics Timeline(const std::vector<Record>& recs,
                             const ConversationMetricsOptions& o) {
  ConversationMetrics m;
  SideMetrics* side[2] = {&m.agent, &m.prospect};
  std::vector<Span> spans[2] = {Union(recs, 0), Union(recs, 1)};
  int64_t talk[2] = {Length(spans[0]), Length(spans[1])};
  for (int s = 0; s < 2; ++s) side[s]->talk_time_s = Seconds(talk[s]);
  if (talk[0] + talk[1] > 0) {
    m.agent_talk_ratio =
        static_cast<double>(talk[0]) / static_cast<double>(talk[0] + talk[1]);
    m.prospect_talk_ratio = 1.0 - m.agent_talk_ratio;
  }
  m.overtalk_s = Seconds(Intersection(spans[0], spans[1]));

  int64_t first = 0, last = 0;
  bool any = false;
  // The current monologue (floor-holding run).
  int run_side = -1;
  int64_t run_start = 0, run_end = 0;
  auto close_run = [&] {
    if (run_side < 0) return;
    double len = Seconds(run_end - run_start);
    SideMetrics& sm = *side[run_side];
    if (sm.longest_monologue_start_ms < 0 || len > sm.longest_monologue_s) {
      sm.longest_monologue_s = len;
      sm.longest_monologue_start_ms = run_start;
    }
  };
  // Patience: ends of the last agent speech and the last prospect turn.
  int64_t last_agent_end = -1, last_prospect_turn_end = -1;
  int64_t patience_total = 0;

  for (const Record& r : recs) {
    int s = Side(r.speaker);
    SideMetrics& sm = *side[s];
    ++sm.utterances;
    sm.words += r.words;
    sm.filler_words += r.fillers;
    if (r.question) ++sm.questions;
    first = any ? std::min(first, r.start_ms) : r.start_ms;
    last = any ? std::max(last, r.end_ms) : r.end_ms;
    any = true;

    if (!r.backchannel) {
      const Span* other = SpanCovering(spans[1 - s], r.start_ms);
      if (other != nullptr && std::min(other->second, r.end_ms) - r.start_ms >=
                                  o.min_interruption_overlap_ms) {
        ++sm.interruptions;
      }
    }

    if (s == 0 && last_prospect_turn_end > last_agent_end) {
      int64_t gap = r.start_ms - last_prospect_turn_end;
      if (gap >= 0 && gap <= o.max_response_gap_ms) {
        patience_total += gap;
        ++m.patience_samples;
      }
    }
    if (s == 0) last_agent_end = std::max(last_agent_end, r.end_ms);
    if (s == 1 && !r.backchannel) {
      last_prospect_turn_end = std::max(last_prospect_turn_end, r.end_ms);
    }

    // Monologues and floor switches. A backchannel from the listener
    // during (or just after) the other side's run does not take the floor.
    bool listener_backchannel =
        r.backchannel && run_side >= 0 && run_side != s &&
        r.start_ms <= run_end + o.monologue_max_pause_ms;
    if (listener_backchannel) continue;
    if (run_side == s && r.start_ms <= run_end + o.monologue_max_pause_ms) {
      run_end = std::max(run_end, r.end_ms);
      continue;
    }
    if (run_side >= 0 && run_side != s) ++m.speaker_switches;
    close_run();
    run_side = s;
    run_start = r.start_ms;
    run_end = r.end_ms;
  }
  close_run();

  if (any) m.conversation_s = Seconds(last - first);
  if (m.conversation_s > 0) {
    m.interactivity_per_min = m.speaker_switches / (m.conversation_s / 60.0);
  }
  if (m.patience_samples > 0) {
    m.patience_s = Seconds(patience_total) / m.patience_samples;
  }
  for (SideMetrics* sm : side) {
    if (sm->talk_time_s > 0) {
      sm->words_per_minute = sm->words / (sm->talk_time_s / 60.0);
    }
    if (sm->words > 0) {
      sm->fillers_per_100_words = 100.0 * sm->filler_words / sm->words;
    }
  }
  return m;
}

// Words before which "like" is content: "i like", "looks like", "would
// like", "something like", "just like that".
constexpr std::string_view kLikeContent[] = {
    "i",      "you",       "we",        "they",    "he",      "she",   "would",
    "'d",     "i'd",       "we'd",      "you'd",   "they'd",  "don't", "didn't",
    "do",     "did",       "does",      "to",      "really",  "looks", "look",
    "looked", "sounds",    "sound",     "seems",   "seem",    "feel",  "feels",
    "felt",   "something", "more",      "less",    "much",    "just",  "not",
    "things", "stuff",     "anything",  "nothing", "exactly", "lot",   "might",
    "will",   "i'll",      "we'll",     "you'll",  "also",    "still", "who",
    "people", "companies", "customers", "folks",   "kids",    "guys"};
constexpr std::string_view kDeterminers[] = {
    "a",     "the",       "what",  "which", "this",    "that",
    "some",  "any",       "each",  "every", "all",     "one",
    "same",  "different", "these", "those", "other",   "another",
    "right", "wrong",     "your",  "our",   "my",      "their",
    "his",   "her",       "its",   "no",    "certain", "particular"};

}  // namespace

int CountFillerWords(std::string_view text) {
  std::vector<std::string> w = SpokenWords(text);
  int n = 0;
  auto at = [&](size_t i) -> std::string_view {
    return i < w.size() ? std::string_view(w[i]) : std::string_view();
  };
  for (size_t i = 0; i < w.size(); ++i) {
    std::string_view cur = w[i], prev = i > 0 ? at(i - 1) : "";
    std::string_view next = at(i + 1);
    if (In(cur, {"um", "uh", "uhm", "umm", "er", "erm", "ah", "eh"})) {
      ++n;
    } else if (In(cur, {"basically", "actually", "literally"})) {
      ++n;
    } else if (cur == "like") {
      // Filler at the start, after a hesitation or a conjunction, or
      // doubled; content after a subject, a modal or a perception verb.
      bool filler =
          i == 0 ||
          In(prev, {"um", "uh", "and", "but", "so", "like", "yeah", "well",
                    "oh", "know", "mean", "was", "it's", "is", "were"}) ||
          In(next, {"um", "uh"});
      if (In(prev, kLikeContent)) filler = false;
      if (In(next, {"to", "that", "this", "it", "a", "the"}) &&
          !In(prev, {"um", "uh", "like", "know", "mean"}) && i != 0) {
        filler = false;  // "was like a truck", "is like that"
      }
      if (filler) ++n;
    } else if (cur == "you" && next == "know") {
      // "do you know", "if you know", "you know the product".
      bool content =
          In(prev, {"do", "did", "does", "don't", "didn't", "if", "as", "would",
                    "will", "what", "how", "that", "to", "could", "can",
                    "whether", "let"}) ||
          In(at(i + 2), {"that", "what", "how",     "where",   "when",  "who",
                         "him",  "her",  "them",    "it",      "about", "this",
                         "why",  "if",   "whether", "exactly", "our",   "your",
                         "my",   "the",  "a",       "more"});
      // "you know what i mean" is a filler phrase after all.
      if (at(i + 2) == "what" && at(i + 3) == "i" && at(i + 4) == "mean") {
        content = false;
      }
      if (!content) ++n;
      ++i;
    } else if (cur == "i" && next == "mean") {
      bool content =
          In(prev, {"what", "if", "do", "don't", "whether", "you", "know"}) ||
          In(at(i + 2), {"it", "to", "that", "this", "them"});
      if (!content) ++n;
      ++i;
    } else if ((cur == "kind" || cur == "sort") && next == "of") {
      if (!In(prev, kDeterminers)) ++n;
      ++i;
    }
  }
  return n;
}

ConversationMeter::ConversationMeter(ConversationMetricsOptions options)
    : options_(options) {}

void ConversationMeter::Add(const TranscriptFinal& final) {
  Record r = MakeRecord(final, next_seq_++, options_);
  // Out-of-order arrivals land near the end, so the search is short in
  // practice; upper_bound keeps equal keys in arrival order.
  auto it = std::upper_bound(records_.begin(), records_.end(), r, Before);
  records_.insert(it, r);
}

ConversationMetrics ConversationMeter::Snapshot() const {
  return Timeline(records_, options_);
}

ConversationMetrics ComputeConversationMetrics(
    const std::vector<TranscriptFinal>& finals,
    const ConversationMetricsOptions& options) {
  std::vector<Record> recs;
  recs.reserve(finals.size());
  for (size_t i = 0; i < finals.size(); ++i) {
    recs.push_back(MakeRecord(finals[i], static_cast<int64_t>(i), options));
  }
  std::sort(recs.begin(), recs.end(), Before);
  return Timeline(recs, options);
}

std::string ConversationMetricsJson(const ConversationMetrics& m) {
  auto pair = [](double a, double p) {
    return json::object{{"agent", a}, {"prospect", p}};
  };
  auto ints = [](int64_t a, int64_t p) {
    return json::object{{"agent", a}, {"prospect", p}};
  };
  auto start_s = [](const SideMetrics& s) -> json::value {
    if (s.longest_monologue_start_ms < 0) return nullptr;
    return Round3(Seconds(s.longest_monologue_start_ms));
  };
  json::object o{
      {"talk_time_s",
       pair(Round3(m.agent.talk_time_s), Round3(m.prospect.talk_time_s))},
      {"talk_ratio", pair(m.agent_talk_ratio, m.prospect_talk_ratio)},
      {"conversation_s", Round3(m.conversation_s)},
      {"longest_monologue_s", pair(Round3(m.agent.longest_monologue_s),
                                   Round3(m.prospect.longest_monologue_s))},
      {"longest_monologue_at_s",
       json::object{{"agent", start_s(m.agent)},
                    {"prospect", start_s(m.prospect)}}},
      {"speaker_switches", m.speaker_switches},
      {"interactivity_per_min", Round3(m.interactivity_per_min)},
      {"patience_s", Round3(m.patience_s)},
      {"patience_samples", m.patience_samples},
      {"questions", ints(m.agent.questions, m.prospect.questions)},
      {"interruptions", ints(m.agent.interruptions, m.prospect.interruptions)},
      {"overtalk_s", Round3(m.overtalk_s)},
      {"utterances", ints(m.agent.utterances, m.prospect.utterances)},
      {"words", ints(m.agent.words, m.prospect.words)},
      {"words_per_minute", pair(Round3(m.agent.words_per_minute),
                                Round3(m.prospect.words_per_minute))},
      {"filler_words", ints(m.agent.filler_words, m.prospect.filler_words)},
      {"fillers_per_100_words", pair(Round3(m.agent.fillers_per_100_words),
                                     Round3(m.prospect.fillers_per_100_words))},
  };
  return json::serialize(o);
}

}  // namespace sc::analysis
