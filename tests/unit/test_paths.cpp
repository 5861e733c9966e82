// Unit tests for where the database lives (bmc/paths.hpp: resolve_db_path).
#include "bmc/errors.hpp"
#include "bmc/paths.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <string>

namespace {

// Every variable set, each to a distinct value, so a test can see which one won.
bmc::Environment full_env() {
    bmc::Environment env;
    env.bmc_db = "/env/bmc.db";
    env.xdg_data_home = "/xdg";
    env.home = "/home/ada";
    return env;
}

} // namespace

TEST_CASE("the --db flag wins over BMC_DB, XDG_DATA_HOME and HOME", "[paths]") {
    CHECK(bmc::resolve_db_path(std::string("/flag/x.db"), full_env()) == "/flag/x.db");
    // The flag is returned verbatim, relative or not.
    CHECK(bmc::resolve_db_path(std::string("rel/x.db"), full_env()) == "rel/x.db");
    CHECK(bmc::resolve_db_path(std::string("x.db"), bmc::Environment{}) == "x.db");
}

TEST_CASE("BMC_DB wins over XDG_DATA_HOME and HOME when there is no --db", "[paths]") {
    CHECK(bmc::resolve_db_path(std::nullopt, full_env()) == "/env/bmc.db");
    bmc::Environment only;
    only.bmc_db = "relative.db";
    CHECK(bmc::resolve_db_path(std::nullopt, only) == "relative.db");
}

TEST_CASE("an absolute XDG_DATA_HOME wins over HOME", "[paths]") {
    bmc::Environment env = full_env();
    env.bmc_db.reset();
    CHECK(bmc::resolve_db_path(std::nullopt, env) == "/xdg/bmc/bmc.db");
    env.home.reset();
    CHECK(bmc::resolve_db_path(std::nullopt, env) == "/xdg/bmc/bmc.db");
}

TEST_CASE("HOME gives ~/.local/share/bmc/bmc.db when nothing else is set", "[paths]") {
    bmc::Environment env;
    env.home = "/home/ada";
    CHECK(bmc::resolve_db_path(std::nullopt, env) == "/home/ada/.local/share/bmc/bmc.db");
}

TEST_CASE("a relative XDG_DATA_HOME is ignored, as the XDG spec says", "[paths]") {
    bmc::Environment env;
    env.home = "/home/ada";
    env.xdg_data_home = "relative/data";
    CHECK(bmc::resolve_db_path(std::nullopt, env) == "/home/ada/.local/share/bmc/bmc.db");
    env.xdg_data_home = "./data";
    CHECK(bmc::resolve_db_path(std::nullopt, env) == "/home/ada/.local/share/bmc/bmc.db");
    env.xdg_data_home = "~/data";
    CHECK(bmc::resolve_db_path(std::nullopt, env) == "/home/ada/.local/share/bmc/bmc.db");
}

TEST_CASE("an empty XDG_DATA_HOME is ignored", "[paths]") {
    bmc::Environment env;
    env.home = "/home/ada";
    env.xdg_data_home = "";
    CHECK(bmc::resolve_db_path(std::nullopt, env) == "/home/ada/.local/share/bmc/bmc.db");
}

TEST_CASE("empty --db and BMC_DB count as unset", "[paths]") {
    bmc::Environment env = full_env();
    env.bmc_db = "";
    CHECK(bmc::resolve_db_path(std::string(""), env) == "/xdg/bmc/bmc.db");
    env.bmc_db = "/env/bmc.db";
    CHECK(bmc::resolve_db_path(std::string(""), env) == "/env/bmc.db");
}

TEST_CASE("with nothing usable set, resolving the database path is a usage error", "[paths]") {
    const auto expect_usage_error = [](const std::optional<std::string>& flag,
                                       const bmc::Environment& env) {
        try {
            const std::string path = bmc::resolve_db_path(flag, env);
            FAIL_CHECK("expected bmc::UsageError, got the path " << path);
        } catch (const bmc::UsageError& e) {
            CHECK(e.code() == bmc::exit_usage);
            CHECK_THAT(std::string(e.what()), Catch::Contains("HOME"));
            CHECK_THAT(e.hint(), Catch::Contains("--db") && Catch::Contains("BMC_DB"));
        }
    };
    expect_usage_error(std::nullopt, bmc::Environment{});

    bmc::Environment empty;
    empty.bmc_db = "";
    empty.xdg_data_home = "";
    empty.home = "";
    expect_usage_error(std::string(""), empty);

    bmc::Environment relative_only;
    relative_only.xdg_data_home = "relative";
    expect_usage_error(std::nullopt, relative_only);

    // Variables that do not locate the database do not help either.
    bmc::Environment unrelated;
    unrelated.bmc_today = "2026-11-22";
    unrelated.no_color = "1";
    expect_usage_error(std::nullopt, unrelated);
}
