// Transformer: transaction control, SET, RESET and SHOW (gram.y TransactionStmt, VariableSetStmt,
// VariableResetStmt, VariableShowStmt).

#include <cctype>

#include "common/error.h"
#include "common/interval.h"
#include "grammar/statement.hpp"
#include "transformer.h"

namespace lumadb::parser {

namespace g = grammar;
using TxType = ast::TransactionStmt::Type;

ast::StatementPtr Transformer::Transaction(const PNode& n) {
  auto stmt = std::make_unique<ast::TransactionStmt>();
  if (n.is_type<g::begin_stmt>()) {
    stmt->type = TxType::kBegin;
    stmt->start_syntax = n.string_view().size() >= 5 && (n.string_view()[0] == 's' || n.string_view()[0] == 'S');
  } else if (n.is_type<g::commit_stmt>()) {
    stmt->type = TxType::kCommit;
  } else if (n.is_type<g::rollback_stmt>()) {
    stmt->type = TxType::kRollback;
  } else if (n.is_type<g::savepoint_stmt>()) {
    stmt->type = TxType::kSavepoint;
  } else if (n.is_type<g::release_stmt>()) {
    stmt->type = TxType::kRelease;
  } else if (n.is_type<g::set_transaction>()) {
    stmt->type = TxType::kSetTransaction;
  } else {
    stmt->type = TxType::kSetSessionCharacteristics;
  }
  for (const auto& c : n.children) {
    if (c->is_type<g::tx_mode>()) {
      stmt->options.push_back(Words(*c));
    } else if (c->is_type<g::chain_word>()) {
      stmt->chain = true;
    } else if (c->is_type<g::savepoint_name>()) {
      stmt->savepoint = Ident(*c->children.at(0));
    } else if (c->is_type<g::rollback_to>()) {
      stmt->type = TxType::kRollbackTo;
      stmt->savepoint = Ident(*c->children.at(0)->children.at(0));
    }
  }
  return stmt;
}

ast::StatementPtr Transformer::Set(const PNode& n) {
  const PNode* body = n.children.back().get();
  if (body->is_type<g::set_transaction>() || body->is_type<g::set_session_characteristics>()) {
    return Transaction(*body);
  }
  auto stmt = std::make_unique<ast::VariableSetStmt>();
  stmt->local = n.children.front()->is_type<g::local_word>();
  if (body->is_type<g::set_time_zone>()) {
    stmt->name = "timezone";
  } else if (body->is_type<g::set_names>()) {
    stmt->name = "client_encoding";
  } else if (body->is_type<g::set_role>()) {
    stmt->name = "role";
  } else if (body->is_type<g::set_session_auth>()) {
    stmt->name = "session_authorization";
  }
  // SET TIME ZONE LOCAL means the default, like SET TIME ZONE DEFAULT.
  stmt->type = body->children.empty() ? ast::VariableSetStmt::Type::kSetDefault : ast::VariableSetStmt::Type::kSetValue;
  for (const auto& c : body->children) {
    if (c->is_type<g::var_name>()) {
      for (const auto& part : c->children) stmt->name += (stmt->name.empty() ? "" : ".") + Ident(*part);
    } else if (c->is_type<g::set_default>()) {
      stmt->type = ast::VariableSetStmt::Type::kSetDefault;
    } else if (c->is_type<g::var_value>()) {
      stmt->values.push_back(OptionValue(*c));
    } else if (c->is_type<g::zone_interval>()) {
      stmt->values.push_back(ZoneInterval(*c));
    }
  }
  return stmt;
}

// flatten_set_variable_args for SET TIME ZONE INTERVAL '...' [fields]: the literal read with the fields'
// typmod, handed on as "INTERVAL '<interval_out>'" for check_timezone.
std::string Transformer::ZoneInterval(const PNode& n) const {
  static constexpr int32_t kFields[] = {kIntervalYear, kIntervalMonth,  kIntervalDay,
                                        kIntervalHour, kIntervalMinute, kIntervalSecond};
  static constexpr std::string_view kNames[] = {"year", "month", "day", "hour", "minute", "second"};
  std::vector<int> picked;
  for (const auto& c : n.children) {
    if (!c->is_type<g::zone_interval_field>()) continue;
    std::string word = c->string();
    for (char& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    for (int i = 0; i < 6; ++i) {
      if (word == kNames[i]) picked.push_back(i);
    }
  }
  int32_t typmod = -1;
  if (!picked.empty()) {
    int32_t fields = 0;
    for (int i = picked.front(); i <= picked.back(); ++i) fields |= kFields[i];
    typmod = IntervalTypmod(fields, kIntervalFullPrecision);
  }
  return "INTERVAL '" + FormatInterval(ParseInterval(StringValue(*n.children.at(0)), typmod)) + "'";
}

ast::StatementPtr Transformer::ResetOrShow(const PNode& n) {
  const PNode& target = *n.children.at(0);
  std::string name;
  if (target.is_type<g::all_target>()) {
    name = "all";
  } else if (target.is_type<g::time_zone_target>()) {
    name = "timezone";
  } else if (target.is_type<g::isolation_target>()) {
    name = "transaction_isolation";
  } else if (target.is_type<g::session_auth_target>()) {
    name = "session_authorization";
  } else {
    for (const auto& part : target.children) name += (name.empty() ? "" : ".") + Ident(*part);
  }
  if (n.is_type<g::show_stmt>()) {
    auto stmt = std::make_unique<ast::VariableShowStmt>();
    stmt->name = std::move(name);
    return stmt;
  }
  auto stmt = std::make_unique<ast::VariableSetStmt>();
  stmt->type = name == "all" ? ast::VariableSetStmt::Type::kResetAll : ast::VariableSetStmt::Type::kReset;
  stmt->name = name == "all" ? "" : std::move(name);
  return stmt;
}

}  // namespace lumadb::parser
