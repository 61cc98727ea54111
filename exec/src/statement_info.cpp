#include "statement_info.h"

#include "ddl.h"
#include "exec/sql_prepare.h"
#include "parser/ast_functions.h"
#include "parser/ast_views.h"

namespace lumadb::exec {

const char* WriteCommandName(const ast::Statement& stmt) {
  switch (stmt.kind) {
    case ast::StmtKind::kInsert:
      return "INSERT";
    case ast::StmtKind::kUpdate:
      return "UPDATE";
    case ast::StmtKind::kDelete:
      return "DELETE";
    case ast::StmtKind::kCreateTable:
      return "CREATE TABLE";
    case ast::StmtKind::kCreateSchema:
      return "CREATE SCHEMA";
    case ast::StmtKind::kCreateDatabase:
      return "CREATE DATABASE";
    case ast::StmtKind::kTruncate:
      return "TRUNCATE TABLE";
    case ast::StmtKind::kCreateIndex:
      return "CREATE INDEX";
    case ast::StmtKind::kReindex:
      return "REINDEX";
    case ast::StmtKind::kCreateSequence:
      return "CREATE SEQUENCE";
    case ast::StmtKind::kAlterSequence:
      return "ALTER SEQUENCE";
    case ast::StmtKind::kAlterTable: {
      const auto& alter = stmt.As<ast::AlterTableStmt>();
      return alter.is_index ? "ALTER INDEX" : alter.is_sequence ? "ALTER SEQUENCE" : "ALTER TABLE";
    }
    case ast::StmtKind::kDrop:
      return DropTag(stmt.As<ast::DropStmt>().object_type);
    case ast::StmtKind::kCreateView:
      return "CREATE VIEW";
    case ast::StmtKind::kAlterView:
      return "ALTER VIEW";
    case ast::StmtKind::kCreateTableAs: {
      const auto& ctas = stmt.As<ast::CreateTableAsStmt>();
      return ctas.is_matview ? "CREATE MATERIALIZED VIEW" : ctas.is_select_into ? "SELECT INTO" : "CREATE TABLE AS";
    }
    case ast::StmtKind::kRefreshMatView:
      return "REFRESH MATERIALIZED VIEW";
    case ast::StmtKind::kCreateFunction:
      return stmt.As<ast::CreateFunctionStmt>().is_procedure ? "CREATE PROCEDURE" : "CREATE FUNCTION";
    case ast::StmtKind::kDropFunction:
      return "DROP FUNCTION";
    case ast::StmtKind::kAlterFunction:
      return "ALTER FUNCTION";
    case ast::StmtKind::kSelect: {
      // SELECT FOR UPDATE/SHARE locks rows, so a read-only transaction refuses it (CreateCommandName).
      const auto& locking = stmt.As<ast::SelectStmt>().locking;
      if (locking.empty()) return nullptr;
      switch (locking.front().strength) {
        case ast::LockStrength::kUpdate:
          return "SELECT FOR UPDATE";
        case ast::LockStrength::kNoKeyUpdate:
          return "SELECT FOR NO KEY UPDATE";
        case ast::LockStrength::kShare:
          return "SELECT FOR SHARE";
        case ast::LockStrength::kKeyShare:
          return "SELECT FOR KEY SHARE";
      }
      return nullptr;
    }
    default:
      return nullptr;
  }
}
namespace {

const char* TransactionCommandName(const ast::TransactionStmt& t) {
  using T = ast::TransactionStmt::Type;
  switch (t.type) {
    case T::kBegin:
      return t.start_syntax ? "START TRANSACTION" : "BEGIN";
    case T::kCommit:
      return "COMMIT";
    case T::kRollback:
      return "ROLLBACK";
    case T::kSavepoint:
      return "SAVEPOINT";
    case T::kRelease:
      return "RELEASE";
    case T::kRollbackTo:
      return "ROLLBACK";
    case T::kSetTransaction:
    case T::kSetSessionCharacteristics:
      return "SET";
  }
  return "???";
}

}  // namespace

std::string CommandName(const ast::Statement& stmt) {
  switch (stmt.kind) {
    case ast::StmtKind::kSelect:
      return "SELECT";
    case ast::StmtKind::kTransaction:
      return TransactionCommandName(stmt.As<ast::TransactionStmt>());
    case ast::StmtKind::kVariableSet:
      return stmt.As<ast::VariableSetStmt>().type == ast::VariableSetStmt::Type::kReset ||
                     stmt.As<ast::VariableSetStmt>().type == ast::VariableSetStmt::Type::kResetAll
                 ? "RESET"
                 : "SET";
    case ast::StmtKind::kVariableShow:
      return "SHOW";
    case ast::StmtKind::kCheckpoint:
      return "CHECKPOINT";
    case ast::StmtKind::kVacuum:
      return stmt.As<ast::VacuumStmt>().is_vacuum ? "VACUUM" : "ANALYZE";
    case ast::StmtKind::kExplain:
      return "EXPLAIN";
    default: {
      const char* name = WriteCommandName(stmt);
      return name ? name : "???";
    }
  }
}

std::vector<ResultColumn> PlanResultColumns(const planner::PlanNode& plan) {
  std::vector<ResultColumn> cols;
  for (const auto& c : plan.output) cols.push_back({c.name, c.type, c.table_oid, c.attnum});
  return cols;
}

std::optional<std::vector<ResultColumn>> UtilityResultColumns(const ast::Statement& stmt) {
  const TypeDesc text{TypeId::kText, -1};
  if (stmt.kind == ast::StmtKind::kExplain) {
    return std::vector<ResultColumn>{{"QUERY PLAN", ExplainResultType(stmt.As<ast::ExplainStmt>()), 0, 0}};
  }
  if (stmt.kind != ast::StmtKind::kVariableShow) return std::nullopt;
  const auto& name = stmt.As<ast::VariableShowStmt>().name;
  if (name == "all")
    return std::vector<ResultColumn>{{"name", text, 0, 0}, {"setting", text, 0, 0}, {"description", text, 0, 0}};
  return std::vector<ResultColumn>{{name, text, 0, 0}};
}

}  // namespace lumadb::exec
