#include "analysis/analysis.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <cstdio>

namespace sc::analysis {
namespace json = boost::json;
namespace {

double Seconds(int64_t ms) { return static_cast<double>(ms) / 1000.0; }

// Rounds to milliseconds so documents are stable and readable.
double Round3(double v) { return std::round(v * 1000.0) / 1000.0; }

int64_t UnionMs(std::vector<std::pair<int64_t, int64_t>> spans) {
  std::sort(spans.begin(), spans.end());
  int64_t total = 0;
  int64_t cur_start = 0, cur_end = -1;
  for (auto [s, e] : spans) {
    if (e <= s) continue;
    if (cur_end < 0 || s > cur_end) {
      if (cur_end >= 0) total += cur_end - cur_start;
      cur_start = s;
      cur_end = e;
    } else {
      cur_end = std::max(cur_end, e);
    }
  }
  if (cur_end >= 0) total += cur_end - cur_start;
  return total;
}

std::string FormatClock(int64_t ms) {
  char buf[32];
  int64_t s = ms / 1000;
  std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(s / 60),
                static_cast<long long>(s % 60));
  return buf;
}

}  // namespace

TalkMetrics ComputeTalkMetrics(const std::vector<TranscriptFinal>& finals) {
  std::vector<std::pair<int64_t, int64_t>> agent, prospect;
  for (const TranscriptFinal& f : finals) {
    (f.speaker == Speaker::kAgent ? agent : prospect)
        .emplace_back(f.start_ms, f.end_ms);
  }
  TalkMetrics m;
  int64_t a = UnionMs(std::move(agent));
  int64_t p = UnionMs(std::move(prospect));
  m.agent_talk_s = Seconds(a);
  m.prospect_talk_s = Seconds(p);
  if (a + p > 0) {
    m.agent_ratio = static_cast<double>(a) / static_cast<double>(a + p);
    m.prospect_ratio = 1.0 - m.agent_ratio;
  }
  return m;
}

UtteranceSentiment ToUtteranceSentiment(const Sentiment& s) {
  return UtteranceSentiment{s.score, SentimentLabelName(s.label)};
}

CallAnalysis AnalyzeCall(const CallStarted& call, int64_t started_unix_ms,
                         std::vector<TranscriptFinal> finals,
                         int64_t duration_ms, const AnalyzeOptions& options) {
  std::stable_sort(finals.begin(), finals.end(),
                   [](const TranscriptFinal& a, const TranscriptFinal& b) {
                     return a.start_ms < b.start_ms;
                   });
  const SentimentModel& model = options.sentiment != nullptr
                                    ? *options.sentiment
                                    : SentimentModel::Default();

  const ObjectionDetector* detector = options.objections != nullptr
                                          ? options.objections
                                          : ObjectionDetector::Default();
  CallAnalysis out;
  out.call = call;
  out.started_unix_ms = started_unix_ms;
  out.duration_ms = duration_ms;
  out.sentiments.reserve(finals.size());
  for (TranscriptFinal& f : finals) {
    Sentiment s = model.Score(f.text);
    f.sentiment = ToUtteranceSentiment(s);
    out.sentiments.push_back(s);
    if (detector != nullptr) {
      for (Objection& o : detector->Detect(f)) {
        out.objections.push_back(std::move(o));
      }
    }
  }
  std::stable_sort(
      out.objections.begin(), out.objections.end(),
      [](const Objection& a, const Objection& b) { return a.at_ms < b.at_ms; });
  out.talk = ComputeTalkMetrics(finals);
  out.metrics = ComputeConversationMetrics(finals);
  out.utterances = std::move(finals);
  return out;
}

