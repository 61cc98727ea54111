#include "pq_connection.h"

#include <stdexcept>

#include "test_server.h"

namespace lumadb::integration {

PqConnection::PqConnection(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str()), &PQfinish) {
  if (PQstatus(conn_.get()) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(conn_.get()));
  PQsetNoticeReceiver(conn_.get(), &PqConnection::OnNotice, this);
}

void PqConnection::OnNotice(void* self, const PGresult* notice) {
  const char* severity = PQresultErrorField(notice, PG_DIAG_SEVERITY_NONLOCALIZED);
  const char* state = PQresultErrorField(notice, PG_DIAG_SQLSTATE);
  auto* me = static_cast<PqConnection*>(self);
  me->notices_.push_back(std::string(severity != nullptr ? severity : "?") + " " + (state != nullptr ? state : "?"));
  const char* message = PQresultErrorField(notice, PG_DIAG_MESSAGE_PRIMARY);
  me->notice_messages_.push_back(message != nullptr ? message : "");
}

std::string PqConnection::Run(const std::string& sql) {
  notices_.clear();
  notice_messages_.clear();
  const std::unique_ptr<PGresult, decltype(&PQclear)> res(PQexec(conn_.get(), sql.c_str()), &PQclear);
  tag_ = PQcmdStatus(res.get());
  auto field = [&](int code) {
    const char* v = PQresultErrorField(res.get(), code);
    return std::string(v != nullptr ? v : "");
  };
  error_message_ = field(PG_DIAG_MESSAGE_PRIMARY);
  error_detail_ = field(PG_DIAG_MESSAGE_DETAIL);
  error_hint_ = field(PG_DIAG_MESSAGE_HINT);
  const char* state = PQresultErrorField(res.get(), PG_DIAG_SQLSTATE);
  return state == nullptr ? "" : state;
}

char PqConnection::Status() const {
  switch (PQtransactionStatus(conn_.get())) {
    case PQTRANS_IDLE:
      return 'I';
    case PQTRANS_INTRANS:
      return 'T';
    case PQTRANS_INERROR:
      return 'E';
    default:
      return '?';  // active (mid-query) or unknown (connection lost)
  }
}

std::string ErrorOf(const std::string& sql) {
  PqConnection pq(SharedTarget::Get().ConnString());
  const std::string state = pq.Run(sql);
  return state + " " + pq.error_message();
}

}  // namespace lumadb::integration
