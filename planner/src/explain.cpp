// EXPLAIN's text format (commands/explain.c ExplainNode / ExplainPrintPlan): one line per node with
// "->  " arrows for children, six more spaces per level, and node properties (Index Cond, Filter, Sort
// Key...) two spaces past the node's arrow.
#include <algorithm>
#include <cstdio>

#include "deparse.h"
#include "plan_estimate.h"
#include "plan_util.h"
#include "planner/cte_plan.h"
#include "planner/plan.h"
#include "planner/window_plan.h"
#include "subplan_names.h"

namespace lumadb::planner {

namespace {

// Relations a plan reads: explain.c qualifies column names when there is more than one.
int CountRelations(const PlanNode& p) {
  switch (p.kind) {
    case PlanKind::kSeqScan:
    case PlanKind::kIndexScan:
    case PlanKind::kFunctionScan:
      return 1;
    case PlanKind::kValues:
      return p.As<ValuesPlan>().rows.size() > 1 ? 1 : 0;
    case PlanKind::kFilter:
      return CountRelations(*p.As<FilterPlan>().child);
    case PlanKind::kProject:
      return CountRelations(*p.As<ProjectPlan>().child);
    case PlanKind::kProjectSet:
      return CountRelations(*p.As<ProjectSetPlan>().child);
    case PlanKind::kWindowAgg:
      return CountRelations(*p.As<WindowAggPlan>().child);
    case PlanKind::kJoin:
      return CountRelations(*p.As<JoinPlan>().left) + CountRelations(*p.As<JoinPlan>().right);
    case PlanKind::kIndexNestedLoop:
      return CountRelations(*p.As<IndexNestedLoopPlan>().outer) + 1;
    case PlanKind::kAggregate:
      return CountRelations(*p.As<AggregatePlan>().child);
    case PlanKind::kSort:
      return CountRelations(*p.As<SortPlan>().child);
    case PlanKind::kLimit:
      return CountRelations(*p.As<LimitPlan>().child);
    case PlanKind::kDistinct:
      return CountRelations(*p.As<DistinctPlan>().child);
    case PlanKind::kSetOp:
      return CountRelations(*p.As<SetOpPlan>().left) + CountRelations(*p.As<SetOpPlan>().right);
    case PlanKind::kInsert:
      return CountRelations(*p.As<InsertPlan>().child);
    case PlanKind::kUpdate:
      return CountRelations(*p.As<UpdatePlan>().child);
    case PlanKind::kDelete:
      return CountRelations(*p.As<DeletePlan>().child);
    case PlanKind::kRecursiveUnion:
      return CountRelations(*p.As<RecursiveUnionPlan>().non_recursive) +
             CountRelations(*p.As<RecursiveUnionPlan>().recursive);
    case PlanKind::kWorkTableScan:
    case PlanKind::kCteScan:
      return 1;
  }
  return 0;
}

std::string CompareTermsText(const std::vector<BoundExprPtr>& terms, bool qualify, const SubplanNames* names) {
  auto all = MakeAnd(terms);
  return all ? Deparse(*all, qualify, names) : "";
}

// True if a and b are the same equality, either way round.
bool SameEquality(const BoundExpr& a, const BoundExpr& b) {
  if (ExprEquals(a, b)) return true;
  return a.kind == BoundKind::kCompare && b.kind == BoundKind::kCompare && a.op == b.op &&
         static_cast<CompareOp>(a.op) == CompareOp::kEq && ExprEquals(*a.args[0], *b.args[1]) &&
         ExprEquals(*a.args[1], *b.args[0]);
}

const char* JoinSuffix(JoinKind k) {
  switch (k) {
    case JoinKind::kLeft:
      return " Left Join";
    case JoinKind::kRight:
      return " Right Join";
    case JoinKind::kFull:
      return " Full Join";
    case JoinKind::kSemi:
      return " Semi Join";
    case JoinKind::kAnti:
      return " Anti Join";
    case JoinKind::kInner:
      break;
  }
  return "";
}

// Index conditions (key column on the left) with the key column's relation name dropped, for printing the
// rest qualified.
std::vector<BoundExprPtr> OwnColumnsBare(const std::vector<BoundExprPtr>& conds) {
  std::vector<BoundExprPtr> out;
  for (const auto& c : conds) {
    const BoundExprPtr key = c->args.empty() ? nullptr : c->args[0];
    if (c->kind != BoundKind::kCompare || !key || key->kind != BoundKind::kColumn ||
        key->name.find('.') == std::string::npos) {
      out.push_back(c);
      continue;
    }
    auto copy = std::make_shared<BoundExpr>(*c);
    copy->args[0] = MakeColumn(key->column, key->type, key->name.substr(key->name.rfind('.') + 1), key->location);
    out.push_back(copy);
  }
  return out;
}

// " alias" after a scanned table's name when the FROM clause renamed it.
std::string AliasSuffix(const std::string& alias, const std::string& table) {
  return alias.empty() || alias == table ? "" : " " + alias;
}

// Whether PostgreSQL would put a Materialize node over a nested loop's inner side: a scan or join it
// would otherwise re-run per outer row, when there is more than one (match_unsorted_outer; the executor
// keeps the inner rows anyway).
bool Materialized(const JoinPlan& j) {
  const PlanNode* inner = j.right.get();
  while (inner->kind == PlanKind::kFilter || inner->kind == PlanKind::kProject) {
    inner =
        inner->kind == PlanKind::kFilter ? inner->As<FilterPlan>().child.get() : inner->As<ProjectPlan>().child.get();
  }
  const bool rescanned = inner->kind == PlanKind::kSeqScan || inner->kind == PlanKind::kIndexScan ||
                         inner->kind == PlanKind::kJoin || inner->kind == PlanKind::kIndexNestedLoop;
  return rescanned && j.lateral_params.empty() && j.method == JoinMethod::kNestLoop;
}

class Explainer {
 public:
  Explainer(const PlanNode& root, const ExplainOptions& options,
            const std::function<int64_t(const PlanNode&)>& actual_rows, bool qualify)
      : options_(options), actual_rows_(actual_rows), qualify_(qualify), names_(root) {}

