// Transformer: VACUUM, ANALYZE and EXPLAIN with their option lists. PostgreSQL validates the options when
// it runs the statement (vacuum.c ExecVacuum, explain.c ExplainQuery, define.c defGetBoolean); the
// errors are the same when raised here, with the same positions.

#include <cctype>

#include "common/error.h"
#include "grammar/statement.hpp"
#include "transformer.h"

namespace lumadb::parser {

namespace g = grammar;

namespace {

/// Lower-cases ASCII letters.
std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// define.c defGetBoolean: no value, 1/0, true/false/on/off (any case); else 42601.
bool BooleanOption(const Transformer::UtilityOption& o) {
  if (!o.has_value) return true;
  const std::string v = Lower(o.value);
  if (v == "true" || v == "on" || v == "1") return true;
  if (v == "false" || v == "off" || v == "0") return false;
  throw DbError(sqlstate::kSyntaxError, o.name + " requires a Boolean value");
}

}  // namespace

std::vector<Transformer::UtilityOption> Transformer::UtilityOptions(const PNode& n) const {
  std::vector<UtilityOption> options;
  for (const auto& c : n.children) {
    UtilityOption o;
    o.location = Loc(*c);
    o.name = Ident(*c->children.at(0));
    if (o.name == "analyse") o.name = "analyze";
    if (c->children.size() > 1) {
      o.has_value = true;
      for (const auto& v : c->children[1]->children) {
        if (v->is_type<g::utility_option_word>()) {
          o.value += Ident(*v);
        } else if (v->is_type<g::sign_op>() || v->is_type<g::integer_number>() || v->is_type<g::decimal_number>() ||
                   v->is_type<g::real_number>()) {
          if (v->string_view() != "+") o.value += v->string();
        } else {
          o.value += StringValue(*v);
        }
      }
    }
    options.push_back(std::move(o));
  }
  return options;
}

ast::StatementPtr Transformer::Vacuum(const PNode& n) {
  auto stmt = std::make_unique<ast::VacuumStmt>();
  stmt->is_vacuum = n.is_type<g::vacuum_stmt>();
  stmt->analyze = !stmt->is_vacuum;
  const char* command = stmt->is_vacuum ? "VACUUM" : "ANALYZE";
  bool column_list = false;
  for (const auto& c : n.children) {
    if (c->is_type<g::full_word>()) {
      stmt->full = true;
    } else if (c->is_type<g::verbose_word>()) {
      stmt->verbose = true;
    } else if (c->is_type<g::analyze_word>()) {
      stmt->analyze = true;
    } else if (c->is_type<g::vacuum_relation>()) {
      stmt->tables.push_back(QualName(*c->children.at(0)));
      stmt->columns.push_back(c->children.size() > 1 ? NameList(*c->children.at(1)) : std::vector<std::string>{});
      column_list = column_list || c->children.size() > 1;
    } else if (c->is_type<g::utility_option_list>()) {
      for (const UtilityOption& o : UtilityOptions(*c)) {
        // The options ExecVacuum knows; those without an AST field are checked and otherwise ignored.
        if (o.name == "verbose") {
          stmt->verbose = BooleanOption(o);
        } else if (o.name == "skip_locked") {
          BooleanOption(o);
        } else if (!stmt->is_vacuum) {
          throw DbError(sqlstate::kSyntaxError, "unrecognized ANALYZE option \"" + o.name + "\"")
              .Position(Pos(o.location));
        } else if (o.name == "analyze") {
          stmt->analyze = BooleanOption(o);
        } else if (o.name == "full") {
          stmt->full = BooleanOption(o);
        } else if (o.name == "freeze" || o.name == "disable_page_skipping" || o.name == "process_toast" ||
                   o.name == "truncate") {
          BooleanOption(o);
        } else if (o.name != "index_cleanup" && o.name != "parallel") {
          throw DbError(sqlstate::kSyntaxError, std::string("unrecognized ") + command + " option \"" + o.name + "\"")
              .Position(Pos(o.location));
        }
      }
    }
  }
  if (stmt->is_vacuum && column_list && !stmt->analyze) {
    throw DbError(sqlstate::kFeatureNotSupported, "ANALYZE option must be specified when a column list is provided");
  }
  return stmt;
}

ast::StatementPtr Transformer::Explain(const PNode& n) {
  auto stmt = std::make_unique<ast::ExplainStmt>();
  bool analyze = false;
  bool timing_set = false;
  bool wal = false;
  for (const auto& c : n.children) {
    if (c->is_type<g::analyze_word>()) {
      stmt->options.emplace_back("analyze", "true");
      analyze = true;
    } else if (c->is_type<g::verbose_word>()) {
      stmt->options.emplace_back("verbose", "true");
    } else if (c->is_type<g::utility_option_list>()) {
      for (const UtilityOption& o : UtilityOptions(*c)) {
        if (o.name == "format") {
          if (!o.has_value) throw DbError(sqlstate::kSyntaxError, "format requires a parameter");
          if (o.value != "text" && o.value != "json" && o.value != "xml" && o.value != "yaml") {
            throw DbError(sqlstate::kInvalidParameterValue,
                          "unrecognized value for EXPLAIN option \"format\": \"" + o.value + "\"")
                .Position(Pos(o.location));
          }
          stmt->options.emplace_back("format", o.value);
          continue;
        }
        if (o.name != "analyze" && o.name != "verbose" && o.name != "costs" && o.name != "settings" &&
            o.name != "buffers" && o.name != "wal" && o.name != "timing" && o.name != "summary") {
          throw DbError(sqlstate::kSyntaxError, "unrecognized EXPLAIN option \"" + o.name + "\"")
              .Position(Pos(o.location));
        }
        const bool on = BooleanOption(o);
        if (o.name == "analyze") analyze = on;
        if (o.name == "timing") timing_set = on;
        if (o.name == "wal") wal = on;
        stmt->options.emplace_back(o.name, on ? "true" : "false");
      }
    } else {
      stmt->query = Dispatch(*c);
      stmt->query->location = Loc(*c);
      stmt->query->length = static_cast<int32_t>(SourceText(*c).size());
    }
  }
  // explain.c ExplainQuery's cross-option checks.
  if (wal && !analyze) throw DbError(sqlstate::kInvalidParameterValue, "EXPLAIN option WAL requires ANALYZE");
  if (timing_set && !analyze) throw DbError(sqlstate::kInvalidParameterValue, "EXPLAIN option TIMING requires ANALYZE");
  return stmt;
}

}  // namespace lumadb::parser
