// The Store contract, tested only through OpenStore and the Store interface,
// so every back end runs the same suite (ContractBackends in
// storage_test_util.h). Calls and events are here; accounts, phone profiles,
// Twilio legs, recordings, AI configuration and card feedback are in
// store_accounts_test.cc.
#include "storage/store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "storage/storage_test_util.h"

namespace sc::storage {
namespace {

using ::sc::storage::testing::Backend;
using ::sc::storage::testing::ContractBackends;
using ::sc::storage::testing::MakeCall;
using ::sc::storage::testing::MakeEvent;
using ::sc::storage::testing::TempDir;

class StoreTest : public ::testing::TestWithParam<Backend> {
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

  std::vector<int64_t> Seqs(const std::string& call_sid) {
    StatusOr<std::vector<StoredEvent>> events = store_->ListEvents(call_sid);
    EXPECT_TRUE(events.ok()) << events.status().ToString();
    std::vector<int64_t> seqs;
    if (events.ok()) {
      for (const StoredEvent& e : *events) seqs.push_back(e.seq);
    }
    return seqs;
  }

  int64_t LastSeq(const std::string& call_sid) {
    StatusOr<CallRecord> call = store_->GetCall(call_sid);
    EXPECT_TRUE(call.ok()) << call.status().ToString();
    return call.ok() ? call->last_seq : -1;
  }

  TempDir dir_;
  std::string url_;
  std::unique_ptr<Store> store_;
};

void ExpectSameCall(const CallRecord& a, const CallRecord& b) {
  EXPECT_EQ(a.call_sid, b.call_sid);
  EXPECT_EQ(a.tenant_id, b.tenant_id);
  EXPECT_EQ(a.stream_sid, b.stream_sid);
  EXPECT_EQ(a.account_sid, b.account_sid);
  EXPECT_EQ(a.direction, b.direction);
  EXPECT_EQ(a.source, b.source);
  EXPECT_EQ(a.agent_id, b.agent_id);
  EXPECT_EQ(a.custom_parameters_json, b.custom_parameters_json);
  EXPECT_EQ(a.state, b.state);
  EXPECT_EQ(a.started_unix_ms, b.started_unix_ms);
  EXPECT_EQ(a.ended_unix_ms, b.ended_unix_ms);
  EXPECT_EQ(a.duration_ms, b.duration_ms);
  EXPECT_EQ(a.end_reason, b.end_reason);
  EXPECT_EQ(a.stats_json, b.stats_json);
  EXPECT_EQ(a.analysis_json, b.analysis_json);
  EXPECT_EQ(a.last_seq, b.last_seq);
}

TEST_P(StoreTest, CreateGetAndList) {
  CallRecord call = MakeCall("CA1");
  call.last_seq = 42;  // Ignored: a new call has no events.
  ASSERT_TRUE(store_->CreateCall(call).ok());

  StatusOr<CallRecord> got = store_->GetCall("CA1");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  call.last_seq = 0;
  ExpectSameCall(*got, call);

  StatusOr<std::vector<CallRecord>> all = store_->ListCalls({});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 1u);
  ExpectSameCall((*all)[0], call);
}

TEST_P(StoreTest, UnknownCallIsNotFound) {
  EXPECT_EQ(store_->GetCall("nope").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->ListEvents("nope").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->AppendEvent(MakeEvent("nope", 1)).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->SetAnalysis("nope", "{}").code(), StatusCode::kNotFound);
  EXPECT_EQ(
      store_->FinishCall("nope", CallState::kCompleted, 1, 1, "stop", "{}")
          .code(),
      StatusCode::kNotFound);
}

TEST_P(StoreTest, DuplicateCallIsAlreadyExistsAndKeepsTheFirst) {
  ASSERT_TRUE(store_->CreateCall(MakeCall("CA1", 1000)).ok());
  Status again = store_->CreateCall(MakeCall("CA1", 2000));
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists) << again.ToString();
  EXPECT_EQ(store_->GetCall("CA1")->started_unix_ms, 1000);
}

