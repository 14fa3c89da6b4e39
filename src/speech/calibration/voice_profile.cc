// VoiceProfile's JSON form and the script-word helpers; the PocketSphinx
// part of calibration is in calibrate.cc.
#include "speech/calibration/voice_profile.h"

#include <boost/json.hpp>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <unordered_set>

#include "speech/calibration/voice_profile_internal.h"
#include "speech/lm/lexicon.h"

namespace sc::speech {

namespace json = boost::json;

std::string VoiceProfile::CmninitString() const {
  std::string out;
  for (size_t i = 0; i < cmninit.size(); ++i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%.2f", i ? "," : "", cmninit[i]);
    out += buf;
  }
  return out;
}

std::vector<std::string> VoiceProfile::MissingWordList() const {
  std::vector<std::string> out;
  for (const auto& m : missing_words) out.push_back(m.word);
  return out;
}

std::string VoiceProfileJson(const VoiceProfile& p) {
  json::object o;
  o["version"] = p.version;
  json::array cmn;
  for (double v : p.cmninit) cmn.push_back(v);
  o["cmninit"] = std::move(cmn);
  o["words_per_minute"] = p.words_per_minute;
  o["rate_source"] =
      p.rate_source == RateSource::kScript ? "script" : "recognized";
  o["audio_s"] = p.audio_s;
  o["speech_s"] = p.speech_s;
  o["utterances"] = p.utterances;
  o["recognized_words"] = p.recognized_words;
  json::array missing;
  for (const auto& m : p.missing_words) {
    missing.push_back(
        json::object{{"word", m.word}, {"pronunciation", m.pronunciation}});
  }
  o["missing_words"] = std::move(missing);
  return json::serialize(o);
}

namespace {

// A number member, or InvalidArgument naming `key`.
StatusOr<double> Number(const json::object& o, std::string_view key,
                        bool required) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr) {
    if (!required) return 0.0;
    return InvalidArgument("voice profile lacks \"" + std::string(key) + "\"");
  }
  if (!v->is_number()) {
    return InvalidArgument("voice profile \"" + std::string(key) +
                           "\" is not a number");
  }
  const double d = v->to_number<double>();
  if (!std::isfinite(d)) {
    return InvalidArgument("voice profile \"" + std::string(key) +
                           "\" is not finite");
  }
  return d;
}

}  // namespace

StatusOr<VoiceProfile> ParseVoiceProfileJson(std::string_view text) {
  boost::system::error_code ec;
  json::value root = json::parse(text, ec);
  if (ec || !root.is_object()) {
    return InvalidArgument("voice profile is not a JSON object");
  }
  const json::object& o = root.get_object();
  VoiceProfile p;
  SC_ASSIGN_OR_RETURN(double version, Number(o, "version", true));
  if (version != VoiceProfile::kVersion) {
    return InvalidArgument("voice profile version " +
                           std::to_string(static_cast<int>(version)) +
                           " is not supported (expected 1)");
  }
  const json::value* cmn = o.if_contains("cmninit");
  if (cmn == nullptr || !cmn->is_array() || cmn->get_array().size() != 13) {
    return InvalidArgument("voice profile cmninit must be 13 numbers");
  }
  for (const json::value& v : cmn->get_array()) {
    if (!v.is_number() || !std::isfinite(v.to_number<double>())) {
      return InvalidArgument("voice profile cmninit must be 13 numbers");
    }
    p.cmninit.push_back(v.to_number<double>());
  }
  SC_ASSIGN_OR_RETURN(p.words_per_minute, Number(o, "words_per_minute", true));
  if (p.words_per_minute < 0) {
    return InvalidArgument("voice profile words_per_minute is negative");
  }
  if (const json::value* rs = o.if_contains("rate_source")) {
    if (!rs->is_string() ||
        (rs->get_string() != "script" && rs->get_string() != "recognized")) {
      return InvalidArgument(
          "voice profile rate_source is not "
          "\"script\" or \"recognized\"");
    }
    p.rate_source = rs->get_string() == "script" ? RateSource::kScript
                                                 : RateSource::kRecognized;
  }
  SC_ASSIGN_OR_RETURN(p.audio_s, Number(o, "audio_s", false));
  SC_ASSIGN_OR_RETURN(p.speech_s, Number(o, "speech_s", false));
  SC_ASSIGN_OR_RETURN(double utterances, Number(o, "utterances", false));
  SC_ASSIGN_OR_RETURN(double words, Number(o, "recognized_words", false));
  p.utterances = static_cast<int>(utterances);
  p.recognized_words = static_cast<int>(words);
  if (const json::value* mw = o.if_contains("missing_words")) {
    if (!mw->is_array()) {
      return InvalidArgument("voice profile missing_words is not an array");
    }
    for (const json::value& v : mw->get_array()) {
      const json::object* m = v.if_object();
      const json::value* w = m ? m->if_contains("word") : nullptr;
      const json::value* pr = m ? m->if_contains("pronunciation") : nullptr;
      if (w == nullptr || !w->is_string() || w->get_string().empty() ||
          (pr != nullptr && !pr->is_string())) {
        return InvalidArgument("voice profile has a malformed missing word");
      }
      p.missing_words.push_back(
          {std::string(w->get_string()),
           pr ? std::string(pr->get_string()) : std::string()});
    }
  }
  return p;
}

namespace internal {

std::vector<std::string> ScriptWords(std::string_view script) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    // Trim everything but letters, digits and inner apostrophes.
    size_t b = 0, e = cur.size();
    while (b < e && !std::isalnum(static_cast<unsigned char>(cur[b]))) ++b;
    while (e > b && !std::isalnum(static_cast<unsigned char>(cur[e - 1]))) {
      --e;
    }
    std::string w = cur.substr(b, e - b);
    cur.clear();
    bool letters = false;
    for (unsigned char c : w) letters |= std::isalpha(c) != 0;
    if (letters) out.push_back(std::move(w));
  };
  for (char c : script) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == '-' || c == '/') {
      flush();
    } else {
      cur.push_back(c);
    }
  }
  flush();
  return out;
}

int CountScriptWords(std::string_view script) {
  int n = 0;
  bool in_word = false, alnum = false;
  for (size_t i = 0; i <= script.size(); ++i) {
    const bool space = i == script.size() ||
                       std::isspace(static_cast<unsigned char>(script[i]));
    if (space) {
      n += in_word && alnum;
      in_word = alnum = false;
    } else {
      in_word = true;
      alnum |= std::isalnum(static_cast<unsigned char>(script[i])) != 0;
    }
  }
  return n;
}

StatusOr<std::vector<MissingWord>> MissingScriptWords(
    std::string_view script, const std::string& dictionary) {
  SC_ASSIGN_OR_RETURN(lm::Lexicon lexicon, lm::Lexicon::Load(dictionary));
  std::vector<MissingWord> out;
  std::unordered_set<std::string> seen;
  for (const std::string& w : ScriptWords(script)) {
    std::string lower = w;
    for (char& c : lower) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (lexicon.Find(lower) != nullptr || !seen.insert(lower).second) continue;
    // Given as written, so an all-capitals acronym is spelled out.
    out.push_back({lower, lm::GuessPronunciation(lexicon, w)});
  }
  return out;
}

}  // namespace internal
}  // namespace sc::speech
