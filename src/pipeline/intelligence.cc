#include "pipeline/intelligence.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "analysis/analysis.h"
#include "core/log.h"
#include "report/report.h"

namespace sc::pipeline {
namespace {

MetricsTick ToTick(const analysis::ConversationMetrics& m,
                   const analysis::SentimentTracker& tracker,
                   double agent_baseline_wpm) {
  auto ms = [](double s) {
    return static_cast<int64_t>(std::llround(s * 1000));
  };
  MetricsTick t;
  t.agent_talk_ms = ms(m.agent.talk_time_s);
  t.prospect_talk_ms = ms(m.prospect.talk_time_s);
  t.longest_monologue_ms = {ms(m.agent.longest_monologue_s),
                            ms(m.prospect.longest_monologue_s)};
  t.interactivity_per_min = m.interactivity_per_min;
  t.patience_ms = ms(m.patience_s);
  t.questions = {m.agent.questions, m.prospect.questions};
  t.interruptions = {m.agent.interruptions, m.prospect.interruptions};
  t.overtalk_ms = ms(m.overtalk_s);
  t.words_per_minute = {m.agent.words_per_minute, m.prospect.words_per_minute};
  t.filler_words = {m.agent.filler_words, m.prospect.filler_words};
  t.sentiment_trend = {tracker.Trend(Speaker::kAgent),
                       tracker.Trend(Speaker::kProspect)};
  if (agent_baseline_wpm > 0 && m.agent.words > 0) {
    t.agent_pace_vs_baseline = m.agent.words_per_minute / agent_baseline_wpm;
  }
  return t;
}

}  // namespace

StatusOr<std::shared_ptr<speech::KeywordSpotter>> OpenObjectionSpotter(
    const speech::RecognizerOptions& recognizer) {
  const analysis::ObjectionDetector* d = analysis::ObjectionDetector::Default();
  if (d == nullptr) return Internal("the objection inventory did not compile");
  speech::KeywordSpotterOptions so;
  for (const std::string& p : d->SpottingPhrases()) so.phrases.push_back({p});
  return speech::OpenKeywordSpotter(recognizer, so);
}

LiveIntelligence::LiveIntelligence(CallSettings settings)
    : settings_(std::move(settings)) {
  detector_ = analysis::ObjectionDetector::Default();
  if (!settings_.config.key_triggers.empty() ||
      !settings_.config.trigger_words.empty()) {
    auto d = report::DetectorFor(settings_.config);
    if (d.ok()) {
      own_detector_.emplace(std::move(d).value());
      detector_ = &*own_detector_;
    } else {
      // Saved configurations were validated; this guards older rows.
      LogWarn("intelligence.bad_triggers", {F("user", settings_.user_id),
                                            F("error", d.status().ToString())});
    }
  }
  if (!guidance::ValidateAiConfig(settings_.config).ok()) {
    LogWarn("intelligence.bad_ai_config", {F("user", settings_.user_id)});
    settings_.config = guidance::AiConfig{};
  }
  engine_ = std::make_unique<guidance::GuidanceEngine>(
      settings_.config, guidance::GuidanceOptions{}, settings_.feedback);
}

GuidanceCard LiveIntelligence::ToEvent(const guidance::Card& c) const {
  GuidanceCard e;
  e.card_id = c.id;
  e.kind = guidance::CardKindName(c.kind);
  e.category = c.category;
  e.title = c.title;
  e.text = c.text;
  // The reason of an objection card quotes the prospect's words: those go
  // out with the objection event, not the card (cards are safe to show in
  // notifications).
  e.reason = c.kind == guidance::CardKind::kObjection
                 ? std::string("objection: ") + c.category
                 : c.reason;
  e.approach = c.approach;
  e.has_alternative = c.alternatives > 0;
  e.alternative_of = c.alternative_of;
  return e;
}

const std::string& LiveIntelligence::PhraseCategory(const std::string& phrase,
                                                    Speaker speaker) {
  const std::string key = std::string(SpeakerName(speaker)) + ":" + phrase;
  auto it = phrase_category_.find(key);
  if (it != phrase_category_.end()) return it->second;
  // The phrase read as an utterance of that speaker: its best category
  // (none when the detector does not analyse the speaker).
  TranscriptFinal as_text;
  as_text.speaker = speaker;
  as_text.text = phrase;
  std::vector<analysis::Objection> found = detector_->Detect(as_text);
  return phrase_category_[key] = found.empty() ? "" : found.front().category;
}

std::vector<analysis::Objection> LiveIntelligence::Merge(
    const TranscriptFinal& final, std::vector<analysis::Objection> text,
    const std::vector<SpottedPhrase>& spotted,
    std::vector<std::string>& evidence) {
  evidence.assign(text.size(), "text");
  if (spotted.empty()) return text;
  // " words of the transcript ", to look for a spotted phrase in it.
  std::string heard = " ";
  for (char c : final.text) {
    const auto u = static_cast<unsigned char>(c);
    heard +=
        std::isalnum(u) || c == '\'' ? static_cast<char>(std::tolower(u)) : ' ';
  }
  heard += ' ';
  std::string squeezed;
  for (char c : heard) {
    if (c != ' ' || squeezed.empty() || squeezed.back() != ' ') squeezed += c;
  }
  // The best hit per category.
  std::map<std::string, const SpottedPhrase*> best;
  for (const SpottedPhrase& p : spotted) {
    const std::string& category = PhraseCategory(p.phrase, final.speaker);
    if (category.empty()) continue;
    auto [it, added] = best.emplace(category, &p);
    if (!added && p.score > it->second->score) it->second = &p;
  }
  for (const auto& [category, p] : best) {
    auto same = std::find_if(
        text.begin(), text.end(),
        [&](const analysis::Objection& o) { return o.category == category; });
    if (same != text.end()) {
      const size_t i = static_cast<size_t>(same - text.begin());
      same->confidence += (1 - same->confidence) * kAgreementBoost;
      evidence[i] = "text+audio";
      continue;
    }
    // The recognizer wrote the phrase and the text rules still found no
    // objection of its category: they dropped it on purpose (negation,
    // dismissal, concession), and the audio cannot know better.
    if (squeezed.find(" " + p->phrase + " ") != std::string::npos) continue;
    analysis::Objection o;
    o.category = category;
    o.confidence = kAudioOnlyConfidence;
    o.speaker = final.speaker;
    o.at_ms = p->start_ms;
    o.utterance_id = final.utterance_id;
    o.text = final.text;
    o.trigger = p->phrase;
    text.push_back(std::move(o));
    evidence.push_back("audio");
  }
  // Best first, as Detect orders them (ties by category name).
  std::vector<size_t> order(text.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (text[a].confidence != text[b].confidence) {
      return text[a].confidence > text[b].confidence;
    }
    return text[a].category < text[b].category;
  });
  std::vector<analysis::Objection> sorted;
  std::vector<std::string> sorted_evidence;
  for (size_t i : order) {
    sorted.push_back(std::move(text[i]));
    sorted_evidence.push_back(std::move(evidence[i]));
  }
  evidence = std::move(sorted_evidence);
  return sorted;
}

