"""When the reference data (fixtures/reference/*.csv) was last revised: the date a page
built only from reference data (a municipality or county without a promise) shows as
"Senast uppdaterad". Change it with the CSV files."""

import datetime

REFERENCE_DATA_REVISED_ON = datetime.date(2026, 11, 21)
