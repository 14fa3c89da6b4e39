// What only the SQLite back end has: URLs, pragmas, the migrations table,
// file-system failures, locking and crash durability. The shared contract is
// in storage/store_test.cc.
#include "storage/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <string>

#include "storage/sqlite/migrations.h"
#include "storage/storage_test_util.h"
#include "storage/store.h"

namespace sc::storage::sqlite {
namespace {

using ::sc::storage::testing::MakeCall;
using ::sc::storage::testing::MakeEvent;
using ::sc::storage::testing::TempDir;

// A second, raw connection to a database file, to look behind the store.
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK);
  }
  ~RawDb() { sqlite3_close(db_); }

  int Exec(const char* sql) {
    return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
  }
  // The first column of the first row, as text ("" if none).
  std::string Query(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sqlite3_errmsg(db_);
      return out;
    }
    if (sqlite3_step(stmt) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(stmt, 0);
      if (text != nullptr) out = reinterpret_cast<const char*>(text);
    }
    sqlite3_finalize(stmt);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

std::unique_ptr<Store> MustOpen(const std::string& url) {
  StatusOr<std::unique_ptr<Store>> store = OpenStore(url);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(store).value() : nullptr;
}

TEST(SqliteUrlTest, PathsAndOptions) {
  StatusOr<ConnectionOptions> o = ParseSqliteUrl("/var/db/calls.db");
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->path, "/var/db/calls.db");
  EXPECT_EQ(o->synchronous, ConnectionOptions::Synchronous::kNormal);
  EXPECT_EQ(o->busy_timeout_ms, 5000);

  EXPECT_EQ(ParseSqliteUrl(":memory:")->path, ":memory:");
  EXPECT_EQ(ParseSqliteUrl("///var/db/calls.db")->path, "/var/db/calls.db");
  EXPECT_EQ(ParseSqliteUrl("data/calls.db")->path, "data/calls.db");

  o = ParseSqliteUrl("/x.db?synchronous=full&busy_timeout_ms=250");
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_EQ(o->path, "/x.db");
  EXPECT_EQ(o->synchronous, ConnectionOptions::Synchronous::kFull);
  EXPECT_EQ(o->busy_timeout_ms, 250);
}

TEST(SqliteUrlTest, BadUrlsAreInvalidArgument) {
  for (const char* rest :
       {"", "?synchronous=full", "//host/calls.db", "/x.db?synchronous=off",
        "/x.db?busy_timeout_ms=-1", "/x.db?busy_timeout_ms=10s",
        "/x.db?cache=shared", "/x.db?synchronous"}) {
    EXPECT_EQ(ParseSqliteUrl(rest).status().code(),
              StatusCode::kInvalidArgument)
        << rest;
  }
}

TEST(SqliteStoreTest, FileDatabaseUsesWal) {
  TempDir dir;
  const std::string path = dir.File("calls.db");
  std::unique_ptr<Store> store = MustOpen("sqlite:" + path);
  ASSERT_NE(store, nullptr);
  // journal_mode=WAL is persistent in the file, so a second connection
  // sees it.
  EXPECT_EQ(RawDb(path).Query("PRAGMA journal_mode"), "wal");
}

TEST(SqliteStoreTest, MigrationsAreRecordedOnceAcrossReopens) {
  TempDir dir;
  const std::string path = dir.File("calls.db");
  for (int i = 0; i < 3; ++i) {
    std::unique_ptr<Store> store = MustOpen("sqlite:" + path);
    ASSERT_NE(store, nullptr);
  }
  RawDb raw(path);
  EXPECT_EQ(raw.Query("SELECT COUNT(*) FROM schema_migrations"),
            std::to_string(AllMigrations().size()));
  EXPECT_EQ(raw.Query("SELECT MAX(version) FROM schema_migrations"),
            std::to_string(AllMigrations().back().version));
  EXPECT_EQ(raw.Query("SELECT name FROM sqlite_master WHERE type = 'index' "
                      "AND name = 'call_events_by_call_seq'"),
            "call_events_by_call_seq");
  EXPECT_EQ(raw.Query("SELECT name FROM sqlite_master WHERE type = 'index' "
                      "AND name = 'calls_by_tenant_started'"),
            "calls_by_tenant_started");
}

