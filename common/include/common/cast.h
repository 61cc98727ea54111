#pragma once
// Casts between built-in types, with PostgreSQL's cast contexts (pg_cast.castcontext, PostgreSQL 15
// docs §10 "Type Conversion" and catalog pg_cast.dat).

#include <optional>

#include "common/value.h"

namespace lumadb {

/// When a cast may be applied: implicitly in expressions ('i'), on assignment to a column ('a'), or only
/// when written as CAST/:: ('e').
enum class CastContext { kImplicit, kAssignment, kExplicit };

/// The context in which a cast from `from` to `to` is allowed, or nullopt when no cast exists
/// (unknown, the type of an untyped literal, converts to anything implicitly via its input function).
std::optional<CastContext> FindCast(TypeId from, TypeId to);

/// Converts v to `target` (applying the typmod). A NULL becomes a NULL of the target type. Throws 22003
/// (out of range, e.g. "integer out of range"), 22P02 (text input), 22001 (varchar(n) overflow on
/// assignment: "value too long for type character varying(n)"); an explicit cast to varchar(n)/char(n)
/// truncates silently, as PostgreSQL does. Throws 42846 "cannot cast type X to Y" when no cast exists.
Value CastValue(const Value& v, TypeDesc target, CastContext context);

}  // namespace lumadb
