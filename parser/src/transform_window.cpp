// Transformer: OVER (...), WINDOW name AS (...), FILTER, WITHIN GROUP and ORDER BY inside calls (gram.y
// over_clause, window_specification, opt_frame_clause / frame_extent, func_application).

#include "common/error.h"
#include "common/sqlstate_window.h"
#include "grammar/statement.hpp"
#include "transformer.h"

namespace lumadb::parser {

namespace g = grammar;

namespace {

ast::FrameBoundKind BoundKind(const PNode& b) {
  if (b.is_type<g::frame_unbounded_preceding>()) return ast::FrameBoundKind::kUnboundedPreceding;
  if (b.is_type<g::frame_unbounded_following>()) return ast::FrameBoundKind::kUnboundedFollowing;
  if (b.is_type<g::frame_current_row>()) return ast::FrameBoundKind::kCurrentRow;
  if (b.is_type<g::frame_offset_preceding>()) return ast::FrameBoundKind::kOffsetPreceding;
  return ast::FrameBoundKind::kOffsetFollowing;
}

}  // namespace

std::vector<ast::OrderItem> Transformer::OrderItems(const PNode& n) {
  std::vector<ast::OrderItem> items;
  for (const auto& item : n.children) {
    ast::OrderItem o;
    o.expr = Expr(*item->children.at(0));
    for (std::size_t i = 1; i < item->children.size(); ++i) {
      const PNode& m = *item->children[i];
      if (m.is_type<g::desc_word>()) o.descending = true;
      if (m.is_type<g::first_word>()) o.nulls_first = true;
      if (m.is_type<g::last_word>()) o.nulls_first = false;
    }
    items.push_back(std::move(o));
  }
  return items;
}

void Transformer::CallClause(const PNode& c, ast::FuncCall& f) {
  if (c.is_type<g::agg_order>()) {
    f.order_by = OrderItems(c);
  } else if (c.is_type<g::within_group>()) {
    if (!f.order_by.empty()) {
      throw DbError(sqlstate::kSyntaxError, "cannot use multiple ORDER BY clauses with WITHIN GROUP")
          .Position(Pos(Loc(c)));
    }
    if (f.distinct) {
      throw DbError(sqlstate::kSyntaxError, "cannot use DISTINCT with WITHIN GROUP").Position(Pos(Loc(c)));
    }
    f.order_by = OrderItems(*c.children.at(0));
    f.within_group = true;
  } else if (c.is_type<g::filter_clause>()) {
    f.filter = Expr(*c.children.at(0));
  } else if (c.is_type<g::over_clause>()) {
    const PNode& w = *c.children.at(0);
    if (w.is_type<g::over_name>()) {
      f.over = std::make_unique<ast::WindowDef>();
      f.over->refname = Ident(*w.children.at(0));
      f.over->bare_ref = true;
      f.over->location = Loc(w);
    } else {
      f.over = std::make_unique<ast::WindowDef>(WindowSpec(w));
    }
  }
}

// Frame errors gram.y raises while building the frame options (42P20 at the offending bound).
ast::WindowDef Transformer::WindowSpec(const PNode& spec) {
  ast::WindowDef w;
  w.location = Loc(spec);
  for (const auto& part : spec.children) {
    if (part->is_type<g::window_refname>()) {
      w.refname = Ident(*part->children.at(0));
    } else if (part->is_type<g::partition_clause>()) {
      w.partition_by = ExprList(*part->children.at(0));
    } else if (part->is_type<g::agg_order>()) {
      w.order_by = OrderItems(*part);
    } else if (part->is_type<g::frame_clause>()) {
      w.has_frame = true;
      w.frame_location = Loc(*part);
      const std::string mode = Words(*part->children.at(0));
      w.mode = mode == "rows"     ? ast::FrameMode::kRows
               : mode == "groups" ? ast::FrameMode::kGroups
                                  : ast::FrameMode::kRange;
      std::vector<const PNode*> bounds;
      for (std::size_t i = 1; i < part->children.size(); ++i) {
        const PNode& b = *part->children[i];
        if (b.is_type<g::exclude_current_row>()) {
          w.exclude = ast::FrameExclude::kCurrentRow;
        } else if (b.is_type<g::exclude_group>()) {
          w.exclude = ast::FrameExclude::kGroup;
        } else if (b.is_type<g::exclude_ties>()) {
          w.exclude = ast::FrameExclude::kTies;
        } else if (!b.is_type<g::exclude_no_others>()) {
          bounds.push_back(&b);
        }
      }
      auto make = [&](const PNode& b) {
        ast::FrameBound fb;
        fb.kind = BoundKind(b);
        fb.location = Loc(b);
        if (fb.kind == ast::FrameBoundKind::kOffsetPreceding || fb.kind == ast::FrameBoundKind::kOffsetFollowing) {
          fb.offset = Expr(*b.children.at(0));
        }
        return fb;
      };
      w.start = make(*bounds.at(0));
      if (bounds.size() > 1) w.end = make(*bounds[1]);
      auto fail = [&](const char* msg, const ast::FrameBound& at) {
        throw DbError(sqlstate::kWindowingError, msg).Position(Pos(at.location));
      };
      using K = ast::FrameBoundKind;
      if (w.start.kind == K::kUnboundedFollowing) fail("frame start cannot be UNBOUNDED FOLLOWING", w.start);
      if (bounds.size() == 1 && w.start.kind == K::kOffsetFollowing) {
        fail("frame starting from following row cannot end with current row", w.start);
      }
      if (w.end.kind == K::kUnboundedPreceding) fail("frame end cannot be UNBOUNDED PRECEDING", w.end);
      if (w.start.kind == K::kCurrentRow && w.end.kind == K::kOffsetPreceding) {
        fail("frame starting from current row cannot have preceding rows", w.end);
      }
      if (w.start.kind == K::kOffsetFollowing && (w.end.kind == K::kOffsetPreceding || w.end.kind == K::kCurrentRow)) {
        fail("frame starting from following row cannot have preceding rows", w.end);
      }
    }
  }
  return w;
}

}  // namespace lumadb::parser
