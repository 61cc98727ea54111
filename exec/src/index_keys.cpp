#include "index_keys.h"

#include "common/value_io.h"

namespace lumadb::exec {

namespace {

// quote_identifier without the keyword list: names that are not plain lower-case identifiers get quotes.
std::string QuoteIfNeeded(const std::string& name) {
  bool plain = !name.empty() && (name[0] == '_' || (name[0] >= 'a' && name[0] <= 'z'));
  for (char c : name) {
    plain = plain && (c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
  }
  if (plain) return name;
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::vector<KeyColumnOrder> IndexKeyOrders(const catalog::TableInfo& table, const catalog::IndexInfo& index) {
  std::vector<KeyColumnOrder> orders;
  orders.reserve(index.columns.size());
  for (const auto& c : index.columns) {
    orders.push_back({table.columns[c.attnum - 1].type.id, c.descending, c.nulls_first});
  }
  return orders;
}

std::string IndexKeyOf(const catalog::TableInfo& table, const catalog::IndexInfo& index, const Row& row) {
  std::string key;
  AppendIndexKey(table, index, row, &key);
  return key;
}

void AppendIndexKey(const catalog::TableInfo& table, const catalog::IndexInfo& index, const Row& row,
                    std::string* out) {
  for (const auto& c : index.columns) {
    KeyColumnOrder order{table.columns[c.attnum - 1].type.id, c.descending, c.nulls_first};
    AppendKeyColumn(row[c.attnum - 1], order, out);
  }
}

bool KeyHasNull(const catalog::IndexInfo& index, const Row& row) {
  for (const auto& c : index.columns) {
    if (row[c.attnum - 1].is_null()) return true;
  }
  return false;
}

std::string KeyDescription(const catalog::TableInfo& table, const catalog::IndexInfo& index, const Row& row) {
  std::vector<int16_t> attnums;
  for (const auto& c : index.columns) attnums.push_back(c.attnum);
  return KeyDescription(table, attnums, row);
}

std::string KeyDescription(const catalog::TableInfo& table, const std::vector<int16_t>& attnums, const Row& row) {
  std::string names, values;
  for (size_t i = 0; i < attnums.size(); ++i) {
    const Value& v = row[attnums[i] - 1];
    names += (i ? ", " : "") + QuoteIfNeeded(table.columns[attnums[i] - 1].name);
    values += (i ? ", " : "") + (v.is_null() ? std::string("null") : FormatValue(v));
  }
  return "Key (" + names + ")=(" + values + ")";
}

}  // namespace lumadb::exec
