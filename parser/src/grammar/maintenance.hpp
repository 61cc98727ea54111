#pragma once
// VACUUM, ANALYZE and EXPLAIN (gram.y VacuumStmt, AnalyzeStmt, ExplainStmt).

#include "cursor.hpp"
#include "ddl_common.hpp"
#include "dml.hpp"

namespace lumadb::parser::grammar {

struct analyze_keyword : sor<LUMADB_KW("analyze"), LUMADB_KW("analyse")> {};
struct analyze_word : seq<analyze_keyword>, Node {};
struct verbose_word : LUMADB_WORD("verbose"), Node {};
struct full_word : LUMADB_WORD("full"), Node {};
struct freeze_word : LUMADB_WORD("freeze"), Node {};

/// t [(columns)] (gram.y vacuum_relation).
struct vacuum_relation : seq<qualified_name, opt<lparen, name_list, rparen>>, Node {};
struct vacuum_relations : list<vacuum_relation, comma> {};

/// VACUUM [FULL] [FREEZE] [VERBOSE] [ANALYZE] [tables] | VACUUM (options) [tables].
struct vacuum_stmt
    : seq<LUMADB_KW("vacuum"),
          sor<utility_option_list,
              seq<opt<tok<full_word>>, opt<tok<freeze_word>>, opt<tok<verbose_word>>, opt<analyze_word>>>,
          opt<vacuum_relations>>,
      Node {};
/// ANALYZE [VERBOSE] [tables] | ANALYZE (options) [tables].
struct analyze_stmt : seq<analyze_keyword, sor<utility_option_list, opt<tok<verbose_word>>>, opt<vacuum_relations>>,
                      Node {};

/// EXPLAIN [ANALYZE] [VERBOSE] stmt | EXPLAIN (options) stmt (gram.y ExplainableStmt, the DML subset).
struct explainable_stmt : sor<select_stmt, with_dml_stmt, insert_stmt, update_stmt, delete_stmt, execute_stmt> {};
struct explain_stmt : seq<LUMADB_KW("explain"),
                          sor<utility_option_list, seq<opt<analyze_word>, opt<tok<verbose_word>>>>, explainable_stmt>,
                      Node {};

}  // namespace lumadb::parser::grammar
