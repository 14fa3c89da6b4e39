// Sound-alike and spelling-alike word comparison for recognizer output.
//
//   std::string code = PhoneticCode("budget");          // "BJT"
//   WordSimilarity s = CompareWords("contract", PhoneticCode("contract"),
//                                   "contact", PhoneticCode("contact"));
//   // s == WordSimilarity::kFuzzy
//
// A speech recognizer substitutes words that sound alike ("too" -> "to",
// "boss" -> "bus", "budget" -> "but get"), so matching the words a prospect
// said against a phrase list needs more than string equality. This module
// gives two independent tools:
//  - PhoneticCode: a Metaphone-like code written for this project (rules in
//    docs/objections.md): consonant classes that sound alike map to one
//    letter, vowels are dropped except a leading one (coded "A"), silent
//    letters ("kn", "wr", "gh", "mb") vanish.
//  - EditDistance: Levenshtein distance with an early exit above a limit.
// CompareWords combines them into a graded verdict used by the objection
// detector (objections.h), which turns each grade into a confidence.
//
// Input words are expected lowercase ASCII; other bytes are ignored by
// PhoneticCode and compared as-is by EditDistance.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace sc::analysis {

// The phonetic code of one word: uppercase letters from
// {A B F H J K L M N P R S T W X Y 0} ("X" is "sh", "0" is "th"). Empty for a
// word without letters.
std::string PhoneticCode(std::string_view word);

// Levenshtein distance between `a` and `b` (insert, delete, substitute one
// byte each cost 1), or `limit + 1` as soon as the distance is known to
// exceed `limit`. REQUIRES: limit >= 0.
int EditDistance(std::string_view a, std::string_view b, int limit);

// How well a heard word matches an expected word, best first.
enum class WordSimilarity {
  kExact,         // Identical spelling.
  kFuzzy,         // Same first letter (or same code), both >= 4 letters, at
                  // most 1 edit apart (2 when both have >= 8 letters).
  kPhonetic,      // Identical non-empty phonetic codes ("too" / "to").
  kNearPhonetic,  // Codes of >= 4 letters, same first letter, 1 edit apart
                  // ("complicated" KMPLKT / "completeit" KMPLT).
  // Both phonetic grades also need comparable lengths: at most 2 letters
  // apart and the shorter at least half the longer ("is" is not "issue").
  // kPhonetic between words of <= 5 letters also needs the same first
  // letter ("kid" / "quote" are both KT), and a one-letter code joins only
  // words of <= 3 letters ("to" / "too", not "to" / "tied").
  kNone,
};

// Compares a heard word with an expected word; the codes are the words'
// PhoneticCode values (passed in so callers can compute them once).
WordSimilarity CompareWords(std::string_view expected,
                            std::string_view expected_code,
                            std::string_view heard,
                            std::string_view heard_code);

// A cheap test that is true whenever CompareWords could grade the pair
// above kNone (and sometimes when it would not): the same code, the same
// first letter between words of >= 4 letters, or codes of >= 4 letters
// with the same first letter. Lets a caller skip most pairs unseen.
inline bool MaybeSimilar(std::string_view expected,
                         std::string_view expected_code, std::string_view heard,
                         std::string_view heard_code) {
  if (expected_code.size() == heard_code.size() &&
      (expected_code.empty() || expected_code[0] == heard_code[0]) &&
      expected_code == heard_code) {
    return true;
  }
  if (expected.size() >= 4 && heard.size() >= 4 && expected[0] == heard[0]) {
    return true;
  }
  return expected_code.size() >= 4 && heard_code.size() >= 4 &&
         expected_code[0] == heard_code[0];
}

}  // namespace sc::analysis
