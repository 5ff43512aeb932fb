"""The words :mod:`claims.translations` reads beside a figure, in every language it compares:
what the figure counts (its noun) and what happened to it (its event), each reduced to one
class so that an original and its English translation can be compared ("Filialen" and
"stores" are both ``store``; 抓获 and "arrested" are both ``arrested``).

Only classes that a translation can plausibly swap one for another are listed (stores and
warehouses, deaths and injuries, arrested and released), and only words that name one class
and nothing broader: "vehicles", "people" or "jobs" belong to no class, so a translation that
generalises ("cars" -> "vehicles") is never flagged. A side whose words belong to no class never
differs from anything. Latin-script forms are matched as whole words, case folded; Chinese forms
as substrings (Simplified and Traditional both listed).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from claims.detection.lexicon import alternation_trie

# class -> language -> the forms that name it.
NOUN_CLASSES: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "store": {
        "en": (
            "store",
            "stores",
            "shop",
            "shops",
            "supermarket",
            "supermarkets",
            "hypermarket",
            "hypermarkets",
            "branch",
            "branches",
        ),
        "es": (
            "tienda",
            "tiendas",
            "supermercado",
            "supermercados",
            "hipermercado",
            "hipermercados",
            "sucursal",
            "sucursales",
        ),
        "fr": (
            "magasin",
            "magasins",
            "supermarché",
            "supermarchés",
            "hypermarché",
            "hypermarchés",
            "boutique",
            "boutiques",
        ),
        "de": (
            "filiale",
            "filialen",
            "geschäft",
            "geschäfte",
            "supermarkt",
            "supermärkte",
            "markt",
            "märkte",
            "läden",
        ),
        "zh": ("门店", "門店", "门市", "門市", "分店", "商店", "超市", "店铺", "店鋪"),
    },
    "warehouse": {
        "en": ("warehouse", "warehouses", "depot", "depots"),
        "es": ("almacén", "almacenes"),
        "fr": ("entrepôt", "entrepôts"),
        "de": ("lager", "lagerhallen", "lagerhäuser"),
        "zh": ("仓库", "倉庫"),
    },
    "factory": {
        "en": ("factory", "factories"),
        "es": ("fábrica", "fábricas"),
        "fr": ("usine", "usines"),
        "de": ("fabrik", "fabriken"),
        "zh": ("工厂", "工廠"),
    },
    "fibre": {
        "en": ("fibre", "fiber"),
        "es": ("fibra",),
        "fr": ("fibre",),
        "de": ("glasfaser", "glasfaseranschlüsse"),
        "zh": ("光纤", "光纖"),
    },
    "mobile": {
        "en": ("mobile",),
        "es": ("móvil", "móviles"),
        "fr": ("mobile", "mobiles"),
        "de": ("mobilfunk",),
        "zh": ("移动", "行動"),
    },
    "car": {
        "en": ("car", "cars"),
        "es": ("coche", "coches", "turismo", "turismos"),
        "fr": ("voiture", "voitures"),
        "de": ("autos", "pkw"),
        "zh": ("轿车", "轎車", "乘用车"),
    },
    "truck": {
        "en": ("truck", "trucks", "lorry", "lorries"),
        "es": ("camión", "camiones"),
        "fr": ("camion", "camions"),
        "de": ("lkw", "lastwagen"),
        "zh": ("卡车", "货车", "貨車"),
    },
    "flight": {
        "en": ("flight", "flights"),
        "es": ("vuelo", "vuelos"),
        "fr": ("vol", "vols"),
        "de": ("flug", "flüge"),
        "zh": ("航班",),
    },
    "passenger": {
        "en": ("passenger", "passengers"),
        "es": ("pasajero", "pasajeros"),
        "fr": ("passager", "passagers", "voyageurs"),
        "de": ("passagiere", "fahrgäste", "fluggäste"),
        "zh": ("乘客",),
    },
    "death": {
        "en": ("death", "deaths", "dead", "fatalities"),
        "es": ("muertos", "muertes", "fallecidos"),
        "fr": ("morts", "décès"),
        "de": ("tote", "toten", "todesopfer"),
        "zh": ("死亡", "遇难", "遇難"),
    },
    "injured": {
        "en": ("injured", "injuries", "wounded", "injuring", "injure", "injures"),
        "es": ("heridos", "heridas"),
        "fr": ("blessés", "blessées"),
        "de": ("verletzte", "verletzten", "verletzt"),
        "zh": ("受伤", "受傷", "伤者", "傷者"),
    },
    "student": {
        "en": ("student", "students", "pupil", "pupils"),
        "es": ("alumnos", "estudiantes", "universitarios"),
        "fr": ("élèves", "étudiants"),
        "de": ("schüler", "schülerinnen", "studierende", "studenten"),
        "zh": ("学生", "學生"),
    },
    "teacher": {
        "en": ("teacher", "teachers"),
        "es": ("profesores", "docentes", "maestros"),
        "fr": ("enseignants", "professeurs"),
        "de": ("lehrer", "lehrkräfte"),
        "zh": ("教师", "教師", "老师", "老師"),
    },
    "doctor": {
        "en": ("doctor", "doctors"),
        "es": ("médicos",),
        "fr": ("médecins",),
        "de": ("ärzte", "ärztinnen"),
        "zh": ("医生", "醫師", "医师"),
    },
    "nurse": {
        "en": ("nurse", "nurses"),
        "es": ("enfermeras", "enfermeros"),
        "fr": ("infirmières", "infirmiers"),
        "de": ("pflegekräfte", "krankenschwestern"),
        "zh": ("护士", "護士", "護理師"),
    },
    "hospital": {
        "en": ("hospital", "hospitals"),
        "es": ("hospital", "hospitales"),
        "fr": ("hôpital", "hôpitaux"),
        "de": ("krankenhaus", "krankenhäuser", "klinik", "kliniken"),
        "zh": ("医院", "醫院"),
    },
    "school": {
        "en": ("school", "schools"),
        "es": ("escuela", "escuelas", "colegio", "colegios"),
        "fr": ("école", "écoles", "collège", "collèges", "lycée", "lycées"),
        "de": ("schule", "schulen", "grundschulen", "gymnasien", "gesamtschulen"),
        "zh": ("学校", "學校", "中学", "中學", "小学", "小學"),
    },
    "soldier": {
        "en": ("soldier", "soldiers", "troops"),
        "es": ("soldados",),
        "fr": ("soldats",),
        "de": ("soldaten",),
        "zh": ("士兵", "军人", "軍人"),
    },
    "police officer": {
        "en": ("police officers", "policemen"),
        "es": ("policías",),
        "fr": ("policiers", "gendarmes"),
        "de": ("polizisten", "polizeibeamte"),
        "zh": ("警察", "警员", "警員"),
    },
    "man": {
        "en": ("men",),
        "es": ("hombres", "varones"),
        "fr": ("hommes",),
        "de": ("männer",),
        "zh": ("男性",),
    },
    "woman": {
        "en": ("women",),
        "es": ("mujeres",),
        "fr": ("femmes",),
        "de": ("frauen",),
        "zh": ("女性",),
    },
    "child": {
        "en": ("child", "children", "minors"),
        "es": ("niños", "menores"),
        "fr": ("enfants", "mineurs"),
        "de": ("kinder",),
        "zh": ("儿童", "兒童", "未成年人"),
    },
    "adult": {
        "en": ("adult", "adults"),
        "es": ("adultos",),
        "fr": ("adultes",),
        "de": ("erwachsene",),
        "zh": ("成年人",),
    },
    "account": {
        "en": ("account", "accounts"),
        "es": ("cuentas",),
        "fr": ("comptes",),
        "de": ("konten",),
        "zh": ("账号", "帐号", "賬號", "帳號"),
    },
    "post": {
        "en": ("social media posts", "online posts"),  # "posts" alone may be jobs
        "es": ("publicaciones", "mensajes"),
        "fr": ("publications",),
        "de": ("beiträge", "posts"),
        "zh": ("帖子", "信息", "消息"),
    },
    "country": {
        "en": ("country", "countries"),
        "es": ("países",),
        "fr": ("pays",),
        "de": ("länder", "staaten"),
        "zh": ("国家", "國家"),
    },
    "city": {
        "en": ("city", "cities"),
        "es": ("ciudades",),
        "fr": ("villes",),
        "de": ("städte",),
        "zh": ("城市",),
    },
}

# class -> language -> the forms that say it happened (the verb a translation may change:
# closed -> "hacked", annulé -> "delayed", strich -> "delayed", 抓获 -> "released").
EVENT_CLASSES: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "arrested": {
        "en": ("arrested", "arrest", "arrests", "detained", "detain", "arresting"),
        "es": (
            "detenidos",
            "detenidas",
            "detenido",
            "detuvo",
            "detuvieron",
            "arrestados",
            "arrestó",
            "arrestaron",
        ),
        "fr": ("arrêtés", "arrêtées", "arrêté", "interpellés", "interpellées", "interpellé"),
        "de": (
            "festgenommen",
            "verhaftet",
            "nahm … fest",
            "nahmen … fest",
            "nimmt … fest",
            "festnahm",
            "festnahmen",
        ),
        "zh": ("抓获", "抓獲", "逮捕", "拘留", "刑拘", "抓捕"),
    },
    "released": {
        "en": (
            "released",
            "freed",
            "set free",
            "releasing",
            "release",
            "releases",
            "frees",
            "freeing",
        ),
        "es": ("liberados", "liberadas", "liberó", "liberaron", "excarcelados"),
        "fr": ("libérés", "libérées", "libéré", "relâchés"),
        "de": ("freigelassen", "ließ … frei", "ließen … frei", "lässt … frei"),
        "zh": ("释放", "釋放"),
    },
    "rescued": {
        "en": (
            "rescued",
            "rescuing",
            "rescue",
            "rescues",
        ),
        "es": ("rescatados", "rescató", "rescataron"),
        "fr": ("secourus",),
        "de": ("gerettet", "rettete", "retteten"),
        "zh": ("解救", "救出", "营救", "營救", "获救", "獲救"),
    },
    "killed": {
        "en": ("killed", "died", "killing", "kill", "kills"),
        "es": ("muertos", "murieron", "fallecieron", "fallecidos"),
        "fr": ("tués", "tuées", "morts", "décédés"),
        "de": ("getötet", "starben", "ums leben"),
        "zh": ("死亡", "遇难", "遇難", "罹难", "罹難", "丧生", "喪生"),
    },
    "injured": {
        "en": ("injured", "wounded", "hurt"),
        "es": ("heridos", "heridas"),
        "fr": ("blessés", "blessées"),
        "de": ("verletzt", "verwundet"),
        "zh": ("受伤", "受傷"),
    },
    "evacuated": {
        "en": ("evacuated", "evacuate", "evacuation", "evacuations", "evacuating"),
        "es": ("evacuados", "evacuadas", "evacuó", "evacuaron", "desalojados", "desalojadas"),
        "fr": ("évacués", "évacuées", "évacué", "évacuation"),
        "de": ("evakuiert", "evakuierte", "evakuierten", "in sicherheit gebracht"),
        "zh": ("疏散", "撤离", "撤離", "转移安置", "轉移安置"),
    },
    "cancelled": {
        "en": (
            "cancelled",
            "canceled",
            "cancel",
            "cancels",
            "scrapped",
            "called off",
            "cancelling",
            "canceling",
            "cancellation",
            "cancellations",
        ),
        "es": (
            "cancelados",
            "canceladas",
            "cancelado",
            "canceló",
            "cancelaron",
            "anulados",
            "cancelación",
            "cancelaciones",
        ),
        "fr": (
            "annulé",
            "annulés",
            "annulées",
            "annule",
            "annulation",
            "annulations",
            "annuler",
            "annulera",
        ),
        "de": (
            "gestrichen",
            "strich",
            "strichen",
            "streicht",
            "abgesagt",
            "sagte … ab",
            "sagten … ab",
            "sagt … ab",
            "annulliert",
            "ausgefallen",
            "fiel … aus",
            "fielen … aus",
            "fällt … aus",
            "fallen … aus",
            "streichen",
            "absagen",
            "streichung",
            "absage",
            "ausfall",
            "ausfälle",
        ),
        "zh": ("取消",),
    },
    "delayed": {
        "en": (
            "delayed",
            "delay",
            "delays",
            "postponed",
            "postpone",
            "delaying",
            "postponing",
            "postponement",
        ),
        "es": (
            "retrasados",
            "retrasadas",
            "retrasó",
            "retrasaron",
            "aplazados",
            "aplazó",
            "retraso",
            "retrasos",
            "aplazamiento",
        ),
        "fr": (
            "retardés",
            "retardé",
            "retardées",
            "reportés",
            "reporté",
            "retard",
            "retards",
            "report",
        ),
        "de": (
            "verspätet",
            "verspäteten",
            "verschoben",
            "verschob",
            "verspätung",
            "verspätungen",
            "verschiebung",
        ),
        "zh": ("延误", "延誤", "推迟", "推遲", "延迟", "延遲"),
    },
    "closed": {
        "en": ("closed", "close", "closes", "closing", "shut", "shut down", "closure", "closures"),
        "es": (
            "cerrados",
            "cerradas",
            "cerró",
            "cerraron",
            "cerrará",
            "cerrar",
            "cierre",
            "cierres",
        ),
        "fr": ("fermés", "fermées", "fermé", "fermer", "fermera", "fermeture", "fermetures"),
        "de": ("geschlossen", "schließt", "schließen", "schloss", "schließung", "schließungen"),
        "zh": ("关闭", "關閉", "关停", "關停", "封禁", "封号"),
    },
    "opened": {
        "en": ("opened", "open", "opens", "opening"),
        "es": ("abrió", "abrieron", "abrirá", "inauguró", "apertura", "aperturas"),
        "fr": ("ouvert", "ouverts", "ouvrira", "inauguré", "ouverture", "ouvertures"),
        "de": ("eröffnet", "eröffnete", "eröffnen", "eröffnung", "eröffnungen"),
        "zh": ("开设", "開設", "开业", "開業", "新开", "新開"),
    },
    "sold": {
        "en": ("sold", "sell", "sells", "selling"),
        "es": ("vendió", "vendieron", "vendidos", "vendidas"),
        "fr": ("vendu", "vendus", "vendues"),
        "de": ("verkauft", "verkaufte", "verkaufen"),
        "zh": ("售出", "卖出", "賣出"),
    },
    "bought": {
        "en": ("bought", "buy", "buys", "buying", "purchased"),
        "es": ("compró", "compraron"),
        "fr": ("acheté", "achetés"),
        "de": ("gekauft", "kaufte", "kaufen"),
        "zh": ("购买", "購買", "购入", "購入"),
    },
    "hacked": {
        "en": ("hacked", "breached", "compromised"),
        "es": ("pirateados", "pirateadas"),
        "fr": ("piratés", "piratées"),
        "de": ("gehackt",),
        "zh": ("被盗号", "被盜號"),
    },
    "stolen": {
        "en": ("stolen",),
        "es": ("robados", "robadas"),
        "fr": ("volés", "volées"),
        "de": ("gestohlen",),
        "zh": ("被盗", "被盜"),
    },
    "penalised": {
        "en": ("dealt with", "penalised", "penalized", "punished", "sanctioned"),
    },
    "created": {
        "en": (
            "created",
            "create",
            "creates",
            "creating",
            "added",
            "hired",
            "hire",
            "hires",
            "hiring",
            "recruited",
            "recruit",
            "recruiting",
        ),
        "es": (
            "creó",
            "crearon",
            "creará",
            "crear",
            "contrató",
            "contrataron",
            "contratará",
            "contratar",
        ),
        "fr": (
            "créé",
            "créés",
            "créées",
            "créer",
            "créera",
            "embauché",
            "embauchés",
            "embaucher",
            "embauchera",
            "recrutés",
            "recruter",
            "recrutera",
        ),
        "de": ("geschaffen", "schuf", "schufen", "schaffen", "schafft"),
        "zh": ("新增", "招聘", "创造", "創造"),
    },
    "lost": {
        "en": ("lost", "shed", "cut", "cuts", "laid off"),
        "es": ("perdió", "perdieron", "despidió", "despidieron", "suprimirá", "recortará"),
        "fr": (
            "perdu",
            "perdus",
            "supprimer",
            "supprimera",
            "licenciés",
            "licencié",
            "suppression",
            "suppressions",
        ),
        "de": (
            "verlor",
            "verloren",
            "abgebaut",
            "baut … ab",
            "bauen … ab",
            "baute … ab",
            "entlassen",
            "abbauen",
            "abbau",
        ),
        "zh": ("裁员", "裁員", "流失"),
    },
    "gained": {
        "en": ("gained", "won"),
        "es": ("ganó", "ganaron"),
        "fr": ("gagné", "gagnés"),
        "de": ("gewann", "gewonnen"),
    },
}


# direction -> language -> the forms that say which way a figure moved ("0,3 % de moins"
# rendered "up 0.3%"). "more", "más", "mehr" ... count only when no "than", "de", "als"
# follows (then they are a hedge: "more than 5%").
DIRECTION_CLASSES: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "rose": {
        "en": (
            "rose",
            "risen",
            "rise",
            "rises",
            "rising",
            "raise",
            "raised",
            "raises",
            "increased",
            "increase",
            "increases",
            "grew",
            "grown",
            "grow",
            "growth",
            "up",
            "higher",
            "climbed",
            "jumped",
            "surged",
            "soared",
            "more",
        ),
        "es": (
            "subió",
            "subieron",
            "sube",
            "suben",
            "subirá",
            "subido",
            "subida",
            "creció",
            "crecieron",
            "crece",
            "crecerá",
            "crecido",
            "aumentó",
            "aumentaron",
            "aumentará",
            "aumentado",
            "aumento",
            "alza",
            "incremento",
            "elevó",
            "elevará",
            "eleva",
            "elevar",
            "avanzó",
            "repuntó",
            "más",
        ),
        "fr": (
            "augmenté",
            "augmentée",
            "augmente",
            "augmentera",
            "augmenteront",
            "augmentation",
            "hausse",
            "progressé",
            "progresse",
            "progression",
            "grimpé",
            "bondi",
            "relevé",
            "de plus",
        ),
        "de": (
            "stieg",
            "stiegen",
            "gestiegen",
            "steigt",
            "steigen",
            "wuchs",
            "wuchsen",
            "gewachsen",
            "wächst",
            "anstieg",
            "plus",
            "zuwachs",
            "mehr",
            "zugenommen",
            "erhöht",
            "erhöhte",
            "zugelegt",
            "legte … zu",
            "legten … zu",
        ),
        "zh": ("增长", "增長", "增加", "上涨", "上漲", "上升", "提高", "增至"),
    },
    "fell": {
        "en": (
            "fell",
            "fallen",
            "fall",
            "falls",
            "falling",
            "decreased",
            "decrease",
            "declined",
            "decline",
            "dropped",
            "drop",
            "down",
            "lower",
            "lowered",
            "shrank",
            "shrunk",
            "contracted",
            "slipped",
            "slumped",
            "plunged",
            "tumbled",
            "reduced",
            "less",
            "fewer",
        ),
        "es": (
            "bajó",
            "bajaron",
            "baja",
            "bajará",
            "bajado",
            "cayó",
            "cayeron",
            "cae",
            "caerá",
            "caído",
            "caída",
            "descendió",
            "descendieron",
            "descenso",
            "disminuyó",
            "disminuyeron",
            "redujo",
            "redujeron",
            "reducirá",
            "reducido",
            "reducción",
            "retrocedió",
            "retrocedieron",
            "menos",
        ),
        "fr": (
            "baissé",
            "baissée",
            "baisse",
            "baissera",
            "diminué",
            "diminuée",
            "diminution",
            "reculé",
            "recul",
            "chuté",
            "chute",
            "fléchi",
            "de moins",
        ),
        "de": (
            "sank",
            "sanken",
            "gesunken",
            "sinkt",
            "sinken",
            "fiel",
            "fielen",
            "gefallen",
            "fällt",
            "schrumpfte",
            "geschrumpft",
            "rückgang",
            "minus",
            "weniger",
            "abgenommen",
            "zurückgegangen",
            "ging … zurück",
            "gingen … zurück",
            "geht … zurück",
        ),
        "zh": ("下降", "减少", "減少", "下跌", "回落", "降低", "下滑", "降至"),
    },
}
_HEDGE_WORDS: Final = frozenset({"more", "less", "fewer", "up", "más", "menos", "mehr", "weniger"})
# ... and only when a number comes next ("more than 5%", "más de un millón"); "80,000 fewer
# than last year" says which way the figure moved.
_HEDGE_FOLLOWS: Final = re.compile(
    r"\s+(?:than|de|del|d['’]|als|to)(?![^\W\d_])\s*"
    r"(?:(?:the|a|an|un|una|une|el|la|los|las|les|ein|eine|einer|einem)\s+)?"
    # a currency written before the number: "more than NT$18 million", "más de US$ 5", "€12"
    r"(?:(?:[A-Z]{1,3})?[$€£¥]\s?)?"
    r"(?=[0-9]|(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen|half|hundred|"
    r"thousand|million|billion|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|cien|mil|"
    r"medio|millón|deux|trois|quatre|cinq|sept|huit|neuf|dix|cent|moitié|million|milliard|"
    r"zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|hundert|tausend|hälfte|million|"
    r"milliarde)(?![^\W\d_]))",
    re.IGNORECASE,
)

#: Event classes a careful translation renders one by the other (处置 "dealt with" is rendered
#: closed, removed or penalised; supprimer 1 000 postes is "cut 1,000 jobs"): no change.
EVENT_FAMILY: Final[dict[str, str]] = {
    "closed": "sanction",
    "removed": "sanction",
    "suspended": "sanction",
    "penalised": "sanction",
    "lost": "sanction",
    "cancelled": "sanction",  # "strich 1.000 Flüge" is also "cut 1,000 flights"
}

_CJK: Final = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LANGUAGES: Final = ("en", "es", "fr", "de", "zh")


#: A German separable verb is written "nahm … fest": its stem before the figure, its particle
#: after it ("Die Polizei nahm 27 Verdächtige fest").
SEPARATED: Final = " … "


def _index(
    classes: dict[str, dict[str, tuple[str, ...]]], language: str, extra: dict[str, str]
) -> dict[str, str]:
    """form -> class for one language (every language for one we do not list)."""
    chosen = (language,) if language in _LANGUAGES else _LANGUAGES
    forms = {k.lower(): v for k, v in extra.items()}
    for name, by_language in classes.items():
        for code in chosen:
            for form in by_language.get(code, ()):
                forms[form.lower()] = name
                if code == "de" and classes is NOUN_CLASSES:
                    dative = _german_dative_plural(form.lower())
                    if dative:
                        forms.setdefault(dative, name)
    return forms


def _german_dative_plural(plural: str) -> str:
    """The dative of a German plural, which adds -n unless it ends in -n or -s ("in 2.100
    Märkten", "mit 300 Flügen", "von 40 Schülern"); "" when it is the same word."""
    if SEPARATED in plural or " " in plural or plural.endswith(("n", "s")):
        return ""
    return plural + "n" if plural.endswith(("e", "er", "el")) else ""


@cache
def _separated(language: str, kind: str) -> dict[tuple[str, str], str]:
    forms = _index(EVENT_CLASSES if kind == "event" else DIRECTION_CLASSES, language, {})
    return {
        (stem, particle): name
        for form, name in forms.items()
        if SEPARATED in form
        for stem, particle in [form.split(SEPARATED)]
    }


def separated_event(before: str, after: str, language: str, kind: str = "event") -> str:
    """The class (``kind`` "event" or "direction") of a separable verb whose stem ends
    ``before`` the figure and whose particle is in ``after`` it, or ""."""
    table = _separated(language, kind)
    if not table:
        return ""
    words_before = {w.lower() for w in _WORD.findall(before)}
    words_after = {w.lower() for w in _WORD.findall(after)}
    for (stem, particle), name in table.items():
        if stem in words_before and particle in words_after:
            return name
    return ""


_WORD: Final = re.compile(r"[^\W\d_]+")


@cache
def _pattern(kind: str, language: str) -> tuple[re.Pattern[str], dict[str, str]]:
    if kind == "noun":
        forms = _index(NOUN_CLASSES, language, {})
    elif kind == "direction":
        forms = _index(DIRECTION_CLASSES, language, {})
    else:
        # the languages' own event words (claims.consistency reads them too) under ours
        from claims.detection.languages import event_forms

        known = event_forms() if language != "en" else {}
        forms = _index(EVENT_CLASSES, language, known)
    forms = {f: name for f, name in forms.items() if SEPARATED not in f}
    latin = [f for f in forms if not _CJK.search(f)]
    chinese = [f for f in forms if _CJK.search(f)]
    branches = []
    if latin:
        branches.append(rf"(?<![^\W\d_])(?:{alternation_trie(latin)})(?![^\W\d_])")
    if chinese:
        branches.append(alternation_trie(chinese))
    return re.compile("|".join(branches) or "(?!)", re.IGNORECASE), forms


def _key(found: str) -> str:
    return " ".join(found.lower().split())


def noun_classes(phrase: str, language: str) -> frozenset[str]:
    """The noun classes ``phrase`` names ("clientes de fibra", "es" -> {"fibre"})."""
    pattern, forms = _pattern("noun", language)
    return frozenset(forms[_key(m.group(0))] for m in pattern.finditer(phrase))


def events_in(text: str, language: str) -> list[tuple[int, int, str]]:
    """(start, end, class) of every event form of ``language`` in ``text``, in order."""
    pattern, forms = _pattern("event", language)
    return [(m.start(), m.end(), forms[_key(m.group(0))]) for m in pattern.finditer(text)]


def same_event(a: str, b: str) -> bool:
    return EVENT_FAMILY.get(a, a) == EVENT_FAMILY.get(b, b)


def directions_in(text: str, language: str) -> list[tuple[int, int, str]]:
    """(start, end, "rose" or "fell") of every word of ``language`` in ``text`` that says
    which way a figure moved, in order; "more than", "más de" (hedges) left out."""
    pattern, forms = _pattern("direction", language)
    found = []
    for m in pattern.finditer(text):
        word = _key(m.group(0))
        if word in _HEDGE_WORDS and _HEDGE_FOLLOWS.match(text, m.end()):
            continue
        found.append((m.start(), m.end(), forms[word]))
    return found
