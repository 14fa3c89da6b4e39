// Internal to the server: the Twilio side that lives as long as the server
// (effective options, the REST client and recording store, the recording
// fetcher), set up from TwilioServerOptions at start-up. Beast-free, so
// http_server.cc only wires it to the network.
//
// Thread-safety: immutable after MakeTwilioRuntime, except the fetcher,
// which is thread-safe.
#pragma once

#include <memory>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "server/recording_fetcher.h"
#include "server/server.h"
#include "storage/store.h"
#include "telephony/twilio/recording_store.h"
#include "telephony/twilio/rest_client.h"

namespace sc::server {

struct TwilioRuntime {
  // The options with public_base_url filled in ("http://<bind>:<port>" when
  // the configuration leaves it empty).
  TwilioServerOptions options;
  // Declaration order is destruction order in reverse: the fetcher goes
  // first, while the client and store it uses still exist.
  std::unique_ptr<twilio::RestClient> rest;            // Null: not set up.
  std::unique_ptr<twilio::RecordingStore> recordings;  // Null: not set up.
  std::unique_ptr<RecordingFetcher> fetcher;  // Null without rest/recordings.
};

// Builds the runtime and logs what is on and off: a loud warning while the
// signature check is disabled, a warning when it is enforced without an
// auth token (every Twilio request will be refused) or when the public URL
// is the local fallback. Recordings are fetched only with an account SID,
// REST credentials (API key, else auth token) and a recordings directory.
// InvalidArgument for REST options Twilio's client rejects; IoError when the
// recordings directory cannot be created.
StatusOr<std::unique_ptr<TwilioRuntime>> MakeTwilioRuntime(
    const TwilioServerOptions& options, const std::string& bind_address,
    int port, storage::Store* store, const Clock* clock,
    RecordingFetcherOptions fetcher_options = {});

}  // namespace sc::server
