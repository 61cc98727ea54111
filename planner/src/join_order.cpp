// Join order (PostgreSQL 15 optimizer/path/allpaths.c standard_join_search and joinrels.c
// join_search_one_level, in miniature): the inputs of a tree of inner joins become one join problem whose
// cheapest plan is found bottom-up over subsets of the inputs, keeping the cheapest plan per subset and
// joining subsets linked by a join term before resorting to cross products (make_rels_by_joins). Beyond
// kDpLimit inputs a greedy search joins the cheapest linked pair first. Outer joins are barriers: an outer
// join is one input of the problem around it, planned on its own with either side order.
#include "join_order.h"

#include <bit>
#include <cstdint>

#include "index_selection.h"
#include "plan_util.h"
#include "planner/selectivity.h"

namespace lumadb::planner {

namespace {

using Mask = uint32_t;
constexpr int kMaxInputs = 32;

/// A conjunct of the joins' conditions over the concatenated row of all inputs; `mask` the inputs it
/// reads. `top` terms (subqueries, volatile calls, no columns) are checked at the last join only.
struct Term {
  BoundExprPtr expr;
  Mask mask = 0;
  bool top = false;
};

/// The cheapest plan of a subset of the inputs: its row is the inputs' rows in `inputs` order.
struct Rel {
  JoinInput input;
  std::vector<int> inputs;
  std::vector<PlanPtr> created;
};

bool Flattenable(const PlanPtr& p) {
  if (p->kind != PlanKind::kJoin) return false;
  const auto& j = p->As<JoinPlan>();
  return j.join == JoinKind::kInner && j.lateral_params.empty() && j.method == JoinMethod::kAuto &&
         j.output.size() == j.left->output.size() + j.right->output.size();
}

void Flatten(const PlanPtr& p, int offset, std::vector<PlanPtr>* inputs, std::vector<BoundExprPtr>* terms) {
  if (!Flattenable(p)) {
    inputs->push_back(p);
    return;
  }
  const auto& j = p->As<JoinPlan>();
  Flatten(j.left, offset, inputs, terms);
  Flatten(j.right, offset + static_cast<int>(j.left->output.size()), inputs, terms);
  for (const auto& t : Conjuncts(j.condition)) terms->push_back(offset ? ShiftColumns(t, -offset) : t);
}

/// The columns e reads; false when it holds a subquery (whose reads are not tracked here).
bool Refs(const BoundExpr& e, std::vector<int>* columns) {
  if (e.kind == BoundKind::kSubquery) return false;
  if (e.kind == BoundKind::kColumn) columns->push_back(e.column);
  for (const auto& a : e.args) {
    if (!Refs(*a, columns)) return false;
  }
  return true;
}

bool IsConstantTrue(const BoundExpr& e) {
  if (ColumnSpan(e).first >= 0 || ContainsVolatile(e)) return false;
  auto v = FoldConstant(e);
  return v && !v->is_null() && v->type() == TypeId::kBool && v->GetBool();
}

/// e with column i read from position map[i].
BoundExprPtr Remap(const BoundExprPtr& e, const std::vector<int>& map) {
  if (e->kind == BoundKind::kColumn) return MakeColumn(map.at(e->column), e->type, e->name, e->location);
  if (e->args.empty()) return e;
  auto copy = std::make_shared<BoundExpr>(*e);
  for (auto& a : copy->args) a = Remap(a, map);
  return copy;
}

/// An input with the terms that read it alone: a plain scan takes them into its qual, anything else gets a
/// Filter above; then its scans are chosen (index_selection.h).
JoinInput PrepareInput(const PlanPtr& raw, const std::vector<BoundExprPtr>& own) {
  PlanPtr p = raw;
  if (!own.empty() && raw->kind == PlanKind::kSeqScan) {
    auto scan = std::make_shared<SeqScanPlan>(raw->As<SeqScanPlan>());
    auto all = Conjuncts(scan->qual);
    all.insert(all.end(), own.begin(), own.end());
    scan->qual = MakeAnd(all);
    p = scan;
  } else if (!own.empty()) {
    auto filter = std::make_shared<FilterPlan>();
    filter->output = raw->output;
    filter->child = raw;
    filter->predicate = MakeAnd(own);
    p = filter;
  }
  JoinInput in;
  if (p->kind == PlanKind::kSeqScan) in.scan = std::static_pointer_cast<const SeqScanPlan>(p);
  in.plan = UseIndexes(p);
  return in;
}

/// `plan` under a projection back to the original column order: original column i is plan's column to[i].
PlanPtr Reordered(PlanPtr plan, const std::vector<int>& to, const std::vector<OutputColumn>& output) {
  bool same = true;
  for (size_t i = 0; i < to.size(); ++i) same = same && to[i] == static_cast<int>(i);
  if (same) return plan;
  auto project = std::make_shared<ProjectPlan>();
  project->output = output;
  for (size_t i = 0; i < to.size(); ++i) project->exprs.push_back(MakeColumn(to[i], output[i].type, output[i].name));
  project->child = std::move(plan);
  return project;
}

class JoinSearch {
 public:
  JoinSearch(std::vector<PlanPtr> raw, const std::vector<BoundExprPtr>& conjuncts) : n_(raw.size()) {
    std::vector<int> owner;  // input of each column of the concatenated row
    for (size_t i = 0; i < raw.size(); ++i) {
      offsets_.push_back(static_cast<int>(owner.size()));
      widths_.push_back(static_cast<int>(raw[i]->output.size()));
      owner.insert(owner.end(), raw[i]->output.size(), static_cast<int>(i));
    }
    std::vector<std::vector<BoundExprPtr>> own(n_);
    for (const auto& t : conjuncts) {
      if (IsConstantTrue(*t)) continue;  // ON true, CROSS JOIN's condition
      std::vector<int> columns;
      Term term{t, 0, !Refs(*t, &columns) || ContainsVolatile(*t)};
      for (int c : columns) term.mask |= Mask{1} << owner.at(c);
      term.top = term.top || term.mask == 0;
      if (!term.top && std::has_single_bit(term.mask)) {
        const int i = std::countr_zero(term.mask);
        own[i].push_back(offsets_[i] ? ShiftColumns(t, offsets_[i]) : t);
        continue;
      }
      terms_.push_back(term);
    }
    for (size_t i = 0; i < n_; ++i) base_.push_back(PrepareInput(raw[i], own[i]));
  }

