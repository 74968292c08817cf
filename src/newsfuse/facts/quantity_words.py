"""The words that say what kind of quantity a figure is: currencies, units, hedges, changes, rates.

Tables only, read by the quantity extractor (`facts.quantities`) and by the comparisons that weigh two
figures (`compare.values`): a currency sign and its rough rate to dollars, units of measure and their
factors, the hedges that make a figure a bound, the words that make it a change or a rate, and the
few synonyms folded so that two outlets' words for one measured thing meet (`concept`). Apart from
the extractor so that a new unit or hedge is added without reading the parse rules.
"""

from __future__ import annotations

from newsfuse.langdata import LANGUAGES, lexicon
from newsfuse.text import stem

CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
                  "¥": "JPY", "jpy": "JPY", "cny": "CNY", "rmb": "CNY", "₹": "INR", "rs": "INR", "rs.": "INR",
                  "inr": "INR", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "hk$": "HKD",
                  "₩": "KRW", "krw": "KRW", "₽": "RUB", "chf": "CHF", "nz$": "NZD", "s$": "SGD"}
CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
                  "euro": "EUR", "euros": "EUR", "rupee": "INR", "rupees": "INR", "won": "KRW",
                  "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB", "franc": "CHF",
                  "francs": "CHF", "sterling": "GBP"}
# Rough 2020-2024 rates, to USD. Used only to tell a conversion ("43 trillion yen (approximately $315
# billion)") from two different sums, and to rule out gross mismatches across currencies.
USD_RATE = {"USD": 1.0, "EUR": 1.1, "GBP": 1.27, "JPY": 0.0075, "CNY": 0.14, "INR": 0.012, "AUD": 0.67,
            "CAD": 0.74, "HKD": 0.128, "KRW": 0.00077, "RUB": 0.012, "CHF": 1.1, "NZD": 0.61, "SGD": 0.74}
HOURS = {"second": 1 / 3600, "seconds": 1 / 3600, "minute": 1 / 60, "minutes": 1 / 60, "hour": 1.0,
         "hours": 1.0, "day": 24.0, "days": 24.0, "week": 168.0, "weeks": 168.0, "month": 730.5,
         "months": 730.5, "year": 8766.0, "years": 8766.0, "decade": 87660.0, "decades": 87660.0,
         "century": 876600.0, "centuries": 876600.0}
# Units of measure → (canonical unit, factor to it). Figures in them are kind "number" with a unit.
MEASURE_UNITS = {
    "km": ("km", 1.0), "kms": ("km", 1.0), "kilometer": ("km", 1.0), "kilometers": ("km", 1.0),
    "kilometre": ("km", 1.0), "kilometres": ("km", 1.0), "mile": ("km", 1.609), "miles": ("km", 1.609),
    "m": ("m", 1.0), "meter": ("m", 1.0), "meters": ("m", 1.0), "metre": ("m", 1.0), "metres": ("m", 1.0),
    "foot": ("m", 0.3048), "feet": ("m", 0.3048), "ft": ("m", 0.3048), "yard": ("m", 0.9144),
    "yards": ("m", 0.9144), "inch": ("m", 0.0254), "inches": ("m", 0.0254), "cm": ("m", 0.01),
    "kg": ("kg", 1.0), "kilogram": ("kg", 1.0), "kilograms": ("kg", 1.0), "kilos": ("kg", 1.0),
    "pound": ("kg", 0.4536), "pounds": ("kg", 0.4536), "lb": ("kg", 0.4536), "lbs": ("kg", 0.4536),
    "ton": ("t", 0.907), "tons": ("t", 0.907), "tonne": ("t", 1.0), "tonnes": ("t", 1.0),
    "acre": ("ha", 0.4047), "acres": ("ha", 0.4047), "hectare": ("ha", 1.0), "hectares": ("ha", 1.0),
    "gallon": ("l", 3.785), "gallons": ("l", 3.785), "liter": ("l", 1.0), "liters": ("l", 1.0),
    "litre": ("l", 1.0), "litres": ("l", 1.0), "barrel": ("bbl", 1.0), "barrels": ("bbl", 1.0),
    "mph": ("km/h", 1.609), "magnitude": ("magnitude", 1.0), "degrees": ("degrees", 1.0),
}
# "a magnitude 8.8 quake", "the 8.8 earthquake": a decimal before one of these is a magnitude.
QUAKE_WORDS = frozenset({"earthquake", "quake", "temblor", "tremor", "aftershock"})
PERCENT_WORDS = {"%": "%", "percent": "%", "pct": "%", "per cent": "%", "percentage point": "pp",
                 "percentage points": "pp"}

