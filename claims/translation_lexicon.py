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
        "en": ("student", "students", "pupil", "pupils", "schoolchildren"),
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
    # ---- people (each agrees with "person": :data:`PERSON_CLASSES`, :func:`nouns_agree`)
    "birth": {
        "en": ("births", "newborns", "babies"),
        "es": ("nacimientos", "nacidos"),
        "fr": ("naissances", "nouveau-nés"),
        "de": ("geburten", "neugeborene"),
        "zh": ("出生", "新生儿", "新生兒"),
    },
    "unemployed": {
        "en": ("unemployed", "jobless"),
        "es": ("parados", "desempleados"),
        "fr": ("chômeurs", "demandeurs d'emploi"),
        "de": ("arbeitslose", "arbeitslosen", "erwerbslose"),
        "zh": ("失业人员", "失業人員", "失业者", "失業者"),
    },
    "patient": {
        "en": ("patients",),
        "es": ("pacientes",),
        "fr": ("patients",),
        "de": ("patienten", "patientinnen"),
        "zh": ("患者", "病人", "病患"),
    },
    "victim": {
        "en": ("victims",),
        "es": ("víctimas",),
        "fr": ("victimes",),
        "de": ("opfer",),
        "zh": ("受害者", "受害人", "被害人"),
    },
    "suspect": {
        "en": ("suspects",),
        "es": ("sospechosos",),
        "fr": ("suspects",),
        "de": ("verdächtige", "tatverdächtige"),
        "zh": ("嫌疑人", "嫌犯"),
    },
    "prisoner": {
        "en": ("prisoners", "inmates"),
        "es": ("presos", "reclusos"),
        "fr": ("détenus", "prisonniers"),
        "de": ("häftlinge", "gefangene", "inhaftierte"),
        "zh": ("囚犯", "服刑人员", "服刑人員"),
    },
    "volunteer": {
        "en": ("volunteers",),
        "es": ("voluntarios",),
        "fr": ("bénévoles", "volontaires"),
        "de": ("freiwillige", "ehrenamtliche"),
        "zh": ("志愿者", "志願者", "义工", "義工"),
    },
    "donor": {
        "en": ("donors",),
        "es": ("donantes",),
        "fr": ("donateurs", "donneurs"),
        "de": ("spender", "spenderinnen"),
        "zh": ("捐赠者", "捐贈者", "捐款人"),
    },
    "visitor": {
        "en": (
            "visitors",
            "tourists",
            "spectators",
            "viewers",
            "cinema-goers",
            "moviegoers",
            "concertgoers",
            "concert-goers",
            "theatregoers",
        ),
        "es": ("visitantes", "turistas", "espectadores"),
        "fr": ("visiteurs", "touristes", "spectateurs"),
        "de": ("besucher", "touristen", "zuschauer"),
        "zh": ("游客", "遊客", "观众", "觀眾", "访客", "訪客"),
    },
    "member": {
        "en": ("members",),
        "es": ("miembros", "socios"),
        "fr": ("membres", "adhérents"),
        "de": ("mitglieder",),
        "zh": ("会员", "會員", "成员", "成員"),
    },
    "refugee": {
        "en": ("refugees",),
        "es": ("refugiados",),
        "fr": ("réfugiés",),
        "de": ("flüchtlinge", "geflüchtete"),
        "zh": ("难民", "難民"),
    },
    "asylum seeker": {
        "en": ("asylum seekers",),
        "es": ("solicitantes de asilo",),
        "fr": ("demandeurs d'asile",),
        "de": ("asylbewerber", "asylsuchende"),
        "zh": ("寻求庇护者", "尋求庇護者"),
    },
    "pensioner": {
        "en": ("pensioners", "retirees"),
        "es": ("jubilados", "pensionistas"),
        "fr": ("retraités",),
        "de": ("rentner", "rentnerinnen", "ruheständler"),
        "zh": ("退休人员", "退休人員"),
    },
    "farmer": {
        "en": ("farmers", "beekeepers", "growers", "ranchers", "breeders", "livestock keepers"),
        "es": ("agricultores", "campesinos", "apicultores", "ganaderos", "granjeros", "criadores"),
        "fr": ("agriculteurs", "apiculteurs", "éleveurs", "exploitants agricoles"),
        # keepers and breeders of animals: a German compound is read by its last part
        # (Schweinehalter, Geflügelzüchter), its first part by german_modifiers
        "de": (
            "landwirte",
            "bauern",
            "imker",
            "imkerinnen",
            "viehhalter",
            "tierhalter",
            "schweinehalter",
            "geflügelhalter",
            "rinderhalter",
            "milchviehhalter",
            "schafhalter",
            "hühnerhalter",
            "züchter",
        ),
        "zh": ("农民", "農民", "养蜂人", "養蜂人", "蜂农", "蜂農", "养殖户", "養殖戶"),
    },
    # those who produce a good: often farmers (producteurs de lait), often firms (NOUN_NEAR)
    "producer": {
        "en": ("producers",),
        "es": ("productores", "productoras"),
        "fr": ("producteurs", "productrices"),
        "de": ("erzeuger", "erzeugerinnen", "produzenten", "produzentinnen"),
        "zh": ("生产者", "生產者", "生产商", "生產商"),
    },
    "author": {
        "en": ("authors", "writers", "novelists"),
        "es": ("autores", "autoras", "escritores", "escritoras"),
        "fr": ("auteurs", "autrices", "écrivains", "écrivaines"),
        "de": ("autoren", "autorinnen", "schriftsteller", "schriftstellerinnen"),
        "zh": ("作者", "作家"),
    },
    "journalist": {
        "en": ("journalists", "reporters"),
        "es": ("periodistas", "reporteros"),
        "fr": ("journalistes", "reporters"),
        "de": ("journalisten", "journalistinnen", "reporter"),
        "zh": ("记者", "記者", "新闻工作者", "新聞工作者"),
    },
    "firefighter": {
        "en": ("firefighters", "firemen"),
        "es": ("bomberos",),
        "fr": ("pompiers", "sapeurs-pompiers"),
        "de": ("feuerwehrleute", "feuerwehrmänner"),
        "zh": ("消防员", "消防員", "消防队员", "消防隊員"),
    },
    "pilot": {
        "en": ("pilots",),
        "es": ("pilotos",),
        "fr": ("pilotes",),
        "de": ("piloten", "pilotinnen"),
        "zh": ("飞行员", "飛行員", "机长", "機長"),
    },
    "driver": {
        "en": ("drivers", "motorists"),
        "es": ("conductores", "conductoras", "choferes", "camioneros"),
        "fr": ("conducteurs", "chauffeurs", "automobilistes", "routiers"),
        "de": ("fahrer", "fahrerinnen", "autofahrer", "lokführer", "busfahrer"),
        "zh": ("司机", "司機", "驾驶员", "駕駛員", "驾驶人", "駕駛人"),
    },
    "engineer": {
        "en": ("engineers",),
        "es": ("ingenieros", "ingenieras"),
        "fr": ("ingénieurs", "ingénieures"),
        "de": ("ingenieure", "ingenieurinnen"),
        "zh": ("工程师", "工程師"),
    },
    "researcher": {
        "en": ("researchers", "scientists"),
        "es": ("investigadores", "investigadoras", "científicos", "científicas"),
        "fr": ("chercheurs", "chercheuses", "scientifiques"),
        "de": ("forscher", "forscherinnen", "wissenschaftler", "wissenschaftlerinnen"),
        "zh": ("研究人员", "研究人員", "科研人员", "科研人員", "科学家", "科學家"),
    },
    "athlete": {
        "en": ("athletes", "sportsmen", "sportswomen"),  # not "players" (market players)
        "es": ("atletas", "deportistas", "jugadores", "jugadoras"),
        "fr": ("athlètes", "sportifs", "joueurs", "joueuses"),
        "de": ("athleten", "athletinnen", "sportler", "sportlerinnen", "spieler", "spielerinnen"),
        "zh": ("运动员", "運動員", "球员", "球員"),
    },
    "protester": {
        "en": ("protesters", "demonstrators"),
        "es": ("manifestantes",),
        "fr": ("manifestants", "manifestantes"),
        "de": ("demonstranten", "demonstrantinnen"),
        "zh": ("抗议者", "抗議者", "示威者"),
    },
    "migrant": {
        "en": ("migrants", "immigrants"),
        "es": ("migrantes", "inmigrantes"),
        "fr": ("migrants", "immigrés", "immigrants"),
        "de": ("migranten", "migrantinnen", "einwanderer", "zuwanderer"),
        "zh": ("移民", "偷渡者"),
    },
    "tenant": {
        "en": ("tenants", "renters"),
        "es": ("inquilinos", "arrendatarios"),
        "fr": ("locataires",),
        "de": ("mieter", "mieterinnen"),
        "zh": ("租户", "租戶", "租客"),
    },
    "graduate": {
        "en": ("graduates",),
        "es": ("graduados", "graduadas", "egresados", "titulados"),
        "fr": ("diplômés", "diplômées"),
        "de": ("absolventen", "absolventinnen", "hochschulabsolventen"),
        "zh": ("毕业生", "畢業生"),
    },
    "civil servant": {
        "en": ("civil servants", "public servants", "public employees"),
        "es": ("funcionarios", "funcionarias"),
        "fr": ("fonctionnaires", "agents publics"),
        "de": ("beamte", "beamten", "beamtinnen"),
        "zh": ("公务员", "公務員"),
    },
    "miner": {
        "en": ("miners",),
        "es": ("mineros",),
        "de": ("bergleute", "bergarbeiter"),
        "zh": ("矿工", "礦工"),
    },
    "judge": {
        "en": ("judges",),
        "es": ("jueces",),
        "fr": ("juges",),
        "de": ("richter", "richterinnen"),
        "zh": ("法官",),
    },
    "lawyer": {
        "en": ("lawyers", "attorneys"),
        "es": ("abogados",),
        "fr": ("avocats",),
        "de": ("anwälte", "rechtsanwälte"),
        "zh": ("律师", "律師"),
    },
    "voter": {
        "en": ("voters", "electors"),
        "es": ("votantes", "electores"),
        "fr": ("électeurs",),
        "de": ("wähler", "wahlberechtigte"),
        "zh": ("选民", "選民"),
    },
    "apprentice": {
        "en": ("apprentices", "trainees"),
        "es": ("aprendices",),
        "fr": ("apprentis", "alternants"),
        "de": ("auszubildende", "auszubildenden", "azubis", "lehrlinge"),
        "zh": ("学徒", "學徒"),
    },
    "temporary worker": {
        "en": ("temporary workers", "temps", "agency workers", "contract workers"),
        "es": ("trabajadores temporales", "eventuales"),
        "fr": ("intérimaires", "travailleurs temporaires"),
        "de": ("leiharbeiter", "zeitarbeiter", "leiharbeitskräfte", "zeitarbeitskräfte"),
        "zh": ("临时工", "臨時工", "派遣工"),
    },
    "insured": {
        "en": ("policyholders", "insured"),
        "es": ("asegurados",),
        "fr": ("assurés",),
        "de": ("versicherte", "versicherten"),
        "zh": ("被保险人", "被保險人", "投保人"),
    },
    # ---- not people
    "household": {
        "en": ("households", "families"),
        "es": ("hogares", "familias"),
        "fr": ("ménages", "foyers", "familles"),
        "de": ("haushalte", "familien"),
        "zh": ("家庭", "住户", "住戶", "农户", "農戶"),
    },
    "company": {
        "en": ("companies", "firms", "enterprises"),
        "es": ("empresas", "compañías"),
        "fr": ("entreprises", "sociétés"),
        "de": ("unternehmen", "firmen"),
        "zh": ("企业", "企業", "公司"),
    },
    "bank": {
        "en": ("banks",),
        "es": ("bancos",),
        "fr": ("banques",),
        "de": ("banken",),
        "zh": ("银行", "銀行"),
    },
    "cash machine": {
        "en": ("cash machines", "atms", "cashpoints"),
        "es": ("cajeros automáticos",),
        "fr": ("distributeurs automatiques", "distributeurs de billets"),
        "de": ("geldautomaten",),
        "zh": ("自动取款机", "自動提款機", "取款机", "提款機"),
    },
    "loan": {
        "en": ("loans", "lending"),
        "es": ("préstamos", "créditos"),
        "fr": ("prêts", "crédits"),
        "de": ("kredite", "darlehen"),
        "zh": ("贷款", "貸款"),
    },
    "deposit": {
        "en": ("deposits", "savings"),
        "es": ("depósitos", "ahorros"),
        "fr": ("dépôts", "épargne"),
        "de": ("einlagen", "spareinlagen", "ersparnisse"),
        "zh": ("存款", "储蓄", "儲蓄"),
    },
    "policy": {
        "en": ("policies",),
        "es": ("pólizas",),
        "fr": ("polices", "contrats d'assurance"),
        "de": ("policen", "versicherungsverträge", "versicherungspolicen"),
        "zh": ("保单", "保單"),
    },
    "claim": {
        "en": ("claims",),
        "es": ("siniestros", "partes de siniestro"),
        "fr": ("sinistres", "déclarations de sinistre"),
        "de": ("schadensfälle", "schadenfälle", "schadensmeldungen", "schadenmeldungen"),
        "zh": ("理赔", "理賠", "索赔", "索賠", "赔案", "賠案"),
    },
    "parcel": {
        "en": ("parcels", "packages"),
        "es": ("paquetes",),
        "fr": ("colis",),
        "de": ("pakete", "päckchen"),
        "zh": ("包裹", "快递", "快遞", "快件"),
    },
    "letter": {
        "en": ("letters",),
        "es": ("cartas",),
        "fr": ("lettres",),
        "de": ("briefe",),
        "zh": ("信件", "函件", "平信"),
    },
    "post office": {
        "en": ("post offices",),
        "es": ("oficinas de correos",),
        "fr": ("bureaux de poste",),
        "de": ("postfilialen", "postämter"),
        "zh": ("邮局", "郵局"),
    },
    "cinema": {
        "en": ("cinemas", "movie theaters", "movie theatres"),
        "es": ("cines",),
        "fr": ("cinémas",),
        "de": ("kinos",),
        "zh": ("电影院", "電影院", "影院", "影城"),
    },
    "screen": {
        "en": ("screens",),
        "es": ("pantallas",),
        "fr": ("écrans",),
        "de": ("leinwände", "kinosäle"),
        "zh": ("银幕", "銀幕"),
    },
    "film": {
        "en": ("films", "movies"),
        "es": ("películas",),
        "fr": ("films",),
        "de": ("filme", "kinofilme"),
        "zh": ("影片", "电影", "電影"),
    },
    # a pass for a season, a month or a year (abonos, abonnements, Dauerkarten, 月票), not
    # the single tickets of "admission"
    "season ticket": {
        "en": (
            "season tickets",
            "season passes",
            "season-ticket",
            "monthly passes",
            "travel passes",
            "bus passes",
            "travelcards",
            "subscriptions",
        ),
        # abonos are also fertilisers (both classes list it: it agrees with either)
        "es": ("abonos", "abonos mensuales", "abonos de temporada", "suscripciones"),
        "fr": ("abonnements", "cartes d'abonnement"),
        "de": (
            "abonnements",
            "abos",
            "dauerkarten",
            "jahreskarten",
            "monatskarten",
            "zeitkarten",
            "saisonkarten",
        ),
        "zh": ("月票", "季票", "年票", "年卡", "季卡"),
    },
    "subscriber": {
        "en": ("subscribers", "season ticket holders", "season-ticket holders"),
        "es": ("abonados", "suscriptores"),
        "fr": ("abonnés", "abonnées"),
        "de": ("abonnenten", "abonnentinnen", "dauerkarteninhaber"),
        "zh": ("订户", "訂戶", "订阅者", "訂閱者"),
    },
    "guest": {
        "en": ("guests", "hotel guests"),
        "es": ("huéspedes",),
        "fr": ("hôtes", "clients de l'hôtel"),
        "de": ("gäste", "hotelgäste", "übernachtungsgäste"),
        "zh": ("住客", "宾客", "賓客"),
    },
    "fertiliser": {
        "en": ("fertilisers", "fertilizers", "fertiliser", "fertilizer"),
        "es": ("fertilizantes", "abonos"),
        "fr": ("engrais",),
        "de": ("dünger", "düngemittel"),
        "zh": ("化肥", "肥料"),
    },
    "admission": {
        "en": ("admissions", "tickets", "visits"),
        "es": ("entradas", "visitas"),
        "fr": ("entrées", "billets", "visites"),
        "de": ("eintrittskarten", "tickets", "besuche", "kinobesuche"),
        "zh": ("门票", "門票"),
    },
    "book": {
        "en": ("books", "novels", "new titles"),
        "es": ("libros", "novelas"),
        "fr": ("livres", "romans"),
        "de": ("bücher", "romane"),
        # 新书品种 are new titles
        "zh": ("图书", "圖書", "书籍", "書籍", "新书", "新書", "小说", "小說"),
    },
    "museum": {
        "en": ("museums",),
        "es": ("museos",),
        "fr": ("musées",),
        "de": ("museen",),
        "zh": ("博物馆", "博物館"),
    },
    "library": {
        "en": ("libraries",),
        "es": ("bibliotecas",),
        "fr": ("bibliothèques",),
        "de": ("bibliotheken", "büchereien"),
        "zh": ("图书馆", "圖書館"),
    },
    "hotel": {
        "en": ("hotels",),
        "es": ("hoteles",),
        "fr": ("hôtels",),
        "de": ("hotels",),
        "zh": ("酒店", "宾馆", "賓館", "旅馆", "旅館"),
    },
    "restaurant": {
        "en": ("restaurants",),
        "es": ("restaurantes",),
        "fr": ("restaurants",),
        "de": ("restaurants", "gaststätten"),
        # 餐饮 before a store noun: 餐饮门店, 餐饮店 are restaurants, not shops
        "zh": (
            "餐厅",
            "餐廳",
            "餐馆",
            "餐館",
            "餐饮门店",
            "餐飲門店",
            "餐饮店",
            "餐飲店",
            "餐饮店铺",
            "餐飲店鋪",
        ),
    },
    "dwelling": {
        "en": ("dwellings", "flats", "apartments", "housing units", "houses"),
        "es": ("viviendas", "pisos", "casas"),
        "fr": ("logements", "appartements", "maisons"),
        "de": ("wohnungen", "häuser", "eigenheime"),
        "zh": ("住房", "住宅", "套房", "房屋"),
    },
    "building": {
        "en": ("buildings",),
        "es": ("edificios",),
        "fr": ("bâtiments", "immeubles"),
        "de": ("gebäude",),
        "zh": ("建筑物", "建築物", "楼栋", "樓棟"),
    },
    "court": {
        "en": ("courts",),
        "es": ("tribunales", "juzgados"),
        "fr": ("tribunaux",),
        "de": ("gerichte",),
        "zh": ("法院",),
    },
    "ruling": {
        "en": ("rulings", "judgments", "judgements", "verdicts"),
        "es": ("sentencias", "fallos"),
        "fr": ("jugements",),
        "de": ("urteile",),
        "zh": ("判决", "判決", "裁判文书", "裁判文書"),
    },
    "appeal": {
        "en": ("appeals",),
        "es": ("apelaciones",),
        "fr": ("recours",),
        "de": ("berufungen",),
        "zh": ("上诉", "上訴"),
    },
    "complaint": {
        "en": ("complaints", "lawsuits"),
        "es": ("denuncias", "quejas", "demandas judiciales"),
        "fr": ("plaintes", "réclamations"),
        "de": ("beschwerden", "klagen"),
        "zh": ("投诉", "投訴", "举报", "舉報", "诉讼", "訴訟"),
    },
    # dev11: things counted on topics to come (pets, vaccination; not concerts, which 国家
    # before 大剧院 made a country, nor patents, which applications are of)
    "dog": {
        "en": ("dogs",),
        "es": ("perros",),
        "fr": ("chiens",),
        "de": ("hunde",),
        "zh": ("狗", "犬只", "犬隻", "宠物犬", "寵物犬"),
    },
    "cat": {
        "en": ("cats",),
        "es": ("gatos",),
        "fr": ("chats",),
        "de": ("katzen",),
        # not 猫 alone: 熊猫 are pandas
        "zh": ("猫咪", "貓咪", "宠物猫", "寵物貓", "流浪猫", "流浪貓"),
    },
    "dose": {
        "en": ("doses", "vaccine doses"),
        "es": ("dosis",),
        "fr": ("doses",),
        "de": ("dosen", "impfdosen"),
        "zh": ("剂次", "劑次"),
    },
    "application": {
        "en": ("applications",),
        "es": ("solicitudes",),
        "fr": ("candidatures", "dossiers de demande"),
        "de": ("anträge",),
        "zh": ("申请", "申請"),
    },
    "bed": {
        "en": ("beds",),
        "es": ("camas",),
        "fr": ("lits",),
        "de": ("betten",),
        "zh": ("床位",),
    },
    "call": {
        "en": ("calls", "phone calls"),
        "es": ("llamadas",),
        "fr": ("appels",),
        "de": ("anrufe",),
        "zh": ("来电", "來電", "通话", "通話"),
    },
    # a ship's call at a port ("275 Anläufe von Kreuzfahrtschiffen": 275 cruise ship calls)
    "port call": {
        "en": ("port calls", "ship calls", "cruise ship calls", "cruise calls"),
        "fr": ("escales",),
        "de": ("anläufe", "schiffsanläufe"),
    },
    "vote": {
        "en": ("votes", "ballots"),
        "es": ("votos", "papeletas"),
        "fr": ("voix", "suffrages", "bulletins"),
        "de": ("stimmen", "wahlzettel"),
        "zh": ("选票", "選票"),
    },
    "seat": {
        "en": ("seats",),
        "es": ("escaños", "asientos", "butacas"),
        "fr": ("sièges", "fauteuils"),
        "de": ("sitze", "mandate", "sitzplätze"),
        "zh": ("席位", "议席", "議席", "座位"),
    },
    "bus": {
        "en": ("buses", "coaches"),
        "es": ("autobuses",),
        "fr": ("bus", "autobus", "autocars"),
        "de": ("busse",),
        "zh": ("公交车", "公車", "巴士", "公共汽车"),
    },
    "train": {
        "en": ("trains",),
        "es": ("trenes",),
        "fr": ("trains",),
        "de": ("züge",),
        "zh": ("列车", "列車", "火车", "火車"),
    },
    "ship": {
        "en": ("ships", "vessels", "boats"),
        "es": ("barcos", "buques", "embarcaciones"),
        "fr": ("navires", "bateaux"),
        "de": ("schiffe", "boote"),
        "zh": ("船舶", "船只", "船隻"),
    },
    "motorcycle": {
        "en": ("motorcycles", "motorbikes", "scooters"),
        "es": ("motos", "motocicletas"),
        "fr": ("motos", "scooters"),
        "de": ("motorräder", "roller"),
        "zh": ("摩托车", "摩托車", "機車"),
    },
    "bicycle": {
        "en": ("bicycles", "bikes"),
        "es": ("bicicletas",),
        "fr": ("vélos", "bicyclettes"),
        "de": ("fahrräder",),
        "zh": ("自行车", "自行車", "单车", "單車", "腳踏車"),
    },
    "tree": {
        "en": ("trees",),
        "es": ("árboles",),
        "fr": ("arbres",),
        "de": ("bäume",),
        "zh": ("树木", "樹木"),
    },
    "fire": {
        "en": ("fires", "wildfires", "blazes"),
        "es": ("incendios",),
        "fr": ("incendies",),
        "de": ("brände", "waldbrände"),
        "zh": ("火灾", "火災", "山火"),
    },
    "mine": {
        "en": ("mines", "pits", "collieries"),
        "es": ("minas", "yacimientos"),
        "fr": ("mines", "gisements"),
        "de": ("bergwerke", "minen", "zechen", "gruben"),
        "zh": ("矿井", "礦井", "煤矿", "煤礦", "矿山", "礦山"),
    },
    "container": {
        "en": ("containers", "bins"),
        "es": ("contenedores", "papeleras"),
        "fr": ("conteneurs", "poubelles", "bacs"),
        "de": ("container", "mülltonnen"),
        "zh": ("垃圾桶", "集装箱", "集裝箱", "回收箱"),
    },
    # the singulars and adjectives too: they name the good before a noun ("pig farmers",
    # "productores de cerdo", "éleveurs porcins")
    "pig": {
        "en": ("pigs", "hogs", "pig", "hog"),
        "es": ("cerdos", "cerdo", "porcino", "porcinos", "porcinas"),
        "fr": ("porcs", "cochons", "porcins", "porcines", "porcin"),
        "de": ("schweine",),
        "zh": ("生猪", "生豬"),
    },
    "cattle": {
        "en": ("cattle", "cows"),
        "es": ("vacas", "reses", "bovinos", "vacuno", "vacunos"),
        "fr": ("vaches", "bovins", "bovines"),
        "de": ("rinder", "kühe"),
        "zh": ("肉牛", "奶牛", "牛只", "牛隻"),
    },
    "sheep": {
        "en": ("sheep",),
        "es": ("ovejas", "ovino", "ovinos"),
        "fr": ("moutons", "brebis", "ovins"),
        "de": ("schafe",),
        "zh": ("绵羊", "綿羊"),
    },
    "poultry": {
        "en": ("chickens", "hens", "poultry", "chicken"),
        "es": ("pollos", "gallinas", "aves de corral", "avícolas", "avícola"),
        "fr": ("poulets", "volailles", "poules", "volaille", "avicoles", "avicole"),
        "de": ("hühner", "geflügel", "hennen"),
        "zh": ("家禽", "肉鸡", "肉雞", "蛋鸡", "蛋雞"),
    },
    "gold": {
        "en": ("gold",),
        "es": ("oro",),
        "de": ("gold",),
        "zh": ("黄金", "黃金", "金牌"),
    },
    "silver": {
        "en": ("silver",),
        "es": ("plata",),
        "de": ("silber",),
        "zh": ("白银", "白銀", "银牌", "銀牌"),
    },
    "copper": {
        "en": ("copper",),
        "es": ("cobre",),
        "fr": ("cuivre",),
        "de": ("kupfer",),
        "zh": ("铜矿", "銅礦", "精铜", "精銅"),
    },
    "coal": {
        "en": ("coal",),
        "es": ("carbón",),
        "fr": ("charbon",),
        "de": ("kohle", "steinkohle", "braunkohle"),
        "zh": ("煤炭", "原煤"),
    },
    # a wafer holds many chips: "12 000 plaquettes" are not 12,000 chips
    "wafer": {
        "en": ("wafers", "silicon wafers"),
        "es": ("obleas",),
        "fr": ("plaquettes", "tranches de silicium"),
        "de": ("wafer", "siliziumscheiben"),
        "zh": ("晶圆", "晶圓"),
    },
    "chip": {
        "en": ("chips", "microchips"),
        "es": ("chips", "microchips"),
        "fr": ("puces", "micropuces"),
        "de": ("chips", "mikrochips"),
        "zh": ("芯片",),
    },
    "pharmacy": {
        "en": ("pharmacies", "chemists", "drugstores"),
        "es": ("farmacias",),
        "fr": ("pharmacies", "officines"),
        "de": ("apotheken",),
        "zh": ("药店", "藥店", "药房", "藥房", "藥局"),
    },
    # hospitals and clinics together (医疗机构): "hospitals" is near (NOUN_NEAR), pharmacies not
    # ---- goods: what a tonne, a litre or a sale is of ("11 500 tonnes de café" is not cocoa)
    "coffee": {
        "en": ("coffee", "coffee beans"),
        "es": ("café",),
        "fr": ("café",),
        "de": ("kaffee", "rohkaffee", "kaffeebohnen"),
        "zh": ("咖啡",),
    },
    "cocoa": {
        "en": ("cocoa", "cocoa beans", "cacao"),
        "es": ("cacao",),
        "fr": ("cacao", "fèves de cacao"),
        "de": ("kakao", "kakaobohnen"),
        "zh": ("可可",),
    },
    "tea": {
        "en": ("tea",),
        "es": ("té",),
        "fr": ("thé",),
        "de": ("tee",),
        "zh": ("茶叶", "茶葉"),
    },
    "wheat": {
        "en": ("wheat",),
        "es": ("trigo",),
        "fr": ("blé",),
        "de": ("weizen",),
        "zh": ("小麦", "小麥"),
    },
    "maize": {
        "en": ("maize", "corn"),
        "es": ("maíz",),
        "fr": ("maïs",),
        "de": ("mais",),
        "zh": ("玉米",),
    },
    "rice": {
        "en": ("rice",),
        "es": ("arroz",),
        "fr": ("riz",),
        "de": ("reis",),
        "zh": ("大米", "稻谷", "稻穀", "水稻"),
    },
    "soybean": {
        "en": ("soybeans", "soya beans", "soy", "soya"),
        "es": ("soja", "soya"),
        "fr": ("soja",),
        "de": ("soja", "sojabohnen"),
        "zh": ("大豆",),
    },
    "sugar": {
        "en": ("sugar",),
        "es": ("azúcar",),
        "fr": ("sucre",),
        "de": ("zucker",),
        "zh": ("食糖", "白糖", "蔗糖"),
    },
    "milk": {
        "en": ("milk", "dairy"),
        "es": ("leche",),
        "fr": ("lait",),
        "de": ("milch", "rohmilch"),
        "zh": ("牛奶", "鲜奶", "鮮奶", "原奶", "生鲜乳", "生鮮乳"),
    },
    "cheese": {
        "en": ("cheese",),
        "es": ("queso", "quesos"),
        "fr": ("fromage", "fromages"),
        "de": ("käse",),
        "zh": ("奶酪", "乳酪"),
    },
    "butter": {
        "en": ("butter",),
        "es": ("mantequilla",),
        "fr": ("beurre",),
        "de": ("butter",),
        "zh": ("黄油", "黃油"),
    },
    "meat": {
        "en": ("meat", "beef", "pork"),
        "es": ("carne", "carnes"),
        "fr": ("viande", "viandes"),
        "de": ("fleisch",),
        "zh": ("肉类", "肉類", "猪肉", "豬肉", "牛肉"),
    },
    "fish": {
        "en": ("fish", "seafood"),
        "es": ("pescado", "pescados", "mariscos"),
        "fr": ("poisson", "poissons", "fruits de mer"),
        "de": ("fisch", "fische", "meeresfrüchte"),
        "zh": ("水产品", "水產品", "海鲜", "海鮮", "鱼类", "魚類"),
    },
    "honey": {
        "en": ("honey",),
        "es": ("miel",),
        "fr": ("miel",),
        "de": ("honig",),
        "zh": ("蜂蜜",),
    },
    "wine": {
        "en": ("wine", "wines"),
        "es": ("vino", "vinos"),
        "fr": ("vin", "vins"),
        # not as the end of a compound (Schwein): the common ones listed whole
        "de": ("wein", "weine", "rotwein", "weißwein", "schaumwein", "rotweine", "weißweine"),
        "zh": ("葡萄酒",),
    },
    "beer": {
        "en": ("beer",),
        "es": ("cerveza",),
        "fr": ("bière",),
        "de": ("bier",),
        "zh": ("啤酒",),
    },
    "cotton": {
        "en": ("cotton",),
        "es": ("algodón",),
        "fr": ("coton",),
        "de": ("baumwolle",),
        "zh": ("棉花",),
    },
    "steel": {
        "en": ("steel",),
        "es": ("acero",),
        "fr": ("acier",),
        "de": ("stahl", "rohstahl"),
        "zh": ("钢材", "鋼材", "粗钢", "粗鋼", "钢铁", "鋼鐵"),
    },
    "cement": {
        "en": ("cement",),
        "es": ("cemento",),
        "fr": ("ciment",),
        "de": ("zement",),
        "zh": ("水泥",),
    },
    "match": {
        "en": ("matches",),
        "es": ("partidos",),
        "fr": ("matchs", "matches", "rencontres"),
        "de": ("partien", "begegnungen", "länderspiele"),
        "zh": ("比赛", "比賽", "场比赛", "場比賽"),
    },
    "goal": {
        "en": ("goals",),
        "es": ("goles",),
        "fr": ("buts",),
        "de": ("tore", "treffer"),
        "zh": ("进球", "進球"),
    },
    "eggs": {
        "en": ("eggs",),
        "es": ("huevos",),
        "fr": ("œufs", "oeufs"),
        "de": ("eier",),
        "zh": ("鸡蛋", "雞蛋", "禽蛋"),
    },
    "olive oil": {
        "en": ("olive oil",),
        "es": ("aceite de oliva",),
        "fr": ("huile d'olive",),
        "de": ("olivenöl",),
        "zh": ("橄榄油", "橄欖油"),
    },
    "oil": {
        "en": ("oil", "crude", "crude oil", "petroleum"),
        "es": ("petróleo", "crudo"),
        "fr": ("pétrole", "pétrole brut"),  # not "brut" alone (produit intérieur brut)
        "de": ("öl", "erdöl", "rohöl"),
        "zh": ("原油", "石油"),
    },
    "gas": {
        "en": ("natural gas", "gas", "lng"),
        "es": ("gas", "gas natural"),
        "fr": ("gaz", "gaz naturel"),
        "de": ("gas", "erdgas", "flüssiggas"),
        "zh": ("天然气", "天然氣", "液化气", "液化氣"),
    },
    "iron ore": {
        "en": ("iron ore",),
        "es": ("mineral de hierro",),
        "fr": ("minerai de fer",),
        "de": ("eisenerz",),
        "zh": ("铁矿石", "鐵礦石"),
    },
    "aluminium": {
        "en": ("aluminium", "aluminum"),
        "es": ("aluminio",),
        "fr": ("aluminium",),
        "de": ("aluminium",),
        "zh": ("电解铝", "電解鋁", "原铝", "原鋁", "铝材", "鋁材"),
    },
    "lithium": {
        "en": ("lithium",),
        "es": ("litio",),
        "fr": ("lithium",),
        "de": ("lithium",),
        "zh": ("碳酸锂", "碳酸鋰", "锂矿", "鋰礦"),
    },
    "aircraft": {
        "en": ("aircraft", "planes", "airplanes", "aeroplanes", "jets", "airliners"),
        "es": ("aviones", "aeronaves"),
        "fr": ("avions",),
        "de": ("flugzeuge", "passagiermaschinen"),
        "zh": ("飞机", "飛機", "客机", "客機"),
    },
    "helicopter": {
        "en": ("helicopters",),
        "es": ("helicópteros",),
        "fr": ("hélicoptères",),
        "de": ("hubschrauber", "helikopter"),
        "zh": ("直升机", "直升機"),
    },
    "drone": {
        "en": ("drones",),
        "es": ("drones",),
        "fr": ("drones",),
        "de": ("drohnen",),
        "zh": ("无人机", "無人機"),
    },
    "room": {
        "en": ("rooms", "hotel rooms"),
        "es": ("habitaciones",),
        "fr": ("chambres",),
        "de": ("zimmer", "hotelzimmer"),
        "zh": ("客房", "房间", "房間"),
    },
    "charging point": {
        "en": ("charging points", "charging stations", "chargers", "charge points"),
        "es": ("puntos de recarga", "cargadores", "electrolineras"),
        "fr": ("bornes de recharge", "points de recharge"),
        "de": ("ladepunkte", "ladesäulen", "ladestationen"),
        "zh": ("充电桩", "充電樁", "充电站", "充電站"),
    },
    "wind turbine": {
        "en": ("wind turbines",),
        "es": ("aerogeneradores", "molinos de viento"),
        "fr": ("éoliennes",),
        "de": ("windräder", "windkraftanlagen", "windenergieanlagen"),
        "zh": ("风机", "風機", "风电机组", "風電機組"),
    },
    "solar panel": {
        "en": ("solar panels", "solar modules"),
        "es": ("paneles solares", "placas solares"),
        "fr": ("panneaux solaires", "panneaux photovoltaïques"),
        "de": ("solarmodule", "solarpaneele", "solaranlagen"),
        "zh": ("光伏板", "太阳能板", "太陽能板", "光伏组件", "光伏組件"),
    },
    "hive": {
        "en": ("hives", "beehives", "bee colonies"),
        "es": ("colmenas",),
        "fr": ("ruches", "colonies d'abeilles"),
        "de": ("bienenvölker", "bienenstöcke"),
        "zh": ("蜂箱", "蜂群"),
    },
    "production line": {
        "en": ("production lines", "assembly lines"),
        "es": ("líneas de producción", "líneas de montaje"),
        "fr": ("lignes de production", "chaînes de production", "chaînes de montage"),
        "de": ("produktionslinien", "fertigungslinien", "fertigungsstraßen", "montagebänder"),
        "zh": ("生产线", "生產線"),
    },
    "healthcare facility": {
        "en": (
            "medical institutions",
            "medical facilities",
            "healthcare facilities",
            "health facilities",
            "healthcare institutions",
        ),
        "es": ("centros sanitarios", "centros médicos", "establecimientos sanitarios"),
        "fr": ("établissements de santé", "établissements médicaux"),
        "de": ("gesundheitseinrichtungen", "medizinische einrichtungen"),
        "zh": ("医疗机构", "醫療機構"),
    },
}

