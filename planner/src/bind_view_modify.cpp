// INSERT, UPDATE and DELETE on views (PostgreSQL 15's rewriteHandler.c, automatically updatable views): a
// view over a single relation, without DISTINCT, GROUP BY, HAVING, set operations, WITH, LIMIT/OFFSET or
// aggregates, passes the statement to that relation with the view's columns mapped to the relation's and
// its WHERE added; any other view is 55000 "cannot insert into view". The statement's own AST parts are
// lent to the rewritten statement while it is bound, then given back.
#include "parser/parser.h"
#include "plan_util.h"
#include "planner/binder.h"

namespace lumadb::planner {
namespace {

bool IsAggregateCall(const ast::Expr& e) {
  if (e.kind != ast::ExprKind::kFunc) return false;
  static const char* const kAggregates[] = {"count",   "sum",   "avg",       "min",        "max",      "bool_and",
                                            "bool_or", "every", "array_agg", "string_agg", "json_agg", "jsonb_agg"};
  const auto& f = static_cast<const ast::FuncCall&>(e);
  for (const char* name : kAggregates) {
    if (f.name.back() == name) return true;
  }
  return false;
}

/// view_query_is_auto_updatable's reason, or nullptr when the view is automatically updatable.
const char* NotUpdatableReason(const ast::SelectStmt& q) {
  if (q.distinct) return "Views containing DISTINCT are not automatically updatable.";
  if (!q.group_by.empty()) return "Views containing GROUP BY are not automatically updatable.";
  if (q.having) return "Views containing HAVING are not automatically updatable.";
  if (q.set_op != ast::SetOpType::kNone) {
    return "Views containing UNION, INTERSECT, or EXCEPT are not automatically updatable.";
  }
  if (q.with) return "Views containing WITH are not automatically updatable.";
  if (q.limit || q.offset) return "Views containing LIMIT or OFFSET are not automatically updatable.";
  for (const auto& t : q.targets) {
    if (IsAggregateCall(*t.expr)) return "Views that return aggregate functions are not automatically updatable.";
  }
  if (!q.values.empty() || q.from.size() != 1 || q.from[0]->kind != ast::TableRefKind::kBase) {
    return "Views that do not select from a single table or view are not automatically updatable.";
  }
  return nullptr;
}

/// Lends `from` to `to` until destroyed (also when binding throws).
template <class T>
class Lend {
 public:
  Lend(T& from, T& to) : from_(from), to_(to) { to_ = std::move(from_); }
  ~Lend() { from_ = std::move(to_); }
  Lend(const Lend&) = delete;
  Lend& operator=(const Lend&) = delete;

 private:
  T& from_;
  T& to_;
};

/// Swaps the SET list's column names with `names` (the base columns) until destroyed.
class RenameSet {
 public:
  RenameSet(std::vector<ast::SetClause>& set, std::vector<std::string>& names) : set_(set), names_(names) { Swap(); }
  ~RenameSet() { Swap(); }
  RenameSet(const RenameSet&) = delete;
  RenameSet& operator=(const RenameSet&) = delete;

 private:
  void Swap() {
    for (size_t i = 0; i < set_.size() && i < names_.size(); ++i) std::swap(set_[i].column, names_[i]);
  }
  std::vector<ast::SetClause>& set_;
  std::vector<std::string>& names_;
};

/// Lends the statement's WHERE to the rewritten statement, ANDed with the view's, until destroyed.
class WhereLoan {
 public:
  WhereLoan(ast::ExprPtr& user, ast::ExprPtr view, ast::ExprPtr& into)
      : user_(user), into_(into), had_user_(user != nullptr) {
    if (user_ && view) {
      auto both = std::make_unique<ast::BinaryExpr>("AND", std::move(user_), std::move(view), -1);
      and_ = both.get();
      into_ = std::move(both);
    } else {
      into_ = user_ ? std::move(user_) : std::move(view);
    }
  }
  ~WhereLoan() {
    if (and_ != nullptr) {
      user_ = std::move(and_->left);
    } else if (had_user_) {
      user_ = std::move(into_);
    }
  }
  WhereLoan(const WhereLoan&) = delete;
  WhereLoan& operator=(const WhereLoan&) = delete;

