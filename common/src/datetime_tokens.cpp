// The date/time keyword table of PostgreSQL 15 (datetktbl in src/backend/utils/adt/datetime.c) and its
// lookups DecodeSpecial and DecodeTimezoneAbbrev.

#include <algorithm>
#include <optional>

#include "datetime_decode.h"
#include "zone_abbrevs.h"

namespace lumadb::dt {

namespace {

struct Keyword {
  std::string_view text;
  Token token;
};

// Sorted by text for the binary search, as datetktbl. TOKMAXLEN (10) truncation does not matter: no
// keyword is that long.
constexpr Keyword kKeywords[] = {
    {"-infinity", {kReserv, kDtkEarly}},
    {"ad", {kAdBc, kAd}},
    {"allballs", {kReserv, kDtkZulu}},
    {"am", {kAmPm, kAm}},
    {"apr", {kMonth, 4}},
    {"april", {kMonth, 4}},
    {"at", {kIgnore, 0}},
    {"aug", {kMonth, 8}},
    {"august", {kMonth, 8}},
    {"bc", {kAdBc, kBc}},
    {"d", {kUnits, kDtkDay}},
    {"dec", {kMonth, 12}},
    {"december", {kMonth, 12}},
    {"dow", {kUnits, kDtkDow}},
    {"doy", {kUnits, kDtkDoy}},
    {"dst", {kDtzMod, 3600}},
    {"epoch", {kReserv, kDtkEpoch}},
    {"feb", {kMonth, 2}},
    {"february", {kMonth, 2}},
    {"fri", {kDow, 5}},
    {"friday", {kDow, 5}},
    {"h", {kUnits, kDtkHour}},
    {"infinity", {kReserv, kDtkLate}},
    {"isodow", {kUnits, kDtkIsoDow}},
    {"isoyear", {kUnits, kDtkIsoYear}},
    {"j", {kUnits, kDtkJulian}},
    {"jan", {kMonth, 1}},
    {"january", {kMonth, 1}},
    {"jd", {kUnits, kDtkJulian}},
    {"jul", {kMonth, 7}},
    {"julian", {kUnits, kDtkJulian}},
    {"july", {kMonth, 7}},
    {"jun", {kMonth, 6}},
    {"june", {kMonth, 6}},
    {"m", {kUnits, kDtkMonth}},
    {"mar", {kMonth, 3}},
    {"march", {kMonth, 3}},
    {"may", {kMonth, 5}},
    {"mm", {kUnits, kDtkMinute}},
    {"mon", {kDow, 1}},
    {"monday", {kDow, 1}},
    {"nov", {kMonth, 11}},
    {"november", {kMonth, 11}},
    {"now", {kReserv, kDtkNow}},
    {"oct", {kMonth, 10}},
    {"october", {kMonth, 10}},
    {"on", {kIgnore, 0}},
    {"pm", {kAmPm, kPm}},
    {"s", {kUnits, kDtkSecond}},
    {"sat", {kDow, 6}},
    {"saturday", {kDow, 6}},
    {"sep", {kMonth, 9}},
    {"sept", {kMonth, 9}},
    {"september", {kMonth, 9}},
    {"sun", {kDow, 0}},
    {"sunday", {kDow, 0}},
    {"t", {kIsoTime, kDtkTime}},
    {"thu", {kDow, 4}},
    {"thur", {kDow, 4}},
    {"thurs", {kDow, 4}},
    {"thursday", {kDow, 4}},
    {"today", {kReserv, kDtkToday}},
    {"tomorrow", {kReserv, kDtkTomorrow}},
    {"tue", {kDow, 2}},
    {"tues", {kDow, 2}},
    {"tuesday", {kDow, 2}},
    {"wed", {kDow, 3}},
    {"wednesday", {kDow, 3}},
    {"weds", {kDow, 3}},
    {"y", {kUnits, kDtkYear}},
    {"yesterday", {kReserv, kDtkYesterday}},
};

const Keyword* Find(std::string_view lower) {
  const auto* it = std::lower_bound(std::begin(kKeywords), std::end(kKeywords), lower,
                                    [](const Keyword& k, std::string_view key) { return k.text < key; });
  return it != std::end(kKeywords) && it->text == lower ? it : nullptr;
}

}  // namespace

void Fail(DecodeError error) {
  throw DecodeFailure{error};
}

bool IsDateKeyword(std::string_view lower) {
  return Find(lower) != nullptr;
}

Token DecodeSpecial(std::string_view lower) {
  const Keyword* k = Find(lower);
  return k != nullptr ? k->token : Token{kUnknownField, 0};
}

Token LookupWord(std::string_view lower) {
  if (std::optional<int32_t> offset = ZoneAbbrevOffset(lower)) return Token{kTzToken, *offset};
  if (const TimeZone* zone = ZoneAbbrevDynamic(lower)) return Token{kDynTz, 0, zone};
  return DecodeSpecial(lower);
}

}  // namespace lumadb::dt
