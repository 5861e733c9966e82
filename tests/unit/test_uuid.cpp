#include "bmc/uuid.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

TEST_CASE("new_uuid makes canonical lower-case version 4 UUIDs", "[uuid]") {
    for (int i = 0; i < 100; ++i) {
        const std::string u = bmc::new_uuid();
        INFO(u);
        REQUIRE(u.size() == 36u);
        CHECK(bmc::is_uuid(u));
        CHECK(u[8] == '-');
        CHECK(u[13] == '-');
        CHECK(u[18] == '-');
        CHECK(u[23] == '-');
        CHECK(u[14] == '4');                                         // version 4
        CHECK(std::string("89ab").find(u[19]) != std::string::npos); // RFC 4122 variant
        CHECK(u.find_first_not_of("0123456789abcdef-") == std::string::npos);
    }
}

TEST_CASE("new_uuid does not repeat itself", "[uuid]") {
    std::set<std::string> seen;
    for (int i = 0; i < 10000; ++i) {
        seen.insert(bmc::new_uuid());
    }
    CHECK(seen.size() == 10000u);
}

TEST_CASE("is_uuid accepts the canonical form in either case and nothing else", "[uuid]") {
    CHECK(bmc::is_uuid("0f8fad5b-d9cb-469f-a165-70867728950e"));
    CHECK(bmc::is_uuid("0F8FAD5B-D9CB-469F-A165-70867728950E"));
    CHECK_FALSE(bmc::is_uuid(""));
    CHECK_FALSE(bmc::is_uuid("0f8fad5b-d9cb-469f-a165-70867728950"));   // one short
    CHECK_FALSE(bmc::is_uuid("0f8fad5b-d9cb-469f-a165-70867728950e0")); // one long
    CHECK_FALSE(bmc::is_uuid("0f8fad5bd9cb469fa16570867728950e"));      // no dashes
    CHECK_FALSE(bmc::is_uuid("0f8fad5b-d9cb-469f-a165-70867728950g"));  // not hex
    CHECK_FALSE(bmc::is_uuid("0f8fad5b-d9cb-469f-a16570-867728950e"));  // dash misplaced
    CHECK_FALSE(bmc::is_uuid("{0f8fad5b-d9cb-469f-a165-70867728950e}"));
}
