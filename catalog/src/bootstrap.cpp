#include "bootstrap.h"

#include "catalog_rows.h"
#include "catalog_table.h"
#include "common/error.h"
#include "storage/storage_engine.h"
#include "system_catalogs.h"
#include "type_rows.h"

namespace lumadb::catalog {
namespace {

CatalogTable Table(storage::StorageEngine& storage, Oid db, Oid rel) {
  const SystemRelation& sys = SystemRelationById(rel);
  return CatalogTable(storage.Heap(storage::FileId{sys.shared ? 0 : db, rel}), sys);
}

}  // namespace

void WriteSharedBootstrap(storage::StorageEngine& storage, txn::Transaction& txn, std::string_view superuser,
                          const std::optional<std::string>& password) {
  storage.CreateFile(storage::FileId{0, kPgDatabaseOid});
  storage.CreateFile(storage::FileId{0, kPgAuthidOid});
  storage.CreateFile(storage::FileId{0, kPgAuthMembersOid});
  storage.CreateFile(storage::FileId{0, kPgRolesOid});
  storage.CreateFile(storage::FileId{0, kPgDbRoleSettingOid});
  // initdb's bootstrap superuser has every attribute (pg_authid.dat's BKI_DEFAULT row for OID 10).
  RoleInfo role{.oid = kBootstrapSuperuserId,
                .name = std::string(superuser),
                .superuser = true,
                .inherit = true,
                .create_role = true,
                .create_db = true,
                .can_login = true,
                .replication = true,
                .bypass_rls = true,
                .connection_limit = -1,
                .password = password,
                .valid_until = std::nullopt};
  Table(storage, 0, kPgAuthidOid).Insert(txn, AuthidRow(role));
  Table(storage, 0, kPgRolesOid).Insert(txn, RolesRow(role));
}

void WriteDatabaseBootstrap(storage::StorageEngine& storage, txn::Transaction& txn, Oid db) {
  for (const SystemRelation& rel : SystemRelations()) {
    if (!rel.shared) storage.CreateFile(storage::FileId{db, rel.oid});
  }
  CatalogTable namespaces = Table(storage, db, kPgNamespaceOid);
  namespaces.Insert(txn, NamespaceRow(kPgCatalogNamespace, "pg_catalog", kBootstrapSuperuserId));
  namespaces.Insert(txn, NamespaceRow(kPublicNamespace, "public", kBootstrapSuperuserId));
  CatalogTable types = Table(storage, db, kPgTypeOid);
  for (const Row& row : BuiltinTypeRows()) types.Insert(txn, row);
  CatalogTable classes = Table(storage, db, kPgClassOid);
  CatalogTable attributes = Table(storage, db, kPgAttributeOid);
  for (const SystemRelation& rel : SystemRelations()) {
    ClassFields fields;
    fields.oid = rel.oid;
    fields.name = rel.name;
    fields.namespace_oid = kPgCatalogNamespace;
    fields.filenode = rel.oid;
    fields.natts = static_cast<int16_t>(rel.columns.size());
    classes.Insert(txn, ClassRow(fields));
    int16_t attnum = 0;
    for (const SystemColumn& c : rel.columns) {
      ColumnInfo column{std::string(c.name), c.type, ++attnum, !c.nullable, {}};
      attributes.Insert(txn, AttributeRow(rel.oid, column));
    }
  }
}

}  // namespace lumadb::catalog
