#!/usr/bin/env python3
"""Validates a Minga ICS export with the `icalendar` package: it must parse, have a
VTIMEZONE for every TZID used, one VEVENT per meeting with a unique UID, and RRULEs that
expand. Exit 77 when `icalendar` is not installed (the caller skips the check)."""
import sys

try:
    import icalendar
except ImportError:
    print("icalendar no está instalado (pip install icalendar); se omite la validación")
    sys.exit(77)

def main(path):
    with open(path, "rb") as f:
        data = f.read()
    cal = icalendar.Calendar.from_ical(data)
    problems = []
    tzids = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
    uids = set()
    events = cal.walk("VEVENT")
    for ev in events:
        uid = str(ev.get("UID"))
        if uid in uids:
            problems.append("UID repetido: " + uid)
        uids.add(uid)
        for key in ("DTSTART", "DTEND"):
            prop = ev.get(key)
            if prop is None:
                problems.append(uid + ": falta " + key)
                continue
            tzid = prop.params.get("TZID")
            if tzid and tzid not in tzids:
                problems.append(uid + ": TZID sin VTIMEZONE: " + tzid)
            if getattr(prop.dt, "tzinfo", None) is None:
                problems.append(uid + ": " + key + " sin zona")
        if ev.get("RRULE") is not None:
            rule = ev["RRULE"]
            if "FREQ" not in rule:
                problems.append(uid + ": RRULE sin FREQ")
        if ev.get("DTSTART") is not None and ev.get("DTEND") is not None and not ev["DTSTART"].dt < ev["DTEND"].dt:
            problems.append(uid + ": termina antes de empezar")
    if not events:
        problems.append("no hay VEVENT")
    for p in problems:
        print(p)
    print("%d eventos, %d zonas" % (len(events), len(tzids)))
    return 1 if problems else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
