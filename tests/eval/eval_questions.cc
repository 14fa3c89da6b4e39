// eval_questions: question detection (analysis/questions.h) on Switchboard
// dialog acts (../shared/eval/conversation/swda_{dev,test}/*.txt).
//
//   eval_questions [--eval-dir DIR] [--show-errors] [--check-test-f1 F]
//
// Each line of a dialogue file is `speaker|utterance|dialog act`. An
// utterance is a question when its act is one of qy, qw, qy^d, qo, qh, qrr
// or ^g (the eval README), including their ^-suffixed variants such as
// qw^d. Punctuation is stripped before detection to mimic recognizer
// output. Prints precision, recall and F1 per speaker (A, B) and overall,
// for dev and test separately. --show-errors lists dev misses and false
// alarms (never test: test is the scorecard, not tuned on).
// --check-test-f1 F exits 1 when the overall test F1 is below F; the
// program exits 77 (ctest's skip code) when the data is absent.
//
// The eval directory is --eval-dir, else $SC_EVAL_DIR, else
// $SC_SOURCE_DIR/../shared/eval.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "analysis/questions.h"

namespace {

namespace fs = std::filesystem;

struct Counts {
  int tp = 0, fp = 0, fn = 0, n = 0;
  double P() const { return tp + fp ? double(tp) / (tp + fp) : 0; }
  double R() const { return tp + fn ? double(tp) / (tp + fn) : 0; }
  double F1() const {
    double p = P(), r = R();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

bool IsQuestionAct(const std::string& act) {
  if (act.find("^g") != std::string::npos) return true;
  std::string base = act.substr(0, act.find('^'));
  return base == "qy" || base == "qw" || base == "qo" || base == "qh" ||
         base == "qrr";
}

// Recognizer output has no punctuation: keep letters, digits, apostrophes
// and hyphens, and make everything else a space.
std::string StripPunctuation(const std::string& s) {
  std::string out;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    out.push_back(std::isalnum(u) || c == '\'' || c == '-' ? c : ' ');
  }
  return out;
}

struct SplitResult {
  std::map<std::string, Counts> by_speaker;
  Counts all;
  int files = 0;
};

SplitResult Evaluate(const fs::path& dir, bool show_errors) {
  SplitResult r;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    std::ifstream in(f);
    std::string line;
    ++r.files;
    while (std::getline(in, line)) {
      size_t a = line.find('|'), b = line.rfind('|');
      if (a == std::string::npos || b == a) continue;
      std::string speaker = line.substr(0, a);
      std::string text = StripPunctuation(line.substr(a + 1, b - a - 1));
      bool truth = IsQuestionAct(line.substr(b + 1));
      bool guess = sc::analysis::IsQuestion(text);
      for (Counts* c : {&r.by_speaker[speaker], &r.all}) {
        ++c->n;
        if (truth && guess) ++c->tp;
        if (!truth && guess) ++c->fp;
        if (truth && !guess) ++c->fn;
      }
      if (show_errors && truth != guess) {
        std::printf("  %s %s: %s\n", truth ? "MISS" : "FA  ",
                    line.substr(b + 1).c_str(), text.c_str());
      }
    }
  }
  return r;
}

void Print(const char* split, const SplitResult& r) {
  auto row = [&](const std::string& who, const Counts& c) {
    std::printf("%-5s %-8s n=%5d questions=%4d  P=%.3f R=%.3f F1=%.3f\n", split,
                who.c_str(), c.n, c.tp + c.fn, c.P(), c.R(), c.F1());
  };
  for (const auto& [speaker, c] : r.by_speaker) row("speaker " + speaker, c);
  row("overall", r.all);
}

}  // namespace

int main(int argc, char** argv) {
  std::string eval_dir;
  bool show_errors = false;
  double check_f1 = -1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--eval-dir" && i + 1 < argc) {
      eval_dir = argv[++i];
    } else if (a == "--show-errors") {
      show_errors = true;
    } else if (a == "--check-test-f1" && i + 1 < argc) {
      check_f1 = std::atof(argv[++i]);
    } else {
      std::fprintf(stderr,
                   "usage: eval_questions [--eval-dir DIR] [--show-errors] "
                   "[--check-test-f1 F]\n");
      return 2;
    }
  }
  if (eval_dir.empty()) {
    if (const char* e = std::getenv("SC_EVAL_DIR")) eval_dir = e;
  }
  if (eval_dir.empty()) {
    const char* src = std::getenv("SC_SOURCE_DIR");
    eval_dir = std::string(src ? src : ".") + "/../shared/eval";
  }
  fs::path base = fs::path(eval_dir) / "conversation";
  if (!fs::is_directory(base / "swda_dev") ||
      !fs::is_directory(base / "swda_test")) {
    std::fprintf(stderr, "eval_questions: no Switchboard data under %s\n",
                 base.string().c_str());
    return 77;
  }
  SplitResult dev = Evaluate(base / "swda_dev", show_errors);
  SplitResult test = Evaluate(base / "swda_test", false);
  std::printf("Question detection on Switchboard (%d dev, %d test dialogues)\n",
              dev.files, test.files);
  Print("dev", dev);
  Print("test", test);
  if (check_f1 >= 0 && test.all.F1() < check_f1) {
    std::fprintf(stderr, "eval_questions: test F1 %.3f below target %.3f\n",
                 test.all.F1(), check_f1);
    return 1;
  }
  return 0;
}
