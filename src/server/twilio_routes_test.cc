// The Twilio webhooks and the token endpoint, driven as Twilio would: form
// bodies signed with X-Twilio-Signature over the public URL.
#include "server/twilio_routes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <vector>

#include "telephony/twilio/access_token.h"
#include "telephony/twilio/rest_wire.h"
#include "telephony/twilio/signature.h"
#include "telephony/twilio/voice_webhook.h"

namespace sc::server {
namespace {

constexpr char kToken[] = "test-auth-token";
constexpr char kBase[] = "https://copilot.example.com";
constexpr char kAccount[] = "AC00000000000000000000000000000001";
constexpr char kCall[] = "CA0123456789abcdef0123456789abcdef";
constexpr char kChild[] = "CAfedcba9876543210fedcba9876543210";
constexpr char kAliceNumber[] = "+15017122661";

using Params = twilio::FormFields;

class TwilioRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = storage::OpenStore("sqlite::memory:");
    ASSERT_TRUE(s.ok());
    store_ = std::move(s).value();
    options_.auth_token = kToken;
    options_.public_base_url = kBase;
    options_.account_sid = kAccount;
    options_.api_key_sid = "SK00000000000000000000000000000002";
    options_.api_key_secret = "key-secret-0123456789";
    options_.twiml_app_sid = "AP00000000000000000000000000000003";
    options_.admin_token = "admin-secret";
    ctx_.store = store_.get();
    ctx_.options = &options_;
    ctx_.clock = &clock_;
    ctx_.actions.end_streaming_call = [this](const std::string& sid) {
      ended_.push_back(sid);
      return true;
    };
    ctx_.actions.fetch_recording = [this](const RecordingJob& job) {
      jobs_.push_back(job);
      return true;
    };
    ASSERT_TRUE(store_->CreateTenant({"acme", "Acme", 1}).ok());
    storage::UserRecord alice;
    alice.user_id = "alice";
    alice.tenant_id = "acme";
    alice.identity = "alice_1";
    alice.permissions = {{storage::Permission::kPhoneCall, "t", 1},
                         {storage::Permission::kAiSalesCopilot, "t", 1}};
    ASSERT_TRUE(store_->CreateUser(alice).ok());
    storage::PhoneProfile phone;
    phone.user_id = "alice";
    phone.tenant_id = "acme";
    phone.phone_number = kAliceNumber;
    ASSERT_TRUE(store_->PutPhoneProfile(phone).ok());
  }

  HttpRequest Post(std::string_view path, const Params& params,
                   bool sign = true) {
    HttpRequest r;
    r.method = "POST";
    r.path = std::string(path);
    r.target = r.path;
    r.headers["content-type"] = "application/x-www-form-urlencoded";
    r.body = twilio::FormEncode(params);
    if (sign) {
      r.headers["x-twilio-signature"] = twilio::ComputeSignature(
          kToken, std::string(kBase) + r.target, params);
    }
    return r;
  }

  HttpResponse Send(const HttpRequest& r) { return RouteTwilio(r, ctx_); }

  Params Voice(const std::string& from, const std::string& to) {
    return {{"CallSid", kCall},
            {"AccountSid", kAccount},
            {"From", from},
            {"To", to},
            {"CallStatus", "ringing"},
            {"Direction", "inbound"},
            {"ApiVersion", "2010-04-01"}};
  }

  Params Status(const std::string& call, const std::string& status, int seq,
                const std::string& time) {
    Params p = {{"CallSid", call},
                {"AccountSid", kAccount},
                {"CallStatus", status},
                {"SequenceNumber", std::to_string(seq)},
                {"Timestamp", time},
                {"CallbackSource", "call-progress-events"},
                {"Direction", "outbound-dial"}};
    if (call == kChild) p.push_back({"ParentCallSid", kCall});
    if (status == "completed") p.push_back({"CallDuration", "42"});
    return p;
  }

