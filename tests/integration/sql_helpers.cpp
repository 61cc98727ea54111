#include "sql_helpers.h"

#include <unistd.h>

#include <stdexcept>

namespace lumadb::integration {

pqxx::result Exec(pqxx::connection& conn, const std::string& sql) {
  pqxx::nontransaction work(conn);
  return work.exec(sql);
}

std::string SqlStateOf(pqxx::connection& conn, const std::string& sql) {
  try {
    Exec(conn, sql);
  } catch (const pqxx::sql_error& e) {
    return e.sqlstate();
  }
  return "";
}

std::vector<std::string> Column(pqxx::connection& conn, const std::string& sql) {
  std::vector<std::string> out;
  for (const auto& row : Exec(conn, sql)) out.push_back(row[0].is_null() ? "NULL" : row[0].c_str());
  return out;
}

std::vector<std::string> Rows(pqxx::connection& conn, const std::string& sql) {
  std::vector<std::string> out;
  for (const auto& row : Exec(conn, sql)) {
    std::string line;
    for (const auto& field : row) {
      line += (line.empty() ? "" : "|") + std::string(field.is_null() ? "NULL" : field.c_str());
    }
    out.push_back(line);
  }
  return out;
}

std::string ErrorOf(pqxx::connection& conn, const std::string& sql) {
  try {
    Exec(conn, sql);
  } catch (const pqxx::sql_error& e) {
    std::string message = e.what();
    message = message.substr(0, message.find('\n'));
    if (message.rfind("ERROR:  ", 0) == 0) message = message.substr(8);
    return e.sqlstate() + ": " + message;
  }
  return "";
}

std::string Scalar(pqxx::connection& conn, const std::string& sql) {
  const pqxx::result r = Exec(conn, sql);
  if (r.size() != 1 || r.columns() != 1) {
    throw std::runtime_error("expected one value from: " + sql + " (got " + std::to_string(r.size()) + " rows)");
  }
  return r[0][0].is_null() ? "NULL" : r[0][0].c_str();
}

std::string ErrorMessage(pqxx::connection& conn, const std::string& sql) {
  std::string error = ErrorOf(conn, sql);
  return error.empty() ? error : error.substr(error.find(": ") + 2);
}

std::string TableName(const std::string& stem) {
  return "it_" + stem + "_" + std::to_string(getpid());
}

}  // namespace lumadb::integration