HEDGES = {  # text before the number → (kind of bound)
    "at least": "min", "more than": "min", "over": "min", "upwards of": "min", "no fewer than": "min",
    "no less than": "min", "just over": "min", "in excess of": "min", "above": "min",
    "at most": "max", "less than": "max", "fewer than": "max", "under": "max", "up to": "max",
    "no more than": "max", "nearly": "max", "almost": "max", "just under": "max", "as many as": "max",
    "as much as": "max", "below": "max",
    "about": "approx", "around": "approx", "approximately": "approx", "roughly": "approx", "some": "approx",
    "an estimated": "approx", "estimated": "approx", "close to": "approx", "approx.": "approx",
    "nearly about": "approx", "~": "approx", "circa": "approx", "c.": "approx",
}
# The other languages' hedges and approximations in words ("environ", "rund", "une centaine"): what
# kind of bound each is, for the comparisons (`compare.values.HEDGE_KIND`).
LOCAL_HEDGES: dict[str, str] = {}
for _code in LANGUAGES:
    for _word, _kind in lexicon(_code).hedges.items():
        LOCAL_HEDGES.setdefault(_word, _kind)
    LOCAL_HEDGES.update({_word: "approx" for _word in lexicon(_code).approx})
TRAILING_HEDGES = {"or more": "min", "plus": "min", "or so": "approx", "or fewer": "max", "or less": "max"}
# Bounds that leave the figure itself out: "more than 16" is false when the count is 16.
# "nearly 10" and "10" are not told apart: outlets round "nearly" away (checked on Multi-News dev).
STRICT_HEDGES = frozenset({"more than", "over", "upwards of", "just over", "in excess of", "above", "less than",
                           "fewer than", "under", "below", "just under"})
# Before a duration, "over"/"under" say which period a figure covers, not how sure it is.
NOT_HEDGES_FOR_DURATION = frozenset({"over", "under", "above", "below"})
# Words that make a figure a change rather than a level ("rose by 5%", "a $2 billion increase").
CHANGE_WORDS = frozenset({"increase", "increases", "rise", "rises", "jump", "growth", "gain", "hike", "boost",
                          "cut", "cuts", "drop", "fall", "decline", "decrease", "reduction", "loss", "losses",
                          "additional", "extra", "more", "fewer", "less", "another", "further", "surge",
                          "plunge", "slump", "shortfall", "deficit"})
PER_WORDS = {"annual": "year", "annually": "year", "yearly": "year", "daily": "day", "monthly": "month",
             "weekly": "week", "quarterly": "quarter", "hourly": "hour"}
# Synonyms folded so that "defense budgets" and "defense spending", or "the talks" and "the two-day
# dialogue", measure the same thing. Kept small on purpose: a wrong merge makes a false alarm.
CONCEPTS = {
    "talk": "meet", "dialogu": "meet", "meet": "meet", "discuss": "meet", "negoti": "meet", "summit": "meet",
    "confer": "meet", "session": "meet", "budget": "spend", "spend": "spend", "expenditur": "spend",
    "outlay": "spend", "kill": "death", "dead": "death", "death": "death", "die": "death", "fatal": "death",
    "live": "death", "toll": "death", "injur": "injur", "wound": "injur", "hurt": "injur", "peopl": "peopl",
    "person": "peopl", "resid": "peopl", "individu": "peopl", "defenc": "defens", "defens": "defens",
    "militari": "defens", "arrest": "arrest", "detain": "arrest",
}
# "the first talks in four years", "resume talks after 4 years": the time since, not how long.
GAP_CUES = frozenset({"first", "last", "since", "resume", "resumes", "resumed", "again", "return", "returns",
                      "returned", "restart", "restarts", "restarted", "reopen", "reopens", "reopened", "renew",
                      "renewed", "revive", "revived", "back"})
LINKING = frozenset({"is", "was", "are", "were", "be", "been", "being", "'s", "stood", "stands", "reached",
                     "reaches", "totalled", "totaled", "totals", "amounted", "amounts", "came", "comes", "hit",
                     "rose", "fell", "climbed", "dropped", "lasted", "lasts", "took", "takes", "remained"})
GENERIC = frozenset({"year", "time", "number", "total", "figur", "amount", "say", "report", "cent",
                     "percent", "dollar", "billion", "million", "thousand", "trillion"})




def concept(word: str) -> str:
    if len(word) > 2 and word[-1] == "s" and word[:-1].isupper():
        word = word[:-1]  # an acronym's plural: "RBIs" counts what "RBI" does (the stemmer keeps "-is")
    s = stem(word.lower())
    return CONCEPTS.get(s, s)
