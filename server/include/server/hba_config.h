#pragma once
// HbaConfig: the pg_hba.conf rules in force, shared by every session and replaced as a whole on reload
// (PostgreSQL's postmaster re-reads the file on SIGHUP and keeps the old rules when the new file has an
// error: hba.c load_hba). Sessions take a snapshot (shared_ptr) and match against it without locking.

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>

#include "server/hba.h"

namespace lumadb::server {

/// The current pg_hba.conf of one data directory.
class HbaConfig {
 public:
  /// Reads `file` at server start. Every bad line is logged as PostgreSQL does (LOG message, CONTEXT
  /// "line N of configuration file ..."); then throws std::runtime_error "could not load pg_hba.conf".
  explicit HbaConfig(std::filesystem::path file);

  /// Re-reads the file (SIGHUP, pg_reload_conf()). On an error the old rules stay and "pg_hba.conf was not
  /// reloaded" is logged; returns whether the new rules were taken.
  bool Reload();

  /// The file's path, as log lines name it.
  const std::filesystem::path& file() const { return file_; }

  /// The rules in force now.
  std::shared_ptr<const HbaRules> Current() const;

 private:
  std::optional<HbaRules> Read() const;

  std::filesystem::path file_;
  mutable std::mutex mutex_;
  std::shared_ptr<const HbaRules> rules_;
};

}  // namespace lumadb::server