  /// Prints p and its children. `shown` is the Filter or Project above p that PostgreSQL folds into p's
  /// line: its estimate is the one printed.
  void Node(const PlanNode& p, int depth, std::vector<std::string> extra = {}, const PlanNode* shown = nullptr) {
    std::string name;
    std::vector<std::string> props;
    std::vector<const PlanNode*> children;
    std::vector<std::pair<const PlanNode*, std::string>> wrapped;  // (child, wrapper node name)
    ctes_.insert(ctes_.end(), p.init_ctes.begin(), p.init_ctes.end());
    switch (p.kind) {
      case PlanKind::kValues:
        name = p.As<ValuesPlan>().rows.size() > 1 ? "Values Scan on \"*VALUES*\"" : "Result";
        break;
      case PlanKind::kSeqScan: {
        const auto& s = p.As<SeqScanPlan>();
        name = "Seq Scan on " + s.table->name + AliasSuffix(s.alias, s.table->name);
        // show_scan_qual: a scan's own quals name its columns unqualified (unless VERBOSE).
        Prop(&props, "Filter", s.qual, options_.verbose && qualify_);
        break;
      }
      case PlanKind::kIndexScan: {
        const auto& s = p.As<IndexScanPlan>();
        name = std::string(s.backward ? "Index Scan Backward using " : "Index Scan using ") + s.index.name + " on " +
               s.table->name + AliasSuffix(s.alias, s.table->name);
        // A scan's own columns are shown unqualified; the outer row's, which an index nested loop's inner
        // scan compares them with, qualified.
        const bool qualify = options_.verbose && qualify_;
        const bool inner = &p == nested_inner_ && !qualify;
        if (!s.index_conds.empty()) {
          props.push_back("Index Cond: " + CompareTermsText(inner ? OwnColumnsBare(s.index_conds) : s.index_conds,
                                                            qualify || inner, &names_));
        }
        Prop(&props, "Filter", s.filter, qualify);
        break;
      }
      case PlanKind::kFunctionScan: {
        const auto& f = p.As<FunctionScanPlan>();
        name = "Function Scan on " + f.function + (f.alias != f.function ? " " + f.alias : "");
        break;
      }
      case PlanKind::kFilter: {
        // PostgreSQL has no Filter node: the predicate shows on the node below.
        const auto& f = p.As<FilterPlan>();
        extra.insert(extra.begin(), "Filter: " + Deparse(*f.predicate, qualify_, &names_));
        Pend(p);
        return Node(*f.child, depth, extra, shown ? shown : &p);
      }
      case PlanKind::kProject: {
        const auto& pr = p.As<ProjectPlan>();
        Pend(p);
        return Node(*pr.child, depth, extra, shown ? shown : &p);
      }
      case PlanKind::kProjectSet:
        name = "ProjectSet";
        children.push_back(p.As<ProjectSetPlan>().child.get());
        break;
      case PlanKind::kWindowAgg:
        name = "WindowAgg";
        children.push_back(p.As<WindowAggPlan>().child.get());
        break;
      case PlanKind::kJoin: {
        const auto& j = p.As<JoinPlan>();
        std::vector<BoundExprPtr> hash, rest;
        int left_width = static_cast<int>(j.left->output.size());
        for (const auto& t : Conjuncts(j.condition)) {
          bool is_key = false;
          if (!j.left_keys.empty() && t->kind == BoundKind::kCompare &&
              static_cast<CompareOp>(t->op) == CompareOp::kEq) {
            auto a = ColumnSpan(*t->args[0]);
            auto b = ColumnSpan(*t->args[1]);
            is_key =
                a.first >= 0 && b.first >= 0 &&
                ((a.second < left_width && b.first >= left_width) || (b.second < left_width && a.first >= left_width));
          }
          (is_key ? hash : rest).push_back(t);
        }
        const bool nest = hash.empty() || j.method == JoinMethod::kNestLoop;
        if (nest) {
          name = std::string("Nested Loop") + JoinSuffix(j.join);
          rest = Conjuncts(j.condition);
        } else {
          const char* method = j.method == JoinMethod::kMerge ? "Merge" : "Hash";
          name = std::string(method) + (j.join == JoinKind::kInner ? " Join" : JoinSuffix(j.join));
          props.push_back(std::string(method) + " Cond: " + CompareTermsText(hash, qualify_, &names_));
        }
        if (!rest.empty()) props.push_back("Join Filter: " + CompareTermsText(rest, qualify_, &names_));
        children.push_back(j.left.get());
        if (j.method == JoinMethod::kMerge && !nest) {
          children.push_back(j.right.get());
        } else if (!nest) {
          wrapped.push_back({j.right.get(), "Hash"});
        } else if (Materialized(j) && estimates_.Estimate(*j.left).rows > 1) {
          wrapped.push_back({j.right.get(), "Materialize"});
        } else {
          children.push_back(j.right.get());
        }
        break;
      }
      case PlanKind::kIndexNestedLoop: {
        const auto& j = p.As<IndexNestedLoopPlan>();
        nested_inner_ = j.inner.get();
        name = std::string("Nested Loop") + JoinSuffix(j.join);
        std::vector<BoundExprPtr> rest;
        for (const auto& t : Conjuncts(j.condition)) {
          bool in_index = std::any_of(j.inner->index_conds.begin(), j.inner->index_conds.end(),
                                      [&](const BoundExprPtr& c) { return SameEquality(*t, *c); });
          if (!in_index) rest.push_back(t);
        }
        if (!rest.empty()) props.push_back("Join Filter: " + CompareTermsText(rest, qualify_, &names_));
        children.push_back(j.outer.get());
        children.push_back(j.inner.get());
        break;
      }
      case PlanKind::kAggregate: {
        const auto& a = p.As<AggregatePlan>();
        name = a.groups.empty() ? "Aggregate" : "HashAggregate";
        if (!a.grouping_sets.empty()) {
          name = GroupingSetsKeys(a, &props);
        } else if (!a.groups.empty()) {
          props.push_back("Group Key: " + ExprList(a.groups));
        }
        children.push_back(a.child.get());
        break;
      }
      case PlanKind::kSort: {
        const auto& s = p.As<SortPlan>();
        name = "Sort";
        std::string keys;
        for (const auto& k : s.keys) {
          keys += (keys.empty() ? "" : ", ") + Deparse(*k.expr, qualify_, &names_);
          if (k.descending) keys += " DESC";
          if (k.nulls_first != k.descending) keys += k.nulls_first ? " NULLS FIRST" : " NULLS LAST";
        }
        props.push_back("Sort Key: " + keys);
        children.push_back(s.child.get());
        break;
      }
      case PlanKind::kLimit:
        name = "Limit";
        children.push_back(p.As<LimitPlan>().child.get());
        break;
      case PlanKind::kDistinct:
        name = "Unique";
        children.push_back(p.As<DistinctPlan>().child.get());
        break;
      case PlanKind::kSetOp: {
        const auto& s = p.As<SetOpPlan>();
        const char* ops[] = {"Union", "Intersect", "Except"};
        if (s.op == SetOpKind::kUnion) {
          name = s.all ? "Append" : "HashAggregate";
        } else {
          name = std::string("HashSetOp ") + ops[static_cast<int>(s.op)] + (s.all ? " All" : "");
        }
        if (name == "Append") {
          children = {s.left.get(), s.right.get()};
        } else {
          appends_.push_back({s.left.get(), s.right.get()});
        }
        break;
      }
      case PlanKind::kInsert:
        name = ModifyName("Insert on ", p.As<InsertPlan>());
        if (p.As<InsertPlan>().on_conflict) ConflictProps(p.As<InsertPlan>(), &props);
        children.push_back(p.As<InsertPlan>().child.get());
        break;
      case PlanKind::kUpdate:
        name = ModifyName("Update on ", p.As<UpdatePlan>());
        children.push_back(p.As<UpdatePlan>().child.get());
        break;
      case PlanKind::kDelete:
        name = ModifyName("Delete on ", p.As<DeletePlan>());
        children.push_back(p.As<DeletePlan>().child.get());
        break;
      case PlanKind::kRecursiveUnion:
        name = "Recursive Union";
        children = {p.As<RecursiveUnionPlan>().non_recursive.get(), p.As<RecursiveUnionPlan>().recursive.get()};
        break;
      case PlanKind::kWorkTableScan:
        name = "WorkTable Scan on " + p.As<WorkTableScanPlan>().cte_name;
        break;
      case PlanKind::kCteScan: {
        const auto& c = p.As<CteScanPlan>();
        name = "CTE Scan on " + c.cte->name + (c.alias.empty() || c.alias == c.cte->name ? "" : " " + c.alias);
        break;
      }
    }
    Pend(p);
    std::vector<const BoundExpr*> subplans = std::move(pending_);
    pending_.clear();
    std::vector<std::shared_ptr<const CteDef>> ctes = std::move(ctes_);
    ctes_.clear();
    Line(depth, name, &p, &estimates_.Estimate(shown ? *shown : p));
    props.insert(props.end(), extra.begin(), extra.end());
    for (const auto& prop : props) lines_.push_back(std::string(PropIndent(depth), ' ') + prop);
    // The WITH queries come first among the InitPlans, as SS_process_ctes plans them first.
    for (const auto& cte : ctes) {
      lines_.push_back(std::string(PropIndent(depth), ' ') + "CTE " + cte->name);
      indent_ += 2;
      Node(*cte->plan, depth + 1);
      indent_ -= 2;
    }
    Subplans(subplans, depth, true);
    for (const auto* c : children) Node(*c, depth + 1);
    for (const auto& [c, wrapper] : wrapped) {
      // Hash: the whole input is read before the first row comes out; Materialize stores it as it goes
      // (cost_material: two operators per row).
      NodeEstimate hash = estimates_.Estimate(*c);
      if (wrapper == "Hash") {
        hash.cost.startup = hash.cost.total;
      } else {
        hash.cost.total += 2 * kCpuOperatorCost * hash.rows;
      }
      Line(depth + 1, wrapper, nullptr, &hash);
      Node(*c, depth + 2);
    }
    if (p.kind == PlanKind::kSetOp && name != "Append") {
      auto [l, r] = appends_.back();
      NodeEstimate append = estimates_.Estimate(*l);
      const NodeEstimate& right = estimates_.Estimate(*r);
      append.cost.total += right.cost.total;
      append.rows += right.rows;
      Line(depth + 1, "Append", nullptr, &append);
      Node(*l, depth + 2);
      Node(*r, depth + 2);
    }
    Subplans(subplans, depth, false);
  }

