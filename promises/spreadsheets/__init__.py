"""Spreadsheets for coordinators: a period's promises, goals and activities (period.py)
and, in followup/spreadsheets.py, a report's status rows. openpyxl and the csv module
directly, with a small explicit importer (see workbook.py for why)."""
