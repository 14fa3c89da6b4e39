// The model sc_objection_train fitted at build time, linked in by the
// generated objection_model_data.cc.
#include <cstdlib>
#include <iostream>

#include "analysis/objection_model.h"

namespace sc::analysis {

const unsigned char* EmbeddedObjectionModel(std::size_t* size);

const ObjectionModel& ObjectionModel::Builtin() {
  static const ObjectionModel* const kModel = [] {
    auto* m = new ObjectionModel;
    size_t size = 0;
    const unsigned char* data = EmbeddedObjectionModel(&size);
    if (!Parse(data, size, m)) {
      // The trainer wrote it in this same build; a mismatch is a build bug.
      std::cerr << "objection classifier: embedded model is malformed\n";
      std::abort();
    }
    return m;
  }();
  return *kModel;
}

}  // namespace sc::analysis
