// The Store contract for tenants, users, permissions, phone profiles, Twilio
// call legs, recordings, per-user AI configuration and card feedback. Like
// store_test.cc it goes through OpenStore and the Store interface only, so
// every back end in ContractBackends() runs it.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "storage/storage_test_util.h"
#include "storage/store.h"

namespace sc::storage {
namespace {

using ::sc::storage::testing::Backend;
using ::sc::storage::testing::ContractBackends;
using ::sc::storage::testing::MakeCall;
using ::sc::storage::testing::TempDir;

class AccountsStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    url_ = GetParam().url(dir_);
    store_ = Open();
    ASSERT_NE(store_, nullptr);
  }

  std::unique_ptr<Store> Open() {
    StatusOr<std::unique_ptr<Store>> store = OpenStore(url_);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(store).value() : nullptr;
  }

  // A tenant "acme" with user "alice" (identity alice_1, phone.call).
  void AddAcmeAlice() {
    ASSERT_TRUE(store_->CreateTenant({"acme", "Acme Inc", 1000}).ok());
    Status s = store_->CreateUser(User("alice", "acme", "alice_1"));
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  static UserRecord User(std::string id, std::string tenant,
                         std::string identity) {
    UserRecord u;
    u.user_id = std::move(id);
    u.tenant_id = std::move(tenant);
    u.display_name = "Alice Example";
    u.identity = std::move(identity);
    u.created_unix_ms = 2000;
    u.permissions = {{Permission::kPhoneCall, "cli:admin", 2000}};
    return u;
  }

  static PhoneProfile Phone(std::string user, std::string tenant,
                            std::string number) {
    PhoneProfile p;
    p.user_id = std::move(user);
    p.tenant_id = std::move(tenant);
    p.phone_number = std::move(number);
    p.caller_id_name = "Acme Sales";
    p.voice_enabled = true;
    p.recording_enabled = false;
    p.ai_enabled = true;
    p.updated_unix_ms = 3000;
    return p;
  }

  static TwilioCallRecord Leg(std::string sid) {
    TwilioCallRecord r;
    r.call_sid = std::move(sid);
    r.account_sid = "AC1";
    r.tenant_id = "acme";
    r.user_id = "alice";
    r.direction = "outbound";
    r.from_number = "client:alice_1";
    r.to_number = "+15558675310";
    r.status = "initiated";
    r.last_sequence_number = 0;
    r.callbacks_seen = 1;
    r.last_callback_unix_ms = 90;
    r.created_unix_ms = 100;
    r.initiated_unix_ms = 100;
    return r;
  }

  static RecordingRecord Recording(std::string sid, std::string call_sid,
                                   int64_t created) {
    RecordingRecord r;
    r.recording_sid = std::move(sid);
    r.call_sid = std::move(call_sid);
    r.account_sid = "AC1";
    r.status = RecordingStatus::kCompleted;
    r.source_url =
        "https://api.twilio.com/2010-04-01/Accounts/AC1/"
        "Recordings/RE1";
    r.duration_s = 77;
    r.channels = 2;
    r.created_unix_ms = created;
    r.updated_unix_ms = created;
    return r;
  }

  static CardFeedbackRecord Feedback(std::string call, std::string card,
                                     CardAction action, int64_t wall_ms,
                                     std::string user = "alice") {
    CardFeedbackRecord f;
    f.call_sid = std::move(call);
    f.card_id = std::move(card);
    f.category = "objection";
    f.kind = "price";
    f.action = action;
    f.at_ms = wall_ms - 1000;
    f.wall_ms = wall_ms;
    f.user_id = std::move(user);
    return f;
  }

  TempDir dir_;
  std::string url_;
  std::unique_ptr<Store> store_;
};

// ---- Tenants ----------------------------------------------------------------

TEST_P(AccountsStoreTest, TenantsCreateGetList) {
  ASSERT_TRUE(store_->CreateTenant({"zeta", "", 5}).ok());
  ASSERT_TRUE(store_->CreateTenant({"acme", "Acme Inc", 7}).ok());
  StatusOr<TenantRecord> t = store_->GetTenant("acme");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->name, "Acme Inc");
  EXPECT_EQ(t->created_unix_ms, 7);
  StatusOr<std::vector<TenantRecord>> all = store_->ListTenants();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].tenant_id, "acme");
  EXPECT_EQ((*all)[1].tenant_id, "zeta");

  EXPECT_EQ(store_->CreateTenant({"acme", "Other", 9}).code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->GetTenant("acme")->name, "Acme Inc");
  EXPECT_EQ(store_->GetTenant("nope").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->CreateTenant({"", "", 0}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->CreateTenant({"a b", "", 0}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->CreateTenant({"a/b", "", 0}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->CreateTenant({"a.b", "", 0}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->CreateTenant({std::string(65, 't'), "", 0}).code(),
            StatusCode::kInvalidArgument);
}

// ---- Users and permissions --------------------------------------------------

TEST_P(AccountsStoreTest, UsersCreateGetByIdAndIdentityAndList) {
  AddAcmeAlice();
  ASSERT_TRUE(store_->CreateTenant({"globex", "", 0}).ok());
  UserRecord bob = User("bob", "globex", "bob_2");
  bob.permissions = {{Permission::kAiSalesCopilot, "alice", 10},
                     {Permission::kPhoneCall, "alice", 11}};
  ASSERT_TRUE(store_->CreateUser(bob).ok());

  StatusOr<UserRecord> alice = store_->GetUser("alice");
  ASSERT_TRUE(alice.ok()) << alice.status().ToString();
  EXPECT_EQ(alice->tenant_id, "acme");
  EXPECT_EQ(alice->display_name, "Alice Example");
  EXPECT_EQ(alice->identity, "alice_1");
  EXPECT_EQ(alice->created_unix_ms, 2000);
  ASSERT_EQ(alice->permissions.size(), 1u);
  EXPECT_EQ(alice->permissions[0].permission, Permission::kPhoneCall);
  EXPECT_EQ(alice->permissions[0].granted_by, "cli:admin");
  EXPECT_EQ(alice->permissions[0].granted_unix_ms, 2000);
  EXPECT_TRUE(alice->Has(Permission::kPhoneCall));
  EXPECT_FALSE(alice->Has(Permission::kCrmAccess));

  StatusOr<UserRecord> by_identity = store_->GetUserByIdentity("bob_2");
  ASSERT_TRUE(by_identity.ok());
  EXPECT_EQ(by_identity->user_id, "bob");
  // Grants come back in the enum's order, whatever order they were given in.
  ASSERT_EQ(by_identity->permissions.size(), 2u);
  EXPECT_EQ(by_identity->permissions[0].permission, Permission::kPhoneCall);
  EXPECT_EQ(by_identity->permissions[1].permission,
            Permission::kAiSalesCopilot);
  EXPECT_EQ(store_->GetUserByIdentity("nobody").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->GetUser("nobody").status().code(), StatusCode::kNotFound);

  StatusOr<std::vector<UserRecord>> acme = store_->ListUsers("acme");
  ASSERT_TRUE(acme.ok());
  ASSERT_EQ(acme->size(), 1u);
  EXPECT_EQ((*acme)[0].user_id, "alice");
  EXPECT_EQ((*acme)[0].permissions.size(), 1u);
  StatusOr<std::vector<UserRecord>> all = store_->ListUsers("");
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].user_id, "alice");
  EXPECT_EQ((*all)[1].user_id, "bob");
  EXPECT_TRUE(store_->ListUsers("nobody")->empty());
}

TEST_P(AccountsStoreTest, UserCreationErrorsStoreNothing) {
  AddAcmeAlice();
  EXPECT_EQ(store_->CreateUser(User("carol", "missing", "carol_1")).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->CreateUser(User("alice", "acme", "other_1")).code(),
            StatusCode::kAlreadyExists);
  Status taken = store_->CreateUser(User("carol", "acme", "alice_1"));
  EXPECT_EQ(taken.code(), StatusCode::kAlreadyExists) << taken.ToString();
  EXPECT_EQ(store_->CreateUser(User("carol", "acme", "bad-identity")).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->CreateUser(User("carol", "acme", "")).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(
      store_->CreateUser(User("carol", "acme", std::string(122, 'a'))).code(),
      StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->CreateUser(User("", "acme", "carol_1")).code(),
            StatusCode::kInvalidArgument);
  UserRecord twice = User("carol", "acme", "carol_1");
  twice.permissions.push_back({Permission::kPhoneCall, "x", 1});
  EXPECT_EQ(store_->CreateUser(twice).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->GetUser("carol").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->ListUsers("")->size(), 1u);
}

TEST_P(AccountsStoreTest, GrantAndRevokePermissions) {
  AddAcmeAlice();
  ASSERT_TRUE(
      store_
          ->GrantPermission("alice", {Permission::kPhoneMonitor, "boss", 5000})
          .ok());
  // Granting again keeps the first grant's author and time.
  ASSERT_TRUE(
      store_->GrantPermission("alice", {Permission::kPhoneCall, "other", 9})
          .ok());
  StatusOr<UserRecord> u = store_->GetUser("alice");
  ASSERT_TRUE(u.ok());
  ASSERT_EQ(u->permissions.size(), 2u);
  EXPECT_EQ(u->permissions[0].permission, Permission::kPhoneCall);
  EXPECT_EQ(u->permissions[0].granted_by, "cli:admin");
  EXPECT_EQ(u->permissions[1].permission, Permission::kPhoneMonitor);
  EXPECT_EQ(u->permissions[1].granted_by, "boss");
  EXPECT_EQ(u->permissions[1].granted_unix_ms, 5000);

  ASSERT_TRUE(store_->RevokePermission("alice", Permission::kPhoneCall).ok());
  ASSERT_TRUE(store_->RevokePermission("alice", Permission::kCrmAccess).ok());
  u = store_->GetUser("alice");
  ASSERT_EQ(u->permissions.size(), 1u);
  EXPECT_FALSE(u->Has(Permission::kPhoneCall));
  EXPECT_TRUE(u->Has(Permission::kPhoneMonitor));

  EXPECT_EQ(store_->GrantPermission("nobody", {Permission::kPhoneCall, "x", 1})
                .code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->RevokePermission("nobody", Permission::kPhoneCall).code(),
            StatusCode::kNotFound);
}

// ---- Phone profiles ---------------------------------------------------------

TEST_P(AccountsStoreTest, PhoneProfilesPutGetListDelete) {
  AddAcmeAlice();
  ASSERT_TRUE(store_->CreateUser(User("bob", "acme", "bob_2")).ok());
  Status s = store_->PutPhoneProfile(Phone("alice", "acme", "+15017122661"));
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_TRUE(
      store_->PutPhoneProfile(Phone("bob", "acme", "+442071838750")).ok());

  StatusOr<PhoneProfile> p = store_->GetPhoneProfile("alice");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->tenant_id, "acme");
  EXPECT_EQ(p->phone_number, "+15017122661");
  EXPECT_EQ(p->caller_id_name, "Acme Sales");
  EXPECT_TRUE(p->voice_enabled);
  EXPECT_FALSE(p->recording_enabled);
  EXPECT_TRUE(p->ai_enabled);
  EXPECT_EQ(p->updated_unix_ms, 3000);

  StatusOr<PhoneProfile> by_number =
      store_->GetPhoneProfileByNumber("+442071838750");
  ASSERT_TRUE(by_number.ok());
  EXPECT_EQ(by_number->user_id, "bob");
  EXPECT_EQ(store_->GetPhoneProfileByNumber("+15550000000").status().code(),
            StatusCode::kNotFound);

  // Replacing a profile changes its number and switches in place.
  PhoneProfile changed = Phone("alice", "acme", "+15017122662");
  changed.voice_enabled = false;
  changed.ai_enabled = false;
  changed.recording_enabled = true;
  ASSERT_TRUE(store_->PutPhoneProfile(changed).ok());
  p = store_->GetPhoneProfile("alice");
  EXPECT_EQ(p->phone_number, "+15017122662");
  EXPECT_FALSE(p->voice_enabled);
  EXPECT_FALSE(p->ai_enabled);
  EXPECT_TRUE(p->recording_enabled);
  EXPECT_EQ(store_->GetPhoneProfileByNumber("+15017122661").status().code(),
            StatusCode::kNotFound);

  StatusOr<std::vector<PhoneProfile>> list = store_->ListPhoneProfiles("acme");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].user_id, "alice");
  EXPECT_EQ((*list)[1].user_id, "bob");
  EXPECT_EQ(store_->ListPhoneProfiles("")->size(), 2u);
  EXPECT_TRUE(store_->ListPhoneProfiles("other")->empty());

  ASSERT_TRUE(store_->DeletePhoneProfile("bob").ok());
  EXPECT_EQ(store_->DeletePhoneProfile("bob").code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetPhoneProfile("bob").status().code(),
            StatusCode::kNotFound);
  // The number is free again.
  EXPECT_TRUE(
      store_->PutPhoneProfile(Phone("alice", "acme", "+442071838750")).ok());
}

