// The VADER lexicon (Hutto & Gilbert 2014) as data: token -> mean valence on
// VADER's -4..+4 scale. Internal to sc_analysis; sentiment.h is the public
// contract.
//
// The lexicon is not kept in git. At build time the generator vader_embed.cc
// turns node_modules/vader-sentiment/vader_lexicon.txt (installed by
// scripts/setup) into a table compiled into the binary, so the product scores
// text offline with no file to find at run time. A different lexicon file can
// be parsed with ParseLexiconTsv().
//
// Thread-safety: the embedded table is immutable static data; a Lexicon is
// immutable after construction and may be shared by any number of threads.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/status.h"

namespace sc::analysis::vader {

struct LexiconEntry {
  const char* token;  // As written in the file (may contain capitals).
  double valence;     // Mean human rating, -4..+4.
};

// The table generated from vader_lexicon.txt, in file order. The file lists a
// few tokens twice (e.g. "lol"); like the reference implementations, the last
// entry wins when the table is loaded.
std::span<const LexiconEntry> EmbeddedLexicon();

// Token -> valence, looked up with the lowercased token as VADER does (so
// entries written with capitals, such as ":D", are unreachable there too).
class Lexicon {
 public:
  // The embedded table.
  static const Lexicon& Embedded();

  // Parses VADER's file format: one `token<TAB>mean<TAB>...` line per entry.
  // Returns InvalidArgument naming the first malformed line.
  static StatusOr<Lexicon> ParseTsv(std::string_view text);

  // A copy with `additions` (lowercased token, valence) inserted; an
  // addition replaces an entry of the same token.
  Lexicon With(
      const std::vector<std::pair<std::string, double>>& additions) const;

  // The valence of `token_lower`, or nullptr when it is not in the lexicon.
  const double* Find(std::string_view token_lower) const;
  size_t size() const { return map_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const {
      return std::hash<std::string_view>()(s);
    }
  };
  std::unordered_map<std::string, double, Hash, std::equal_to<>> map_;
};

}  // namespace sc::analysis::vader
