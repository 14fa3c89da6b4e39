// Unit tests of the REST client's wire rules (rest_wire.h) and option
// checks. The requests themselves are compared with twilio-node's through a
// Twilio test double in tests/twilio_rest/.
#include "telephony/twilio/rest_client.h"

#include <gtest/gtest.h>

#include "telephony/twilio/rest_wire.h"
#include "telephony/twilio/signature.h"

namespace sc::twilio {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(FormEncode, MatchesTheCapturedTwilioNodeCreateRequest) {
  // TWILIO.md §6.1, captured from twilio@6.2.0.
  FormFields f = {{"To", "+15558675310"},
                  {"From", "+15017122661"},
                  {"StatusCallback", "https://example.com/status"},
                  {"StatusCallbackEvent", "initiated"},
                  {"StatusCallbackEvent", "ringing"},
                  {"StatusCallbackEvent", "answered"},
                  {"StatusCallbackEvent", "completed"},
                  {"Record", "true"},
                  {"Url", "https://example.com/twiml"}};
  EXPECT_EQ(FormEncode(f),
            "To=%2B15558675310&From=%2B15017122661&StatusCallback=https%3A%2F%"
            "2Fexample.com%2Fstatus&StatusCallbackEvent=initiated&"
            "StatusCallbackEvent=ringing&StatusCallbackEvent=answered&"
            "StatusCallbackEvent=completed&Record=true&Url=https%3A%2F%"
            "2Fexample.com%2Ftwiml");
}

TEST(FormEncode, EncodesLikeQsRfc3986) {
  // Expected output produced by qs.stringify (twilio-node's encoder).
  FormFields f = {
      {"To", "+1 555 \xC3\xA9/\xC3\xBC"},
      {"Twiml", "<Response><Say>Hi & bye (ok) *!~'</Say></Response>"},
      {"E", "a"},
      {"E", "b c"}};
  EXPECT_EQ(FormEncode(f),
            "To=%2B1%20555%20%C3%A9%2F%C3%BC&Twiml=%3CResponse%3E%3CSay%3EHi%"
            "20%26%20bye%20%28ok%29%20%2A%21~%27%3C%2FSay%3E%3C%2FResponse%3E&"
            "E=a&E=b%20c");
}

// What FormEncode writes, the webhook parser reads back unchanged.
TEST(FormEncode, RoundTripsThroughTheWebhookParser) {
  FormFields f = {{"B", "x y+z"}, {"A", ""}, {"B", "\xE2\x82\xAC"}};
  auto decoded = ParseFormUrlEncoded(FormEncode(f));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, f);
}

TEST(BasicAuthorization, IsRfc7617) {
  // TWILIO.md §6.1.
  EXPECT_EQ(
      BasicAuthorization("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "authtoken123"),
      "Basic "
      "QUNhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYTphdXRodG9rZW4xMjM=");
}

TEST(ParseHttpUrl, SplitsSchemesHostsAndPorts) {
  auto a = ParseHttpUrl("https://api.twilio.com");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->scheme, UrlScheme::kHttps);
  EXPECT_EQ(a->host, "api.twilio.com");
  EXPECT_EQ(a->port, "443");
  EXPECT_EQ(a->target, "/");
  EXPECT_EQ(a->Origin(), "https://api.twilio.com:443");

  auto b = ParseHttpUrl("HTTP://127.0.0.1:4010/2010-04-01/x?y=1");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->scheme, UrlScheme::kHttp);
  EXPECT_EQ(b->port, "4010");
  EXPECT_EQ(b->target, "/2010-04-01/x?y=1");
  EXPECT_EQ(b->ToString(), "http://127.0.0.1:4010/2010-04-01/x?y=1");

  EXPECT_FALSE(ParseHttpUrl("ftp://x").ok());
  EXPECT_FALSE(ParseHttpUrl("https://user:pw@api.twilio.com/").ok());
  EXPECT_FALSE(ParseHttpUrl("https://api.twilio.com:99999/").ok());
  EXPECT_FALSE(ParseHttpUrl("https:///path").ok());
  EXPECT_FALSE(ParseHttpUrl("https://a b/").ok());
  EXPECT_FALSE(ParseHttpUrl("https://a/#frag").ok());
}

