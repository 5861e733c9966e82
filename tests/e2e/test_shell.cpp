// The hidden helpers behind the shell completions: _names, _commands and _options.
#include "run.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

using bmc::e2e::Result;
using bmc::e2e::Sandbox;

TEST_CASE("_names prints active people's names, one a line, and never creates a database",
          "[e2e]") {
    Sandbox sb;
    Result r = sb.bmc({"_names"});
    CHECK(r.code == 0);
    CHECK(r.out.empty());
    CHECK(r.err.empty());
    CHECK_FALSE(std::filesystem::exists(sb.db()));

    REQUIRE(sb.bmc({"add", "Grace Hopper"}).code == 0);
    REQUIRE(sb.bmc({"add", "Ada Lovelace"}).code == 0);
    REQUIRE(sb.bmc({"add", "Old Friend"}).code == 0);
    REQUIRE(sb.bmc({"archive", "Old"}).code == 0);
    r = sb.bmc({"_names"});
    CHECK(r.code == 0);
    CHECK(r.out == "Ada Lovelace\nGrace Hopper\n");
}

TEST_CASE("_commands lists the commands --help lists, with descriptions, and no hidden ones",
          "[e2e]") {
    Sandbox sb;
    const Result top = sb.bmc({"_commands"});
    CHECK(top.code == 0);
    CHECK(top.out.rfind("add\tAdd a person you met\nlog\t", 0) == 0);
    CHECK(top.out.find("\ndue\t") != std::string::npos);
    CHECK(top.out.find("_names") == std::string::npos);
    const std::string help = sb.bmc({"--help"}).out;
    CHECK(help.find("_names") == std::string::npos);
    CHECK(help.find("_commands") == std::string::npos);

    CHECK(sb.bmc({"_commands", "--", "config"}).out ==
          "list\tList every setting and its value\n"
          "get\tPrint one setting's value\n"
          "set\tChange a setting; due dates follow at once\n");
    CHECK(sb.bmc({"_commands", "--", "due"}).out.empty()); // no subcommands
    const Result unknown = sb.bmc({"_commands", "--", "nonsense"});
    CHECK(unknown.code == 0);
    CHECK(unknown.out.empty());
}

TEST_CASE("_options lists a command's options, --takes-value only those with a value", "[e2e]") {
    Sandbox sb;
    const std::string due = sb.bmc({"_options", "--", "due"}).out;
    CHECK(due.find("--within\tAlso list people due within this time") != std::string::npos);
    CHECK(due.find("-w\t") != std::string::npos);
    CHECK(due.find("--json\tPrint JSON") != std::string::npos);
    CHECK(sb.bmc({"_options", "--takes-value", "--", "due"}).out ==
          "--within\n-w\n--limit\n--max\n-l\n");
    const std::string globals = sb.bmc({"_options", "--takes-value"}).out;
    CHECK(globals == "--db\n--today\n");
}
