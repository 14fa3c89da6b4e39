#include "telephony/twilio/access_token.h"

#include <gtest/gtest.h>

namespace sc::twilio {
namespace {

AccessTokenRequest Golden() {
  AccessTokenRequest r;
  r.account_sid = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  r.api_key_sid = "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  r.api_key_secret = "secretsecretsecretsecretsecret12";
  r.identity = "alice";
  r.voice.outgoing_application_sid = "APcccccccccccccccccccccccccccccccc";
  r.voice.incoming = IncomingCalls::kAllow;
  return r;
}

// The deterministic token twilio-node 6.2.0 produced for these inputs with
// Date.now fixed at 1700000000000 (TWILIO.md §5).
constexpr std::string_view kGoldenToken =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImN0eSI6InR3aWxpby1mcGE7dj0xIn0."
    "eyJqdGkiOiJTS2JiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiLTE3MDAwMDAwMDAiL"
    "CJncmFudHMiOnsiaWRlbnRpdHkiOiJhbGljZSIsInZvaWNlIjp7ImluY29taW5nIjp7ImFsbG"
    "93Ijp0cnVlfSwib3V0Z29pbmciOnsiYXBwbGljYXRpb25fc2lkIjoiQVBjY2NjY2NjY2NjY2"
    "NjY2NjY2NjY2NjY2NjY2NjY2NjYyJ9fX0sImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMD"
    "AzNjAwLCJpc3MiOiJTS2JiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiIiwic3ViIj"
    "oiQUNhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYSJ9."
    "JODZd5z9-ei79RZ9niwicT88DMNSiNnGfD9t_K8mmYA";

TEST(AccessToken, MatchesTwilioNodeByteForByte) {
  ManualClock clock(1'700'000'000'000);
  auto token = CreateAccessToken(Golden(), {}, clock);
  ASSERT_TRUE(token.ok()) << token.status().ToString();
  EXPECT_EQ(*token, kGoldenToken);
}

TEST(AccessToken, ClaimsAndVerification) {
  ManualClock clock(1'700'000'000'999);  // Floored to whole seconds.
  AccessTokenRequest req = Golden();
  req.voice.incoming = IncomingCalls::kDeny;
  req.voice.outgoing_params = {{"tenant", "t\"1"}};
  AccessTokenOptions options;
  options.ttl_seconds = 600;
  options.not_before = NotBefore::kNow;
  options.region = "ie1";
  auto token = CreateAccessToken(req, options, clock);
  ASSERT_TRUE(token.ok());
  auto decoded = VerifyAccessToken(*token, req.api_key_secret);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(
      decoded->header_json,
      R"({"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1","twr":"ie1"})");
  EXPECT_EQ(
      decoded->payload_json,
      R"({"jti":"SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-1700000000","grants":{"identity":"alice","voice":{"outgoing":{"application_sid":"APcccccccccccccccccccccccccccccccc","params":{"tenant":"t\"1"}}}},"nbf":1700000000,"iat":1700000000,"exp":1700000600,"iss":"SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","sub":"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})");
  EXPECT_EQ(VerifyAccessToken(*token, "wrong").status().code(),
            StatusCode::kUnauthenticated);
  std::string tampered = *token;
  tampered[tampered.find('.') + 5] ^= 1;
  EXPECT_FALSE(VerifyAccessToken(tampered, req.api_key_secret).ok());
  EXPECT_EQ(VerifyAccessToken("a.b", req.api_key_secret).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(AccessToken, RejectsBadInput) {
  ManualClock clock;
  auto expect_invalid = [&](AccessTokenRequest r, AccessTokenOptions o = {}) {
    auto t = CreateAccessToken(r, o, clock);
    EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
    // The secret never leaks into messages.
    EXPECT_EQ(t.status().message().find(
                  r.api_key_secret.empty() ? "\x01" : r.api_key_secret),
              std::string::npos);
  };
  AccessTokenRequest r = Golden();
  r.account_sid = "XX123";
  expect_invalid(r);
  r = Golden();
  r.api_key_sid = "AC123";
  expect_invalid(r);
  r = Golden();
  r.api_key_secret = "";
  expect_invalid(r);
  r = Golden();
  r.identity = "bob smith";
  expect_invalid(r);
  r = Golden();
  r.identity = std::string(122, 'a');
  expect_invalid(r);
  r = Golden();
  r.voice.outgoing_application_sid = "SK1";
  expect_invalid(r);
  AccessTokenOptions o;
  o.ttl_seconds = 86401;
  expect_invalid(Golden(), o);
  o.ttl_seconds = 86400;
  EXPECT_TRUE(CreateAccessToken(Golden(), o, clock).ok());
}

}  // namespace
}  // namespace sc::twilio
