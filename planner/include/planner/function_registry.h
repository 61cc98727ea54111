#pragma once
// The built-in function and aggregate registry: name, argument types, result type and implementation,
// as PostgreSQL's pg_proc/pg_aggregate (catalog pg_proc.dat) for the functions LumaDB supports. Function
// resolution follows PostgreSQL's func_select_candidate (parser/parse_func.c) in simplified form.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/value.h"

namespace lumadb::catalog {
class CatalogInquiry;
}

namespace lumadb::planner {

/// The sequence functions' access to sequences (implemented by exec over the catalog and the session's
/// currval state). Names are regclass text as PostgreSQL parses it: 's', 'public.s', '"S"'.
class SequenceFunctions {
 public:
  virtual ~SequenceFunctions() = default;
  /// nextval(regclass): 42809 '"t" is not a sequence', XX000 for an OID no relation has, 2200H at the limit.
  virtual int64_t NextVal(Oid sequence) = 0;
  /// currval(regclass): 55000 'currval of sequence "s" is not yet defined in this session'.
  virtual int64_t CurrVal(Oid sequence) = 0;
  /// setval(regclass, value, is_called); returns value. 22003 when out of bounds.
  virtual int64_t SetVal(Oid sequence, int64_t value, bool is_called) = 0;
  /// lastval(): 55000 'lastval is not yet defined in this session'.
  virtual int64_t LastVal() = 0;
};

/// The server's sessions as the server signalling and statistics functions see them (implemented by
/// server/ over its session table): pg_backend_pid, pg_cancel_backend, pg_terminate_backend
/// (storage/ipc/signalfuncs.c) and the rows of pg_stat_activity (utils/adt/pgstatfuncs.c).
class BackendControl {
 public:
  virtual ~BackendControl() = default;
  /// The calling session's process id.
  virtual int32_t BackendPid() const = 0;
  /// Cancels the running statement (terminate: ends the session) of session `pid`; waits up to
  /// timeout_ms (terminate only, 0: not at all) for it to end. False with WARNING "PID n is not a
  /// PostgreSQL backend process" for an unknown pid and with WARNING "backend with PID n did not
  /// terminate within m milliseconds" when the wait times out. 42501 when the caller may not signal it
  /// (PostgreSQL 15's "must be a superuser to cancel superuser query" and "must be a member of the role
  /// whose query is being canceled or member of pg_signal_backend", and the terminate wordings).
  virtual bool SignalBackend(int32_t pid, bool terminate, int64_t timeout_ms) = 0;
  /// One row per session in pg_stat_activity's columns (PgStatActivityColumns).
  virtual std::vector<Row> ActivityRows() = 0;
  /// One row per client session the caller may see, in pg_stat_ssl's columns (PgStatSslColumns).
  virtual std::vector<Row> SslRows() = 0;
  /// Sets the calling session's wait_event_type and wait_event ("Timeout", "PgSleep"); nullptr clears them.
  virtual void ReportWait(const char* type, const char* event) = 0;
};

/// The access privilege inquiry functions (has_table_privilege & co, pg_has_role: acl.c), answered by exec
/// over the catalog for the current user.
class PrivilegeFunctions {
 public:
  virtual ~PrivilegeFunctions() = default;
  /// `function` is the SQL name; args as the call passed them (a role name or OID first in the 3-argument
  /// forms). nullopt: NULL (an object OID that names nothing). Throws 42704 for an unknown role, 42P01 /
  /// 3F000 / 3D000 / 42703 for an unknown object, 22023 "unrecognized privilege type: \"x\"".
  virtual std::optional<bool> Check(std::string_view function, const std::vector<Value>& args) = 0;
};

/// What session-dependent functions (now(), current_user, current_setting...) read at execution time.
struct FunctionEnv {
  int64_t transaction_start_us = 0;  // microseconds since 2000-01-01 UTC
  int64_t statement_start_us = 0;
  std::string user;          // current_user
  std::string session_user;  // session_user (empty: user)
  std::string database;
  /// The existing schemas of the search path in order ("$user" expanded), with the implicitly searched
  /// pg_catalog first when `implicit` and the path does not list it (current_schemas). Computed on
  /// demand: most statements never ask. Empty where no session is.
  std::function<std::vector<std::string>(bool implicit)> schemas;
  /// current_setting(name): throws 42704 for an unknown parameter.
  std::function<std::string(std::string_view)> get_setting;
  /// pg_reload_conf(): reloads pg_hba.conf, true when signalled; null where no server is (throws 0A000).
  std::function<bool()> reload_config;
  /// nextval/currval/setval/lastval; null where no session is (constant folding: such calls are volatile
  /// and never folded).
  SequenceFunctions* sequences = nullptr;
  /// The statement's interrupt check (cancel, statement_timeout, terminate: throws 57014/57P01), for
  /// functions that wait (pg_sleep); null where no session is.
  std::function<void()> check_interrupts;
  /// The server's sessions (pg_backend_pid, pg_cancel_backend, ...); null where no session is.
  BackendControl* backends = nullptr;
  /// has_table_privilege & co; null where no session is (the calls are volatile, never folded).
  PrivilegeFunctions* privileges = nullptr;
  /// pg_get_function_arguments & co for a user function (what: "arguments", "identity", "result",
  /// "definition", or "visible" answering "t"/"f"); nullopt when no function has that OID. Null where no
  /// session is.
  std::function<std::optional<std::string>(std::string_view what, Oid oid)> describe_function;
  /// pg_table_is_visible, pg_get_userbyid, pg_get_indexdef & co (catalog/inquiry.h); null where no session
  /// is (the calls then return NULL).
  catalog::CatalogInquiry* inquiry = nullptr;
};

/// A scalar function implementation over already-coerced arguments (no NULLs when the function is strict).
using ScalarImpl = Value (*)(const std::vector<Value>& args, const FunctionEnv& env);

/// A built-in scalar function overload. kInvalid in arg_types means "any type" (concat's VARIADIC "any").
struct ScalarFunction {
  const char* name;
  std::vector<TypeId> arg_types;
  TypeId result;
  ScalarImpl impl;
  bool strict = true;     // NULL in any argument gives NULL without calling impl
  bool variadic = false;  // the last arg type repeats (zero or more times)
  /// Volatile (pg_proc.provolatile 'v', e.g. nextval): every evaluation may differ or change state, so a
  /// call is evaluated once per row and never treated as a constant (no index bound, no folding).
  bool is_volatile = false;
};

/// Aggregate kinds, implemented by exec's aggregate states.
/// json[b]_object_agg(k, v) take one argument here: the binder passes json[b]_build_array(k, v).
enum class AggKind {
  kCountStar,
  kCount,
  kSum,
  kAvg,
  kMin,
  kMax,
  kArrayAgg,
  kJsonAgg,
  kJsonbAgg,
  kJsonObjectAgg,
  kJsonbObjectAgg,
  // aggregate_extra.cpp in exec (PostgreSQL's varlena.c string_agg, bool.c, int.c bitand, float.c and
  // numeric.c variance family, orderedsetaggs.c)
  kStringAgg,       // string_agg(value, delimiter): the delimiter is AggregateSpec::extra[0]
  kBoolAnd,         // bool_and, every
  kBoolOr,          // bool_or
  kBitAnd,          // bit_and (integer types)
  kBitOr,           // bit_or
  kVarSamp,         // variance, var_samp: numeric for integers and numeric, float8 for floats
  kVarPop,          // var_pop
  kStddevSamp,      // stddev, stddev_samp
  kStddevPop,       // stddev_pop
  kPercentileCont,  // percentile_cont(fraction) WITHIN GROUP (ORDER BY v): fraction is extra[0]
  kPercentileDisc,  // percentile_disc(fraction) WITHIN GROUP (ORDER BY v)
  kMode,            // mode() WITHIN GROUP (ORDER BY v)
  // aggregate_regr.cpp in exec (float.c float8_regr_accum and its finals); (Y, X) float8 arguments
  kRegrCount,      // regr_count: int8
  kRegrSxx,        // regr_sxx
  kRegrSyy,        // regr_syy
  kRegrSxy,        // regr_sxy
  kRegrAvgX,       // regr_avgx
  kRegrAvgY,       // regr_avgy
  kRegrR2,         // regr_r2
  kRegrSlope,      // regr_slope
  kRegrIntercept,  // regr_intercept
  kCovarPop,       // covar_pop
  kCovarSamp,      // covar_samp
  kCorr,           // corr
  kGrouping,       // GROUPING(...) (bind_grouping.cpp): not a real aggregate, the node computes its bits
};

/// A built-in aggregate overload. arg kInvalid: any type; result kInvalid: the argument's type (for
/// array_agg: the array type of the argument's type).
struct AggregateFunction {
  const char* name;
  AggKind kind;
  TypeId arg;
  TypeId result;
};

/// The result of resolving a call: the chosen overload and the type each argument must be coerced to.
struct ResolvedFunction {
  const ScalarFunction* func = nullptr;
  std::vector<TypeId> arg_types;
};

/// The rows of the set-returning regexp_matches(string, pattern [, flags]) (a text[] per match: every
/// match with flag g, else the first) or regexp_split_to_table(string, pattern [, flags]) (text), as
/// utils/adt/regexp.c; args are non-NULL text. 2201B for a bad pattern, 22023 for bad flags.
std::vector<Value> RegexSetRows(std::string_view function, const std::vector<Value>& args);

/// True if some scalar function or aggregate has this name (to tell "function does not exist" for a
/// name from a type mismatch, and aggregates from scalars).
bool IsKnownFunctionName(std::string_view name);
bool IsAggregateName(std::string_view name);

/// Finds the best scalar overload for the given argument types (kUnknown for untyped literals), or
/// nullopt when none is callable with implicit casts.
std::optional<ResolvedFunction> ResolveFunction(std::string_view name, const std::vector<TypeId>& arg_types);

/// Finds an aggregate overload for one argument of type arg (kInvalid for count(*)), or null. The
/// argument's required type is the overload's arg (or arg itself when the overload takes any type).
const AggregateFunction* ResolveAggregate(std::string_view name, TypeId arg);

/// pg_stat_activity's columns, in PostgreSQL 15's order (system_views.sql). client_addr is text here (no
/// inet type) and backend_xid/backend_xmin are text (no xid type).
const std::vector<std::pair<std::string, TypeId>>& PgStatActivityColumns();
/// pg_stat_ssl's columns (PostgreSQL 15 system_views.sql): pid, ssl, version, cipher, bits, client_dn,
/// client_serial (numeric), issuer_dn.
const std::vector<std::pair<std::string, TypeId>>& PgStatSslColumns();

/// The text version() returns.
inline constexpr const char* kVersionString =
    "PostgreSQL 15.0 (LumaDB 0.1.0) on x86_64-pc-linux-gnu, compiled by g++ 12, 64-bit";

}  // namespace lumadb::planner
