#include "coaching/dates.h"

#include <gtest/gtest.h>

namespace sc::coaching {
namespace {

constexpr CivilDate kMonday{2025, 3, 10};

// The single date named in `text`, as YYYY-MM-DD, or "none".
std::string One(std::string_view text, CivilDate today = kMonday) {
  auto hits = FindSpokenDates(text, today);
  if (hits.empty()) return "none";
  return FormatDate(hits.front().date);
}

TEST(CivilDateTest, RoundTripsAndWeekdays) {
  EXPECT_EQ(Weekday(kMonday), 0);
  EXPECT_EQ(Weekday({1970, 1, 1}), 3);
  EXPECT_EQ(Weekday({2024, 2, 29}), 3);
  for (int64_t d = -1000; d < 30000; d += 37) {
    EXPECT_EQ(DaysFromCivil(CivilFromDays(d)), d);
  }
  EXPECT_EQ(AddMonths({2025, 1, 31}, 1), (CivilDate{2025, 2, 28}));
  EXPECT_EQ(AddDays({2025, 12, 30}, 14), (CivilDate{2026, 1, 13}));
  EXPECT_EQ(FormatDate({2025, 3, 9}), "2025-03-09");
}

TEST(SpokenDateTest, RelativeDays) {
  EXPECT_EQ(One("i can call you tomorrow"), "2025-03-11");
  EXPECT_EQ(One("let's do the day after tomorrow"), "2025-03-12");
  EXPECT_EQ(One("i'll have it today"), "2025-03-10");
  EXPECT_EQ(One("in three days"), "2025-03-13");
  EXPECT_EQ(One("check back in two weeks"), "2025-03-24");
  EXPECT_EQ(One("in a couple of weeks"), "2025-03-24");
  EXPECT_EQ(One("in a month or so"), "2025-04-10");
  EXPECT_EQ(One("sometime next week"), "2025-03-17");
}

TEST(SpokenDateTest, Weekdays) {
  EXPECT_EQ(One("how about wednesday"), "2025-03-12");
  EXPECT_EQ(One("this wednesday works"), "2025-03-12");
  EXPECT_EQ(One("let's talk next wednesday"), "2025-03-19");
  EXPECT_EQ(One("monday is fine"), "2025-03-17");  // said on a Monday
  EXPECT_EQ(One("we spoke last monday"), "none");
  constexpr CivilDate kFriday{2025, 3, 14};
  EXPECT_EQ(One("next monday", kFriday), "2025-03-17");
  EXPECT_EQ(One("by the end of the week", kFriday), "2025-03-21");
}

TEST(SpokenDateTest, DaysOfMonthAndPeriods) {
  EXPECT_EQ(One("can we meet on the 15th"), "2025-03-15");
  EXPECT_EQ(One("on the fifth"), "2025-04-05");
  EXPECT_EQ(One("by the twenty first"), "2025-03-21");
  EXPECT_EQ(One("the fifth of may"), "2025-05-05");
  EXPECT_EQ(One("march twenty first"), "2025-03-21");
  EXPECT_EQ(One("january 3rd"), "2026-01-03");
  EXPECT_EQ(One("before the end of the quarter"), "2025-03-31");
  EXPECT_EQ(One("end of the month"), "2025-03-31");
  EXPECT_EQ(One("end of the week"), "2025-03-14");
  EXPECT_EQ(One("next month"), "2025-04-01");
  EXPECT_EQ(One("next quarter"), "2025-04-01");
  EXPECT_EQ(One("on the 5th", {2025, 12, 30}), "2026-01-05");
}

TEST(SpokenDateTest, NotDates) {
  EXPECT_EQ(One("the first time we tried it"), "none");
  EXPECT_EQ(One("we run the 15 trucks"), "none");
  EXPECT_EQ(One("may i ask who else is involved"), "none");
  EXPECT_EQ(One("in two cases it failed"), "none");
}

TEST(SpokenDateTest, ReportsPhraseAndPosition) {
  auto hits =
      FindSpokenDates("so let's talk next wednesday or thursday", kMonday);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].phrase, "next wednesday");
  EXPECT_EQ(hits[0].word_index, 3);
  EXPECT_EQ(FormatDate(hits[1].date), "2025-03-13");
}

}  // namespace
}  // namespace sc::coaching
