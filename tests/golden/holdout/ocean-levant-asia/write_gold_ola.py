"""Writes briefs.jsonl and gold.jsonl of the held-out "ocean-levant-asia" set (annotated blind, see NOTES.md).

Ten briefs from places and stories no other gold set covers (Madagascar, Comores, Liban, Syrie–Jordanie,
Tchad, Cambodge, Suisse romande, Congo, RDC, Haïti), one genre each. Every date, quantity and trigger
quoted in the gold is asserted to be written byte for byte in its brief.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # goldkit.py, shared by the held-out sets
from goldkit import dt, ev, org, pl, q, write_set  # noqa: E402

B = []  # (id, date, headline, text, gold-without-index/headline/lede_start)


# 1 investment (financing signed as agreements) — Madagascar
q1 = q("490 millions de dollars", 490000000, "USD")
B.append(("ola01", "2021-07-22",
 "Madagascar : 490 millions de dollars de la Banque mondiale pour la relance",
 "La Banque mondiale et le gouvernement malgache ont signé mercredi 21 juillet, au palais d’État d’Iavoloha, quatre accords de financement d’un total de 490 millions de dollars, en dons et en prêts. Selon le ministre de l’Économie, Richard Randriamandrato, 100 millions de dollars serviront à acheter des vaccins et à renforcer le système de santé, et un don d’urgence de 40 millions ira à une agriculture durable. Le reste financera le tourisme, l’agro-industrie et l’entretien de 1 200 km de routes, dans le cadre d’une enveloppe de plus d’un milliard de dollars promise par l’institution.",
 dict(organisations=[org("Banque mondiale", [], None),
                     org("Gouvernement de Madagascar", ["gouvernement malgache"], "MG")],
      places=[pl("Madagascar", "MG", "country"), pl("Iavoloha", "MG", "site")],
      dates=[dt("mercredi 21 juillet", "2021-07-21")],
      quantities=[q("quatre accords", 4, "accord"), q1, q("100 millions de dollars", 100000000, "USD"),
                  q("40 millions", 40000000, "USD"), q("1 200 km", 1200, "km"),
                  q("plus d’un milliard de dollars", 1000000000, "USD")],
      events=[ev("investment", "ont signé", "2021-07-21", "Banque mondiale", None, "Gouvernement de Madagascar",
                 "Iavoloha", "MG", [q1])])))

# 2 election (type other, as an election result elsewhere in the gold) — Comores
q2 = q("62,97 %", 62.97, "%")
B.append(("ola02", "2024-01-17",
 "Comores : Azali Assoumani réélu dès le premier tour, selon la CENI",
 "Le président sortant des Comores, Azali Assoumani, a remporté dès le premier tour la présidentielle de dimanche avec 62,97 % des suffrages exprimés, selon les résultats provisoires publiés mardi par la Commission électorale nationale indépendante (CENI). Son principal adversaire, Salim Issa Abdillah, du parti Juwa, recueille 20,26 %, et la participation n’a pas dépassé 16,30 % des 338 940 inscrits. Les partisans du chef de l’État ont fêté la victoire à Moroni ; la Cour suprême a quinze jours pour proclamer les résultats définitifs.",
 dict(organisations=[org("Commission électorale nationale indépendante", ["CENI"], "KM"),
                     org("Juwa", ["parti Juwa"], "KM"),
                     org("Cour suprême", ["Cour suprême des Comores"], "KM")],
      places=[pl("Comores", "KM", "country"), pl("Moroni", "KM", "city")],
      dates=[dt("dimanche", "2024-01-14"), dt("mardi", "2024-01-16")],
      quantities=[q2, q("20,26 %", 20.26, "%"), q("16,30 %", 16.30, "%"), q("338 940 inscrits", 338940, "inscrit"),
                  q("quinze jours", 15, "jour")],
      events=[ev("other", "a remporté", "2024-01-14", "Azali Assoumani", "KM", None, None, "KM", [q2])])))

# 3 appointment (government_decision) — Liban
B.append(("ola03", "2025-03-28",
 "Liban : Karim Souhaid nommé à la tête de la banque centrale",
 "Réuni jeudi au palais de Baabda, le Conseil des ministres libanais a nommé le gestionnaire de fonds Karim Souhaid gouverneur de la Banque du Liban (BDL), par 17 voix sur 24. Soutenu par le président Joseph Aoun, il n’avait pas l’appui du Premier ministre, Nawaf Salam, qui s’est abstenu en invoquant la défense des déposants. Le poste était vacant depuis la fin du mandat de Riad Salamé, en juillet 2023, soit près de vingt mois.",
 dict(organisations=[org("Conseil des ministres du Liban", ["Conseil des ministres libanais", "Conseil des ministres"], "LB"),
                     org("Banque du Liban", ["BDL"], "LB")],
      places=[pl("Liban", "LB", "country"), pl("Baabda", "LB", "city")],
      dates=[dt("jeudi", "2025-03-27"), dt("juillet 2023", "2023-07")],
      quantities=[q("17 voix", 17, "voix"), q("24", 24, "voix"), q("près de vingt mois", 20, "mois")],
      events=[ev("government_decision", "a nommé", "2025-03-27", "Conseil des ministres du Liban", "LB", None,
                 "Baabda", "LB", [])])))

# 4 visit (diplomacy) — Syrie / Jordanie
B.append(("ola04", "2025-02-26",
 "Syrie–Jordanie : Ahmed al-Charaa reçu à Amman par Abdallah II",
 "Le président syrien par intérim, Ahmed al-Charaa, a effectué mercredi une visite de quelques heures à Amman, où le roi Abdallah II l’a accueilli à l’aéroport de Marka avant un entretien au palais. Accompagné de son ministre des Affaires étrangères, Assaad al-Chaibani, il faisait là son troisième déplacement à l’étranger depuis la chute de Bachar al-Assad, après l’Arabie saoudite et la Turquie. Les deux voisins ont convenu de coopérer contre la contrebande d’armes et de drogue, notamment de captagon, le long de leur frontière commune de 375 kilomètres.",
 dict(organisations=[],
      places=[pl("Syrie", "SY", "country"), pl("Jordanie", "JO", "country"), pl("Amman", "JO", "city"),
              pl("Marka", "JO", "city"), pl("Arabie saoudite", "SA", "country"), pl("Turquie", "TR", "country")],
      dates=[dt("mercredi", "2025-02-26")],
      quantities=[q("375 kilomètres", 375, "km")],
      events=[ev("diplomacy", "a effectué mercredi une visite", "2025-02-26", "Ahmed al-Charaa", "SY", "Abdallah II",
                 "Amman", "JO", [])])))

# 5 disaster (type other) — Tchad
q5a = q("sept morts", 7, "mort"); q5b = q("quarante-six blessés", 46, "blessé")
B.append(("ola05", "2024-06-19",
 "Tchad : un dépôt de munitions explose à N’Djamena",
 "Un incendie suivi d’explosions en chaîne a ravagé, dans la nuit du mardi 18 au mercredi 19 juin, le principal dépôt de munitions militaires du Tchad, situé dans le quartier de Goudji, au nord de N’Djamena. Selon un bilan provisoire des autorités, la catastrophe a fait sept morts et quarante-six blessés. Le site, qui relève de la Direction générale de la réserve stratégique (DGRS), jouxte l’aéroport international de la capitale ; le président Mahamat Idriss Déby a promis une enquête, tandis que le ministre Abderaman Koulamallah écarte pour l’instant la piste criminelle.",
 dict(organisations=[org("Direction générale de la réserve stratégique", ["DGRS"], "TD")],
      places=[pl("Tchad", "TD", "country"), pl("N’Djamena", "TD", "city"), pl("Goudji", "TD", "site")],
      dates=[dt("du mardi 18 au mercredi 19 juin", "2024-06-18/2024-06-19")],
      quantities=[q5a, q5b],
      events=[ev("other", "a ravagé", "2024-06-18/2024-06-19", None, None, None, "Goudji", "TD", [q5a, q5b])])))

# 6 economic_indicator (announced inside a frame) — Cambodge
q6 = q("5 %", 5, "%")
B.append(("ola06", "2024-06-13",
 "Cambodge : la croissance a atteint 5 % en 2023",
 "Le vice-Premier ministre et ministre cambodgien de l’Économie et des Finances, Aun Pornmoniroth, a annoncé mercredi que l’économie du royaume avait progressé de 5 % en 2023. Il s’exprimait à Phnom Penh lors de l’inauguration des nouveaux bureaux de la Banque asiatique de développement (BAD). Le gouvernement attend une croissance de 6 % en 2024, proche de la prévision du Fonds monétaire international (FMI), quand la Banque mondiale et la BAD tablent sur 5,8 %.",
 dict(organisations=[org("Banque asiatique de développement", ["BAD", "ADB"], None),
                     org("Fonds monétaire international", ["FMI"], None), org("Banque mondiale", [], None)],
      places=[pl("Cambodge", "KH", "country"), pl("Phnom Penh", "KH", "city")],
      dates=[dt("mercredi", "2024-06-12"), dt("2023", "2023"), dt("2024", "2024")],
      quantities=[q6, q("6 %", 6, "%"), q("5,8 %", 5.8, "%")],
      events=[ev("economic_indicator", "a annoncé mercredi que l’économie du royaume avait progressé de 5 %",
                 "2024-06-12", "Aun Pornmoniroth", "KH", None, None, "KH", [q6])])))

# 7 company result (economic_indicator: a figure the company publishes) — Suisse romande
q7a = q("91,3 milliards de francs", 91300000000, "CHF"); q7b = q("10,9 milliards", 10900000000, "CHF")
B.append(("ola07", "2025-02-13",
 "Suisse : Nestlé voit ventes et bénéfice reculer en 2024",
 "Le groupe veveysan Nestlé a publié jeudi des résultats annuels en recul : son chiffre d’affaires a baissé de 1,8 % à 91,3 milliards de francs, et son bénéfice net de 2,9 % à 10,9 milliards. Ces montants restent inférieurs à ceux de 2019, avant la pandémie. Le numéro un mondial de l’alimentation sort d’une année agitée, marquée fin août par le départ soudain de son directeur général, Mark Schneider, après près de huit ans à sa tête.",
 dict(organisations=[org("Nestlé", ["Nestlé SA"], "CH")],
      places=[pl("Suisse", "CH", "country")],
      dates=[dt("2024", "2024"), dt("jeudi", "2025-02-13"), dt("2019", "2019"), dt("fin août", "2024-08")],
      quantities=[q("1,8 %", 1.8, "%"), q7a, q("2,9 %", 2.9, "%"), q7b, q("près de huit ans", 8, "an")],
      events=[ev("economic_indicator", "a publié jeudi des résultats annuels", "2025-02-13", "Nestlé", "CH", None,
                 None, "CH", [q7a, q7b])])))

# 8 infrastructure opening (commissioning) — Congo
q8 = q("143 km", 143, "km")
B.append(("ola08", "2020-03-09",
 "Congo : Denis Sassou Nguesso ouvre la route de Souanké vers le Cameroun",
 "Le président congolais Denis Sassou Nguesso a inauguré vendredi à Souanké, dans le département de la Sangha, le tronçon routier de 143 km qui relie Sembé à la frontière du Cameroun. Construite en trente et un mois par l’entreprise chinoise Sinohydro Tianjin Engineering Corporation, la route a coûté près de 38 milliards de francs CFA, financés à 90 % par la Banque africaine de développement (BAD) et à 10 % par le Congo. Le ministre camerounais des Travaux publics, Emmanuel Nganou Djoumessi, assistait à la cérémonie, alors que les chantiers se poursuivent de son côté de la frontière, vers Sangmélima.",
 dict(organisations=[org("Sinohydro Tianjin Engineering Corporation", [], "CN"),
                     org("Banque africaine de développement", ["BAD"], None)],
      places=[pl("Congo", "CG", "country"), pl("Souanké", "CG", "city"), pl("Cameroun", "CM", "country"),
              pl("Sangha", "CG", "region"), pl("Sembé", "CG", "city"), pl("Sangmélima", "CM", "city")],
      dates=[dt("vendredi", "2020-03-06")],
      quantities=[q8, q("trente et un mois", 31, "mois"), q("près de 38 milliards de francs CFA", 38000000000, "XAF"),
                  q("90 %", 90, "%"), q("10 %", 10, "%")],
      events=[ev("commissioning", "a inauguré", "2020-03-06", "Denis Sassou Nguesso", "CG", None, "Souanké", "CG",
                 [q8])])))

# 9 law (legislation) — RDC
B.append(("ola09", "2023-06-06",
 "RDC : la loi sur la répartition des sièges adoptée sans l’opposition",
 "L’Assemblée nationale congolaise a adopté lundi à Kinshasa, par les 361 députés présents, le projet de loi répartissant les sièges pour les élections législatives, provinciales, municipales et locales. Élaboré par la Commission électorale nationale indépendante (CENI) à partir de l’enrôlement des électeurs, le texte avait été déposé le samedi 27 mai par le vice-Premier ministre chargé de l’Intérieur, Peter Kazadi. Les députés de l’opposition avaient quitté l’hémicycle dès l’ouverture de l’examen en plénière, le 29 mai.",
 dict(organisations=[org("Assemblée nationale de la République démocratique du Congo",
                         ["Assemblée nationale congolaise", "Assemblée nationale"], "CD"),
                     org("Commission électorale nationale indépendante", ["CENI"], "CD")],
      places=[pl("République démocratique du Congo", "CD", "country"), pl("Kinshasa", "CD", "city")],
      dates=[dt("lundi", "2023-06-05"), dt("samedi 27 mai", "2023-05-27"), dt("29 mai", "2023-05-29")],
      quantities=[q("361 députés", 361, "député")],
      events=[ev("legislation", "a adopté", "2023-06-05", "Assemblée nationale de la République démocratique du Congo",
                 "CD", None, "Kinshasa", "CD", [])])))

# 10 infrastructure reopening (commissioning, facility as subject) — Haïti
B.append(("ola10", "2024-05-21",
 "Haïti : l’aéroport de Port-au-Prince rouvre après près de trois mois",
 "L’aéroport international Toussaint-Louverture de Port-au-Prince a rouvert lundi, près de trois mois après sa fermeture début mars sous la pression des gangs. Seule la compagnie haïtienne Sunrise Airways assure pour l’instant des vols, le premier à destination de Miami, et les transporteurs américains ne devraient pas revenir avant fin mai ou début juin. Jusque-là, seul l’aéroport du Cap-Haïtien, dans le nord, restait ouvert au trafic.",
 dict(organisations=[org("Sunrise Airways", [], "HT")],
      places=[pl("Haïti", "HT", "country"), pl("Port-au-Prince", "HT", "city"), pl("Miami", "US", "city"),
              pl("Cap-Haïtien", "HT", "city")],
      dates=[dt("lundi", "2024-05-20"), dt("début mars", "2024-03"), dt("fin mai", "2024-05"), dt("début juin", "2024-06")],
      quantities=[q("près de trois mois", 3, "mois")],
      events=[ev("commissioning", "a rouvert", "2024-05-20", None, "HT", None, "Port-au-Prince", "HT", [])])))


if __name__ == "__main__":  # not at import: pytest imports this file
    write_set(Path(__file__).resolve().parent, B)