  std::unique_ptr<storage::Store> store_;
  TwilioServerOptions options_;
  ManualClock clock_;
  TwilioRouteContext ctx_;
  std::vector<std::string> ended_;
  std::vector<RecordingJob> jobs_;
};

TEST_F(TwilioRoutesTest, UnsignedOrForgedWebhooksAre403) {
  HttpRequest unsigned_req =
      Post(twilio::kVoiceWebhookPath, Voice("client:alice_1", "+15558675310"),
           false);
  EXPECT_EQ(Send(unsigned_req).status, 403);
  HttpRequest forged =
      Post(twilio::kVoiceWebhookPath, Voice("client:alice_1", "+15558675310"));
  forged.body += "&Extra=1";  // The signature no longer covers the body.
  EXPECT_EQ(Send(forged).status, 403);
  HttpRequest wrong_key =
      Post(twilio::kStatusCallbackPath, Status(kCall, "ringing", 0, ""), false);
  wrong_key.headers["x-twilio-signature"] = twilio::ComputeSignature(
      "another-token", std::string(kBase) + wrong_key.target,
      Status(kCall, "ringing", 0, ""));
  EXPECT_EQ(Send(wrong_key).status, 403);
  EXPECT_EQ(store_->GetTwilioCall(kCall).status().code(),
            StatusCode::kNotFound);

  // Without an auth token nothing can be verified, so everything is refused.
  options_.auth_token.clear();
  EXPECT_EQ(Send(Post(twilio::kVoiceWebhookPath,
                      Voice("client:alice_1", "+15558675310")))
                .status,
            403);
  // The development switch accepts anything.
  options_.signature_check = SignatureCheck::kDisabledForDevelopment;
  EXPECT_EQ(Send(unsigned_req).status, 200);
}

TEST_F(TwilioRoutesTest, MalformedRequestsGetSpecific4xx) {
  HttpRequest bad_escape = Post(twilio::kVoiceWebhookPath, {});
  bad_escape.body = "CallSid=%G1";
  EXPECT_EQ(Send(bad_escape).status, 400);
  HttpRequest json = Post(twilio::kVoiceWebhookPath, {{"CallSid", kCall}});
  json.headers["content-type"] = "application/json";
  EXPECT_EQ(Send(json).status, 415);
  HttpRequest big = Post(twilio::kVoiceWebhookPath, {});
  big.body = std::string(options_.max_webhook_body_bytes + 1, 'a');
  EXPECT_EQ(Send(big).status, 413);
  HttpRequest get = Post(twilio::kVoiceWebhookPath, {});
  get.method = "GET";
  EXPECT_EQ(Send(get).status, 405);
  // A status callback without CallStatus: 400 naming it.
  HttpResponse missing =
      Send(Post(twilio::kStatusCallbackPath,
                {{"CallSid", kCall}, {"AccountSid", kAccount}}));
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("CallStatus"), std::string::npos) << missing.body;
  HttpResponse no_sid = Send(
      Post(twilio::kRecordingCallbackPath, {{"CallSid", kCall},
                                            {"AccountSid", kAccount},
                                            {"RecordingStatus", "completed"}}));
  EXPECT_EQ(no_sid.status, 400);
}

