"""What a passage is about, in any language: the keys evidence matching compares.

`keys(text)` reads a claim sentence, a document line or a table's headers as a set of keys:

* every content word, folded (lower case, no accents, ß → ss) and stemmed by a crude
  suffix rule ("unemployed", "unemployment" → "unemploy"), so inflections meet;
* for Chinese, every pair of Han characters (as the detection corpus's scorer does), so a
  Chinese claim meets a Chinese document without a word segmenter;
* a concept key (``"c:death"``) for every word or phrase of the bilingual concept table below
  or of the figure engine's own per-language readings (``counted_concepts`` and ``events`` of
  ``claims/detection/languages/``: "账号" → accounts, "gelöscht" → removed), so "posts" meets
  "违法和不良信息", "Bavaria" meets "Bayern" and "killed" meets "tués".

The table is small and general (statistical nouns, events, road users, transport modes,
Chinese provinces, German states, a few countries); a word it lacks still matches itself.
Periods (years, quarters, "a year earlier") are read by `periods_of`, not here.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from claims.detection.languages import CODES, rules_for
from claims.evidence.domain_concepts import DOMAIN_CONCEPTS

#: concept -> its forms in English, French, German, Spanish and Chinese. Latin forms are
#: matched as (stemmed) words or phrases, Han forms as substrings.
CONCEPTS: dict[str, tuple[str, ...]] = {
    # what is counted
    "post": (
        "post",
        "posts",
        "information",
        "信息",
        "帖子",
        "违法和不良信息",
        "publications",
        "beiträge",
        "publicaciones",
    ),
    "removal": (
        "removed",
        "deleted",
        "cleaned up",
        "took down",
        "taken down",
        "删除",
        "清理",
        "下架",
        "gelöscht",
        "entfernt",
        "supprimés",
        "retirés",
        "eliminados",
        "eliminadas",
        "retirados",
    ),
    "campaign": ("campaign", "crackdown", "专项行动", "整治", "kampagne", "campagne", "campaña"),
    "content": ("content", "pieces", "items", "inhalte", "contenus", "contenidos", "内容"),
    "account": (
        "account",
        "accounts",
        "账号",
        "帐号",
        "账户",
        "konten",
        "konto",
        "comptes",
        "cuentas",
    ),
    "population": (
        "population",
        "residents",
        "inhabitants",
        "常住人口",
        "人口",
        "einwohner",
        "bevölkerung",
        "habitants",
        "población",
        "habitantes",
    ),
    "birth": (
        "birth",
        "births",
        "born",
        "出生",
        "geburten",
        "geboren",
        "naissances",
        "nacimientos",
    ),
    "death": (
        "death",
        "deaths",
        "killed",
        "died",
        "dead",
        "fatalities",
        "mortality",
        "lost their lives",
        "死亡",
        "遇难",
        "tote",
        "getötete",
        "getötet",
        "gestorben",
        "tués",
        "morts",
        "mortalité",
        "décès",
        "décédés",
        "décédées",
        "décédé",
        "perdu la vie",
        "muertos",
        "fallecidos",
        "mortalidad",
    ),
    "injury": ("injured", "injuries", "受伤", "verletzte", "verletzt", "blessés", "heridos"),
    "serious": ("seriously", "serious", "重伤", "schwer", "grièvement", "graves"),
    "unemployment": (
        "unemployed",
        "unemployment",
        "jobless",
        "失业",
        "arbeitslose",
        "arbeitslosigkeit",
        "chômeurs",
        "chômage",
        "parados",
        "paro",
        "desempleo",
        "desempleados",
    ),
    "employment": (
        "employed",
        "in work",
        "employment",
        "就业",
        "erwerbstätige",
        "emploi",
        "ocupados",
        "empleo",
    ),
    "inactivity": ("inactive", "inactivity", "economically inactive"),
    "vacancy": (
        "vacancy",
        "vacancies",
        "job openings",
        "offene stellen",
        "postes vacants",
        "vacantes",
        "空缺",
    ),
    "revenue": (
        "revenue",
        "turnover",
        "营业收入",
        "营收",
        "umsatz",
        "chiffre d'affaires",
        "ingresos",
        "facturación",
    ),
    "sales": ("sales", "sold", "销量", "销售", "absatz", "verkauft", "ventes", "ventas"),
    "profit": ("profit", "profits", "利润", "gewinn", "bénéfice", "beneficio"),
    "operating": ("operating", "营业利润", "operativ", "d'exploitation", "operativo"),
    "dividend": ("dividend", "股息", "分红", "dividende", "dividendo"),
    "employee": (
        "employee",
        "employees",
        "staff",
        "employs",
        "employ",
        "workforce",
        "员工",
        "职工",
        "mitarbeiter",
        "beschäftigte",
        "salariés",
        "employés",
        "empleados",
        "plantilla",
    ),
    "complaint": (
        "complaint",
        "complaints",
        "投诉",
        "beschwerden",
        "beschwerde",
        "plaintes",
        "quejas",
        "reclamaciones",
    ),
    "investigation": (
        "investigation",
        "investigations",
        "probes",
        "调查",
        "ermittlungen",
        "untersuchungen",
        "enquêtes",
        "investigaciones",
    ),
    "fine": (
        "fine",
        "fines",
        "fined",
        "penalty",
        "罚款",
        "bußgeld",
        "bußgelder",
        "amendes",
        "multas",
    ),
    "container": ("teu", "containers", "集装箱", "container"),
    "emission": (
        "emissions",
        "carbon",
        "co2",
        "co2e",
        "排放",
        "emissionen",
        "émissions",
        "emisiones",
    ),
    "travel": (
        "passengers",
        "travellers",
        "travelers",
        "trips",
        "journeys",
        "旅客",
        "人次",
        "流动量",
        "fahrgäste",
        "passagiere",
        "reisende",
        "voyageurs",
        "passagers",
        "pasajeros",
        "viajeros",
    ),
    "air": (
        "airlines",
        "airline",
        "air",
        "aviation",
        "flights",
        "民航",
        "航空",
        "luftverkehr",
        "aérien",
        "aéreo",
    ),
    "rail": (
        "rail",
        "railway",
        "railways",
        "train",
        "trains",
        "铁路",
        "bahn",
        "ferroviaire",
        "ferrocarril",
    ),
    "road": (
        "road",
        "roads",
        "highway",
        "motorway",
        "公路",
        "道路",
        "straße",
        "straßen",
        "routière",
        "routes",
        "route",
        "carretera",
        "carreteras",
    ),
    "waterway": (
        "waterway",
        "waterways",
        "ferry",
        "ferries",
        "水路",
        "schiff",
        "maritime",
        "fluvial",
    ),
    "vehicle": (
        "vehicle",
        "vehicles",
        "cars",
        "车辆",
        "汽车",
        "fahrzeuge",
        "véhicules",
        "vehículos",
    ),
    "pedestrian": ("pedestrian", "pedestrians", "行人", "fußgänger", "piétons", "peatones"),
    "cyclist": ("cyclist", "cyclists", "骑行者", "radfahrer", "cyclistes", "ciclistas"),
    "motorcyclist": (
        "motorcyclist",
        "motorcyclists",
        "motorbike",
        "摩托车",
        "motorradfahrer",
        "motards",
        "deux-roues motorisés",
        "motocyclistes",
        "motoristas",
    ),
    "two-wheeler": ("two-wheelers", "motorised two-wheelers", "deux-roues", "deux-roues motorisés"),
    "car occupant": (
        "car occupant",
        "car occupants",
        "motorists",
        "autofahrer",
        "automobilistes",
        "conductores",
    ),
    "camera": ("camera", "cameras", "radars", "radar", "摄像头", "blitzer", "radares"),
    "collision": (
        "collision",
        "collisions",
        "accidents",
        "crashes",
        "事故",
        "unfälle",
        "accidents corporels",
        "accidentes",
    ),
    "offence": (
        "offences",
        "offenses",
        "infractions",
        "tickets",
        "penalty notices",
        "违法",
        "verstöße",
        "infracciones",
    ),
    "speeding": ("speeding", "speed", "vitesse", "超速", "geschwindigkeit", "velocidad"),
    "police": ("police", "officers", "警察", "polizei", "policiers", "policía"),
    "naturalisation": (
        "naturalised",
        "naturalized",
        "naturalisation",
        "naturalisations",
        "citizenship",
        "passport",
        "eingebürgert",
        "einbürgerungen",
        "einbürgerung",
        "eingebürgerte",
        "deutschen pass",
        "naturalisés",
        "naturalisations",
        "naturalizaciones",
        "入籍",
    ),
    "change": (
        "change",
        "rose",
        "rise",
        "risen",
        "grew",
        "growth",
        "increase",
        "increased",
        "fell",
        "fall",
        "fallen",
        "fewer",
        "higher",
        "lower",
        "de moins",
        "en moins",
        "de plus",
        "weniger",
        "menos",
        "down",
        "up",
        "decline",
        "declined",
        "veränderung",
        "stieg",
        "gestiegen",
        "sank",
        "gesunken",
        "增长",
        "下降",
        "同比",
        "hausse",
        "baisse",
        "baissé",
        "augmenté",
        "variación",
        "aumento",
        "descenso",
        "évolution",
        "variation",
        "evolución",
        "cambio",
        "增减",
        "变化",
        "增幅",
    ),
    "rumour": ("rumours", "rumors", "fake news", "谣言", "gerüchte", "rumeurs", "rumores"),
    "impersonation": (
        "impersonating",
        "impersonated",
        "fake",
        "仿冒",
        "gefälschte",
        "faux",
        "falsas",
    ),
    "military": ("military", "army", "军队", "militär", "militaire", "militar"),
    "news media": ("news media", "新闻媒体", "nachrichtenmedien", "médias"),
    "institution": (
        "institutions",
        "government",
        "public institutions",
        "党政机关",
        "事业单位",
        "behörden",
        "institutions publiques",
    ),
    "qualification": ("qualifications", "qualification", "qualified", "资质", "qualifikation"),
    "professional": ("professional", "专业", "fachlich", "professionnels", "profesionales"),
    "hot topic": ("hot issues", "hot topics", "hyping", "热点", "蹭炒"),
    "report": ("reports", "举报", "meldungen", "signalements", "denuncias"),
    "self-driving": ("self-drive", "self-driving", "自驾"),
    "investment": ("invested", "investment", "投资", "investiert", "investi", "invertido"),
    # places
    "nation": (
        "nationwide",
        "national",
        "the country",
        "全国",
        "bundesweit",
        "landesweit",
        "deutschlandweit",
        "nacional",
    ),
    "china": ("china", "chinese", "中国", "全国"),
    "germany": ("germany", "german", "deutschland", "bundesweit", "德国", "allemagne", "alemania"),
    "france": ("france", "french", "法国", "frankreich", "métropole", "francia"),
    "spain": ("spain", "spanish", "西班牙", "spanien", "espagne", "españa"),
    "turkey": ("turkey", "turkish", "türkei", "türkisch", "土耳其", "turquie", "turquía"),
    "syria": (
        "syria",
        "syrian",
        "syrians",
        "syrien",
        "syrer",
        "syrerinnen",
        "叙利亚",
        "syrie",
        "siria",
        "sirios",
    ),
    "iraq": ("iraq", "iraqi", "irak", "伊拉克"),
    "romania": (
        "romania",
        "romanian",
        "romanians",
        "rumänien",
        "rumänen",
        "罗马尼亚",
        "roumanie",
        "rumanía",
    ),
    "afghanistan": ("afghanistan", "afghan", "afghans", "阿富汗", "afganistán"),
    "ukraine": ("ukraine", "ukrainian", "乌克兰", "ucrania"),
    "guangdong": ("guangdong", "广东"),
    "shandong": ("shandong", "山东"),
    "henan": ("henan", "河南"),
    "jiangsu": ("jiangsu", "江苏"),
    "sichuan": ("sichuan", "四川"),
    "zhejiang": ("zhejiang", "浙江"),
    "hubei": ("hubei", "湖北"),
    "hunan": ("hunan", "湖南"),
    "hebei": ("hebei", "河北"),
    "fujian": ("fujian", "福建"),
    "anhui": ("anhui", "安徽"),
    "guangxi": ("guangxi", "广西"),
    "yunnan": ("yunnan", "云南"),
    "guizhou": ("guizhou", "贵州"),
    "shaanxi": ("shaanxi", "陕西"),
    "shanxi": ("shanxi", "山西"),
    "jiangxi": ("jiangxi", "江西"),
    "liaoning": ("liaoning", "辽宁"),
    "jilin": ("jilin", "吉林"),
    "heilongjiang": ("heilongjiang", "黑龙江"),
    "inner mongolia": ("inner mongolia", "内蒙古"),
    "xinjiang": ("xinjiang", "新疆"),
    "gansu": ("gansu", "甘肃"),
    "ningxia": ("ningxia", "宁夏"),
    "qinghai": ("qinghai", "青海"),
    "tibet": ("tibet", "xizang", "西藏"),
    "hainan": ("hainan", "海南"),
    "beijing": ("beijing", "北京"),
    "shanghai": ("shanghai", "上海"),
    "tianjin": ("tianjin", "天津"),
    "chongqing": ("chongqing", "重庆"),
    "bavaria": ("bavaria", "bayern", "bavière", "baviera", "巴伐利亚"),
    "baden-wurttemberg": ("baden-württemberg", "baden-wurttemberg", "巴登-符腾堡"),
    "berlin": ("berlin", "柏林"),
    "hesse": ("hesse", "hessen"),
    "lower saxony": ("lower saxony", "niedersachsen", "basse-saxe", "baja sajonia"),
    "saxony": ("saxony", "sachsen", "saxe", "sajonia"),
    "north rhine-westphalia": (
        "north rhine-westphalia",
        "nordrhein-westfalen",
        "nrw",
        "rhénanie-du-nord-westphalie",
    ),
    "hamburg": ("hamburg", "hambourg", "汉堡"),
    "bremen": ("bremen", "brême"),
    "brandenburg": ("brandenburg", "brandebourg"),
    "thuringia": ("thuringia", "thüringen", "thuringe"),
    "rhineland-palatinate": ("rhineland-palatinate", "rheinland-pfalz"),
    "saarland": ("saarland", "sarre"),
    "saxony-anhalt": ("saxony-anhalt", "sachsen-anhalt"),
    "schleswig-holstein": ("schleswig-holstein",),
    "mecklenburg-vorpommern": ("mecklenburg-vorpommern", "mecklenburg-western pomerania"),
}


#: Counted nouns that say only that people (or trips) are counted: they decide nothing alone.
GENERIC_WORDS = ("people", "persons", "人", "人次", "menschen", "personen", "personnes", "personas")
STOP_WORDS = _STOP = frozenset(
    (  # noqa: SIM905  (one string, not a 98-line list)
        "the and for with from that this were was are has have had been its their than more "
        "less about nearly over under some into per all total number numbers which what who "
        "will would les des une pour sur dans par est ont été plus moins près nombre los las "
        "del que por con una para más menos cerca número der die das und den von mit dem des "
        "ein eine einer wurden wurde ist sind rund knapp mehr als zahl lag bei aus gab thousand "
        "thousands million millions billion billions milliard milliards millionen milliarden "
        "tausend mil millones"
    ).split()
)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_HAN = re.compile(r"[\u3400-\u9fff]+")
_SUFFIXES = (
    "ments",
    "ment",
    "ungen",
    "ung",
    "ings",
    "ies",
    "ed",
    "es",
    "en",
    "er",
    "e",
    "s",
    "n",
)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents or possessive 's ("Tués" → "tues", "Zhejiang's" →
    "zhejiang", "ß" → "ss", "Fälle" → "faelle")."""
    text = re.sub(r"['’]s\b", "", text.lower().replace("ß", "ss"))
    # German "Fälle" (cases) is not English "fall": its umlaut is written out before the
    # accents go, so the plural noun never reads as a direction.
    text = text.replace("fälle", "faelle")
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem: one common suffix off a folded word of more than four letters."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _latin_words(text: str) -> list[str]:
    words = []
    for word in _WORD.findall(fold(text)):
        if _HAN.search(word):
            continue
        for part in [word, *re.split(r"[-'’]", word)] if re.search(r"[-'’]", word) else [word]:
            if len(part) >= 3 and part not in _STOP:
                words.append(stem(part))
    return words


