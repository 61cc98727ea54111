// Walks a statement's AST for FROM items naming a WITH query, as parse_relation.c's scanNameSpaceForCTE
// finds them, keeping parse_cte.c's recursion context; every expression that may hold a subquery is
// searched.
#include "cte_references.h"

#include "builtins.h"
#include "parser/ast_views.h"
#include "planner/function_registry.h"

namespace lumadb::planner {

namespace {

using RefFn = std::function<void(const ast::TableRef&, CteRefContext)>;
using CallFn = std::function<void(const ast::FuncCall&)>;

class ReferenceWalker {
 public:
  ReferenceWalker(const std::string& name, const RefFn& fn, const CallFn* on_call = nullptr)
      : name_(name), fn_(fn), on_call_(on_call) {}

  void Statement(const ast::Statement& stmt, bool skip_with) {
    switch (stmt.kind) {
      case ast::StmtKind::kSelect:
        Select(stmt.As<ast::SelectStmt>(), skip_with);
        return;
      case ast::StmtKind::kInsert: {
        const auto& s = stmt.As<ast::InsertStmt>();
        if (Shadows(s.with.get(), skip_with)) return;
        if (s.source) Select(*s.source, false);
        Items(s.returning);
        return;
      }
      case ast::StmtKind::kUpdate: {
        const auto& s = stmt.As<ast::UpdateStmt>();
        if (Shadows(s.with.get(), skip_with)) return;
        for (const auto& set : s.set) Expr(set.value.get());
        for (const auto& ref : s.from) Ref(*ref);
        Expr(s.where.get());
        Items(s.returning);
        return;
      }
      case ast::StmtKind::kDelete: {
        const auto& s = stmt.As<ast::DeleteStmt>();
        if (Shadows(s.with.get(), skip_with)) return;
        Expr(s.where.get());
        Items(s.returning);
        return;
      }
      default:
        return;
    }
  }

 private:
  // Searches the bodies of `with` that still see the outer name_ and says whether the
  // clause defines name_ itself: then the rest of its statement reads that one. Under RECURSIVE every body
  // sees the clause's own queries; otherwise a body sees only the ones before it.
  bool Shadows(const ast::WithClause* with, bool skip_with) {
    // The clause skipped is the one defining the query counted.
    if (with == nullptr || skip_with) return false;
    bool defines = false;
    for (const auto& cte : with->ctes) defines = defines || cte.name == name_;
    if (defines && with->recursive) return true;
    for (const auto& cte : with->ctes) {
      Statement(*cte.query, false);
      if (cte.name == name_) return true;
    }
    return false;
  }

  void Select(const ast::SelectStmt& s, bool skip_with) {
    if (Shadows(s.with.get(), skip_with)) return;
    const CteRefContext saved = context_;
    // parse_cte.c checkWellFormedSelectStmt.
    if (s.set_op == ast::SetOpType::kIntersect && s.set_all) context_ = CteRefContext::kIntersect;
    if (s.set_op == ast::SetOpType::kExcept && s.set_all) context_ = CteRefContext::kExcept;
    if (s.larg) Select(*s.larg, false);
    if (s.set_op == ast::SetOpType::kExcept) context_ = CteRefContext::kExcept;
    if (s.rarg) Select(*s.rarg, false);
    context_ = saved;
    Items(s.targets);
    for (const auto& e : s.distinct_on) Expr(e.get());
    for (const auto& ref : s.from) Ref(*ref);
    Expr(s.where.get());
    for (const auto& e : s.group_by) Expr(e.get());
    Expr(s.having.get());
    for (const auto& row : s.values) {
      for (const auto& e : row) Expr(e.get());
    }
    for (const auto& o : s.order_by) Expr(o.expr.get());
    Expr(s.limit.get());
    Expr(s.offset.get());
  }

  void Items(const std::vector<ast::SelectItem>& items) {
    for (const auto& item : items) Expr(item.expr.get());
  }

  void Ref(const ast::TableRef& ref) {
    switch (ref.kind) {
      case ast::TableRefKind::kBase:
        if (ref.table.schema.empty() && ref.table.name == name_) fn_(ref, context_);
        return;
      case ast::TableRefKind::kJoin: {
        const CteRefContext saved = context_;
        const bool left_nullable = ref.join_type == ast::JoinType::kRight || ref.join_type == ast::JoinType::kFull;
        const bool right_nullable = ref.join_type == ast::JoinType::kLeft || ref.join_type == ast::JoinType::kFull;
        if (left_nullable) context_ = CteRefContext::kOuterJoin;
        Ref(*ref.left);
        context_ = right_nullable ? CteRefContext::kOuterJoin : saved;
        Ref(*ref.right);
        context_ = saved;
        Expr(ref.on.get());
        return;
      }
      case ast::TableRefKind::kSubquery:
        Select(*ref.subquery, false);
        return;
      case ast::TableRefKind::kFunction:
        if (ref.function) Expr(ref.function.get());
        return;
    }
  }

  void Window(const ast::WindowDef* w) {
    if (w == nullptr) return;
    for (const auto& e : w->partition_by) Expr(e.get());
    for (const auto& o : w->order_by) Expr(o.expr.get());
  }

  void Expr(const ast::Expr* e);

