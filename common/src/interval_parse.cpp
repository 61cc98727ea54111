// interval_in: PostgreSQL 15's ParseDateTime + DecodeInterval, falling back to DecodeISO8601Interval
// (src/backend/utils/adt/datetime.c), ported rule for rule so that odd inputs fail or succeed as there.

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/interval.h"
#include "interval_decode.h"
#include "interval_util.h"

namespace lumadb {

namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
char Lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
bool IsSpaceChar(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// ParseDateTime's scanner: one field per call of Field(), typed by its first character.
class Scanner {
 public:
  explicit Scanner(std::string_view in) : in_(in) {}

  bool AtEnd() {
    while (pos_ < in_.size() && IsSpaceChar(in_[pos_])) ++pos_;
    return pos_ == in_.size();
  }

  // The field at the current position; false (bad format) for a sign followed by neither digit nor letter
  // or a character that starts nothing. Punctuation other than '.', '+' and '-' only separates fields, so
  // it yields an empty field that the caller skips.
  bool Field(DateField* f) {
    const char c = in_[pos_];
    f->text.clear();
    if (IsDigit(c)) return Digits(f);
    if (c == '.') {
      f->type = FieldType::kNumber;
      Take(f);
      TakeWhile(f, [](char x) { return IsDigit(x); });
      return true;
    }
    if (IsAlpha(c)) return Word(f);
    if (c == '+' || c == '-') return Signed(f);
    ++pos_;
    return std::ispunct(static_cast<unsigned char>(c)) != 0;
  }

 private:
  char At() const { return pos_ < in_.size() ? in_[pos_] : '\0'; }
  void Take(DateField* f, bool lower = false) { f->text.push_back(lower ? Lower(in_[pos_++]) : in_[pos_++]); }
  template <typename Pred>
  void TakeWhile(DateField* f, Pred pred, bool lower = false) {
    while (pos_ < in_.size() && pred(in_[pos_])) Take(f, lower);
  }

  // A number, a time ('12:30:00.5'), a date ('2024-01-02', '1-2', '2-jan') or a decimal ('1.5').
  bool Digits(DateField* f) {
    f->type = FieldType::kNumber;
    TakeWhile(f, [](char x) { return IsDigit(x); });
    if (At() == ':') {
      f->type = FieldType::kTime;
      TakeWhile(f, [](char x) { return IsDigit(x) || x == ':' || x == '.'; });
    } else if (At() == '-' || At() == '/' || At() == '.') {
      const char delim = At();
      Take(f);
      if (IsDigit(At())) {
        f->type = delim == '.' ? FieldType::kNumber : FieldType::kDate;
        TakeWhile(f, [](char x) { return IsDigit(x); });
        if (At() == delim) {  // only matching delimiters make a three-field date
          f->type = FieldType::kDate;
          TakeWhile(f, [delim](char x) { return IsDigit(x) || x == delim; });
        }
      } else {
        f->type = FieldType::kDate;
        TakeWhile(
            f, [delim](char x) { return IsDigit(x) || IsAlpha(x) || x == delim; }, true);
      }
    }
    return true;
  }

  // A word; glued to a digit, '+' or date punctuation it is a date or zone name, never a unit.
  bool Word(DateField* f) {
    f->type = FieldType::kString;
    TakeWhile(
        f, [](char x) { return IsAlpha(x); }, true);
    const char next = At();
    if (next == '-' || next == '/' || next == '.' || next == '+' || IsDigit(next)) {
      f->type = FieldType::kDate;
      TakeWhile(
          f,
          [](char x) {
            return x == '+' || x == '-' || x == '/' || x == '_' || x == '.' || x == ':' || IsDigit(x) || IsAlpha(x);
          },
          true);
    }
    return true;
  }

  // A sign, blanks, then a signed number, time or years-months ("zone") or a signed word ("special").
  bool Signed(DateField* f) {
    Take(f);
    while (IsSpaceChar(At())) ++pos_;
    if (IsDigit(At())) {
      f->type = FieldType::kTz;
      TakeWhile(f, [](char x) { return IsDigit(x) || x == ':' || x == '.' || x == '-'; });
      return true;
    }
    if (!IsAlpha(At())) return false;
    f->type = FieldType::kSpecial;
    TakeWhile(
        f, [](char x) { return IsAlpha(x); }, true);
    return true;
  }

  std::string_view in_;
  size_t pos_ = 0;
};

}  // namespace

DtErr TokenizeDateTime(std::string_view in, std::vector<DateField>* fields) {
  constexpr size_t kMaxFields = 25;    // MAXDATEFIELDS
  constexpr size_t kWorkBuffer = 256;  // interval_in's workbuf: every field and its NUL must fit
  size_t used = 0;
  Scanner scanner(in);
  while (!scanner.AtEnd()) {
    if (fields->size() >= kMaxFields) return DtErr::kBadFormat;
    DateField f{FieldType::kNumber, ""};
    if (!scanner.Field(&f)) return DtErr::kBadFormat;
    if (f.text.empty()) continue;  // a separator
    used += f.text.size() + 1;
    if (used > kWorkBuffer) return DtErr::kBadFormat;
    fields->push_back(std::move(f));
  }
  return DtErr::kNone;
}

int64_t StrToInt(const char* s, const char** end, bool* overflow, int64_t lo, int64_t hi) {
  const char* p = s;
  const bool negative = *p == '-';
  if (*p == '+' || *p == '-') ++p;
  if (!IsDigit(*p)) {
    *end = s;
    return 0;
  }
  __int128 v = 0;
  while (IsDigit(*p)) {
    if (v <= (static_cast<__int128>(1) << 70)) v = v * 10 + (*p - '0');
    ++p;
  }
  *end = p;
  if (negative) v = -v;
  if (v < lo || v > hi) {
    *overflow = true;
    return v < lo ? lo : hi;
  }
  return static_cast<int64_t>(v);
}

namespace {

bool AddI64(int64_t* sum, int64_t v) {
  return !__builtin_add_overflow(*sum, v, sum);
}
bool MulAdd(int64_t val, int64_t multiplier, int64_t* sum) {
  int64_t product = 0;
  return !__builtin_mul_overflow(val, multiplier, &product) && AddI64(sum, product);
}
bool AddI32(int32_t* sum, int64_t v) {
  return v >= INT32_MIN && v <= INT32_MAX && !__builtin_add_overflow(*sum, static_cast<int32_t>(v), sum);
}

}  // namespace

bool AdjustFractMicroseconds(double frac, int64_t scale, ItmIn* itm) {
  if (frac == 0) return true;
  frac *= static_cast<double>(scale);
  auto usec = static_cast<int64_t>(frac);
  frac -= static_cast<double>(usec);
  if (frac > 0.5) {
    usec++;
  } else if (frac < -0.5) {
    usec--;
  }
  return AddI64(&itm->usec, usec);
}
bool AdjustFractDays(double frac, int scale, ItmIn* itm) {
  if (frac == 0) return true;
  frac *= scale;
  const auto extra_days = static_cast<int32_t>(frac);
  if (!AddI32(&itm->mday, extra_days)) return false;
  return AdjustFractMicroseconds(frac - extra_days, kUsecsPerDay, itm);
}
bool AdjustFractYears(double frac, int scale, ItmIn* itm) {
  return AddI32(&itm->mon, static_cast<int64_t>(std::rint(frac * scale * 12)));
}
bool AdjustMicroseconds(int64_t val, double fval, int64_t scale, ItmIn* itm) {
  return MulAdd(val, scale, &itm->usec) && AdjustFractMicroseconds(fval, scale, itm);
}
bool AdjustDays(int64_t val, int scale, ItmIn* itm) {
  return val >= INT32_MIN && val <= INT32_MAX && AddI32(&itm->mday, val * scale);
}
bool AdjustMonths(int64_t val, ItmIn* itm) {
  return AddI32(&itm->mon, val);
}
bool AdjustYears(int64_t val, int scale, ItmIn* itm) {
  return val >= INT32_MIN && val <= INT32_MAX && AddI32(&itm->year, val * scale);
}

DtErr ParseFraction(const char* cp, double* frac) {
  if (cp[1] == '\0') {
    *frac = 0;
    return DtErr::kNone;
  }
  char* end = nullptr;
  errno = 0;
  *frac = std::strtod(cp, &end);
  return *end != '\0' || errno != 0 ? DtErr::kBadFormat : DtErr::kNone;
}

Interval ParseInterval(std::string_view text, int32_t typmod) {
  const int32_t range = typmod < 0 ? kIntervalFullRange : (typmod >> 16) & 0x7fff;
  std::vector<DateField> fields;
  ItmIn itm;
  DtErr err = TokenizeDateTime(text, &fields);
  if (err == DtErr::kNone) err = DecodeIntervalFields(fields, range, &itm);
  if (err == DtErr::kBadFormat) {
    itm = ItmIn{};
    err = DecodeIso8601Interval(text, &itm);
  }
  if (err == DtErr::kFieldOverflow) {
    throw DbError(sqlstate::kIntervalFieldOverflow, "interval field value out of range: \"" + std::string(text) + "\"");
  }
  if (err == DtErr::kBadFormat) {
    throw DbError(sqlstate::kInvalidDatetimeFormat,
                  "invalid input syntax for type interval: \"" + std::string(text) + "\"");
  }
  const int64_t months = static_cast<int64_t>(itm.year) * 12 + itm.mon;  // itmin2interval
  if (months < INT32_MIN || months > INT32_MAX) ThrowIntervalOutOfRange();
  return ApplyIntervalTypmod(Interval{itm.usec, itm.mday, static_cast<int32_t>(months)}, typmod);
}

}  // namespace lumadb
