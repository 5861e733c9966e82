// Where the database lives. Pure: the caller passes the environment in.
#pragma once

#include <optional>
#include <string>

namespace bmc {

// What bmc reads from the process environment; the cli layer fills it in, tests build their own.
struct Environment {
    std::optional<std::string> bmc_db;        // BMC_DB
    std::optional<std::string> bmc_today;     // BMC_TODAY
    std::optional<std::string> xdg_data_home; // XDG_DATA_HOME
    std::optional<std::string> home;          // HOME
    std::optional<std::string> no_color;      // NO_COLOR
};

// The database path: `flag` (--db) > BMC_DB > $XDG_DATA_HOME/bmc/bmc.db (only when absolute,
// per the XDG spec) > $HOME/.local/share/bmc/bmc.db. Empty values count as unset. Throws
// UsageError when none of them gives a path.
std::string resolve_db_path(const std::optional<std::string>& flag, const Environment& env);

} // namespace bmc
