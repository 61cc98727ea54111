// INSERT, UPDATE and DELETE on views (PostgreSQL 15's rewriteHandler.c rewriteTargetView): a view
// passing view_query_is_auto_updatable turns the statement into one on its base relation, with the view's
// columns replaced by the view's expressions for them (ViewColumnSubstitution) and its WHERE added; a
// base relation that is a view is rewritten in turn. WITH CHECK OPTION quals travel down with the
// statement and are bound over the base table's row at the bottom. The statement's own AST parts are lent
// to the rewritten statement while it is bound, then given back unchanged.
#include <algorithm>
#include <functional>
#include <list>
#include <optional>

#include "parser/parser.h"
#include "plan_util.h"
#include "planner/binder.h"
#include "planner/view_rewrite.h"
#include "view_on_conflict.h"

namespace lumadb::planner {

/// WITH CHECK OPTION quals (view name, qual over the relation being rewritten to) collected while a view
/// statement is rewritten down to its base table, and whether an outer view has WITH CASCADED CHECK
/// OPTION. Each rewrite step owns them and hands them to the next through Binder::view_checks_; a list
/// keeps each qual's slot in place while substitutions refer to it.
struct ViewChecks {
  std::list<std::pair<std::string, ast::ExprPtr>> quals;
  bool cascaded = false;
};

namespace {

/// plan (an INSERT or UPDATE on `base`) with the collected check quals bound over base's row, the
/// innermost view's first (rewriteTargetView puts each view's check in front).
PlanPtr WithViewChecks(Binder& binder, const ViewChecks& view_checks, const PlanPtr& plan,
                       const catalog::TableInfo& base, const std::string& alias) {
  if (view_checks.quals.empty()) return plan;
  const Scope scope = TableScope(base, alias);
  std::vector<BoundCheck> checks;
  for (auto it = view_checks.quals.rbegin(); it != view_checks.quals.rend(); ++it) {
    checks.push_back({it->first, binder.BindExpr(*it->second, scope), true});
  }
  if (plan->kind == PlanKind::kInsert) {
    auto copy = std::make_shared<InsertPlan>(plan->As<InsertPlan>());
    copy->checks.insert(copy->checks.end(), checks.begin(), checks.end());
    return copy;
  }
  auto copy = std::make_shared<UpdatePlan>(plan->As<UpdatePlan>());
  copy->checks.insert(copy->checks.end(), checks.begin(), checks.end());
  return copy;
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

/// Swaps the SET list's column names with `names` (the base columns) and hides its positions (the
/// rewriter's errors have none) until destroyed.
class RenameSet {
 public:
  RenameSet(std::vector<ast::SetClause>& set, std::vector<std::string>& names)
      : set_(set), names_(names), locations_(set.size(), -1) {
    Swap();
  }
  ~RenameSet() { Swap(); }
  RenameSet(const RenameSet&) = delete;
  RenameSet& operator=(const RenameSet&) = delete;

 private:
  void Swap() {
    for (size_t i = 0; i < set_.size() && i < names_.size(); ++i) {
      std::swap(set_[i].column, names_[i]);
      std::swap(set_[i].location, locations_[i]);
    }
  }
  std::vector<ast::SetClause>& set_;
  std::vector<std::string>& names_;
  std::vector<int32_t> locations_;
};

/// Lends the statement's WHERE to the rewritten statement, ANDed with the view's, until destroyed.
class WhereLoan {
 public:
  WhereLoan(ast::ExprPtr& user, ast::ExprPtr view, ast::ExprPtr& into)
      : user_(user), into_(into), had_user_(user != nullptr) {
    if (user_ && view) {
      auto both = std::make_unique<ast::BinaryExpr>("AND", std::move(view), std::move(user_), -1);
      and_ = both.get();
      into_ = std::move(both);
    } else {
      into_ = user_ ? std::move(user_) : std::move(view);
    }
  }
  ~WhereLoan() {
    if (and_ != nullptr) {
      user_ = std::move(and_->right);
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

/// Lends the RETURNING list to the rewritten statement, a `*` or `view.*` expanded to the view's
/// columns and view columns replaced by their expressions, until destroyed.
class ReturningLoan {
 public:
  ReturningLoan(std::vector<ast::SelectItem>& user, std::vector<ast::SelectItem>& into, const catalog::TableInfo& view,
                const std::string& alias, const std::vector<ViewColumnSource>& sources)
      : user_(user), into_(into) {
    subst_.emplace(view, alias, sources);
    for (size_t k = 0; k < user_.size(); ++k) {
      auto& item = user_[k];
      if (item.expr->kind == ast::ExprKind::kStar) {
        const auto& q = static_cast<const ast::StarExpr&>(*item.expr).qualifier;
        if (q.empty() || (q.size() == 1 && q[0] == alias)) {
          for (size_t i = 0; i < view.columns.size(); ++i) {
            into_.push_back({subst_->Copy(i), view.columns[i].name, item.location});
          }
          continue;
        }
      }
      lent_.emplace_back(k, into_.size());
      into_.push_back({std::move(item.expr), item.alias, item.location});
    }
    for (auto& item : into_) subst_->ApplyToItem(&item);
  }
  ~ReturningLoan() {
    subst_.reset();  // puts the lent nodes back into into_ first
    for (auto [from, to] : lent_) user_[from].expr = std::move(into_[to].expr);
  }
  ReturningLoan(const ReturningLoan&) = delete;
  ReturningLoan& operator=(const ReturningLoan&) = delete;

  /// The view columns RETURNING reads.
  const ViewColumnSubstitution& substitution() const { return *subst_; }

 private:
  std::vector<ast::SelectItem>& user_;
  std::vector<ast::SelectItem>& into_;
  std::optional<ViewColumnSubstitution> subst_;
  std::vector<std::pair<size_t, size_t>> lent_;  // user index, rewritten index
};

std::string Hint(ast::StmtKind kind) {
  if (kind == ast::StmtKind::kInsert) {
    return "To enable inserting into the view, provide an INSTEAD OF INSERT trigger or an unconditional ON INSERT "
           "DO INSTEAD rule.";
  }
  if (kind == ast::StmtKind::kUpdate) {
    return "To enable updating the view, provide an INSTEAD OF UPDATE trigger or an unconditional ON UPDATE DO "
           "INSTEAD rule.";
  }
  return "To enable deleting from the view, provide an INSTEAD OF DELETE trigger or an unconditional ON DELETE DO "
         "INSTEAD rule.";
}

/// Adds a view's column defaults to an INSERT ... VALUES on it until destroyed (rewriteHandler.c
/// rewriteTargetListIU and rewriteValuesRTE with the view's defaults): a column the statement leaves out
/// gets its default appended to every row, a DEFAULT item of a column with one is replaced by it.
class ViewDefaults {
 public:
  /// columns: the view columns the statement names (by index), in order; the base columns of the added
  /// ones are appended to *base_columns.
  ViewDefaults(const catalog::TableInfo& view, ast::SelectStmt* source, const std::vector<size_t>& columns,
               const std::function<std::string(const std::string&)>& base_column,
               std::vector<std::string>* base_columns)
      : source_(source) {
    const bool values = source != nullptr && !source->values.empty();
    for (size_t k = 0; k < columns.size() && values; ++k) {
      const auto& def = view.columns[columns[k]].default_expr;
      if (!def) continue;
      for (auto& row : source->values) {
        if (k >= row.size() || row[k]->kind != ast::ExprKind::kDefault) continue;
        replaced_.emplace_back(&row[k], std::move(row[k]));
        row[k] = Parse(*def);
      }
    }
    for (size_t i = 0; i < view.columns.size(); ++i) {
      if (!view.columns[i].default_expr || std::find(columns.begin(), columns.end(), i) != columns.end()) continue;
      std::string base = base_column(view.columns[i].name);
      if (!values) continue;
      base_columns->push_back(std::move(base));
      for (auto& row : source->values) row.push_back(Parse(*view.columns[i].default_expr));
      ++appended_;
    }
  }
  ~ViewDefaults() {
    for (auto it = replaced_.rbegin(); it != replaced_.rend(); ++it) *it->first = std::move(it->second);
    if (appended_ == 0) return;
    for (auto& row : source_->values) row.resize(row.size() - appended_);
  }
  ViewDefaults(const ViewDefaults&) = delete;
  ViewDefaults& operator=(const ViewDefaults&) = delete;

 private:
  static ast::ExprPtr Parse(const std::string& text) {
    auto parsed = parser::Parse("SELECT " + text);
    return std::move(parsed.at(0)->As<ast::SelectStmt>().targets.at(0).expr);
  }
  ast::SelectStmt* source_;
  std::vector<std::pair<ast::ExprPtr*, ast::ExprPtr>> replaced_;
  size_t appended_ = 0;
};

/// How many columns an INSERT without a column list fills: its VALUES rows' or select list's width.
size_t ImplicitWidth(const ast::InsertStmt& in, size_t view_width) {
  const ast::SelectStmt* src = in.source.get();
  if (src == nullptr) return 0;
  if (!src->values.empty()) return src->values[0].size();
  if (src->set_op != ast::SetOpType::kNone) return view_width;
  for (const auto& t : src->targets) {
    if (t.expr->kind == ast::ExprKind::kStar) return view_width;
  }
  return src->targets.size();
}

}  // namespace

PlanPtr Binder::BindViewModify(const ast::Statement& stmt, const std::shared_ptr<const catalog::TableInfo>& view) {
  // The caller needs the privilege on the view; the base relation is accessed with the view owner's rights.
  const bool insert = stmt.kind == ast::StmtKind::kInsert;
  const bool update = stmt.kind == ast::StmtKind::kUpdate;
  const catalog::AclMode privilege = insert ? catalog::kAclInsert : update ? catalog::kAclUpdate : catalog::kAclDelete;
  // The outer list is left alone while the view is rewritten, so this entry stays put.
  RelationPermission& view_permission = RequirePermission(view, privilege);
  auto outer = permissions_;
  permissions_ = std::make_shared<PermissionList>();
  // The checks of the views this statement was rewritten from; handed on to the statement made here.
  std::shared_ptr<ViewChecks> checks;
  if (auto node = view_checks_.extract(&stmt)) checks = std::move(node.mapped());
  if (!checks) checks = std::make_shared<ViewChecks>();
  ViewChecks& view_checks = *checks;
  struct Restore {
    Binder* b;
    std::shared_ptr<PermissionList> outer;
    Oid owner;
    ~Restore() {
      for (RelationPermission p : *b->permissions_) {
        if (p.check_as == 0) p.check_as = owner;  // 0 for a security_invoker view: the caller
        outer->push_back(std::move(p));
      }
      b->permissions_ = outer;
    }
  } restore{this, outer, ViewSecurityInvoker(*view) ? Oid{0} : view->owner};

  auto parsed = parser::Parse(view->view_query);
  auto& q = parsed.at(0)->As<ast::SelectStmt>();
  const std::string what = insert ? "insert into" : update ? "update" : "delete from";
  auto not_updatable = [&](const char* reason) {
    return DbError(sqlstate::kObjectNotInPrerequisiteState, "cannot " + what + " view \"" + view->name + "\"")
        .Detail(reason)
        .Hint(Hint(stmt.kind));
  };
  if (const char* reason = ViewNotUpdatableReason(q)) throw not_updatable(reason);
  const ast::QualifiedName base_name = q.from[0]->table;
  const std::string base_alias = q.from[0]->alias;
  auto base = LookupTableOrThrow(base_name);
  if (base->relkind != 'r' && base->relkind != 'v') {
    throw not_updatable("Views that do not select from a single table or view are not automatically updatable.");
  }
  std::vector<ViewColumnSource> sources = ViewColumnSources(q, *base, view->columns.size());
  if (insert || update) {
    bool any = false;
    for (const auto& s : sources) any = any || !s.base_column.empty();
    if (!any) throw not_updatable(kViewNoUpdatableColumns);
  }
  const std::string alias = [&] {
    if (insert) return stmt.As<ast::InsertStmt>().alias;
    if (update) return stmt.As<ast::UpdateStmt>().alias;
    return stmt.As<ast::DeleteStmt>().alias;
  }();
  const std::string view_alias = alias.empty() ? view->name : alias;
  ViewColumnSubstitution subst(*view, view_alias, sources);
  // The base column a view column named in the statement stands for (0A000 for a computed one).
  auto base_column = [&](const std::string& name, int32_t location) -> std::string {
    for (size_t i = 0; i < view->columns.size(); ++i) {
      if (view->columns[i].name != name) continue;
      if (sources[i].base_column.empty()) {
        throw DbError(sqlstate::kFeatureNotSupported, "cannot " + std::string(insert ? "insert into" : "update") +
                                                          " column \"" + name + "\" of view \"" + view->name + "\"")
            .Detail(kViewColumnNotUpdatable);
      }
      view_permission.modified.insert(view->columns[i].attnum);
      return sources[i].base_column;
    }
    throw Error(sqlstate::kUndefinedColumn, "column \"" + name + "\" of relation \"" + view->name + "\" does not exist",
                location);
  };

  // Reading view columns (WHERE, SET values, RETURNING) needs SELECT on them.
  auto note_reads = [&](const ViewColumnSubstitution& a, const ViewColumnSubstitution& b) {
    for (const auto* s : {&a, &b}) {
      for (int16_t attnum : s->read()) {
        view_permission.required |= catalog::kAclSelect;
        view_permission.selected.insert(attnum);
      }
    }
  };
  // Check options of the views above this one speak of its columns; its own speaks of the base's.
  ViewColumnSubstitution check_subst(*view, view_alias, sources);
  for (auto& [name, qual] : view_checks.quals) check_subst.Apply(&qual);
  const std::string check_option = ViewCheckOption(*view);
  if ((insert || update) && (view_checks.cascaded || !check_option.empty()) && q.where) {
    view_checks.quals.emplace_back(view->name, std::move(q.where));
    q.where = std::move(parser::Parse(view->view_query).at(0)->As<ast::SelectStmt>().where);
  }
  view_checks.cascaded = view_checks.cascaded || check_option == "cascaded";
  // The rewritten statement, bound below, is the next step's `stmt` when the base is a view.
  auto hand_on = [&](const ast::Statement& rewritten) {
    if (base->relkind == 'v') view_checks_[&rewritten] = checks;
  };
  struct Forget {
    Binder* b;
    const ast::Statement* rewritten = nullptr;
    ~Forget() {
      if (rewritten != nullptr) b->view_checks_.erase(rewritten);
    }
  } forget{this};

  PlanPtr plan;
  if (insert) {
    auto& in = const_cast<ast::InsertStmt&>(stmt.As<ast::InsertStmt>());
    ast::InsertStmt rewritten;
    rewritten.table = base_name;
    rewritten.alias = base_alias;
    rewritten.overriding = in.overriding;
    rewritten.with = in.with;
    std::vector<std::string> names = in.columns;
    // The statement's own width errors come first, as parse analysis precedes the rewrite.
    const ast::SelectStmt* src = in.source.get();
    const size_t limit = names.empty() ? view->columns.size() : names.size();
    if (src != nullptr && !src->values.empty() && src->values[0].size() > limit) {
      throw Error(sqlstate::kSyntaxError, "INSERT has more expressions than target columns",
                  src->values[0][limit]->location);
    }
    if (src != nullptr && !src->values.empty() && !names.empty() && src->values[0].size() < names.size()) {
      throw Error(sqlstate::kSyntaxError, "INSERT has more target columns than expressions",
                  src->values[0].size() < in.column_locations.size() ? in.column_locations[src->values[0].size()] : -1);
    }
    if (names.empty()) {
      const size_t width = std::min(ImplicitWidth(in, view->columns.size()), view->columns.size());
      for (size_t i = 0; i < width; ++i) names.push_back(view->columns[i].name);
      if (ImplicitWidth(in, view->columns.size()) > width) {
        for (size_t i = width; i < view->columns.size(); ++i) names.push_back(view->columns[i].name);
      }
    } else {
      rewritten.column_locations = in.column_locations;
    }
    std::vector<size_t> named;  // view column indexes
    for (size_t i = 0; i < names.size(); ++i) {
      rewritten.columns.push_back(
          base_column(names[i], i < in.column_locations.size() && !in.columns.empty() ? in.column_locations[i] : -1));
      for (size_t c = 0; c < view->columns.size(); ++c) {
        if (view->columns[c].name == names[i]) named.push_back(c);
      }
    }
    ViewDefaults defaults(
        *view, in.source.get(), named, [&](const std::string& name) { return base_column(name, -1); },
        &rewritten.columns);
    for (size_t i = 0; i < rewritten.columns.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        if (rewritten.columns[j] == rewritten.columns[i]) {
          throw DbError(sqlstate::kSyntaxError, "multiple assignments to same column \"" + rewritten.columns[i] + "\"");
        }
      }
    }
    Lend source(in.source, rewritten.source);
    ReturningLoan returning(in.returning, rewritten.returning, *view, view_alias, sources);
    note_reads(subst, returning.substitution());
    std::optional<OnConflictViewLoan> on_conflict;
    if (in.on_conflict) {
      on_conflict.emplace(in.on_conflict.get(), *view, view_alias, sources,
                          base_alias.empty() ? base->name : base_alias, base_column);
      for (int16_t attnum : on_conflict->read()) {
        view_permission.required |= catalog::kAclSelect;
        view_permission.selected.insert(attnum);
      }
      rewritten.on_conflict = in.on_conflict;
    }
    hand_on(rewritten);
    forget.rewritten = &rewritten;
    plan = BindInsert(rewritten);
    if (base->relkind == 'r') plan = WithViewChecks(*this, view_checks, plan, *base, base_alias);
  } else if (update) {
    auto& up = const_cast<ast::UpdateStmt&>(stmt.As<ast::UpdateStmt>());
    ast::UpdateStmt rewritten;
    rewritten.table = base_name;
    rewritten.alias = base_alias;
    rewritten.with = up.with;
    std::vector<std::string> names;  // the view's column names, given back with the SET list
    for (size_t i = 0; i < up.set.size(); ++i) {
      for (size_t j = 0; j < i && !up.set[i].target; ++j) {
        if (up.set[j].column == up.set[i].column && !up.set[j].target) {
          throw DbError(sqlstate::kSyntaxError, "multiple assignments to same column \"" + up.set[i].column + "\"");
        }
      }
    }
    for (auto& s : up.set) {
      names.push_back(base_column(s.column, s.location));
      subst.Apply(&s.value);
      subst.Apply(&s.target);
    }
    subst.Apply(&up.where);
    Lend set(up.set, rewritten.set);
    RenameSet rename(rewritten.set, names);
    Lend from(up.from, rewritten.from);
    WhereLoan where(up.where, std::move(q.where), rewritten.where);
    ReturningLoan returning(up.returning, rewritten.returning, *view, view_alias, sources);
    note_reads(subst, returning.substitution());
    hand_on(rewritten);
    forget.rewritten = &rewritten;
    plan = BindUpdate(rewritten);
    if (base->relkind == 'r') plan = WithViewChecks(*this, view_checks, plan, *base, base_alias);
  } else {
    auto& del = const_cast<ast::DeleteStmt&>(stmt.As<ast::DeleteStmt>());
    ast::DeleteStmt rewritten;
    rewritten.table = base_name;
    rewritten.alias = base_alias;
    rewritten.with = del.with;
    subst.Apply(&del.where);
    WhereLoan where(del.where, std::move(q.where), rewritten.where);
    ReturningLoan returning(del.returning, rewritten.returning, *view, view_alias, sources);
    note_reads(subst, returning.substitution());
    plan = BindDelete(rewritten);
  }
  return plan;
}

}  // namespace lumadb::planner
