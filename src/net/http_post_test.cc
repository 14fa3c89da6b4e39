#include "net/http_post.h"

#include <gtest/gtest.h>

namespace sc::net {
namespace {

TEST(ParseBaseUrl, SplitsSchemeHostPortAndPath) {
  auto u = ParseBaseUrl("https://api.openai.com/v1/", "llm base_url");
  ASSERT_TRUE(u.ok());
  EXPECT_TRUE(u->tls);
  EXPECT_EQ(u->host, "api.openai.com");
  EXPECT_EQ(u->port, "443");
  EXPECT_EQ(u->path, "/v1");
  u = ParseBaseUrl("http://[::1]:9000", "x");
  ASSERT_TRUE(u.ok());
  EXPECT_FALSE(u->tls);
  EXPECT_EQ(u->host, "::1");
  EXPECT_EQ(u->port, "9000");
  EXPECT_EQ(u->path, "");
  u = ParseBaseUrl("http://localhost:11434/v1", "x");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->host, "localhost");
  EXPECT_EQ(u->port, "11434");
}

TEST(ParseBaseUrl, RejectsWhatIsNotABaseUrlNamingTheSetting) {
  for (const char* bad :
       {"ftp://host/v1", "http://user:pw@host/v1", "http://host:99999999/v1",
        "http://h:99999/v1", "http://h:0/v1", "http:///v1", "http://[::1/v1",
        "http://host:80x/v1", "http://host/v1?key=1", "host/v1"}) {
    auto u = ParseBaseUrl(bad, "speech remote base_url");
    ASSERT_FALSE(u.ok()) << bad;
    EXPECT_EQ(u.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(u.status().message().rfind("speech remote base_url", 0), 0u)
        << u.status().message();
  }
}

}  // namespace
}  // namespace sc::net
