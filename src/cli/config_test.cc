#include "cli/config.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace sc::cli {
namespace {

struct ConfigTest : ::testing::Test {
  void TearDown() override {
    for (const char* v : {"SALESCOPILOT_PORT", "SALESCOPILOT_DATA",
                          "SALESCOPILOT_CONFIG", "SALESCOPILOT_LOG_LEVEL"}) {
      unsetenv(v);
    }
  }
  std::string Write(const std::string& text) {
    auto p = std::filesystem::temp_directory_path() /
             ("sc-config-" + std::to_string(::getpid()) + ".toml");
    std::ofstream(p) << text;
    return p.string();
  }
};

TEST_F(ConfigTest, DefaultsFileThenEnvironment) {
  std::string path =
      Write("[server]\nport = 9000\n[storage]\ndata_dir = \"/tmp/x\"\n");
  auto c = LoadConfig(path);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->server.port, 9000);
  EXPECT_EQ(c->DatabaseUrl(), "sqlite:/tmp/x/salescopilot.db");
  setenv("SALESCOPILOT_PORT", "9100", 1);
  auto c2 = LoadConfig(path);
  EXPECT_EQ(c2->server.port, 9100);
}

TEST_F(ConfigTest, ClearErrors) {
  setenv("SALESCOPILOT_PORT", "eighty", 1);
  auto c = LoadConfig("");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("SALESCOPILOT_PORT"), std::string::npos);
  unsetenv("SALESCOPILOT_PORT");
  auto bad = LoadConfig(Write("[server\nport=1"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("config"), std::string::npos);
  setenv("SALESCOPILOT_LOG_LEVEL", "loud", 1);
  EXPECT_FALSE(LoadConfig("").ok());
}

}  // namespace
}  // namespace sc::cli
