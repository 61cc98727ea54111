// DecodeDateTime / DecodeTimeOnly of PostgreSQL 15 (src/backend/utils/adt/datetime.c): words (keywords,
// zone abbreviations and names), the final checks, and the entry points ParseDateTimeFields and
// ParseTimeFields with DateTimeParseError's messages.

#include <string>

#include "common/datetime.h"
#include "common/error.h"
#include "common/time_zone.h"
#include "datetime_decoder.h"
#include "interval_util.h"

namespace lumadb {

namespace dt {

namespace {

constexpr int64_t kUsecsPerSec = 1000000;

// GetCurrentTimeUsec / GetCurrentDateTime: the session zone's wall clock at NowMicros(); returns its
// offset east of UTC.
int CurrentLocalTime(Tm* tm) {
  const int64_t utc = NowMicros();
  const int offset = SessionTimeZone().OffsetAt(utc);
  const int64_t local = utc + offset * kUsecsPerSec;
  const int64_t days = FloorDiv(local, kUsecsPerDay);
  int64_t year = 0;
  CivilFromDays(days, &year, &tm->mon, &tm->mday);
  tm->year = static_cast<int>(year);
  int64_t time = local - days * kUsecsPerDay;
  tm->hour = static_cast<int>(time / (3600 * kUsecsPerSec));
  time %= 3600 * kUsecsPerSec;
  tm->min = static_cast<int>(time / (60 * kUsecsPerSec));
  time %= 60 * kUsecsPerSec;
  tm->sec = static_cast<int>(time / kUsecsPerSec);
  tm->fsec = time % kUsecsPerSec;
  return offset;
}

// Today's date of the session's zone moved by `delta` days.
void SetRelativeDay(int delta, Tm* tm) {
  Tm now;
  CurrentLocalTime(&now);
  int64_t year = 0;
  CivilFromDays(DaysFromCivil(now.year, now.mon, now.mday) + delta, &year, &tm->mon, &tm->mday);
  tm->year = static_cast<int>(year);
}

}  // namespace

// Returns false for words to skip ('at', 'on'). Zone abbreviations take precedence over keywords.
bool DateTimeDecoder::WordField(size_t i) {
  const std::string& text = (*fields_)[i].text;
  const Token t = LookupWord(text);
  if (t.type == kIgnore) return false;
  tmask_ = t.type == kUnknownField ? 0 : Mask(t.type);
  switch (t.type) {
    case kReserv:
      ReservedWord(t.value);
      break;
    case kMonth:
      if (time_only_) Fail(DecodeError::kBadFormat);
      MonthWord(t.value);
      break;
    case kDtzMod:  // 'dst' after a standard zone ("MET DST")
      tmask_ |= Mask(kDtz);
      tz_ += t.value;
      break;
    case kTzToken:
      tz_ = t.value;
      break;
    case kDynTz:
      tmask_ |= Mask(kTzToken);
      abbrev_tz_ = t.zone;
      abbrev_ = text;
      break;
    case kAmPm:
      mer_ = t.value;
      break;
    case kAdBc:
      bc_ = t.value == kBc;
      break;
    case kDow:
      if (time_only_) Fail(DecodeError::kBadFormat);
      break;
    case kUnits:
      tmask_ = 0;
      ptype_ = t.value;
      break;
    case kIsoTime:
      IsoTimeWord(i);
      ptype_ = t.value;
      break;
    case kUnknownField:  // maybe an all-letter zone name
      named_tz_ = TimeZone::Find(text);
      if (named_tz_ == nullptr) Fail(DecodeError::kBadFormat);
      tmask_ = Mask(kTzToken);
      break;
    default:
      Fail(DecodeError::kBadFormat);
  }
  return true;
}

void DateTimeDecoder::ReservedWord(int value) {
  if (!time_only_ && value != kDtkEpoch && value != kDtkLate && value != kDtkEarly) dtype_ = kDate;
  switch (value) {
    case kDtkNow:
      if (time_only_) {
        tmask_ = kTimeMask;
        CurrentLocalTime(&tm_);
      } else {
        tmask_ = kDateMask | kTimeMask | Mask(kTzToken);
        tz_ = CurrentLocalTime(&tm_);
      }
      return;
    case kDtkZulu:  // 'allballs'
      tmask_ = kTimeMask | Mask(kTzToken);
      tm_.hour = tm_.min = tm_.sec = 0;
      if (!time_only_) tz_ = 0;
      return;
    case kDtkYesterday:
    case kDtkToday:
    case kDtkTomorrow:
      if (time_only_) Fail(DecodeError::kBadFormat);
      tmask_ = kDateMask;
      SetRelativeDay(value == kDtkToday ? 0 : value == kDtkTomorrow ? 1 : -1, &tm_);
      return;
    default:  // 'epoch', 'infinity', '-infinity' stand for the whole value
      if (time_only_) Fail(DecodeError::kBadFormat);
      dtype_ = value;
  }
}

// 't' between an ISO date and time: a date must precede, and a time ('hhmmss.fff', 'hh:mm:ss.fff' or
// 'hhmmss-zz') follow.
void DateTimeDecoder::IsoTimeWord(size_t i) {
  tmask_ = 0;
  if (!time_only_ && (fmask_ & kDateMask) != kDateMask) Fail(DecodeError::kBadFormat);
  const std::vector<Field>& f = *fields_;
  if (i + 1 >= f.size() || (f[i + 1].type != kNumber && f[i + 1].type != kTime && f[i + 1].type != kDate)) {
    Fail(DecodeError::kBadFormat);
  }
}

// A month name after a numeric month and no day: that number was the day ('8 jan' in MDY order).
void DateTimeDecoder::MonthWord(int month) {
  if ((fmask_ & Mask(kMonth)) && !have_text_month_ && !(fmask_ & Mask(kDay)) && tm_.mon >= 1 && tm_.mon <= 31) {
    tm_.mday = tm_.mon;
    tmask_ = Mask(kDay);
  }
  have_text_month_ = true;
  tm_.mon = month;
}

void DateTimeDecoder::FinishDateTime() {
  if (dtype_ != kDate) return;
  if ((fmask_ & kDateMask) != kDateMask) Fail(DecodeError::kBadFormat);
  // 'dst' needs a standard zone abbreviation, not a full zone or none.
  if ((fmask_ & Mask(kDtzMod)) && (named_tz_ != nullptr || abbrev_tz_ != nullptr || !(fmask_ & Mask(kTzToken)))) {
    Fail(DecodeError::kBadFormat);
  }
  if (abbrev_tz_ != nullptr) ResolveDynamicAbbrev(DaysFromCivil(tm_.year, tm_.mon, tm_.mday));
}

// DetermineTimeZoneAbbrevOffset: the abbreviation's meaning in its zone around the local time given,
// else the zone's offset then.
void DateTimeDecoder::ResolveDynamicAbbrev(int64_t days) {
  const int64_t local = days * kUsecsPerDay + ((tm_.hour * 60LL + tm_.min) * 60 + tm_.sec) * kUsecsPerSec + tm_.fsec;
  int32_t offset = 0;
  if (!abbrev_tz_->AbbrevOffset(abbrev_, abbrev_tz_->LocalToUtc(local), &offset)) {
    offset = abbrev_tz_->OffsetForLocal(local);
  }
  tz_ = offset;
  abbrev_tz_ = nullptr;
}

void DateTimeDecoder::FinishTimeOnly() {
  if (TimeOverflows(tm_)) Fail(DecodeError::kFieldOverflow);
  if ((fmask_ & kTimeMask) != kTimeMask) Fail(DecodeError::kBadFormat);
  if ((fmask_ & Mask(kDtzMod)) && (named_tz_ != nullptr || abbrev_tz_ != nullptr || !(fmask_ & Mask(kTzToken)))) {
    Fail(DecodeError::kBadFormat);
  }
  // A zone name with daylight rules needs the whole date; one with a fixed offset needs none.
  const int date_fields = fmask_ & kDateMask;
  int32_t fixed = 0;
  if (named_tz_ != nullptr && named_tz_->FixedOffset(&fixed)) {
    named_tz_ = nullptr;
    tz_ = fixed;
  } else if (named_tz_ != nullptr && date_fields != kDateMask) {
    Fail(DecodeError::kBadFormat);
  }
  // The session's zone and dynamic abbreviations are taken on the date given, or today's: a partial date
  // will not do.
  const bool needs_day = abbrev_tz_ != nullptr || !(fmask_ & Mask(kTzToken));
  if (needs_day && date_fields != 0 && date_fields != kDateMask) Fail(DecodeError::kBadFormat);
  if (abbrev_tz_ != nullptr) {
    ResolveDynamicAbbrev(date_fields != 0 ? DaysFromCivil(tm_.year, tm_.mon, tm_.mday) : TodayInSessionZone());
  }
}

DateTimeFields DateTimeDecoder::Result() const {
  DateTimeFields f;
  f.special = dtype_ == kDtkEpoch   ? DateTimeSpecial::kEpoch
              : dtype_ == kDtkLate  ? DateTimeSpecial::kInfinity
              : dtype_ == kDtkEarly ? DateTimeSpecial::kNegInfinity
                                    : DateTimeSpecial::kNone;
  f.has_date = (fmask_ & kDateMask) == kDateMask;
  f.year = tm_.year;
  f.month = tm_.mon;
  f.day = tm_.mday;
  f.hour = tm_.hour;
  f.minute = tm_.min;
  f.second = tm_.sec;
  f.micros = tm_.fsec;
  f.zone = named_tz_;
  f.has_tz = (fmask_ & Mask(kTzToken)) != 0 && named_tz_ == nullptr;
  f.tz_offset_seconds = tz_;
  return f;
}

}  // namespace dt

namespace {

// DateTimeParseError: the message for a decoder error, naming the type and the whole input.
DbError ParseError(dt::DecodeError error, std::string_view text, const char* type_name) {
  const std::string quoted = "\"" + std::string(text) + "\"";
  switch (error) {
    case dt::DecodeError::kFieldOverflow:
      return DbError(sqlstate::kDatetimeFieldOverflow, "date/time field value out of range: " + quoted);
    case dt::DecodeError::kMdFieldOverflow: {
      DbError e(sqlstate::kDatetimeFieldOverflow, "date/time field value out of range: " + quoted);
      e.Hint("Perhaps you need a different \"datestyle\" setting.");
      return e;
    }
    case dt::DecodeError::kTzDispOverflow:
      return DbError(sqlstate::kInvalidTimeZoneDisplacementValue, "time zone displacement out of range: " + quoted);
    case dt::DecodeError::kBadFormat:
      break;
  }
  return DbError(sqlstate::kInvalidDatetimeFormat,
                 std::string("invalid input syntax for type ") + type_name + ": " + quoted);
}

DateTimeFields Decode(std::string_view text, const char* type_name, bool time_only) {
  try {
    return dt::DateTimeDecoder(time_only).Decode(dt::ParseDateTime(text));
  } catch (const dt::DecodeFailure& failure) {
    throw ParseError(failure.error, text, type_name);
  }
}

}  // namespace

DateTimeFields ParseDateTimeFields(std::string_view text, const char* type_name) {
  return Decode(text, type_name, false);
}

DateTimeFields ParseTimeFields(std::string_view text, const char* type_name) {
  return Decode(text, type_name, true);
}

}  // namespace lumadb