@cache
def _tables() -> tuple[dict[str, set[str]], dict[str, set[str]], int]:
    """(Latin phrase of stems -> concept keys, Han form -> concept keys, longest phrase)."""
    latin: dict[str, set[str]] = {}
    han: dict[str, set[str]] = {}

    def add(form: str, key: str) -> None:
        if _HAN.search(form):
            han.setdefault(form, set()).add(key)
            return
        phrase = " ".join(stem(w) for w in _WORD.findall(fold(form)))
        if phrase:
            latin.setdefault(phrase, set()).add(key)

    from claims.evidence.statistics_concepts import STATISTICS_CONCEPTS

    for table in (CONCEPTS, DOMAIN_CONCEPTS, STATISTICS_CONCEPTS):
        for concept, forms in table.items():
            for form in (concept, *forms):
                add(form, f"c:{concept}")
    # The translation checker's classes of counted nouns, events and directions, in the
    # same five languages (claims/translation_lexicon.py): "Rufnummern abgeschaltet" and
    # "numbers shut down", "reculé" and "fell" (a direction is a change).
    from claims.translation_lexicon import (
        _HEDGE_WORDS,
        DIRECTION_CLASSES,
        EVENT_CLASSES,
        NOUN_CLASSES,
    )

    for classes, prefix in ((NOUN_CLASSES, "c:"), (EVENT_CLASSES, "c:"), (DIRECTION_CLASSES, "")):
        for name, by_language in classes.items():
            key = f"c:{name}" if prefix else "c:change"
            for forms in by_language.values():
                for form in forms:
                    if " … " in form or form.lower() in _HEDGE_WORDS or form.lower() in _STOP:
                        continue
                    add(form, key)
    # The figure engine's readings: a form names an English noun or event; the concept key
    # is that English word's own key, so "账号" meets "accounts" as "konten" does.
    for code in CODES:
        rules = rules_for(code)
        if rules is None:
            continue
        for form, english in (*rules.counted_concepts.items(), *rules.events.items()):
            for word in _latin_words(english):
                add(form, word)
    longest = max(len(p.split()) for p in latin)
    return latin, han, longest


