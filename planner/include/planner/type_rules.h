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
/// True for date, timestamp, timestamptz (the types that compare with each other).
bool IsDateTimeType(TypeId t);

/// A binary operator's pg_operator signature: its operand types and its result type.
struct OperatorSignature {
  TypeId left;
  TypeId right;
  TypeId result;
};

/// The outcome of operator resolution: the chosen signature, or none (ambiguous: several candidates were
/// left, "operator is not unique" 42725; otherwise "operator does not exist" 42883).
struct OperatorResolution {
  std::optional<OperatorSignature> signature;
  bool ambiguous = false;
};

/// True when either operand is date, time, timetz, timestamp, timestamptz or interval.
bool HasDateTimeOperand(TypeId left, TypeId right);

/// Resolves op ('+', '-', '*', '/') over PostgreSQL 15's date/time operators (date +- int4, date - date,
/// x +- interval, timestamp - timestamp, time - time, date + time[tz], interval * / float8, ...) as
/// oper_select_candidate does: an exact match (an unknown operand assumed to be the other's type), else
/// the candidates reachable by implicit casts narrowed by exact matches, preferred types, the categories
/// of unknown operands and finally "unknowns take the known type". time + '1 hour' is time + interval;
/// date + '1' and time + time are ambiguous.
OperatorResolution ResolveDateTimeOperator(char op, TypeId left, TypeId right);

/// The name PostgreSQL prints for a type in operator and function error messages ("integer", "unknown").
std::string TypeDisplayName(TypeId t);

}  // namespace lumadb::planner
