// Conversation metrics of a two-party call: talk/listen ratio, monologues,
// interactivity, patience, questions, interruptions and overtalk, speaking
// rate and filler words. Every definition is in docs/metrics.md.
//
//   // After the call: a pure function of the final utterances.
//   ConversationMetrics m = ComputeConversationMetrics(finals);
//   std::string json = ConversationMetricsJson(m);
//
//   // During the call: fed finals as they arrive.
//   ConversationMeter meter;
//   meter.Add(final);                         // any order
//   ConversationMetrics now = meter.Snapshot();
//
// Both forms give the same numbers for the same set of utterances, whatever
// order they were added in: the meter keeps each utterance's text features
// (word, filler and question counts, computed once on Add) in start order
// and re-derives the timeline measures on Snapshot, which is O(n) over
// small records (a 60-minute call takes well under a millisecond).
//
// Thread-safety: the functions are pure; a ConversationMeter is not
// thread-safe (one per call, used by the call's processor).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "events/events.h"

namespace sc::analysis {

struct ConversationMetricsOptions {
  // A side's monologue continues across its own pauses up to this long.
  int64_t monologue_max_pause_ms = 2500;
  // An utterance of at most this many words and this long is a backchannel
  // ("yeah", "mm hmm", "right"): it does not take the floor, so it neither
  // ends the other side's monologue nor counts as a switch or an
  // interruption.
  int backchannel_max_words = 2;
  int64_t backchannel_max_ms = 1500;
  // A start while the other side speaks is an interruption when both speak
  // together for at least this long.
  int64_t min_interruption_overlap_ms = 500;
  // Patience samples longer than this are not answers (hold, dead air,
  // the prospect left) and are ignored.
  int64_t max_response_gap_ms = 5000;
};

// Per-side figures.
struct SideMetrics {
  double talk_time_s = 0;                   // Union of the side's utterances.
  double longest_monologue_s = 0;           // See ConversationMetricsOptions.
  int64_t longest_monologue_start_ms = -1;  // -1 when the side never spoke.
  int utterances = 0;
  int questions = 0;      // Utterances for which IsQuestion holds.
  int interruptions = 0;  // Times this side interrupted the other.
  int words = 0;
  double words_per_minute = 0;  // words / talk time.
  int filler_words = 0;         // CountFillerWords over the side's text.
  double fillers_per_100_words = 0;
};

struct ConversationMetrics {
  SideMetrics agent;
  SideMetrics prospect;
  // Shares of the summed talk time; both 0 when nobody spoke.
  double agent_talk_ratio = 0;
  double prospect_talk_ratio = 0;
  // First word to last word of the call, in seconds.
  double conversation_s = 0;
  double overtalk_s = 0;     // Time both sides speak at once.
  int speaker_switches = 0;  // The floor passing from one side to the other.
  double interactivity_per_min =
      0;  // speaker_switches per conversation minute.
  // The agent's mean pause before answering the prospect, in seconds;
  // patience_samples answers were measured (0: patience_s is 0 and
  // meaningless).
  double patience_s = 0;
  int patience_samples = 0;
};

ConversationMetrics ComputeConversationMetrics(
    const std::vector<TranscriptFinal>& finals,
    const ConversationMetricsOptions& options = {});

// The metrics as a JSON object (docs/metrics.md), with snake_case names:
// talk_time_s, talk_ratio, longest_monologue_s, interactivity_per_min,
// patience_s, questions, interruptions, overtalk_s, words_per_minute,
// filler_words... Durations are rounded to milliseconds.
std::string ConversationMetricsJson(const ConversationMetrics& metrics);

// Filler words in `text`: hesitations ("um", "uh", "er"), and discourse
// fillers where they are not content: "like" (not "i like it", "looks
// like"), "you know" (not "do you know", "you know the product"), "i mean"
// (not "what i mean is"), "sort of"/"kind of" as hedges (not "what kind of
// truck"), "basically", "actually", "literally", "so yeah".
int CountFillerWords(std::string_view text);

// The incremental form, for live metrics ticks.
class ConversationMeter {
 public:
  explicit ConversationMeter(ConversationMetricsOptions options = {});

  // Adds one final utterance. Finals may arrive out of start order (the
  // two tracks are recognized independently).
  void Add(const TranscriptFinal& final);

  // The metrics over everything added so far; equal to
  // ComputeConversationMetrics over the same utterances.
  ConversationMetrics Snapshot() const;

  // Internal per-utterance record; public for the implementation's shared
  // timeline code only.
  struct Record {
    Speaker speaker = Speaker::kAgent;
    int64_t start_ms = 0;
    int64_t end_ms = 0;
    int64_t seq = 0;  // Arrival order, the tiebreak for equal starts.
    int words = 0;
    int fillers = 0;
    bool question = false;
    bool backchannel = false;
  };

 private:
  ConversationMetricsOptions options_;
  std::vector<Record> records_;  // Sorted by (start_ms, seq).
  int64_t next_seq_ = 0;
};

}  // namespace sc::analysis
