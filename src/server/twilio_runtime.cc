#include "server/twilio_runtime.h"

#include "core/log.h"

namespace sc::server {

StatusOr<std::unique_ptr<TwilioRuntime>> MakeTwilioRuntime(
    const TwilioServerOptions& options, const std::string& bind_address,
    int port, storage::Store* store, const Clock* clock,
    RecordingFetcherOptions fetcher_options) {
  auto rt = std::make_unique<TwilioRuntime>();
  rt->options = options;
  TwilioServerOptions& o = rt->options;
  if (o.public_base_url.empty()) {
    o.public_base_url = "http://" + bind_address + ":" + std::to_string(port);
    LogWarn("twilio.public_url_fallback",
            {F("public_url", o.public_base_url),
             F("note",
               "SALESCOPILOT_PUBLIC_URL is not set; Twilio signatures are "
               "checked against this local address, which only works for "
               "local tools such as simulate --twilio")});
  }
  if (o.signature_check == SignatureCheck::kDisabledForDevelopment) {
    LogWarn("twilio.SIGNATURE_CHECK_DISABLED",
            {F("note",
               "X-Twilio-Signature is NOT checked: anyone can post fake "
               "webhooks and media streams to this server. Development "
               "only; never in production.")});
  } else if (o.auth_token.empty()) {
    LogWarn("twilio.auth_token_missing",
            {F("note",
               "TWILIO_AUTH_TOKEN is not set: every Twilio webhook and media "
               "stream will be refused with 403")});
  }
  const bool have_credentials =
      !o.account_sid.empty() &&
      ((!o.api_key_sid.empty() && !o.api_key_secret.empty()) ||
       !o.auth_token.empty());
  if (!have_credentials || o.recordings_dir.empty()) {
    LogInfo("twilio.recordings_not_fetched",
            {F("note",
               "recordings are fetched only with TWILIO_ACCOUNT_SID, REST "
               "credentials and a recordings directory")});
    return rt;
  }
  twilio::RestClientOptions rest;
  rest.base_url = o.rest_base_url;
  rest.account_sid = o.account_sid;
  rest.credentials =
      !o.api_key_sid.empty() && !o.api_key_secret.empty()
          ? twilio::RestCredentials::ApiKey(o.api_key_sid, o.api_key_secret)
          : twilio::RestCredentials::AuthToken(o.account_sid, o.auth_token);
  SC_ASSIGN_OR_RETURN(rt->rest, twilio::RestClient::Create(std::move(rest)));
  SC_ASSIGN_OR_RETURN(rt->recordings, twilio::OpenLocalRecordingStore(
                                          {.root_dir = o.recordings_dir}));
  rt->fetcher = std::make_unique<RecordingFetcher>(store, rt->rest.get(),
                                                   rt->recordings.get(), clock,
                                                   std::move(fetcher_options));
  LogInfo("twilio.ready",
          {F("account_sid", o.account_sid), F("public_url", o.public_base_url),
           F("rest_base_url", o.rest_base_url),
           F("recordings_dir", o.recordings_dir),
           F("signature_check", o.signature_check == SignatureCheck::kEnforce
                                    ? "enforce"
                                    : "disabled")});
  return rt;
}

}  // namespace sc::server