@lru_cache(maxsize=65536)
def phrase_words(text: str) -> frozenset[str]:
    """The word keys of `text` inside a phrase of several words the concept table names
    ("installed generating capacity"): its concept key speaks for all of them."""
    latin, _, longest = _tables()
    raw = [stem(x) for x in _WORD.findall(fold(text))]
    found: set[str] = set()
    for size in range(2, longest + 1):
        for i in range(len(raw) - size + 1):
            if " ".join(raw[i : i + size]) in latin:
                found.update(raw[i : i + size])
    return frozenset(found)


@lru_cache(maxsize=65536)
def known_words(text: str) -> frozenset[str]:
    """The word keys of `text` that the concept table names (their concept stands for them),
    alone or as a word of a phrase it names ("drug" in "drug offences")."""
    latin = _tables()[0]
    words = {w for w in (stem(x) for x in _WORD.findall(fold(text))) if w in latin}
    return frozenset(words) | phrase_words(text)


@lru_cache(maxsize=65536)
def keys(text: str) -> frozenset[str]:
    """The keys of `text` (module docstring)."""
    latin, han, longest = _tables()
    found: set[str] = set()
    raw = [stem(w) for w in _WORD.findall(fold(text)) if not _HAN.search(w)]
    for word in _latin_words(text):
        found.add(word)
    for size in range(1, longest + 1):
        for i in range(len(raw) - size + 1):
            hit = latin.get(" ".join(raw[i : i + size]))
            if hit:
                found.update(hit)
    for word in _WORD.findall(fold(text)):
        if not _HAN.search(word):
            found.update(_compound_keys(word))
    for run in _HAN.findall(text):
        found.update(run[i : i + 2] for i in range(max(len(run) - 1, 1)))
        for form, concept_keys in han.items():
            if form in run:
                found.update(concept_keys)
    return frozenset(found)