#: Noun classes read by the translation check alone: claims.evidence.concepts also reads
#: NOUN_CLASSES, as concepts that tie a claim to a document's figure, and there these are too
#: broad ("people", "staff" meet every headcount of every document); here "person" agrees with
#: every class of people (:func:`nouns_agree`).
TRANSLATION_NOUN_CLASSES: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    # structures a translation swaps one for another (特大桥 rendered "tunnels")
    "bridge": {
        "en": ("bridge", "bridges", "viaduct", "viaducts"),
        "es": ("puente", "puentes", "viaducto", "viaductos"),
        "fr": ("pont", "ponts", "viaduc", "viaducs"),
        "de": ("brücke", "brücken", "viadukt", "viadukte"),
        "zh": ("桥", "橋"),
    },
    "tunnel": {
        "en": ("tunnel", "tunnels"),
        "es": ("túnel", "túneles"),
        "fr": ("tunnel", "tunnels"),
        "de": ("tunnel",),
        "zh": ("隧道",),
    },
    "person": {
        "en": ("people", "persons", "individuals", "residents", "inhabitants"),
        "es": ("personas", "habitantes", "residentes"),
        "fr": ("personnes", "habitants", "résidents", "individus"),
        "de": ("menschen", "personen", "einwohner", "einwohnerinnen", "bewohner"),
        "zh": ("居民", "民众", "民眾"),
    },
    "worker": {
        "en": ("workers", "employees", "staff", "labourers", "laborers"),
        "es": ("trabajadores", "empleados", "asalariados", "plantilla"),
        "fr": ("salariés", "employés", "travailleurs", "ouvriers"),
        "de": ("beschäftigte", "mitarbeiter", "mitarbeitende", "arbeitnehmer", "arbeiter"),
        "zh": ("员工", "員工", "职工", "職工", "工人", "农民工", "農民工", "工作者"),
    },
    # jobs are not people, but a careful translation renders one by the other ("250 neue
    # Arbeitsplätze" are "250 new workers", 新增就业1244万人 "12.44 million jobs": NOUN_NEAR).
    # "posts" is not listed (social media posts); German "stellen" only as a whole word
    # (Haltestellen, Tankstellen: _NOT_HEADS)
    # episodes of a series (a Chinese figure counted by 集, claims.translations)
    "episode": {
        "en": ("episodes", "episode"),
        "es": ("episodios", "capítulos"),
        "fr": ("épisodes",),
        "de": ("episoden",),  # not "Folgen" (consequences, follow)
        "zh": ("剧集", "劇集"),
    },
    "job": {
        "en": ("jobs", "positions", "vacancies", "job openings"),
        "es": ("empleos", "puestos de trabajo", "puestos", "vacantes"),
        "fr": ("emplois", "postes", "offres d'emploi"),
        "de": ("arbeitsplätze", "stellen", "jobs", "arbeitsstellen", "vollzeitstellen"),
        "zh": ("岗位", "崗位", "职位", "職位", "就业机会", "就業機會"),
    },
}

