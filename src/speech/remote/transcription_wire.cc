#include "speech/remote/transcription_wire.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "audio/wav.h"

namespace sc::speech::remote::internal {
namespace {

namespace json = boost::json;

constexpr size_t kMaxErrorChars = 300;

std::string Trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  const size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    size_t j = i;
    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// A number field, or `fallback` when absent or not a number.
double Num(const json::object& o, std::string_view key, double fallback = 0) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr) return fallback;
  if (v->is_double()) return v->get_double();
  if (v->is_int64()) return static_cast<double>(v->get_int64());
  if (v->is_uint64()) return static_cast<double>(v->get_uint64());
  return fallback;
}

std::string Str(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return "";
  if (v->is_string()) return std::string(v->get_string());
  return json::serialize(*v);  // Error codes are sometimes numbers.
}

// Spreads the words of `seg.text` over the segment in proportion to their
// length (plus one, for the gap after each word).
void EstimateWordTimes(RemoteSegment& seg) {
  const std::vector<std::string> words = SplitWords(seg.text);
  double units = 0;
  for (const auto& w : words) units += static_cast<double>(w.size()) + 1;
  const double span = std::max(0.0, seg.end_s - seg.start_s);
  double t = seg.start_s;
  for (const auto& w : words) {
    const double len = span * static_cast<double>(w.size()) / units;
    seg.words.push_back({w, t, t + len, seg.confidence});
    t += span * (static_cast<double>(w.size()) + 1) / units;
  }
  seg.word_times_estimated = true;
}

std::string Redacted(std::string text, std::string_view secret) {
  if (!secret.empty()) {
    size_t pos;
    while ((pos = text.find(secret)) != std::string::npos) {
      text.replace(pos, secret.size(), "[redacted]");
    }
  }
  if (text.size() > kMaxErrorChars) {
    text.resize(kMaxErrorChars);
    text += "...";
  }
  return text;
}

}  // namespace

std::string EncodeWav(std::span<const int16_t> pcm, int sample_rate) {
  return audio::EncodeWav(pcm, sample_rate);
}

std::string MultipartBody(const std::vector<FormField>& fields,
                          std::string_view boundary) {
  std::string out;
  for (const auto& f : fields) {
    out += "--";
    out += boundary;
    out += "\r\nContent-Disposition: form-data; name=\"" + f.name + "\"";
    if (!f.filename.empty()) out += "; filename=\"" + f.filename + "\"";
    out += "\r\n";
    if (!f.content_type.empty()) {
      out += "Content-Type: " + f.content_type + "\r\n";
    }
    out += "\r\n";
    out += f.value;
    out += "\r\n";
  }
  out += "--";
  out += boundary;
  out += "--\r\n";
  return out;
}

std::string ChooseBoundary(const std::vector<FormField>& fields,
                           uint64_t seed) {
  for (uint64_t n = seed;; ++n) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "----salescopilot-%016llx",
                  static_cast<unsigned long long>(n * 0x9e3779b97f4a7c15ull));
    const std::string b = buf;
    bool clash = false;
    for (const auto& f : fields) {
      clash |= f.value.find(b) != std::string::npos;
    }
    if (!clash) return b;
  }
}

std::vector<FormField> TranscriptionFields(
    const RemoteTranscriberOptions& options, std::string wav) {
  std::vector<FormField> f;
  f.push_back({"file", std::move(wav), "audio.wav", "audio/wav"});
  f.push_back({"model", options.model});
  f.push_back({"response_format", "verbose_json"});
  if (options.word_timestamps == WordTimestamps::kRequest) {
    // OpenAI returns segments only if asked for them alongside words.
    f.push_back({"timestamp_granularities[]", "word"});
    f.push_back({"timestamp_granularities[]", "segment"});
  }
  if (!options.language.empty()) f.push_back({"language", options.language});
  if (!options.prompt_terms.empty()) {
    std::string prompt;
    for (const auto& t : options.prompt_terms) {
      if (!prompt.empty()) prompt += ", ";
      prompt += t;
    }
    f.push_back({"prompt", prompt});
  }
  return f;
}

