#include "telephony/twilio/base64.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sc::twilio {
namespace {

std::vector<uint8_t> Bytes(std::string_view s) {
  return std::vector<uint8_t>(s.begin(), s.end());
}

std::string Encode(std::string_view s) {
  std::string out;
  Base64Encode(Bytes(s), out);
  return out;
}

// RFC 4648 §10 test vectors.
TEST(Base64Test, Rfc4648Vectors) {
  const std::pair<std::string_view, std::string_view> kVectors[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : kVectors) {
    EXPECT_EQ(Encode(plain), encoded);
    EXPECT_EQ(Base64EncodedSize(plain.size()), encoded.size());
    std::vector<uint8_t> out = {1, 2, 3};  // Replaced, not appended to.
    ASSERT_TRUE(Base64Decode(encoded, out).ok()) << encoded;
    EXPECT_EQ(out, Bytes(plain));
  }
}

TEST(Base64Test, EncodeAppends) {
  std::string out = "x";
  Base64Encode(Bytes("foo"), out);
  EXPECT_EQ(out, "xZm9v");
}

TEST(Base64Test, EveryByteValueAndLengthRoundTrips) {
  std::vector<uint8_t> decoded;
  for (size_t n = 0; n <= 300; ++n) {
    std::vector<uint8_t> in(n);
    for (size_t i = 0; i < n; ++i) in[i] = static_cast<uint8_t>(i * 7 + n);
    std::string text;
    Base64Encode(in, text);
    ASSERT_TRUE(Base64Decode(text, decoded).ok()) << n;
    EXPECT_EQ(decoded, in) << n;
  }
  std::vector<uint8_t> all(256);
  for (int i = 0; i < 256; ++i) all[i] = static_cast<uint8_t>(i);
  std::string text;
  Base64Encode(all, text);
  ASSERT_TRUE(Base64Decode(text, decoded).ok());
  EXPECT_EQ(decoded, all);
}

TEST(Base64Test, TwilioStylePayloadWithPlusAndPadding) {
  // From TWILIO.md §1.3 (the doc elides the rest with "...").
  std::vector<uint8_t> out;
  ASSERT_TRUE(Base64Decode("no+JhoaJjpzS", out).ok());
  EXPECT_EQ(out, (std::vector<uint8_t>{0x9e, 0x8f, 0x89, 0x86, 0x86, 0x89, 0x8e,
                                       0x9c, 0xd2}));
}

TEST(Base64Test, RejectsNonCanonicalInput) {
  const std::string_view kBad[] = {
      "Zg",                          // Missing padding.
      "Zg=",                         // Length not a multiple of 4.
      "Z===",                        // Three pad characters.
      "====",                        // Only padding.
      "Zg==Zg==",                    // Padding before the end.
      "Zm=v",                        // '=' inside a quantum.
      "=Zm9",                        // '=' first.
      "Zm9v\n",                      // Whitespace.
      "Zm9 v",                       // Whitespace.
      " Zm9",                        // Whitespace.
      "Zm-v",                        // URL-safe alphabet.
      "Zm_v",                        // URL-safe alphabet.
      "Zh==",                        // Non-zero pad bits ("f" is "Zg==").
      "Zm9=",                        // Non-zero pad bits ("fo" is "Zm8=").
      "Zm9v\xff\xff\xff\xff",        // High bytes.
      std::string_view("Zm\0v", 4),  // NUL.
  };
  for (std::string_view text : kBad) {
    std::vector<uint8_t> out = {1};
    Status s = Base64Decode(text, out);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << text;
    EXPECT_TRUE(out.empty()) << text;
  }
}

}  // namespace
}  // namespace sc::twilio
