#include "cli/twilio_stand_in.h"

#include <boost/json.hpp>
#include <vector>

#include "telephony/twilio/base64.h"

namespace sc::cli {
namespace json = boost::json;
namespace {

server::HttpResponse TwilioError(int status, int code, std::string message) {
  server::HttpResponse r;
  r.status = status;
  r.body = json::serialize(json::object{
      {"code", code},
      {"message", std::move(message)},
      {"more_info",
       "https://www.twilio.com/docs/errors/" + std::to_string(code)},
      {"status", status}});
  return r;
}

void PutLe(std::string& out, uint32_t v, int bytes) {
  for (int i = 0; i < bytes; ++i)
    out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

}  // namespace

std::string MakeWav(int sample_rate, int channels,
                    const std::vector<int16_t>& samples) {
  const uint32_t data_bytes = static_cast<uint32_t>(samples.size() * 2);
  std::string out = "RIFF";
  PutLe(out, 36 + data_bytes, 4);
  out += "WAVEfmt ";
  PutLe(out, 16, 4);
  PutLe(out, 1, 2);  // PCM.
  PutLe(out, static_cast<uint32_t>(channels), 2);
  PutLe(out, static_cast<uint32_t>(sample_rate), 4);
  PutLe(out, static_cast<uint32_t>(sample_rate * channels * 2), 4);
  PutLe(out, static_cast<uint32_t>(channels * 2), 2);
  PutLe(out, 16, 2);
  out += "data";
  PutLe(out, data_bytes, 4);
  for (int16_t s : samples) PutLe(out, static_cast<uint16_t>(s), 2);
  return out;
}

TwilioStandIn::TwilioStandIn(std::string host, StandInCredentials credentials)
    : host_(std::move(host)), credentials_(std::move(credentials)) {}

TwilioStandIn::~TwilioStandIn() {
  if (http_) http_->Stop();
}

StatusOr<std::unique_ptr<TwilioStandIn>> TwilioStandIn::Start(
    const std::string& listen, StandInCredentials credentials) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos) {
    return InvalidArgument("--twilio-api-listen must be HOST:PORT");
  }
  int port = 0;
  try {
    port = std::stoi(listen.substr(colon + 1));
  } catch (...) {
    return InvalidArgument("--twilio-api-listen must be HOST:PORT");
  }
  const std::string host = listen.substr(0, colon);
  std::unique_ptr<TwilioStandIn> s(
      new TwilioStandIn(host, std::move(credentials)));
  TwilioStandIn* self = s.get();
  SC_ASSIGN_OR_RETURN(s->http_,
                      server::LocalHttpServer::Start(
                          host, port, [self](const server::HttpRequest& r) {
                            return self->Handle(r);
                          }));
  return s;
}

std::string TwilioStandIn::base_url() const {
  return "http://" + host_ + ":" + std::to_string(http_->port());
}

void TwilioStandIn::AddRecording(const std::string& account_sid,
                                 const std::string& recording_sid,
                                 std::string wav, int duration_s,
                                 int channels) {
  std::lock_guard<std::mutex> lock(mu_);
  recordings_[account_sid + "/" + recording_sid] =
      Recording{std::move(wav), duration_s, channels};
}

bool TwilioStandIn::Authorized(const server::HttpRequest& r) const {
  const StandInCredentials& c = credentials_;
  if (c.auth_token.empty() && c.api_key_secret.empty()) return true;
  auto it = r.headers.find("authorization");
  if (it == r.headers.end() || !it->second.starts_with("Basic ")) return false;
  std::vector<uint8_t> raw;
  if (!twilio::Base64Decode(std::string_view(it->second).substr(6), raw).ok()) {
    return false;
  }
  const std::string pair(raw.begin(), raw.end());
  const size_t colon = pair.find(':');
  if (colon == std::string::npos) return false;
  const std::string user = pair.substr(0, colon);
  const std::string pass = pair.substr(colon + 1);
  if (!c.auth_token.empty() && user == c.account_sid && pass == c.auth_token) {
    return true;
  }
  return !c.api_key_secret.empty() && user == c.api_key_sid &&
         pass == c.api_key_secret;
}

server::HttpResponse TwilioStandIn::Handle(const server::HttpRequest& r) {
  if (!Authorized(r)) {
    ++unauthorized_;
    server::HttpResponse e = TwilioError(401, 20003, "Authenticate");
    e.headers["WWW-Authenticate"] = "Basic realm=\"Twilio API\"";
    return e;
  }
  // /2010-04-01/Accounts/{AC}/Recordings/{RE}.{wav|json}
  constexpr std::string_view kPrefix = "/2010-04-01/Accounts/";
  std::string_view path = r.path;
  const size_t rec = path.find("/Recordings/");
  const size_t dot = path.rfind('.');
  if (r.method != "GET" || !path.starts_with(kPrefix) ||
      rec == std::string_view::npos || dot == std::string_view::npos ||
      dot < rec) {
    return TwilioError(404, 20404,
                       "The requested resource " + r.path + " was not found");
  }
  const std::string account(path.substr(kPrefix.size(), rec - kPrefix.size()));
  const size_t sid_at = rec + std::string_view("/Recordings/").size();
  const std::string sid(path.substr(sid_at, dot - sid_at));
  const std::string_view ext = path.substr(dot + 1);
  Recording found;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = recordings_.find(account + "/" + sid);
    if (it == recordings_.end()) {
      return TwilioError(404, 20404,
                         "The requested resource " + r.path + " was not found");
    }
    found = it->second;
  }
  server::HttpResponse out;
  if (ext == "wav") {
    ++downloads_;
    out.content_type = "audio/x-wav";
    out.body = std::move(found.wav);
    return out;
  }
  if (ext == "json") {
    out.body = json::serialize(json::object{
        {"sid", sid},
        {"account_sid", account},
        {"status", "completed"},
        {"channels", found.channels},
        {"duration", std::to_string(found.duration_s)},
        {"source", "DialVerb"},
        {"uri",
         "/2010-04-01/Accounts/" + account + "/Recordings/" + sid + ".json"}});
    return out;
  }
  return TwilioError(404, 20404,
                     "The requested resource " + r.path + " was not found");
}

}  // namespace sc::cli
