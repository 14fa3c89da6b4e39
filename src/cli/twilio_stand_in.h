// A local stand-in for Twilio's REST API and media host, for `simulate
// --twilio` and `demo`: it serves the recordings a simulated call produced,
// at the paths and with the authentication Twilio uses (TWILIO.md §6), so
// the server's real REST client fetches them exactly as it would from
// api.twilio.com. Point the server at it with
// SALESCOPILOT_TWILIO_API_BASE_URL=<base_url()>.
//
//   GET /2010-04-01/Accounts/{AC}/Recordings/{RE}.wav   the WAV (audio/x-wav)
//   GET /2010-04-01/Accounts/{AC}/Recordings/{RE}.json  its metadata
//   anything else                                      404, Twilio error JSON
//
// Requests must carry HTTP Basic credentials the stand-in was given (account
// SID + auth token, or API key SID + secret); otherwise 401 with Twilio's
// error 20003. With no credentials configured at all it accepts any.
//
// Thread-safety: AddRecording and the counters may be used from any thread.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "core/status.h"
#include "server/local_http_server.h"

namespace sc::cli {

struct StandInCredentials {
  std::string account_sid;
  std::string auth_token;
  std::string api_key_sid;
  std::string api_key_secret;
};

class TwilioStandIn {
 public:
  // `listen` is "HOST:PORT" (PORT 0: any free port).
  static StatusOr<std::unique_ptr<TwilioStandIn>> Start(
      const std::string& listen, StandInCredentials credentials);
  ~TwilioStandIn();

  // "http://HOST:PORT".
  std::string base_url() const;
  // Serves `wav` for the recording from now on.
  void AddRecording(const std::string& account_sid,
                    const std::string& recording_sid, std::string wav,
                    int duration_s, int channels);
  // Media downloads served with 200.
  int downloads() const { return downloads_.load(); }
  // Requests refused for missing or wrong credentials.
  int unauthorized() const { return unauthorized_.load(); }

 private:
  struct Recording {
    std::string wav;
    int duration_s = 0;
    int channels = 0;
  };
  TwilioStandIn(std::string host, StandInCredentials credentials);
  server::HttpResponse Handle(const server::HttpRequest& request);
  bool Authorized(const server::HttpRequest& request) const;

  const std::string host_;
  const StandInCredentials credentials_;
  std::unique_ptr<server::LocalHttpServer> http_;
  std::mutex mu_;
  std::map<std::string, Recording> recordings_;  // "AC/RE". GUARDED_BY(mu_)
  std::atomic<int> downloads_{0};
  std::atomic<int> unauthorized_{0};
};

// A 16-bit PCM WAV file in memory. REQUIRES: samples interleaved, a multiple
// of `channels`.
std::string MakeWav(int sample_rate, int channels,
                    const std::vector<int16_t>& samples);

}  // namespace sc::cli
