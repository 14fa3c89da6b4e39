// Live guidance for one call: objections, mood changes, talk ratio and an
// unspoken-topics checklist become cards on the agent's screen
// (docs/guidance.md).
//
//   GuidanceEngine engine(config, GuidanceOptions(), stats);  // One per call.
//   if (auto card = engine.OnObjection(objection)) Push(*card);
//   if (auto card = engine.OnTalkRatio({ratio, agent_ms, prospect_ms, at}))
//     Push(*card);
//   engine.OnUtterance(final);                     // Checklist progress.
//   if (auto card = engine.OnTick(at_ms)) Push(*card);
//   StatusOr<Card> alt = engine.Alternative(card_id, at_ms);  // On request.
//   StatusOr<FeedbackRecord> fb =
//       engine.RecordFeedback(card_id, FeedbackAction::kUsed, at_ms);
//
// Every input the engine judges is kept in detections() with its
// disposition: shown, or why not (quiet mode, a notification preference
// turned off, a cooldown, the minimum gap between cards, ...), so the
// post-call report can count what was heard even when nothing was pushed.
// In quiet mode and with a notification preference off the card is still
// built (it has an id, GetCard returns it, feedback can be recorded) but is
// not returned: nothing is pushed unless the agent asks for it.
//
// Deterministic: the same inputs in the same order give the same cards; time
// is only the call-clock at_ms the caller passes (non-decreasing).
//
// Thread-safety: GuidanceEngine is not thread-safe; it belongs to one call's
// pipeline. The free functions are pure. The Playbook passed in must outlive
// the engine and may be shared by many engines.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/types.h"
#include "core/status.h"
#include "events/events.h"
#include "guidance/ai_config.h"
#include "guidance/ai_config_json.h"
#include "guidance/playbook.h"

namespace sc::guidance {

enum class CardKind { kObjection, kSentiment, kTalkRatio, kChecklist };
const char* CardKindName(CardKind k);  // "objection"|"sentiment"|...
std::optional<CardKind> ParseCardKind(std::string_view name);

struct Card {
  std::string id;  // "card-<n>", n = 1, 2, ... per engine; never reused.
  CardKind kind = CardKind::kObjection;
  // Objection cards: the detected category ("price", or a user-defined
  // one). Sentiment: "sentiment". Talk ratio: "talk_ratio". Checklist: the
  // checklist item id ("budget").
  std::string category;
  // What the card suggests, for feedback learning: the playbook approach id
  // ("roi") for objections; "prospect_cooling" | "prospect_warming" |
  // "agent_tone" for sentiment; "over_target" for talk ratio; the item id for
  // checklist cards.
  std::string approach;
  std::string title;     // "Price: ROI".
  std::string text;      // The guidance, in the user's response style.
  int alternatives = 0;  // How many other approaches Alternative() can show.
  int64_t at_ms = 0;     // Call clock.
  // Why the card exists: the objection's trigger words (personal data: the
  // prospect's speech; never in log text), "agent 62% of talk time", ...
  std::string reason;
  std::string alternative_of;  // Set by Alternative(): the card it follows.
};

enum class Disposition {
  kShown,            // Returned to the caller to push.
  kQuietMode,        // Built, not pushed: AiConfig.quiet_mode.
  kNotificationOff,  // Built, not pushed: a notification preference is off.
  kDuplicate,        // Same category and trigger within the cooldown.
  kCooldown,         // Same category (or nudge) within its cooldown.
  kMinGap,           // Too soon after the previous card.
  kLowConfidence,    // Objection below GuidanceOptions.min_confidence.
  kNotProspect,      // An objection attributed to the agent.
  kNotActionable,    // A mood change too small, or one that needs no card.
};
const char* DispositionName(Disposition d);  // "shown" | "quiet_mode" | ...

// One judged input. `card_id` is set when a card was built (shown, quiet
// mode, notification off).
struct Detection {
  CardKind kind = CardKind::kObjection;
  std::string category;
  int64_t at_ms = 0;
  Disposition disposition = Disposition::kShown;
  std::string card_id;
};

// The talk-time split so far (from the live metrics).
struct TalkRatioSnapshot {
  double agent_ratio = 0;  // agent_talk_ms / (agent + prospect), 0..1.
  int64_t agent_talk_ms = 0;
  int64_t prospect_talk_ms = 0;
  int64_t at_ms = 0;
};

// A significant change in one speaker's rolling sentiment.
struct MoodChange {
  Speaker speaker = Speaker::kProspect;
  analysis::Sentiment from;
  analysis::Sentiment to;
  int64_t at_ms = 0;
};

enum class FeedbackAction { kUsed, kDismissed };
const char* FeedbackActionName(FeedbackAction a);  // "used" | "dismissed"
std::optional<FeedbackAction> ParseFeedbackAction(std::string_view name);

// The agent's verdict on one card; stored per call, aggregated per user.
struct FeedbackRecord {
  std::string card_id;
  CardKind kind = CardKind::kObjection;
  std::string category;
  std::string approach;
  FeedbackAction action = FeedbackAction::kUsed;
  int64_t at_ms = 0;
};
// {"card_id","kind","category","approach","action","at_ms"}.
std::string FeedbackRecordJson(const FeedbackRecord& record);
StatusOr<FeedbackRecord> ParseFeedbackRecordJson(std::string_view json);

// Used/dismissed counts per (category, approach), across a user's calls.
// Plain value; the engine reads it to prefer approaches the user uses.
class FeedbackStats {
 public:
  struct Counts {
    int64_t used = 0;
    int64_t dismissed = 0;
  };
  using Key = std::pair<std::string, std::string>;  // (category, approach)

