#pragma once
// PostgreSQL's implicit type rules for the core types (PostgreSQL 15 docs chapter 10 "Type Conversion";
// parser/parse_coerce.c select_common_type, parse_oper.c oper_select_candidate): which type two operands
// meet at, and which type a list of branches (CASE, COALESCE, IN, UNION, VALUES) unifies to.

#include <optional>
#include <string_view>
#include <vector>

#include "common/types.h"

namespace lumadb::planner {

/// True if a value of `from` converts to `to` without an explicit cast (same type, an untyped literal,
/// or a pg_cast entry with context 'i').
bool CanCoerceImplicitly(TypeId from, TypeId to);

/// True if `from` converts to `to` on assignment (INSERT/UPDATE): implicit or context 'a'.
bool CanCoerceAssignment(TypeId from, TypeId to);

/// The type two numeric-category operands are promoted to for arithmetic and comparison: int2 < int4 <
/// int8 < numeric; float4 with float4 stays float4; float4 with anything else and float8 give float8.
TypeId PromoteNumeric(TypeId a, TypeId b);

/// The common type of two operands of a comparison, or nullopt if PostgreSQL has no such operator.
/// Untyped literals (kUnknown) take the other side's type; two of them compare as text.
std::optional<TypeId> ComparisonType(TypeId a, TypeId b);

/// select_common_type over the types of the branches; nullopt from index i (the first branch that does
/// not match, 1-based in `*bad_index`) means "<context> types X and Y cannot be matched" (42804).
/// All-unknown inputs resolve to text.
std::optional<TypeId> SelectCommonType(const std::vector<TypeId>& types, size_t* bad_index);

/// True for int2, int4, int8, numeric, float4, float8.
bool IsNumericType(TypeId t);
/// True for text, varchar, bpchar, name.
bool IsStringType(TypeId t);
/// True for date, timestamp, timestamptz.
bool IsDateTimeType(TypeId t);

/// The name PostgreSQL prints for a type in operator and function error messages ("integer", "unknown").
std::string TypeDisplayName(TypeId t);

}  // namespace lumadb::planner
