// DecodeDateTime / DecodeTimeOnly of PostgreSQL 15 (src/backend/utils/adt/datetime.c): the field loop,
// dates, times, zones and numbers. Words are in datetime_decoder_words.cpp.

#include "datetime_decoder.h"

#include <cctype>
#include <cstring>

#include "common/error.h"
#include "common/time_zone.h"

namespace lumadb::dt {

namespace {

constexpr int64_t kUsecsPerSec = 1000000;
constexpr int64_t kUsecsPerDay = 86400 * kUsecsPerSec;

// dt2time: a time of day in microseconds as fields.
void SplitTimeOfDay(int64_t time, Tm* tm) {
  tm->hour = static_cast<int>(time / (3600 * kUsecsPerSec));
  time -= tm->hour * 3600 * kUsecsPerSec;
  tm->min = static_cast<int>(time / (60 * kUsecsPerSec));
  time -= tm->min * 60 * kUsecsPerSec;
  tm->sec = static_cast<int>(time / kUsecsPerSec);
  tm->fsec = time - tm->sec * kUsecsPerSec;
}

}  // namespace

DateTimeFields DateTimeDecoder::Decode(const std::vector<Field>& fields) {
  fields_ = &fields;
  dtype_ = time_only_ ? kTime : kDate;
  for (size_t i = 0; i < fields.size(); ++i) {
    switch (fields[i].type) {
      case kDate:
        time_only_ ? DateFieldOfTimeOnly(i) : DateField(i);
        break;
      case kTime:
        TimeField(i);
        break;
      case kTz:
        tz_ = DecodeTimezone(fields[i].text);
        tmask_ = Mask(kTzToken);
        break;
      case kNumber:
        if (ptype_ != 0) {
          PrefixedNumber(i);
        } else if (time_only_) {
          PlainNumberOfTimeOnly(i);
        } else {
          PlainNumber(i);
        }
        break;
      case kString:
      case kSpecial:
        if (!WordField(i)) continue;  // 'at', 'on'
        break;
      default:
        Fail(DecodeError::kBadFormat);
    }
    if (tmask_ & fmask_) Fail(DecodeError::kBadFormat);
    fmask_ |= tmask_;
  }
  ValidateDate(fmask_, isjulian_, is2digits_, bc_, &tm_);
  if (mer_ != kHr24 && tm_.hour > 12) Fail(DecodeError::kFieldOverflow);
  if (mer_ == kAm && tm_.hour == 12) {
    tm_.hour = 0;
  } else if (mer_ == kPm && tm_.hour != 12) {
    tm_.hour += 12;
  }
  time_only_ ? FinishTimeOnly() : FinishDateTime();
  return Result();
}

// DecodeDateTime's DTK_DATE: a Julian day with a zone ('j2451187-08'), a zone name or 'hhmmss-zz' once
// month and day are known (or after a unit), else a date.
void DateTimeDecoder::DateField(size_t i) {
  const std::string& text = (*fields_)[i].text;
  if (ptype_ == kDtkJulian) {
    bool overflow = false;
    const char* cp = nullptr;
    const int val = StrToInt(text.c_str(), &cp, &overflow);
    if (overflow || val < 0) Fail(DecodeError::kFieldOverflow);
    JulianToDate(val, &tm_);
    isjulian_ = true;
    tz_ = DecodeTimezone(cp);
    tmask_ = kDateMask | kTimeMask | Mask(kTzToken);
    ptype_ = 0;
  } else if (ptype_ != 0 || (fmask_ & (Mask(kMonth) | Mask(kDay))) == (Mask(kMonth) | Mask(kDay))) {
    if (std::isdigit(static_cast<unsigned char>(text[0])) || ptype_ != 0) {
      if (ptype_ != 0) {  // only a preceding 't'
        if (ptype_ != kDtkTime) Fail(DecodeError::kBadFormat);
        ptype_ = 0;
      }
      if ((fmask_ & kTimeMask) == kTimeMask) Fail(DecodeError::kBadFormat);
      ZoneSuffixedTime(text);
    } else {
      NamedZone(text);
    }
  } else {
    DecodeDate(text, fmask_, &tmask_, &is2digits_, &tm_);
  }
}

// DecodeTimeOnly's DTK_DATE: a date only as the first of several fields, else 'hhmmss-zz' or a zone
// name.
void DateTimeDecoder::DateFieldOfTimeOnly(size_t i) {
  const std::vector<Field>& f = *fields_;
  const std::string& text = f[i].text;
  if (i == 0 && f.size() >= 2 && (f.back().type == kDate || f[1].type == kTime)) {
    DecodeDate(text, fmask_, &tmask_, &is2digits_, &tm_);
  } else if (std::isdigit(static_cast<unsigned char>(text[0]))) {
    if ((fmask_ & kTimeMask) == kTimeMask) Fail(DecodeError::kBadFormat);
    ZoneSuffixedTime(text);
  } else {
    NamedZone(text);
  }
}

// 'hhmmss-zz': the zone after the '-', the rest a run-together time.
void DateTimeDecoder::ZoneSuffixedTime(const std::string& text) {
  const size_t dash = text.find('-');
  if (dash == std::string::npos) Fail(DecodeError::kBadFormat);
  tz_ = DecodeTimezone(text.substr(dash));
  const int extra = time_only_ ? kDateMask : 0;
  DecodeNumberField(text.substr(0, dash), fmask_ | extra, &tmask_, &tm_, &is2digits_);
  tmask_ |= Mask(kTzToken);
}

// pg_tzset: the offset is resolved later, once the date is known.
void DateTimeDecoder::NamedZone(const std::string& text) {
  named_tz_ = TimeZone::Find(text);
  if (named_tz_ == nullptr) {
    throw DbError(sqlstate::kInvalidParameterValue, "time zone \"" + text + "\" not recognized");
  }
  tmask_ = Mask(kTzToken);
}

void DateTimeDecoder::TimeField(size_t i) {
  if (ptype_ != 0 && !time_only_) {  // an ISO time after 't' (DecodeTimeOnly lets the unit stand)
    if (ptype_ != kDtkTime) Fail(DecodeError::kBadFormat);
    ptype_ = 0;
  }
  DecodeTime((*fields_)[i].text, &tmask_, &tm_);
  if (!time_only_ && TimeOverflows(tm_)) Fail(DecodeError::kFieldOverflow);
}

// A number after a unit word: 'j2451187', 'y2001m02d04', 't040506'.
void DateTimeDecoder::PrefixedNumber(size_t i) {
  const std::string& text = (*fields_)[i].text;
  bool overflow = false;
  const char* cp = nullptr;
  const int val = StrToInt(text.c_str(), &cp, &overflow);
  if (overflow) Fail(DecodeError::kFieldOverflow);
  if (*cp == '.') {
    if (ptype_ != kDtkJulian && ptype_ != kDtkTime && ptype_ != kDtkSecond) Fail(DecodeError::kBadFormat);
  } else if (*cp != '\0') {
    Fail(DecodeError::kBadFormat);
  }
  switch (ptype_) {
    case kDtkYear:
      tm_.year = val;
      tmask_ = Mask(kYear);
      break;
    case kDtkMonth:  // after a month and an hour, 'm' means minutes
      if ((fmask_ & Mask(kMonth)) && (fmask_ & Mask(kHour))) {
        tm_.min = val;
        tmask_ = Mask(kMinute);
      } else {
        tm_.mon = val;
        tmask_ = Mask(kMonth);
      }
      break;
    case kDtkDay:
      tm_.mday = val;
      tmask_ = Mask(kDay);
      break;
    case kDtkHour:
      tm_.hour = val;
      tmask_ = Mask(kHour);
      break;
    case kDtkMinute:
      tm_.min = val;
      tmask_ = Mask(kMinute);
      break;
    case kDtkSecond:
      tm_.sec = val;
      tmask_ = Mask(kSecond);
      if (*cp == '.') {
        tm_.fsec = ParseFractionalSecond(cp);
        tmask_ = kAllSecsMask;
      }
      break;
    case kDtkJulian:
      if (val < 0) Fail(DecodeError::kFieldOverflow);
      tmask_ = kDateMask;
      JulianToDate(val, &tm_);
      isjulian_ = true;
      if (*cp == '.') {  // a fractional Julian day
        SplitTimeOfDay(static_cast<int64_t>(ParseFraction(cp) * kUsecsPerDay), &tm_);
        tmask_ |= kTimeMask;
      }
      break;
    case kDtkTime:
      DecodeNumberField(text, fmask_ | kDateMask, &tmask_, &tm_, &is2digits_);
      if (tmask_ != kTimeMask) Fail(DecodeError::kBadFormat);
      break;
    default:
      Fail(DecodeError::kBadFormat);
  }
  ptype_ = 0;
  dtype_ = kDate;
}

// DecodeDateTime's plain number: 'yyyy.ddd', a run-together date or time, or one date/time part.
// Six or more digits are a date or time unless both are known, so long years come last or in ISO form.
void DateTimeDecoder::PlainNumber(size_t i) {
  const std::string& text = (*fields_)[i].text;
  const size_t dot = text.find('.');
  if (dot != std::string::npos && !(fmask_ & kDateMask)) {
    DecodeDate(text, fmask_, &tmask_, &is2digits_, &tm_);
  } else if (dot != std::string::npos && dot > 2) {
    DecodeNumberField(text, fmask_, &tmask_, &tm_, &is2digits_);
  } else if (text.size() >= 6 && (!(fmask_ & kDateMask) || !(fmask_ & kTimeMask))) {
    DecodeNumberField(text, fmask_, &tmask_, &tm_, &is2digits_);
  } else {
    DecodeNumber(text, have_text_month_, fmask_, &tmask_, &tm_, &is2digits_);
  }
}

// DecodeTimeOnly's plain number: a date only first and with a date field last, else a time.
void DateTimeDecoder::PlainNumberOfTimeOnly(size_t i) {
  const std::vector<Field>& f = *fields_;
  const std::string& text = f[i].text;
  const size_t dot = text.find('.');
  if (dot != std::string::npos) {
    if (i == 0 && f.size() >= 2 && f.back().type == kDate) {
      DecodeDate(text, fmask_, &tmask_, &is2digits_, &tm_);
    } else if (dot > 2) {
      DecodeNumberField(text, fmask_ | kDateMask, &tmask_, &tm_, &is2digits_);
    } else {
      Fail(DecodeError::kBadFormat);
    }
  } else if (text.size() > 4) {
    DecodeNumberField(text, fmask_ | kDateMask, &tmask_, &tm_, &is2digits_);
  } else {
    DecodeNumber(text, false, fmask_ | kDateMask, &tmask_, &tm_, &is2digits_);
  }
}

}  // namespace lumadb::dt