  void Add(const FeedbackRecord& record);
  // REQUIRES: n >= 0.
  void Add(std::string_view category, std::string_view approach,
           FeedbackAction action, int64_t n = 1);
  Counts For(std::string_view category, std::string_view approach) const;
  const std::map<Key, Counts>& entries() const { return counts_; }

 private:
  std::map<Key, Counts> counts_;
};
// {"entries":[{"category","approach","used","dismissed"}, ...]}.
std::string FeedbackStatsJson(const FeedbackStats& stats);
StatusOr<FeedbackStats> ParseFeedbackStatsJson(std::string_view json);

struct GuidanceOptions {
  // An objection below this confidence is recorded but gets no card.
  double min_confidence = 0.5;
  // After a card for a category, the same category gets no new card for
  // this long (a repeat of the same trigger is a kDuplicate, another trigger
  // a kCooldown). When the category comes back after the cooldown, the card
  // leads with the next approach: the first one did not settle it.
  int64_t category_cooldown_ms = 60'000;
  // Minimum time between two pushed cards, so the screen never floods. An
  // objection card waits only for the previous objection card: objections
  // take precedence over nudges (sentiment, talk ratio, checklist).
  int64_t min_gap_ms = 10'000;

  // Mood changes smaller than this (in sentiment score, -1..1) get no card.
  double min_mood_delta = 0.3;
  // Per sentiment card type ("prospect_cooling", ...).
  int64_t sentiment_cooldown_ms = 90'000;

  // No talk-ratio reminder before this much talk (both sides) in total.
  int64_t talk_ratio_min_talk_ms = 120'000;
  // Remind when the agent's share exceeds the target by more than this.
  double talk_ratio_margin = 0.15;
  int64_t talk_ratio_cooldown_ms = 240'000;

  // Feedback learning: an approach needs this many used + dismissed marks
  // before its record reorders the approaches; below it, the style order
  // stands.
  int64_t min_feedback = 3;
};

// The one-line suggestion for `objection` (the primary approach's `line`,
// whatever the response style), for the post-call analysis document.
std::string SuggestionFor(const analysis::Objection& objection,
                          const AiConfig& config);
std::string SuggestionFor(const analysis::Objection& objection,
                          const AiConfig& config, const Playbook& playbook);

// Per checklist item: whether the agent covered it, and whether a reminder
// fired.
struct ChecklistStatus {
  std::string id;
  std::string title;
  int64_t due_ms = 0;
  std::optional<int64_t> done_at_ms;   // When the agent first covered it.
  std::optional<int64_t> fired_at_ms;  // When its reminder was judged.
};

class GuidanceEngine {
 public:
  // REQUIRES: ValidateAiConfig(config) and ValidatePlaybook(playbook) are OK;
  // `playbook` outlives the engine.
  explicit GuidanceEngine(AiConfig config, GuidanceOptions options = {},
                          FeedbackStats stats = {},
                          const Playbook& playbook = DefaultPlaybook());

