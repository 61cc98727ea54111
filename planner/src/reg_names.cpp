#include "planner/reg_names.h"

#include <cctype>

#include "common/error.h"
#include "parser/parser.h"
#include "planner/binder.h"

namespace lumadb::planner {

namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

[[noreturn]] void ThrowNameSyntax() {
  throw DbError(sqlstate::kInvalidName, "invalid name syntax");
}

// One identifier of a dotted name starting at text[*i]; advances past it.
std::string ReadIdentifier(std::string_view text, size_t* i) {
  std::string part;
  if (*i < text.size() && text[*i] == '"') {
    for (++*i;; ++*i) {
      if (*i >= text.size()) ThrowNameSyntax();
      if (text[*i] == '"') {
        if (*i + 1 < text.size() && text[*i + 1] == '"') {
          part += '"';
          ++*i;
          continue;
        }
        ++*i;
        break;
      }
      part += text[*i];
    }
    if (part.empty()) ThrowNameSyntax();
    return part;
  }
  while (*i < text.size() && text[*i] != '.' && !IsSpace(text[*i])) {
    part += static_cast<char>(std::tolower(static_cast<unsigned char>(text[*i])));
    ++*i;
  }
  if (part.empty()) ThrowNameSyntax();
  return part;
}

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ".") + p;
  return out;
}

}  // namespace

std::vector<std::string> SplitQualifiedName(std::string_view text) {
  std::vector<std::string> parts;
  size_t i = 0;
  for (;;) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    parts.push_back(ReadIdentifier(text, &i));
    while (i < text.size() && IsSpace(text[i])) ++i;
    if (i == text.size()) return parts;
    if (text[i] != '.') ThrowNameSyntax();
    ++i;
  }
}

void CatalogRegNames::SetSearchPath(std::vector<std::string> search_path, std::string database) {
  search_path_ = std::move(search_path);
  database_ = std::move(database);
}

txn::Transaction& CatalogRegNames::Txn() const {
  if (txn_ == nullptr) throw DbError(sqlstate::kFeatureNotSupported, "cannot look up names outside a transaction");
  return *txn_;
}

Oid CatalogRegNames::RelationOid(std::string_view text) {
  std::vector<std::string> parts = SplitQualifiedName(text);
  if (parts.size() > 3) {
    throw DbError(sqlstate::kSyntaxError, "improper relation name (too many dotted names): " + Joined(parts));
  }
  if (parts.size() == 3) {
    // RangeVarGetRelid accepts the current database's own name as the catalog part.
    if (database_ != parts[0]) {
      throw DbError(sqlstate::kFeatureNotSupported,
                    "cross-database references are not implemented: \"" + Joined(parts) + "\"");
    }
    parts.erase(parts.begin());
  }
  std::string schema = parts.size() == 2 ? parts[0] : "";
  if (!schema.empty() && !catalog_.LookupNamespace(Txn(), schema)) {
    throw DbError(sqlstate::kInvalidSchemaName, "schema \"" + schema + "\" does not exist");
  }
  auto oid = catalog_.LookupRelationOid(Txn(), schema, parts.back(), search_path_);
  if (!oid) throw DbError(sqlstate::kUndefinedTable, "relation \"" + Joined(parts) + "\" does not exist");
  return *oid;
}

std::optional<std::string> CatalogRegNames::RelationName(Oid oid) {
  if (txn_ == nullptr) return std::nullopt;
  auto rel = catalog_.RelationNameByOid(*txn_, oid);
  if (!rel) return std::nullopt;
  // RelationIsVisible: qualify unless the unqualified name finds this very relation.
  std::string name = QuoteIdentifier(rel->second);
  if (catalog_.LookupRelationOid(*txn_, "", rel->second, search_path_) == oid) return name;
  return QuoteIdentifier(rel->first) + "." + name;
}

TypeId CatalogRegNames::TypeByName(std::string_view text) {
  std::string trimmed(text);
  while (!trimmed.empty() && IsSpace(trimmed.back())) trimmed.pop_back();
  size_t start = 0;
  while (start < trimmed.size() && IsSpace(trimmed[start])) ++start;
  trimmed.erase(0, start);
  // pg_type's own array names (_int4) are type names too, though no SQL spelling uses them.
  if (trimmed.size() > 1 && trimmed[0] == '_') {
    TypeId element = TypeByName(trimmed.substr(1));
    if (TypeId array = ArrayTypeOf(element); array != TypeId::kInvalid) return array;
  }
  // parseTypeString: the name must parse as the type of a cast, and nothing else.
  const std::string sql = "SELECT NULL::" + trimmed;
  try {
    auto stmts = parser::Parse(sql);
    if (stmts.size() == 1 && stmts[0]->kind == ast::StmtKind::kSelect) {
      const auto& select = stmts[0]->As<ast::SelectStmt>();
      const bool plain = select.from.empty() && !select.where && select.group_by.empty() && select.values.empty() &&
                         select.set_op == ast::SetOpType::kNone && select.order_by.empty() && !select.limit &&
                         !select.offset && select.locking.empty();
      if (plain && select.targets.size() == 1 && !select.targets[0].alias.empty()) {
        // "int4 foo" parses as a column alias here; PostgreSQL's type-name grammar stops at it.
        throw DbError(sqlstate::kSyntaxError, "syntax error at or near \"" + select.targets[0].alias + "\"");
      }
      if (plain && select.targets.size() == 1 && select.targets[0].expr->kind == ast::ExprKind::kCast) {
        return ResolveTypeName(static_cast<const ast::CastExpr&>(*select.targets[0].expr).type, sql).id;
      }
    }
  } catch (const DbError& e) {
    // The inner statement's positions mean nothing to the caller's query.
    DbError plain(e.code(), e.message());
    if (e.code() == sqlstate::kSyntaxError) plain.Context("invalid type name \"" + trimmed + "\"");
    throw plain;
  }
  throw DbError(sqlstate::kSyntaxError, "invalid type name \"" + trimmed + "\"");
}

}  // namespace lumadb::planner