TEST(ResolveLocation, HandlesAbsoluteSchemeRelativeAndPathForms) {
  auto base = ParseHttpUrl("https://api.twilio.com/2010-04-01/R.wav").value();
  auto abs = ResolveLocation(base, "https://media.example.com/a?sig=1");
  ASSERT_TRUE(abs.ok());
  EXPECT_EQ(abs->ToString(), "https://media.example.com/a?sig=1");
  auto rel = ResolveLocation(base, "//cdn.example.com/b");
  ASSERT_TRUE(rel.ok());
  EXPECT_EQ(rel->ToString(), "https://cdn.example.com/b");
  auto path = ResolveLocation(base, "/c");
  ASSERT_TRUE(path.ok());
  EXPECT_EQ(path->ToString(), "https://api.twilio.com/c");
}

TEST(TwilioErrors, ParseTheDocumentedBody) {
  // TWILIO.md §6.4.
  TwilioError e = ParseTwilioError(
      404,
      R"({"code": 20404, "message": "The requested resource /2010-04-01/Accounts/AC1/Calls/CA1.json was not found", "more_info": "https://www.twilio.com/docs/errors/20404", "status": 404})");
  EXPECT_EQ(e.code, 20404);
  EXPECT_EQ(e.more_info, "https://www.twilio.com/docs/errors/20404");
  Status s = TwilioErrorToStatus(e, "UpdateCall");
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.message(),
            "UpdateCall: Twilio error 20404 (HTTP 404): The requested "
            "resource /2010-04-01/Accounts/AC1/Calls/CA1.json was not found "
            "[https://www.twilio.com/docs/errors/20404]");
}

TEST(TwilioErrors, MapToStatusCodes) {
  auto code = [](int http, int twilio) {
    return TwilioErrorToStatus(TwilioError{http, twilio, "m", ""}, "op").code();
  };
  EXPECT_EQ(code(401, 20003), StatusCode::kUnauthenticated);
  EXPECT_EQ(code(401, 0), StatusCode::kUnauthenticated);
  EXPECT_EQ(code(403, 20005), StatusCode::kPermissionDenied);
  EXPECT_EQ(code(404, 20404), StatusCode::kNotFound);
  EXPECT_EQ(code(400, 21211), StatusCode::kInvalidArgument);
  EXPECT_EQ(code(400, 21205), StatusCode::kInvalidArgument);
  EXPECT_EQ(code(400, 21220), StatusCode::kFailedPrecondition);
  EXPECT_EQ(code(429, 20429), StatusCode::kResourceExhausted);
  EXPECT_EQ(code(500, 0), StatusCode::kUnavailable);
  EXPECT_EQ(code(503, 0), StatusCode::kUnavailable);
}

TEST(TwilioErrors, NonJsonBodiesStillGiveAMessage) {
  TwilioError e = ParseTwilioError(502, "<html>Bad gateway</html>");
  EXPECT_EQ(e.code, 0);
  Status s = TwilioErrorToStatus(e, "FetchRecording");
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_NE(s.message().find("not Twilio error JSON"), std::string::npos);
}

TEST(ScrubPersonalData, RemovesNumbersAndIdentitiesButKeepsSids) {
  EXPECT_EQ(ScrubPersonalData("The 'To' number +1 (555) 123-4567 is bad."),
            "The 'To' number [redacted] is bad.");
  EXPECT_EQ(ScrubPersonalData("Error 21211 at 12:30 (HTTP 400)."),
            "Error 21211 at 12:30 (HTTP 400).");
  EXPECT_EQ(ScrubPersonalData("The 'To' number +15551234567 is not a valid "
                              "phone number."),
            "The 'To' number [redacted] is not a valid phone number.");
  EXPECT_EQ(ScrubPersonalData("To 'client:alice' and sip:bob@x.com."),
            "To '[redacted]' and [redacted].");
  const std::string sid = "CA0123456789abcdef0123456789abcdef";
  EXPECT_EQ(ScrubPersonalData("Call " + sid + " not found, code 20404"),
            "Call " + sid + " not found, code 20404");
}

TEST(ScrubPersonalData, ErrorMessagesAreScrubbed) {
  TwilioError e = ParseTwilioError(
      400,
      R"({"code":21211,"message":"The 'To' number 5551234567 is not a valid phone number.","status":400})");
  EXPECT_EQ(e.message,
            "The 'To' number [redacted] is not a valid phone number.");
}

TEST(Retry, RetryableStatuses) {
  EXPECT_TRUE(IsRetryableHttpStatus(429));
  EXPECT_TRUE(IsRetryableHttpStatus(500));
  EXPECT_TRUE(IsRetryableHttpStatus(503));
  EXPECT_FALSE(IsRetryableHttpStatus(501));
  EXPECT_FALSE(IsRetryableHttpStatus(400));
  EXPECT_FALSE(IsRetryableHttpStatus(404));
}

