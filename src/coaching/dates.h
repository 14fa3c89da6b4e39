// Civil dates and spoken-date resolution for follow-ups (docs/coaching.md,
// "Spoken dates").
//
//   CivilDate call{2025, 3, 10};                       // a Monday
//   auto hits = FindSpokenDates("let's talk next wednesday", call);
//   // hits[0].date == {2025, 3, 19}, hits[0].phrase == "next wednesday"
//
// Works on recognizer output (lower-case words, numbers spelled out) and on
// typed text ("the 15th"). Deterministic; thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sc::coaching {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

// 0 = Monday ... 6 = Sunday (ISO order).
int Weekday(const CivilDate& d);
// Days since 1970-01-01, and back.
int64_t DaysFromCivil(const CivilDate& d);
CivilDate CivilFromDays(int64_t days);
CivilDate AddDays(const CivilDate& d, int64_t days);
// Same day of month `months` later, clamped to the month's last day.
CivilDate AddMonths(const CivilDate& d, int months);
int64_t DaysBetween(const CivilDate& from, const CivilDate& to);
std::string FormatDate(const CivilDate& d);  // "2025-03-19"

// A date phrase found in text and the date it resolves to.
struct SpokenDate {
  CivilDate date;
  std::string phrase;  // The words that named it, e.g. "in two weeks".
  int word_index = 0;  // Position of its first word in the normalized text.
};

// Every date phrase in `text`, resolved against the call date `today`, in
// text order. Rules (docs/coaching.md): "today"/"tonight" = today;
// "tomorrow" = +1; "<weekday>" and "this <weekday>" = the next such day
// after today; "next <weekday>" = that day in the following Monday-based
// week; "next week" = +7; "in N days/weeks/months" ("a couple of" = 2,
// "a few" = 3); "the 15th"/"on the fifteenth" = the next such day of a
// month; "<month> <day>" = the next such date; "end of the week" = this
// week's Friday (next week's when today is Friday or later); "end of the
// month"; "end of the quarter"; "next month" = the 1st of next month;
// "next quarter" = the first day of the next quarter.
std::vector<SpokenDate> FindSpokenDates(std::string_view text,
                                        const CivilDate& today);

}  // namespace sc::coaching
