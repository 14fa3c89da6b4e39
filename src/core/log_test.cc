#include "core/log.h"

#include <gtest/gtest.h>

#include <string>

namespace sc {
namespace {

class LogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SetLogSink([this](std::string_view line) { out_ += line; });
  }
  void TearDown() override {
    SetLogSink(nullptr);
    SetLogOptions(LogOptions{});
  }
  std::string out_;
};

TEST_F(LogTest, PersonalDataIsRedactedByDefault) {
  LogInfo("transcript.final",
          {F("call", "CA1"), Pii("text", "my card is 4111"), F("n", 3)});
  EXPECT_NE(out_.find("\"event\":\"transcript.final\""), std::string::npos);
  EXPECT_NE(out_.find("\"call\":\"CA1\""), std::string::npos);
  EXPECT_NE(out_.find("\"text\":\"[redacted]\""), std::string::npos);
  EXPECT_EQ(out_.find("4111"), std::string::npos);
  EXPECT_NE(out_.find("\"n\":3"), std::string::npos);
}

TEST_F(LogTest, PiiShownOnlyWhenExplicitlyEnabled) {
  SetLogOptions({.min_level = LogLevel::kInfo, .redact_pii = false});
  LogInfo("x", {Pii("phone", "+15550001")});
  EXPECT_NE(out_.find("+15550001"), std::string::npos);
}

TEST_F(LogTest, EscapesAndFiltersLevel) {
  LogDebug("hidden");
  EXPECT_TRUE(out_.empty());
  LogWarn("quote", {F("v", "a\"b\n")});
  EXPECT_NE(out_.find("a\\\"b\\n"), std::string::npos);
}

}  // namespace
}  // namespace sc
