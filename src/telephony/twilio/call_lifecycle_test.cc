#include "telephony/twilio/call_lifecycle.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace sc::twilio {
namespace {

FormParams Callback(std::string_view status, int seq, std::string_view ts,
                    std::string_view duration = "") {
  FormParams f = {{"CallSid", "CA0001"},
                  {"AccountSid", "AC0001"},
                  {"CallStatus", std::string(status)},
                  {"SequenceNumber", std::to_string(seq)},
                  {"Timestamp", std::string(ts)},
                  {"CallbackSource", "call-progress-events"},
                  {"From", "+14155550100"},
                  {"To", "+14155550101"}};
  if (!duration.empty()) f.emplace_back("CallDuration", std::string(duration));
  return f;
}

std::vector<StatusCallback> FullSequence() {
  std::vector<StatusCallback> out;
  for (const FormParams& f :
       {Callback("initiated", 0, "Tue, 31 Aug 2010 20:36:28 +0000"),
        Callback("ringing", 1, "Tue, 31 Aug 2010 20:36:29 +0000"),
        Callback("in-progress", 2, "Tue, 31 Aug 2010 20:36:35 +0000"),
        Callback("completed", 3, "Tue, 31 Aug 2010 20:38:35 +0000", "120")}) {
    auto cb = ParseStatusCallback(f);
    EXPECT_TRUE(cb.ok()) << cb.status().ToString();
    out.push_back(*cb);
  }
  return out;
}

struct Replay {
  CallState state;
  int completions = 0;
};

Replay ReplayAll(const std::vector<StatusCallback>& callbacks) {
  Replay r;
  for (const StatusCallback& cb : callbacks) {
    ApplyResult a = Apply(r.state, cb);
    r.state = a.state;
    if (a.completion == Completion::kCompletesCall) ++r.completions;
  }
  return r;
}

TEST(CallLifecycle, InOrderSequence) {
  const Replay r = ReplayAll(FullSequence());
  EXPECT_EQ(r.state.status, CallStatus::kCompleted);
  EXPECT_EQ(r.completions, 1);
  EXPECT_EQ(r.state.duration_s, 120);
  EXPECT_EQ(r.state.max_sequence_number, 3);
  EXPECT_EQ(r.state.initiated_unix_s, 1283286988);
  EXPECT_EQ(r.state.ringing_unix_s, 1283286989);
  EXPECT_EQ(r.state.answered_unix_s, 1283286995);
  EXPECT_EQ(r.state.ended_unix_s, 1283287115);
  EXPECT_EQ(r.state.callbacks_seen, 4);
}

TEST(CallLifecycle, TwiceShuffledAndGappedGiveTheSameState) {
  const std::vector<StatusCallback> seq = FullSequence();
  const Replay once = ReplayAll(seq);

  std::vector<StatusCallback> twice = seq;
  twice.insert(twice.end(), seq.begin(), seq.end());
  const Replay replayed = ReplayAll(twice);
  EXPECT_EQ(replayed.completions, 1);
  CallState expected = once.state;
  expected.callbacks_seen = 8;
  EXPECT_EQ(replayed.state, expected);

  std::mt19937 rng(42);
  for (int i = 0; i < 200; ++i) {
    std::vector<StatusCallback> shuffled = twice;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    const Replay r = ReplayAll(shuffled);
    EXPECT_EQ(r.state, expected) << "permutation " << i;
    EXPECT_EQ(r.completions, 1);
  }

  // Gaps: ringing and in-progress lost. The final status, duration, end time
  // and completion are the same; only what was never seen is missing.
  const Replay gapped = ReplayAll({seq[3], seq[0]});
  EXPECT_EQ(gapped.state.status, CallStatus::kCompleted);
  EXPECT_EQ(gapped.state.duration_s, 120);
  EXPECT_EQ(gapped.state.ended_unix_s, once.state.ended_unix_s);
  EXPECT_EQ(gapped.state.max_sequence_number, 3);
  EXPECT_EQ(gapped.completions, 1);
  EXPECT_EQ(gapped.state, ReplayAll({seq[0], seq[3]}).state);
}

TEST(CallLifecycle, Outcomes) {
  const std::vector<StatusCallback> seq = FullSequence();
  ApplyResult a = Apply({}, seq[1]);
  EXPECT_EQ(a.outcome, ApplyOutcome::kApplied);
  EXPECT_EQ(a.completion, Completion::kNo);
  EXPECT_EQ(Apply(a.state, seq[1]).outcome, ApplyOutcome::kDuplicate);
  EXPECT_EQ(Apply(a.state, seq[0]).outcome, ApplyOutcome::kStale);
  ApplyResult done = Apply(a.state, seq[3]);
  EXPECT_EQ(done.outcome, ApplyOutcome::kApplied);
  EXPECT_EQ(done.completion, Completion::kCompletesCall);
  // Terminal is final: a late in-progress is stale, a retry a duplicate and
  // neither completes the call again.
  ApplyResult late = Apply(done.state, seq[2]);
  EXPECT_EQ(late.outcome, ApplyOutcome::kStale);
  EXPECT_EQ(late.state.status, CallStatus::kCompleted);
  EXPECT_EQ(late.completion, Completion::kNo);
  EXPECT_EQ(Apply(done.state, seq[3]).completion, Completion::kNo);
  // A different terminal status is a conflict and changes nothing.
  auto busy = ParseStatusCallback(
      Callback("busy", 4, "Tue, 31 Aug 2010 20:40:00 +0000"));
  ASSERT_TRUE(busy.ok());
  ApplyResult conflict = Apply(done.state, *busy);
  EXPECT_EQ(conflict.outcome, ApplyOutcome::kConflict);
  EXPECT_EQ(conflict.state.status, CallStatus::kCompleted);
  EXPECT_EQ(conflict.completion, Completion::kNo);
}

TEST(CallLifecycle, NoAnswerCompletesWithoutAnswer) {
  auto cb = ParseStatusCallback(
      Callback("no-answer", 2, "Tue, 31 Aug 2010 20:37:00 +0000", "0"));
  ASSERT_TRUE(cb.ok());
  ApplyResult r = Apply({}, *cb);
  EXPECT_EQ(r.state.status, CallStatus::kNoAnswer);
  EXPECT_EQ(r.completion, Completion::kCompletesCall);
  EXPECT_FALSE(r.state.answered_unix_s.has_value());
}

TEST(CallLifecycle, ParseStatusCallbackErrors) {
  FormParams f = Callback("ringing", 1, "Tue, 31 Aug 2010 20:36:29 +0000");
  auto ok = ParseStatusCallback(f);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->call_sid, "CA0001");
  EXPECT_EQ(ok->sequence_number, 1);
  EXPECT_EQ(ok->callback_source, "call-progress-events");