TEST(Retry, ExponentialBackoffWithCapJitterAndRetryAfter) {
  const milliseconds init(100), max(3000);
  EXPECT_EQ(RetryDelay(1, init, max, RetryJitter::kNone, 0.5, {}),
            milliseconds(200));
  EXPECT_EQ(RetryDelay(3, init, max, RetryJitter::kNone, 0.5, {}),
            milliseconds(800));
  EXPECT_EQ(RetryDelay(10, init, max, RetryJitter::kNone, 0.5, {}), max);
  EXPECT_EQ(RetryDelay(3, init, max, RetryJitter::kFull, 0.5, {}),
            milliseconds(400));
  EXPECT_EQ(RetryDelay(3, init, max, RetryJitter::kFull, 0.0, {}),
            milliseconds(0));
  EXPECT_EQ(RetryDelay(1, init, max, RetryJitter::kNone, 0, seconds(2)),
            milliseconds(2000));
  EXPECT_EQ(RetryDelay(1, init, max, RetryJitter::kNone, 0, seconds(3600)),
            milliseconds(30000));
  EXPECT_EQ(ParseRetryAfter(" 3 "), seconds(3));
  EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"), std::nullopt);
  EXPECT_EQ(ParseRetryAfter(""), std::nullopt);
}

TEST(Sids, AreTwoLettersAnd32Hex) {
  EXPECT_TRUE(IsTwilioSid("CA0123456789abcdef0123456789ABCDEF", "CA"));
  EXPECT_FALSE(IsTwilioSid("CA0123456789abcdef0123456789ABCDE", "CA"));
  EXPECT_FALSE(IsTwilioSid("RE0123456789abcdef0123456789abcdef", "CA"));
  EXPECT_FALSE(IsTwilioSid("CA0123456789abcdef0123456789abcdeg", "CA"));
  EXPECT_FALSE(IsTwilioSid("CA../../../../etc/passwd0123456789ab", "CA"));
}

RestClientOptions ValidOptions() {
  RestClientOptions o;
  o.account_sid = "AC" + std::string(32, 'a');
  o.credentials = RestCredentials::AuthToken(o.account_sid, "token");
  return o;
}

TEST(RestClient, CreateValidatesOptions) {
  EXPECT_TRUE(RestClient::Create(ValidOptions()).ok());
  auto o = ValidOptions();
  o.base_url = "https://api.twilio.com/2010-04-01";
  EXPECT_EQ(RestClient::Create(o).status().code(),
            StatusCode::kInvalidArgument);
  o = ValidOptions();
  o.account_sid = "ACnope";
  EXPECT_EQ(RestClient::Create(o).status().code(),
            StatusCode::kInvalidArgument);
  o = ValidOptions();
  o.credentials.password.clear();
  EXPECT_EQ(RestClient::Create(o).status().code(),
            StatusCode::kInvalidArgument);
  o = ValidOptions();
  o.ca_file = "/nonexistent/ca.pem";
  EXPECT_EQ(RestClient::Create(o).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(RestClient, RejectsMalformedSidsBeforeSending) {
  // base_url points at a port nothing listens on: if a request were sent,
  // the error would be Unavailable, not InvalidArgument.
  auto o = ValidOptions();
  o.base_url = "http://127.0.0.1:1";
  o.max_retries = 0;
  auto client = RestClient::Create(o);
  ASSERT_TRUE(client.ok());
  EXPECT_EQ((*client)->HangUp("CA/../x").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ((*client)->FetchRecording("RE1").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(
      (*client)->UpdateCall("CA" + std::string(32, '0'), {}).status().code(),
      StatusCode::kInvalidArgument);
  auto refused = (*client)->HangUp("CA" + std::string(32, '0'));
  EXPECT_EQ(refused.status().code(), StatusCode::kUnavailable);
  // The secret never appears in errors.
  EXPECT_EQ(refused.status().message().find("token"), std::string::npos);
}

TEST(RestClient, RecordingUrlMustBeOnTheApiOrigin) {
  auto o = ValidOptions();
  o.base_url = "http://127.0.0.1:1";
  auto client = RestClient::Create(o);
  ASSERT_TRUE(client.ok());
  auto r = (*client)->DownloadRecordingUrl(
      "https://evil.example.com/2010-04-01/Accounts/AC1/Recordings/RE1",
      RecordingFormat::kWav);
  EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied);
}

TEST(HoldQueueName, FitsTwilioLimit) {
  const std::string sid = "CA" + std::string(32, 'f');
  EXPECT_EQ(HoldQueueName(sid), "hold-" + sid);
  EXPECT_LE(HoldQueueName(sid).size(), 64u);
}

}  // namespace
}  // namespace sc::twilio