  const std::string& name_;
  const RefFn& fn_;
  const CallFn* on_call_;
  CteRefContext context_ = CteRefContext::kOk;
};

void ReferenceWalker::Expr(const ast::Expr* e) {
  using ast::ExprKind;
  if (e == nullptr) return;
  switch (e->kind) {
    case ExprKind::kUnary:
      Expr(e->As<ast::UnaryExpr>().arg.get());
      return;
    case ExprKind::kBinary: {
      const auto& b = e->As<ast::BinaryExpr>();
      Expr(b.left.get());
      Expr(b.right.get());
      Expr(b.escape.get());
      return;
    }
    case ExprKind::kIsNull:
      Expr(e->As<ast::IsNullExpr>().arg.get());
      return;
    case ExprKind::kBoolTest:
      Expr(e->As<ast::BoolTestExpr>().arg.get());
      return;
    case ExprKind::kBetween: {
      const auto& b = e->As<ast::BetweenExpr>();
      Expr(b.arg.get());
      Expr(b.low.get());
      Expr(b.high.get());
      return;
    }
    case ExprKind::kInList: {
      const auto& in = e->As<ast::InListExpr>();
      Expr(in.arg.get());
      for (const auto& x : in.list) Expr(x.get());
      return;
    }
    case ExprKind::kCase: {
      const auto& c = e->As<ast::CaseExpr>();
      Expr(c.arg.get());
      for (const auto& [w, t] : c.whens) {
        Expr(w.get());
        Expr(t.get());
      }
      Expr(c.else_result.get());
      return;
    }
    case ExprKind::kFunc: {
      const auto& f = e->As<ast::FuncCall>();
      if (on_call_ != nullptr) (*on_call_)(f);
      for (const auto& a : f.args) Expr(a.get());
      for (const auto& o : f.order_by) Expr(o.expr.get());
      Expr(f.filter.get());
      Window(f.over.get());
      return;
    }
    case ExprKind::kCast:
      Expr(e->As<ast::CastExpr>().arg.get());
      return;
    case ExprKind::kSubquery: {
      const auto& s = e->As<ast::SubqueryExpr>();
      Expr(s.arg.get());
      const CteRefContext saved = context_;
      context_ = CteRefContext::kSublink;
      if (s.query) Select(*s.query, false);
      context_ = saved;
      return;
    }
    case ExprKind::kArray:
      for (const auto& x : e->As<ast::ArrayExpr>().elements) Expr(x.get());
      return;
    case ExprKind::kRow:
      for (const auto& x : e->As<ast::RowExpr>().args) Expr(x.get());
      return;
    case ExprKind::kSubscript: {
      const auto& s = e->As<ast::SubscriptExpr>();
      Expr(s.arg.get());
      Expr(s.lower.get());
      Expr(s.upper.get());
      return;
    }
    case ExprKind::kArrayOp: {
      const auto& a = e->As<ast::ArrayOpExpr>();
      Expr(a.arg.get());
      Expr(a.array.get());
      return;
    }
    default:
      return;
  }
}

}  // namespace

void ForEachCteReference(const ast::Statement& stmt, const std::string& name, bool skip_with, const RefFn& fn) {
  ReferenceWalker walker(name, fn);
  walker.Statement(stmt, skip_with);
}

int CountCteReferences(const ast::Statement& stmt, const std::string& name, bool skip_with) {
  int count = 0;
  ForEachCteReference(stmt, name, skip_with, [&count](const ast::TableRef&, CteRefContext) { ++count; });
  return count;
}

bool CallsVolatileFunction(const ast::Statement& stmt) {
  bool found = false;
  const CallFn on_call = [&found](const ast::FuncCall& f) {
    for (const auto& builtin : BuiltinFunctions()) {
      found = found || (builtin.is_volatile && f.name.back() == builtin.name);
    }
  };
  const std::string no_name;
  ReferenceWalker walker(
      no_name, [](const ast::TableRef&, CteRefContext) {}, &on_call);
  walker.Statement(stmt, false);
  return found;
}

namespace {

// The first aggregate call in e, outside subqueries and window calls' own aggregates.
int32_t AggregateIn(const ast::Expr* e) {
  if (e == nullptr) return -1;
  switch (e->kind) {
    case ast::ExprKind::kFunc: {
      const auto& f = e->As<ast::FuncCall>();
      if (!f.over && IsAggregateName(f.name.back())) return e->location;
      for (const auto& a : f.args) {
        if (int32_t at = AggregateIn(a.get()); at >= 0) return at;
      }
      return -1;
    }
    case ast::ExprKind::kUnary:
      return AggregateIn(e->As<ast::UnaryExpr>().arg.get());
    case ast::ExprKind::kBinary: {
      const auto& b = e->As<ast::BinaryExpr>();
      int32_t at = AggregateIn(b.left.get());
      return at >= 0 ? at : AggregateIn(b.right.get());
    }
    case ast::ExprKind::kCast:
      return AggregateIn(e->As<ast::CastExpr>().arg.get());
    default:
      return -1;
  }
}

}  // namespace

int32_t FirstAggregateCall(const ast::SelectStmt& s) {
  for (const auto& t : s.targets) {
    if (int32_t at = AggregateIn(t.expr.get()); at >= 0) return at;
  }
  return AggregateIn(s.having.get());
}

}  // namespace lumadb::planner
