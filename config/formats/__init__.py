"""Date, time and number formats per language (FORMAT_MODULE_PATH), over Django's own.

SOM Leuven is Belgian: in English too a date reads 7 December 2026 or 07/12/2026 and a time 15:30,
never December 7 or 3:30 p.m.; a typed 07/12/2026 is the seventh of December in both languages.
"""
