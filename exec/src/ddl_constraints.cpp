#include "ddl_constraints.h"

#include <algorithm>
#include <cctype>
#include <functional>

#include "common/error.h"
#include "ddl.h"
#include "permissions.h"
#include "planner/function_registry.h"
#include "planner/type_rules.h"

namespace lumadb::exec {

void VisitExpr(const ast::Expr& e, const std::function<void(const ast::Expr&)>& fn) {
  using ast::ExprKind;
  fn(e);
  auto walk = [&](const ast::ExprPtr& child) {
    if (child) VisitExpr(*child, fn);
  };
  switch (e.kind) {
    case ExprKind::kFunc:
      for (const auto& a : e.As<ast::FuncCall>().args) walk(a);
      return;
    case ExprKind::kUnary:
      walk(e.As<ast::UnaryExpr>().arg);
      return;
    case ExprKind::kBinary: {
      const auto& b = e.As<ast::BinaryExpr>();
      walk(b.left);
      walk(b.right);
      walk(b.escape);
      return;
    }
    case ExprKind::kIsNull:
      walk(e.As<ast::IsNullExpr>().arg);
      return;
    case ExprKind::kBoolTest:
      walk(e.As<ast::BoolTestExpr>().arg);
      return;
    case ExprKind::kBetween: {
      const auto& b = e.As<ast::BetweenExpr>();
      walk(b.arg);
      walk(b.low);
      walk(b.high);
      return;
    }
    case ExprKind::kInList: {
      const auto& in = e.As<ast::InListExpr>();
      walk(in.arg);
      for (const auto& x : in.list) walk(x);
      return;
    }
    case ExprKind::kCase: {
      const auto& c = e.As<ast::CaseExpr>();
      walk(c.arg);
      for (const auto& [w, t] : c.whens) {
        walk(w);
        walk(t);
      }
      walk(c.else_result);
      return;
    }
    case ExprKind::kCast:
      walk(e.As<ast::CastExpr>().arg);
      return;
    case ExprKind::kArray:
      for (const auto& x : e.As<ast::ArrayExpr>().elements) walk(x);
      return;
    case ExprKind::kRow:
      for (const auto& x : e.As<ast::RowExpr>().args) walk(x);
      return;
    case ExprKind::kSubscript: {
      const auto& s = e.As<ast::SubscriptExpr>();
      walk(s.arg);
      walk(s.lower);
      walk(s.upper);
      return;
    }
    case ExprKind::kArrayOp:
      walk(e.As<ast::ArrayOpExpr>().arg);
      walk(e.As<ast::ArrayOpExpr>().array);
      return;
    default:
      return;
  }
}

void CheckDefault(planner::Binder& binder, const ast::Expr& expr, const catalog::ColumnInfo& column) {
  auto bound = binder.BindExpr(expr, planner::Scope{});
  if (!binder.TryCoerce(bound, column.type, CastContext::kAssignment)) {
    throw binder
        .Error(sqlstate::kDatatypeMismatch,
               "column \"" + column.name + "\" is of type " + FormatType(column.type) +
                   " but default expression is of type " + planner::TypeDisplayName(bound->type.id),
               expr.location)
        .Hint("You will need to rewrite or cast the expression.");
  }
}

namespace {

// PostgreSQL rejects these while transforming the expression, before any name is resolved
// (parse_expr.c transformSubLink, parse_agg.c check_agglevels_and_constraints).
void RejectInCheck(const ast::Expr& expr, std::string_view text) {
  VisitExpr(expr, [text](const ast::Expr& e) {
    if (e.kind == ast::ExprKind::kSubquery) {
      throw DbError(sqlstate::kFeatureNotSupported, "cannot use subquery in check constraint")
          .Position(planner::CharPosition(text, e.location));
    }
    if (e.kind == ast::ExprKind::kFunc && planner::IsAggregateName(e.As<ast::FuncCall>().name.back())) {
      throw DbError(sqlstate::kGroupingError, "aggregate functions are not allowed in check constraints")
          .Position(planner::CharPosition(text, e.location));
    }
  });
}

bool IsIntegerType(TypeId t) {
  return t == TypeId::kInt2 || t == TypeId::kInt4 || t == TypeId::kInt8;
}

// ATAddForeignKeyConstraint accepts a pair when an equality operator joins the two types; for the types
// LumaDB indexes that is: the same type, two integer types, or two string types.
bool FkTypesCompatible(TypeId a, TypeId b) {
  return a == b || (IsIntegerType(a) && IsIntegerType(b)) || (planner::IsStringType(a) && planner::IsStringType(b));
}

// Calls fn(begin, end, identifier) for every identifier token of sql outside string literals.
template <class Fn>
void ForEachIdentifier(std::string_view sql, Fn fn) {
  size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\'') {
      for (++i; i < sql.size(); ++i) {
        if (sql[i] == '\'' && (i + 1 >= sql.size() || sql[i + 1] != '\'')) break;
        if (sql[i] == '\'') ++i;
      }
      ++i;
    } else if (c == '"') {
      size_t start = i;
      std::string ident;
      for (++i; i < sql.size(); ++i) {
        if (sql[i] == '"' && (i + 1 >= sql.size() || sql[i + 1] != '"')) break;
        if (sql[i] == '"') ++i;
        ident += sql[i];
      }
      ++i;
      fn(start, i, ident);
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80)) {
      size_t start = i;
      std::string ident;
      while (i < sql.size() &&
             (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_' || sql[i] == '$' || (sql[i] & 0x80))) {
        ident += static_cast<char>(std::tolower(static_cast<unsigned char>(sql[i])));
        ++i;
      }
      fn(start, i, ident);
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      while (i < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '.')) ++i;
    } else {
      ++i;
    }
  }
}

