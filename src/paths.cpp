#include "bmc/paths.hpp"

#include "bmc/errors.hpp"

namespace bmc {

namespace {

bool usable(const std::optional<std::string>& value) {
    return value && !value->empty();
}

} // namespace

std::string resolve_db_path(const std::optional<std::string>& flag, const Environment& env) {
    if (usable(flag)) {
        return *flag;
    }
    if (usable(env.bmc_db)) {
        return *env.bmc_db;
    }
    if (usable(env.xdg_data_home) && env.xdg_data_home->front() == '/') {
        return *env.xdg_data_home + "/bmc/bmc.db";
    }
    if (usable(env.home)) {
        return *env.home + "/.local/share/bmc/bmc.db";
    }
    throw UsageError("cannot tell where the database is: HOME is not set",
                     "pass --db PATH or set BMC_DB");
}

} // namespace bmc
