#pragma once
// The table of built-in scalar functions (private to the planner; resolved through function_registry.h).

#include <string>
#include <string_view>
#include <vector>

#include "planner/function_registry.h"

namespace lumadb::planner {

/// Every built-in scalar overload, in the order ties are broken (first wins).
const std::vector<ScalarFunction>& BuiltinFunctions();

/// pg_get_function_arguments & co and pg_function_is_visible, from function_describe.cpp.
void AddFunctionInfoBuiltins(std::vector<ScalarFunction>& out);
/// The system information functions (pg_table_is_visible, format_type, pg_get_indexdef, ...), from
/// builtin_catalog.cpp.
void AddCatalogBuiltins(std::vector<ScalarFunction>& out);
/// The string builtins (length, lower, substring, trim, ...), from builtin_string.cpp.
void AddStringBuiltins(std::vector<ScalarFunction>& out);
/// The POSIX regular-expression builtins (textregexeq, regexp_replace, regexp_like, ...), from
/// builtin_regex.cpp.
void AddRegexBuiltins(std::vector<ScalarFunction>& out);
/// The numeric builtins (abs, round, trunc, ceil, floor, sqrt, power, mod, sign), from builtin_math.cpp.
void AddMathBuiltins(std::vector<ScalarFunction>& out);
/// The session builtins (now, current_date, version, current_user, ...), from builtin_session.cpp.
void AddSessionBuiltins(std::vector<ScalarFunction>& out);
/// clock_timestamp, pg_sleep, pg_sleep_for, pg_sleep_until, pg_backend_pid, pg_cancel_backend,
/// pg_terminate_backend, from builtin_admin.cpp.
void AddAdminBuiltins(std::vector<ScalarFunction>& out);
/// The date/time and uuid builtins (extract, date_part, justify_*, gen_random_uuid, current_time, localtime,
/// localtimestamp), from builtin_datetime.cpp.
void AddDateTimeBuiltins(std::vector<ScalarFunction>& out);
/// overlaps() (the OVERLAPS predicate) over timestamptz, timestamp, time and timetz, from builtin_overlaps.cpp.
void AddOverlapsBuiltins(std::vector<ScalarFunction>& out);
/// timezone() (AT TIME ZONE), date_trunc, age, make_timestamp[tz] (builtin_timezone.cpp).
void AddTimeZoneBuiltins(std::vector<ScalarFunction>& out);
/// The sequence functions (nextval, currval, setval, lastval), from builtin_sequence.cpp.
void AddSequenceBuiltins(std::vector<ScalarFunction>& out);
/// The json and jsonb functions and the functions of their operators, from builtin_json*.cpp.
void AddJsonBuiltins(std::vector<ScalarFunction>& out);
/// exp, ln, log, trigonometric and hyperbolic functions of float8, from builtin_float*.cpp.
void AddFloatBuiltins(std::vector<ScalarFunction>& out);
/// float8_accum, float8_regr_accum, float8_combine, float8_regr_combine (builtin_float_accum.cpp).
void AddFloatAccumBuiltins(std::vector<ScalarFunction>& out);
/// float8pow (power(float8, float8)) with PostgreSQL's NaN and infinity rules.
Value FloatPower(const std::vector<Value>& args, const FunctionEnv& env);
/// scale, div, gcd, lcm, factorial, width_bucket, power(numeric), from builtin_numeric.cpp.
void AddNumericBuiltins(std::vector<ScalarFunction>& out);
/// concat_ws, reverse, lpad, translate, chr, quote_*, ..., from builtin_string_more.cpp.
void AddMoreStringBuiltins(std::vector<ScalarFunction>& out);
/// format(), from builtin_format.cpp.
void AddFormatBuiltins(std::vector<ScalarFunction>& out);
/// quote_ident: double-quotes an identifier unless it is lower-case and no keyword (ruleutils.c).
std::string QuoteIdent(std::string_view ident);
/// quote_literal: single-quotes text, doubling quotes and backslashes, E'' when it has a backslash.
std::string QuoteLiteral(std::string_view s);
/// Appends code point c (at most 0x10FFFF) to out in UTF-8 (from builtin_unistr.cpp).
void AppendUtf8(std::string& out, uint32_t c);
/// similar_to_escape (SIMILAR TO), from builtin_similar.cpp.
void AddSimilarBuiltins(std::vector<ScalarFunction>& out);
/// make_date, make_time, isfinite, date_bin, unistr, from builtin_datetime_more.cpp.
void AddMoreDateTimeBuiltins(std::vector<ScalarFunction>& out);
/// to_char, to_number, to_date, to_timestamp, from builtin_formatting.cpp.
void AddFormattingBuiltins(std::vector<ScalarFunction>& out);
/// string_to_array, from builtin_array.cpp.
void AddArrayBuiltins(std::vector<ScalarFunction>& out);

/// The polymorphic array functions and operators of builtin_array.cpp (array_length, array_append, ...,
/// and the internal "array" constructor, "subscript", "slice*", "@>", "<@", "&&", "= ANY", "<> ALL", ...)
/// taking nargs arguments, or null. Their kInvalid argument/result types are resolved by the binder.
const ScalarFunction* FindArrayFunction(std::string_view name, size_t nargs);

}  // namespace lumadb::planner