TEST(SqliteStoreTest, NewerSchemaIsFailedPrecondition) {
  TempDir dir;
  const std::string path = dir.File("calls.db");
  ASSERT_NE(MustOpen("sqlite:" + path), nullptr);
  ASSERT_EQ(RawDb(path).Exec("INSERT INTO schema_migrations VALUES "
                             "(999, 'from the future', 0)"),
            SQLITE_OK);
  Status s = OpenStore("sqlite:" + path).status();
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
}

TEST(SqliteStoreTest, MissingDirectoryIsIoError) {
  const std::string path = "/nonexistent-sc-dir/sub/calls.db";
  Status s = OpenStore("sqlite:" + path).status();
  EXPECT_EQ(s.code(), StatusCode::kIoError) << s.ToString();
  EXPECT_NE(s.message().find(path), std::string::npos) << s.ToString();
}

TEST(SqliteStoreTest, UnwritableLocationIsIoErrorOrUnavailable) {
  // /proc refuses new files even to root, unlike a chmod-ed directory.
  Status s = OpenStore("sqlite:/proc/sc_calls.db").status();
  EXPECT_TRUE(s.code() == StatusCode::kIoError ||
              s.code() == StatusCode::kUnavailable)
      << s.ToString();
}

TEST(SqliteStoreTest, FileThatIsNotADatabaseIsIoError) {
  TempDir dir;
  const std::string path = dir.File("garbage.db");
  std::ofstream(path) << std::string(4096, 'x');
  Status s = OpenStore("sqlite:" + path).status();
  EXPECT_EQ(s.code(), StatusCode::kIoError) << s.ToString();
}

TEST(SqliteStoreTest, DirectoryIsIoError) {
  TempDir dir;
  Status s = OpenStore("sqlite:" + dir.File("")).status();
  EXPECT_EQ(s.code(), StatusCode::kIoError) << s.ToString();
}

TEST(SqliteStoreTest, LockHeldByAnotherConnectionIsUnavailable) {
  TempDir dir;
  const std::string path = dir.File("calls.db");
  std::unique_ptr<Store> store =
      MustOpen("sqlite:" + path + "?busy_timeout_ms=50");
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->CreateCall(MakeCall("CA1")).ok());

  RawDb other(path);
  ASSERT_EQ(other.Exec("BEGIN IMMEDIATE"), SQLITE_OK);
  Status s = store->AppendEvent(MakeEvent("CA1", 1));
  EXPECT_EQ(s.code(), StatusCode::kUnavailable) << s.ToString();
  // Readers are not blocked by a writer in WAL mode.
  EXPECT_TRUE(store->GetCall("CA1").ok());
  ASSERT_EQ(other.Exec("ROLLBACK"), SQLITE_OK);

  // Once the lock is gone the same append succeeds: nothing half-written.
  s = store->AppendEvent(MakeEvent("CA1", 1));
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST(SqliteStoreTest, CommittedEventsSurviveAProcessCrash) {
  TempDir dir;
  const std::string url = "sqlite:" + dir.File("calls.db");
  ASSERT_NE(MustOpen(url), nullptr);  // Create the schema up front.

  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // The child appends and dies without closing anything: no destructor,
    // no checkpoint, the WAL left as it is.
    StatusOr<std::unique_ptr<Store>> store = OpenStore(url);
    bool ok = store.ok() && (*store)->CreateCall(MakeCall("CA1")).ok();
    for (int64_t seq = 1; ok && seq <= 50; ++seq) {
      ok = (*store)->AppendEvent(MakeEvent("CA1", seq)).ok();
    }
    _exit(ok ? 0 : 1);
  }
  int wstatus = 0;
  ASSERT_EQ(waitpid(child, &wstatus, 0), child);
  ASSERT_TRUE(WIFEXITED(wstatus));
  ASSERT_EQ(WEXITSTATUS(wstatus), 0);

  std::unique_ptr<Store> store = MustOpen(url);
  ASSERT_NE(store, nullptr);
  StatusOr<std::vector<StoredEvent>> events = store->ListEvents("CA1");
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  EXPECT_EQ(events->size(), 50u);
  EXPECT_EQ(store->GetCall("CA1")->last_seq, 50);
}

TEST(SqliteStoreTest, SynchronousFullWorks) {
  TempDir dir;
  std::unique_ptr<Store> store =
      MustOpen("sqlite:" + dir.File("calls.db") + "?synchronous=full");
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->CreateCall(MakeCall("CA1")).ok());
  EXPECT_TRUE(store->AppendEvent(MakeEvent("CA1", 1)).ok());
}

}  // namespace
}  // namespace sc::storage::sqlite