  auto without = [&](std::string_view name) {
    FormParams g;
    for (const auto& p : f) {
      if (p.first != name) g.push_back(p);
    }
    return ParseStatusCallback(g).status();
  };
  EXPECT_EQ(without("CallSid").message(), "status callback: missing CallSid");
  EXPECT_EQ(without("AccountSid").message(),
            "status callback: missing AccountSid");
  EXPECT_EQ(without("CallStatus").message(),
            "status callback: missing CallStatus");
  EXPECT_TRUE(without("SequenceNumber").ok());
  EXPECT_TRUE(without("Timestamp").ok());

  FormParams bad_status = Callback("Ringing", 1, "");
  EXPECT_EQ(ParseStatusCallback(bad_status).status().message(),
            "status callback: unknown CallStatus");
  FormParams bad_seq = f;
  bad_seq[3].second = "-1";
  EXPECT_EQ(ParseStatusCallback(bad_seq).status().message(),
            "status callback: SequenceNumber is not a non-negative integer");
  FormParams bad_ts = f;
  bad_ts[4].second = "2010-08-31T20:36:29Z";
  EXPECT_EQ(ParseStatusCallback(bad_ts).status().message(),
            "status callback: Timestamp is not an RFC 2822 date");
}

TEST(CallLifecycle, Rfc2822) {
  EXPECT_EQ(*ParseRfc2822("Tue, 31 Aug 2010 20:36:28 +0000"), 1283286988);
  EXPECT_EQ(*ParseRfc2822("31 Aug 2010 20:36:28 GMT"), 1283286988);
  EXPECT_EQ(*ParseRfc2822("Tue, 31 Aug 2010 22:36:28 +0200"), 1283286988);
  EXPECT_EQ(*ParseRfc2822("Fri, 20 Aug 2010 01:13:42 +0000"), 1282266822);
  EXPECT_FALSE(ParseRfc2822("Tue, 31 Foo 2010 20:36:28 +0000").ok());
  EXPECT_FALSE(ParseRfc2822("Tue, 31 Aug 2010 25:36:28 +0000").ok());
  EXPECT_FALSE(ParseRfc2822("Tue, 31 Aug 2010 20:36:28").ok());
  EXPECT_FALSE(ParseRfc2822("").ok());
}