TEST_P(AccountsStoreTest, PhoneProfileErrors) {
  AddAcmeAlice();
  ASSERT_TRUE(store_->CreateTenant({"globex", "", 0}).ok());
  ASSERT_TRUE(store_->CreateUser(User("bob", "acme", "bob_2")).ok());
  ASSERT_TRUE(
      store_->PutPhoneProfile(Phone("alice", "acme", "+15017122661")).ok());

  Status taken = store_->PutPhoneProfile(Phone("bob", "acme", "+15017122661"));
  EXPECT_EQ(taken.code(), StatusCode::kAlreadyExists) << taken.ToString();
  // Phone numbers are personal data: errors never quote them.
  EXPECT_EQ(taken.message().find("5017122661"), std::string::npos)
      << taken.ToString();
  EXPECT_EQ(
      store_->PutPhoneProfile(Phone("nobody", "acme", "+15017122663")).code(),
      StatusCode::kNotFound);
  EXPECT_EQ(
      store_->PutPhoneProfile(Phone("bob", "globex", "+15017122663")).code(),
      StatusCode::kFailedPrecondition);
  for (const char* bad : {"", "15017122661", "+", "+0123", "+1 501 712",
                          "+1234567890123456", "+1-501"}) {
    Status s = store_->PutPhoneProfile(Phone("bob", "acme", bad));
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_EQ(store_->GetPhoneProfile("bob").status().code(),
            StatusCode::kNotFound);
}

// ---- Twilio call legs -------------------------------------------------------

TEST_P(AccountsStoreTest, TwilioCallCreateGetAndCompareAndSet) {
  ASSERT_TRUE(store_->CreateTwilioCall(Leg("CA1")).ok());
  StatusOr<TwilioCallRecord> got = store_->GetTwilioCall("CA1");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->version, 1);
  EXPECT_EQ(got->status, "initiated");
  EXPECT_EQ(got->from_number, "client:alice_1");
  EXPECT_EQ(got->to_number, "+15558675310");
  EXPECT_EQ(got->user_id, "alice");
  EXPECT_EQ(got->direction, "outbound");
  EXPECT_EQ(got->last_sequence_number, 0);
  EXPECT_EQ(got->initiated_unix_ms, 100);
  EXPECT_EQ(got->ringing_unix_ms, 0);
  EXPECT_EQ(got->callbacks_seen, 1);
  EXPECT_EQ(got->last_callback_unix_ms, 90);
  EXPECT_EQ(got->duration_s, -1);

  TwilioCallRecord next = *got;
  next.status = "completed";
  next.last_sequence_number = 3;
  next.answered_unix_ms = 200;
  next.ended_unix_ms = 900;
  next.duration_s = 7;
  next.callbacks_seen = 4;
  next.last_callback_unix_ms = 880;
  StatusOr<int64_t> v = store_->UpdateTwilioCall(next);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(*v, 2);

  // A second writer holding version 1 loses and must re-read.
  TwilioCallRecord stale = *got;
  stale.status = "ringing";
  StatusOr<int64_t> lost = store_->UpdateTwilioCall(stale);
  EXPECT_EQ(lost.status().code(), StatusCode::kFailedPrecondition);

  got = store_->GetTwilioCall("CA1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(got->status, "completed");
  EXPECT_EQ(got->last_sequence_number, 3);
  EXPECT_EQ(got->answered_unix_ms, 200);
  EXPECT_EQ(got->ended_unix_ms, 900);
  EXPECT_EQ(got->duration_s, 7);
  EXPECT_EQ(got->callbacks_seen, 4);
  EXPECT_EQ(got->last_callback_unix_ms, 880);
}

TEST_P(AccountsStoreTest, TwilioCallErrors) {
  ASSERT_TRUE(store_->CreateTwilioCall(Leg("CA1")).ok());
  EXPECT_EQ(store_->CreateTwilioCall(Leg("CA1")).code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->CreateTwilioCall(Leg("")).code(),
            StatusCode::kInvalidArgument);
  TwilioCallRecord bad_status = Leg("CA2");
  bad_status.status = "answered";  // A callback event name, not a status.
  EXPECT_EQ(store_->CreateTwilioCall(bad_status).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->GetTwilioCall("CA2").status().code(),
            StatusCode::kNotFound);
  TwilioCallRecord missing = Leg("CA3");
  missing.version = 1;
  EXPECT_EQ(store_->UpdateTwilioCall(missing).status().code(),
            StatusCode::kNotFound);
  TwilioCallRecord update = *store_->GetTwilioCall("CA1");
  update.status = "bogus";
  EXPECT_EQ(store_->UpdateTwilioCall(update).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->GetTwilioCall("CA1")->status, "initiated");
}

// ---- Recordings -------------------------------------------------------------

TEST_P(AccountsStoreTest, RecordingsPutGetListReplace) {
  EXPECT_TRUE(store_->ListRecordings("CA1")->empty());
  // The call itself need not be stored.
  ASSERT_TRUE(store_->PutRecording(Recording("RE2", "CA1", 200)).ok());
  ASSERT_TRUE(store_->PutRecording(Recording("RE1", "CA1", 100)).ok());
  ASSERT_TRUE(store_->PutRecording(Recording("RE9", "CA9", 50)).ok());

  StatusOr<RecordingRecord> r = store_->GetRecording("RE1");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->call_sid, "CA1");
  EXPECT_EQ(r->status, RecordingStatus::kCompleted);
  EXPECT_EQ(r->duration_s, 77);
  EXPECT_EQ(r->channels, 2);
  EXPECT_TRUE(r->local_path.empty());

  // Fetched: replaced in place; the creation time stays.
  RecordingRecord stored = Recording("RE1", "CA1", 999);
  stored.status = RecordingStatus::kStored;
  stored.local_path = "/data/recordings/RE1.wav";
  ASSERT_TRUE(store_->PutRecording(stored).ok());
  r = store_->GetRecording("RE1");
  EXPECT_EQ(r->status, RecordingStatus::kStored);
  EXPECT_EQ(r->local_path, "/data/recordings/RE1.wav");
  EXPECT_EQ(r->created_unix_ms, 100);
  EXPECT_EQ(r->updated_unix_ms, 999);

  RecordingRecord failed = Recording("RE2", "CA1", 300);
  failed.status = RecordingStatus::kFailed;
  failed.error = "Unavailable: media host unreachable";
  ASSERT_TRUE(store_->PutRecording(failed).ok());

  StatusOr<std::vector<RecordingRecord>> list = store_->ListRecordings("CA1");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].recording_sid, "RE1");
  EXPECT_EQ((*list)[1].recording_sid, "RE2");
  EXPECT_EQ((*list)[1].status, RecordingStatus::kFailed);
  EXPECT_EQ((*list)[1].error, "Unavailable: media host unreachable");

  EXPECT_EQ(store_->GetRecording("RE404").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->PutRecording(Recording("", "CA1", 1)).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->PutRecording(Recording("RE3", "", 1)).code(),
            StatusCode::kInvalidArgument);
}