# Which people of a head are meant (PEOPLE_QUALIFIERS): boursiers are students on grants,
# "from abroad" students who came from abroad. Translation-only (too broad as concepts).
TRANSLATION_NOUN_CLASSES.update(
    {
        "grant holder": {
            "en": (
                "grant holders",
                "scholarship holders",
                "scholarship students",
                "grant recipients",
                "bursary holders",
                "on grants",
                "on means-tested grants",
                "on scholarships",
            ),
            "es": ("becarios", "becarias", "becados", "becadas", "con beca"),
            "fr": ("boursiers", "boursières"),
            "de": ("stipendiaten", "stipendiatinnen", "bafög-empfänger"),
            "zh": ("奖学金获得者", "獎學金獲得者", "受资助学生", "受資助學生"),
        },
        "foreign": {
            "en": (
                "foreign",
                "foreigners",
                "from abroad",
                "overseas students",
                "international students",
            ),
            "es": ("extranjeros", "extranjeras", "del extranjero", "foráneos"),
            "fr": ("étrangers", "étrangères", "de l'étranger"),
            "de": ("ausländische", "ausländischen", "ausländer", "aus dem ausland"),
            "zh": ("外籍", "外国", "外國", "留学生", "留學生", "国际学生", "國際學生"),
        },
        "disabled": {
            "en": ("disabled", "with disabilities"),
            "es": ("discapacitados", "con discapacidad"),
            "fr": ("handicapés", "en situation de handicap"),
            "de": ("behinderte", "behinderten", "mit behinderung"),
            "zh": ("残疾人", "殘疾人", "残障", "殘障"),
        },
    }
)

