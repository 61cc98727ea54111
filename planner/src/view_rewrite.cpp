// Automatically updatable views: rewriteHandler.c's view_query_is_auto_updatable and
// ReplaceVarsFromTargetList over the AST (see view_rewrite.h).
#include "planner/view_rewrite.h"

#include <algorithm>
#include <functional>

#include "parser/parser.h"
#include "planner/binder.h"
#include "planner/function_registry.h"

namespace lumadb::planner {
namespace {

/// Calls fn on each direct child expression slot of e, subqueries' bodies excluded.
void ForEachChild(ast::Expr& e, const std::function<void(ast::ExprPtr*)>& fn) {
  using ast::ExprKind;
  switch (e.kind) {
    case ExprKind::kFunc: {
      auto& f = static_cast<ast::FuncCall&>(e);
      for (auto& a : f.args) fn(&a);
      for (auto& o : f.order_by) fn(&o.expr);
      fn(&f.filter);
      return;
    }
    case ExprKind::kUnary:
      fn(&static_cast<ast::UnaryExpr&>(e).arg);
      return;
    case ExprKind::kBinary: {
      auto& b = static_cast<ast::BinaryExpr&>(e);
      fn(&b.left);
      fn(&b.right);
      fn(&b.escape);
      return;
    }
    case ExprKind::kIsNull:
      fn(&static_cast<ast::IsNullExpr&>(e).arg);
      return;
    case ExprKind::kBoolTest:
      fn(&static_cast<ast::BoolTestExpr&>(e).arg);
      return;
    case ExprKind::kBetween: {
      auto& b = static_cast<ast::BetweenExpr&>(e);
      fn(&b.arg);
      fn(&b.low);
      fn(&b.high);
      return;
    }
    case ExprKind::kInList: {
      auto& in = static_cast<ast::InListExpr&>(e);
      fn(&in.arg);
      for (auto& x : in.list) fn(&x);
      return;
    }
    case ExprKind::kCase: {
      auto& c = static_cast<ast::CaseExpr&>(e);
      fn(&c.arg);
      for (auto& [w, t] : c.whens) {
        fn(&w);
        fn(&t);
      }
      fn(&c.else_result);
      return;
    }
    case ExprKind::kCast:
      fn(&static_cast<ast::CastExpr&>(e).arg);
      return;
    case ExprKind::kSubquery:
      fn(&static_cast<ast::SubqueryExpr&>(e).arg);
      return;
    case ExprKind::kArray:
      for (auto& x : static_cast<ast::ArrayExpr&>(e).elements) fn(&x);
      return;
    case ExprKind::kRow:
      for (auto& x : static_cast<ast::RowExpr&>(e).args) fn(&x);
      return;
    case ExprKind::kSubscript: {
      auto& s = static_cast<ast::SubscriptExpr&>(e);
      fn(&s.arg);
      fn(&s.lower);
      fn(&s.upper);
      return;
    }
    case ExprKind::kArrayOp: {
      auto& a = static_cast<ast::ArrayOpExpr&>(e);
      fn(&a.arg);
      fn(&a.array);
      return;
    }
    default:
      return;
  }
}

/// True if pred holds for e or an expression inside it (subquery bodies excluded).
bool Contains(const ast::Expr& e, const std::function<bool(const ast::Expr&)>& pred) {
  if (pred(e)) return true;
  bool found = false;
  ForEachChild(const_cast<ast::Expr&>(e), [&](ast::ExprPtr* child) {
    if (!found && *child) found = Contains(**child, pred);
  });
  return found;
}

bool TargetsContain(const ast::SelectStmt& q, const std::function<bool(const ast::FuncCall&)>& pred) {
  for (const auto& t : q.targets) {
    if (Contains(*t.expr, [&](const ast::Expr& e) {
          return e.kind == ast::ExprKind::kFunc && pred(static_cast<const ast::FuncCall&>(e));
        })) {
      return true;
    }
  }
  return false;
}

/// Qualifies every column reference in *slot by `name`: the view query reads only its base relation, by
/// bare names or by the base's name or alias.
void Qualify(ast::ExprPtr* slot, const std::string& name) {
  if (!*slot) return;
  if ((*slot)->kind == ast::ExprKind::kColumnRef) {
    auto& names = static_cast<ast::ColumnRef&>(**slot).names;
    names = {name, names.back()};
    return;
  }
  ForEachChild(**slot, [&](ast::ExprPtr* child) { Qualify(child, name); });
}

}  // namespace

const char* ViewNotUpdatableReason(const ast::SelectStmt& q) {
  if (q.distinct) return "Views containing DISTINCT are not automatically updatable.";
  if (!q.group_by.empty()) return "Views containing GROUP BY are not automatically updatable.";
  if (q.having) return "Views containing HAVING are not automatically updatable.";
  if (q.set_op != ast::SetOpType::kNone) {
    return "Views containing UNION, INTERSECT, or EXCEPT are not automatically updatable.";
  }
  if (q.with) return "Views containing WITH are not automatically updatable.";
  if (q.limit || q.offset) return "Views containing LIMIT or OFFSET are not automatically updatable.";
  if (TargetsContain(q, [](const ast::FuncCall& f) { return !f.over && IsAggregateName(f.name.back()); })) {
    return "Views that return aggregate functions are not automatically updatable.";
  }
  if (TargetsContain(q, [](const ast::FuncCall& f) { return f.over != nullptr; })) {
    return "Views that return window functions are not automatically updatable.";
  }
  if (TargetsContain(q, [](const ast::FuncCall& f) { return IsSetFunctionName(f); })) {
    return "Views that return set-returning functions are not automatically updatable.";
  }
  if (!q.values.empty() || q.from.size() != 1 || q.from[0]->kind != ast::TableRefKind::kBase) {
    return "Views that do not select from a single table or view are not automatically updatable.";
  }
  return nullptr;
}

std::vector<ViewColumnSource> ViewColumnSources(const ast::SelectStmt& q, const catalog::TableInfo& base,
                                                size_t width) {
  std::vector<ViewColumnSource> out;
  for (size_t i = 0; i < q.targets.size() && out.size() < width; ++i) {
    const ast::Expr& e = *q.targets[i].expr;
    if (e.kind == ast::ExprKind::kStar) {
      for (const auto& c : base.columns) out.push_back({-1, c.name});
    } else if (e.kind == ast::ExprKind::kColumnRef) {
      out.push_back({static_cast<int>(i), static_cast<const ast::ColumnRef&>(e).names.back()});
    } else {
      out.push_back({static_cast<int>(i), ""});
    }
  }
  out.resize(width);
  return out;
}

std::string ViewCheckOption(const catalog::TableInfo& view) {
  constexpr std::string_view kKey = "check_option=";
  for (const std::string& item : view.reloptions) {
    if (item.starts_with(kKey)) return item.substr(kKey.size());
  }
  return "";
}

int RelationUpdatableEvents(catalog::Catalog& catalog, txn::Transaction& txn,
                            const std::vector<std::string>& search_path, const catalog::TableInfo& rel,
                            const std::vector<std::string>* columns, int depth) {
  constexpr int kAll = kUpdateEvent | kInsertEvent | kDeleteEvent;
  if (rel.relkind == 'r') return kAll;
  if (rel.relkind != 'v' || depth > 32) return 0;
  auto parsed = parser::Parse(rel.view_query);
  const auto& q = parsed.at(0)->As<ast::SelectStmt>();
  if (ViewNotUpdatableReason(q) != nullptr) return 0;
  const auto& name = q.from[0]->table;
  auto base = catalog.LookupTable(txn, name.schema, name.name, search_path);
  if (!base) return 0;
  std::vector<std::string> mapped;  // the base columns behind the considered, updatable view columns
  const auto sources = ViewColumnSources(q, *base, rel.columns.size());
  for (size_t i = 0; i < sources.size(); ++i) {
    const bool considered =
        columns == nullptr || std::find(columns->begin(), columns->end(), rel.columns[i].name) != columns->end();
    if (considered && !sources[i].base_column.empty()) mapped.push_back(sources[i].base_column);
  }
  const int events = mapped.empty() ? kDeleteEvent : kAll;
  return events &
         RelationUpdatableEvents(catalog, txn, search_path, *base, mapped.empty() ? nullptr : &mapped, depth + 1);
}

bool ViewSecurityInvoker(const catalog::TableInfo& view) {
  for (const char* on : {"security_invoker=true", "security_invoker=on", "security_invoker=yes", "security_invoker=1",
                         "security_invoker=t", "security_invoker=y"}) {
    if (std::find(view.reloptions.begin(), view.reloptions.end(), on) != view.reloptions.end()) return true;
  }
  return false;
}

ViewColumnSubstitution::ViewColumnSubstitution(const catalog::TableInfo& view, std::string alias,
                                               std::vector<ViewColumnSource> sources)
    : view_(view), alias_(std::move(alias)), sources_(std::move(sources)) {}

ViewColumnSubstitution::~ViewColumnSubstitution() {
  for (auto it = replaced_.rbegin(); it != replaced_.rend(); ++it) *it->first = std::move(it->second);
  for (std::string* name : named_) name->clear();
}

void ViewColumnSubstitution::QualifyCopies(std::string name, bool qualified_only) {
  qualify_ = std::move(name);
  qualified_only_ = qualified_only;
}

int ViewColumnSubstitution::Find(const ast::ColumnRef& ref) const {
  if (ref.names.size() > 2 || (ref.names.size() == 2 && ref.names[0] != alias_)) return -1;
  if (qualified_only_ && ref.names.size() == 1) return -1;
  for (size_t i = 0; i < view_.columns.size() && i < sources_.size(); ++i) {
    if (view_.columns[i].name == ref.names.back()) return static_cast<int>(i);
  }
  return -1;
}

ast::ExprPtr ViewColumnSubstitution::Copy(size_t i) const {
  const ViewColumnSource& source = sources_.at(i);
  if (source.target < 0) return std::make_unique<ast::ColumnRef>(std::vector<std::string>{source.base_column}, -1);
  auto parsed = parser::Parse(view_.view_query);
  return std::move(parsed.at(0)->As<ast::SelectStmt>().targets.at(source.target).expr);
}

void ViewColumnSubstitution::Apply(ast::ExprPtr* slot) {
  if (!*slot) return;
  if ((*slot)->kind == ast::ExprKind::kColumnRef) {
    int i = Find(static_cast<const ast::ColumnRef&>(**slot));
    if (i >= 0) {
      replaced_.emplace_back(slot, std::move(*slot));
      *slot = Copy(static_cast<size_t>(i));
      if (!qualify_.empty()) Qualify(slot, qualify_);
      read_.push_back(view_.columns[static_cast<size_t>(i)].attnum);
    }
    return;
  }
  ForEachChild(**slot, [this](ast::ExprPtr* child) { Apply(child); });
}

void ViewColumnSubstitution::ApplyToItem(ast::SelectItem* item) {
  if (item->alias.empty() && item->expr && item->expr->kind == ast::ExprKind::kColumnRef) {
    int i = Find(static_cast<const ast::ColumnRef&>(*item->expr));
    if (i >= 0) {
      item->alias = view_.columns[static_cast<size_t>(i)].name;
      named_.push_back(&item->alias);
    }
  }
  Apply(&item->expr);
}

}  // namespace lumadb::planner