  GuidanceEngine(const GuidanceEngine&) = delete;
  GuidanceEngine& operator=(const GuidanceEngine&) = delete;

  // A card for an objection heard from the prospect, or nullopt (see
  // detections() for why).
  std::optional<Card> OnObjection(const analysis::Objection& objection);
  // A sentiment card: the prospect cooling down (a warning), warming up (an
  // opening for a next step), or the agent's own tone turning negative.
  std::optional<Card> OnMoodChange(const MoodChange& change);
  // A reminder when the agent talks more than AiConfig.
  // target_agent_talk_ratio + margin, after enough talk.
  std::optional<Card> OnTalkRatio(const TalkRatioSnapshot& snapshot);
  // Marks checklist items the agent covered in `utterance` (agent speech
  // only); returns their ids.
  std::vector<std::string> OnUtterance(const TranscriptFinal& utterance);
  // A reminder for the first overdue checklist item, judged once per item
  // (an item held back by the minimum gap is tried again on a later tick).
  std::optional<Card> OnTick(int64_t at_ms);

  // The next approach for objection card `card_id`, as a new card (cycling
  // back to the first after the last). Pushed on the agent's request, so
  // quiet mode and gaps do not apply. NotFound for an unknown id;
  // FailedPrecondition when the card has no alternatives.
  StatusOr<Card> Alternative(std::string_view card_id, int64_t at_ms);

  // Records the agent's verdict on `card_id` and learns from it for the rest
  // of the call. NotFound for an unknown id.
  StatusOr<FeedbackRecord> RecordFeedback(std::string_view card_id,
                                          FeedbackAction action, int64_t at_ms);

  // Any card built so far (shown or held back). NotFound for an unknown id.
  StatusOr<Card> GetCard(std::string_view card_id) const;
  const std::vector<Detection>& detections() const { return detections_; }
  std::vector<ChecklistStatus> checklist() const;
  const FeedbackStats& feedback_stats() const { return stats_; }

 private:
  struct StoredCard {
    Card card;
    std::vector<size_t> order;  // Approach indices (objection cards).
    size_t position = 0;        // Index into `order` of this card's approach.
  };
  struct ChecklistState {
    const ChecklistItem* item;
    std::vector<std::string> phrases;  // Normalized.
    std::optional<int64_t> done_at_ms;
    std::optional<int64_t> fired_at_ms;
  };

  std::vector<size_t> LearnedOrder(std::string_view category,
                                   const CategoryPlaybook& entry) const;
  Card NewCard(CardKind kind, std::string category, std::string approach,
               int64_t at_ms);
  // Records a detection; stores `card` when given and returns it if shown.
  std::optional<Card> Judge(CardKind kind, std::string_view category,
                            int64_t at_ms, Disposition disposition,
                            std::optional<StoredCard> card);
  // Quiet mode and notification preferences: the disposition of a card that
  // passed every other check.
  Disposition Gate(bool notification_on) const;
  bool GapAllows(CardKind kind, int64_t at_ms) const;

  const AiConfig config_;
  const GuidanceOptions options_;
  const Playbook& playbook_;
  FeedbackStats stats_;

  int next_card_ = 1;
  std::vector<StoredCard> cards_;  // cards_[n-1] is "card-<n>".
  std::vector<Detection> detections_;
  std::optional<int64_t> last_pushed_ms_;
  std::optional<int64_t> last_objection_pushed_ms_;
  // Cooldown state per category (objections) or nudge key.
  struct Recent {
    int64_t at_ms = 0;
    std::string trigger;  // Normalized.
    int cards = 0;        // Cards built for this key so far.
  };
  std::map<std::string, Recent, std::less<>> recent_;
  std::vector<ChecklistState> checklist_;
};

}  // namespace sc::guidance