#: Classes that say which of a head's people are meant, not who they are: two sides that name
#: different ones differ ("boursiers" are not students "from abroad"), and one alone agrees
#: with any head ("312 000 boursiers" may be "312,000 students"; :func:`nouns_agree`).
PEOPLE_QUALIFIERS: Final = frozenset({"grant holder", "foreign", "disabled"})

#: Every noun class the translation check reads.
ALL_NOUN_CLASSES: Final = {**NOUN_CLASSES, **TRANSLATION_NOUN_CLASSES}

#: Classes that count people: "person" ("people", "Menschen", 居民) agrees with any of them
#: ("30 Tote" is "30 people killed"), and with nothing else ("140.000 familias" is not
#: "140,000 people", "6 300 écrans" not "6,300 people").
PERSON_CLASSES: Final = frozenset(
    {
        "person",
        "passenger",
        "death",
        "injured",
        "student",
        "teacher",
        "doctor",
        "nurse",
        "soldier",
        "police officer",
        "man",
        "woman",
        "child",
        "adult",
        "birth",
        "worker",
        "unemployed",
        "patient",
        "victim",
        "suspect",
        "prisoner",
        "volunteer",
        "donor",
        "visitor",
        "member",
        "refugee",
        "asylum seeker",
        "pensioner",
        "farmer",
        "miner",
        "judge",
        "lawyer",
        "voter",
        "insured",
        "apprentice",
        "temporary worker",
        "producer",
        "author",
        "journalist",
        "firefighter",
        "pilot",
        "driver",
        "engineer",
        "researcher",
        "athlete",
        "protester",
        "migrant",
        "tenant",
        "civil servant",
        "graduate",
        "person-time",  # 1.2亿人次 rendered "120 million people"
        "subscriber",
        "guest",
    }
)