StatusOr<RemoteTranscript> ParseVerboseJson(std::string_view body,
                                            double audio_s) {
  boost::system::error_code ec;
  json::value root = json::parse(body, ec);
  if (ec || !root.is_object()) {
    return Unavailable(
        "speech server returned a malformed transcription "
        "(not a JSON object)");
  }
  const json::object& o = root.get_object();
  if (o.contains("error")) {
    return Unavailable("speech server returned an error object with HTTP 200");
  }
  const json::value* text = o.if_contains("text");
  if (text == nullptr || !text->is_string()) {
    return Unavailable("speech server returned a transcription without text");
  }
  RemoteTranscript t;
  t.text = std::string(text->get_string());
  t.language = Str(o, "language");
  t.duration_s = Num(o, "duration", audio_s);

  if (const json::value* segs = o.if_contains("segments")) {
    if (!segs->is_array()) {
      return Unavailable("speech server returned malformed segments");
    }
    for (const json::value& v : segs->get_array()) {
      if (!v.is_object()) {
        return Unavailable("speech server returned a malformed segment");
      }
      const json::object& s = v.get_object();
      RemoteSegment seg;
      seg.start_s = Num(s, "start");
      seg.end_s = std::max(seg.start_s, Num(s, "end", seg.start_s));
      seg.text = Trim(Str(s, "text"));
      if (s.contains("avg_logprob")) {
        seg.confidence = std::clamp(std::exp(Num(s, "avg_logprob")), 0.0, 1.0);
      }
      t.segments.push_back(std::move(seg));
    }
  }

  std::vector<WordTiming> words;
  bool have_words = false;
  if (const json::value* ws = o.if_contains("words")) {
    if (!ws->is_array()) {
      return Unavailable("speech server returned malformed words");
    }
    have_words = true;
    for (const json::value& v : ws->get_array()) {
      if (!v.is_object()) {
        return Unavailable("speech server returned a malformed word");
      }
      const json::object& w = v.get_object();
      WordTiming wt;
      wt.w = Trim(Str(w, "word"));
      wt.start_s = Num(w, "start");
      wt.end_s = std::max(wt.start_s, Num(w, "end", wt.start_s));
      wt.confidence = std::clamp(Num(w, "probability", -1), -1.0, 1.0);
      if (!wt.w.empty()) words.push_back(std::move(wt));
    }
  }

  if (t.segments.empty()) {
    // Words only, or text only: one segment over all of it.
    RemoteSegment seg;
    seg.text = Trim(t.text);
    seg.start_s = words.empty() ? 0 : words.front().start_s;
    seg.end_s = words.empty() ? t.duration_s : words.back().end_s;
    if (!seg.text.empty() || !words.empty()) {
      t.segments.push_back(std::move(seg));
    }
  }
  if (!have_words) {
    for (auto& seg : t.segments) EstimateWordTimes(seg);
    return t;
  }
  // Each word joins the segment holding its midpoint (or the nearest one:
  // servers round segment bounds and words at the edges may stick out).
  for (auto& w : words) {
    const double mid = (w.start_s + w.end_s) / 2;
    size_t best = 0;
    double best_gap = 1e300;
    for (size_t i = 0; i < t.segments.size(); ++i) {
      const auto& s = t.segments[i];
      const double gap = mid < s.start_s ? s.start_s - mid
                         : mid > s.end_s ? mid - s.end_s
                                         : 0;
      if (gap < best_gap) {
        best_gap = gap;
        best = i;
      }
    }
    RemoteSegment& seg = t.segments[best];
    if (w.confidence < 0) w.confidence = seg.confidence;
    seg.words.push_back(std::move(w));
  }
  return t;
}

Status HttpErrorStatus(int http_status, std::string_view body,
                       std::string_view secret) {
  std::string detail;
  boost::system::error_code ec;
  json::value root = json::parse(body, ec);
  if (!ec && root.is_object()) {
    if (const json::value* e = root.get_object().if_contains("error")) {
      if (e->is_object()) {
        const json::object& eo = e->get_object();
        detail = Str(eo, "message");
        const std::string type = Str(eo, "type");
        const std::string code = Str(eo, "code");
        if (!type.empty()) detail += " (type " + type + ")";
        if (!code.empty()) detail += " (code " + code + ")";
      } else if (e->is_string()) {
        detail = std::string(e->get_string());
      }
    }
  }
  if (detail.empty()) detail = Trim(body.substr(0, kMaxErrorChars));
  std::string m = "speech server replied HTTP " + std::to_string(http_status);
  if (!detail.empty()) m += ": " + Redacted(detail, secret);
  switch (http_status) {
    case 400:
    case 413:
    case 415:
    case 422:
      return InvalidArgument(m);
    case 401:
      return Unauthenticated(m);
    case 403:
      return PermissionDenied(m);
    case 404:
      return NotFound(m);
    case 429:
      return ResourceExhausted(m);
    default:
      // Other 4xx: the request was wrong; 5xx and anything unexpected
      // (1xx, an unfollowed 3xx): the server is not serving us.
      if (http_status >= 400 && http_status < 500) return InvalidArgument(m);
      return Unavailable(m);
  }
}

}  // namespace sc::speech::remote::internal