std::vector<CallEvent> LiveIntelligence::OnFinal(
    TranscriptFinal& final, const std::vector<SpottedPhrase>& spotted) {
  std::vector<CallEvent> out;
  const analysis::SentimentModel& model = analysis::SentimentModel::Default();
  analysis::Sentiment s = model.Score(final.text);
  final.sentiment = analysis::ToUtteranceSentiment(s);
  std::vector<guidance::Card> cards;
  if (detector_ != nullptr) {
    std::vector<std::string> evidence;
    std::vector<analysis::Objection> found =
        Merge(final, detector_->Detect(final), spotted, evidence);
    for (size_t i = 0; i < found.size(); ++i) {
      analysis::Objection& o = found[i];
      o.suggestion = guidance::SuggestionFor(o, settings_.config);
      if (auto card = engine_->OnObjection(o)) cards.push_back(*card);
      ObjectionDetected e{
          o.utterance_id.empty() ? final.utterance_id : o.utterance_id,
          o.speaker,
          o.category,
          o.confidence,
          o.at_ms,
          o.text,
          o.trigger,
          o.suggestion};
      e.evidence = evidence[i];
      out.push_back(std::move(e));
    }
  }
  std::optional<analysis::MoodChange> mood =
      tracker_.Add(final.speaker, final.end_ms, s);
  if (mood) {
    guidance::MoodChange change;
    change.speaker = mood->speaker;
    change.from = {mood->from, model.Label(mood->from)};
    change.to = {mood->to, model.Label(mood->to)};
    change.at_ms = mood->at_ms;
    if (auto card = engine_->OnMoodChange(change)) cards.push_back(*card);
  }
  engine_->OnUtterance(final);
  meter_.Add(final);
  analysis::ConversationMetrics m = meter_.Snapshot();
  guidance::TalkRatioSnapshot ratio;
  ratio.agent_ratio = m.agent_talk_ratio;
  ratio.agent_talk_ms = static_cast<int64_t>(m.agent.talk_time_s * 1000);
  ratio.prospect_talk_ms = static_cast<int64_t>(m.prospect.talk_time_s * 1000);
  ratio.at_ms = final.end_ms;
  if (auto card = engine_->OnTalkRatio(ratio)) cards.push_back(*card);
  if (auto card = engine_->OnTick(final.end_ms)) cards.push_back(*card);
  for (const guidance::Card& c : cards) out.push_back(ToEvent(c));
  if (mood) {
    char msg[160];
    std::snprintf(msg, sizeof msg, "%s sentiment moved from %+.2f to %+.2f",
                  SpeakerName(mood->speaker), mood->from, mood->to);
    out.push_back(Alert{"mood_change", msg});
  }
  out.push_back(ToTick(m, tracker_, settings_.agent_baseline_wpm));
  return out;
}

StatusOr<GuidanceCard> LiveIntelligence::Alternative(std::string_view card_id,
                                                     int64_t at_ms) {
  SC_ASSIGN_OR_RETURN(guidance::Card c, engine_->Alternative(card_id, at_ms));
  return ToEvent(c);
}

StatusOr<CardFeedback> LiveIntelligence::Feedback(
    std::string_view card_id, guidance::FeedbackAction action, int64_t at_ms) {
  SC_ASSIGN_OR_RETURN(guidance::FeedbackRecord r,
                      engine_->RecordFeedback(card_id, action, at_ms));
  return CardFeedback{r.card_id, guidance::FeedbackActionName(r.action),
                      r.category, r.approach};
}

}  // namespace sc::pipeline
