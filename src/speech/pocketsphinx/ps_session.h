// One PocketSphinx decoder as a RecognizerSession (internal).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "speech/recognizer.h"

// Forward declaration, so this header does not expose PocketSphinx.
struct ps_decoder_s;

namespace sc::speech {

// Takes ownership of `ps` (freed with the session).
std::unique_ptr<RecognizerSession> MakePsSession(ps_decoder_s* ps,
                                                 int sample_rate);

// Strips pronunciation markers ("word(2)" -> "word"); returns "" for filler
// and silence tokens (<s>, </s>, <sil>, [NOISE], ++UH++). Exposed for tests.
std::string CleanWord(std::string_view w);

}  // namespace sc::speech
