"""Writes briefs.jsonl and gold.jsonl of the held-out "late-blind" set (annotated blind, see NOTES.md).

Ten briefs, one per news genre (vote, strike, acquisition, private investment, infrastructure opening,
disaster, appointment, economic indicator, court verdict, border treaty during a state visit), from
Suisse, Belgique, Luxembourg, Sénégal, Côte d'Ivoire, Cameroun, Madagascar, Maroc, Tunisie and
Kirghizstan/Tadjikistan. Every date, quantity and trigger quoted in the gold is asserted to be
written byte for byte in its brief (goldkit.write_set).
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # goldkit.py, shared by the held-out sets
from goldkit import dt, ev, org, pl, q, write_set  # noqa: E402

B = []  # (id, date or None, headline, text, gold-without-index/headline/lede_start)


# 1 legislation (popular vote) — Suisse
q1 = q("58,2 %", 58.2, "%")
B.append(("lb01", "2024-03-04",
 "Suisse : les électeurs accordent une 13e rente AVS aux retraités",
 "Les électeurs suisses ont approuvé dimanche, par 58,2 % des voix, l’initiative populaire pour une 13e rente AVS, lancée par l’Union syndicale suisse (USS) avec des associations de retraités et de femmes. Le texte, qui obtient aussi la majorité des cantons, augmentera de 8,3 % la rente annuelle de chaque retraité ; le Jura l’a plébiscité à 82 %, alors qu’Appenzell Rhodes-Intérieures l’a rejeté à 69 %. Jamais une initiative syndicale sur l’AVS n’avait passé la rampe, et le Conseil fédéral doit présenter cette année encore la manière de la financer.",
 dict(organisations=[org("Union syndicale suisse", ["USS"], "CH"),
                     org("Conseil fédéral", ["Conseil fédéral suisse"], "CH")],
      places=[pl("Suisse", "CH", "country"), pl("Jura", "CH", "region"),
              pl("Appenzell Rhodes-Intérieures", "CH", "region")],
      dates=[dt("dimanche", "2024-03-03"), dt("cette année", "2024")],
      quantities=[q1, q("8,3 %", 8.3, "%"), q("82 %", 82, "%"), q("69 %", 69, "%")],
      events=[ev("legislation", "ont approuvé", "2024-03-03", None, "CH", None, None, "CH", [q1])])))

# 2 other (national strike) — Belgique
B.append(("lb02", "2025-11-26",
 "Belgique : aucun avion au départ de Zaventem, paralysé par la grève",
 "La FGTB et la CSC ont mené mercredi une journée de grève nationale contre les réformes du gouvernement belge, point d’orgue d’un mouvement de trois jours. Aucun vol n’a décollé de Zaventem, le premier aéroport du pays, où 110 arrivées ont été annulées et 93 maintenues ; c’est la septième fois cette année que des actions syndicales nationales y perturbent le trafic. D’après les estimations reprises par l’aéroport, chaque paralysie de ce genre coûterait 25 millions d’euros à l’économie belge.",
 dict(organisations=[org("Fédération générale du travail de Belgique", ["FGTB"], "BE"),
                     org("Confédération des syndicats chrétiens", ["CSC"], "BE"),
                     org("Gouvernement de la Belgique", ["gouvernement belge"], "BE")],
      places=[pl("Belgique", "BE", "country"), pl("Zaventem", "BE", "city")],
      dates=[dt("mercredi", "2025-11-26"), dt("cette année", "2025")],
      quantities=[q("trois jours", 3, "jour"), q("110 arrivées", 110, "arrivée"), q("93", 93, "arrivée"),
                  q("25 millions d’euros", 25000000, "EUR")],
      events=[ev("other", "une journée de grève nationale", "2025-11-26", "Fédération générale du travail de Belgique",
                 "BE", None, None, "BE", [])])))

# 3 investment (acquisition of a company) — Luxembourg
q3a = q("3,1 milliards de dollars", 3100000000, "USD"); q3b = q("2,8 milliards d’euros", 2800000000, "EUR")
B.append(("lb03", "2024-04-30",
 "Satellites : SES s’offre son rival Intelsat",
 "L’opérateur luxembourgeois de satellites SES, basé à Betzdorf, a annoncé mardi le rachat de la totalité de son concurrent américain Intelsat, pour 3,1 milliards de dollars (2,8 milliards d’euros). Approuvée à l’unanimité par les conseils d’administration des deux groupes, la transaction attend encore le feu vert des régulateurs, espéré d’ici le second semestre 2025. Le nouvel ensemble, qui gardera son siège au Luxembourg, exploitera plus de 100 satellites géostationnaires et vise un chiffre d’affaires de 3,8 milliards d’euros ; Intelsat s’était placé sous la protection du chapitre 11 en mai 2020.",
 dict(organisations=[org("SES", ["SES S.A."], "LU"), org("Intelsat", [], "US")],
      places=[pl("Betzdorf", "LU", "city"), pl("Luxembourg", "LU", "country")],
      dates=[dt("mardi", "2024-04-30"), dt("second semestre 2025", "2025-07/2025-12"), dt("mai 2020", "2020-05")],
      quantities=[q3a, q3b, q("deux groupes", 2, "groupe"), q("plus de 100 satellites", 100, "satellite"),
                  q("3,8 milliards d’euros", 3800000000, "EUR")],
      events=[ev("investment", "a annoncé mardi le rachat", "2024-04-30", "SES", "LU", "Intelsat", "Betzdorf", "LU",
                 [q3a, q3b])])))

# 4 investment (private industrial zone, frame: first-stone ceremony) — Sénégal
q4a = q("plus de 83 milliards de francs CFA", 83000000000, "XOF"); q4b = q("environ 150,2 millions de dollars", 150200000, "USD")
B.append(("lb04", "2026-01-28",
 "Sénégal : une zone industrielle privée sort de terre à Sendou",
 "Le groupe Senegindia SA, basé à Dakar, a engagé mardi plus de 83 milliards de francs CFA, soit environ 150,2 millions de dollars, dans l’aménagement d’une zone industrielle à Sendou, à l’occasion de la pose de la première pierre par le président Bassirou Diomaye Faye. Étendu sur 276 hectares près de Bargny, le site doit accueillir de 400 à 450 unités industrielles et créer entre 22.000 et 24.000 emplois. Selon le chef de l’État, c’est la première fois qu’une entreprise privée aménage elle-même une zone industrielle au Sénégal.",
 dict(organisations=[org("Senegindia SA", ["Senegindia"], "SN")],
      places=[pl("Sénégal", "SN", "country"), pl("Sendou", "SN", "city"), pl("Dakar", "SN", "city"),
              pl("Bargny", "SN", "city")],
      dates=[dt("mardi", "2026-01-27")],
      quantities=[q4a, q4b, q("276 hectares", 276, "ha"), q("400", 400, "unité"), q("450 unités industrielles", 450, "unité"),
                  q("22.000", 22000, "emploi"), q("24.000 emplois", 24000, "emploi")],
      events=[ev("investment", "a engagé", "2026-01-27", "Senegindia SA", "SN", None, "Sendou", "SN", [q4a, q4b])])))

# 5 commissioning (bridge opened, passive with agent) — Côte d'Ivoire
q5 = q("1,4 kilomètre", 1.4, "km")
B.append(("lb05", "2024-01-11",
 "Abidjan : le quatrième pont ouvert avant la CAN",
 "À Abidjan, le quatrième pont de la ville a été ouvert à la circulation mercredi par le Premier ministre ivoirien, Robert Beugré Mambé, trois jours avant le coup d’envoi de la Coupe d’Afrique des nations. Long de près de 1,4 kilomètre, l’ouvrage à péage relie la commune populaire de Yopougon au Plateau, le quartier des affaires, en enjambant la baie du Banco. Réalisé par China State Construction Engineering Corporation (CSCEC), le projet a coûté 142 milliards de francs CFA, dont 103 milliards prêtés par la Banque africaine de développement (BAD).",
 dict(organisations=[org("China State Construction Engineering Corporation", ["CSCEC"], "CN"),
                     org("Banque africaine de développement", ["BAD"], None)],
      places=[pl("Abidjan", "CI", "city"), pl("Yopougon", "CI", "city"), pl("Plateau", "CI", "city"),
              pl("baie du Banco", "CI", "site")],
      dates=[dt("mercredi", "2024-01-10")],
      quantities=[q("trois jours", 3, "jour"), q5, q("142 milliards de francs CFA", 142000000000, "XOF"),
                  q("103 milliards", 103000000000, "XOF")],
      events=[ev("commissioning", "a été ouvert à la circulation", "2024-01-10", "Robert Beugré Mambé", "CI", None,
                 "Abidjan", "CI", [q5])])))

# 6 other (landslide) — Cameroun
q6 = q("12 morts", 12, "mort")
B.append(("lb06", "2024-11-11",
 "Cameroun : le bilan de l’éboulement de la falaise monte à 12 morts",
 "Deux éboulements successifs ont enseveli le 5 novembre des véhicules, des engins de chantier et des passants sur la route de la falaise, près de Dschang, dans la région de l’Ouest du Cameroun, faisant au moins 12 morts selon le bilan publié dimanche par la mairie de Dschang. Survenu alors que des équipes dégageaient la chaussée de l’axe Dschang-Santchou après le premier, le second glissement de terrain a englouti quatre bus, trois engins et cinq véhicules de tourisme. Une cinquantaine de personnes restaient portées disparues, et les familles ont été invitées à se signaler à la gendarmerie.",
 dict(organisations=[org("Mairie de Dschang", ["Commune de Dschang"], "CM")],
      places=[pl("Dschang", "CM", "city"), pl("Ouest", "CM", "region"), pl("Cameroun", "CM", "country"),
              pl("Santchou", "CM", "city")],
      dates=[dt("5 novembre", "2024-11-05"), dt("dimanche", "2024-11-10")],
      quantities=[q("Deux éboulements", 2, "éboulement"), q6, q("quatre bus", 4, "bus"), q("trois engins", 3, "engin"), q("cinq véhicules", 5, "véhicule"),
                  q("Une cinquantaine de personnes", 50, "personne")],
      events=[ev("other", "Deux éboulements successifs ont enseveli", "2024-11-05", None, None, None, "Dschang", "CM",
                 [q6])])))

# 7 government_decision (appointment) — Madagascar
B.append(("lb07", "2025-10-21",
 "Madagascar : un banquier nommé à la tête du gouvernement",
 "Le colonel Michael Randrianirina, qui a prêté serment vendredi devant la Haute Cour constitutionnelle (HCC), a nommé lundi par décret l’homme d’affaires Herintsalama Rajaonarivelo au poste de Premier ministre de Madagascar. Ancien président du conseil d’administration de la banque BNI Madagascar, le nouveau chef du gouvernement succède au général Ruphin Fortunat Zafisambo, nommé le 6 octobre par Andry Rajoelina. Le choix a été arrêté après consultation de l’Assemblée nationale, conformément à l’article 54 de la Constitution, a fait valoir le nouveau chef de l’État.",
 dict(organisations=[org("Haute Cour constitutionnelle", ["HCC"], "MG"), org("BNI Madagascar", ["BNI"], "MG"),
                     org("Assemblée nationale de Madagascar", ["Assemblée nationale"], "MG")],
      places=[pl("Madagascar", "MG", "country")],
      dates=[dt("vendredi", "2025-10-17"), dt("lundi", "2025-10-20"), dt("6 octobre", "2025-10-06")],
      quantities=[],
      events=[ev("government_decision", "a nommé lundi par décret", "2025-10-20", "Michael Randrianirina", "MG", None,
                 None, "MG", [])])))

# 8 economic_indicator (publication day « vendredi », period 2024) — Maroc
q8 = q("117,71 milliards de dirhams", 117710000000, "MAD")
B.append(("lb08", "2025-02-01",
 "Maroc : nouveau record pour les transferts des MRE en 2024",
 "Les transferts des Marocains résidant à l’étranger (MRE) ont atteint 117,71 milliards de dirhams l’an passé, en hausse de 2,1 % par rapport à 2023, selon les indicateurs des échanges extérieurs publiés vendredi par l’Office des changes. Première source de devises du royaume, ces envois étaient tombés à 68,14 milliards de dirhams en 2020, sous l’effet de la crise sanitaire, avant de remonter à 95,48 milliards en 2021 puis à 110,7 milliards en 2022.",
 dict(organisations=[org("Office des changes", ["Office des changes du Maroc"], "MA")],
      places=[pl("Maroc", "MA", "country")],
      dates=[dt("2024", "2024"), dt("2023", "2023"), dt("vendredi", "2025-01-31"),
             dt("2020", "2020"), dt("2021", "2021"), dt("2022", "2022")],
      quantities=[q8, q("2,1 %", 2.1, "%"), q("68,14 milliards de dirhams", 68140000000, "MAD"),
                  q("95,48 milliards", 95480000000, "MAD"), q("110,7 milliards", 110700000000, "MAD")],
      events=[ev("economic_indicator", "ont atteint 117,71 milliards de dirhams", "2025-01-31", "Office des changes",
                 "MA", None, None, "MA", [q8])])))

# 9 other (court verdict) — Tunisie
q9a = q("une quarantaine d’accusés", 40, "accusé"); q9b = q("13", 13, "an"); q9c = q("66 ans", 66, "an")
B.append(("lb09", "2025-04-20",
 "Tunisie : jusqu’à 66 ans de prison dans l’affaire du « complot »",
 "La justice tunisienne a condamné samedi à l’aube, à Tunis, une quarantaine d’accusés à des peines de 13 à 66 ans de prison dans l’affaire dite du « complot contre la sûreté de l’État ». Le verdict a été communiqué à l’agence Tunis Afrique Presse (TAP) par le parquet du Pôle judiciaire de lutte contre le terrorisme, qui retient notamment l’appartenance à une entente terroriste. Parmi les condamnés figurent l’ancien ministre Ghazi Chaouachi et l’homme d’affaires Kamel Eltaïef ; la plupart des prévenus avaient été arrêtés à partir de février 2023.",
 dict(organisations=[org("Tunis Afrique Presse", ["TAP"], "TN"),
                     org("Pôle judiciaire de lutte contre le terrorisme", [], "TN")],
      places=[pl("Tunisie", "TN", "country"), pl("Tunis", "TN", "city")],
      dates=[dt("samedi", "2025-04-19"), dt("février 2023", "2023-02")],
      quantities=[q9a, q9b, q9c],
      events=[ev("other", "a condamné", "2025-04-19", None, "TN", None, "Tunis", "TN", [q9a, q9b, q9c])])))

# 10 agreement (border treaty signed during a state visit) — Kirghizstan / Tadjikistan
B.append(("lb10", "2025-03-14",
 "Le Kirghizstan et le Tadjikistan signent enfin leur traité frontalier",
 "Le président kirghiz Sadyr Japarov et son homologue tadjik Emomali Rahmon ont signé jeudi à Bichkek le traité sur la frontière d’État entre leurs deux pays, au deuxième jour de la visite d’État du dirigeant tadjik. Le texte clôt des négociations ouvertes en décembre 2002 sur une frontière d’environ 980 kilomètres, où plus de dix affrontements graves ont éclaté depuis 2014, le dernier à l’automne 2022. Dans la foulée, un appareil de la compagnie tadjike Somon Air parti de Douchanbé s’est posé à Bichkek, rouvrant la liaison aérienne directe entre les deux capitales.",
 dict(organisations=[org("Somon Air", [], "TJ")],
      places=[pl("Kirghizstan", "KG", "country"), pl("Tadjikistan", "TJ", "country"), pl("Bichkek", "KG", "city"),
              pl("Douchanbé", "TJ", "city")],
      dates=[dt("jeudi", "2025-03-13"), dt("décembre 2002", "2002-12"), dt("2014", "2014"),
             dt("l’automne 2022", "2022-FA")],
      quantities=[q("deux pays", 2, "pays"), q("environ 980 kilomètres", 980, "km"),
                  q("plus de dix affrontements", 10, "affrontement"), q("deux capitales", 2, "capitale")],
      events=[ev("agreement", "ont signé", "2025-03-13", "Sadyr Japarov", "KG", "Emomali Rahmon", "Bichkek", "KG",
                 [])])))


if __name__ == "__main__":  # not at import: pytest imports this file
    write_set(Path(__file__).resolve().parent, B)
