// The earpiece form of a guidance card: what the agent hears when voice
// guidance is on (AiConfig::voice_guidance). A whisper while the prospect is
// talking has to be short, so it is the card's title and its first sentence,
// cut to a word budget; quotes, brackets and symbols a voice would read out
// are removed.
//
//   SpokenHint(card)  // "Price, ROI. Reframe on ROI: set the price against
//   ..."
//
// Contract: a pure function of the card's title and text; at most
// `max_words` words (whole words, never cut inside one); empty when the card
// has neither title nor text.
#pragma once

#include <string>

#include "events/events.h"

namespace sc::guidance {

inline constexpr int kSpokenHintMaxWords = 16;

std::string SpokenHint(const GuidanceCard& card,
                       int max_words = kSpokenHintMaxWords);

}  // namespace sc::guidance
