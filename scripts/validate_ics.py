#!/usr/bin/env python3
"""Validates a Minga ICS export with the `icalendar` package: it must parse, have a
VTIMEZONE for every TZID used, one VEVENT per meeting with a unique UID, and RRULEs that
expand; each VTIMEZONE, read on its own (not looked up by name), must give the same UTC offset
as the system's tzdata every day at noon from its first observance until 2075, so a series'
far instances are not an hour off. Exit 77 when `icalendar` is not installed (the caller
skips the check)."""
import datetime
import sys

try:
    import icalendar
except ImportError:
    print("icalendar no está instalado (pip install icalendar); se omite la validación")
    sys.exit(77)

def check_vtimezone(vtz, problems):
    """The VTIMEZONE's own rules against tzdata (zoneinfo), day by day at noon."""
    try:
        import zoneinfo
        ref = zoneinfo.ZoneInfo(str(vtz["TZID"]))
    except Exception:
        return
    own = vtz.to_tz(lookup_tzid=False)
    onsets = [sub["DTSTART"].dt for sub in vtz.subcomponents if "DTSTART" in sub]
    day = min(onsets).date() + datetime.timedelta(days=1)
    while day < datetime.date(2075, 1, 1):
        local = datetime.datetime(day.year, day.month, day.day, 12)
        mine, real = local.replace(tzinfo=own).utcoffset(), local.replace(tzinfo=ref).utcoffset()
        if mine != real:
            problems.append("%s: el VTIMEZONE da %s y tzdata %s el %s" % (vtz["TZID"], mine, real, day))
            return
        day += datetime.timedelta(days=1)

def main(path):
    with open(path, "rb") as f:
        data = f.read()
    cal = icalendar.Calendar.from_ical(data)
    problems = []
    tzids = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
    for vtz in cal.walk("VTIMEZONE"):
        check_vtimezone(vtz, problems)
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