TEST(RecordingStatusTest, NamesRoundTrip) {
  for (RecordingStatus s :
       {RecordingStatus::kInProgress, RecordingStatus::kCompleted,
        RecordingStatus::kAbsent, RecordingStatus::kStored,
        RecordingStatus::kFailed}) {
    EXPECT_EQ(ParseRecordingStatus(RecordingStatusName(s)), s);
  }
  EXPECT_STREQ(RecordingStatusName(RecordingStatus::kInProgress),
               "in-progress");
  EXPECT_EQ(ParseRecordingStatus("Completed"), std::nullopt);
}

// ---- AI configuration -------------------------------------------------------

TEST_P(AccountsStoreTest, AiConfigPutGetReplace) {
  EXPECT_EQ(store_->GetAiConfig("alice").status().code(),
            StatusCode::kNotFound);
  ASSERT_TRUE(
      store_->PutAiConfig({"alice", R"({"sales_style":"consultative"})", 10})
          .ok());
  ASSERT_TRUE(
      store_->PutAiConfig({"alice", R"({"quiet_mode":true})", 20}).ok());
  StatusOr<AiConfigRecord> c = store_->GetAiConfig("alice");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->user_id, "alice");
  EXPECT_EQ(c->config_json, R"({"quiet_mode":true})");
  EXPECT_EQ(c->updated_unix_ms, 20);

  for (const char* bad : {"", "{broken", "[1,2]", "\"text\"", "42"}) {
    EXPECT_EQ(store_->PutAiConfig({"alice", bad, 30}).code(),
              StatusCode::kInvalidArgument)
        << bad;
  }
  EXPECT_EQ(store_->PutAiConfig({"", "{}", 30}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->GetAiConfig("alice")->updated_unix_ms, 20);
}

