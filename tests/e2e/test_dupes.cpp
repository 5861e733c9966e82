// End-to-end tests of `dupes` and `merge`. "Today" is pinned at 2026-11-22.
#include "run.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using bmc::e2e::Result;
using bmc::e2e::Sandbox;
using bmc::e2e::check::ok;
using nlohmann::json;

namespace {

json contact(Sandbox& sb, const std::string& who) {
    return json::parse(ok(sb, {"show", who, "--json"}));
}

} // namespace

TEST_CASE("dupes lists people sharing an email or a name", "[e2e][dupes]") {
    Sandbox sb;
    CHECK(ok(sb, {"dupes"}) == "No likely duplicates.\n");
    ok(sb, {"add", "Ada Lovelace", "--email", "ada@example.org"});
    ok(sb, {"add", "ada  LOVELACE", "--force"});
    ok(sb, {"add", "Countess", "--email", "ADA@example.org"});
    ok(sb, {"add", "Grace Hopper"});
    CHECK(ok(sb, {"dupes"}) ==
          "#1 Ada Lovelace, #3 Countess: same email 'ada@example.org'\n"
          "#1 Ada Lovelace, #2 ada  LOVELACE: same name 'ada lovelace'\n"
          "2 groups of likely duplicates; merge with `bmc merge KEEP OTHER`.\n");
    const json j = json::parse(ok(sb, {"dupes", "--json"}));
    REQUIRE(j["dupes"].size() == 2);
    CHECK(j["dupes"][0]["reason"] == "email");
    CHECK(j["dupes"][0]["value"] == "ada@example.org");
    CHECK(j["dupes"][0]["people"][1] == json{{"id", 3}, {"name", "Countess"}});
    CHECK(j["dupes"][1]["reason"] == "name");
}

TEST_CASE("merge moves conversations, follow-ups, emails and tags, nothing is lost",
          "[e2e][dupes]") {
    Sandbox sb;
    ok(sb, {"add", "Ada Lovelace", "--email", "ada@example.org", "--company", "Engines", "--note",
            "poetical science", "--met-on", "2025-06-01"});
    ok(sb, {"add", "A. Lovelace", "--email", "ADA@example.org", "--email", "countess@example.org",
            "--phone", "+44 1", "--tag", "math", "--title", "Countess", "--company", "Other Co",
            "--note", "met at the salon", "--met-on", "2024-01-01"});
    ok(sb, {"log", "A. Lovelace", "--date", "2026-11-01", "--note", "tea"});
    ok(sb, {"log", "A. Lovelace", "--date", "2026-10-01", "--note", "letters"});
    ok(sb, {"todo", "A. Lovelace", "send the notes"});
    CHECK(ok(sb, {"merge", "Ada Lovelace", "A. Lovelace"}) ==
          "Merged #2 A. Lovelace into #1 Ada Lovelace: 2 conversations and 1 follow-up moved; "
          "#2 removed.\n");
    const json ada = contact(sb, "#1");
    CHECK(ada["emails"] == json{"ada@example.org", "countess@example.org"});
    CHECK(ada["phones"] == json{"+44 1"});
    CHECK(ada["tags"] == json{"math"});
    CHECK(ada["company"] == "Engines"); // kept
    CHECK(ada["title"] == "Countess");  // filled in
    CHECK(ada["notes"] == "poetical science\n\nmet at the salon\n\nAlso known as: A. Lovelace");
    CHECK(ada["met_on"] == "2024-01-01"); // the earlier one
    REQUIRE(ada["interactions"].size() == 2);
    CHECK(ada["last_interaction"]["date"] == "2026-11-01");
    REQUIRE(ada["followups"].size() == 1);
    CHECK(ada["followups"][0]["text"] == "send the notes");
    CHECK(sb.bmc({"show", "#2"}).code == 1);
    CHECK(ok(sb, {"dupes"}) == "No likely duplicates.\n");
}

TEST_CASE("merge refuses one person twice and unknown people, changing nothing", "[e2e][dupes]") {
    Sandbox sb;
    ok(sb, {"add", "Ada Lovelace"});
    const std::string before = sb.snapshot();
    const Result same = sb.bmc({"merge", "Ada", "#1"});
    CHECK(same.code == 1);
    CHECK(same.err.find("are both #1") != std::string::npos);
    const Result unknown = sb.bmc({"merge", "Ada", "Nobody"});
    CHECK(unknown.code == 1);
    CHECK(sb.bmc({"merge", "Ada"}).code == 2);
    CHECK(sb.snapshot() == before);
}

TEST_CASE("_names lists active people for shell completion and is hidden", "[e2e][dupes]") {
    Sandbox sb;
    ok(sb, {"add", "Ada Lovelace"});
    ok(sb, {"add", "Bob Archived"});
    ok(sb, {"archive", "Bob"});
    ok(sb, {"add", "\xC3\x89lodie Durand"});
    CHECK(ok(sb, {"_names"}) == "Ada Lovelace\n\xC3\x89lodie Durand\n");
    CHECK(ok(sb, {"--help"}).find("_names") == std::string::npos);
}

TEST_CASE("the bash completion completes commands and person names", "[e2e][dupes]") {
    Sandbox sb;
    ok(sb, {"add", "Ada Lovelace"});
    ok(sb, {"add", "Alan Turing"});
    const std::string bin = std::filesystem::path(BMC_BINARY).parent_path().string();
    const std::string script = std::string(BMC_SOURCE_DIR) + "/scripts/completions/bmc.bash";
    const auto complete = [&](const std::string& words) {
        const std::string out = (sb.dir() / "completion.txt").string();
        const std::string command = "env -i PATH=" + bin + ":/usr/bin:/bin BMC_DB=" + sb.db() +
                                    " BMC_TODAY=2026-11-22 bash -c 'source " + script +
                                    "; COMP_WORDS=(" + words +
                                    "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _bmc; printf "
                                    "\"%s\\n\" \"${COMPREPLY[@]}\"' > " +
                                    out;
        REQUIRE(std::system(command.c_str()) == 0);
        return bmc::e2e::read_file(out);
    };
    CHECK(complete("bmc me") == "merge\n");
    CHECK(complete("bmc show A") == "Ada\\ Lovelace\nAlan\\ Turing\n");
    CHECK(complete("bmc export --format v") == "vcard\n");
    CHECK(complete("bmc import --format l") == "linkedin\n");
}
