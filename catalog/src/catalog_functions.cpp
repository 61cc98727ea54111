// The catalog side of CREATE / ALTER / DROP FUNCTION (PostgreSQL's pg_proc.c ProcedureCreate and
// functioncmds.c): pg_proc rows written under the DDL locks in the caller's transaction.
#include "catalog_table.h"
#include "common/error.h"
#include "database_catalog.h"
#include "function_rows.h"
#include "storage/storage_engine.h"
#include "system_catalogs.h"

namespace lumadb::catalog {

Oid Catalog::CreateFunction(txn::Transaction&, const FunctionInfo&) {
  throw DbError(sqlstate::kFeatureNotSupported, "CREATE FUNCTION is not supported by this catalog");
}

void Catalog::ReplaceFunction(txn::Transaction&, const FunctionInfo&) {
  throw DbError(sqlstate::kFeatureNotSupported, "ALTER FUNCTION is not supported by this catalog");
}

void Catalog::DropFunction(txn::Transaction&, Oid) {
  throw DbError(sqlstate::kFeatureNotSupported, "DROP FUNCTION is not supported by this catalog");
}

void EnsureProcFile(storage::StorageEngine& storage, Oid db) {
  // Data directories made before pg_proc existed get its (empty) file at first open.
  if (!storage.FileExists(storage::FileId{db, kPgProcOid})) storage.CreateFile(storage::FileId{db, kPgProcOid});
}

std::vector<std::shared_ptr<const FunctionInfo>> DatabaseCatalog::Functions(txn::Transaction& txn) {
  return View(txn)->functions();
}

Oid DatabaseCatalog::CreateFunction(txn::Transaction& txn, const FunctionInfo& f) {
  BeginDdl(txn);
  FunctionInfo row = f;
  row.oid = oids_.Next();
  Table(kPgProcOid).Insert(txn, ProcRow(row));
  Changed(txn);
  return row.oid;
}

void DatabaseCatalog::ReplaceFunction(txn::Transaction& txn, const FunctionInfo& f) {
  BeginDdl(txn);
  const int changed = Table(kPgProcOid)
                          .UpdateIf(
                              txn, [&](const Row& r) { return static_cast<Oid>(r[col::kProOid].GetInt()) == f.oid; },
                              [&](Row& r) { r = ProcRow(f); });
  if (changed == 0) throw DbError(sqlstate::kUndefinedFunction, "function \"" + f.name + "\" does not exist");
  Changed(txn);
}

void DatabaseCatalog::DropFunction(txn::Transaction& txn, Oid oid) {
  BeginDdl(txn);
  Table(kPgProcOid).DeleteIf(txn, [&](const Row& r) { return static_cast<Oid>(r[col::kProOid].GetInt()) == oid; });
  Changed(txn);
}

}  // namespace lumadb::catalog
