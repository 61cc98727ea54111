// information_schema views over a VALUES list built from the catalog (see information_schema.h).
#include "information_schema.h"

#include "parser/parser.h"
#include "planner/binder.h"
#include "planner/view_rewrite.h"

namespace lumadb::planner {
namespace {

/// A column of a generated view: its name and the SQL type its VALUES column is cast to.
struct Column {
  const char* name;
  const char* type;
};

constexpr Column kTables[] = {{"table_catalog", "name"},
                              {"table_schema", "name"},
                              {"table_name", "name"},
                              {"table_type", "varchar"},
                              {"self_referencing_column_name", "name"},
                              {"reference_generation", "varchar"},
                              {"user_defined_type_catalog", "name"},
                              {"user_defined_type_schema", "name"},
                              {"user_defined_type_name", "name"},
                              {"is_insertable_into", "varchar"},
                              {"is_typed", "varchar"},
                              {"commit_action", "varchar"}};

constexpr Column kViews[] = {{"table_catalog", "name"},
                             {"table_schema", "name"},
                             {"table_name", "name"},
                             {"view_definition", "varchar"},
                             {"check_option", "varchar"},
                             {"is_updatable", "varchar"},
                             {"is_insertable_into", "varchar"},
                             {"is_trigger_updatable", "varchar"},
                             {"is_trigger_deletable", "varchar"},
                             {"is_trigger_insertable_into", "varchar"}};

constexpr Column kColumns[] = {{"table_catalog", "name"},
                               {"table_schema", "name"},
                               {"table_name", "name"},
                               {"column_name", "name"},
                               {"ordinal_position", "int4"},
                               {"column_default", "varchar"},
                               {"is_nullable", "varchar"},
                               {"data_type", "varchar"},
                               {"character_maximum_length", "int4"},
                               {"character_octet_length", "int4"},
                               {"numeric_precision", "int4"},
                               {"numeric_precision_radix", "int4"},
                               {"numeric_scale", "int4"},
                               {"datetime_precision", "int4"},
                               {"interval_type", "varchar"},
                               {"interval_precision", "int4"},
                               {"character_set_catalog", "name"},
                               {"character_set_schema", "name"},
                               {"character_set_name", "name"},
                               {"collation_catalog", "name"},
                               {"collation_schema", "name"},
                               {"collation_name", "name"},
                               {"domain_catalog", "name"},
                               {"domain_schema", "name"},
                               {"domain_name", "name"},
                               {"udt_catalog", "name"},
                               {"udt_schema", "name"},
                               {"udt_name", "name"},
                               {"scope_catalog", "name"},
                               {"scope_schema", "name"},
                               {"scope_name", "name"},
                               {"maximum_cardinality", "int4"},
                               {"dtd_identifier", "name"},
                               {"is_self_referencing", "varchar"},
                               {"is_identity", "varchar"},
                               {"identity_generation", "varchar"},
                               {"identity_start", "varchar"},
                               {"identity_increment", "varchar"},
                               {"identity_maximum", "varchar"},
                               {"identity_minimum", "varchar"},
                               {"identity_cycle", "varchar"},
                               {"is_generated", "varchar"},
                               {"generation_expression", "varchar"},
                               {"is_updatable", "varchar"}};

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string Null() {
  return "NULL";
}

std::string YesNo(bool yes) {
  return yes ? "'YES'" : "'NO'";
}

/// The query `SELECT v.c1::t1 AS name1, ... FROM (VALUES ...) v(c1, ...)`; the catalog column is
/// current_database() in every row.
template <size_t N>
std::string Query(const Column (&columns)[N], const std::vector<std::vector<std::string>>& rows) {
  std::string select = "SELECT ";
  std::string names;
  for (size_t i = 0; i < N; ++i) {
    const std::string c = "c" + std::to_string(i + 1);
    select += (i ? ", " : "") + (i == 0 ? std::string("current_database()::name") : "v." + c + "::" + columns[i].type) +
              " AS " + columns[i].name;
    names += (i ? ", " : "") + c;
  }
  std::string values;
  for (const auto& row : rows) {
    std::string r;
    for (size_t i = 0; i < N; ++i) r += (i ? ", " : "") + (i < row.size() ? row[i] : Null());
    values += (values.empty() ? "(" : ", (") + r + ")";
  }
  if (rows.empty()) {
    std::string r;
    for (size_t i = 0; i < N; ++i) r += (i ? ", " : "") + Null();
    return select + " FROM (VALUES (" + r + ")) v(" + names + ") WHERE false";
  }
  return select + " FROM (VALUES " + values + ") v(" + names + ")";
}

/// numeric_precision, radix and scale, datetime_precision, character lengths (information_schema.sql's
/// _pg_numeric_precision, _pg_char_max_length, ...).
void TypeFacts(TypeDesc t, std::vector<std::string>* row) {
  auto n = [](int v) { return std::to_string(v); };
  std::string max_len = Null(), octets = Null(), precision = Null(), radix = Null(), scale = Null(), dt = Null();
  switch (t.id) {
    case TypeId::kInt2:
      precision = "16", radix = "2", scale = "0";
      break;
    case TypeId::kInt4:
      precision = "32", radix = "2", scale = "0";
      break;
    case TypeId::kInt8:
      precision = "64", radix = "2", scale = "0";
      break;
    case TypeId::kFloat4:
      precision = "24", radix = "2";
      break;
    case TypeId::kFloat8:
      precision = "53", radix = "2";
      break;
    case TypeId::kNumeric:
      radix = "10";
      if (t.typmod >= 4) precision = n(((t.typmod - 4) >> 16) & 0xffff), scale = n((t.typmod - 4) & 0xffff);
      break;
    case TypeId::kText:
      octets = "1073741824";
      break;
    case TypeId::kVarchar:
    case TypeId::kBpchar:
      if (t.typmod >= 4) {
        max_len = n(t.typmod - 4), octets = n((t.typmod - 4) * 4);
      } else {
        octets = "1073741824";
      }
      break;
    case TypeId::kDate:
      dt = "0";
      break;
    case TypeId::kTime:
    case TypeId::kTimeTz:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kInterval:
      dt = t.typmod >= 0 ? n(t.typmod & 0xffff) : "6";
      break;
    default:
      break;
  }
  if (t.id == TypeId::kInterval && t.typmod >= 0) dt = n(t.typmod & 0xffff);
  for (auto& v : {max_len, octets, precision, radix, scale, dt}) row->push_back(v);
}

std::string DataType(TypeDesc t) {
  if (IsArrayType(t.id)) return "ARRAY";
  return FormatType(TypeDesc{t.id, -1});
}

}  // namespace

std::shared_ptr<const catalog::TableInfo> InformationSchemaView(catalog::Catalog& catalog, txn::Transaction& txn,
                                                                const std::vector<std::string>& search_path,
                                                                const std::string& name) {
  if (name != "tables" && name != "views" && name != "columns") return nullptr;
  std::vector<std::vector<std::string>> rows;
  for (const auto& rel : catalog.ListTables(txn, 0)) {
    if (rel->relkind != 'r' && rel->relkind != 'v') continue;
    const bool temp = rel->schema.starts_with("pg_temp");
    const int events = RelationUpdatableEvents(catalog, txn, search_path, *rel);
    std::vector<std::string> row{Null(), Quote(rel->schema), Quote(rel->name)};
    if (name == "tables") {
      row.push_back(Quote(rel->relkind == 'v' ? "VIEW" : temp ? "LOCAL TEMPORARY" : "BASE TABLE"));
      for (int i = 0; i < 5; ++i) row.push_back(Null());
      row.push_back(YesNo((events & kInsertEvent) != 0));
      row.push_back(YesNo(false));
      row.push_back(temp ? Quote("PRESERVE") : Null());
      rows.push_back(std::move(row));
    } else if (name == "views") {
      if (rel->relkind != 'v') continue;
      const std::string check = ViewCheckOption(*rel);
      row.push_back(Quote(" " + rel->view_query + ";"));
      row.push_back(Quote(check == "local" ? "LOCAL" : check == "cascaded" ? "CASCADED" : "NONE"));
      row.push_back(YesNo((events & (kUpdateEvent | kDeleteEvent)) == (kUpdateEvent | kDeleteEvent)));
      row.push_back(YesNo((events & kInsertEvent) != 0));
      for (int i = 0; i < 3; ++i) row.push_back(YesNo(false));
      rows.push_back(std::move(row));
    } else {
      for (const auto& c : rel->columns) {
        std::vector<std::string> col = row;
        col.push_back(Quote(c.name));
        col.push_back(std::to_string(c.attnum));
        col.push_back(c.default_expr ? Quote(*c.default_expr) : Null());
        col.push_back(YesNo(!c.not_null));
        col.push_back(Quote(DataType(c.type)));
        TypeFacts(c.type, &col);
        for (int i = 0; i < 11; ++i) col.push_back(Null());
        col.push_back("current_database()");
        col.push_back(Quote("pg_catalog"));
        col.push_back(Quote(TypeName(c.type.id)));
        for (int i = 0; i < 4; ++i) col.push_back(Null());
        col.push_back(Quote(std::to_string(c.attnum)));
        col.push_back(YesNo(false));
        col.push_back(YesNo(c.identity != 0));
        col.push_back(c.identity == 'a' ? Quote("ALWAYS") : c.identity == 'd' ? Quote("BY DEFAULT") : Null());
        for (int i = 0; i < 5; ++i) col.push_back(Null());
        col.push_back(Quote("NEVER"));
        col.push_back(Null());
        std::vector<std::string> one{c.name};
        const int col_events = rel->relkind == 'r' ? kUpdateEvent | kInsertEvent
                                                   : RelationUpdatableEvents(catalog, txn, search_path, *rel, &one);
        col.push_back(YesNo((col_events & (kUpdateEvent | kInsertEvent)) == (kUpdateEvent | kInsertEvent)));
        rows.push_back(std::move(col));
      }
    }
  }
  auto view = std::make_shared<catalog::TableInfo>();
  view->oid = 0;
  view->schema = "information_schema";
  view->name = name;
  view->relkind = 'v';
  view->acl = std::vector<std::string>{"=r/postgres"};
  view->view_query = name == "tables"  ? Query(kTables, rows)
                     : name == "views" ? Query(kViews, rows)
                                       : Query(kColumns, rows);
  auto parsed = parser::Parse(view->view_query);
  Binder binder(catalog, txn, search_path, view->view_query);
  PlanPtr plan = binder.BindSelect(parsed.at(0)->As<ast::SelectStmt>());
  view->columns = ViewColumns(*plan);
  return view;
}

std::vector<catalog::ColumnInfo> ViewColumns(const PlanNode& plan) {
  std::vector<catalog::ColumnInfo> columns;
  for (size_t i = 0; i < plan.output.size(); ++i) {
    catalog::ColumnInfo column;
    column.name = plan.output[i].name;
    column.type = plan.output[i].type;
    column.attnum = static_cast<int16_t>(i + 1);
    columns.push_back(std::move(column));
  }
  return columns;
}

}  // namespace lumadb::planner