#: Two classes a careful translation renders one by the other: no change ("2 Millionen
#: Kinobesucher" are "2 million admissions", "solicitantes de asilo" often "refugees").
NOUN_NEAR: Final = frozenset(
    {
        frozenset({"visitor", "admission"}),
        frozenset({"refugee", "asylum seeker"}),
        frozenset({"seat", "person"}),  # "500 asientos": a hall that "can seat 500 people"
        frozenset({"healthcare facility", "hospital"}),  # 医疗机构 often rendered "hospitals"
        frozenset({"producer", "farmer"}),  # "15 000 producteurs" (de lait): dairy farmers
        frozenset({"producer", "company"}),  # "coffee producers" may be firms
        frozenset({"job", "person"}),  # 新增就业1244万人: "12.44 million jobs"
        frozenset({"job", "worker"}),  # "250 Arbeitsplätze schaffen": "hire 250 workers"
        frozenset({"migrant", "refugee"}),
        # an animal and what it gives
        frozenset({"pig", "meat"}),
        frozenset({"cattle", "meat"}),
        frozenset({"poultry", "meat"}),
        frozenset({"sheep", "meat"}),
        frozenset({"cattle", "milk"}),
        frozenset({"subscriber", "season ticket"}),  # "4 000 abonnés": "4,000 season tickets"
        frozenset({"subscriber", "member"}),
        frozenset(
            {"subscriber", "household"}
        ),  # 有线电视用户2.02亿户: subscribers by 户  # a club's socios are its members and subscribers
        frozenset({"guest", "visitor"}),  # hotel guests are tourists
        frozenset({"guest", "passenger"}),  # a cruise's Gäste are its passengers
        # 人次, visits or trips by people (a Chinese counter: claims.translations): "patient
        # visits", "admissions", "visitors", "passengers", "patients"
        frozenset({"person-time", "admission"}),
        frozenset({"person-time", "visitor"}),
        frozenset({"person-time", "passenger"}),
        frozenset({"person-time", "patient"}),
    }
)

