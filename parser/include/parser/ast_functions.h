#pragma once
// AST of CREATE [OR REPLACE] FUNCTION / PROCEDURE, DROP FUNCTION and ALTER FUNCTION (PostgreSQL's
// CreateFunctionStmt, FunctionParameter, ObjectWithArgs, AlterFunctionStmt).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "parser/ast.h"

namespace lumadb::ast {

/// One parameter of a function definition (parsenodes.h FunctionParameter). mode is pg_proc.proargmodes'
/// letter: 'i' IN, 'o' OUT, 'b' INOUT, 'v' VARIADIC, 't' a RETURNS TABLE column.
struct FunctionParam {
  std::string name;  // empty when unnamed
  TypeName type;
  char mode = 'i';
  std::string default_text;  // the DEFAULT expression's SQL text; empty: none
  int32_t location = -1;
};

/// CREATE [OR REPLACE] FUNCTION name (params) [RETURNS type | SETOF type | TABLE (...)] options body.
struct CreateFunctionStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kCreateFunction;
  CreateFunctionStmt() : Statement(kKind) {}
  bool or_replace = false;
  bool is_procedure = false;
  QualifiedName name;
  std::vector<FunctionParam> params;  // RETURNS TABLE columns follow with mode 't'
  std::optional<TypeName> returns;    // unset: RETURNS TABLE, OUT parameters or a procedure
  bool returns_set = false;           // SETOF or TABLE
  bool returns_table = false;
  std::string language;  // lower-cased; empty: not given
  char volatility = 0;   // 'i', 's', 'v'; 0: not given
  std::optional<bool> strict;
  std::optional<bool> security_definer;
  std::optional<bool> leakproof;
  std::string parallel;  // "safe", "restricted", "unsafe"; empty: not given
  std::optional<double> cost, rows;
  std::vector<std::string> set_options;  // "name=value" as pg_proc.proconfig holds them
  std::optional<std::string> body;       // AS '...': prosrc
  std::string sql_body;                  // RETURN expr / BEGIN ATOMIC ... END as written: prosqlbody
  int32_t body_location = -1;            // where the body's text starts in the statement
};

/// name [(argument types)]: a function named by DROP / ALTER (parsenodes.h ObjectWithArgs). Only the
/// input parameters' types count (OUT ones are skipped, as gram.y's extractArgTypes does).
struct FunctionSignature {
  QualifiedName name;
  std::optional<std::vector<TypeName>> arg_types;  // unset: no parentheses given
  std::string text;                                // as written, for messages
};

/// DROP FUNCTION | PROCEDURE | ROUTINE [IF EXISTS] sig, ... [CASCADE | RESTRICT].
struct DropFunctionStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kDropFunction;
  DropFunctionStmt() : Statement(kKind) {}
  std::string kind = "function";
  std::vector<FunctionSignature> functions;
  bool if_exists = false;
  bool cascade = false;
};

/// ALTER FUNCTION sig RENAME TO | OWNER TO | SET SCHEMA | options.
struct AlterFunctionStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kAlterFunction;
  AlterFunctionStmt() : Statement(kKind) {}
  FunctionSignature function;
  std::string new_name, new_owner, new_schema;  // the one given; all empty: `options` applies
  CreateFunctionStmt options;                   // volatility, strict, ... as CREATE FUNCTION's
};

}  // namespace lumadb::ast
