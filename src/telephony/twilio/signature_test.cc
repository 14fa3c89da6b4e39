#include "telephony/twilio/signature.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace sc::twilio {
namespace {

// The official vectors (TWILIO.md §4.3), read from the shared reference tree
// ($SC_SHARED_DIR, found by CMake; else beside the repository).
boost::json::value LoadVectors() {
  const char* shared = std::getenv("SC_SHARED_DIR");
  const char* source = std::getenv("SC_SOURCE_DIR");
  const std::string root =
      shared != nullptr && *shared != '\0'
          ? std::string(shared)
          : std::string(source ? source : ".") + "/../shared";
  const std::string path = root + "/reference/twilio/signature_vectors.json";
  std::ifstream in(path);
  if (!in) {
    ADD_FAILURE() << "cannot open " << path
                  << " (the Twilio reference vectors; set SC_SHARED_DIR to "
                     "the shared reference tree)";
    return {};
  }
  std::stringstream text;
  text << in.rdbuf();
  return boost::json::parse(text.str());
}

FormParams ParamsOf(const boost::json::object& params) {
  FormParams out;
  for (const auto& [key, value] : params) {
    const std::string name(key);
    if (value.is_array()) {
      for (const auto& v : value.as_array()) {
        out.emplace_back(name, std::string(v.as_string()));
      }
    } else if (value.is_null()) {
      out.emplace_back(name, "");  // Java treats null as empty.
    } else {
      out.emplace_back(name, std::string(value.as_string()));
    }
  }
  return out;
}

TEST(SignatureVectors, AllOfficialVectorsPass) {
  const boost::json::value doc = LoadVectors();
  ASSERT_TRUE(doc.is_object());
  const std::string token(doc.at("auth_token").as_string());
  const auto& vectors = doc.at("vectors").as_array();
  ASSERT_EQ(vectors.size(), 25u);
  for (const auto& item : vectors) {
    const auto& v = item.as_object();
    const std::string name(v.at("name").as_string());
    SCOPED_TRACE(name);
    const std::string url(v.at("url").as_string());
    const std::string signed_url(v.at("signed_string_url").as_string());
    const std::string signature(v.at("signature").as_string());
    if (v.contains("body")) {
      const std::string body(v.at("body").as_string());
      EXPECT_EQ(BodySha256Hex(body),
                std::string(v.at("body_sha256_hex").as_string()));
      EXPECT_EQ(ComputeSignature(token, signed_url, {}), signature);
      EXPECT_TRUE(ValidateJsonRequest(token, signature, url, body).ok());
      EXPECT_FALSE(ValidateJsonRequest(token, signature, url, body + " ").ok());
    } else {
      const FormParams params = ParamsOf(v.at("params").as_object());
      // The raw HMAC over the URL that was actually signed.
      EXPECT_EQ(ComputeSignature(token, signed_url, params), signature);
      // The validator finds that URL among the variants of the request URL.
      EXPECT_TRUE(ValidateFormRequest(token, signature, url, params).ok());
      EXPECT_FALSE(ValidateFormRequest("54321", signature, url, params).ok());
    }
  }
}

TEST(Signature, NullParamVariantOfEmptyValues) {
  // TWILIO.md §4.3 #11: null values sign as empty ones.
  const FormParams p = {
      {"Digits", ""}, {"CallSid", "CA1234567890ABCDE"}, {"NullParam", ""}};
  EXPECT_EQ(ComputeSignature("12345",
                             "https://mycompany.com/myapp.php?foo=1&bar=2", p),
            "L9lTTwIlxM1xGAtLRwhOSZggRhM=");
}

const FormParams kParams = {{"CallSid", "CA1234567890ABCDE"},
                            {"Caller", "+14158675309"},
                            {"Digits", "1234"},
                            {"From", "+14158675309"},
                            {"To", "+18005551212"}};
constexpr std::string_view kUrl = "https://mycompany.com/myapp.php?foo=1&bar=2";

TEST(Signature, UnsignedRequestIsRejected) {
  const Status s = ValidateFormRequest("12345", "", kUrl, kParams);
  EXPECT_EQ(s.code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(s.message(), "missing X-Twilio-Signature");
}

TEST(Signature, ForgedRequestsAreRejected) {
  const std::string good = ComputeSignature("12345", kUrl, kParams);
  ASSERT_TRUE(ValidateFormRequest("12345", good, kUrl, kParams).ok());
  // A changed parameter value.
  FormParams tampered = kParams;
  tampered[4].second = "+18005551213";
  EXPECT_EQ(ValidateFormRequest("12345", good, kUrl, tampered).code(),
            StatusCode::kUnauthenticated);
  // An added parameter.
  FormParams added = kParams;
  added.emplace_back("Extra", "1");
  EXPECT_FALSE(ValidateFormRequest("12345", good, kUrl, added).ok());
  // Another path, another host, http instead of https.
  EXPECT_FALSE(
      ValidateFormRequest(
          "12345", good, "https://mycompany.com/other.php?foo=1&bar=2", kParams)
          .ok());
  EXPECT_FALSE(ValidateFormRequest("12345", good,
                                   "https://evil.com/myapp.php?foo=1&bar=2",
                                   kParams)
                   .ok());
  EXPECT_FALSE(ValidateFormRequest("12345", good,
                                   "http://mycompany.com/myapp.php?foo=1&bar=2",
                                   kParams)
                   .ok());
  // A signature with one character changed, truncated, or with padding gone.
  std::string flipped = good;
  flipped[3] = flipped[3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(ValidateFormRequest("12345", flipped, kUrl, kParams).ok());
  EXPECT_FALSE(
      ValidateFormRequest("12345", good.substr(0, 27), kUrl, kParams).ok());
  // Signed with another token.
  EXPECT_FALSE(ValidateFormRequest("12345",
                                   ComputeSignature("other", kUrl, kParams),
                                   kUrl, kParams)
                   .ok());
}

TEST(Signature, JsonBodyNeedsMatchingHash) {
  const std::string body = R"({"a":1})";
  const std::string url =
      "https://example.com/hook?bodySHA256=" + BodySha256Hex(body);
  const std::string sig = ComputeSignature("tok", url, {});
  EXPECT_TRUE(ValidateJsonRequest("tok", sig, url, body).ok());
  EXPECT_EQ(ValidateJsonRequest("tok", sig, url, R"({"a":2})").message(),
            "body hash mismatch");
  // Without bodySHA256 the body is not bound: rejected.
  const std::string bare = "https://example.com/hook";
  EXPECT_EQ(
      ValidateJsonRequest("tok", ComputeSignature("tok", bare, {}), bare, body)
          .message(),
      "body hash mismatch");
}

TEST(Signature, RepeatedKeysAreDedupedAndSorted) {
  const FormParams a = {
      {"Digits", "5678"}, {"Digits", "1234"}, {"Digits", "1234"}};
  const FormParams b = {{"Digits", "1234"}, {"Digits", "5678"}};
  EXPECT_EQ(ComputeSignature("t", "https://x/", a),
            ComputeSignature("t", "https://x/", b));
}

TEST(Signature, CandidateUrls) {
  auto c = SignatureCandidateUrls("https://Host.example.com/a?x='1'");
  ASSERT_TRUE(c.ok());
  const std::vector<std::string> expected = {
      "https://Host.example.com/a?x='1'",
      "https://Host.example.com:443/a?x='1'",
      "https://host.example.com/a?x=%271%27",
      "https://host.example.com:443/a?x=%271%27",
      "https://host.example.com/a?x='1'",
      "https://host.example.com:443/a?x='1'",
  };
  EXPECT_EQ(*c, expected);
  EXPECT_EQ(SignatureCandidateUrls("no-scheme").status().code(),
            StatusCode::kInvalidArgument);
}

TEST(Signature, WebSocketUpgradeVariants) {
  // The derived vectors of TWILIO.md §4.3.
  const std::string url = "wss://example.com/media";
  EXPECT_EQ(ComputeSignature("12345", url, {}), "7PR3qMkpDyEJtMrVOY/LDyNq8J8=");
  EXPECT_EQ(ComputeSignature("12345", "wss://example.com:443/media", {}),
            "zyyJQiPZXIGCLy3HYdHEfry0yDg=");
  EXPECT_EQ(ComputeSignature("12345", "wss://example.com:80/media", {}),
            "bTK2p3+LS6H4a5yPQ8BcEFK6RPI=");
  EXPECT_TRUE(
      ValidateWebSocketUpgrade("12345", "7PR3qMkpDyEJtMrVOY/LDyNq8J8=", url)
          .ok());
  // The SDKs add ":80" for every non-https scheme, wss included.
  EXPECT_TRUE(
      ValidateWebSocketUpgrade("12345", "bTK2p3+LS6H4a5yPQ8BcEFK6RPI=", url)
          .ok());
  // wss's own default port.
  EXPECT_TRUE(
      ValidateWebSocketUpgrade("12345", "zyyJQiPZXIGCLy3HYdHEfry0yDg=", url)
          .ok());
  // Twilio signed with a trailing slash; we saw none, and the reverse.
  const std::string slash_sig =
      ComputeSignature("12345", "wss://example.com/media/", {});
  EXPECT_TRUE(ValidateWebSocketUpgrade("12345", slash_sig, url).ok());
  EXPECT_TRUE(ValidateWebSocketUpgrade("12345", "7PR3qMkpDyEJtMrVOY/LDyNq8J8=",
                                       "wss://example.com/media/")
                  .ok());
  EXPECT_FALSE(
      ValidateWebSocketUpgrade(
          "12345", ComputeSignature("12345", "wss://example.com/x", {}), url)
          .ok());
  EXPECT_EQ(ValidateWebSocketUpgrade("12345", "", url).code(),
            StatusCode::kUnauthenticated);
}

TEST(Signature, ParseFormUrlEncoded) {
  auto p = ParseFormUrlEncoded("a=1&b=x+y%2B&&c&d=%E2%82%AC&a=2&=v");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  const FormParams expected = {{"a", "1"}, {"b", "x y+"},
                               {"c", ""},  {"d", "\xE2\x82\xAC"},
                               {"a", "2"}, {"", "v"}};
  EXPECT_EQ(*p, expected);
  EXPECT_EQ(ParseFormUrlEncoded("a=%G1").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseFormUrlEncoded("a=%4").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseFormUrlEncoded("a=%FF").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_TRUE(ParseFormUrlEncoded("").ok());
}

TEST(PublicUrl, RebuildsWhatTwilioSigned) {
  EXPECT_EQ(*PublicRequestUrl("https://copilot.example.com",
                              "/api/twilio-calls/status?x=1"),
            "https://copilot.example.com/api/twilio-calls/status?x=1");
  EXPECT_EQ(*PublicRequestUrl("https://copilot.example.com/", "/a"),
            "https://copilot.example.com/a");
  EXPECT_EQ(*PublicRequestUrl("http://example.com:8443/copilot", "/a?b"),
            "http://example.com:8443/copilot/a?b");
  EXPECT_EQ(*PublicWebSocketUrl("https://copilot.example.com",
                                "/api/twilio-calls/media-stream"),
            "wss://copilot.example.com/api/twilio-calls/media-stream");
  EXPECT_EQ(*PublicWebSocketUrl("http://127.0.0.1:8080", "/m"),
            "ws://127.0.0.1:8080/m");
  EXPECT_FALSE(PublicRequestUrl("ftp://x", "/a").ok());
  EXPECT_FALSE(PublicRequestUrl("https://", "/a").ok());
  EXPECT_FALSE(PublicRequestUrl("https://u:p@x", "/a").ok());
  EXPECT_FALSE(PublicRequestUrl("https://x?q=1", "/a").ok());
  EXPECT_FALSE(PublicRequestUrl("https://x", "a").ok());
}

TEST(PublicUrl, SignatureBehindProxy) {
  // Twilio signs the public URL; the server only sees the target. The port
  // the proxy forwards to never enters the signed string.
  const FormParams form = {{"CallSid", "CA1"}, {"CallStatus", "ringing"}};
  const std::string sig = ComputeSignature(
      "tok", "https://copilot.example.com/api/twilio-calls/status", form);
  auto url = PublicRequestUrl("https://copilot.example.com",
                              "/api/twilio-calls/status");
  ASSERT_TRUE(url.ok());
  EXPECT_TRUE(ValidateFormRequest("tok", sig, *url, form).ok());
  auto internal =
      PublicRequestUrl("http://127.0.0.1:8080", "/api/twilio-calls/status");
  EXPECT_FALSE(ValidateFormRequest("tok", sig, *internal, form).ok());
}

}  // namespace
}  // namespace sc::twilio