 private:
  ast::ExprPtr& user_;
  ast::ExprPtr& into_;
  bool had_user_;
  ast::BinaryExpr* and_ = nullptr;
};

}  // namespace

PlanPtr Binder::BindViewModify(const ast::Statement& stmt, const std::shared_ptr<const catalog::TableInfo>& view) {
  // The caller needs the privilege on the view; the base relation is accessed with the view owner's rights.
  const bool inserting = stmt.kind == ast::StmtKind::kInsert;
  RequirePermission(view, inserting                             ? catalog::kAclInsert
                          : stmt.kind == ast::StmtKind::kUpdate ? catalog::kAclUpdate
                                                                : catalog::kAclDelete);
  auto outer = permissions_;
  permissions_ = std::make_shared<PermissionList>();
  struct Restore {
    Binder* b;
    std::shared_ptr<PermissionList> outer;
    Oid owner;
    ~Restore() {
      for (RelationPermission p : *b->permissions_) {
        if (p.check_as == 0) p.check_as = owner;
        outer->push_back(std::move(p));
      }
      b->permissions_ = outer;
    }
  } restore{this, outer, view->owner};
  return [&]() -> PlanPtr {
    auto parsed = parser::Parse(view->view_query);
    auto& q = parsed.at(0)->As<ast::SelectStmt>();
    const bool insert = stmt.kind == ast::StmtKind::kInsert;
    const bool update = stmt.kind == ast::StmtKind::kUpdate;
    if (const char* reason = NotUpdatableReason(q)) {
      const std::string what = insert ? "insert into" : update ? "update" : "delete from";
      const std::string hint = insert ? "To enable inserting into the view, provide an INSTEAD OF INSERT trigger or an "
                                        "unconditional ON INSERT DO INSTEAD rule."
                               : update
                                   ? "To enable updating the view, provide an INSTEAD OF UPDATE trigger or an "
                                     "unconditional ON UPDATE DO INSTEAD rule."
                                   : "To enable deleting from the view, provide an INSTEAD OF DELETE trigger or an "
                                     "unconditional ON DELETE DO INSTEAD rule.";
      throw DbError(sqlstate::kObjectNotInPrerequisiteState, "cannot " + what + " view \"" + view->name + "\"")
          .Detail(reason)
          .Hint(hint);
    }
    const ast::QualifiedName base_name = q.from[0]->table;
    auto base = LookupTableOrThrow(base_name);
    // The base column behind each view column ("" for a computed one).
    std::vector<std::string> mapped;
    for (const auto& t : q.targets) {
      if (t.expr->kind == ast::ExprKind::kStar) {
        for (const auto& c : base->columns) mapped.push_back(c.name);
      } else if (t.expr->kind == ast::ExprKind::kColumnRef) {
        mapped.push_back(static_cast<const ast::ColumnRef&>(*t.expr).names.back());
      } else {
        mapped.push_back("");
      }
    }
    mapped.resize(view->columns.size());
    auto map_column = [&](const std::string& name, int32_t location) {
      for (size_t i = 0; i < view->columns.size(); ++i) {
        if (view->columns[i].name != name) continue;
        if (mapped[i].empty()) {
          throw Error(sqlstate::kFeatureNotSupported,
                      std::string("cannot ") + (insert ? "insert into" : "update") + " column \"" + name +
                          "\" of view \"" + view->name + "\"",
                      location)
              .Detail("View columns that are not columns of their base relation are not updatable.");
        }
        return mapped[i];
      }
      return name;  // the base binder reports it as missing
    };
    const std::string alias = view->name;
    if (insert) {
      auto& in = const_cast<ast::InsertStmt&>(stmt.As<ast::InsertStmt>());
      ast::InsertStmt rewritten;
      rewritten.table = base_name;
      rewritten.alias = in.alias.empty() ? alias : in.alias;
      rewritten.overriding = in.overriding;
      rewritten.with = in.with;
      rewritten.column_locations = in.column_locations;
      if (in.columns.empty()) {
        for (size_t i = 0; i < view->columns.size(); ++i) {
          if (!mapped[i].empty()) rewritten.columns.push_back(mapped[i]);
        }
      }
      for (size_t i = 0; i < in.columns.size(); ++i) {
        rewritten.columns.push_back(
            map_column(in.columns[i], i < in.column_locations.size() ? in.column_locations[i] : -1));
      }
      Lend source(in.source, rewritten.source);
      Lend returning(in.returning, rewritten.returning);
      return BindInsert(rewritten);
    }
    if (update) {
      auto& up = const_cast<ast::UpdateStmt&>(stmt.As<ast::UpdateStmt>());
      ast::UpdateStmt rewritten;
      rewritten.table = base_name;
      rewritten.alias = up.alias.empty() ? alias : up.alias;
      rewritten.with = up.with;
      std::vector<std::string> names;  // the view's column names, given back with the SET list
      for (auto& s : up.set) names.push_back(map_column(s.column, s.location));
      Lend set(up.set, rewritten.set);
      RenameSet rename(rewritten.set, names);
      Lend from(up.from, rewritten.from);
      Lend returning(up.returning, rewritten.returning);
      WhereLoan where(up.where, std::move(q.where), rewritten.where);
      return BindUpdate(rewritten);
    }
    auto& del = const_cast<ast::DeleteStmt&>(stmt.As<ast::DeleteStmt>());
    ast::DeleteStmt rewritten;
    rewritten.table = base_name;
    rewritten.alias = del.alias.empty() ? alias : del.alias;
    rewritten.with = del.with;
    Lend returning(del.returning, rewritten.returning);
    WhereLoan where(del.where, std::move(q.where), rewritten.where);
    return BindDelete(rewritten);
  }();
}

}  // namespace lumadb::planner