TEST_P(StoreTest, MalformedCallIsInvalidArgument) {
  EXPECT_EQ(store_->CreateCall(MakeCall("")).code(),
            StatusCode::kInvalidArgument);
  CallRecord no_tenant = MakeCall("CA1");
  no_tenant.tenant_id.clear();
  EXPECT_EQ(store_->CreateCall(no_tenant).code(), StatusCode::kInvalidArgument);
  CallRecord bad_json = MakeCall("CA2");
  bad_json.custom_parameters_json = "{not json";
  EXPECT_EQ(store_->CreateCall(bad_json).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->ListCalls({})->size(), 0u);
}

TEST_P(StoreTest, AppendInOrderAndReadBack) {
  ASSERT_TRUE(store_->CreateCall(MakeCall("CA1")).ok());
  for (int64_t seq = 1; seq <= 5; ++seq) {
    Status s = store_->AppendEvent(MakeEvent("CA1", seq));
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  EXPECT_EQ(LastSeq("CA1"), 5);

  StatusOr<std::vector<StoredEvent>> events = store_->ListEvents("CA1");
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  ASSERT_EQ(events->size(), 5u);
  const StoredEvent want = MakeEvent("CA1", 3);
  const StoredEvent& got = (*events)[2];
  EXPECT_EQ(got.call_sid, want.call_sid);
  EXPECT_EQ(got.seq, want.seq);
  EXPECT_EQ(got.type, want.type);
  EXPECT_EQ(got.at_ms, want.at_ms);
  EXPECT_EQ(got.wall_ms, want.wall_ms);
  EXPECT_EQ(got.payload_json, want.payload_json);

  StatusOr<std::vector<StoredEvent>> page = store_->ListEvents("CA1", 2, 2);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].seq, 3);
  EXPECT_EQ((*page)[1].seq, 4);
  EXPECT_TRUE(store_->ListEvents("CA1", 5)->empty());
  EXPECT_EQ(store_->ListEvents("CA1", 0, 0).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_P(StoreTest, OutOfOrderSeqIsFailedPrecondition) {
  ASSERT_TRUE(store_->CreateCall(MakeCall("CA1")).ok());
  EXPECT_EQ(store_->AppendEvent(MakeEvent("CA1", 2)).code(),
            StatusCode::kFailedPrecondition);
  ASSERT_TRUE(store_->AppendEvent(MakeEvent("CA1", 1)).ok());
  Status gap = store_->AppendEvent(MakeEvent("CA1", 3));
  EXPECT_EQ(gap.code(), StatusCode::kFailedPrecondition) << gap.ToString();
  EXPECT_EQ(Seqs("CA1"), std::vector<int64_t>({1}));
  EXPECT_EQ(LastSeq("CA1"), 1);
}

TEST_P(StoreTest, DuplicateSeqIsAlreadyExists) {
  ASSERT_TRUE(store_->CreateCall(MakeCall("CA1")).ok());
  ASSERT_TRUE(store_->AppendEvent(MakeEvent("CA1", 1)).ok());
  ASSERT_TRUE(store_->AppendEvent(MakeEvent("CA1", 2)).ok());
  EXPECT_EQ(store_->AppendEvent(MakeEvent("CA1", 2)).code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->AppendEvent(MakeEvent("CA1", 1)).code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(Seqs("CA1"), std::vector<int64_t>({1, 2}));
}

TEST_P(StoreTest, MalformedEventIsInvalidArgument) {
  ASSERT_TRUE(store_->CreateCall(MakeCall("CA1")).ok());
  EXPECT_EQ(store_->AppendEvent(MakeEvent("CA1", 0)).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->AppendEvent(MakeEvent("CA1", 1, "")).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->AppendEvent(MakeEvent("", 1)).code(),
            StatusCode::kInvalidArgument);
  StoredEvent bad_json = MakeEvent("CA1", 1);
  bad_json.payload_json = "{\"text\": ";
  Status s = store_->AppendEvent(bad_json);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << s.ToString();
  EXPECT_EQ(LastSeq("CA1"), 0);
}

TEST_P(StoreTest, BatchIsAtomic) {
  ASSERT_TRUE(store_->CreateCall(MakeCall("CA1")).ok());
  ASSERT_TRUE(store_->CreateCall(MakeCall("CA2")).ok());

  // A gap in the last event: nothing from the batch is stored.
  std::vector<StoredEvent> gap = {MakeEvent("CA1", 1), MakeEvent("CA1", 2),
                                  MakeEvent("CA1", 4)};
  Status s = store_->AppendEvents(gap);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
  EXPECT_NE(s.message().find("event 2"), std::string::npos) << s.ToString();
  EXPECT_TRUE(Seqs("CA1").empty());
  EXPECT_EQ(LastSeq("CA1"), 0);

  // Invalid JSON in the middle, spanning two calls.
  std::vector<StoredEvent> bad = {MakeEvent("CA1", 1), MakeEvent("CA2", 1),
                                  MakeEvent("CA2", 2), MakeEvent("CA1", 2)};
  bad[2].payload_json = "nope";
  EXPECT_EQ(store_->AppendEvents(bad).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Seqs("CA1").empty());
  EXPECT_TRUE(Seqs("CA2").empty());

  // An unknown call at the end.
  std::vector<StoredEvent> unknown = {MakeEvent("CA1", 1),
                                      MakeEvent("missing", 1)};
  EXPECT_EQ(store_->AppendEvents(unknown).code(), StatusCode::kNotFound);
  EXPECT_TRUE(Seqs("CA1").empty());

  // A duplicate within the batch.
  std::vector<StoredEvent> dup = {MakeEvent("CA1", 1), MakeEvent("CA1", 1)};
  EXPECT_EQ(store_->AppendEvents(dup).code(), StatusCode::kAlreadyExists);
  EXPECT_TRUE(Seqs("CA1").empty());

  // A good batch spanning both calls, then one continuing it.
  std::vector<StoredEvent> good = {MakeEvent("CA1", 1), MakeEvent("CA2", 1),
                                   MakeEvent("CA1", 2), MakeEvent("CA2", 2),
                                   MakeEvent("CA1", 3)};
  s = store_->AppendEvents(good);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_TRUE(store_->AppendEvents({MakeEvent("CA2", 3)}).ok());
  EXPECT_TRUE(store_->AppendEvents({}).ok());
  EXPECT_EQ(Seqs("CA1"), std::vector<int64_t>({1, 2, 3}));
  EXPECT_EQ(Seqs("CA2"), std::vector<int64_t>({1, 2, 3}));
  EXPECT_EQ(LastSeq("CA1"), 3);
  EXPECT_EQ(LastSeq("CA2"), 3);
}

TEST_P(StoreTest, FinishAndAnalysis) {
  ASSERT_TRUE(store_->CreateCall(MakeCall("CA1", 1000)).ok());
  EXPECT_EQ(
      store_->FinishCall("CA1", CallState::kActive, 1, 1, "stop", "{}").code(),
      StatusCode::kInvalidArgument);
  EXPECT_EQ(
      store_->FinishCall("CA1", CallState::kCompleted, 1, 1, "stop", "not json")
          .code(),
      StatusCode::kInvalidArgument);

  Status s = store_->FinishCall("CA1", CallState::kCompleted, 61000, 60000,
                                "stop", R"({"frames":3000})");
  ASSERT_TRUE(s.ok()) << s.ToString();
  // A finished call stays finished: recovery cannot overwrite it.
  s = store_->FinishCall("CA1", CallState::kInterrupted, 1, 1, "restart", "{}");
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();

  EXPECT_EQ(store_->SetAnalysis("CA1", "").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->SetAnalysis("CA1", "{broken").code(),
            StatusCode::kInvalidArgument);
  ASSERT_TRUE(store_->SetAnalysis("CA1", R"({"score":7})").ok());
  ASSERT_TRUE(store_->SetAnalysis("CA1", R"({"score":8})").ok());
  // Late events (e.g. analysis.ready) may follow the end of the call.
  ASSERT_TRUE(store_->AppendEvent(MakeEvent("CA1", 1, "analysis.ready")).ok());

  StatusOr<CallRecord> call = store_->GetCall("CA1");
  ASSERT_TRUE(call.ok());
  EXPECT_EQ(call->state, CallState::kCompleted);
  EXPECT_EQ(call->ended_unix_ms, 61000);
  EXPECT_EQ(call->duration_ms, 60000);
  EXPECT_EQ(call->end_reason, "stop");
  EXPECT_EQ(call->stats_json, R"({"frames":3000})");
  EXPECT_EQ(call->analysis_json, R"({"score":8})");
  EXPECT_EQ(call->last_seq, 1);
}

TEST_P(StoreTest, ListCallsFiltersAndOrdersNewestFirst) {
  ASSERT_TRUE(store_->CreateCall(MakeCall("a1", 100, "acme")).ok());
  ASSERT_TRUE(store_->CreateCall(MakeCall("a2", 300, "acme")).ok());
  ASSERT_TRUE(store_->CreateCall(MakeCall("a3", 200, "acme")).ok());
  ASSERT_TRUE(store_->CreateCall(MakeCall("b1", 250, "globex")).ok());
  ASSERT_TRUE(
      store_->FinishCall("a3", CallState::kCompleted, 210, 10, "stop", "{}")
          .ok());
  ASSERT_TRUE(
      store_->FinishCall("b1", CallState::kInterrupted, 0, 0, "restart", "{}")
          .ok());

  auto sids = [&](const CallFilter& filter) {
    std::vector<std::string> out;
    StatusOr<std::vector<CallRecord>> calls = store_->ListCalls(filter);
    EXPECT_TRUE(calls.ok()) << calls.status().ToString();
    if (calls.ok()) {
      for (const CallRecord& c : *calls) out.push_back(c.call_sid);
    }
    return out;
  };
  // GCC's -Wmissing-field-initializers rejects partial designated
  // initializers, so filters are spelled out.
  auto filter = [](std::string tenant_id, std::optional<CallState> state,
                   int limit = 100) {
    CallFilter f;
    f.tenant_id = std::move(tenant_id);
    f.state = state;
    f.limit = limit;
    return f;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(sids(filter("", std::nullopt)), V({"a2", "b1", "a3", "a1"}));
  EXPECT_EQ(sids(filter("", std::nullopt, 2)), V({"a2", "b1"}));
  EXPECT_EQ(sids(filter("acme", std::nullopt)), V({"a2", "a3", "a1"}));
  EXPECT_EQ(sids(filter("nobody", std::nullopt)), V());
  EXPECT_EQ(sids(filter("", CallState::kActive)), V({"a2", "a1"}));
  EXPECT_EQ(sids(filter("", CallState::kInterrupted)), V({"b1"}));
  EXPECT_EQ(sids(filter("acme", CallState::kCompleted)), V({"a3"}));
  EXPECT_EQ(sids(filter("acme", CallState::kActive, 1)), V({"a2"}));
  EXPECT_EQ(store_->ListCalls(filter("", std::nullopt, 0)).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_P(StoreTest, ReopenFindsEverything) {
  if (!GetParam().persistent) GTEST_SKIP() << "back end is not persistent";
  ASSERT_TRUE(store_->CreateCall(MakeCall("CA1")).ok());
  ASSERT_TRUE(
      store_->AppendEvents({MakeEvent("CA1", 1), MakeEvent("CA1", 2)}).ok());
  ASSERT_TRUE(store_->AppendEvent(MakeEvent("CA1", 3)).ok());
  ASSERT_TRUE(
      store_->FinishCall("CA1", CallState::kCompleted, 5, 4, "stop", "{}")
          .ok());
  ASSERT_TRUE(store_->SetAnalysis("CA1", R"({"score":9})").ok());
  ASSERT_TRUE(store_->CreateCall(MakeCall("CA2")).ok());

  // Reopening repeatedly must also leave the schema as it was (migrations
  // are idempotent).
  for (int i = 0; i < 3; ++i) {
    store_.reset();
    store_ = Open();
    ASSERT_NE(store_, nullptr);
    StatusOr<CallRecord> call = store_->GetCall("CA1");
    ASSERT_TRUE(call.ok()) << call.status().ToString();
    EXPECT_EQ(call->state, CallState::kCompleted);
    EXPECT_EQ(call->analysis_json, R"({"score":9})");
    EXPECT_EQ(call->last_seq, 3);
    EXPECT_EQ(Seqs("CA1"), std::vector<int64_t>({1, 2, 3}));
    EXPECT_EQ(store_->ListCalls({})->size(), 2u);
  }
  // Appending continues where it left off.
  EXPECT_EQ(store_->AppendEvent(MakeEvent("CA1", 3)).code(),
            StatusCode::kAlreadyExists);
  EXPECT_TRUE(store_->AppendEvent(MakeEvent("CA1", 4)).ok());
}

TEST_P(StoreTest, ConcurrentAppendsFromFourThreads) {
  constexpr int kThreads = 4;
  constexpr int kEventsPerCall = 200;
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_TRUE(store_->CreateCall(MakeCall("CA" + std::to_string(t))).ok());
  }
  std::atomic<int> failures{0};
  std::atomic<bool> writing{true};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::string sid = "CA" + std::to_string(t);
      for (int64_t seq = 1; seq <= kEventsPerCall; ++seq) {
        // Alternate single appends and small batches.
        Status s = seq % 10 == 0 ? store_->AppendEvents({MakeEvent(sid, seq)})
                                 : store_->AppendEvent(MakeEvent(sid, seq));
        if (!s.ok()) {
          ADD_FAILURE() << s.ToString();
          ++failures;
        }
      }
    });
  }
  // A reader alongside the writers.
  std::thread reader([&] {
    while (writing.load()) {
      if (!store_->ListCalls({}).ok() || !store_->ListEvents("CA0").ok()) {
        ++failures;
      }
    }
  });
  for (std::thread& t : threads) t.join();
  writing = false;
  reader.join();

  EXPECT_EQ(failures.load(), 0);
  for (int t = 0; t < kThreads; ++t) {
    const std::string sid = "CA" + std::to_string(t);
    std::vector<int64_t> seqs = Seqs(sid);
    ASSERT_EQ(seqs.size(), static_cast<size_t>(kEventsPerCall)) << sid;
    for (int i = 0; i < kEventsPerCall; ++i) EXPECT_EQ(seqs[i], i + 1);
    EXPECT_EQ(LastSeq(sid), kEventsPerCall);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest,
                         ::testing::ValuesIn(ContractBackends()),
                         [](const ::testing::TestParamInfo<Backend>& info) {
                           return std::string(info.param.name);
                         });

// ---- OpenStore and names, independent of any back end ----------------------

TEST(OpenStoreTest, UnknownSchemeIsInvalidArgument) {
  for (const char* url : {"", "mysql://db/calls", "sqlite", "/tmp/calls.db",
                          "SQLITE:/tmp/x.db"}) {
    StatusOr<std::unique_ptr<Store>> store = OpenStore(url);
    EXPECT_EQ(store.status().code(), StatusCode::kInvalidArgument) << url;
  }
}

TEST(OpenStoreTest, ErrorsNeverEchoCredentials) {
  StatusOr<std::unique_ptr<Store>> store =
      OpenStore("postgresql://sales:hunter2@db.internal/calls");
  EXPECT_EQ(store.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store.status().message().find("hunter2"), std::string::npos)
      << store.status().ToString();
}

TEST(CallStateTest, NamesRoundTrip) {
  for (CallState s :
       {CallState::kActive, CallState::kCompleted, CallState::kInterrupted}) {
    EXPECT_EQ(ParseCallState(CallStateName(s)), s);
  }
  EXPECT_STREQ(CallStateName(CallState::kInterrupted), "interrupted");
  EXPECT_EQ(ParseCallState("Active"), std::nullopt);
  EXPECT_EQ(ParseCallState(""), std::nullopt);
}

}  // namespace
}  // namespace sc::storage
