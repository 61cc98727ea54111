// UpgradeRelOptions: brings a database's catalog written before pg_class.reloptions became text[] to the
// current format (see reloptions_upgrade.h).
#include "reloptions_upgrade.h"

#include <set>

#include "catalog_rows.h"
#include "catalog_table.h"
#include "common/row_codec.h"
#include "storage/storage_engine.h"
#include "system_catalogs.h"
#include "txn/transaction.h"
#include "txn/transaction_manager.h"

namespace lumadb::catalog {
namespace {

/// How the old format ended a view's stored query when it had options: "\n/* reloptions {...} */".
constexpr std::string_view kLegacyMarker = "\n/* reloptions ";

/// The items of legacy reloptions text ("{fillfactor=70}", "{check_option=local,security_barrier=true}"):
/// the old writers never put a comma, quote or brace inside an item.
std::vector<std::string> LegacyItems(const std::string& text) {
  std::vector<std::string> items;
  const std::string body = text.substr(1, text.size() - 2);
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find(',', start);
    if (end == std::string::npos) end = body.size();
    items.push_back(body.substr(start, end - start));
    start = end + 1;
  }
  return items;
}

}  // namespace

void UpgradeRelOptions(storage::StorageEngine& storage, txn::TransactionManager& transactions, Oid db) {
  std::vector<TypeId> legacy = ColumnTypes(SystemRelationById(kPgClassOid));
  std::vector<TypeId> current = legacy;
  legacy[col::kRelOptions] = TypeId::kText;
  storage::HeapFile& classes = storage.Heap(storage::FileId{db, kPgClassOid});
  // A text[] value's bytes (array_send) start with ndim, a big-endian int4 whose first byte is 0; the old
  // text form starts with '{'.
  std::vector<std::pair<storage::Rid, Row>> old_rows;
  {
    auto it = classes.Scan();
    storage::Rid rid;
    std::vector<std::byte> bytes;
    while (it.Next(&rid, &bytes)) {
      Row row = DecodeRow(legacy, bytes);
      const Value& options = row[col::kRelOptions];
      if (!options.is_null() && options.GetString().starts_with('{')) old_rows.emplace_back(rid, std::move(row));
    }
  }
  const Value text_array_oid = Value::Oid(static_cast<uint32_t>(array_type::kText));
  CatalogTable attributes(storage.Heap(storage::FileId{db, kPgAttributeOid}), SystemRelationById(kPgAttributeOid));
  bool old_attribute = false;
  attributes.ForEach([&](const Row& r) {
    old_attribute |= r[col::kAttRelid].GetInt() == kPgClassOid && r[col::kAttName].GetString() == "reloptions" &&
                     r[col::kAttTypid].GetInt() != text_array_oid.GetInt();
  });
  if (old_rows.empty() && !old_attribute) return;

  auto txn = transactions.Begin();
  std::set<int64_t> views;
  for (auto& [rid, row] : old_rows) {
    if (row[col::kRelKind].GetString() == "v") views.insert(row[col::kRelOid].GetInt());
    row[col::kRelOptions] = AclValue(LegacyItems(row[col::kRelOptions].GetString()));
    classes.Update(txn->log(), rid, EncodeRow(current, row));
  }
  attributes.UpdateIf(
      *txn,
      [&](const Row& r) {
        return r[col::kAttRelid].GetInt() == kPgClassOid && r[col::kAttName].GetString() == "reloptions";
      },
      [&](Row& r) { r[col::kAttTypid] = text_array_oid; });
  CatalogTable attrdefs(storage.Heap(storage::FileId{db, kPgAttrdefOid}), SystemRelationById(kPgAttrdefOid));
  attrdefs.UpdateIf(
      *txn,
      [&](const Row& r) {
        return r[col::kAdNum].GetInt() == 0 && views.contains(r[col::kAdRelid].GetInt()) &&
               r[col::kAdBin].GetString().rfind(kLegacyMarker) != std::string::npos;
      },
      [&](Row& r) {
        const std::string& query = r[col::kAdBin].GetString();
        r[col::kAdBin] = Value::String(query.substr(0, query.rfind(kLegacyMarker)));
      });
  transactions.Commit(*txn);
}

}  // namespace lumadb::catalog
