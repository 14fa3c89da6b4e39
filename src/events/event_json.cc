#include "events/event_json.h"

#include <boost/json.hpp>

namespace sc {
namespace json = boost::json;
namespace {

json::object StatsObject(const MediaStats& s) {
  return {{"frames", s.frames},
          {"bytes", s.bytes},
          {"sequence_gaps", s.sequence_gaps},
          {"bad_frames", s.bad_frames},
          {"dropped_audio_ms", s.dropped_audio_ms}};
}

json::array WordsArray(const std::vector<Word>& words) {
  json::array a;
  a.reserve(words.size());
  for (const Word& w : words) {
    a.push_back(json::object{
        {"w", w.w}, {"start_ms", w.start_ms}, {"end_ms", w.end_ms}});
  }
  return a;
}

template <typename T>
json::object Sides(const PerSpeaker<T>& v) {
  return {{"agent", v.agent}, {"prospect", v.prospect}};
}

struct ToJson {
  json::object operator()(const CallStartedEvent& e) const {
    const CallStarted& i = e.info;
    json::object params;
    for (const auto& [k, v] : i.custom_parameters) params[k] = v;
    json::array tracks;
    for (const auto& t : i.tracks) tracks.push_back(json::string(t));
    return {{"call_sid", i.call_sid},
            {"stream_sid", i.stream_sid},
            {"account_sid", i.account_sid},
            {"direction", CallDirectionName(i.direction)},
            {"agent_track", i.agent_track},
            {"tracks", std::move(tracks)},
            {"custom_parameters", std::move(params)},
            {"source", i.source}};
  }
  json::object operator()(const CallStatusChanged& e) const {
    return {{"status", e.status}};
  }
  json::object operator()(const TranscriptPartial& e) const {
    return {{"utterance_id", e.utterance_id},
            {"speaker", SpeakerName(e.speaker)},
            {"start_ms", e.start_ms},
            {"end_ms", e.end_ms},
            {"text", e.text}};
  }
  json::object operator()(const TranscriptFinal& e) const {
    json::object o{{"utterance_id", e.utterance_id},
                   {"speaker", SpeakerName(e.speaker)},
                   {"start_ms", e.start_ms},
                   {"end_ms", e.end_ms},
                   {"text", e.text},
                   {"confidence", e.confidence},
                   {"words", WordsArray(e.words)}};
    if (e.sentiment) {
      o["sentiment"] = {{"score", e.sentiment->score},
                        {"label", e.sentiment->label}};
    }
    return o;
  }
  json::object operator()(const DtmfEvent& e) const {
    return {{"speaker", SpeakerName(e.speaker)}, {"digit", e.digit}};
  }
  json::object operator()(const Alert& e) const {
    return {{"kind", e.kind}, {"message", e.message}};
  }
  json::object operator()(const MetricsTick& e) const {
    int64_t total = e.agent_talk_ms + e.prospect_talk_ms;
    double agent = total > 0 ? static_cast<double>(e.agent_talk_ms) / total : 0;
    double prospect = total > 0 ? 1.0 - agent : 0;
    json::object o{
        {"talk_ms",
         {{"agent", e.agent_talk_ms}, {"prospect", e.prospect_talk_ms}}},
        {"talk_ratio", {{"agent", agent}, {"prospect", prospect}}},
        {"longest_monologue_ms", Sides(e.longest_monologue_ms)},
        {"interactivity_per_min", e.interactivity_per_min},
        {"patience_ms", e.patience_ms},
        {"questions", Sides(e.questions)},
        {"interruptions", Sides(e.interruptions)},
        {"overtalk_ms", e.overtalk_ms},
        {"words_per_minute", Sides(e.words_per_minute)},
        {"filler_words", Sides(e.filler_words)},
        {"sentiment_trend", Sides(e.sentiment_trend)}};
    if (e.agent_pace_vs_baseline > 0) {
      o["agent_pace_vs_baseline"] = e.agent_pace_vs_baseline;
    }
    return o;
  }
  json::object operator()(const ObjectionDetected& e) const {
    return {
        {"utterance_id", e.utterance_id}, {"speaker", SpeakerName(e.speaker)},
        {"category", e.category},         {"confidence", e.confidence},
        {"start_ms", e.start_ms},         {"text", e.text},
        {"trigger", e.trigger},           {"suggestion", e.suggestion},
        {"evidence", e.evidence}};
  }
  json::object operator()(const GuidanceCard& e) const {
    return {{"card_id", e.card_id},
            {"kind", e.kind},
            {"category", e.category},
            {"title", e.title},
            {"text", e.text},
            {"reason", e.reason},
            {"approach", e.approach},
            {"has_alternative", e.has_alternative},
            {"alternative_of", e.alternative_of}};
  }
  json::object operator()(const CardFeedback& e) const {
    return {{"card_id", e.card_id},
            {"action", e.action},
            {"category", e.category},
            {"approach", e.approach}};
  }
  json::object operator()(const CallEndedEvent& e) const {
    return {{"reason", EndReasonName(e.reason)},
            {"duration_ms", e.duration_ms},
            {"stats", StatsObject(e.stats)}};
  }
  json::object operator()(const AnalysisReady& e) const {
    if (e.transcript_source.empty()) return {};
    return {{"transcript_source", e.transcript_source}};
  }
};

// Field readers that never throw: a missing or mistyped field is an error.
class Reader {
 public:
  explicit Reader(const json::object& o) : o_(o) {}
  std::string Str(std::string_view key) {
    const json::value* v = o_.if_contains(key);
    if (v && v->is_string()) return std::string(v->get_string());
    Fail(key);
    return {};
  }
  int64_t Int(std::string_view key) {
    const json::value* v = o_.if_contains(key);
    if (v && v->is_int64()) return v->get_int64();
    if (v && v->is_uint64()) return static_cast<int64_t>(v->get_uint64());
    Fail(key);
    return 0;
  }
  double Num(std::string_view key) {
    const json::value* v = o_.if_contains(key);
    if (v && v->is_number()) return v->to_number<double>();
    Fail(key);
    return 0;
  }
  const json::object* Obj(std::string_view key) {
    const json::value* v = o_.if_contains(key);
    if (v && v->is_object()) return &v->get_object();
    Fail(key);
    return nullptr;
  }
  const json::array* Arr(std::string_view key) {
    const json::value* v = o_.if_contains(key);
    if (v && v->is_array()) return &v->get_array();
    Fail(key);
    return nullptr;
  }
  Speaker Who(std::string_view key) {
    std::string s = Str(key);
    if (s == "agent") return Speaker::kAgent;
    if (s == "prospect") return Speaker::kProspect;
    Fail(key);
    return Speaker::kAgent;
  }
  const std::string& missing() const { return missing_; }