  /// The cheapest plan of the whole problem, its row in the original column order.
  PlanPtr Solve(const std::vector<OutputColumn>& output) {
    Rel rel = n_ <= static_cast<size_t>(kDpLimit) ? Exhaustive() : Greedy();
    std::vector<int> position(output.size());
    int at = 0;
    for (int i : rel.inputs) {
      for (int c = 0; c < widths_[i]; ++c) position[offsets_[i] + c] = at++;
    }
    return Reordered(rel.input.plan, position, output);
  }

 private:
  Rel Base(size_t i) const { return Rel{base_[i], {static_cast<int>(i)}, {}}; }

  bool Connected(Mask a, Mask b) const {
    for (const auto& t : terms_) {
      if (!t.top && (t.mask & a) && (t.mask & b) && !(t.mask & ~(a | b))) return true;
    }
    return false;
  }

  bool HasClauses(Mask a) const {
    for (const auto& t : terms_) {
      if (!t.top && (t.mask & a) && (t.mask & ~a)) return true;
    }
    return false;
  }

  /// a joined to b (a the outer side) on the terms that become computable there.
  Rel Join(const Rel& a, Mask ma, const Rel& b, Mask mb) {
    Rel out;
    out.inputs = a.inputs;
    out.inputs.insert(out.inputs.end(), b.inputs.begin(), b.inputs.end());
    std::vector<int> map(offsets_.empty() ? 0 : offsets_.back() + widths_.back(), -1);
    int at = 0;
    for (int i : out.inputs) {
      for (int c = 0; c < widths_[i]; ++c) map[offsets_[i] + c] = at++;
    }
    const Mask all = ma | mb;
    const Mask full = n_ == kMaxInputs ? ~Mask{0} : (Mask{1} << n_) - 1;
    std::vector<BoundExprPtr> terms;
    for (const auto& t : terms_) {
      bool here = t.top ? all == full : !(t.mask & ~all) && (t.mask & ~ma) && (t.mask & ~mb);
      if (here) terms.push_back(Remap(t.expr, map));
    }
    out.input.plan = CheapestJoin(a.input, b.input, JoinKind::kInner, terms, &estimator_, &out.created);
    return out;
  }

  double Cost(const Rel& r) { return estimator_.Estimate(*r.input.plan).cost.total; }

  /// Keeps `candidate` in *slot if cheaper (or the slot is empty), forgetting the loser's estimates.
  void Keep(Rel* slot, Rel candidate) {
    if (!slot->input.plan || Cost(candidate) < Cost(*slot)) std::swap(*slot, candidate);
    for (const auto& n : candidate.created) estimator_.Forget(*n);
  }

  Rel Exhaustive() {
    const Mask full = (Mask{1} << n_) - 1;
    for (bool cross : {false, true}) {
      std::vector<Rel> best(size_t{1} << n_);
      for (size_t i = 0; i < n_; ++i) best[Mask{1} << i] = Base(i);
      for (Mask s = 1; s <= full; ++s) {
        if (std::has_single_bit(s)) continue;
        // Subsets in increasing order, so on equal costs the lower-numbered inputs stay outer (the first
        // path add_path sees wins ties).
        for (Mask a = (0 - s) & s; a != s; a = (a - s) & s) {
          const Mask b = s ^ a;
          if (!best[a].input.plan || !best[b].input.plan) continue;
          if (!cross && !Connected(a, b) && HasClauses(a) && HasClauses(b)) continue;
          Keep(&best[s], Join(best[a], a, best[b], b));
        }
      }
      if (best[full].input.plan) return best[full];
      for (const Rel& r : best) {
        for (const auto& n : r.created) estimator_.Forget(*n);
      }
    }
    return Rel{};
  }