TEST(CallLifecycle, StatusNames) {
  for (CallStatus s :
       {CallStatus::kQueued, CallStatus::kInitiated, CallStatus::kRinging,
        CallStatus::kInProgress, CallStatus::kCompleted, CallStatus::kBusy,
        CallStatus::kFailed, CallStatus::kNoAnswer, CallStatus::kCanceled}) {
    EXPECT_EQ(*ParseCallStatus(CallStatusName(s)), s);
  }
  EXPECT_TRUE(IsTerminal(CallStatus::kCanceled));
  EXPECT_FALSE(IsTerminal(CallStatus::kInProgress));
}

TEST(RecordingCallback, ParsesAndRejects) {
  FormParams f = {
      {"AccountSid", "AC1"},
      {"CallSid", "CA1"},
      {"RecordingSid", "RE1"},
      {"RecordingUrl",
       "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1"},
      {"RecordingStatus", "completed"},
      {"RecordingDuration", "42"},
      {"RecordingChannels", "2"},
      {"RecordingSource", "DialVerb"},
      {"RecordingStartTime", "Tue, 31 Aug 2010 20:36:35 +0000"}};
  auto r = ParseRecordingCallback(f);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, RecordingStatus::kCompleted);
  EXPECT_EQ(r->duration_s, 42);
  EXPECT_EQ(r->channels, 2);
  EXPECT_EQ(r->source, "DialVerb");

  FormParams no_url = f;
  no_url.erase(no_url.begin() + 3);
  EXPECT_EQ(ParseRecordingCallback(no_url).status().message(),
            "recording callback: missing RecordingUrl");
  FormParams absent = no_url;
  absent[3].second = "absent";
  EXPECT_TRUE(ParseRecordingCallback(absent).ok());
  FormParams bad = f;
  bad[4].second = "done";
  EXPECT_EQ(ParseRecordingCallback(bad).status().message(),
            "recording callback: unknown RecordingStatus");
  FormParams channels = f;
  channels[6].second = "3";
  EXPECT_EQ(ParseRecordingCallback(channels).status().code(),
            StatusCode::kInvalidArgument);
  FormParams file_url = f;
  file_url[3].second = "file:///etc/passwd";
  EXPECT_EQ(ParseRecordingCallback(file_url).status().message(),
            "recording callback: RecordingUrl is not an http(s) URL");
  FormParams no_sid = f;
  no_sid.erase(no_sid.begin() + 2);
  EXPECT_EQ(ParseRecordingCallback(no_sid).status().message(),
            "recording callback: missing RecordingSid");
}

}  // namespace
}  // namespace sc::twilio
