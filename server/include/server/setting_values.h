#pragma once
// Parsing and display of configuration values, following PostgreSQL 15 guc.c (parse_bool, parse_int with
// units, enum lookup, flatten_set_variable_args, _ShowOption) and the check hooks of variable.c
// (check_datestyle, check_timezone, check_client_encoding). All errors are 22023 invalid_parameter_value
// in PostgreSQL's wording unless noted.

#include <string>
#include <vector>

#include "server/setting_defs.h"

namespace lumadb::server {

/// Turns the items of `SET name = a, b` (or one config-file value) into the parameter's canonical value.
/// `given_name` is the name as the user wrote it (PostgreSQL's messages quote it so), `current` the value
/// in force. Throws 22023 "SET x takes only one argument", "parameter \"x\" requires a Boolean value",
/// "invalid value for parameter \"x\": \"v\"" (with the units or allowed-values HINT), "N is outside the
/// valid range for parameter \"x\" (min .. max)".
std::string ParseSettingValue(const SettingDef& def, const std::string& given_name,
                              const std::vector<std::string>& items, const std::string& current);

/// SHOW's display of a canonical value: integers with units in the largest exact unit ("128MB", "1500ms",
/// "1h"), everything else as stored.
std::string FormatSettingValue(const SettingDef& def, const std::string& canonical);

/// Splits a list value such as search_path ('"$user", public') into its items, unquoting identifiers.
std::vector<std::string> SplitIdentifierList(const std::string& value);

// String check hooks (StringCheck): each returns the canonical value or throws 22023.
std::string CheckDateStyle(const std::string& value, const std::string& current);
/// check_timezone (setting_timezone.cpp): a zone name TimeZone::Find knows (its canonical spelling), hours
/// east of UTC ('-7' -> "<-07>+07"), or "INTERVAL '05:30:00'" from SET TIME ZONE INTERVAL. Throws 22023
/// "invalid value for parameter \"TimeZone\": \"x\"" (detail "UTC timezone offset is out of range.",
/// "Cannot specify months/days in time zone interval.").
std::string CheckTimeZone(const std::string& value, const std::string& current);
/// initdb's select_default_timezone, simplified: the TZ environment variable, else the zone /etc/localtime
/// links to, else /etc/timezone, when TimeZone::Find knows it; else "GMT".
std::string DetectSystemTimeZone();
/// Only UTF8 is served: other valid encodings are 0A000 "conversion between X and UTF8 is not supported".
std::string CheckClientEncoding(const std::string& value, const std::string& current);
/// synchronous_commit: local, remote_write, remote_apply, on, off and the Boolean spellings PostgreSQL
/// also accepts (true/yes/1 -> on, false/no/0 -> off).
std::string CheckSynchronousCommit(const std::string& value, const std::string& current);
/// ssl_min_protocol_version: TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3 in any case, canonically spelt
/// (PostgreSQL's enum shows "TLSv1.2"); 22023 with the list of available values otherwise.
std::string CheckSslMinProtocolVersion(const std::string& value, const std::string& current);
/// parallel_setup_cost and parallel_tuple_cost: PostgreSQL's real GUCs (0 .. DBL_MAX), shown as guc.c shows
/// reals ("%g"); 22023 "invalid value for parameter" otherwise.
std::string CheckParallelSetupCost(const std::string& value, const std::string& current);
std::string CheckParallelTupleCost(const std::string& value, const std::string& current);
/// Replaces non-printable-ASCII bytes with '?' and truncates to 63 bytes, as PostgreSQL does.
std::string CheckApplicationName(const std::string& value, const std::string& current);

}  // namespace lumadb::server
