"""Turkish."""

from newsfuse.langdata import Lexicon

LEXICON = Lexicon(
    code="tr",
    quotes=(("“", "”"), ("«", "»"), ("‘", "’")),
    speech_verbs=("dedi", "diye konuştu", "açıkladı", "söyledi", "belirtti", "ifade etti", "bildirdi",
                  "kaydetti", "vurguladı", "ekledi", "duyurdu"),
    according=("göre",),
    title_words=("bakan", "başkan", "vali", "sözcü", "sözcüsü", "müdür", "belediye", "başkanı"),
    by=("haber", "yazan", "muhabir"),  # "Haber: Ayşe Yılmaz"
    stamps=("yayınlanma tarihi", "yayınlanma", "yayınlandı", "güncelleme tarihi", "güncelleme", "güncellendi",
            "son güncelleme"),
    subscribe=("abone ol", "bültenimize abone", "e-bültene kaydol", "haber bültenimize", "uygulamamızı indirin",
               "bizi takip edin"),
    consent=("çerez", "çerezler", "kişisel verilerin korunması", "gizlilik politikası"),
    consent_buttons=("kabul et", "tümünü kabul et", "reddet", "ayarlar", "kabul ediyorum"),
    copyright=("tüm hakları saklıdır",),
    reading=("okuma süresi",),
    widgets=("paylaş", "dinle", "yazdır", "linki kopyala"),
    captions=("fotoğraf", "foto"),
    source_words=("kaynak",),
    related=("ilgili haberler", "ilgili haber", "bunlar da ilginizi çekebilir", "en çok okunanlar", "ayrıca okuyun"),
    numbers={"sıfır": 0, "bir": 1, "iki": 2, "üç": 3, "dört": 4, "beş": 5, "altı": 6, "yedi": 7, "sekiz": 8,
             "dokuz": 9, "on": 10, "yirmi": 20, "otuz": 30, "kırk": 40, "elli": 50, "altmış": 60, "yetmiş": 70,
             "seksen": 80, "doksan": 90, "yüz": 100},
    scales={"bin": 1000, "milyon": 1e6, "milyar": 1e9},
    approx={"onlarca": 10, "yüzlerce": 100, "binlerce": 1000},
    hedges={"yaklaşık": "approx", "civarında": "approx", "en az": "min", "fazla": "min", "neredeyse": "max"},
    hours={"saniye": 1 / 3600, "dakika": 1 / 60, "saat": 1.0, "gün": 24.0, "hafta": 168.0, "ay": 730.5,
           "yıl": 8766.0},
    future=("olacak", "gelecek", "kadar"),
    relative_days={"bugün": 0, "dün": -1, "yarın": 1},
    abbreviations=("dr", "prof", "doç", "vb", "vs", "no"),
    concepts={"öldü": "death", "hayatını kaybetti": "death", "ölü": "death", "yaralandı": "injur", "yaralı": "injur",
              "kişi": "peopl"},
    fractions={"yarısı": 0.5, "üçte biri": 1 / 3, "üçte ikisi": 2 / 3, "dörtte biri": 0.25, "dörtte üçü": 0.75},
)