  std::vector<std::string> Take() { return std::move(lines_); }

 private:
  static std::string ModifyName(const char* label, const ModifyCommon& m) {
    return label + m.table->name + (m.alias.empty() || m.alias == m.table->name ? "" : " " + m.alias);
  }
  // ExplainModifyTarget's ON CONFLICT lines; the filter reads the target and EXCLUDED, so it is qualified.
  void ConflictProps(const InsertPlan& insert, std::vector<std::string>* props) {
    const OnConflictPlan& c = *insert.on_conflict;
    props->push_back(std::string("Conflict Resolution: ") + (c.do_update ? "UPDATE" : "NOTHING"));
    std::string arbiters;
    for (Oid oid : c.arbiters) {
      for (const auto& index : insert.table->indexes) {
        if (index.oid == oid) arbiters += (arbiters.empty() ? "" : ", ") + index.name;
      }
    }
    if (!arbiters.empty()) props->push_back("Conflict Arbiter Indexes: " + arbiters);
    if (c.where) props->push_back("Conflict Filter: " + Deparse(*c.where, true, &names_));
  }
  void Prop(std::vector<std::string>* props, const char* label, const BoundExprPtr& e) {
    Prop(props, label, e, qualify_);
  }
  void Prop(std::vector<std::string>* props, const char* label, const BoundExprPtr& e, bool qualify) {
    if (e) props->push_back(std::string(label) + ": " + Deparse(*e, qualify, &names_));
  }
  size_t PropIndent(int depth) const { return (depth == 0 ? 2 : 6 * depth + 2) + indent_; }
  // Keeps the subqueries of a node PostgreSQL folds into the next one shown (Filter, Project).
  void Pend(const PlanNode& p) {
    auto subs = SubplanNames::Of(p);
    pending_.insert(pending_.end(), subs.begin(), subs.end());
  }
  // The InitPlans (before the children, init true) or SubPlans (after them) of a node at depth: a heading
  // at the node's property indentation, then the subquery's plan two spaces further in (ExplainSubPlans).
  void Subplans(const std::vector<const BoundExpr*>& subplans, int depth, bool init) {
    for (const BoundExpr* e : subplans) {
      if (SubplanNames::IsInitPlan(*e) != init) continue;
      lines_.push_back(std::string(PropIndent(depth), ' ') + names_.Label(*e));
      indent_ += 2;
      Node(*e->subplan, depth + 1);
      indent_ -= 2;
    }
  }
  // A grouping-sets Aggregate as PostgreSQL's hashed plans print it: a Hash Key per set, the empty sets
  // (its sorted phase) as Group Key: () after them; HashAggregate, MixedAggregate or plain Aggregate.
  std::string GroupingSetsKeys(const AggregatePlan& a, std::vector<std::string>* props) {
    size_t empty = 0;
    for (const auto& set : a.grouping_sets) {
      if (set.empty()) {
        ++empty;
        continue;
      }
      std::vector<BoundExprPtr> keys;
      for (int k : set) keys.push_back(a.groups[static_cast<size_t>(k)]);
      props->push_back("Hash Key: " + ExprList(keys));
    }
    for (size_t i = 0; i < empty; ++i) props->push_back("Group Key: ()");
    if (empty == 0) return "HashAggregate";
    return empty == a.grouping_sets.size() ? "Aggregate" : "MixedAggregate";
  }
  std::string ExprList(const std::vector<BoundExprPtr>& exprs) {
    std::string out;
    for (const auto& e : exprs) out += (out.empty() ? "" : ", ") + Deparse(*e, qualify_, &names_);
    return out;
  }
  void Line(int depth, const std::string& name, const PlanNode* node, const NodeEstimate* estimate) {
    std::string line = depth == 0 ? "" : std::string(6 * depth - 4 + indent_, ' ') + "->  ";
    line += name;
    if (options_.costs && estimate) {
      char buf[128];
      std::snprintf(buf, sizeof(buf), "  (cost=%.2f..%.2f rows=%.0f width=%d)", estimate->cost.startup,
                    estimate->cost.total, estimate->rows, estimate->width());
      line += buf;
    }
    if (options_.analyze && actual_rows_ && node) {
      line += " (actual rows=" + std::to_string(actual_rows_(*node)) + " loops=1)";
    }
    lines_.push_back(std::move(line));
  }

  const ExplainOptions& options_;
  const std::function<int64_t(const PlanNode&)>& actual_rows_;
  bool qualify_;
  SubplanNames names_;
  int indent_ = 0;  // extra spaces inside a subquery's plan
  std::vector<const BoundExpr*> pending_;
  std::vector<std::shared_ptr<const CteDef>> ctes_;  // init_ctes of nodes folded into the next one shown
  PlanEstimator estimates_;
  const PlanNode* nested_inner_ = nullptr;  // the inner index scan of the index nested loop being shown
  std::vector<std::string> lines_;
  std::vector<std::pair<const PlanNode*, const PlanNode*>> appends_;
};

}  // namespace

std::vector<std::string> ExplainText(const PlanNode& plan, const ExplainOptions& options,
                                     const std::function<int64_t(const PlanNode&)>& actual_rows) {
  Explainer explainer(plan, options, actual_rows, CountRelations(plan) > 1);
  explainer.Node(plan, 0);
  return explainer.Take();
}

}  // namespace lumadb::planner
