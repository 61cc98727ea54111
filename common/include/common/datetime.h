#pragma once
// Dates and timestamps: calendar arithmetic and text I/O with PostgreSQL 15's rules
// (src/backend/utils/adt/{date,timestamp,datetime}.c), DateStyle ISO with the session's field order and
// TimeZone (common/time_zone.h).
//
// A date is days since 2000-01-01 (POSTGRES_EPOCH_JDATE); a timestamp is microseconds since
// 2000-01-01 00:00:00 (UTC for timestamptz). ±infinity are the extreme values, as in PostgreSQL.

#include <cstdint>
#include <string>
#include <string_view>

namespace lumadb {

inline constexpr int64_t kDateNoBegin = INT32_MIN;  // DATEVAL_NOBEGIN: '-infinity'
inline constexpr int64_t kDateNoEnd = INT32_MAX;    // DATEVAL_NOEND: 'infinity'
inline constexpr int64_t kTimestampNoBegin = INT64_MIN;
inline constexpr int64_t kTimestampNoEnd = INT64_MAX;
inline constexpr int64_t kUsecsPerDay = 86400000000LL;

/// Days since 2000-01-01 of a proleptic Gregorian date; year 0 is 1 BC (date2j).
int64_t DaysFromCivil(int64_t year, int32_t month, int32_t day);
/// Inverse of DaysFromCivil (j2date).
void CivilFromDays(int64_t days, int64_t* year, int32_t* month, int32_t* day);
/// Days in a month of a proleptic Gregorian year (astronomical numbering: year 0 is a leap year).
int DaysInMonth(int64_t year, int month);
/// date2timestamp: midnight of a date; infinite dates become infinite timestamps. Throws 22008 "date out of
/// range for timestamp" past 294276-12-31.
int64_t DateToTimestamp(int64_t days);
/// True when a date (days) lies in PostgreSQL's range 4714-11-24 BC .. 5874897-12-31 (or is ±infinity).
bool IsValidDate(int64_t days);
/// True when a timestamp lies in PostgreSQL's range 4714-11-24 BC .. 294276-12-31 (or is ±infinity).
bool IsValidTimestamp(int64_t micros);

/// The field order DateStyle gives ambiguous numeric dates such as '05/04/2024' (PostgreSQL's DateOrder).
enum class DateOrder { kMDY, kDMY, kYMD };

/// Sets the order ParseDate/ParseTimestamp use on the calling thread. Per thread because each session runs
/// on its own thread, as PostgreSQL keeps DateOrder per backend; the default is kMDY.
void SetDateOrder(DateOrder order);
/// The calling thread's date order.
DateOrder CurrentDateOrder();

/// DateStyle's output format (PostgreSQL's DateStyle: USE_ISO_DATES, USE_SQL_DATES, USE_POSTGRES_DATES,
/// USE_GERMAN_DATES).
enum class DateStyle { kIso, kSql, kPostgres, kGerman };
/// Sets the output format FormatDate/FormatTimestamp use on the calling thread (default kIso).
void SetDateStyle(DateStyle style);

/// date_in: every form PostgreSQL 15's DecodeDateTime accepts (ISO, DateStyle-ordered M/D/Y, D/M/Y or
/// Y/M/D, text months, 'yyyymmdd', 'yyyy.ddd', Julian 'J2451187', BC/AD, 'epoch', '[-]infinity',
/// 'now'/'today'/'yesterday'/'tomorrow'); a time part is accepted and ignored.
/// Throws 22007 "invalid input syntax for type date", 22008 "date/time field value out of range" (with
/// the datestyle HINT where PostgreSQL gives it) and "date out of range", 22009 for a zone past 15 hours.
int64_t ParseDate(std::string_view text);
/// timestamp_in / timestamptz_in (DecodeDateTime): a date as ParseDate plus an optional time
/// 'HH:MM[:SS[.ffffff]]' (also after 'T', or run together 'hhmmss') and a zone: 'Z', an abbreviation
/// ('PST', or a dynamic one such as 'MSK'), '+hh', '+hh:mm', '-hhmm' or a zone name ('Europe/Paris',
/// 'UTC+3' in POSIX's west-positive sign). With with_tz the zone shifts the value to UTC (no zone means
/// the session's TimeZone, a skipped or repeated local time resolved as DetermineTimeZoneOffset does);
/// without it the zone is ignored, as PostgreSQL does. 'now' is the input instant (NowMicros) as the
/// session zone's wall time; 'today', 'tomorrow', 'yesterday' days of that zone. typmod (0..6 or -1)
/// rounds the fraction. Throws 22007 (naming the type "timestamp" or "timestamp with time zone"), 22008
/// (also "timestamp out of range"), 22009, 22023 "time zone \"x\" not recognized".
int64_t ParseTimestamp(std::string_view text, bool with_tz, int32_t typmod);

/// date_out (EncodeDateOnly) in the thread's DateStyle: ISO 'YYYY-MM-DD', SQL 'MM/DD/YYYY' ('DD/MM/YYYY'
/// with DMY order), German 'DD.MM.YYYY', Postgres 'MM-DD-YYYY' ('DD-MM-YYYY'); ' BC' appended for years
/// before 1 AD; 'infinity' / '-infinity'.
std::string FormatDate(int64_t days);
/// timestamp_out / timestamptz_out (EncodeDateTime) in the thread's DateStyle: ISO 'YYYY-MM-DD
/// HH:MM:SS[.ffffff]' (fraction without trailing zeros), SQL 'MM/DD/YYYY HH:MM:SS', German 'DD.MM.YYYY
/// HH:MM:SS', Postgres 'Mon Jul 01 12:00:00 2024'. A timestamptz is shown in the session's TimeZone with
/// its UTC offset ('+02', '-03:30', '+00:53:28') in ISO, its abbreviation (' CEST', ' LMT') otherwise;
/// ' BC' last.
std::string FormatTimestamp(int64_t micros, bool with_tz);
/// EncodeTimezone: an offset east of UTC as '+hh', '+hh:mm' or '+hh:mm:ss' (minutes and seconds only when
/// non-zero).
std::string FormatUtcOffset(int32_t seconds_east);
/// Sets the instant that 'now', 'today', 'tomorrow' and 'yesterday' in input stand for on the calling
/// thread: PostgreSQL's GetCurrentTransactionStartTimestamp, so they do not move within a transaction.
/// 0 (the default) reads the clock.
void SetInputNow(int64_t micros);
/// That instant (microseconds since 2000-01-01 UTC).
int64_t NowMicros();
/// The session zone's local date (days since 2000-01-01) of NowMicros().
int64_t TodayInSessionZone();

/// AdjustTimestampForTypmod: rounds to `precision` (0..6) fractional digits, half away from zero.
int64_t RoundTimestamp(int64_t micros, int32_t precision);

}  // namespace lumadb
