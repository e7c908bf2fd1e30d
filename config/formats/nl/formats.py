"""Dutch as it is written in Belgium (Django's nl is the Netherlands' 7-12-2026): 07/12/2026."""

DATE_FORMAT = "j F Y"  # 7 december 2026
TIME_FORMAT = "H:i"  # 15:30
DATETIME_FORMAT = "j F Y, H:i"  # 7 december 2026, 15:30
YEAR_MONTH_FORMAT = "F Y"  # december 2026
MONTH_DAY_FORMAT = "j F"  # 7 december
SHORT_DATE_FORMAT = "d/m/Y"  # 07/12/2026
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 07/12/2026 15:30
FIRST_DAY_OF_WEEK = 1  # maandag

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d-%m-%y", "%d.%m.%Y"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%H.%M", "%Hu%M"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%y %H:%M",
    "%d-%m-%Y %H:%M",
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
