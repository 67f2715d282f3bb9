"""Today's date, for the checks that compare dates with it (e.g. items overdue for review).

GUIDEKIT_TODAY=YYYY-MM-DD sets the date instead of the system clock: the tests set it, so
that no test result depends on the day the suite runs; anyone can set it to see which
warnings a later date would bring.
"""

from __future__ import annotations

import datetime as dt
import os

TODAY_VARIABLE = "GUIDEKIT_TODAY"


def today() -> dt.date:
    setting = os.environ.get(TODAY_VARIABLE)
    if not setting:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(setting)
    except ValueError:
        raise ValueError(f"{TODAY_VARIABLE}={setting!r} is not a date: write it as YYYY-MM-DD, or unset it") from None
