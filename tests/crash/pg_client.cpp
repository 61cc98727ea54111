#include "pg_client.h"

namespace lumadb::crash {

PgClient::PgClient(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str()), &PQfinish) {}

bool PgClient::connected() const {
  return conn_ != nullptr && PQstatus(conn_.get()) == CONNECTION_OK;
}

std::string PgClient::error() const {
  return conn_ == nullptr ? "out of memory" : PQerrorMessage(conn_.get());
}

PgResult PgClient::Exec(const std::string& sql) {
  PgResult out;
  std::unique_ptr<PGresult, decltype(&PQclear)> res(PQexec(conn_.get(), sql.c_str()), &PQclear);
  const ExecStatusType status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
    out.ok = true;
    out.tag = PQcmdStatus(res.get());
    for (int r = 0; r < PQntuples(res.get()); ++r) {
      std::vector<std::string>& row = out.rows.emplace_back();
      for (int c = 0; c < PQnfields(res.get()); ++c) row.emplace_back(PQgetvalue(res.get(), r, c));
    }
    return out;
  }
  const char* state = res ? PQresultErrorField(res.get(), PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = res ? PQresultErrorField(res.get(), PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  out.sqlstate = state != nullptr ? state : "";
  out.message = primary != nullptr ? primary : PQerrorMessage(conn_.get());
  // libpq reports a lost server without a SQLSTATE (or with its own 08xxx-free result).
  out.connection_lost = PQstatus(conn_.get()) != CONNECTION_OK || out.sqlstate.empty();
  return out;
}

std::string LocalConnInfo(int port) {
  return "host=127.0.0.1 port=" + std::to_string(port) +
         " user=postgres dbname=postgres connect_timeout=5 application_name=lumadb_crash";
}

}  // namespace lumadb::crash