std::string QuoteIdentifierIfNeeded(const std::string& name) {
  bool plain = !name.empty() && (std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_');
  for (char c : name) {
    plain = plain &&
            (std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_');
  }
  if (plain) return name;
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

bool TextMentionsIdentifier(std::string_view sql, const std::string& name) {
  bool found = false;
  ForEachIdentifier(sql, [&](size_t, size_t, const std::string& ident) { found = found || ident == name; });
  return found;
}

std::string RenameIdentifier(std::string_view sql, const std::string& from, const std::string& to) {
  std::string out;
  size_t copied = 0;
  ForEachIdentifier(sql, [&](size_t begin, size_t end, const std::string& ident) {
    if (ident != from) return;
    out.append(sql.substr(copied, begin - copied));
    out += QuoteIdentifierIfNeeded(to);
    copied = end;
  });
  out.append(sql.substr(copied));
  return out;
}

int16_t AttnumByName(const std::vector<catalog::ColumnInfo>& columns, std::string_view name) {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == name) return static_cast<int16_t>(i + 1);
  }
  return 0;
}

planner::Scope TableScope(const std::string& table_name, const std::vector<catalog::ColumnInfo>& columns) {
  planner::Scope scope;
  scope.relations.push_back(table_name);
  for (size_t i = 0; i < columns.size(); ++i) {
    scope.columns.push_back({table_name, columns[i].name, columns[i].type, 0, static_cast<int16_t>(i + 1), false});
  }
  return scope;
}

planner::BoundExprPtr ValidateCheck(planner::Binder& binder, const ast::Expr& expr, std::string_view query_text,
                                    const std::string& table_name, const std::vector<catalog::ColumnInfo>& columns) {
  RejectInCheck(expr, query_text);
  planner::BoundExprPtr bound = binder.BindExpr(expr, TableScope(table_name, columns));
  if (bound->type.id != TypeId::kBool) {
    planner::BoundExprPtr coerced = binder.TryCoerce(bound, {TypeId::kBool, -1}, CastContext::kImplicit);
    if (!coerced) {
      throw binder.Error(sqlstate::kDatatypeMismatch,
                         "argument of CHECK must be type boolean, not type " + planner::TypeDisplayName(bound->type.id),
                         expr.location);
    }
    bound = coerced;
  }
  return bound;
}

catalog::FkAction FkActionOf(ast::FkActionKind kind) {
  switch (kind) {
    case ast::FkActionKind::kNoAction:
      return catalog::FkAction::kNoAction;
    case ast::FkActionKind::kRestrict:
      return catalog::FkAction::kRestrict;
    case ast::FkActionKind::kCascade:
      return catalog::FkAction::kCascade;
    case ast::FkActionKind::kSetNull:
      return catalog::FkAction::kSetNull;
    case ast::FkActionKind::kSetDefault:
      return catalog::FkAction::kSetDefault;
  }
  return catalog::FkAction::kNoAction;
}

catalog::ForeignKey ResolveForeignKey(SessionContext& ctx, const SelfTable& self, const std::string& constraint_name,
                                      const std::vector<std::string>& fk_columns, const ast::ForeignKeyRef& ref) {
  catalog::ForeignKey fk;
  fk.name = constraint_name;
  fk.on_delete = FkActionOf(ref.on_delete);
  fk.on_update = FkActionOf(ref.on_update);
  for (const auto& c : fk_columns) {
    int16_t a = AttnumByName(*self.columns, c);
    if (a == 0) {
      throw DbError(sqlstate::kUndefinedColumn,
                    "column \"" + c + "\" referenced in foreign key constraint does not exist");
    }
    fk.attnums.push_back(a);
  }

  // The referenced table: the one being defined, or an existing one (S-locked so its rows stay put).
  const std::vector<catalog::ColumnInfo>* ref_columns = nullptr;
  const std::vector<catalog::KeyConstraint>* ref_keys = nullptr;
  std::shared_ptr<const catalog::TableInfo> ref_table;
  bool self_ref = ref.table.name == self.name && (ref.table.schema.empty() || ref.table.schema == self.schema);
  if (self_ref && self.keys != nullptr) {
    ref_columns = self.columns;
    ref_keys = self.keys;
  } else {
    ref_table = TableOrThrow(ctx, ref.table);
    CheckRelationPrivilege(ctx, *ref_table, catalog::kAclReferences);  // tablecmds.c checkFkeyPermissions
    LockTableMode(ctx, ref_table->oid, false);
    ref_columns = &ref_table->columns;
    ref_keys = &ref_table->keys;
    fk.ref_table_oid = ref_table->oid;
  }

  const catalog::KeyConstraint* matched = nullptr;
  if (ref.columns.empty()) {
    for (const auto& k : *ref_keys) {
      if (k.primary) matched = &k;
    }
    if (matched == nullptr) {
      throw DbError(sqlstate::kUndefinedObject,
                    "there is no primary key for referenced table \"" + ref.table.name + "\"");
    }
    fk.ref_attnums = matched->attnums;
  } else {
    for (const auto& c : ref.columns) {
      int16_t a = AttnumByName(*ref_columns, c);
      if (a == 0) {
        throw DbError(sqlstate::kUndefinedColumn,
                      "column \"" + c + "\" referenced in foreign key constraint does not exist");
      }
      fk.ref_attnums.push_back(a);
    }
  }
  if (fk.ref_attnums.size() != fk.attnums.size()) {
    throw DbError(sqlstate::kInvalidForeignKey,
                  "number of referencing and referenced columns for foreign key disagree");
  }
  if (matched == nullptr) {
    // Any unique key over exactly these columns, in any order (transformFkeyCheckAttrs).
    auto sorted = fk.ref_attnums;
    std::sort(sorted.begin(), sorted.end());
    for (const auto& k : *ref_keys) {
      auto key_cols = k.attnums;
      std::sort(key_cols.begin(), key_cols.end());
      if (key_cols == sorted) matched = &k;
    }
    if (matched == nullptr && ref_table) {
      for (const auto& index : ref_table->indexes) {
        std::vector<int16_t> cols;
        for (const auto& c : index.columns) cols.push_back(c.attnum);
        std::sort(cols.begin(), cols.end());
        if (index.unique && cols == sorted) fk.ref_index_oid = index.oid;
      }
    }
    if (matched == nullptr && fk.ref_index_oid == 0) {
      throw DbError(
          sqlstate::kInvalidForeignKey,
          "there is no unique constraint matching given keys for referenced table \"" + ref.table.name + "\"");
    }
  }
  if (matched != nullptr) fk.ref_index_oid = matched->index_oid;
  for (size_t i = 0; i < fk.attnums.size(); ++i) {
    const auto& mine = (*self.columns)[fk.attnums[i] - 1];
    const auto& theirs = (*ref_columns)[fk.ref_attnums[i] - 1];
    if (!FkTypesCompatible(mine.type.id, theirs.type.id)) {
      throw DbError(sqlstate::kDatatypeMismatch,
                    "foreign key constraint \"" + constraint_name + "\" cannot be implemented")
          .Detail("Key columns \"" + mine.name + "\" and \"" + theirs.name + "\" are of incompatible types: " +
                  planner::TypeDisplayName(mine.type.id) + " and " + planner::TypeDisplayName(theirs.type.id) + ".");
    }
  }
  return fk;
}

}  // namespace lumadb::exec
