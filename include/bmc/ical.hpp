// iCalendar (RFC 5545) output: a calendar of all-day events. Pure: the time stamp is passed in.
#pragma once

#include "bmc/domain.hpp"

#include <string>
#include <vector>

namespace bmc {

struct CalendarEvent {
    std::string uid; // stable across exports, so calendars update instead of duplicating
    Date date{};     // the all-day event's day
    std::string summary;
    std::string description; // may hold line breaks; escaped on output
    bool alarm = false;      // a display alarm at 09:00 on the day
    // Comes back every year on the same day (birthdays); an event on 29 February comes back on
    // the last day of February, 28 February in years that are not leap years.
    bool yearly = false;
};

// The whole VCALENDAR: VERSION, PRODID, CALSCALE and one VEVENT per event with
// DTSTART;VALUE=DATE, DTEND the next day, an RRULE for yearly events, DTSTAMP `now_utc` (ISO 8601
// "2026-11-22T10:15:00Z", written as 20261122T101500Z), TRANSP:TRANSPARENT. CRLF line ends, lines
// folded at 75 octets, text escaped so that no value can start a property of its own.
std::string write_calendar(const std::vector<CalendarEvent>& events, const std::string& now_utc);

// "2026-11-22T10:15:00Z" (fractions allowed) as the iCalendar/vCard UTC form "20261122T101500Z".
std::string compact_utc(const std::string& iso);

} // namespace bmc
