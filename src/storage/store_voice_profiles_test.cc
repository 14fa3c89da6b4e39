// The Store contract for voice profiles (voice calibration). Through
// OpenStore and the Store interface only, so every back end in
// ContractBackends() runs it.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "storage/storage_test_util.h"
#include "storage/store.h"

namespace sc::storage {
namespace {

using ::sc::storage::testing::Backend;
using ::sc::storage::testing::ContractBackends;
using ::sc::storage::testing::TempDir;

class VoiceProfileStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    url_ = GetParam().url(dir_);
    store_ = Open();
    ASSERT_NE(store_, nullptr);
    // acme/alice and globex/bob.
    ASSERT_TRUE(store_->CreateTenant({"acme", "Acme Inc", 1}).ok());
    ASSERT_TRUE(store_->CreateTenant({"globex", "Globex", 1}).ok());
    for (auto [user, tenant] :
         {std::pair{"alice", "acme"}, std::pair{"bob", "globex"}}) {
      UserRecord u;
      u.user_id = user;
      u.tenant_id = tenant;
      u.identity = std::string(user) + "_1";
      Status s = store_->CreateUser(u);
      ASSERT_TRUE(s.ok()) << s.ToString();
    }
  }

  std::unique_ptr<Store> Open() {
    StatusOr<std::unique_ptr<Store>> store = OpenStore(url_);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(store).value() : nullptr;
  }

  static VoiceProfileRecord Profile(std::string tenant, std::string user,
                                    double wpm, int64_t created) {
    VoiceProfileRecord p;
    p.tenant_id = std::move(tenant);
    p.user_id = std::move(user);
    p.profile_json =
        "{\"version\":1,\"words_per_minute\":" + std::to_string(wpm) + "}";
    p.audio_s = 105.25;
    p.created_unix_ms = created;
    return p;
  }

  TempDir dir_;
  std::string url_;
  std::unique_ptr<Store> store_;
};

TEST_P(VoiceProfileStoreTest, PutThenGetReturnsTheLatest) {
  EXPECT_EQ(store_->GetVoiceProfile("acme", "alice").status().code(),
            StatusCode::kNotFound);
  StatusOr<int64_t> v1 =
      store_->PutVoiceProfile(Profile("acme", "alice", 150, 10));
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  EXPECT_EQ(*v1, 1);
  StatusOr<int64_t> v2 =
      store_->PutVoiceProfile(Profile("acme", "alice", 170, 20));
  ASSERT_TRUE(v2.ok()) << v2.status().ToString();
  EXPECT_EQ(*v2, 2);

  StatusOr<VoiceProfileRecord> got = store_->GetVoiceProfile("acme", "alice");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(got->tenant_id, "acme");
  EXPECT_EQ(got->user_id, "alice");
  EXPECT_EQ(got->profile_json, Profile("acme", "alice", 170, 20).profile_json);
  EXPECT_DOUBLE_EQ(got->audio_s, 105.25);
  EXPECT_EQ(got->created_unix_ms, 20);
}

TEST_P(VoiceProfileStoreTest, AnotherTenantsUserIsNotFound) {
  ASSERT_TRUE(store_->PutVoiceProfile(Profile("acme", "alice", 150, 10)).ok());
  // alice is acme's: globex can neither read nor write her profile, and the
  // answer is the same as for a user that does not exist.
  EXPECT_EQ(store_->GetVoiceProfile("globex", "alice").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(
      store_->PutVoiceProfile(Profile("globex", "alice", 1, 1)).status().code(),
      StatusCode::kNotFound);
  EXPECT_EQ(
      store_->PutVoiceProfile(Profile("acme", "nobody", 1, 1)).status().code(),
      StatusCode::kNotFound);
  EXPECT_EQ(store_->GetVoiceProfile("acme", "nobody").status().code(),
            StatusCode::kNotFound);
  // bob (globex) has none of his own.
  EXPECT_EQ(store_->GetVoiceProfile("globex", "bob").status().code(),
            StatusCode::kNotFound);
  // The refused write changed nothing.
  StatusOr<VoiceProfileRecord> got = store_->GetVoiceProfile("acme", "alice");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->version, 1);
}

TEST_P(VoiceProfileStoreTest, RejectsMalformedInput) {
  VoiceProfileRecord p = Profile("acme", "alice", 150, 10);
  p.profile_json = "[1,2]";
  EXPECT_EQ(store_->PutVoiceProfile(p).status().code(),
            StatusCode::kInvalidArgument);
  p.profile_json = "{not json";
  EXPECT_EQ(store_->PutVoiceProfile(p).status().code(),
            StatusCode::kInvalidArgument);
  p = Profile("acme", "alice", 150, 10);
  p.audio_s = -1;
  EXPECT_EQ(store_->PutVoiceProfile(p).status().code(),
            StatusCode::kInvalidArgument);
  p = Profile("acme", "al/ice", 150, 10);
  EXPECT_EQ(store_->PutVoiceProfile(p).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->GetVoiceProfile("acme", "alice").status().code(),
            StatusCode::kNotFound);
}

TEST_P(VoiceProfileStoreTest, SurvivesReopen) {
  if (!GetParam().persistent) GTEST_SKIP() << "in-memory back end";
  ASSERT_TRUE(store_->PutVoiceProfile(Profile("acme", "alice", 150, 10)).ok());
  store_.reset();
  store_ = Open();
  ASSERT_NE(store_, nullptr);
  StatusOr<VoiceProfileRecord> got = store_->GetVoiceProfile("acme", "alice");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->version, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, VoiceProfileStoreTest,
                         ::testing::ValuesIn(ContractBackends()),
                         [](const ::testing::TestParamInfo<Backend>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace sc::storage
