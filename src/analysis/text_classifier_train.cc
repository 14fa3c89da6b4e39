// Build-time trainer: fits a text classifier (text_classifier.h) on corpora
// we wrote and writes it as a blob plus the source that links it into the
// library. Run by the custom commands in src/analysis/CMakeLists.txt; not
// part of the product.
//
//   sc_text_classifier_train <label,label,...> <out.bin> <out.cc>
//                            <function> <corpus.tsv>...
//
// `function` names the generated accessor (EmbeddedObjectionModel, ...).
// Training is deterministic (fixed sample order, one thread), so the same
// corpora always give the same model.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/incbin_source.h"
#include "analysis/text_classifier.h"

int main(int argc, char** argv) {
  using sc::analysis::LabelledText;
  using sc::analysis::TextClassifier;
  if (argc < 6) {
    std::cerr << "usage: sc_text_classifier_train <label,label,...> <out.bin> "
                 "<out.cc> <function> <corpus.tsv>...\n";
    return 2;
  }
  std::vector<std::string> labels;
  std::stringstream list(argv[1]);
  for (std::string l; std::getline(list, l, ',');) labels.push_back(l);
  if (labels.size() < 2) {
    std::cerr << "need at least two labels\n";
    return 2;
  }
  std::vector<LabelledText> examples;
  for (int i = 5; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    if (!in) {
      std::cerr << argv[i] << ": cannot read\n";
      return 1;
    }
    std::string error;
    if (!sc::analysis::ParseLabelledCorpus(ss.str(), labels, &examples,
                                           &error)) {
      std::cerr << argv[i] << ": " << error << "\n";
      return 1;
    }
  }
  const TextClassifier m = TextClassifier::Train(examples, labels, {});
  int right = 0;
  for (const LabelledText& x : examples) {
    const std::vector<double> p = m.Classify(x.text);
    right += std::max_element(p.begin(), p.end()) - p.begin() == x.label;
  }
  if (!sc::analysis::incbin::WriteBlobAndSource(m.Serialize(), argv[2], argv[3],
                                                argv[4],
                                                "sc_text_classifier_train")) {
    return 1;
  }
  std::cout << argv[4] << ": " << examples.size() << " examples, "
            << m.feature_count() << " features, training accuracy "
            << double(right) / double(examples.size()) << "\n";
  return 0;
}