 private:
  void Fail(std::string_view key) {
    if (missing_.empty()) missing_ = std::string(key);
  }
  const json::object& o_;
  std::string missing_;
};

// Reads {"agent":..,"prospect":..} into `out`.
template <typename T>
Status ReadSides(const json::object& parent, std::string_view key,
                 PerSpeaker<T>& out) {
  const json::value* v = parent.if_contains(key);
  if (v == nullptr || !v->is_object()) {
    return InvalidArgument("metrics lacks field: " + std::string(key));
  }
  Reader r(v->get_object());
  if constexpr (std::is_integral_v<T>) {
    out.agent = r.Int("agent");
    out.prospect = r.Int("prospect");
  } else {
    out.agent = r.Num("agent");
    out.prospect = r.Num("prospect");
  }
  if (!r.missing().empty()) {
    return InvalidArgument("metrics " + std::string(key) + " incomplete");
  }
  return Status::Ok();
}

CallDirection ParseDirection(const std::string& s) {
  if (s == "inbound") return CallDirection::kInbound;
  if (s == "outbound") return CallDirection::kOutbound;
  return CallDirection::kUnknown;
}

EndReason ParseEndReason(const std::string& s) {
  if (s == "disconnect") return EndReason::kDisconnect;
  if (s == "error") return EndReason::kError;
  if (s == "restart") return EndReason::kRestart;
  if (s == "end_of_file") return EndReason::kEndOfFile;
  return EndReason::kStop;
}

}  // namespace

std::string EventDataJson(const CallEvent& event) {
  return json::serialize(std::visit(ToJson{}, event));
}

std::string EnvelopeJson(const EventEnvelope& env) {
  json::object o{{"type", EventType(env.event)},
                 {"call_sid", env.call_sid},
                 {"seq", env.seq},
                 {"at_ms", env.at_ms},
                 {"wall_ms", env.wall_ms},
                 {"data", std::visit(ToJson{}, env.event)}};
  return json::serialize(o);
}

std::string EnvelopeJsonFromStored(std::string_view type,
                                   std::string_view call_sid, int64_t seq,
                                   int64_t at_ms, int64_t wall_ms,
                                   std::string_view data_json) {
  json::object o{{"type", type},   {"call_sid", call_sid}, {"seq", seq},
                 {"at_ms", at_ms}, {"wall_ms", wall_ms},   {"data", nullptr}};
  std::string head = json::serialize(o);
  // Splice the stored object in place of the null placeholder.
  head.resize(head.size() - std::string_view("null}").size());
  head += data_json.empty() ? std::string_view("{}") : data_json;
  head += '}';
  return head;
}

std::string MediaStatsJson(const MediaStats& stats) {
  return json::serialize(StatsObject(stats));
}

std::string StringMapJson(const std::map<std::string, std::string>& map) {
  json::object o;
  for (const auto& [k, v] : map) o[k] = v;
  return json::serialize(o);
}

StatusOr<CallEvent> ParseEventData(std::string_view type,
                                   std::string_view data_json) {
  boost::system::error_code ec;
  json::value v = json::parse(data_json, ec);
  if (ec || !v.is_object()) {
    return InvalidArgument("event data is not a JSON object");
  }
  Reader r(v.get_object());
  CallEvent out;
  if (type == "call.started") {
    CallStarted i;
    i.call_sid = r.Str("call_sid");
    i.stream_sid = r.Str("stream_sid");
    i.account_sid = r.Str("account_sid");
    i.direction = ParseDirection(r.Str("direction"));
    i.agent_track = r.Str("agent_track");
    i.source = r.Str("source");
    if (const json::array* a = r.Arr("tracks")) {
      for (const json::value& t : *a) {
        if (t.is_string()) i.tracks.emplace_back(t.get_string());
      }
    }
    if (const json::object* p = r.Obj("custom_parameters")) {
      for (const auto& kv : *p) {
        i.custom_parameters[std::string(kv.key())] =
            kv.value().is_string() ? std::string(kv.value().get_string())
                                   : json::serialize(kv.value());
      }
    }
    out = CallStartedEvent{std::move(i)};
  } else if (type == "call.status") {
    out = CallStatusChanged{r.Str("status")};
  } else if (type == "transcript.partial") {
    TranscriptPartial e;
    e.utterance_id = r.Str("utterance_id");
    e.speaker = r.Who("speaker");
    e.start_ms = r.Int("start_ms");
    e.end_ms = r.Int("end_ms");
    e.text = r.Str("text");
    out = std::move(e);
  } else if (type == "transcript.final") {
    TranscriptFinal e;
    e.utterance_id = r.Str("utterance_id");
    e.speaker = r.Who("speaker");
    e.start_ms = r.Int("start_ms");
    e.end_ms = r.Int("end_ms");
    e.text = r.Str("text");
    e.confidence = r.Num("confidence");
    if (const json::array* a = r.Arr("words")) {
      for (const json::value& wv : *a) {
        if (!wv.is_object()) return InvalidArgument("word is not an object");
        Reader wr(wv.get_object());
        Word w{wr.Str("w"), wr.Int("start_ms"), wr.Int("end_ms")};
        if (!wr.missing().empty()) {
          return InvalidArgument("word field missing: " + wr.missing());
        }
        e.words.push_back(std::move(w));
      }
    }
    if (const json::value* sv = v.get_object().if_contains("sentiment")) {
      if (!sv->is_object())
        return InvalidArgument("sentiment is not an object");
      Reader sr(sv->get_object());
      e.sentiment = UtteranceSentiment{sr.Num("score"), sr.Str("label")};
      if (!sr.missing().empty()) {
        return InvalidArgument("sentiment field missing: " + sr.missing());
      }
    }
    out = std::move(e);
  } else if (type == "dtmf") {
    out = DtmfEvent{r.Who("speaker"), r.Str("digit")};
  } else if (type == "alert") {
    out = Alert{r.Str("kind"), r.Str("message")};
  } else if (type == "metrics") {
    MetricsTick m;
    if (const json::object* t = r.Obj("talk_ms")) {
      Reader tr(*t);
      m.agent_talk_ms = tr.Int("agent");
      m.prospect_talk_ms = tr.Int("prospect");
      if (!tr.missing().empty()) return InvalidArgument("talk_ms incomplete");
    }
    // Metrics beyond talk time came later: absent in older stored events.
    const json::object& o = v.get_object();
    if (o.contains("longest_monologue_ms")) {
      SC_RETURN_IF_ERROR(
          ReadSides(o, "longest_monologue_ms", m.longest_monologue_ms));
      SC_RETURN_IF_ERROR(ReadSides(o, "questions", m.questions));
      SC_RETURN_IF_ERROR(ReadSides(o, "interruptions", m.interruptions));
      SC_RETURN_IF_ERROR(ReadSides(o, "words_per_minute", m.words_per_minute));
      SC_RETURN_IF_ERROR(ReadSides(o, "filler_words", m.filler_words));
      SC_RETURN_IF_ERROR(ReadSides(o, "sentiment_trend", m.sentiment_trend));
      m.interactivity_per_min = r.Num("interactivity_per_min");
      m.patience_ms = r.Int("patience_ms");
      m.overtalk_ms = r.Int("overtalk_ms");
    }
    if (o.contains("agent_pace_vs_baseline")) {
      m.agent_pace_vs_baseline = r.Num("agent_pace_vs_baseline");
    }
    out = m;
  } else if (type == "call.ended") {
    CallEndedEvent e;
    e.reason = ParseEndReason(r.Str("reason"));
    e.duration_ms = r.Int("duration_ms");
    if (const json::object* s = r.Obj("stats")) {
      Reader sr(*s);
      e.stats.frames = sr.Int("frames");
      e.stats.bytes = sr.Int("bytes");
      e.stats.sequence_gaps = sr.Int("sequence_gaps");
      e.stats.bad_frames = sr.Int("bad_frames");
      e.stats.dropped_audio_ms = sr.Int("dropped_audio_ms");
      if (!sr.missing().empty()) return InvalidArgument("stats incomplete");
    }
    out = e;
  } else if (type == "analysis.ready") {
    AnalysisReady e;
    if (const json::value* src =
            v.get_object().if_contains("transcript_source");
        src != nullptr && src->is_string()) {
      e.transcript_source = std::string(src->as_string());
    }
    out = e;
  } else if (type == "objection") {
    ObjectionDetected e;
    e.utterance_id = r.Str("utterance_id");
    e.speaker = r.Who("speaker");
    e.category = r.Str("category");
    e.confidence = r.Num("confidence");
    e.start_ms = r.Int("start_ms");
    e.text = r.Str("text");
    e.trigger = r.Str("trigger");
    e.suggestion = r.Str("suggestion");
    // Events stored before keyphrase spotting have no "evidence": text.
    if (const json::value* ev = v.get_object().if_contains("evidence");
        ev != nullptr && ev->is_string()) {
      e.evidence = std::string(ev->get_string());
    }
    out = std::move(e);
  } else if (type == "guidance.card") {
    GuidanceCard e;
    e.card_id = r.Str("card_id");
    e.kind = r.Str("kind");
    e.category = r.Str("category");
    e.title = r.Str("title");
    e.text = r.Str("text");
    e.reason = r.Str("reason");
    e.approach = r.Str("approach");
    e.alternative_of = r.Str("alternative_of");
    const json::value* ha = v.get_object().if_contains("has_alternative");
    if (ha == nullptr || !ha->is_bool()) {
      return InvalidArgument("guidance.card lacks field: has_alternative");
    }
    e.has_alternative = ha->get_bool();
    out = std::move(e);
  } else if (type == "guidance.feedback") {
    out = CardFeedback{r.Str("card_id"), r.Str("action"), r.Str("category"),
                       r.Str("approach")};
  } else {
    return InvalidArgument("unknown event type: " + std::string(type));
  }
  if (!r.missing().empty()) {
    return InvalidArgument("event " + std::string(type) +
                           " lacks field: " + r.missing());
  }
  return out;
}

}  // namespace sc