  Rel Greedy() {
    std::vector<std::pair<Mask, Rel>> rels;
    for (size_t i = 0; i < n_; ++i) rels.emplace_back(Mask{1} << i, Base(i));
    while (rels.size() > 1) {
      Rel best;
      size_t bi = 0, bj = 0;
      for (bool cross : {false, true}) {
        for (size_t i = 0; i < rels.size(); ++i) {
          for (size_t j = 0; j < rels.size(); ++j) {
            if (i == j || (!cross && !Connected(rels[i].first, rels[j].first))) continue;
            Rel r = Join(rels[i].second, rels[i].first, rels[j].second, rels[j].first);
            const bool better = !best.input.plan || Cost(r) < Cost(best);
            Keep(&best, std::move(r));
            if (better) bi = i, bj = j;
          }
        }
        if (best.input.plan) break;
      }
      rels[bi] = {rels[bi].first | rels[bj].first, std::move(best)};
      rels.erase(rels.begin() + static_cast<std::ptrdiff_t>(bj));
    }
    return std::move(rels[0].second);
  }

  size_t n_;
  std::vector<int> offsets_, widths_;
  std::vector<Term> terms_;
  std::vector<JoinInput> base_;
  PlanEstimator estimator_;
};

JoinKind Flip(JoinKind k) {
  return k == JoinKind::kLeft ? JoinKind::kRight : k == JoinKind::kRight ? JoinKind::kLeft : k;
}

/// An outer join: ON terms reading only the nullable side go into it, then the cheaper of both side orders.
PlanPtr PlanOuterJoin(const JoinPlan& join) {
  const int lw = static_cast<int>(join.left->output.size());
  const int rw = static_cast<int>(join.right->output.size());
  std::vector<BoundExprPtr> terms, to_left, to_right;
  for (const auto& t : Conjuncts(join.condition)) {
    auto span = ColumnSpan(*t);
    const bool pushable = span.first >= 0 && !ContainsVolatile(*t);
    if (pushable && join.join == JoinKind::kLeft && span.first >= lw) {
      to_right.push_back(ShiftColumns(t, lw));
    } else if (pushable && join.join == JoinKind::kRight && span.second < lw) {
      to_left.push_back(t);
    } else {
      terms.push_back(t);
    }
  }
  JoinInput left = PrepareInput(join.left, to_left);
  JoinInput right = PrepareInput(join.right, to_right);
  PlanEstimator estimator;
  std::vector<PlanPtr> created;
  PlanPtr straight = CheapestJoin(left, right, join.join, terms, &estimator, &created);
  std::vector<int> swap_map(lw + rw);
  for (int c = 0; c < lw + rw; ++c) swap_map[c] = c < lw ? rw + c : c - lw;
  std::vector<BoundExprPtr> swapped;
  for (const auto& t : terms) swapped.push_back(Remap(t, swap_map));
  PlanPtr flipped = CheapestJoin(right, left, Flip(join.join), swapped, &estimator, &created);
  if (!flipped || (straight && estimator.Estimate(*flipped).cost.total >= estimator.Estimate(*straight).cost.total)) {
    return straight;
  }
  std::vector<int> back(lw + rw);
  for (int c = 0; c < lw + rw; ++c) back[c] = swap_map[c];
  return Reordered(flipped, back, join.output);
}

}  // namespace

PlanPtr PlanJoinTree(const JoinPlan& join) {
  if (!join.lateral_params.empty() || join.method != JoinMethod::kAuto) return nullptr;
  if (join.join == JoinKind::kSemi || join.join == JoinKind::kAnti) return nullptr;
  if (join.output.size() != join.left->output.size() + join.right->output.size()) return nullptr;
  if (join.join != JoinKind::kInner) return PlanOuterJoin(join);
  std::vector<PlanPtr> inputs;
  std::vector<BoundExprPtr> terms;
  auto self = std::shared_ptr<const PlanNode>(std::shared_ptr<const PlanNode>{}, &join);
  Flatten(self, 0, &inputs, &terms);
  if (inputs.size() > static_cast<size_t>(kMaxInputs)) return nullptr;
  for (const auto& in : inputs) {
    // UPDATE ... FROM / DELETE ... USING keep the target's rid scan where the binder put it.
    if (in->kind == PlanKind::kSeqScan && in->As<SeqScanPlan>().emit_rid) return nullptr;
  }
  return JoinSearch(std::move(inputs), terms).Solve(join.output);
}

}  // namespace lumadb::planner
