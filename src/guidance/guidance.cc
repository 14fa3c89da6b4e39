#include "guidance/guidance.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace sc::guidance {
namespace {

constexpr std::string_view kCardPrefix = "card-";

// Lower-case words separated by single spaces, with a space at each end so
// that " phrase " matches whole words only. Apostrophes vanish ("what's" ->
// "whats") so that recognizer output with or without them matches alike.
std::string Normalize(std::string_view text) {
  std::string out = " ";
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) {
      out += static_cast<char>(std::tolower(c));
    } else if (c != '\'') {
      if (out.back() != ' ') out += ' ';
    }
  }
  if (out.back() != ' ') out += ' ';
  return out;
}

std::string Percent(double ratio) {
  return std::to_string(static_cast<int>(std::lround(ratio * 100)));
}

std::string Minutes(int64_t ms) {
  int64_t s = ms / 1000;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(s / 60),
                static_cast<long long>(s % 60));
  return buf;
}

std::string Score(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string Spaced(std::string_view category) {
  std::string s(category);
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

struct SentimentCardText {
  const char* approach;
  const char* title;
  StyledText text;
};

const SentimentCardText kSentimentCards[] = {
    {"prospect_cooling",
     "Prospect cooling down",
     {"The prospect's mood has dropped. Acknowledge it and ask what is on "
      "their mind before you move on.",
      "They seem less keen. Check in and ask what's bugging them.",
      "Prospect sentiment dropped. Pause the pitch and ask one open question "
      "about their concern."}},
    {"prospect_warming",
     "Prospect warming up",
     {"The prospect sounds more positive. A good moment to confirm the value "
      "and propose a next step.",
      "They're warming up! Good time to suggest a next step.",
      "Prospect sentiment rose. Confirm the benefit they reacted to and "
      "propose a concrete next step."}},
    {"agent_tone",
     "Watch your tone",
     {"Your tone has turned negative. Slow down, stay warm, and let the "
      "prospect talk.",
      "You sound a bit tense. Take a breath and keep it friendly.",
      "Your sentiment dropped. Slow your pace and return to a neutral, "
      "factual tone."}},
};

const SentimentCardText& SentimentCard(std::string_view approach) {
  for (const SentimentCardText& c : kSentimentCards) {
    if (approach == c.approach) return c;
  }
  return kSentimentCards[0];
}

}  // namespace

std::string SuggestionFor(const analysis::Objection& objection,
                          const AiConfig& config) {
  return SuggestionFor(objection, config, DefaultPlaybook());
}

std::string SuggestionFor(const analysis::Objection& objection,
                          const AiConfig& config, const Playbook& playbook) {
  const CategoryPlaybook& entry = playbook.CategoryFor(objection.category);
  std::vector<size_t> order = ApproachOrder(entry, config.sales_style);
  return RenderLine(entry.approaches[order.front()], objection.category,
                    config);
}

GuidanceEngine::GuidanceEngine(AiConfig config, GuidanceOptions options,
                               FeedbackStats stats, const Playbook& playbook)
    : config_(std::move(config)),
      options_(options),
      playbook_(playbook),
      stats_(std::move(stats)) {
  for (const ChecklistItem& item : playbook_.checklist) {
    ChecklistState s{&item, {}, std::nullopt, std::nullopt};
    for (const std::string& p : item.phrases) s.phrases.push_back(Normalize(p));
    checklist_.push_back(std::move(s));
  }
}

std::vector<size_t> GuidanceEngine::LearnedOrder(
    std::string_view category, const CategoryPlaybook& entry) const {
  std::vector<size_t> order = ApproachOrder(entry, config_.sales_style);
  // Laplace-smoothed share of "used" marks; approaches without enough marks
  // keep the neutral 0.5, so one dismissal never buries the playbook's
  // choice, while a record of use lifts an approach above it. The sort is
  // stable: ties keep the style order.
  auto score = [&](size_t i) {
    FeedbackStats::Counts c = stats_.For(category, entry.approaches[i].id);
    int64_t n = c.used + c.dismissed;
    if (n < options_.min_feedback) return 0.5;
    return (c.used + 1.0) / (n + 2.0);
  };
  std::vector<std::pair<double, size_t>> scored;
  for (size_t i : order) scored.emplace_back(score(i), i);
  std::stable_sort(
      scored.begin(), scored.end(),
      [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; k < order.size(); ++k) order[k] = scored[k].second;
  return order;
}

Card GuidanceEngine::NewCard(CardKind kind, std::string category,
                             std::string approach, int64_t at_ms) {
  Card c;
  c.id = std::string(kCardPrefix) + std::to_string(next_card_++);
  c.kind = kind;
  c.category = std::move(category);
  c.approach = std::move(approach);
  c.at_ms = at_ms;
  return c;
}

Disposition GuidanceEngine::Gate(bool notification_on) const {
  if (config_.quiet_mode) return Disposition::kQuietMode;
  if (!notification_on) return Disposition::kNotificationOff;
  return Disposition::kShown;
}

bool GuidanceEngine::GapAllows(CardKind kind, int64_t at_ms) const {
  const std::optional<int64_t>& last = kind == CardKind::kObjection
                                           ? last_objection_pushed_ms_
                                           : last_pushed_ms_;
  return !last || at_ms - *last >= options_.min_gap_ms;
}

std::optional<Card> GuidanceEngine::Judge(CardKind kind,
                                          std::string_view category,
                                          int64_t at_ms,
                                          Disposition disposition,
                                          std::optional<StoredCard> card) {
  Detection d{kind, std::string(category), at_ms, disposition, ""};
  std::optional<Card> shown;
  if (card) {
    d.card_id = card->card.id;
    if (disposition == Disposition::kShown) {
      shown = card->card;
      last_pushed_ms_ = at_ms;
      if (kind == CardKind::kObjection) last_objection_pushed_ms_ = at_ms;
    }
    cards_.push_back(std::move(*card));
  }
  detections_.push_back(std::move(d));
  return shown;
}

std::optional<Card> GuidanceEngine::OnObjection(const analysis::Objection& o) {
  const CardKind kind = CardKind::kObjection;
  if (o.speaker != Speaker::kProspect) {
    return Judge(kind, o.category, o.at_ms, Disposition::kNotProspect, {});
  }
  if (o.confidence < options_.min_confidence) {
    return Judge(kind, o.category, o.at_ms, Disposition::kLowConfidence, {});
  }
  const std::string key = "objection:" + o.category;
  const std::string trigger = Normalize(o.trigger);
  auto recent = recent_.find(key);
  if (recent != recent_.end() &&
      o.at_ms - recent->second.at_ms < options_.category_cooldown_ms) {
    return Judge(kind, o.category, o.at_ms,
                 recent->second.trigger == trigger ? Disposition::kDuplicate
                                                   : Disposition::kCooldown,
                 {});
  }
  Disposition d = Gate(config_.notifications.objection_alerts);
  if (d == Disposition::kShown && !GapAllows(kind, o.at_ms)) {
    return Judge(kind, o.category, o.at_ms, Disposition::kMinGap, {});
  }

  const CategoryPlaybook& entry = playbook_.CategoryFor(o.category);
  StoredCard stored;
  stored.order = LearnedOrder(o.category, entry);
  const int earlier = recent == recent_.end() ? 0 : recent->second.cards;
  stored.position = static_cast<size_t>(earlier) % stored.order.size();
  const Approach& a = entry.approaches[stored.order[stored.position]];
  Card& c = stored.card = NewCard(kind, o.category, a.id, o.at_ms);
  std::string title = entry.title;
  if (playbook_.categories.find(o.category) == playbook_.categories.end() &&
      o.category != kCustomCategory) {
    title += " (" + Spaced(o.category) + ")";
  }
  c.title = title + ": " + a.name;
  c.text = RenderApproach(playbook_, a, o.category, config_);
  c.alternatives = static_cast<int>(stored.order.size()) - 1;
  c.reason = o.trigger;
  recent_[key] = Recent{o.at_ms, trigger, earlier + 1};
  return Judge(kind, o.category, o.at_ms, d, std::move(stored));
}

std::optional<Card> GuidanceEngine::OnMoodChange(const MoodChange& m) {
  const CardKind kind = CardKind::kSentiment;
  const std::string category = "sentiment";
  const double delta = m.to.score - m.from.score;
  const double min = options_.min_mood_delta;
  std::string approach;
  if (m.speaker == Speaker::kProspect && delta <= -min) {
    approach = "prospect_cooling";
  } else if (m.speaker == Speaker::kProspect && delta >= min &&
             m.to.label == analysis::SentimentLabel::kPositive) {
    approach = "prospect_warming";
  } else if (m.speaker == Speaker::kAgent && delta <= -min &&
             m.to.label == analysis::SentimentLabel::kNegative) {
    approach = "agent_tone";
  } else {
    return Judge(kind, category, m.at_ms, Disposition::kNotActionable, {});
  }
  const std::string key = "sentiment:" + approach;
  auto recent = recent_.find(key);
  if (recent != recent_.end() &&
      m.at_ms - recent->second.at_ms < options_.sentiment_cooldown_ms) {
    return Judge(kind, category, m.at_ms, Disposition::kCooldown, {});
  }
  Disposition d = Gate(config_.notifications.sentiment_warnings);
  if (d == Disposition::kShown && !GapAllows(kind, m.at_ms)) {
    return Judge(kind, category, m.at_ms, Disposition::kMinGap, {});
  }
  const SentimentCardText& t = SentimentCard(approach);
  StoredCard stored;
  Card& c = stored.card = NewCard(kind, category, approach, m.at_ms);
  c.title = t.title;
  c.text = t.text.For(config_.communication_style);
  c.reason = std::string(SpeakerName(m.speaker)) + " sentiment " +
             Score(m.from.score) + " -> " + Score(m.to.score);
  recent_[key] = Recent{m.at_ms, "", 1};
  return Judge(kind, category, m.at_ms, d, std::move(stored));
}

std::optional<Card> GuidanceEngine::OnTalkRatio(const TalkRatioSnapshot& s) {
  const CardKind kind = CardKind::kTalkRatio;
  const std::string category = "talk_ratio";
  const double target = config_.target_agent_talk_ratio;
  const int64_t total = s.agent_talk_ms + s.prospect_talk_ms;
  // The same condition persisting is not a new detection: below the talk
  // minimum, within the margin, or within the cooldown nothing is recorded.
  if (total < options_.talk_ratio_min_talk_ms ||
      s.agent_ratio <= target + options_.talk_ratio_margin) {
    return std::nullopt;
  }
  const std::string key = "talk_ratio:over_target";
  auto recent = recent_.find(key);
  if (recent != recent_.end() &&
      s.at_ms - recent->second.at_ms < options_.talk_ratio_cooldown_ms) {
    return std::nullopt;
  }
  Disposition d = Gate(config_.notifications.talk_ratio_reminders);
  if (d == Disposition::kShown && !GapAllows(kind, s.at_ms)) {
    return Judge(kind, category, s.at_ms, Disposition::kMinGap, {});
  }
  StoredCard stored;
  Card& c = stored.card = NewCard(kind, category, "over_target", s.at_ms);
  const std::string pct = Percent(s.agent_ratio);
  const std::string goal = Percent(target);
  c.title = "Talk less, listen more";
  c.text = config_.communication_style == CommunicationStyle::kCasual
               ? "You're doing " + pct + "% of the talking (aim for " + goal +
                     "%). Ask them something open and listen."
               : "You have had " + pct + "% of the talk time (target " + goal +
                     "%). Ask an open question and let the prospect talk.";
  c.reason = "agent " + pct + "% of " + Minutes(total) + " talk";
  recent_[key] = Recent{s.at_ms, "", 1};
  return Judge(kind, category, s.at_ms, d, std::move(stored));
}

std::vector<std::string> GuidanceEngine::OnUtterance(const TranscriptFinal& u) {
  std::vector<std::string> done;
  if (u.speaker != Speaker::kAgent) return done;
  const std::string text = Normalize(u.text);
  for (ChecklistState& s : checklist_) {
    if (s.done_at_ms) continue;
    for (const std::string& p : s.phrases) {
      if (p.size() > 2 && text.find(p) != std::string::npos) {
        s.done_at_ms = u.start_ms;
        done.push_back(s.item->id);
        break;
      }
    }
  }
  return done;
}

std::optional<Card> GuidanceEngine::OnTick(int64_t at_ms) {
  const CardKind kind = CardKind::kChecklist;
  ChecklistState* due = nullptr;
  for (ChecklistState& s : checklist_) {
    if (s.done_at_ms || s.fired_at_ms || s.item->due_ms > at_ms) continue;
    if (due == nullptr || s.item->due_ms < due->item->due_ms) due = &s;
  }
  if (due == nullptr) return std::nullopt;
  Disposition d = Gate(config_.notifications.checklist_reminders);
  // Held back by the gap: not judged yet, so a later tick tries again.
  if (d == Disposition::kShown && !GapAllows(kind, at_ms)) return std::nullopt;
  const ChecklistItem& item = *due->item;
  due->fired_at_ms = at_ms;
  StoredCard stored;
  Card& c = stored.card = NewCard(kind, item.id, item.id, at_ms);
  c.title = item.title;
  c.text = FillPlaceholders(item.text, item.id, config_);
  c.reason = "not covered by " + Minutes(item.due_ms);
  return Judge(kind, item.id, at_ms, d, std::move(stored));
}

StatusOr<Card> GuidanceEngine::GetCard(std::string_view card_id) const {
  if (card_id.substr(0, kCardPrefix.size()) == kCardPrefix) {
    std::string_view num = card_id.substr(kCardPrefix.size());
    size_t n = 0;
    bool digits = !num.empty() && num.size() < 10;
    for (char ch : num) {
      if (ch < '0' || ch > '9') digits = false;
      n = n * 10 + static_cast<size_t>(ch - '0');
    }
    if (digits && n >= 1 && n <= cards_.size() &&
        cards_[n - 1].card.id == card_id) {
      return cards_[n - 1].card;
    }
  }
  return NotFound("no card \"" + std::string(card_id) + "\" in this call");
}

StatusOr<Card> GuidanceEngine::Alternative(std::string_view card_id,
                                           int64_t at_ms) {
  SC_ASSIGN_OR_RETURN(Card base, GetCard(card_id));
  const StoredCard& from =
      cards_[std::stoul(base.id.substr(kCardPrefix.size())) - 1];
  if (base.kind != CardKind::kObjection || from.order.size() < 2) {
    return FailedPrecondition(base.id + " has no alternative approaches");
  }
  StoredCard next;
  next.order = from.order;
  next.position = (from.position + 1) % next.order.size();
  const CategoryPlaybook& entry = playbook_.CategoryFor(base.category);
  const Approach& a = entry.approaches[next.order[next.position]];
  Card& c = next.card =
      NewCard(CardKind::kObjection, base.category, a.id, at_ms);
  // The base title is "<category title>: <approach name>".
  c.title = base.title.substr(0, base.title.rfind(": ")) + ": " + a.name;
  c.text = RenderApproach(playbook_, a, base.category, config_);
  c.alternatives = base.alternatives;
  c.reason = base.reason;
  c.alternative_of = base.id;
  Card out = c;
  cards_.push_back(std::move(next));
  return out;
}

StatusOr<FeedbackRecord> GuidanceEngine::RecordFeedback(
    std::string_view card_id, FeedbackAction action, int64_t at_ms) {
  SC_ASSIGN_OR_RETURN(Card c, GetCard(card_id));
  FeedbackRecord r{c.id, c.kind, c.category, c.approach, action, at_ms};
  stats_.Add(r);
  return r;
}

std::vector<ChecklistStatus> GuidanceEngine::checklist() const {
  std::vector<ChecklistStatus> out;
  for (const ChecklistState& s : checklist_) {
    out.push_back({s.item->id, s.item->title, s.item->due_ms, s.done_at_ms,
                   s.fired_at_ms});
  }
  return out;
}

}  // namespace sc::guidance
