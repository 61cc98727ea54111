// Transformer: SELECT, VALUES, set operations and FROM items (gram.y select_no_parens, simple_select,
// table_ref actions).

#include "common/error.h"
#include "grammar/statement.hpp"
#include "parser/parser.h"
#include "transformer.h"

namespace lumadb::parser {

namespace g = grammar;
using SelectPtr = std::unique_ptr<ast::SelectStmt>;

namespace {

bool HasTail(const ast::SelectStmt& s) {
  return !s.order_by.empty() || s.limit || s.offset;
}

}  // namespace

SelectPtr Transformer::Select(const PNode& n) {
  const std::size_t first = n.children.at(0)->is_type<g::with_clause>() ? 1 : 0;
  SelectPtr s = SetOperations(*n.children.at(first));
  if (first == 1) AttachWith(*n.children[0], s->with);
  if (n.children.size() > first + 1) {
    // (SELECT ... ORDER BY a) ORDER BY b: gram.y insertSelectOptions rejects the second clause.
    if (HasTail(*s) && !n.children[first + 1]->is_type<g::locking_item>()) {
      const PNode& c = *n.children[first + 1];
      const char* what = c.is_type<g::order_clause>() ? "ORDER BY" : c.is_type<g::offset_clause>() ? "OFFSET" : "LIMIT";
      // PostgreSQL points at the first expression of the second clause.
      const int32_t at = c.children.empty() ? Loc(c) : Loc(*c.children[0]);
      throw DbError(sqlstate::kSyntaxError, std::string("multiple ") + what + " clauses not allowed").Position(Pos(at));
    }
    for (std::size_t i = first + 1; i < n.children.size(); ++i) SelectTail(*n.children[i], *s);
  }
  return s;
}

void Transformer::SelectTail(const PNode& c, ast::SelectStmt& s) {
  if (c.is_type<g::order_clause>()) {
    for (auto& o : OrderItems(c)) s.order_by.push_back(std::move(o));
  } else if (c.is_type<g::limit_clause>()) {
    const PNode& v = *c.children.at(0);
    if (!v.is_type<g::limit_all>()) s.limit = Expr(v);
  } else if (c.is_type<g::fetch_clause>()) {
    // FETCH FIRST ROW ONLY without a count means one row.
    s.limit = c.children.empty() ? std::make_unique<ast::ConstExpr>(ast::ConstExpr::Type::kInteger, "1", Loc(c))
                                 : Expr(*c.children[0]);
  } else if (c.is_type<g::offset_clause>()) {
    s.offset = Expr(*c.children.at(0));
  } else if (c.is_type<g::locking_item>()) {
    ast::LockingClause lc;
    lc.location = Loc(c);
    for (const auto& m : c.children) {
      if (m->is_type<g::lock_no_key_update>()) lc.strength = ast::LockStrength::kNoKeyUpdate;
      if (m->is_type<g::lock_share>()) lc.strength = ast::LockStrength::kShare;
      if (m->is_type<g::lock_key_share>()) lc.strength = ast::LockStrength::kKeyShare;
      if (m->is_type<g::lock_nowait>()) lc.wait = ast::LockWaitPolicy::kNoWait;
      if (m->is_type<g::lock_skip_locked>()) lc.wait = ast::LockWaitPolicy::kSkipLocked;
      if (m->is_type<g::locked_rels>()) {
        for (const auto& name : m->children) lc.tables.push_back(QualName(*name));
      }
    }
    s.locking.push_back(std::move(lc));
  }
}

/// select_body (UNION/EXCEPT, left-associative) and select_term (INTERSECT) nodes.
SelectPtr Transformer::SetOperations(const PNode& n) {
  if (!n.is_type<g::select_body>() && !n.is_type<g::select_term>()) return SelectOperand(n);
  SelectPtr left = SetOperations(*n.children.at(0));
  for (std::size_t i = 1; i + 1 < n.children.size(); i += 2) {
    const PNode& op = *n.children[i];
    auto s = std::make_unique<ast::SelectStmt>();
    s->set_op = op.is_type<g::intersect_op>()                 ? ast::SetOpType::kIntersect
                : op.children.at(0)->is_type<g::union_word>() ? ast::SetOpType::kUnion
                                                              : ast::SetOpType::kExcept;
    s->set_all =
        !op.children.empty() && op.children.back()->is_type<g::set_quantifier>() && Words(*op.children.back()) == "all";
    s->larg = std::move(left);
    s->rarg = SetOperations(*n.children[i + 1]);
    left = std::move(s);
  }
  return left;
}

SelectPtr Transformer::SelectOperand(const PNode& n) {
  if (n.is_type<g::simple_select>()) return SimpleSelect(n);
  if (n.is_type<g::values_clause>()) return Values(n);
  return Select(n);  // a parenthesised select_stmt
}

SelectPtr Transformer::SimpleSelect(const PNode& n) {
  auto s = std::make_unique<ast::SelectStmt>();
  for (const auto& c : n.children) {
    if (c->is_type<g::select_distinct>()) {
      s->distinct = true;
    } else if (c->is_type<g::distinct_on>()) {
      s->distinct_on = ExprList(*c->children.at(0));
    } else if (c->is_type<g::window_clause>()) {
      for (const auto& d : c->children) {
        ast::WindowDef w = WindowSpec(*d->children.at(1));
        w.name = Ident(*d->children.at(0));
        s->windows.push_back(std::move(w));
      }
    } else if (c->is_type<g::target_el>()) {
      s->targets.push_back(TargetItem(*c));
    } else if (c->is_type<g::from_clause>()) {
      for (const auto& t : c->children) s->from.push_back(TableRef(*t));
    } else if (c->is_type<g::where_clause>()) {
      s->where = Expr(*c->children.at(0));
    } else if (c->is_type<g::group_clause>()) {
      GroupClause(*c, *s);
    } else if (c->is_type<g::having_clause>()) {
      s->having = Expr(*c->children.at(0));
    } else if (c->is_type<g::into_clause>()) {
      s->into = Into(*c);
    }
  }
  return s;
}

ast::SelectItem Transformer::TargetItem(const PNode& n) {
  ast::SelectItem item;
  item.location = Loc(n);
  const PNode& e = *n.children.at(0);
  item.expr =
      e.is_type<g::target_star>() ? std::make_unique<ast::StarExpr>(std::vector<std::string>{}, Loc(e)) : Expr(e);
  if (n.children.size() > 1) item.alias = Ident(*n.children[1]->children.at(0));
  return item;
}

SelectPtr Transformer::Values(const PNode& n) {
  auto s = std::make_unique<ast::SelectStmt>();
  for (const auto& row : n.children) {
    std::vector<ast::ExprPtr> items;
    for (const auto& item : row->children) items.push_back(Expr(*item));
    if (!s->values.empty() && items.size() != s->values.front().size()) {
      throw DbError(sqlstate::kSyntaxError, "VALUES lists must all be the same length").Position(Pos(Loc(*row)));
    }
    s->values.push_back(std::move(items));
  }
  return s;
}

ast::TableRefPtr Transformer::TableRef(const PNode& n) {
  auto ref = std::make_unique<ast::TableRef>();
  ref->location = Loc(n);
  if (n.is_type<g::table_ref>()) {
    ast::TableRefPtr left = TableRef(*n.children.at(0));
    for (std::size_t i = 1; i < n.children.size(); ++i) {
      const PNode& j = *n.children[i];
      auto join = std::make_unique<ast::TableRef>();
      join->kind = ast::TableRefKind::kJoin;
      join->location = Loc(j);
      join->left = std::move(left);
      for (const auto& c : j.children) {
        if (c->is_type<g::cross_word>()) {
          join->join_type = ast::JoinType::kCross;
        } else if (c->is_type<g::natural_word>()) {
          join->natural = true;
        } else if (c->is_type<g::join_kind>()) {
          const std::string k = Words(*c);
          join->join_type = k == "left"    ? ast::JoinType::kLeft
                            : k == "right" ? ast::JoinType::kRight
                            : k == "full"  ? ast::JoinType::kFull
                                           : ast::JoinType::kInner;
        } else if (c->is_type<g::join_on>()) {
          join->on = Expr(*c->children.at(0));
        } else if (c->is_type<g::join_using>()) {
          join->using_columns = NameList(*c->children.at(0));
          if (c->children.size() > 1) {
            join->join_using_alias = Ident(*c->children[1]->children.at(0));
            join->join_using_alias_location = Loc(*c->children[1]);
          }
        } else {
          join->right = TableRef(*c);
        }
      }
      left = std::move(join);
    }
    return left;
  }
  if (n.is_type<g::paren_join_ref>()) {
    ast::TableRefPtr inner = TableRef(*n.children.at(0));
    // gram.y has no ( table ) form: only a join may stand in parentheses.
    if (inner->kind != ast::TableRefKind::kJoin) {
      const auto close = static_cast<int32_t>(n.children[0]->m_end.byte);
      throw DbError(sqlstate::kSyntaxError, "syntax error at or near \")\"").Position(Pos(close));
    }
    if (n.children.size() > 1) {
      inner->alias = Ident(*n.children[1]->children.at(0));
      if (n.children[1]->children.size() > 1) inner->column_aliases = NameList(*n.children[1]->children[1]);
    }
    return inner;
  }
  if (n.is_type<g::lateral_ref>()) {
    ast::TableRefPtr item = TableRef(*n.children.at(0));
    item->lateral = true;
    return item;
  }
  const PNode* alias = n.children.back()->is_type<g::alias_clause>() ? n.children.back().get() : nullptr;
  bool ordinality = false;
  if (n.is_type<g::subquery_ref>()) {
    ref->kind = ast::TableRefKind::kSubquery;
    ref->subquery = Select(*n.children.at(0));
    if (!alias) {
      throw DbError(sqlstate::kSyntaxError, "subquery in FROM must have an alias")
          .Hint("For example, FROM (SELECT ...) [AS] foo.")
          .Position(Pos(Loc(n)));
    }
  } else if (n.is_type<g::function_ref>()) {
    ref->kind = ast::TableRefKind::kFunction;
    ast::ExprPtr call = Call(*n.children.at(0));
    ref->function.reset(&call.release()->As<ast::FuncCall>());
    ordinality = n.children.size() > 1 && n.children[1]->is_type<g::with_ordinality>();
    if (n.children.back()->is_type<g::func_alias_clause>()) ColumnDefinitions(*n.children.back(), *ref);
  } else {
    ref->table = QualName(*n.children.at(0));
  }
  if (alias) {
    ref->alias = Ident(*alias->children.at(0));
    if (alias->children.size() > 1) ref->column_aliases = NameList(*alias->children[1]);
  }
  return ordinality ? WithOrdinality(std::move(ref)) : std::move(ref);
}

// f(...) WITH ORDINALITY [AS] a(...): the subquery (SELECT *, row_number() OVER () AS ordinality FROM f(...)),
// LATERAL so that the arguments still see the FROM items before it, named a (default: the function's name).
// The call keeps its own positions. PostgreSQL numbers the function's rows in the order it returns them.
ast::TableRefPtr Transformer::WithOrdinality(ast::TableRefPtr ref) {
  auto stmts = Parse("SELECT *, row_number() OVER () AS ordinality FROM f()");
  auto select = std::unique_ptr<ast::SelectStmt>(&stmts.at(0).release()->As<ast::SelectStmt>());
  select->from.at(0)->function = std::move(ref->function);
  if (ref->alias.empty()) ref->alias = select->from[0]->function->name.back();
  ref->kind = ast::TableRefKind::kSubquery;
  ref->subquery = std::move(select);
  ref->lateral = true;
  return ref;
}

}  // namespace lumadb::parser
