#pragma once
// DDL statements run directly against the catalog (PostgreSQL's utility commands: tablecmds.c,
// indexcmds.c, sequence.c, schemacmds.c, dbcommands.c, explain.c, vacuum.c). Each returns the command tag.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/inquiry.h"
#include "exec/executor.h"
#include "exec/statement_executor.h"
#include "permissions.h"
#include "planner/function_registry.h"
#include "sequence_functions.h"

namespace lumadb::exec {

/// CREATE TABLE [IF NOT EXISTS] with column and table constraints, serial and identity columns (their
/// sequences are created in the same transaction, OWNED BY the column): 42P07, 42701, 42704, 42804
/// (default or CHECK of the wrong type), 42P16, 22023, 42830 (FK without a matching unique key), 0A000.
std::string ExecuteCreateTable(const ast::CreateTableStmt& stmt, std::string_view query_text, SessionContext& ctx,
                               ResultSink& sink);
/// DROP TABLE|SCHEMA|DATABASE|INDEX|SEQUENCE [IF EXISTS] ... [CASCADE]: 42P01 / 3F000 / 3D000 / 42704, or
/// a NOTICE with IF EXISTS; 2BP01 for dependent objects without CASCADE.
std::string ExecuteDrop(const ast::DropStmt& stmt, SessionContext& ctx, ResultSink& sink);
/// The command tag of DROP of that object type ("DROP TABLE", "DROP INDEX", ...).
const char* DropTag(ast::ObjectType type);
/// TRUNCATE a, b [RESTART IDENTITY] [CASCADE]: 42P01 for a missing table, 0A000 for a table another
/// (not truncated) table references by a foreign key.
std::string ExecuteTruncate(const ast::TruncateStmt& stmt, SessionContext& ctx, ResultSink& sink);
/// CREATE SCHEMA [IF NOT EXISTS]: 42P06, or a NOTICE with IF NOT EXISTS.
std::string ExecuteCreateSchema(const ast::CreateSchemaStmt& stmt, SessionContext& ctx, ResultSink& sink);
/// CREATE DATABASE: 42P04.
std::string ExecuteCreateDatabase(const ast::CreateDatabaseStmt& stmt, SessionContext& ctx);

/// CREATE [UNIQUE] INDEX [IF NOT EXISTS] (indexcmds.c DefineIndex): bulk-built from the table's rows under
/// a table S lock. 0A000 for expressions, INCLUDE, WHERE and methods other than btree; 42703; 42P07;
/// 23505 "could not create unique index" with the duplicated key.
std::string ExecuteCreateIndex(const ast::CreateIndexStmt& stmt, std::string_view query_text, SessionContext& ctx,
                               ResultSink& sink);
/// REINDEX INDEX i | TABLE t: new files, rebuilt from the heap. 42P01 / 42704.
std::string ExecuteReindex(const ast::ReindexStmt& stmt, SessionContext& ctx);
/// Fills the (empty, just created or renewed) file of `index` from every row of `table`'s heap: encode,
/// sort once, check uniqueness, BTree::BulkLoad. 23505 "could not create unique index" DETAIL
/// "Key (a)=(1) is duplicated." The caller holds a lock that keeps writers out of the table.
void BuildIndex(SessionContext& ctx, const catalog::TableInfo& table, const catalog::IndexInfo& index);

/// CREATE SEQUENCE [IF NOT EXISTS] (sequence.c DefineSequence): 42P07, 22023, 42601 for conflicting
/// options.
std::string ExecuteCreateSequence(const ast::CreateSequenceStmt& stmt, SessionContext& ctx, ResultSink& sink);
/// ALTER SEQUENCE [IF EXISTS] options: 42P01, 22023.
std::string ExecuteAlterSequence(const ast::AlterSequenceStmt& stmt, SessionContext& ctx, ResultSink& sink);
/// A catalog::SequenceDef from the written options (types resolved, OWNED BY looked up).
catalog::SequenceDef SequenceDefOf(const ast::SequenceOptions& options, SessionContext& ctx);

/// ALTER TABLE / ALTER INDEX / ALTER SEQUENCE (tablecmds.c): every AlterTableCmd and the RENAME forms.
std::string ExecuteAlterTable(const ast::AlterTableStmt& stmt, std::string_view query_text, SessionContext& ctx,
                              ResultSink& sink);

/// EXPLAIN [ANALYZE] [VERBOSE] [(options)] stmt: rows of one column "QUERY PLAN" (json for FORMAT JSON, else
/// text; one row holding the document for JSON, YAML and XML). ANALYZE runs the statement (DML really
/// modifies, as in PostgreSQL).
std::string ExecuteExplain(const ast::ExplainStmt& stmt, std::string_view query_text, SessionContext& ctx,
                           ResultSink& sink);
/// EXPLAIN (SETTINGS): the planner settings whose session value differs from the built-in default, by name,
/// with the value as SHOW prints it (explain.c get_explain_guc_options over the GUC_EXPLAIN settings).
std::vector<std::pair<std::string, std::string>> ChangedPlannerSettings(const SessionContext& ctx);

/// VACUUM [ANALYZE] [t [(cols)], ...] and ANALYZE [t [(cols)], ...]: VACUUM removes index entries whose heap
/// tuple is gone or has another key and compacts the heap (HeapFile::Vacuum); ANALYZE stores statistics
/// (AnalyzeTable). 42P01 for a missing table, 42703 / 42701 for an unknown or repeated column of a column
/// list. Tags "VACUUM" / "ANALYZE".
std::string ExecuteVacuum(const ast::VacuumStmt& stmt, SessionContext& ctx);
/// ANALYZE of one table (analyze.c): samples its rows, computes the statistics of the columns `attnums`
/// (empty: every column; the others keep theirs) and stores them with pg_class.reltuples/relpages
/// (Catalog::StoreStatistics) in ctx.txn. The caller holds a table lock that keeps writers out. Tables
/// only: sequences and pg_statistic are skipped, as PostgreSQL skips them.
void AnalyzeTable(SessionContext& ctx, const catalog::TableInfo& table, const std::vector<int16_t>& attnums = {});

/// An ExecContext for a statement of ctx's session, with the sequence functions (nextval, ...) it points
/// to: PostgreSQL's per-statement executor state.
struct StatementExecContext {
  explicit StatementExecContext(SessionContext& ctx);
  SessionSequences sequences;
  SessionPrivileges privileges;
  catalog::CatalogInquiry inquiry;
  ExecContext exec;
};

/// The schema an unqualified CREATE goes into: the first search_path entry that exists ("$user" is the
/// session user), or empty when none does.
std::string CreationSchema(SessionContext& ctx);

/// The existing schemas of ctx's search path ("$user" expanded), pg_catalog first when `implicit` and the
/// path does not name it: current_schemas(implicit) (namespace.c fetch_search_path).
std::vector<std::string> SearchSchemas(SessionContext& ctx, bool implicit);

/// The table named `name`, or 42P01 'relation "name" does not exist' (shown as written).
std::shared_ptr<const catalog::TableInfo> TableOrThrow(SessionContext& ctx, const ast::QualifiedName& name);

/// Takes `mode` on the table for the transaction (to its end).
void LockTableMode(SessionContext& ctx, Oid table_oid, bool exclusive);

}  // namespace lumadb::exec
