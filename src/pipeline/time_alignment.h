// Puts a second transcript of a call on the first one's clock.
//
// A call's recording starts when the call is answered, its live media
// stream earlier (while it rings), so a re-transcription of the recording
// has recording times, not call times. The words both transcripts heard
// tell the shift: each word pair (same speaker, same word) proposes
// "reference time - other time", and the shift most pairs agree on wins.
//
//   std::optional<TimeAlignment> a = EstimateTimeOffset(live, remote);
//   if (a) ShiftFinals(remote, a->offset_ms);  // remote now on call time
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "events/events.h"

namespace sc::pipeline {

struct TimeAlignment {
  int64_t offset_ms = 0;  // reference time = other time + offset_ms.
  int matches = 0;        // Word pairs that agree on it.
};

struct TimeAlignmentOptions {
  int64_t max_offset_ms = 300'000;  // Shifts beyond this are not considered.
  size_t min_letters = 4;    // Shorter words ("is", "the") are too common.
  int max_occurrences = 20;  // A word heard more often in either is skipped.
  int64_t agree_ms = 250;    // Pairs this close to the shift agree on it.
  int min_matches = 3;
};

// The shift that maps `other`'s word times onto `reference`'s, or nullopt
// when fewer than `min_matches` word pairs agree on one or a shift far from
// it (more than 4 x agree_ms away) has half as many or more: two
// transcripts of different talk, or too little speech to tell. Words are
// compared lowercased without punctuation; finals without word times
// contribute nothing.
std::optional<TimeAlignment> EstimateTimeOffset(
    const std::vector<TranscriptFinal>& reference,
    const std::vector<TranscriptFinal>& other,
    const TimeAlignmentOptions& options = {});

// Adds offset_ms to every time of the finals (utterance and word extents),
// clamping at 0.
void ShiftFinals(std::vector<TranscriptFinal>& finals, int64_t offset_ms);

}  // namespace sc::pipeline