std::string AnalysisJson(const CallAnalysis& a) {
  json::object params;
  for (const auto& [k, v] : a.call.custom_parameters) params[k] = v;
  json::object call{{"call_sid", a.call.call_sid},
                    {"stream_sid", a.call.stream_sid},
                    {"direction", CallDirectionName(a.call.direction)},
                    {"source", a.call.source},
                    {"agent_track", a.call.agent_track},
                    {"started_unix_ms", a.started_unix_ms},
                    {"custom_parameters", std::move(params)}};
  json::array utterances;
  utterances.reserve(a.utterances.size());
  for (const TranscriptFinal& u : a.utterances) {
    json::array words;
    for (const Word& w : u.words) {
      words.push_back(json::object{{"w", w.w},
                                   {"start_s", Seconds(w.start_ms)},
                                   {"end_s", Seconds(w.end_ms)}});
    }
    json::object o{
        {"speaker", SpeakerName(u.speaker)},  {"start_s", Seconds(u.start_ms)},
        {"end_s", Seconds(u.end_ms)},         {"text", u.text},
        {"confidence", Round3(u.confidence)}, {"words", std::move(words)}};
    if (u.sentiment) {
      o["sentiment"] = {{"score", Round3(u.sentiment->score)},
                        {"label", u.sentiment->label}};
    }
    utterances.push_back(std::move(o));
  }
  json::array objections;
  for (const Objection& o : a.objections) {
    objections.push_back(json::object{{"category", o.category},
                                      {"confidence", Round3(o.confidence)},
                                      {"speaker", SpeakerName(o.speaker)},
                                      {"at_s", Seconds(o.at_ms)},
                                      {"text", o.text},
                                      {"trigger", o.trigger},
                                      {"suggestion", o.suggestion}});
  }
  // Every conversation metric (docs/metrics.md); talk time and ratio keep
  // their original definition (ComputeTalkMetrics) and precision.
  json::object metrics;
  json::value full = json::parse(ConversationMetricsJson(a.metrics));
  if (full.is_object()) metrics = std::move(full.get_object());
  metrics["talk_time_s"] = {{"agent", Round3(a.talk.agent_talk_s)},
                            {"prospect", Round3(a.talk.prospect_talk_s)}};
  metrics["talk_ratio"] = {{"agent", a.talk.agent_ratio},
                           {"prospect", a.talk.prospect_ratio}};
  json::object doc{{"call", std::move(call)},
                   {"duration_s", Seconds(a.duration_ms)},
                   {"utterances", std::move(utterances)},
                   {"objections", std::move(objections)},
                   {"metrics", std::move(metrics)}};
  return json::serialize(doc);
}

std::string AnalysisText(const CallAnalysis& a) {
  std::string out;
  char line[160];
  std::snprintf(line, sizeof line, "Call %s  duration %s  utterances %zu\n",
                a.call.call_sid.c_str(), FormatClock(a.duration_ms).c_str(),
                a.utterances.size());
  out += line;
  for (const TranscriptFinal& u : a.utterances) {
    out += "[" + FormatClock(u.start_ms) + "] ";
    out += u.speaker == Speaker::kAgent ? "AGENT    " : "PROSPECT ";
    out += u.text;
    if (u.sentiment && u.sentiment->label != "neutral") {
      out += "  (" + u.sentiment->label + ")";
    }
    out += '\n';
  }
  for (const Objection& o : a.objections) {
    std::snprintf(line, sizeof line,
                  "Objection [%s] %s (%.0f%%): ", FormatClock(o.at_ms).c_str(),
                  o.category.c_str(), o.confidence * 100);
    out += line;
    out += o.trigger;
    if (!o.suggestion.empty()) out += "  -> " + o.suggestion;
    out += '\n';
  }
  std::snprintf(line, sizeof line,
                "Talk time: agent %.1f s, prospect %.1f s  (ratio %.0f%% / "
                "%.0f%%)\n",
                a.talk.agent_talk_s, a.talk.prospect_talk_s,
                a.talk.agent_ratio * 100, a.talk.prospect_ratio * 100);
  out += line;
  return out;
}

StatusOr<std::vector<TranscriptFinal>> ParseTranscriptJsonl(
    std::string_view text) {
  std::vector<TranscriptFinal> out;
  int line_no = 0;
  int counters[2] = {0, 0};
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text =
        nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    auto bad = [&](const std::string& why) {
      return InvalidArgument("transcript line " + std::to_string(line_no) +
                             ": " + why);
    };
    boost::system::error_code ec;
    json::value v = json::parse(line, ec);
    if (ec || !v.is_object()) return bad("not a JSON object");
    const json::object& o = v.get_object();
    const json::value* speaker = o.if_contains("speaker");
    const json::value* start = o.if_contains("start_s");
    const json::value* end = o.if_contains("end_s");
    const json::value* t = o.if_contains("text");
    if (!speaker || !speaker->is_string()) return bad("speaker missing");
    if (!start || !start->is_number()) return bad("start_s missing");
    if (!end || !end->is_number()) return bad("end_s missing");
    if (!t || !t->is_string()) return bad("text missing");
    TranscriptFinal f;
    if (speaker->get_string() == "agent") {
      f.speaker = Speaker::kAgent;
    } else if (speaker->get_string() == "prospect") {
      f.speaker = Speaker::kProspect;
    } else {
      return bad("speaker must be agent or prospect");
    }
    double s = start->to_number<double>(), e = end->to_number<double>();
    if (!(s >= 0) || !(e >= s)) return bad("need 0 <= start_s <= end_s");
    f.start_ms = static_cast<int64_t>(std::llround(s * 1000));
    f.end_ms = static_cast<int64_t>(std::llround(e * 1000));
    f.text = std::string(t->get_string());
    f.confidence = 1.0;
    int idx = static_cast<int>(f.speaker);
    f.utterance_id = std::string(SpeakerName(f.speaker)) + "-" +
                     std::to_string(++counters[idx]);
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace sc::analysis
