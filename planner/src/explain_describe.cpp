// The per-node part of EXPLAIN's tree (explain.c ExplainNode's big switch): each plan node's names, target
// relation, properties and children. See explain_builder.h.
#include "explain_builder.h"

namespace lumadb::planner::explain_detail {

void Explainer::Describe(const PlanNode& p, ExplainNode* n) {
  auto outer = [&](const PlanNode& c) { n->children.push_back(Child(c, "Outer", "")); };
  switch (p.kind) {
    case PlanKind::kValues:
      if (p.As<ValuesPlan>().rows.size() > 1) {
        Head(n, "Values Scan", "Values Scan");
        Target(n, p, nullptr, "*VALUES*");
      } else {
        Head(n, "Result", "Result");
      }
      break;
    case PlanKind::kSeqScan: {
      const auto& s = p.As<SeqScanPlan>();
      Head(n, "Seq Scan", s.parallel_workers > 0 ? "Parallel Seq Scan" : "Seq Scan");
      n->parallel_aware = s.parallel_workers > 0;
      Target(n, p, "Relation Name", s.table->name, s.table->schema);
      Qual(&n->props, "Filter", s.qual, p, "Rows Removed by Filter", true);
      break;
    }
    case PlanKind::kIndexScan: {
      const auto& s = p.As<IndexScanPlan>();
      Head(n, "Index Scan",
           std::string(s.backward ? "Index Scan Backward using " : "Index Scan using ") + QuoteIdent(s.index.name));
      n->target.push_back(ExplainProp::Text("Scan Direction", s.backward ? "Backward" : "Forward"));
      n->target.push_back(ExplainProp::Text("Index Name", s.index.name));
      Target(n, p, "Relation Name", s.table->name, s.table->schema);
      if (!s.index_conds.empty()) Text(n, "Index Cond", IndexCondText(s.index_conds));
      Qual(&n->props, "Filter", s.filter, p, "Rows Removed by Filter", true);
      break;
    }
    case PlanKind::kFunctionScan:
      Head(n, "Function Scan", "Function Scan");
      Target(n, p, "Function Name", p.As<FunctionScanPlan>().function);
      break;
    case PlanKind::kProjectSet:
      Head(n, "ProjectSet", "ProjectSet");
      outer(*p.As<ProjectSetPlan>().child);
      break;
    case PlanKind::kWindowAgg:
      Head(n, "WindowAgg", "WindowAgg");
      outer(*p.As<WindowAggPlan>().child);
      break;
    case PlanKind::kJoin:
      DescribeJoin(p.As<JoinPlan>(), n);
      break;
    case PlanKind::kIndexNestedLoop: {
      const auto& j = p.As<IndexNestedLoopPlan>();
      Head(n, "Nested Loop",
           std::string("Nested Loop") + (j.join == JoinKind::kInner ? "" : " ") +
               (j.join == JoinKind::kInner ? "" : JoinTypeName(j.join) + std::string(" Join")));
      n->target.push_back(ExplainProp::Text("Join Type", JoinTypeName(j.join)));
      if (options_.format != ExplainFormat::kText) {
        const bool unique = j.inner->index.unique && j.inner->index_conds.size() == j.inner->index.columns.size();
        n->props.push_back(TreeProp{ExplainProp::Number("Inner Unique", unique ? "true" : "false"), false});
      }
      std::vector<BoundExprPtr> rest;
      for (const auto& t : Conjuncts(j.condition)) {
        bool in_index = std::any_of(j.inner->index_conds.begin(), j.inner->index_conds.end(),
                                    [&](const BoundExprPtr& c) { return SameEquality(*t, *c); });
        if (!in_index) rest.push_back(t);
      }
      Qual(&n->props, "Join Filter", MakeAnd(rest), p, "Rows Removed by Join Filter", false);
      outer(*j.outer);
      inl_inner_ = true;
      n->children.push_back(Child(*j.inner, "Inner", ""));
      inl_inner_ = false;
      break;
    }
    case PlanKind::kAggregate:
      DescribeAggregate(p.As<AggregatePlan>(), n);
      outer(*p.As<AggregatePlan>().child);
      break;
    case PlanKind::kSort: {
      const auto& s = p.As<SortPlan>();
      Head(n, "Sort", "Sort");
      std::vector<std::string> keys;
      for (const auto& k : s.keys) {
        std::string key = Deparse(*k.expr, qualify_, &names_);
        if (k.descending) key += " DESC";
        if (k.nulls_first != k.descending) key += k.nulls_first ? " NULLS FIRST" : " NULLS LAST";
        keys.push_back(std::move(key));
      }
      n->props.push_back(TreeProp{ExplainProp::List("Sort Key", keys), false});
      outer(*s.child);
      break;
    }
    case PlanKind::kLimit:
      Head(n, "Limit", "Limit");
      outer(*p.As<LimitPlan>().child);
      break;
    case PlanKind::kDistinct:
      Head(n, "Unique", "Unique");
      outer(*p.As<DistinctPlan>().child);
      break;
    case PlanKind::kSetOp: {
      const auto& s = p.As<SetOpPlan>();
      const char* ops[] = {"Union", "Intersect", "Except"};
      if (s.op == SetOpKind::kUnion && s.all) {
        Head(n, "Append", "Append");
        n->children.push_back(Child(*s.left, "Member", ""));
        n->children.push_back(Child(*s.right, "Member", ""));
        break;
      }
      if (s.op == SetOpKind::kUnion) {
        Head(n, "Aggregate", "HashAggregate");
        n->head.push_back(ExplainProp::Text("Strategy", "Hashed"));
        n->head.push_back(ExplainProp::Text("Partial Mode", "Simple"));
      } else {
        const std::string command = std::string(ops[static_cast<int>(s.op)]) + (s.all ? " All" : "");
        Head(n, "SetOp", "HashSetOp");
        n->head.push_back(ExplainProp::Text("Strategy", "Hashed"));
        n->text_name += " " + command;
        n->target.push_back(ExplainProp::Text("Command", command));
      }
      ExplainNode append = Synthetic("Append", {s.left.get(), s.right.get()}, "Member");
      append.relationship = "Outer";
      n->children.push_back(std::move(append));
      break;
    }
    case PlanKind::kInsert:
    case PlanKind::kUpdate:
    case PlanKind::kDelete:
      DescribeModify(p, n);
      break;
    case PlanKind::kRecursiveUnion:
      Head(n, "Recursive Union", "Recursive Union");
      outer(*p.As<RecursiveUnionPlan>().non_recursive);
      n->children.push_back(Child(*p.As<RecursiveUnionPlan>().recursive, "Inner", ""));
      break;
    case PlanKind::kWorkTableScan:
      Head(n, "WorkTable Scan", "WorkTable Scan");
      Target(n, p, "CTE Name", p.As<WorkTableScanPlan>().cte_name);
      break;
    case PlanKind::kGather:
      // ExplainNode's T_Gather: Workers Planned, then (ANALYZE, an executor detail) Workers Launched.
      {
        // A Gather over a Sort is a Gather Merge (the grouped form, parallel_plan.h).
        const bool merge = p.As<GatherPlan>().child->kind == PlanKind::kSort;
        Head(n, merge ? "Gather Merge" : "Gather", merge ? "Gather Merge" : "Gather");
        n->props.push_back(
            TreeProp{ExplainProp::Number("Workers Planned", std::to_string(p.As<GatherPlan>().workers)), false});
        // Under ANALYZE the executor's detail brings Workers Launched, then Single Copy (explain.c's order).
        if (!merge && !options_.analyze && options_.format != ExplainFormat::kText) {
          n->props.push_back(TreeProp{ExplainProp::Number("Single Copy", "false"), false});
        }
      }
      outer(*p.As<GatherPlan>().child);
      break;
    case PlanKind::kCteScan:
      Head(n, "CTE Scan", "CTE Scan");
      Target(n, p, "CTE Name", p.As<CteScanPlan>().cte->name);
      break;
    case PlanKind::kFilter:
    case PlanKind::kProject:
      break;  // folded into the node below by Node()
  }
}

namespace {

// A copy of e whose columns lose their relation prefix.
BoundExprPtr Unqualified(const BoundExprPtr& e) {
  auto copy = std::make_shared<BoundExpr>(*e);
  if (copy->kind == BoundKind::kColumn) {
    if (auto dot = copy->name.find('.'); dot != std::string::npos) copy->name = copy->name.substr(dot + 1);
  }
  for (auto& a : copy->args) a = Unqualified(a);
  return copy;
}

// An index condition with its key side (the left one: the inner scan's column) unqualified.
BoundExprPtr KeyUnqualified(const BoundExprPtr& cond) {
  if (cond->args.empty()) return cond;
  auto copy = std::make_shared<BoundExpr>(*cond);
  copy->args[0] = Unqualified(copy->args[0]);
  return copy;
}

// innerrel_is_unique for a table read directly: some unique index has every column equated to the outer
// side by the hash keys, so each outer row matches at most one inner row.
bool InnerUnique(const JoinPlan& j) {
  if (j.join == JoinKind::kSemi || j.join == JoinKind::kAnti) return false;
  const PlanNode* r = j.right.get();
  while (r->kind == PlanKind::kFilter || r->kind == PlanKind::kProject) {
    r = r->kind == PlanKind::kFilter ? r->As<FilterPlan>().child.get() : r->As<ProjectPlan>().child.get();
  }
  if (r->kind != PlanKind::kSeqScan && r->kind != PlanKind::kIndexScan) return false;
  const auto& table = r->kind == PlanKind::kSeqScan ? r->As<SeqScanPlan>().table : r->As<IndexScanPlan>().table;
  std::vector<int16_t> keyed;
  for (const auto& k : j.right_keys) {
    if (k->kind != BoundKind::kColumn || k->column < 0 || static_cast<size_t>(k->column) >= j.right->output.size()) {
      continue;
    }
    const OutputColumn& c = j.right->output[static_cast<size_t>(k->column)];
    if (c.table_oid == table->oid) keyed.push_back(c.attnum);
  }
  for (const auto& index : table->indexes) {
    if (!index.unique) continue;
    if (std::all_of(index.columns.begin(), index.columns.end(), [&](const catalog::IndexColumn& c) {
          return std::find(keyed.begin(), keyed.end(), c.attnum) != keyed.end();
        })) {
      return true;
    }
  }
  return false;
}

}  // namespace

// A scan's Index Cond: its own columns unqualified unless VERBOSE; an index nested loop's inner scan names
// the outer relation's columns with their relation ("(id = t.a)").
std::string Explainer::IndexCondText(const std::vector<BoundExprPtr>& conds) {
  if (options_.verbose || !inl_inner_) return CompareTermsText(conds, options_.verbose, &names_);
  std::vector<BoundExprPtr> shown;
  for (const auto& c : conds) shown.push_back(KeyUnqualified(c));
  return CompareTermsText(shown, true, &names_);
}

// Whether PostgreSQL would put a Materialize node over a nested loop's inner side: a scan or join it
// would otherwise re-run per outer row, when there is more than one (match_unsorted_outer; the executor
// keeps the inner rows anyway).
bool Explainer::Materialized(const JoinPlan& j) {
  const PlanNode* inner = j.right.get();
  while (inner->kind == PlanKind::kFilter || inner->kind == PlanKind::kProject) {
    inner =
        inner->kind == PlanKind::kFilter ? inner->As<FilterPlan>().child.get() : inner->As<ProjectPlan>().child.get();
  }
  const bool rescanned = inner->kind == PlanKind::kSeqScan || inner->kind == PlanKind::kIndexScan ||
                         inner->kind == PlanKind::kJoin || inner->kind == PlanKind::kIndexNestedLoop;
  return rescanned && j.lateral_params.empty() && j.method == JoinMethod::kNestLoop &&
         estimates_.Estimate(*j.left).rows > 1;
}

// A Hash or Merge Join with the equalities between the two sides as its Hash/Merge Cond, or a Nested Loop
// (the planner's JoinMethod; kAuto hashes when there are such equalities).
void Explainer::DescribeJoin(const JoinPlan& j, ExplainNode* n) {
  std::vector<BoundExprPtr> keys, rest;
  const int left_width = static_cast<int>(j.left->output.size());
  for (const auto& t : Conjuncts(j.condition)) {
    bool is_key = false;
    if (!j.left_keys.empty() && t->kind == BoundKind::kCompare && static_cast<CompareOp>(t->op) == CompareOp::kEq) {
      auto a = ColumnSpan(*t->args[0]);
      auto b = ColumnSpan(*t->args[1]);
      is_key = a.first >= 0 && b.first >= 0 &&
               ((a.second < left_width && b.first >= left_width) || (b.second < left_width && a.first >= left_width));
    }
    (is_key ? keys : rest).push_back(t);
  }
  const bool nest = keys.empty() || j.method == JoinMethod::kNestLoop;
  if (nest) rest = Conjuncts(j.condition);
  const char* method = nest ? "Nested Loop" : j.method == JoinMethod::kMerge ? "Merge" : "Hash";
  const std::string type = nest ? "Nested Loop" : std::string(method) + " Join";
  // A hash join under a Gather whose inner side is a Parallel Seq Scan: PostgreSQL's Parallel Hash Join over
  // a Parallel Hash (parallel_plan.cpp plans only those).
  const bool parallel = !nest && j.method != JoinMethod::kMerge && j.right->kind == PlanKind::kSeqScan &&
                        j.right->As<SeqScanPlan>().parallel_workers > 0;
  std::string text = parallel ? std::string("Parallel ") + method : std::string(method);
  if (j.join != JoinKind::kInner) {
    text += std::string(" ") + JoinTypeName(j.join) + " Join";
  } else if (!nest) {
    text += " Join";
  }
  Head(n, type, text);
  n->parallel_aware = parallel;
  n->target.push_back(ExplainProp::Text("Join Type", JoinTypeName(j.join)));
  if (options_.format != ExplainFormat::kText) {
    const bool unique = !nest && InnerUnique(j);
    n->props.push_back(TreeProp{ExplainProp::Number("Inner Unique", unique ? "true" : "false"), false});
  }
  if (!nest) {
    Text(n, j.method == JoinMethod::kMerge ? "Merge Cond" : "Hash Cond", CompareTermsText(keys, qualify_, &names_));
  }
  Qual(&n->props, "Join Filter", MakeAnd(rest), j, "Rows Removed by Join Filter", false);
  n->children.push_back(Child(*j.left, "Outer", ""));
  if (!nest && j.method != JoinMethod::kMerge) {
    ExplainNode h = Synthetic("Hash", {j.right.get()}, "Outer");
    h.relationship = "Inner";
    if (parallel) {
      h.text_name = "Parallel Hash";
      h.parallel_aware = true;
    }
    if (const NodeActuals* a = options_.analyze && actuals_ ? actuals_(j) : nullptr) AddDetails(*a, "Hash", &h);
    n->children.push_back(std::move(h));
  } else if (nest && Materialized(j)) {
    ExplainNode m = Synthetic("Materialize", {j.right.get()}, "Outer");
    m.relationship = "Inner";
    n->children.push_back(std::move(m));
  } else {
    n->children.push_back(Child(*j.right, "Inner", ""));
  }
}

// A grouping-sets Aggregate as PostgreSQL's hashed plans print it: a Hash Key per set, the empty sets (its
// sorted phase) as Group Key: () after them; HashAggregate, MixedAggregate or plain Aggregate.
void Explainer::DescribeAggregate(const AggregatePlan& a, ExplainNode* n) {
  std::string strategy = a.groups.empty() ? "Plain" : "Hashed";
  if (!a.grouping_sets.empty()) {
    size_t empty = 0;
    for (const auto& set : a.grouping_sets) {
      if (set.empty()) {
        ++empty;
        continue;
      }
      std::vector<BoundExprPtr> keys;
      for (int k : set) keys.push_back(a.groups[static_cast<size_t>(k)]);
      n->props.push_back(TreeProp{ExplainProp::List("Hash Key", Exprs(keys)), false});
    }
    for (size_t i = 0; i < empty; ++i) n->props.push_back(TreeProp{ExplainProp::List("Group Key", {"()"}), false});
    strategy = empty == 0 ? "Hashed" : empty == a.grouping_sets.size() ? "Plain" : "Mixed";
  } else if (!a.groups.empty()) {
    n->props.push_back(TreeProp{ExplainProp::List("Group Key", Exprs(a.groups)), false});
  }
  // A split aggregation's two steps (explain.c: "Partial " / "Finalize " before the strategy's name).
  const bool finalize = a.child->kind == PlanKind::kGather;
  if (finalize && a.child->As<GatherPlan>().child->kind == PlanKind::kSort) strategy = "Sorted";
  const std::string mode = a.partial ? "Partial" : finalize ? "Finalize" : "Simple";
  const std::string prefix = mode == "Simple" ? "" : mode + " ";
  Head(n, "Aggregate",
       prefix + (strategy == "Plain"    ? "Aggregate"
                 : strategy == "Hashed" ? "HashAggregate"
                 : strategy == "Sorted" ? "GroupAggregate"
                                        : "MixedAggregate"));
  n->head.push_back(ExplainProp::Text("Strategy", strategy));
  n->head.push_back(ExplainProp::Text("Partial Mode", mode));
}

// ModifyTable: "Insert on t" (ExplainModifyTarget), with ExplainModifyTarget's ON CONFLICT lines; the
// conflict filter reads the target and EXCLUDED, so it is qualified.
void Explainer::DescribeModify(const PlanNode& p, ExplainNode* n) {
  const ModifyCommon& m = Modify(p);
  const char* op = p.kind == PlanKind::kInsert ? "Insert" : p.kind == PlanKind::kUpdate ? "Update" : "Delete";
  Head(n, "ModifyTable", op);
  n->head.push_back(ExplainProp::Text("Operation", op));
  Target(n, p, "Relation Name", m.table->name, m.table->schema);
  const PlanNode* child = nullptr;
  if (p.kind == PlanKind::kInsert) {
    const auto& insert = p.As<InsertPlan>();
    child = insert.child.get();
    if (insert.on_conflict) {
      const OnConflictPlan& c = *insert.on_conflict;
      Text(n, "Conflict Resolution", c.do_update ? "UPDATE" : "NOTHING");
      std::vector<std::string> arbiters;
      for (Oid oid : c.arbiters) {
        for (const auto& index : insert.table->indexes) {
          if (index.oid == oid) arbiters.push_back(index.name);
        }
      }
      if (!arbiters.empty())
        n->props.push_back(TreeProp{ExplainProp::List("Conflict Arbiter Indexes", arbiters), false});
      if (c.where) Text(n, "Conflict Filter", Deparse(*c.where, true, &names_));
    }
  } else {
    child = p.kind == PlanKind::kUpdate ? p.As<UpdatePlan>().child.get() : p.As<DeletePlan>().child.get();
  }
  n->children.push_back(Child(*child, "Outer", ""));
}

}  // namespace lumadb::planner::explain_detail
