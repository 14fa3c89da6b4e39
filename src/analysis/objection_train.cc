// Build-time trainer: fits the objection classifier (objection_model.h) on
// our own written corpus and writes it as a blob plus the source that links
// it into the library. Run by the custom command in
// src/analysis/CMakeLists.txt; not part of the product.
//
//   sc_objection_train <corpus.tsv> <out.bin> <out.cc>
//
// Training is deterministic (fixed sample order, one thread), so the same
// corpus always gives the same model.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/incbin_source.h"
#include "analysis/objection_model.h"

int main(int argc, char** argv) {
  using sc::analysis::ObjectionExample;
  using sc::analysis::ObjectionModel;
  if (argc != 4) {
    std::cerr << "usage: sc_objection_train <corpus.tsv> <out.bin> <out.cc>\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  if (!in) {
    std::cerr << argv[1] << ": cannot read\n";
    return 1;
  }
  std::vector<ObjectionExample> examples;
  std::string error;
  if (!sc::analysis::ParseObjectionCorpus(ss.str(), &examples, &error)) {
    std::cerr << argv[1] << ": " << error << "\n";
    return 1;
  }
  const ObjectionModel m = ObjectionModel::Train(examples, {});
  int right = 0;
  for (const ObjectionExample& x : examples) {
    const ObjectionModel::Probabilities p = m.Classify(x.text);
    int best = 0;
    for (int c = 1; c < ObjectionModel::kClasses; ++c) {
      if (p[c] > p[best]) best = c;
    }
    right += best == x.label;
  }
  if (!sc::analysis::incbin::WriteBlobAndSource(
          m.Serialize(), argv[2], argv[3], "EmbeddedObjectionModel",
          "sc_objection_train from objection_corpus.tsv")) {
    return 1;
  }
  std::cout << "objection classifier: " << examples.size() << " examples, "
            << m.feature_count() << " features, training accuracy "
            << double(right) / double(examples.size()) << "\n";
  return 0;
}
