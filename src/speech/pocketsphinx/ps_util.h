// Pieces every PocketSphinx user in this folder shares: the work directory
// for derived model files, the content hash that names them, and decoder
// creation from an argument list.
#pragma once

#include <pocketsphinx.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sc::speech::ps {

// $XDG_CACHE_HOME/salescopilot, else /tmp/salescopilot-model-<uid>.
std::string DefaultWorkDir();

// 64-bit FNV-1a of `s`, continuing from `h` (names cached model files by
// their content).
uint64_t Fnv1a(std::string_view s, uint64_t h = 1469598103934665603ull);

// A decoder from PocketSphinx command-line style arguments ("-hmm", dir,
// ...). ps_init edits its configuration and touches the global log, so
// decoders are created one at a time (one lock for the whole process), each
// from a fresh configuration. `what` names the decoder in errors
// ("recognizer", "keyword spotter"). InvalidArgument when PocketSphinx
// rejects the arguments, Internal when it cannot load the model.
StatusOr<ps_decoder_t*> NewDecoder(const std::vector<std::string>& args,
                                   std::string_view what);

}  // namespace sc::speech::ps
