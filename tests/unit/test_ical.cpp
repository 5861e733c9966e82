// Unit tests for iCalendar output (bmc/ical.hpp).
#include "bmc/ical.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace {

bmc::Date ymd(int y, unsigned m, unsigned d) {
    return bmc::Date{date::year{y}, date::month{m}, date::day{d}};
}

bool has_line(const std::string& text, const std::string& line) {
    return text.find("\r\n" + line + "\r\n") != std::string::npos;
}

} // namespace

TEST_CASE("a calendar has its header and all-day events with the next day as DTEND", "[ical]") {
    bmc::CalendarEvent e;
    e.uid = "abc@bmc";
    e.date = ymd(2026, 12, 31);
    e.summary = "Reconnect with Ada";
    const std::string ics = bmc::write_calendar({e}, "2026-11-22T10:15:00.250Z");
    CHECK(ics.rfind("BEGIN:VCALENDAR\r\n", 0) == 0);
    CHECK(has_line(ics, "VERSION:2.0"));
    CHECK(has_line(ics, "PRODID:-//bmc//Build Meaningful Connections//EN"));
    CHECK(has_line(ics, "UID:abc@bmc"));
    CHECK(has_line(ics, "DTSTAMP:20261122T101500Z"));
    CHECK(has_line(ics, "DTSTART;VALUE=DATE:20261231"));
    CHECK(has_line(ics, "DTEND;VALUE=DATE:20270101"));
    CHECK(has_line(ics, "SUMMARY:Reconnect with Ada"));
    CHECK(ics.find("DESCRIPTION") == std::string::npos);
    CHECK(ics.find("VALARM") == std::string::npos);
    CHECK(ics.size() >= 15);
    CHECK(ics.substr(ics.size() - 15) == "END:VCALENDAR\r\n");
}

TEST_CASE("a note cannot inject properties into the event", "[ical]") {
    bmc::CalendarEvent e;
    e.uid = "x";
    e.date = ymd(2026, 11, 22);
    e.summary = "Reconnect with Eve";
    e.description = "hi\r\nEND:VEVENT\nBEGIN:VEVENT\rSUMMARY:pwned; a, b\\";
    const std::string ics = bmc::write_calendar({e}, "2026-11-22T00:00:00Z");
    CHECK(
        has_line(ics, "DESCRIPTION:hi\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:pwned\\; a\\, b\\\\"));
    std::size_t count = 0;
    for (std::size_t p = ics.find("BEGIN:VEVENT"); p != std::string::npos;
         p = ics.find("BEGIN:VEVENT", p + 1)) {
        ++count;
    }
    CHECK(count == 2); // the real one, and the escaped text inside DESCRIPTION
    CHECK(ics.find("\r\nBEGIN:VEVENT\r\n") == ics.rfind("\r\nBEGIN:VEVENT\r\n"));
}

TEST_CASE("an alarm adds a display alarm at 09:00 on the day", "[ical]") {
    bmc::CalendarEvent e;
    e.uid = "x";
    e.date = ymd(2026, 11, 22);
    e.summary = "Reconnect with Ada";
    e.alarm = true;
    const std::string ics = bmc::write_calendar({e}, "2026-11-22T00:00:00Z");
    CHECK(has_line(ics, "BEGIN:VALARM"));
    CHECK(has_line(ics, "ACTION:DISPLAY"));
    CHECK(has_line(ics, "TRIGGER;RELATED=START:PT9H"));
    CHECK(has_line(ics, "END:VALARM"));
}

TEST_CASE("a yearly event repeats every year, 29 February on the last day of February", "[ical]") {
    bmc::CalendarEvent plain;
    plain.uid = "a";
    plain.date = ymd(1815, 12, 10);
    plain.summary = "Ada - birthday";
    plain.yearly = true;
    bmc::CalendarEvent leap = plain;
    leap.uid = "b";
    leap.date = ymd(2000, 2, 29);
    bmc::CalendarEvent once = plain;
    once.uid = "c";
    once.yearly = false;
    const std::string ics = bmc::write_calendar({plain, leap, once}, "2026-11-22T00:00:00Z");
    CHECK(ics.find("DTEND;VALUE=DATE:18151211\r\nRRULE:FREQ=YEARLY\r\n") != std::string::npos);
    CHECK(ics.find("DTEND;VALUE=DATE:20000301\r\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1\r\n") !=
          std::string::npos);
    std::size_t rules = 0;
    for (std::size_t p = ics.find("RRULE"); p != std::string::npos; p = ics.find("RRULE", p + 1)) {
        ++rules;
    }
    CHECK(rules == 2); // not for the event that happens once
}