#: Goods and animals: two sides that each name some and none in common count different things,
#: whatever else they share ("coffee producers" are not "cocoa producers", Schweinehalter not
#: "poultry farmers"; :func:`nouns_agree`), unless a careful translation renders one by the
#: other (NOUN_NEAR: pigs are pork, dairy cows milk).
GOODS_CLASSES: Final = frozenset(
    {
        "pig",
        "cattle",
        "sheep",
        "poultry",
        "coffee",
        "cocoa",
        "tea",
        "wheat",
        "maize",
        "rice",
        "soybean",
        "sugar",
        "milk",
        "cheese",
        "butter",
        "meat",
        "fish",
        "honey",
        "wine",
        "beer",
        "cotton",
        "eggs",
        "olive oil",
    }
)

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
        # the death named as a noun too ("causó la muerte de tres trabajadores"); not English
        # "deaths", which claims.evidence.concepts would tie to every "Killed" column
        "en": ("killed", "died", "killing", "kill", "kills"),
        "es": ("muertos", "murieron", "fallecieron", "fallecidos", "muerte", "muertes"),
        "fr": ("tués", "tuées", "morts", "décédés", "mort", "décès"),
        "de": ("getötet", "starben", "ums leben", "tod", "todesfälle"),
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
        # 紧急转移 / 转移群众: people moved to safety (not 转移 alone: 转移支付 is a transfer)
        "zh": (
            "疏散",
            "撤离",
            "撤離",
            "转移安置",
            "轉移安置",
            "紧急转移",
            "緊急轉移",
            "安全转移",
            "安全轉移",
            "转移群众",
            "轉移群眾",
            "转移避险",
            "轉移避險",
        ),
    },
    # hit by a disaster, not moved, hurt or killed
    "affected": {
        "en": ("affected",),
        "es": ("afectados", "afectadas", "damnificados", "damnificadas"),
        "fr": ("touchés", "touchées", "sinistrés", "sinistrées", "affectés", "affectées"),
        "de": ("betroffen",),
        "zh": ("受灾", "受災", "受影响", "受影響"),
    },
    "displaced": {
        "en": ("displaced", "made homeless", "left homeless"),
        "es": ("desplazados", "desplazadas", "sin hogar"),
        "fr": ("déplacés", "déplacées", "sans-abri"),
        "de": ("vertrieben", "obdachlos"),
        "zh": ("流离失所", "流離失所", "无家可归", "無家可歸"),
    },
    "trapped": {
        "en": ("trapped", "stranded", "cut off"),
        "es": ("atrapados", "atrapadas", "aislados", "aisladas", "varados"),
        "fr": ("bloqués", "bloquées", "coincés", "coincées", "piégés", "piégées"),
        "de": ("eingeschlossen", "festgesessen", "saßen … fest", "sitzen … fest", "gestrandet"),
        "zh": ("被困", "受困", "困在", "滞留", "滯留"),
    },
    "missing": {
        "en": ("missing", "unaccounted for"),
        "es": ("desaparecidos", "desaparecidas"),
        "fr": ("disparus", "disparues"),
        "de": ("vermisst", "vermisste", "vermissten"),
        "zh": ("失踪", "失蹤", "失联", "失聯"),
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
    "suspended": {
        "en": ("suspended", "suspend", "suspends", "suspending", "suspension", "halted"),
        "es": ("suspendió", "suspendieron", "suspendidos", "suspendidas", "suspensión"),
        "fr": ("suspendu", "suspendus", "suspendues", "suspension", "suspendre"),
        "de": ("ausgesetzt", "suspendiert", "setzte … aus", "setzten … aus", "setzt … aus"),
        "zh": ("暂停", "暫停", "中止"),
    },
    "pledged": {
        # a promise, not yet a payment: "zugesagt" is not "paid out"
        "en": ("pledged", "pledge", "pledges", "promised", "promise", "promises", "committed"),
        "es": ("prometió", "prometieron", "prometidos", "prometidas", "comprometió"),
        "fr": ("promis", "promises", "promet", "promettent", "engagé à verser"),
        "de": ("zugesagt", "sagte … zu", "sagten … zu", "sagt … zu", "versprochen", "zugesichert"),
        "zh": ("承诺", "承諾", "认捐", "認捐"),
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
        "zh": ("关闭", "關閉", "关停", "關停", "封禁", "封号", "倒闭", "倒閉", "停业", "停業"),
    },
    "opened": {
        "en": ("opened", "open", "opens", "opening"),
        "es": (
            "abrió",
            "abrieron",
            "abrirá",
            "abrirán",
            "abiertos",
            "abiertas",
            "inauguró",
            "inauguraron",
            "inaugurados",
            "apertura",
            "aperturas",
        ),
        "fr": (
            "ouvert",
            "ouverts",
            "ouvertes",
            "ouvrira",
            "ouvrir",
            "inauguré",
            "ouverture",
            "ouvertures",
        ),
        "de": ("eröffnet", "eröffnete", "eröffneten", "eröffnen", "eröffnung", "eröffnungen"),
        "zh": ("开设", "開設", "开业", "開業", "新开", "新開"),
    },
    "sold": {
        "en": ("sold", "sell", "sells", "selling"),
        "es": ("vendió", "vendieron", "vendidos", "vendidas", "venderá", "vende", "venden"),
        "fr": ("vendu", "vendus", "vendues", "vend", "vendent", "vendra"),
        "de": ("verkauft", "verkaufte", "verkauften", "verkaufen"),
        "zh": ("售出", "卖出", "賣出"),
    },
    "bought": {
        "en": ("bought", "buy", "buys", "buying", "purchased", "acquired"),
        "es": ("compró", "compraron", "comprados", "compradas", "adquirió", "adquirieron"),
        "fr": ("acheté", "achetés", "achète", "achètent", "acquis"),
        "de": ("gekauft", "kaufte", "kauften", "kaufen", "erworben", "erwarb"),
        "zh": ("购买", "購買", "购入", "購入", "收购", "收購", "买入", "買入"),
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
            "add",
            "adds",
            "adding",
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
        "es": (
            "perdió",
            "perdieron",
            "despidió",
            "despidieron",
            "despedidos",
            "suprimirá",
            "suprimió",
            "suprimidos",
            "recortará",
            "recortó",
            "eliminará",
        ),
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
        "zh": ("裁员", "裁員", "流失", "削减", "削減", "裁减", "裁減"),
    },
    "gained": {
        "en": ("gained", "won", "earned"),
        "es": ("ganó", "ganaron"),
        "fr": ("gagné", "gagnés"),
        "de": ("gewann", "gewonnen"),
    },
    "married": {
        "en": ("married", "marry", "marries", "wed", "weddings"),
        "es": ("casaron", "casados", "bodas", "se casaron", "matrimonios celebrados"),
        "fr": ("mariés", "mariées", "mariages célébrés"),
        "de": ("heirateten", "geheiratet", "eheschließungen", "hochzeiten", "trauungen"),
        "zh": ("结婚", "結婚", "登记结婚", "登記結婚"),
    },
    "divorced": {
        "en": ("divorced", "divorce", "divorces", "divorcing", "dissolved"),
        "es": ("divorciaron", "divorciados", "divorcios", "disueltos", "disueltas"),
        "fr": ("divorcé", "divorcés", "divorcées", "divorces", "dissous", "dissoutes"),
        "de": ("geschieden", "scheidungen", "ließen sich scheiden", "aufgelöst"),
        "zh": ("离婚", "離婚"),
    },
    "concluded": {
        "en": ("concluded", "signed", "entered into"),
        "es": (
            "celebrados",
            "celebradas",
            "firmados",
            "firmadas",
            "firmó",
            "firmaron",
            "suscritos",
            # contratar: to contract (ships, works) as well as to hire (created)
            "contrató",
            "contrataron",
        ),
        "fr": ("conclus", "conclues", "signés", "signées", "signé", "contractés"),
        # "geschlossen" is closed too (a shop) and concluded (a contract, a marriage)
        "de": ("geschlossen", "abgeschlossen", "unterzeichnet", "schloss", "schlossen"),
        "zh": ("签订", "簽訂", "签署", "簽署", "签约", "簽約"),
    },
    "delivered": {
        "en": ("delivered", "deliver", "delivers", "delivering", "distributed", "handed out"),
        "es": (
            "entregó",
            "entregaron",
            "entregados",
            "entregadas",
            "repartió",
            "repartieron",
            "repartidos",
            "distribuyó",
            "distribuyeron",
        ),
        "fr": ("livré", "livrés", "livrées", "distribué", "distribués", "distribuées"),
        "de": (
            "zugestellt",
            "stellte … zu",
            "stellten … zu",
            "stellt … zu",
            "geliefert",
            "lieferte",
            "lieferten",
            "ausgeliefert",
            "verteilt",
            "verteilte",
            "verteilten",
        ),
        "zh": ("投递", "投遞", "派送", "配送", "送达", "送達"),
    },
    "received": {
        "en": ("received", "receive", "receives", "receiving"),
        "es": ("recibió", "recibieron", "recibidos", "recibidas"),
        "fr": ("reçu", "reçus", "reçues"),
        "de": ("erhielt", "erhielten", "empfangen", "eingegangen", "gingen … ein", "ging … ein"),
        "zh": ("收到", "接收"),
    },
    "sent": {
        "en": ("sent", "send", "sends", "sending", "shipped"),
        "es": ("envió", "enviaron", "enviados", "enviadas"),
        "fr": ("envoyé", "envoyés", "envoyées", "expédié", "expédiés", "expédiées"),
        "de": ("verschickt", "versandt", "verschickte", "versandte", "verschickten"),
        "zh": ("寄出", "寄送", "发送", "發送"),
    },
    "donated": {
        # the gift named as a noun too ("received donations of 150 billion", 接收捐赠)
        "en": ("donated", "donate", "donates", "donating", "donations", "donation"),
        "es": ("donó", "donaron", "donados", "donadas", "donaciones", "donativos"),
        "fr": ("donnés", "offerts", "dons"),
        "de": ("gespendet", "spendete", "spendeten", "spenden"),
        "zh": ("捐赠", "捐贈", "捐款", "捐出", "捐献", "捐獻"),
    },
    "collected": {
        "en": ("collected", "collect", "collects", "collecting", "raised", "gathered"),
        "es": (
            "recaudó",
            "recaudaron",
            "recaudados",
            "recogió",
            "recogieron",
            "recogidos",
            "recogidas",
            "recolectó",
        ),
        "fr": (
            "collecté",
            "collectés",
            "collectées",
            "récolté",
            "récoltés",
            "récoltées",
            "recueilli",
            "recueillis",
            "recueillies",
        ),
        "de": ("gesammelt", "sammelte", "sammelten", "eingesammelt"),
        "zh": ("筹集", "籌集", "募集", "募得", "筹得", "籌得", "收集"),
    },
    # money given back (tickets, fees, taxes): not sold, not paid
    "refunded": {
        "en": ("refunded", "refund", "refunds", "reimbursed", "repaid", "paid back"),
        "es": (
            "reembolsados",
            "reembolsadas",
            "reembolsó",
            "reembolsaron",
            "reembolsar",
            "reembolso",
            "reembolsos",
            "devolución",
        ),
        "fr": ("remboursés", "remboursées", "remboursé", "rembourser", "remboursement"),
        "de": (
            "erstattet",
            "zurückerstattet",
            "rückerstattet",
            "erstattete",
            "zurückgezahlt",
            "erstatten",
            "erstattung",
            "rückerstattung",
        ),
        "zh": ("退款", "退还", "退還", "退票", "返还", "返還"),
    },
    "fined": {
        "en": ("fined", "fine", "fines"),
        "es": ("multados", "multadas", "multó", "multaron", "multas"),
        "fr": ("amendes", "amendés", "verbalisés", "verbalisées"),
        "de": ("bußgelder", "bußgeld", "geldbußen", "geldstrafen"),
        "zh": ("罚款", "罰款", "罚金", "罰金"),
    },
    "seized": {
        "en": ("seized", "seize", "seizes", "confiscated", "seizure", "seizures"),
        # intervenir: the police's word for seizing ("intervino 2.300 kilos de hachís")
        "es": (
            "incautados",
            "incautadas",
            "incautó",
            "incautaron",
            "decomisados",
            "decomisó",
            "intervino",
            "intervinieron",
            "intervenidos",
            "intervenidas",
        ),
        "fr": ("saisis", "saisies", "saisi", "confisqués", "confisquées", "saisie"),
        "de": ("beschlagnahmt", "sichergestellt", "stellte … sicher", "stellten … sicher"),
        "zh": ("查获", "查獲", "缴获", "繳獲", "没收", "沒收", "查扣"),
    },
    "paid": {
        "en": ("paid", "pay", "pays", "paying", "paid out", "disbursed"),
        "es": ("pagó", "pagaron", "pagados", "pagadas", "abonó", "abonaron", "desembolsó"),
        "fr": ("payé", "payés", "payées", "versé", "versés", "versées"),
        "de": ("gezahlt", "zahlte", "zahlten", "ausgezahlt", "bezahlt", "zahlte … aus"),
        "zh": ("支付", "赔付", "賠付", "赔款", "賠款", "发放", "發放"),
    },
    "recycled": {
        "en": ("recycled", "recycle", "recycles", "recycling"),
        "es": ("reciclados", "recicladas", "recicló", "reciclaron", "reciclaje"),
        "fr": ("recyclé", "recyclés", "recyclées", "recyclage"),
        "de": ("recycelt", "wiederverwertet", "recycling", "verwertet"),
        "zh": ("回收利用", "再生利用", "循环利用", "循環利用"),
    },
    "burned": {
        "en": ("burned", "burnt", "incinerated", "burned down"),
        "es": ("quemados", "quemadas", "incinerados", "incineradas", "calcinadas", "ardieron"),
        "fr": ("brûlés", "brûlées", "incinérés", "incinérées", "incinération"),
        "de": ("verbrannt", "verbrannte", "abgebrannt", "verbrennung"),
        "zh": ("焚烧", "焚燒", "烧毁", "燒毀", "过火", "過火"),
    },
    "landfilled": {
        "en": ("landfilled", "dumped", "sent to landfill"),
        "es": ("vertidos", "enterrados"),
        "fr": ("enfouis", "mis en décharge", "enfouissement"),
        "de": ("deponiert",),
        "zh": ("填埋",),
    },
    "destroyed": {
        "en": ("destroyed", "destroying", "wrecked"),
        "es": ("destruidos", "destruidas", "destruyó", "destruyeron"),
        "fr": ("détruit", "détruits", "détruites"),
        "de": ("zerstört", "zerstörte", "zerstörten"),
        "zh": ("摧毁", "摧毀", "损毁", "損毀", "毁坏", "毀壞"),
    },
    "damaged": {
        "en": ("damaged", "damaging"),
        "es": ("dañados", "dañadas", "dañó"),
        "fr": ("endommagé", "endommagés", "endommagées"),
        "de": ("beschädigt", "beschädigte", "beschädigten"),
        "zh": ("受损", "受損", "损坏", "損壞"),
    },
    "approved": {
        "en": ("approved", "approve", "approves", "granted", "accepted"),
        "es": (
            "aprobó",
            "aprobaron",
            "aprobadas",
            "aprobados",
            "concedió",
            "concedidas",
            "concedidos",
            "aceptadas",
            "aceptados",
        ),
        "fr": (
            "approuvé",
            "approuvés",
            "approuvées",
            "accordé",
            "accordés",
            "accordées",
            "acceptés",
            "acceptées",
        ),
        "de": ("genehmigt", "bewilligt", "anerkannt", "genehmigte", "bewilligte"),
        # 批签发: lot release, vaccine batches the regulator clears for the market
        "zh": ("批准", "获批", "獲批", "核准", "授权", "授權", "批签发", "批簽發"),
    },
    "rejected": {
        "en": ("rejected", "reject", "rejects", "refused", "denied", "turned down"),
        "es": (
            "rechazó",
            "rechazaron",
            "rechazadas",
            "rechazados",
            "denegó",
            "denegadas",
            "denegados",
        ),
        "fr": ("rejeté", "rejetés", "rejetées", "refusé", "refusés", "refusées"),
        "de": ("abgelehnt", "lehnte … ab", "lehnten … ab", "zurückgewiesen", "ablehnungen"),
        "zh": ("驳回", "駁回", "拒绝", "拒絕", "否决", "否決"),
    },
    # charged is not yet convicted, nor acquitted
    "charged": {
        "en": ("charged", "indicted", "prosecuted"),
        "es": ("imputados", "imputadas", "imputó", "procesados", "procesadas"),
        "fr": ("mis en examen", "mises en examen", "inculpés", "inculpées", "poursuivis"),
        "de": ("angeklagt", "klagte … an", "klagten … an", "anklage erhoben"),
        "zh": ("起诉", "起訴", "公诉", "公訴"),
    },
    "convicted": {
        "en": ("convicted", "sentenced", "condemned"),
        "es": ("condenados", "condenadas", "condenó", "condenaron"),
        "fr": ("condamnés", "condamnées", "condamné"),
        "de": ("verurteilt", "verurteilte", "verurteilten"),
        "zh": ("判处", "判處", "定罪", "判刑"),
    },
    "acquitted": {
        "en": ("acquitted",),
        "es": ("absueltos", "absueltas", "absolvió", "absolvieron"),
        "fr": ("acquittés", "acquittées", "acquitté", "relaxés"),
        "de": ("freigesprochen", "sprach … frei", "sprachen … frei"),
        "zh": ("无罪", "無罪"),
    },
    "planted": {
        "en": ("planted", "planting"),
        "es": ("plantó", "plantaron", "plantados", "plantadas"),
        "fr": ("planté", "plantés", "plantées", "plantation", "plantations"),
        "de": ("gepflanzt", "pflanzte", "pflanzten", "aufgeforstet"),
        "zh": ("种植", "種植", "栽种", "栽種", "植树", "植樹", "造林"),
    },
    "felled": {
        "en": ("felled", "cut down", "chopped down"),
        "es": ("talados", "taladas", "taló", "talaron"),
        "fr": ("abattus", "abattu", "abattues", "abattage"),
        "de": ("gefällt", "fällte", "fällten", "abgeholzt", "gerodet"),
        "zh": ("砍伐", "采伐", "採伐"),
    },
    "exported": {
        "en": ("exported", "export", "exports", "exporting"),
        "es": ("exportó", "exportaron", "exportados", "exportadas", "exportaciones"),
        "fr": ("exporté", "exportés", "exportées", "exportations"),
        "de": ("exportiert", "exportierte", "exporte", "ausfuhren"),
        # 进出口 (imports and exports) agrees with either
        "zh": ("出口", "进出口", "進出口"),
    },
    "imported": {
        "en": ("imported", "import", "imports", "importing"),
        "es": ("importó", "importaron", "importados", "importadas", "importaciones"),
        "fr": ("importé", "importés", "importées", "importations"),
        "de": ("importiert", "importierte", "importe", "einfuhren"),
        "zh": ("进口", "進口", "进出口", "進出口"),
    },
    "infected": {
        "en": ("infected", "infections", "infection"),
        "es": ("contagiados", "infectados", "contagios"),
        "fr": ("infectés", "infectées", "contaminés", "contaminées"),
        "de": ("infiziert", "infizierte", "angesteckt", "infektionen", "neuinfektionen"),
        "zh": ("感染", "确诊", "確診"),
    },
    "vaccinated": {
        # doses "administered" are doses given
        "en": (
            "vaccinated",
            "vaccinations",
            "vaccination",
            "immunised",
            "immunized",
            "administered",
        ),
        "es": (
            "vacunados",
            "vacunadas",
            "vacunó",
            "vacunaron",
            "vacunaciones",
            "administradas",
            "administrados",
        ),
        "fr": ("vaccinés", "vaccinées", "vaccinations", "administrées", "administrés"),
        "de": ("geimpft", "impfungen", "verabreicht", "verimpft"),
        "zh": ("接种", "接種"),
    },
    "recovered": {
        "en": ("recovered", "cured"),
        "es": ("recuperados", "curados"),
        "fr": ("guéris", "guéries", "rétablis"),
        "de": ("genesen", "genesene"),
        "zh": ("治愈", "治癒", "康复", "康復", "痊愈", "痊癒"),
    },
    "built": {
        "en": ("built", "build", "builds", "constructed"),
        "es": (
            "construyó",
            "construyeron",
            "construidos",
            "construidas",
            "construirá",
            "construye",
            "construyen",
            "construir",
        ),
        "fr": ("construit", "construits", "construites", "construira", "construire", "bâtis"),
        "de": ("gebaut", "baute", "errichtet", "errichtete", "errichten"),
        "zh": ("建成", "新建", "兴建", "興建"),
    },
    "produced": {
        "en": ("produced", "produce", "produces", "producing", "manufactured", "manufacture"),
        "es": (
            "produjo",
            "produjeron",
            "producidos",
            "producidas",
            "producirá",
            "fabricó",
            "fabricaron",
            "fabricados",
            "fabricadas",
        ),
        "fr": ("produit", "produits", "produites", "fabriqué", "fabriqués", "fabriquées"),
        "de": ("produziert", "produzierte", "produzierten", "hergestellt", "stellte … her"),
        "zh": ("生产", "生產", "产出", "產出", "制造", "製造"),
    },
    "deported": {
        "en": ("deported", "deport", "deportations", "expelled"),
        "es": ("deportados", "deportadas", "deportó", "deportaron", "expulsados", "expulsó"),
        "fr": ("expulsés", "expulsées", "expulsé", "expulsions", "reconduits"),
        "de": ("abgeschoben", "schob … ab", "schoben … ab", "abschiebungen", "ausgewiesen"),
        "zh": ("遣返", "驱逐", "驅逐"),
    },
    "hospitalised": {
        "en": ("hospitalised", "hospitalized", "admitted to hospital"),
        "es": ("hospitalizados", "hospitalizadas"),
        "fr": ("hospitalisés", "hospitalisées", "hospitalisé"),
        "de": ("ins krankenhaus gebracht", "stationär behandelt", "eingeliefert"),
        "zh": ("住院", "入院"),
    },
    "recalled": {
        "en": ("recalled", "recall", "recalls", "recalling"),
        "es": ("retirados del mercado", "llamados a revisión"),
        "fr": ("rappelés", "rappelées"),
        "de": ("zurückgerufen", "rief … zurück", "riefen … zurück", "rückruf"),
        "zh": ("召回",),
    },
    "invested": {
        "en": ("invested", "invest", "invests", "investing", "investment", "investments"),
        "es": (
            "invirtió",
            "invirtieron",
            "invertirá",
            "invertir",
            "invertidos",
            "inversión",
            "inversiones",
        ),
        "fr": ("investi", "investis", "investir", "investira", "investissement", "investissements"),
        "de": ("investiert", "investierte", "investieren", "investition", "investitionen"),
        "zh": ("投资", "投資"),
    },
    "spent": {
        "en": ("spent", "spend", "spends", "spending"),
        "es": ("gastó", "gastaron", "gastará", "gastar", "gastados", "gasto", "gastos"),
        "fr": ("dépensé", "dépensés", "dépenser", "dépensera", "dépenses"),
        "de": ("ausgegeben", "gab … aus", "gaben … aus", "ausgaben"),
        "zh": ("花费", "花費", "支出", "开支", "開支"),
    },
    "saved": {
        "en": ("saved", "save", "saves", "saving"),
        "es": ("ahorró", "ahorraron", "ahorrará", "ahorrar", "ahorrados", "ahorro"),
        "fr": ("économisé", "économisés", "économiser", "économisera", "économies"),
        "de": ("eingespart", "gespart", "einsparen", "sparen", "spart", "einsparungen"),
        "zh": ("节省", "節省", "节约", "節約"),
    },
    # out of custody by their own doing: "17 Gefangene entwichen" is not "released"
    "escaped": {
        "en": ("escaped", "escape", "escapes", "escaping", "absconded", "broke out of"),
        "es": ("fugaron", "fugó", "fugados", "fugadas", "evadieron", "evadió", "evadidos", "fuga"),
        "fr": ("évadés", "évadées", "évadé", "évadée", "évasion", "évasions", "se sont évadés"),
        "de": ("entwichen", "entflohen", "entkommen", "geflüchtet"),
        "zh": ("越狱", "越獄", "脱逃", "脫逃", "逃脱", "逃脫"),
    },
    # done as planned (operations, inspections, tests): "suspendió 1.240 operaciones" is not
    # "performed 1,240 operations"
    "performed": {
        "en": ("performed", "perform", "performs", "performing", "carried out", "conducted"),
        "es": (
            "realizó",
            "realizaron",
            "realizará",
            "practicó",
            "practicaron",
            "practicados",
            "efectuó",
            "efectuaron",
            "efectuados",
        ),
        "fr": ("effectués", "pratiqués"),
        "de": (
            "durchgeführt",
            "führte … durch",
            "führten … durch",
            "führt … durch",
            "vorgenommen",
            "nahm … vor",
            "nahmen … vor",
        ),
        "zh": ("实施", "實施", "完成手术", "完成手術", "开展", "開展"),
    },
    # money set aside for a purpose ("destinará 96 millones de euros a construir"): an outlay
    "allocated": {
        "en": ("allocated", "allocate", "allocates", "earmarked", "earmark", "set aside"),
        "es": (
            "destinará",
            "destinó",
            "destinaron",
            "destinar",
            "destina",
            "destinados",
            "asignó",
            "asignará",
            "asignaron",
            "asignar",
            "asignados",
        ),
        "fr": (
            "alloués",
            "allouera",
            "allouer",
            "consacrera",
            "consacrés",
            "consacrer",
            "débloqué",
            "débloqués",
            "débloquée",
            "débloquées",
            "débloquera",
            "débloquer",
        ),
        "de": (
            "bereitgestellt",
            "stellt … bereit",
            "stellte … bereit",
            "stellten … bereit",
            "veranschlagt",
            "eingeplant",
        ),
        "zh": ("拨付", "撥付", "拨款", "撥款", "安排资金", "安排資金"),
    },
    "demolished": {
        "en": ("demolished", "torn down", "razed", "demolish"),
        "es": (
            "demolidos",
            "demolidas",
            "demolió",
            "demolieron",
            "derribados",
            "derribadas",
            "derribó",
            "derribaron",
        ),
        "fr": ("démolis", "démolies", "démoli", "rasés"),
        "de": ("abgerissen", "riss … ab", "rissen … ab"),
        "zh": ("拆除", "拆毁", "拆毀"),
    },
    # dev11 (what dev_from_heldout6/7 left): events of topics to come, each in five languages
    # (ordering, applying, installing, shortening, adopting, giving back)
    # verbs only: an order, pedidos, commandes, Bestellungen, 订单 are also what a firm
    # "received" ("erhielt einen Auftrag über zwölf Flugzeuge": received an order for twelve)
    # English "ordered" alone is as often a command ("the court ordered 12 firms to pay"):
    # only the phrases of buying
    "ordered": {
        "en": ("placed orders for", "placed an order for", "has placed orders for"),
        "es": ("encargó", "encargaron", "encargados", "encargadas"),
        "fr": ("commandé", "commandés", "commandées"),
        "de": ("bestellt", "bestellte", "bestellten", "geordert", "orderte"),
        "zh": ("订购", "訂購", "订货", "訂貨"),
    },
    # verbs only: applications, solicitudes, demandes, Anträge are what an office "received"
    "applied": {
        # "applied" alone is also of a rule or a tariff ("applied to 3,000 products")
        "en": ("applied for", "apply for", "applying for", "requested", "asked for"),
        "es": (
            "solicitaron",
            "solicitó",
            "solicitados",
            "solicitadas",
            "pidieron",
        ),
        "fr": ("demandé", "demandés", "demandées", "sollicité", "sollicités"),
        "de": ("beantragt", "beantragte", "beantragten"),
        # 申请 alone is also the noun (专利申请案, 申请量: applications received)
        "zh": ("提出申请", "提出申請", "递交申请", "遞交申請", "申请了", "申請了"),
    },
    "installed": {
        "en": ("installed", "install", "installing", "fitted"),
        "es": ("instalados", "instaladas", "instaló", "instalaron"),
        "fr": ("installés", "installées", "installé"),
        "de": ("installiert", "installierte", "eingebaut", "montiert", "baute … ein"),
        "zh": ("安装", "安裝", "加装", "加裝"),
    },
    "shortened": {
        "en": ("shortened", "cut short", "curtailed"),
        "es": ("acortados", "acortadas", "acortó", "acortaron"),
        "fr": ("écourtés", "écourtées", "écourté", "raccourcis", "raccourcies"),
        "de": ("verkürzt", "verkürzte", "verkürzten"),
        "zh": ("缩短", "縮短"),
    },
    "adopted": {
        "en": ("adopted", "adoptions"),
        "es": ("adoptados", "adoptadas", "adopciones"),
        "fr": ("adoptés", "adoptées", "adoptions"),
        "de": ("adoptiert", "adoptionen"),
        "zh": ("领养", "領養", "收养", "收養"),
    },
    "returned": {
        "en": ("returned", "handed back", "given back"),
        "es": ("devueltos", "devueltas", "devolvió", "devolvieron", "restituidos"),
        "fr": ("restitués", "restituées"),
        "de": ("zurückgegeben", "zurückgebracht", "gab … zurück", "gaben … zurück"),
        "zh": ("归还", "歸還"),
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

# English verbs whose particle "up" says nothing of a rise ("set up", "made up 45%").
_PHRASAL_UP: Final = re.compile(
    r"(?<![^\W\d_])(?:set|sets|setting|made|make|makes|making|end|ends|ended|take|takes|took|"
    r"taken|sign|signs|signed|build|builds|built|lock|"
    r"locked|tie|tied|sum|summed|add|adds|added|adding|draw|drew|drawn|draws|"
    r"put|puts|line|lined|back|backed|shore|shored|free|freed|wrap|wrapped)\s+$",
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
    "married": "entered",  # "129.000 Ehen geschlossen": marriages concluded, couples married
    "concluded": "entered",
    "received": "took in",  # a charity "received" or "raised" 150 billion yuan
    "collected": "took in",
    "built": "made",  # 新建 30 所学校: "built" or "added" 30 schools
    "created": "made",
    "produced": "made",  # "gebaut" cars are "built" or "produced"
    # money going out: "investieren" rendered "spend", 支付 rendered "spent"
    "invested": "outlay",
    "spent": "outlay",
    "paid": "outlay",
    "allocated": "outlay",  # "destinará 96 millones": "will spend 96 million"
    "installed": "made",  # 新装 rendered "installed", "built" or "added"
    # an order is rendered "bought" or "purchased" as often as "ordered"
    "ordered": "purchase",
    "bought": "purchase",
}

#: Event classes that say the same as another only of money: money "delivered" (entregó
#: bonos por 45.600 millones de pesos, handed out) is money paid out; delivered parcels are not.
MONEY_EVENT_FAMILY: Final[dict[str, str]] = {
    "delivered": "outlay",
    # funds "released" (débloqué, liberó, freigegeben) are funds allocated or paid out;
    # prisoners released are not
    "released": "outlay",
}
_MONEY_FAMILY: Final[dict[str, str]] = {**EVENT_FAMILY, **MONEY_EVENT_FAMILY}

#: Pairs of event classes one of which is the broader word of the other: 处罚 (penalised) is
#: rendered "fined", and "fined" is a penalty, but not a closure: 关停 (closed) rendered "fined"
#: is a change, though closed and penalised are one family.
EVENT_NEAR: Final = frozenset(
    {
        frozenset({"fined", "penalised"}),
        frozenset({"adopted", "approved"}),  # laws "adoptées" are laws passed
        frozenset({"returned", "refunded"}),  # money given back
        frozenset({"returned", "deported"}),  # migrants "returned" to their country
    }
)

_CJK: Final = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LANGUAGES: Final = ("en", "es", "fr", "de", "zh")


#: A German separable verb is written "nahm … fest": its stem before the figure, its particle
#: after it ("Die Polizei nahm 27 Verdächtige fest").
SEPARATED: Final = " … "


def _index(
    classes: dict[str, dict[str, tuple[str, ...]]], language: str, extra: dict[str, str]
) -> dict[str, str]:
    """form -> class for one language (every language for one we do not list). A form two
    classes list names both, joined by ``|`` ("geschlossen": closed|concluded, as a shop is
    closed and a marriage concluded): it agrees with either."""
    chosen = (language,) if language in _LANGUAGES else _LANGUAGES
    ours: dict[str, str] = {}

    def add(form: str, name: str) -> None:
        known = ours.get(form, "")
        if name not in known.split("|"):
            ours[form] = f"{known}|{name}" if known else name

    for name, by_language in classes.items():
        for code in chosen:
            for form in by_language.get(code, ()):
                add(form.lower(), name)
                if classes is EVENT_CLASSES:
                    for other in participle_forms(form.lower(), code):
                        if other not in ours:
                            add(other, name)
                if code == "de" and classes is ALL_NOUN_CLASSES:
                    dative = _german_dative_plural(form.lower())
                    if dative and dative not in ours:
                        add(dative, name)
    return {**{k.lower(): v for k, v in extra.items()}, **ours}


_PARTICIPLE_ENDINGS: Final = {
    "es": (("ados", "adas", "ado", "ada"), ("idos", "idas", "ido", "ida")),
    "fr": (("ées", "és", "ée", "é"),),
}


def participle_forms(form: str, language: str) -> list[str]:
    """The other genders and numbers of a Spanish or French past participle an event lists
    ("detenidos": detenido, detenida, detenidas; "annulés": annulé, annulée, annulées), so
    a feminine or singular noun does not hide its event; [] for any other form."""
    if " " in form:
        return []
    for endings in _PARTICIPLE_ENDINGS.get(language, ()):
        for ending in endings:  # longest first within each set
            stem = form[: -len(ending)]
            if form.endswith(ending) and len(stem) >= 3:
                return [stem + e for e in endings if e != ending]
    return []


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


#: German nouns that end compounds of other things (Kaufhäuser, Arbeitsmarkt, Finanzmärkte,
#: Flüchtlingslager, Controller, Bankgeschäfte): read only as whole words.
_NOT_HEADS: Final = frozenset(
    {
        "häuser",
        "häusern",
        "markt",
        "märkte",
        "märkten",
        "lager",
        "roller",
        "rollern",
        "geschäft",
        "geschäfte",
        "geschäften",
        # Haltestellen, Tankstellen, Baustellen are not jobs
        "stellen",
        # Strompreis, Schwein(e), Diebstahl are not rice, wine, steel
        "reis",
        "wein",
        "stahl",
        "weine",
        "weinen",
    }
)


@cache
def _pattern(kind: str, language: str) -> tuple[re.Pattern[str], dict[str, str]]:
    if kind == "noun":
        forms = _index(ALL_NOUN_CLASSES, language, {})
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
    if kind == "noun" and language == "de":
        # a German compound is named by its last noun: Grundschüler, Kinobesucher, Postpakete
        heads = [f for f in latin if " " not in f and len(f) >= 4 and f not in _NOT_HEADS]
        branches.append(rf"(?<=[^\W\d_]{{3}})(?:{alternation_trie(heads)})(?![^\W\d_])")
    if chinese:
        branches.append(alternation_trie(chinese))
    return re.compile("|".join(branches) or "(?!)", re.IGNORECASE), forms


def _key(found: str) -> str:
    return " ".join(found.lower().split())


def noun_classes(phrase: str, language: str) -> frozenset[str]:
    """The noun classes ``phrase`` names ("clientes de fibra", "es" -> {"fibre"})."""
    pattern, forms = _pattern("noun", language)
    return frozenset(
        name for m in pattern.finditer(phrase) for name in forms[_key(m.group(0))].split("|")
    )


def head_classes(phrase: str, language: str) -> frozenset[str]:
    """The noun classes of the head of a Chinese noun phrase, its last noun a class lists
    (限额以上餐饮企业门店: the stores of catering firms, 门店, not the firms); of any other
    language's phrase, all of its classes ("120.000 clientes de fibra")."""
    pattern, forms = _pattern("noun", language)
    found = list(pattern.finditer(phrase))
    if language == "zh" and found:
        found = found[-1:]
    if language == "zh" and not found:
        return _chinese_head_character(phrase)
    return frozenset(name for m in found for name in forms[_key(m.group(0))].split("|"))


#: The last character of a Chinese noun phrase no class lists, when it names a kind of place
#: whatever comes before it (便利店, 书店: stores; 纺织厂, 钢厂: factories; 铁矿: mines), except
#: after the characters that make it something else (饭店, 酒店: restaurants or hotels; 电厂,
#: 水厂: power and water plants; 高校: universities). A plant or a mine is often named for the
#: firm that runs it (钢厂 rendered "steelmakers"): it agrees with companies too.
_CHINESE_HEADS: Final[dict[str, tuple[frozenset[str], str]]] = {
    "店": (frozenset({"store"}), "饭飯酒"),
    "铺": (frozenset({"store"}), ""),
    "鋪": (frozenset({"store"}), ""),
    "厂": (frozenset({"factory", "company"}), "电水船"),
    "廠": (frozenset({"factory", "company"}), "電水船"),
    "矿": (frozenset({"mine", "company"}), ""),
    "礦": (frozenset({"mine", "company"}), ""),
}


def _chinese_head_character(phrase: str) -> frozenset[str]:
    phrase = phrase.strip()
    head = _CHINESE_HEADS.get(phrase[-1:])
    if head is None or len(phrase) < 2 or phrase[-2] in head[1]:
        return frozenset()
    return head[0]


#: The German first parts of compounds that name a good or an animal (Schweinehalter,
#: Milchbauern, Kaffeeröster, Geflügelzüchter): stem -> class. Only stems that begin no common
#: word of something else (not Reis-, Wein-, Tee-, Mais-, Öl-: Reise, Weinen, Teenager,
#: Maisonette).
GERMAN_MODIFIERS: Final = {
    "schweine": "pig",
    "schwein": "pig",
    "ferkel": "pig",
    "geflügel": "poultry",
    "hühner": "poultry",
    "hähnchen": "poultry",
    "legehennen": "poultry",
    "puten": "poultry",
    "rinder": "cattle",
    "milchvieh": "cattle",
    "milchkuh": "cattle",
    "schaf": "sheep",
    "milch": "milk",
    "kaffee": "coffee",
    "kakao": "cocoa",
    "weizen": "wheat",
    "zucker": "sugar",
    "käse": "cheese",
    "fleisch": "meat",
    "fisch": "fish",
    "honig": "honey",
    "baumwoll": "cotton",
    "stahl": "steel",
    "zement": "cement",
    "eier": "eggs",
}
_GERMAN_MODIFIER: Final = re.compile(
    r"(?<![^\W\d_])(" + "|".join(sorted(GERMAN_MODIFIERS, key=len, reverse=True)) + r")"
    r"(?=[^\W\d_]{4,})",
    re.IGNORECASE,
)


def german_modifiers(phrase: str) -> frozenset[str]:
    """The classes of the first parts of the German compounds in ``phrase`` that name a good
    or an animal ("1.840 Schweinehalter": pig, beside the head's farmer)."""
    return frozenset(
        GERMAN_MODIFIERS[m.group(1).lower()] for m in _GERMAN_MODIFIER.finditer(phrase)
    )


def nouns_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two sides' noun classes may count the same thing: a class in common, "person"
    beside any class that counts people ("30 Tote" rendered "30 people killed", but not
    "140.000 familias" rendered "140,000 people"), or two classes a careful translation
    renders one by the other (:data:`NOUN_NEAR`)."""
    for group in (GOODS_CLASSES, PEOPLE_QUALIFIERS):
        kind_a, kind_b = a & group, b & group
        if (
            kind_a
            and kind_b
            and not kind_a & kind_b
            and not any(frozenset((x, y)) in NOUN_NEAR for x in kind_a for y in kind_b)
        ):
            # "Schweinehalter" are not "poultry farmers", though both are farmers; boursiers
            # are not students "from abroad"
            return False
    if not a - PEOPLE_QUALIFIERS or not b - PEOPLE_QUALIFIERS:
        return True  # "312 000 boursiers" rendered "312,000 students": which ones, unsaid
    if a & b:
        return True
    if ("person" in a and b & PERSON_CLASSES) or ("person" in b and a & PERSON_CLASSES):
        return True
    return any(frozenset((x, y)) in NOUN_NEAR for x in a for y in b)


def events_in(text: str, language: str) -> list[tuple[int, int, str]]:
    """(start, end, class) of every event form of ``language`` in ``text``, in order."""
    pattern, forms = _pattern("event", language)
    return [(m.start(), m.end(), forms[_key(m.group(0))]) for m in pattern.finditer(text)]


def same_event(a: str, b: str, money: bool = False) -> bool:
    """Whether two event classes (either possibly two joined by ``|``) may say the same;
    ``money`` when both figures are sums of money (:data:`MONEY_EVENT_FAMILY`)."""
    family = _MONEY_FAMILY if money else EVENT_FAMILY
    return any(
        family.get(x, x) == family.get(y, y) or frozenset((x, y)) in EVENT_NEAR
        for x in a.split("|")
        for y in b.split("|")
    )


def directions_in(text: str, language: str) -> list[tuple[int, int, str]]:
    """(start, end, "rose" or "fell") of every word of ``language`` in ``text`` that says
    which way a figure moved, in order; "more than", "más de" (hedges) left out."""
    pattern, forms = _pattern("direction", language)
    found = []
    for m in pattern.finditer(text):
        word = _key(m.group(0))
        if word in _HEDGE_WORDS and _HEDGE_FOLLOWS.match(text, m.end()):
            continue
        if word == "up" and _PHRASAL_UP.search(text, max(0, m.start() - 12), m.start()):
            continue  # "set up 250 production lines", "made up 45%": no rise
        found.append((m.start(), m.end(), forms[word]))
    return found
