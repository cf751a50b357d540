# Reads an iCalendar file with python3-icalendar (Debian's package, run by /usr/bin/python3) and
# prints what io/ical's tests check: one "key<TAB>value" per line.
#   /usr/bin/python3 check_feed.py FEED.ics
import sys

import icalendar

with open(sys.argv[1], "rb") as f:
    cal = icalendar.Calendar.from_ical(f.read())
print("name\t" + cal.name)
print("version\t" + str(cal["VERSION"]))
print("prodid\t" + str(cal["PRODID"]))
counts = {}
for component in cal.walk():
    counts[component.name] = counts.get(component.name, 0) + 1
for name in sorted(counts):
    print("count.%s\t%d" % (name, counts[name]))
for component in cal.walk():
    if component.name in ("VTODO", "VEVENT"):
        uid = str(component["UID"])
        print("summary.%s\t%s" % (uid, str(component["SUMMARY"])))
        print("description.%s\t%s" % (uid, str(component["DESCRIPTION"]).replace("\n", "\\n")))
        for key in ("DUE", "DTSTART", "DTEND"):
            if key in component:
                print("%s.%s\t%s" % (key.lower(), uid, component.decoded(key).isoformat()))
