#pragma once
// DecodeDateTime and DecodeTimeOnly of PostgreSQL 15 (src/backend/utils/adt/datetime.c) as one class:
// the two walk the fields the same way and differ in a few cases (dates inside time input, the final
// checks). Private to common/.

#include <string>
#include <vector>

#include "datetime_decode.h"
#include "datetime_parse.h"

namespace lumadb::dt {

/// Decodes the fields of one input. Throws DecodeFailure, and DbError 22023 "time zone \"x\" not
/// recognized" for an unknown zone name with punctuation (PostgreSQL reports that one directly).
class DateTimeDecoder {
 public:
  /// time_only selects DecodeTimeOnly (time, timetz) over DecodeDateTime (date, timestamp[tz]).
  explicit DateTimeDecoder(bool time_only) : time_only_(time_only) {}

  /// Runs the decoder over ParseDateTime's fields.
  DateTimeFields Decode(const std::vector<Field>& fields);

 private:
  void DateField(size_t i);
  void DateFieldOfTimeOnly(size_t i);
  void ZoneSuffixedTime(const std::string& text);
  void NamedZone(const std::string& text);
  void TimeField(size_t i);
  void PrefixedNumber(size_t i);
  void PlainNumber(size_t i);
  void PlainNumberOfTimeOnly(size_t i);
  bool WordField(size_t i);
  void ReservedWord(int value);
  void IsoTimeWord(size_t i);
  void MonthWord(int month);
  void FinishDateTime();
  void FinishTimeOnly();
  void ResolveDynamicAbbrev(int64_t days);
  DateTimeFields Result() const;

  const bool time_only_;
  const std::vector<Field>* fields_ = nullptr;
  int fmask_ = 0;
  int tmask_ = 0;
  int ptype_ = 0;  // the unit a previous field named ('j', 't', 'y', ...), DecodeDateTime's ptype
  int dtype_ = 0;  // kDate, or the RESERV value of 'epoch', 'infinity', '-infinity'
  Tm tm_;
  int tz_ = 0;  // seconds east of UTC
  int mer_ = kHr24;
  bool have_text_month_ = false;
  bool isjulian_ = false;
  bool is2digits_ = false;
  bool bc_ = false;
  const TimeZone* named_tz_ = nullptr;
  const TimeZone* abbrev_tz_ = nullptr;  // a dynamic abbreviation's zone, resolved once the date is known
  std::string abbrev_;
};

}  // namespace lumadb::dt