@lru_cache(maxsize=65536)
def _compound_keys(word: str) -> frozenset[str]:
    """The concepts a compound word ends in ("rufnummernmissbrauch" -> misuse,
    "baugenehmigung" -> permit, "baukost" -> spending): its last part, of five letters or
    more after a first part of three or more, looked up as a word (so "unemployment" is not
    "employment")."""
    if len(word) < 8 or not word.isalpha():
        return frozenset()
    latin = _tables()[0]
    for start in range(3, len(word) - 4):
        hit = latin.get(stem(word[start:]))
        if hit:
            found = set(hit)
            # ... and its first part, linking "s" or "n" off ("rufnummern|missbrauch").
            first = word[:start]
            for part in (first, first[:-1] if first[-1:] in "sn" else ""):
                if len(part) >= 4:
                    found |= latin.get(stem(part), set())
            return frozenset(k for k in found if k.startswith("c:"))
    return frozenset()


@cache
def generic_keys() -> frozenset[str]:
    """The keys of counted nouns that say only that people (or trips) are counted."""
    return frozenset().union(*(keys(word) for word in GENERIC_WORDS))


@cache
def change_keys() -> frozenset[str]:
    """The keys of words of direction ("rose", "fell", "增长"): about a change, not a level."""
    return frozenset().union(*(keys(word) for word in CONCEPTS["change"])) | {"c:change"}