TEST_F(TwilioRoutesTest, BrowserCallStreamsAndDialsAndIsRecorded) {
  HttpResponse r = Send(
      Post(twilio::kVoiceWebhookPath, Voice("client:alice_1", "+15558675310")));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/xml");
  EXPECT_NE(r.body.find("<Stream url=\"wss://copilot.example.com/api/"
                        "twilio-calls/media-stream\""),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("<Parameter name=\"user_id\" value=\"alice\"/>"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("callerId=\"+15017122661\""), std::string::npos);
  EXPECT_NE(r.body.find("+15558675310</Number>"), std::string::npos);

  StatusOr<storage::TwilioCallRecord> leg = store_->GetTwilioCall(kCall);
  ASSERT_TRUE(leg.ok()) << leg.status().ToString();
  EXPECT_EQ(leg->user_id, "alice");
  EXPECT_EQ(leg->tenant_id, "acme");
  EXPECT_EQ(leg->direction, "outbound");
  EXPECT_EQ(leg->status, "ringing");
}

TEST_F(TwilioRoutesTest, UnknownNumberOrUserGetsTwimlNotAnError) {
  HttpResponse unknown = Send(
      Post(twilio::kVoiceWebhookPath, Voice("+15551230000", "+15559990000")));
  EXPECT_EQ(unknown.status, 200);
  EXPECT_NE(unknown.body.find("<Say"), std::string::npos) << unknown.body;
  EXPECT_NE(unknown.body.find("<Hangup/>"), std::string::npos);
  EXPECT_EQ(unknown.body.find("<Dial"), std::string::npos);

  HttpResponse client = Send(
      Post(twilio::kVoiceWebhookPath, Voice("client:nobody", "+15558675310")));
  EXPECT_EQ(client.status, 200);
  EXPECT_NE(client.body.find("<Hangup/>"), std::string::npos);

  HttpResponse bad_to =
      Send(Post(twilio::kVoiceWebhookPath, Voice("client:alice_1", "12")));
  EXPECT_EQ(bad_to.status, 200);
  EXPECT_NE(bad_to.body.find("<Hangup/>"), std::string::npos);

  // Revoking phone.call stops the user dialing out.
  ASSERT_TRUE(
      store_->RevokePermission("alice", storage::Permission::kPhoneCall).ok());
  HttpResponse denied = Send(
      Post(twilio::kVoiceWebhookPath, Voice("client:alice_1", "+15558675310")));
  EXPECT_EQ(denied.status, 200);
  EXPECT_EQ(denied.body.find("<Dial"), std::string::npos) << denied.body;
}

TEST_F(TwilioRoutesTest, InboundCallRingsTheBrowser) {
  HttpResponse r = Send(
      Post(twilio::kVoiceWebhookPath, Voice("+15551230000", kAliceNumber)));
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("alice_1</Client>"), std::string::npos) << r.body;
  EXPECT_EQ(store_->GetTwilioCall(kCall)->direction, "inbound");
}

// The same callbacks delivered in order, twice, shuffled and with some lost
// leave the same final state, and the call is finalized exactly once.
TEST_F(TwilioRoutesTest, StatusCallbacksToleratesReplaysReorderAndGaps) {
  const std::vector<Params> in_order = {
      Status(kCall, "initiated", 0, "Tue, 31 Aug 2010 20:36:28 +0000"),
      Status(kCall, "ringing", 1, "Tue, 31 Aug 2010 20:36:29 +0000"),
      Status(kCall, "in-progress", 2, "Tue, 31 Aug 2010 20:36:31 +0000"),
      Status(kCall, "completed", 3, "Tue, 31 Aug 2010 20:37:13 +0000")};
  auto final_state = [&](const std::vector<Params>& deliveries) {
    for (const Params& p : deliveries) {
      HttpResponse r = Send(Post(twilio::kStatusCallbackPath, p));
      EXPECT_EQ(r.status, 204) << r.body;
    }
    StatusOr<storage::TwilioCallRecord> leg = store_->GetTwilioCall(kCall);
    EXPECT_TRUE(leg.ok());
    return leg.ok() ? *leg : storage::TwilioCallRecord{};
  };
  storage::TwilioCallRecord want = final_state(in_order);
  EXPECT_EQ(want.status, "completed");
  EXPECT_EQ(want.last_sequence_number, 3);
  EXPECT_EQ(want.duration_s, 42);
  EXPECT_EQ(want.answered_unix_ms, 1283286991000);  // 20:36:31 UTC.
  EXPECT_EQ(ended_, std::vector<std::string>({kCall}));

  std::mt19937 rng(7);
  for (int round = 0; round < 6; ++round) {
    SetUp();  // A fresh store each round.
    ended_.clear();
    std::vector<Params> deliveries = in_order;
    if (round % 3 == 1)
      deliveries.insert(deliveries.end(), in_order.begin(),
                        in_order.end());                           // Twice.
    if (round % 3 == 2) deliveries.erase(deliveries.begin() + 1);  // A gap.
    std::shuffle(deliveries.begin(), deliveries.end(), rng);
    storage::TwilioCallRecord got = final_state(deliveries);
    EXPECT_EQ(got.status, want.status) << round;
    EXPECT_EQ(got.last_sequence_number, want.last_sequence_number) << round;
    EXPECT_EQ(got.duration_s, want.duration_s) << round;
    EXPECT_EQ(got.answered_unix_ms, want.answered_unix_ms) << round;
    EXPECT_EQ(got.ended_unix_ms, want.ended_unix_ms) << round;
    EXPECT_EQ(got.initiated_unix_ms, want.initiated_unix_ms) << round;
    EXPECT_EQ(ended_, std::vector<std::string>({kCall})) << round;
  }
}

