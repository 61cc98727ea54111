#pragma once

#include <string>
#include <vector>

#include <pqxx/pqxx>

namespace lumadb::integration {

/// Runs `sql` as one simple-query string outside any libpqxx-managed transaction, so BEGIN/COMMIT/ROLLBACK
/// in the text behave exactly as when psql sends them. Throws pqxx::sql_error as the server reports.
pqxx::result Exec(pqxx::connection& conn, const std::string& sql);

/// Runs `sql` and returns the SQLSTATE of the error it raised, or "" if it succeeded.
std::string SqlStateOf(pqxx::connection& conn, const std::string& sql);

/// Runs a query that yields one row of one column and returns that value as text ("NULL" for SQL NULL).
std::string Scalar(pqxx::connection& conn, const std::string& sql);

/// Runs a query and returns its first column as text, one entry per row ("NULL" for SQL NULL).
std::vector<std::string> Column(pqxx::connection& conn, const std::string& sql);

/// Runs a query and returns every row as its fields joined by '|' ("NULL" for SQL NULL).
std::vector<std::string> Rows(pqxx::connection& conn, const std::string& sql);

/// "SQLSTATE: message" (the message's first line, without "ERROR:  ") of the error sql raises, or "" when
/// it succeeds.
std::string ErrorOf(pqxx::connection& conn, const std::string& sql);

/// Runs `sql` and returns the primary message of the error it raised (without "ERROR:  "), or "".
std::string ErrorMessage(pqxx::connection& conn, const std::string& sql);

/// A unique-per-process table name with `stem` in it, so tests do not collide on a shared database.
std::string TableName(const std::string& stem);

}  // namespace lumadb::integration
