"""News agencies, as each language's press writes their names in a dateline, a byline or a credit.

A wire story names its agency in the dateline ("LISBOA, 14 mar 2024 (Lusa) -", "САНКТ-ПЕТЕРБУРГ, 14
марта (РИА Новости) -", "الإسكندرية (رويترز) -"), and the agency says whose copy the article is. One
agency is one name whatever the script it is written in (AFP, "أ ف ب", "Франс Пресс"), so that two
outlets printing one agency's copy in two languages are known to share it.

Names that are also common words or given names in Latin letters ("Mena", "Wafa", "Sana", "Petra",
"SPA") are kept in their own script only: in capitals in a dateline's parenthesis they are read as a
wire's initials anyway (`clean.rules`).
"""

from __future__ import annotations

# The name as it is written (any case) → the agency's usual name.
AGENCIES: dict[str, str] = {
    # the world's wires
    "reuters": "Reuters", "рейтер": "Reuters", "рейтерс": "Reuters", "رويترز": "Reuters", "רויטרס": "Reuters",
    "ap": "AP", "associated press": "AP", "ассошиэйтед пресс": "AP", "أسوشيتد برس": "AP",
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP", "франс пресс": "AFP",
    "франс-пресс": "AFP", "أ ف ب": "AFP", "فرانس برس": "AFP",
    "bloomberg": "Bloomberg", "upi": "UPI",
    "pa media": "PA", "press association": "PA",  # the UK's national agency ("LONDON, 14 March 2025 (PA Media) -")
    # Europe
    "dpa": "dpa", "dpa-infocom": "dpa", "deutsche presse-agentur": "dpa", "epd": "epd", "kna": "KNA", "apa": "APA",
    "keystone-sda": "Keystone-SDA", "sda": "Keystone-SDA", "ats": "Keystone-ATS",
    "efe": "EFE", "agencia efe": "EFE", "europa press": "Europa Press",
    "ansa": "ANSA", "agi": "AGI", "adnkronos": "Adnkronos",
    "lusa": "Lusa", "agência lusa": "Lusa", "agência brasil": "Agência Brasil",
    "anp": "ANP", "belga": "Belga",
    "pap": "PAP", "čtk": "ČTK", "ctk": "ČTK", "mti": "MTI", "bta": "BTA", "agerpres": "Agerpres", "hina": "HINA",
    "tanjug": "Tanjug", "ritzau": "Ritzau", "ntb": "NTB", "stt": "STT", "ana-mpa": "ANA-MPA",
    # Turkey
    "anadolu": "Anadolu Agency", "anadolu agency": "Anadolu Agency", "anadolu ajansı": "Anadolu Agency",
    "aa": "Anadolu Agency", "الأناضول": "Anadolu Agency", "dha": "DHA", "iha": "İHA", "anka": "ANKA",
    # Russia and its neighbours
    "tass": "TASS", "тасс": "TASS", "итар-тасс": "TASS", "تاس": "TASS",
    "ria novosti": "RIA Novosti", "риа новости": "RIA Novosti", "interfax": "Interfax", "интерфакс": "Interfax",
    "sputnik": "Sputnik", "спутник": "Sputnik", "ukrinform": "Ukrinform", "укрінформ": "Ukrinform",
    "unian": "UNIAN", "унiан": "UNIAN", "belta": "BelTA", "белта": "BelTA",
    # the Arab world and Iran
    "أ ش أ": "MENA", "وفا": "WAFA", "kuna": "KUNA", "كونا": "KUNA", "qna": "QNA", "قنا": "QNA", "وام": "WAM",
    "واس": "SPA", "بترا": "Petra", "سانا": "SANA", "irna": "IRNA", "إرنا": "IRNA",
    # Asia and the Americas
    "xinhua": "Xinhua", "синьхуа": "Xinhua", "شينخوا": "Xinhua", "新华社": "Xinhua",
    "kyodo": "Kyodo", "kyodo news": "Kyodo", "киодо": "Kyodo", "共同通信": "Kyodo", "jiji": "Jiji",
    "yonhap": "Yonhap", "ёнхап": "Yonhap", "연합뉴스": "Yonhap",
    "pti": "PTI", "ani": "ANI", "ians": "IANS", "bernama": "Bernama", "antara": "Antara",
    "notimex": "Notimex", "télam": "Télam", "telam": "Télam", "prensa latina": "Prensa Latina",
}


def fold(name: str) -> str:
    """A name as the table keys it: lower case, with the dot of a Turkish capital İ left out ("İHA")."""
    return name.strip().lower().replace("\u0307", "")


# An agency's name alone on a line at the top of an article is its masthead ("Reuters"); initials
# ("AP", "PTI") are too short to tell from a label, so only names of four letters or more.
AGENCY_NAMES = frozenset(name for name in {*map(fold, AGENCIES), *map(fold, AGENCIES.values())} if len(name) >= 4)
