#include "speech/pocketsphinx/domain_model.h"

#include <pocketsphinx.h>
#include <sphinxbase/logmath.h>
#include <sphinxbase/ngram_model.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <utility>
#include <vector>

#include "speech/lm/domain_lm.h"
#include "speech/lm/lexicon.h"
#include "speech/pocketsphinx/ps_util.h"

namespace sc::speech {

namespace {

namespace fs = std::filesystem;

// Bump when the builder's output changes for the same inputs.
constexpr char kBuilderVersion[] = "domain-lm-1";

// Identifies a file's version without reading it.
std::string FileStamp(const std::string& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  const auto mtime = fs::last_write_time(path, ec);
  return path + ":" + std::to_string(size) + ":" +
         std::to_string(mtime.time_since_epoch().count());
}

// The `n` most probable words of an n-gram model, with their unigram
// probabilities (sentence markers and fillers excluded).
StatusOr<std::vector<std::pair<std::string, double>>> TopUnigrams(
    const std::string& path, int n) {
  std::vector<std::pair<std::string, double>> out;
  if (n <= 0) return out;
  logmath_t* lmath = logmath_init(1.0001, 0, 0);
  ngram_model_t* lm =
      ngram_model_read(nullptr, path.c_str(), NGRAM_AUTO, lmath);
  if (lm == nullptr) {
    logmath_free(lmath);
    return InvalidArgument("cannot read language model " + path);
  }
  const int32 n_words = ngram_model_get_counts(lm)[0];
  for (int32 wid = 0; wid < n_words; ++wid) {
    const char* w = ngram_word(lm, wid);
    if (w == nullptr || *w == '<' || *w == '[' || *w == '+') continue;
    int32 n_used = 0;
    const int32 score = ngram_ng_prob(lm, wid, nullptr, 0, &n_used);
    out.emplace_back(w, logmath_exp(lmath, score));
  }
  ngram_model_free(lm);
  logmath_free(lmath);
  const size_t keep = std::min(out.size(), static_cast<size_t>(n));
  std::partial_sort(out.begin(),
                    out.begin() + static_cast<std::ptrdiff_t>(keep), out.end(),
                    [](const auto& a, const auto& b) {
                      return a.second > b.second ||
                             (a.second == b.second && a.first < b.first);
                    });
  out.resize(keep);
  return out;
}

Status WriteFile(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out.flush()) return IoError("cannot write " + path.string());
  return Status::Ok();
}

}  // namespace

StatusOr<DomainModelFiles> PrepareDomainModel(
    const RecognizerOptions& o, const std::string& full_dictionary,
    const std::string& general_lm, const std::string& work_dir) {
  const std::string_view corpus = lm::SalesCorpus();
  // Every input of the build, so any change makes a new pair of files.
  std::string key = kBuilderVersion;
  for (const std::string& part :
       {FileStamp(full_dictionary), FileStamp(general_lm),
        std::to_string(o.general_words), std::to_string(o.general_weight)}) {
    key += '\n';
    key += part;
  }
  for (const auto& t : o.domain_terms) {
    key += '\x1f';
    key += t;
  }
  key += "\n";
  key.append(corpus);
  char name[48];
  std::snprintf(name, sizeof name, "domain-%016llx",
                static_cast<unsigned long long>(ps::Fnv1a(key)));
  DomainModelFiles files;
  files.language_model = (fs::path(work_dir) / name).string() + ".lm.bin";
  files.dictionary = (fs::path(work_dir) / name).string() + ".dict";
  std::error_code ec;
  if (fs::is_regular_file(files.language_model, ec) &&
      fs::is_regular_file(files.dictionary, ec)) {
    files.from_cache = true;
    return files;
  }

  SC_ASSIGN_OR_RETURN(lm::Lexicon lexicon, lm::Lexicon::Load(full_dictionary));
  lm::DomainLmInput in;
  in.corpus = corpus;
  in.terms = o.domain_terms;
  in.general_weight = o.general_weight;
  SC_ASSIGN_OR_RETURN(in.general_unigrams,
                      TopUnigrams(general_lm, o.general_words));
  SC_ASSIGN_OR_RETURN(lm::DomainLm built, lm::BuildDomainLm(in, lexicon));

  fs::create_directories(work_dir, ec);
  if (ec) {
    return IoError("cannot create speech work dir " + work_dir + ": " +
                   ec.message());
  }
  // Private names first, renamed into place, the dictionary before the
  // model: concurrent processes never see half a file, and a model file
  // (checked last above) means its dictionary is complete.
  std::random_device rd;
  const std::string tmp =
      (fs::path(work_dir) /
       (".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(rd())))
          .string();
  SC_RETURN_IF_ERROR(WriteFile(tmp + ".arpa", built.arpa));
  SC_RETURN_IF_ERROR(WriteFile(tmp + ".dict", built.dictionary));
  // The binary form loads several times faster than ARPA text, and each
  // decoder loads its own copy.
  logmath_t* lmath = logmath_init(1.0001, 0, 0);
  ngram_model_t* lm =
      ngram_model_read(nullptr, (tmp + ".arpa").c_str(), NGRAM_ARPA, lmath);
  int write_rc = -1;
  if (lm != nullptr) {
    write_rc = ngram_model_write(lm, (tmp + ".bin").c_str(), NGRAM_BIN);
    ngram_model_free(lm);
  }
  logmath_free(lmath);
  fs::remove(tmp + ".arpa", ec);
  if (write_rc < 0) {
    fs::remove(tmp + ".dict", ec);
    fs::remove(tmp + ".bin", ec);
    return InvalidArgument("pocketsphinx rejected the built domain model");
  }
  fs::rename(tmp + ".dict", files.dictionary, ec);
  if (!ec) fs::rename(tmp + ".bin", files.language_model, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(tmp + ".dict", ignored);
    fs::remove(tmp + ".bin", ignored);
    return IoError("cannot write the domain model into " + work_dir + ": " +
                   ec.message());
  }
  return files;
}

}  // namespace sc::speech
