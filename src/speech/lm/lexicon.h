// Pronunciation lexicon (CMUdict format) with a grapheme-to-phoneme
// fallback for words the dictionary lacks.
//
//   SC_ASSIGN_OR_RETURN(Lexicon lex, Lexicon::Load(cmudict_path));
//   lex.Find("contract");          // {"K AA N T R AE K T", ...}
//   GuessPronunciation(lex, "onboarding");   // "AA N B AO R D IH NG"
//
// Contract:
//   - Entries are "word PH ON ES" lines; "word(2)" lines are further
//     pronunciations of "word"; words are stored lower-case. Lines that do
//     not parse are skipped (CMUdict has none).
//   - GuessPronunciation never fails: it returns ARPAbet phones of the
//     PocketSphinx en-us set without stress marks, joined by spaces, for any
//     word of letters (and apostrophes; other characters are ignored). It
//     prefers splitting the word into dictionary words (compounds such as
//     "hubspot" = hub + spot), and pronounces what is left with
//     letter-to-sound rules; a word given in capitals of up to five letters
//     ("KPI") is spelled letter by letter. Guesses are plausible, not
//     right: the recognizer needs a pronunciation close enough to match.
//   - Thread-safety: a const Lexicon may be shared.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace sc::speech::lm {

class Lexicon {
 public:
  // NotFound / IoError when `path` cannot be read.
  static StatusOr<Lexicon> Load(const std::string& path);
  // Parses dictionary text (for tests and small dictionaries).
  static Lexicon FromText(std::string_view text);

  // The pronunciations of `word` (lower-case), or nullptr.
  const std::vector<std::string>* Find(std::string_view word) const;
  size_t size() const { return entries_.size(); }

 private:
  void AddLine(std::string_view line);
  std::unordered_map<std::string, std::vector<std::string>> entries_;
};

// See the contract above.
std::string GuessPronunciation(const Lexicon& lexicon, std::string_view word);

}  // namespace sc::speech::lm