TEST_F(TwilioRoutesTest, ChildLegInheritsTheParentsOwner) {
  ASSERT_EQ(Send(Post(twilio::kVoiceWebhookPath,
                      Voice("client:alice_1", "+15558675310")))
                .status,
            200);
  ASSERT_EQ(Send(Post(twilio::kStatusCallbackPath,
                      Status(kChild, "ringing", 1,
                             "Tue, 31 Aug 2010 20:36:29 +0000")))
                .status,
            204);
  StatusOr<storage::TwilioCallRecord> child = store_->GetTwilioCall(kChild);
  ASSERT_TRUE(child.ok());
  EXPECT_EQ(child->parent_call_sid, kCall);
  EXPECT_EQ(child->user_id, "alice");
  EXPECT_EQ(child->tenant_id, "acme");
  EXPECT_TRUE(ended_.empty());
}

TEST_F(TwilioRoutesTest, RecordingCallbackQueuesOneFetch) {
  ASSERT_EQ(Send(Post(twilio::kVoiceWebhookPath,
                      Voice("client:alice_1", "+15558675310")))
                .status,
            200);
  const Params rec = {
      {"AccountSid", kAccount},
      {"CallSid", kCall},
      {"RecordingSid", "RE0123456789abcdef0123456789abcdef"},
      {"RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/" +
                           std::string(kAccount) +
                           "/Recordings/RE0123456789abcdef0123456789abcdef"},
      {"RecordingStatus", "completed"},
      {"RecordingDuration", "77"},
      {"RecordingChannels", "2"},
      {"RecordingSource", "DialVerb"}};
  ASSERT_EQ(Send(Post(twilio::kRecordingCallbackPath, rec)).status, 204);
  ASSERT_EQ(jobs_.size(), 1u);
  EXPECT_EQ(jobs_[0].facts.tenant, "acme");
  EXPECT_EQ(jobs_[0].facts.call_sid, kCall);
  EXPECT_EQ(jobs_[0].facts.channels, 2);
  EXPECT_EQ(jobs_[0].facts.duration_s, 77);
  auto stored = store_->GetRecording("RE0123456789abcdef0123456789abcdef");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->status, storage::RecordingStatus::kCompleted);

  // Once the fetcher has stored it, a retried callback changes nothing.
  storage::RecordingRecord done = *stored;
  done.status = storage::RecordingStatus::kStored;
  done.local_path = "/rec/x.wav";
  ASSERT_TRUE(store_->PutRecording(done).ok());
  ASSERT_EQ(Send(Post(twilio::kRecordingCallbackPath, rec)).status, 204);
  EXPECT_EQ(jobs_.size(), 1u);
  EXPECT_EQ(store_->GetRecording(done.recording_sid)->status,
            storage::RecordingStatus::kStored);
}

