#include "speech/remote/remote_transcriber.h"

#include <algorithm>
#include <atomic>

#include "core/log.h"
#include "net/http_post.h"
#include "speech/remote/transcription_wire.h"

namespace sc::speech {
namespace {

namespace wire = remote::internal;

class HttpRemoteTranscriber : public RemoteTranscriber {
 public:
  HttpRemoteTranscriber(RemoteTranscriberOptions options, net::BaseUrl url)
      : options_(std::move(options)), url_(std::move(url)) {}

  StatusOr<RemoteTranscript> Transcribe(std::span<const int16_t> pcm,
                                        int sample_rate) const override {
    if (sample_rate < 8000 || sample_rate > 48000) {
      return InvalidArgument(
          "remote transcription needs a sample rate of "
          "8000..48000 Hz");
    }
    if (pcm.empty()) return InvalidArgument("no audio to transcribe");
    const double audio_s = static_cast<double>(pcm.size()) / sample_rate;
    if (audio_s > kMaxRequestSeconds) {
      return InvalidArgument(
          "audio longer than one remote request allows; "
          "use TranscribeTrack");
    }
    std::vector<wire::FormField> fields =
        wire::TranscriptionFields(options_, wire::EncodeWav(pcm, sample_rate));
    const std::string boundary =
        wire::ChooseBoundary(fields, next_boundary_.fetch_add(1) + 1);
    const std::string body = wire::MultipartBody(fields, boundary);
    const auto headers = net::ApiHeaders(
        "multipart/form-data; boundary=" + boundary, options_.api_key);
    const net::RetryPolicy retry =
        net::RetryPolicyOf(options_, "speech.remote.retry");
    int attempts = 0;
    // Transport failures are not retried (net::PostWithRetries): after a
    // timeout the server may still be working on the audio, and a second
    // upload doubles the cost.
    StatusOr<net::HttpReply> reply = net::PostWithRetries(
        url_, "/audio/transcriptions", headers, body, options_.timeout,
        options_.ca_file, retry, &attempts);
    if (!reply.ok()) {
      return Status(
          reply.status().code(),
          "speech transcription request failed: " + reply.status().message());
    }
    if (reply->status < 200 || reply->status >= 300) {
      return wire::HttpErrorStatus(reply->status, reply->body,
                                   options_.api_key);
    }
    SC_ASSIGN_OR_RETURN(RemoteTranscript t,
                        wire::ParseVerboseJson(reply->body, audio_s));
    t.attempts = attempts;
    return t;
  }

 private:
  const RemoteTranscriberOptions options_;
  const net::BaseUrl url_;
  mutable std::atomic<uint64_t> next_boundary_{0};
};

// The sample index at which to end a piece that may run to `limit`: the
// start of the quietest 20 ms frame in the last `search` samples.
size_t QuietestCut(std::span<const int16_t> pcm, size_t begin, size_t limit,
                   size_t search, size_t frame) {
  size_t best = limit;
  double best_energy = 1e300;
  const size_t from = limit - std::min(search, limit - begin);
  for (size_t f = from; f + frame <= limit; f += frame) {
    double e = 0;
    for (size_t i = f; i < f + frame; ++i) e += double(pcm[i]) * pcm[i];
    if (e < best_energy) {
      best_energy = e;
      best = f + frame / 2;
    }
  }
  return best > begin ? best : limit;
}

}  // namespace

StatusOr<std::unique_ptr<RemoteTranscriber>> RemoteTranscriber::Create(
    RemoteTranscriberOptions options) {
  SC_ASSIGN_OR_RETURN(
      net::BaseUrl url,
      net::ParseBaseUrl(options.base_url, "speech remote base_url"));
  if (options.model.empty()) {
    return InvalidArgument("speech remote model is required");
  }
  if (options.timeout.count() <= 0) {
    return InvalidArgument("speech remote timeout must be positive");
  }
  if (options.max_retries < 0 || options.max_retries > 10) {
    return InvalidArgument("speech remote max_retries must be 0..10");
  }
  if (options.initial_backoff.count() < 0 || options.max_backoff.count() < 0) {
    return InvalidArgument("speech remote backoff must not be negative");
  }
  // A line break would end a header or a form part early; the key itself
  // is never quoted in the message.
  if (options.api_key.find_first_of("\r\n") != std::string::npos) {
    return InvalidArgument("speech remote api_key contains a line break");
  }
  if (options.model.find_first_of("\r\n\"") != std::string::npos) {
    return InvalidArgument("speech remote model contains a quote or break");
  }
  return std::unique_ptr<RemoteTranscriber>(
      new HttpRemoteTranscriber(std::move(options), std::move(url)));
}

StatusOr<std::vector<RemoteSegment>> TranscribeTrack(
    const RemoteTranscriber& transcriber, std::span<const int16_t> pcm,
    int sample_rate, const TrackOptions& options) {
  if (options.max_piece_s <= 1 ||
      options.max_piece_s > RemoteTranscriber::kMaxRequestSeconds ||
      options.cut_search_s < 0 || options.cut_search_s >= options.max_piece_s) {
    return InvalidArgument("bad remote track options");
  }
  if (sample_rate <= 0) return InvalidArgument("bad sample rate");
  std::vector<RemoteSegment> out;
  const size_t max_piece =
      static_cast<size_t>(options.max_piece_s * sample_rate);
  const size_t search = static_cast<size_t>(options.cut_search_s * sample_rate);
  const size_t frame = static_cast<size_t>(sample_rate / 50);
  size_t begin = 0;
  while (begin < pcm.size()) {
    size_t end = pcm.size();
    if (end - begin > max_piece) {
      end = QuietestCut(pcm, begin, begin + max_piece, search, frame);
    }
    SC_ASSIGN_OR_RETURN(
        RemoteTranscript t,
        transcriber.Transcribe(pcm.subspan(begin, end - begin), sample_rate));
    const double offset = static_cast<double>(begin) / sample_rate;
    for (auto& seg : t.segments) {
      seg.start_s += offset;
      seg.end_s += offset;
      for (auto& w : seg.words) {
        w.start_s += offset;
        w.end_s += offset;
      }
      out.push_back(std::move(seg));
    }
    begin = end;
  }
  return out;
}

}  // namespace sc::speech
