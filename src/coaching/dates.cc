#include "coaching/dates.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>

#include "analysis/questions.h"

namespace sc::coaching {
namespace {

constexpr std::string_view kWeekdays[] = {"monday",   "tuesday", "wednesday",
                                          "thursday", "friday",  "saturday",
                                          "sunday"};
constexpr std::string_view kMonths[] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
constexpr std::string_view kOrdinals[] = {
    "first",     "second",      "third",      "fourth",     "fifth",
    "sixth",     "seventh",     "eighth",     "ninth",      "tenth",
    "eleventh",  "twelfth",     "thirteenth", "fourteenth", "fifteenth",
    "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"};
constexpr std::string_view kCardinals[] = {
    "one",     "two",       "three",    "four",     "five",
    "six",     "seven",     "eight",    "nine",     "ten",
    "eleven",  "twelve",    "thirteen", "fourteen", "fifteen",
    "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};

template <size_t N>
int IndexIn(std::string_view w, const std::string_view (&set)[N]) {
  for (size_t i = 0; i < N; ++i) {
    if (set[i] == w) return static_cast<int>(i);
  }
  return -1;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

using Words = std::vector<std::string>;

// A day-of-month number at w[i]: "15th", "15", "fifteenth", "twenty
// first", "thirty first". Sets `len` to the words used; 0 when none.
int DayNumber(const Words& w, size_t i, size_t* len) {
  *len = 0;
  if (i >= w.size()) return 0;
  std::string_view s = w[i];
  if (!s.empty() && std::isdigit(static_cast<unsigned char>(s[0]))) {
    int v = std::atoi(std::string(s).c_str());
    if (v >= 1 && v <= 31) {
      *len = 1;
      return v;
    }
    return 0;
  }
  int o = IndexIn(s, kOrdinals);
  if (o >= 0) {
    *len = 1;
    return o + 1;
  }
  if ((s == "twenty" || s == "thirty") && i + 1 < w.size()) {
    int base = s == "twenty" ? 20 : 30;
    int unit = IndexIn(w[i + 1], kOrdinals);
    if (unit >= 0 && unit < 9 && base + unit + 1 <= 31) {
      *len = 2;
      return base + unit + 1;
    }
  }
  if (s == "thirtieth") {
    *len = 1;
    return 30;
  }
  return 0;
}

// A small count at w[i]: "two", "2", "a", "a couple of", "a few".
int Count(const Words& w, size_t i, size_t* len) {
  *len = 0;
  if (i >= w.size()) return 0;
  if (w[i] == "a" || w[i] == "an") {
    if (i + 2 < w.size() && w[i + 1] == "couple" && w[i + 2] == "of") {
      *len = 3;
      return 2;
    }
    if (i + 1 < w.size() && w[i + 1] == "few") {
      *len = 2;
      return 3;
    }
    *len = 1;
    return 1;
  }
  if (w[i] == "couple" || w[i] == "few") {
    bool of = i + 1 < w.size() && w[i + 1] == "of";
    *len = of ? 2 : 1;
    return w[i] == "couple" ? 2 : 3;
  }
  int c = IndexIn(w[i], kCardinals);
  if (c >= 0) {
    *len = 1;
    return c + 1;
  }
  if (std::isdigit(static_cast<unsigned char>(w[i][0]))) {
    int v = std::atoi(w[i].c_str());
    if (v >= 1 && v <= 365) {
      *len = 1;
      return v;
    }
  }
  return 0;
}

// The next date after `today` whose day of month is `day` (this month if
// still ahead, else the first later month that has it).
CivilDate NextDayOfMonth(const CivilDate& today, int day) {
  CivilDate d = today;
  for (int k = 0; k < 13; ++k) {
    if (day <= DaysInMonth(d.year, d.month)) {
      CivilDate c{d.year, d.month, day};
      if (DaysFromCivil(c) > DaysFromCivil(today)) return c;
    }
    d = AddMonths(CivilDate{d.year, d.month, 1}, 1);
  }
  return today;
}

CivilDate NextMonthDay(const CivilDate& today, int month, int day) {
  for (int y = today.year; y <= today.year + 1; ++y) {
    if (day > DaysInMonth(y, month)) continue;
    CivilDate c{y, month, day};
    if (DaysFromCivil(c) >= DaysFromCivil(today)) return c;
  }
  return CivilDate{today.year + 1, month,
                   std::min(day, DaysInMonth(today.year + 1, month))};
}

std::string Join(const Words& w, size_t i, size_t n) {
  std::string out;
  for (size_t k = i; k < i + n && k < w.size(); ++k) {
    if (!out.empty()) out += ' ';
    out += w[k];
  }
  return out;
}

}  // namespace

int64_t DaysFromCivil(const CivilDate& d) {
  // Howard Hinnant's days_from_civil algorithm.
  int y = d.year - (d.month <= 2 ? 1 : 0);
  int era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = static_cast<unsigned>(y - era * 400);
  unsigned mp = static_cast<unsigned>(d.month + (d.month > 2 ? -3 : 9));
  unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(d.day) - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<int64_t>(era) * 146097 + static_cast<int64_t>(doe) -
         719468;
}

CivilDate CivilFromDays(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = static_cast<unsigned>(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = static_cast<int64_t>(yoe) + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned d = doy - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m),
                   static_cast<int>(d)};
}

int Weekday(const CivilDate& d) {
  int64_t days = DaysFromCivil(d);  // 1970-01-01 was a Thursday (3).
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

CivilDate AddDays(const CivilDate& d, int64_t days) {
  return CivilFromDays(DaysFromCivil(d) + days);
}

CivilDate AddMonths(const CivilDate& d, int months) {
  int total = d.year * 12 + (d.month - 1) + months;
  int y = total / 12, m = total % 12 + 1;
  return CivilDate{y, m, std::min(d.day, DaysInMonth(y, m))};
}

int64_t DaysBetween(const CivilDate& from, const CivilDate& to) {
  return DaysFromCivil(to) - DaysFromCivil(from);
}

std::string FormatDate(const CivilDate& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::vector<SpokenDate> FindSpokenDates(std::string_view text,
                                        const CivilDate& today) {
  Words w = analysis::SpokenWords(text);
  std::vector<SpokenDate> out;
  int wd = Weekday(today);
  auto at = [&](size_t k) -> std::string_view {
    return k < w.size() ? std::string_view(w[k]) : std::string_view();
  };
  auto emit = [&](size_t i, size_t n, CivilDate d) {
    out.push_back({d, Join(w, i, n), static_cast<int>(i)});
  };
  for (size_t i = 0; i < w.size(); ++i) {
    std::string_view s = w[i];
    size_t len = 0;
    if (s == "today" || s == "tonight") {
      emit(i, 1, today);
    } else if (s == "day" && at(i + 1) == "after" && at(i + 2) == "tomorrow") {
      emit(i, 3, AddDays(today, 2));
      i += 2;
    } else if (s == "tomorrow") {
      emit(i, 1, AddDays(today, 1));
    } else if ((s == "next" || s == "this") &&
               IndexIn(at(i + 1), kWeekdays) >= 0) {
      int target = IndexIn(at(i + 1), kWeekdays);
      CivilDate d;
      if (s == "next") {
        // The named day in the following Monday-based week.
        d = AddDays(today, 7 - wd + target);
      } else {
        int ahead = (target - wd + 7) % 7;
        d = AddDays(today, ahead == 0 ? 7 : ahead);
      }
      emit(i, 2, d);
      ++i;
    } else if (IndexIn(s, kWeekdays) >= 0 && i > 0 &&
               (w[i - 1] == "last" || w[i - 1] == "past")) {
      continue;  // A day gone by is not a follow-up date.
    } else if (IndexIn(s, kWeekdays) >= 0) {
      int ahead = (IndexIn(s, kWeekdays) - wd + 7) % 7;
      emit(i, 1, AddDays(today, ahead == 0 ? 7 : ahead));
    } else if (s == "next" && at(i + 1) == "week") {
      emit(i, 2, AddDays(today, 7));
      ++i;
    } else if (s == "next" && at(i + 1) == "month") {
      emit(i, 2, AddMonths(CivilDate{today.year, today.month, 1}, 1));
      ++i;
    } else if (s == "next" && at(i + 1) == "quarter") {
      int q_first = ((today.month - 1) / 3) * 3 + 1;
      emit(i, 2, AddMonths(CivilDate{today.year, q_first, 1}, 3));
      ++i;
    } else if (s == "in" && Count(w, i + 1, &len) > 0) {
      int n = Count(w, i + 1, &len);
      std::string_view unit = at(i + 1 + len);
      if (unit == "day" || unit == "days") {
        emit(i, 2 + len, AddDays(today, n));
      } else if (unit == "week" || unit == "weeks") {
        emit(i, 2 + len, AddDays(today, 7 * n));
      } else if (unit == "month" || unit == "months") {
        emit(i, 2 + len, AddMonths(today, n));
      } else {
        continue;
      }
      i += len;
    } else if (s == "end" && at(i + 1) == "of") {
      size_t k = i + 2;
      if (at(k) == "the" || at(k) == "this") ++k;
      std::string_view unit = at(k);
      if (unit == "week") {
        int ahead = 4 - wd;
        emit(i, k - i + 1, AddDays(today, ahead > 0 ? ahead : ahead + 7));
      } else if (unit == "month") {
        emit(i, k - i + 1,
             CivilDate{today.year, today.month,
                       DaysInMonth(today.year, today.month)});
      } else if (unit == "quarter") {
        int q_last = ((today.month - 1) / 3) * 3 + 3;
        emit(i, k - i + 1,
             CivilDate{today.year, q_last, DaysInMonth(today.year, q_last)});
      } else {
        continue;
      }
      i = k;
    } else if (IndexIn(s, kMonths) >= 0 && DayNumber(w, i + 1, &len) > 0) {
      // "march fifteenth", "march 15th" (not "may i"): the next such date.
      int month = IndexIn(s, kMonths) + 1;
      emit(i, 1 + len, NextMonthDay(today, month, DayNumber(w, i + 1, &len)));
      i += len;
    } else if (s == "the" && DayNumber(w, i + 1, &len) > 0) {
      // "on the 15th", "by the fifteenth", "the fifteenth of march". Needs
      // a preposition or a month, since "the first time" and "the 15
      // trucks" are not dates.
      int day = DayNumber(w, i + 1, &len);
      size_t n = 1 + len;
      bool of_month =
          at(i + 1 + len) == "of" && IndexIn(at(i + 2 + len), kMonths) >= 0;
      bool prep = i > 0 && (w[i - 1] == "on" || w[i - 1] == "by" ||
                            w[i - 1] == "before" || w[i - 1] == "until" ||
                            w[i - 1] == "after");
      std::string_view num = w[i + 1];
      bool suffixed = !std::isdigit(static_cast<unsigned char>(num[0])) ||
                      num.size() > 2;  // "15th", not "15"
      if (!of_month && !(prep && suffixed)) continue;
      if (of_month) {
        int month = IndexIn(at(i + 2 + len), kMonths) + 1;
        emit(i, n + 2, NextMonthDay(today, month, day));
        i += n + 1;
      } else {
        emit(i, n, NextDayOfMonth(today, day));
        i += len;
      }
    }
  }
  return out;
}

}  // namespace sc::coaching