// ---- Card feedback ----------------------------------------------------------

TEST_P(AccountsStoreTest, CardFeedbackInsertAndList) {
  ASSERT_TRUE(store_->CreateCall(MakeCall("CA1")).ok());
  ASSERT_TRUE(store_->CreateCall(MakeCall("CA2")).ok());
  ASSERT_TRUE(
      store_->InsertCardFeedback(Feedback("CA1", "c1", CardAction::kUsed, 5000))
          .ok());
  ASSERT_TRUE(store_
                  ->InsertCardFeedback(
                      Feedback("CA1", "c2", CardAction::kDismissed, 4000))
                  .ok());
  // Dismissed, then used after all: both are kept.
  ASSERT_TRUE(
      store_->InsertCardFeedback(Feedback("CA1", "c2", CardAction::kUsed, 6000))
          .ok());
  ASSERT_TRUE(store_
                  ->InsertCardFeedback(
                      Feedback("CA2", "c1", CardAction::kUsed, 7000, "bob"))
                  .ok());

  StatusOr<std::vector<CardFeedbackRecord>> call =
      store_->ListCardFeedbackForCall("CA1");
  ASSERT_TRUE(call.ok()) << call.status().ToString();
  ASSERT_EQ(call->size(), 3u);
  EXPECT_EQ((*call)[0].card_id, "c1");
  EXPECT_EQ((*call)[0].category, "objection");
  EXPECT_EQ((*call)[0].kind, "price");
  EXPECT_EQ((*call)[0].action, CardAction::kUsed);
  EXPECT_EQ((*call)[0].at_ms, 4000);
  EXPECT_EQ((*call)[0].wall_ms, 5000);
  EXPECT_EQ((*call)[0].user_id, "alice");
  EXPECT_EQ((*call)[1].action, CardAction::kDismissed);
  EXPECT_EQ((*call)[2].card_id, "c2");
  EXPECT_EQ((*call)[2].action, CardAction::kUsed);

  StatusOr<std::vector<CardFeedbackRecord>> user =
      store_->ListCardFeedbackForUser("alice");
  ASSERT_TRUE(user.ok());
  ASSERT_EQ(user->size(), 3u);
  EXPECT_EQ((*user)[0].wall_ms, 6000);  // Newest first.
  EXPECT_EQ((*user)[1].wall_ms, 5000);
  EXPECT_EQ((*user)[2].wall_ms, 4000);
  StatusOr<std::vector<CardFeedbackRecord>> one =
      store_->ListCardFeedbackForUser("alice", 1);
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].wall_ms, 6000);
  EXPECT_EQ(store_->ListCardFeedbackForUser("bob")->size(), 1u);
  EXPECT_TRUE(store_->ListCardFeedbackForUser("nobody")->empty());
  EXPECT_EQ(store_->ListCardFeedbackForUser("alice", 0).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_P(AccountsStoreTest, CardFeedbackErrors) {
  ASSERT_TRUE(store_->CreateCall(MakeCall("CA1")).ok());
  ASSERT_TRUE(
      store_->InsertCardFeedback(Feedback("CA1", "c1", CardAction::kUsed, 1))
          .ok());
  EXPECT_EQ(
      store_->InsertCardFeedback(Feedback("CA1", "c1", CardAction::kUsed, 2))
          .code(),
      StatusCode::kAlreadyExists);
  EXPECT_EQ(
      store_->InsertCardFeedback(Feedback("CA9", "c1", CardAction::kUsed, 2))
          .code(),
      StatusCode::kNotFound);
  EXPECT_EQ(
      store_->InsertCardFeedback(Feedback("CA1", "", CardAction::kUsed, 2))
          .code(),
      StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->ListCardFeedbackForCall("CA9").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->ListCardFeedbackForCall("CA1")->size(), 1u);
}

TEST(CardActionTest, NamesRoundTrip) {
  EXPECT_EQ(ParseCardAction(CardActionName(CardAction::kUsed)),
            CardAction::kUsed);
  EXPECT_EQ(ParseCardAction(CardActionName(CardAction::kDismissed)),
            CardAction::kDismissed);
  EXPECT_EQ(ParseCardAction("Used"), std::nullopt);
}

// ---- Persistence ------------------------------------------------------------

TEST_P(AccountsStoreTest, ReopenFindsEverything) {
  if (!GetParam().persistent) GTEST_SKIP() << "back end is not persistent";
  AddAcmeAlice();
  ASSERT_TRUE(
      store_->PutPhoneProfile(Phone("alice", "acme", "+15017122661")).ok());
  ASSERT_TRUE(store_->CreateTwilioCall(Leg("CA1")).ok());
  ASSERT_TRUE(store_->PutRecording(Recording("RE1", "CA1", 1)).ok());
  ASSERT_TRUE(store_->PutAiConfig({"alice", "{}", 1}).ok());
  ASSERT_TRUE(store_->CreateCall(MakeCall("CA1")).ok());
  ASSERT_TRUE(
      store_->InsertCardFeedback(Feedback("CA1", "c1", CardAction::kUsed, 1))
          .ok());
  store_.reset();
  store_ = Open();
  ASSERT_NE(store_, nullptr);
  EXPECT_TRUE(store_->GetUser("alice")->Has(Permission::kPhoneCall));
  EXPECT_EQ(store_->GetPhoneProfileByNumber("+15017122661")->user_id, "alice");
  EXPECT_EQ(store_->GetTwilioCall("CA1")->version, 1);
  EXPECT_EQ(store_->GetRecording("RE1")->call_sid, "CA1");
  EXPECT_EQ(store_->GetAiConfig("alice")->config_json, "{}");
  EXPECT_EQ(store_->ListCardFeedbackForCall("CA1")->size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountsStoreTest,
                         ::testing::ValuesIn(ContractBackends()),
                         [](const ::testing::TestParamInfo<Backend>& info) {
                           return std::string(info.param.name);
                         });

// ---- Names and validation, independent of any back end ----------------------

TEST(PermissionTest, NamesRoundTrip) {
  for (Permission p : {Permission::kPhoneCall, Permission::kPhoneMonitor,
                       Permission::kCrmAccess, Permission::kAiSalesCopilot}) {
    EXPECT_EQ(ParsePermission(PermissionName(p)), p);
  }
  EXPECT_STREQ(PermissionName(Permission::kAiSalesCopilot), "ai.sales-copilot");
  EXPECT_EQ(ParsePermission("phone.Call"), std::nullopt);
  EXPECT_EQ(ParsePermission(""), std::nullopt);
}

TEST(ValidationTest, IdsIdentitiesAndNumbers) {
  EXPECT_TRUE(ValidateId("user_id", "alice.smith@acme-1_x").ok());
  EXPECT_FALSE(ValidateId("user_id", "").ok());
  EXPECT_FALSE(ValidateId("user_id", std::string(129, 'a')).ok());
  EXPECT_FALSE(ValidateId("user_id", "a b").ok());
  EXPECT_FALSE(ValidateId("user_id", "a/b").ok());
  EXPECT_TRUE(ValidateTenantId("acme-1_x").ok());
  EXPECT_FALSE(ValidateTenantId("acme.com").ok());
  EXPECT_TRUE(ValidateIdentity("alice_1").ok());
  EXPECT_TRUE(ValidateIdentity(std::string(121, 'a')).ok());
  EXPECT_FALSE(ValidateIdentity("alice.1").ok());
  EXPECT_TRUE(ValidateE164("+15017122661").ok());
  EXPECT_TRUE(ValidateE164("+44").ok());
  EXPECT_TRUE(ValidateE164("+123456789012345").ok());
  EXPECT_FALSE(ValidateE164("+1234567890123456").ok());
  EXPECT_FALSE(ValidateE164("+05017122661").ok());
  EXPECT_FALSE(ValidateE164("5017122661").ok());
  Status s = ValidateE164("+1501712266x");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.message().find("1501712266"), std::string::npos);
}

}  // namespace
}  // namespace sc::storage