TEST_F(TwilioRoutesTest, DialActionAcceptsSignedGetAndPost) {
  Params p = Voice("+15551230000", kAliceNumber);
  p.push_back({"DialCallStatus", "no-answer"});
  HttpResponse post = Send(Post(twilio::kDialActionPath, p));
  EXPECT_EQ(post.status, 200);
  EXPECT_NE(post.body.find("<Record"), std::string::npos) << post.body;

  HttpRequest get;
  get.method = "GET";
  get.path = std::string(twilio::kDialActionPath);
  get.target = get.path + "?" + twilio::FormEncode(p);
  get.headers["x-twilio-signature"] =
      twilio::ComputeSignature(kToken, std::string(kBase) + get.target, {});
  HttpResponse r = Send(get);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("<Record"), std::string::npos) << r.body;
  get.headers["x-twilio-signature"] = "forged";
  EXPECT_EQ(Send(get).status, 403);

  options_.no_answer = NoAnswer::kMessageOnly;
  HttpResponse message = Send(Post(twilio::kDialActionPath, p));
  EXPECT_EQ(message.body.find("<Record"), std::string::npos);
  EXPECT_NE(message.body.find("<Hangup/>"), std::string::npos);
}

TEST_F(TwilioRoutesTest, AccessTokenNeedsTheAdminTokenAndAPhoneUser) {
  HttpRequest r;
  r.method = "GET";
  r.path = "/api/twilio/token";
  r.target = r.path + "?user_id=alice";
  r.query = ParseQuery("user_id=alice");
  EXPECT_EQ(Send(r).status, 401);
  r.headers["authorization"] = "Bearer wrong";
  EXPECT_EQ(Send(r).status, 401);
  r.headers["authorization"] = "Bearer admin-secret";
  HttpResponse ok = Send(r);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.headers["Cache-Control"], "no-store");
  const std::string prefix = "{\"token\":\"";
  ASSERT_EQ(ok.body.rfind(prefix, 0), 0u) << ok.body;
  std::string jwt = ok.body.substr(
      prefix.size(), ok.body.find('"', prefix.size()) - prefix.size());
  StatusOr<twilio::DecodedToken> decoded =
      twilio::VerifyAccessToken(jwt, options_.api_key_secret);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_NE(decoded->payload_json.find("\"identity\":\"alice_1\""),
            std::string::npos)
      << decoded->payload_json;

  r.query = ParseQuery("user_id=nobody");
  EXPECT_EQ(Send(r).status, 404);
  r.query.clear();
  EXPECT_EQ(Send(r).status, 400);
  ASSERT_TRUE(
      store_->RevokePermission("alice", storage::Permission::kPhoneCall).ok());
  r.query = ParseQuery("user_id=alice");
  EXPECT_EQ(Send(r).status, 403);
  options_.api_key_secret.clear();
  HttpResponse unconfigured = Send(r);
  EXPECT_EQ(unconfigured.status, 503);
  EXPECT_NE(unconfigured.body.find("TWILIO_API_KEY_SECRET"), std::string::npos);
  options_.admin_token.clear();
  EXPECT_EQ(Send(r).status, 503);
}

TEST_F(TwilioRoutesTest, MediaStreamUpgradeMustBeSigned) {
  HttpRequest up;
  up.method = "GET";
  up.path = std::string(twilio::kMediaStreamPath);
  up.target = up.path;
  EXPECT_EQ(CheckMediaStreamUpgrade(up, options_).code(),
            StatusCode::kUnauthenticated);
  up.headers["x-twilio-signature"] = twilio::ComputeSignature(
      kToken, "wss://copilot.example.com" + up.target, {});
  EXPECT_TRUE(CheckMediaStreamUpgrade(up, options_).ok());
  up.headers["x-twilio-signature"] = twilio::ComputeSignature(
      "other", "wss://copilot.example.com" + up.target, {});
  EXPECT_EQ(CheckMediaStreamUpgrade(up, options_).code(),
            StatusCode::kUnauthenticated);
  options_.signature_check = SignatureCheck::kDisabledForDevelopment;
  EXPECT_TRUE(CheckMediaStreamUpgrade(up, options_).ok());
}

}  // namespace
}  // namespace sc::server
