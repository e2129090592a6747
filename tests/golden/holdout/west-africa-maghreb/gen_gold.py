"""Writes briefs.jsonl and gold.jsonl of the held-out West Africa / Maghreb / Horn set (annotated blind, see NOTES.md).

Named apart from the other sets' writers (pytest imports every .py under tests/ by its base name).
Every date, quantity and trigger quoted in the gold is asserted to be written byte for byte in its brief.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # goldkit.py, shared by the held-out sets
from goldkit import dt, ev, org, pl, q, write_set  # noqa: E402

B = []  # (id, date, headline, text, gold-without-index/headline/lede_start)


# 1 economic_indicator — Rwanda
q1 = q("7,1 %", 7.1, "%")
B.append(("wm01", "2025-11-11",
 "Rwanda : les prix urbains en hausse de 7,1 % en octobre",
 "L’Institut national de la statistique du Rwanda (NISR) a publié lundi 10 novembre son rapport mensuel sur les prix : en zone urbaine, l’indice des prix à la consommation a progressé de 7,1 % en octobre 2025 par rapport à octobre 2024, et de 1,3 % par rapport à septembre. En glissement annuel, les soins de santé ont renchéri de 71,3 % et la viande de 19,2 %, tandis que les légumes ont reculé de 9,5 %. Dans les campagnes, la hausse annuelle s’est limitée à 3,8 %.",
 dict(organisations=[org("Institut national de la statistique du Rwanda", ["NISR"], "RW")],
      places=[pl("Rwanda", "RW", "country")],
      dates=[dt("lundi 10 novembre", "2025-11-10"), dt("octobre 2025", "2025-10"), dt("octobre 2024", "2024-10"), dt("septembre", "2025-09")],
      quantities=[q1, q("1,3 %", 1.3, "%"), q("71,3 %", 71.3, "%"), q("19,2 %", 19.2, "%"), q("9,5 %", 9.5, "%"), q("3,8 %", 3.8, "%")],
      events=[ev("economic_indicator", "a publié", "2025-11-10", "Institut national de la statistique du Rwanda", "RW", None, None, "RW", [q1])])))

# 2 production — Burkina Faso
q2 = q("53,3 tonnes", 53.3, "t")
B.append(("wm02", "2025-03-12",
 "Burkina Faso : l’or industriel recule encore, à 53,3 tonnes en 2024",
 "Le Burkina Faso a produit 53,3 tonnes d’or dans ses mines industrielles en 2024, après 56,8 tonnes en 2023 et 57,6 tonnes en 2022, a indiqué mardi à Ouagadougou le ministère burkinabè de l’Énergie, des Mines et des Carrières, dont le titulaire, Yacouba Gouba, présentait les statistiques annuelles du secteur. C’est la troisième baisse d’affilée depuis le sommet de 67 tonnes atteint en 2021. La dégradation de la sécurité dans plusieurs régions minières pèse sur l’activité des sites.",
 dict(organisations=[org("Ministère de l’Énergie, des Mines et des Carrières du Burkina Faso", ["ministère burkinabè de l’Énergie, des Mines et des Carrières"], "BF")],
      places=[pl("Burkina Faso", "BF", "country"), pl("Ouagadougou", "BF", "city")],
      dates=[dt("2024", "2024"), dt("2023", "2023"), dt("2022", "2022"), dt("mardi", "2025-03-11"), dt("2021", "2021")],
      quantities=[q2, q("56,8 tonnes", 56.8, "t"), q("57,6 tonnes", 57.6, "t"), q("67 tonnes", 67, "t")],
      events=[ev("production", "a produit", "2024", "Burkina Faso", "BF", None, None, "BF", [q2])])))

# 3 government_decision — Madagascar
q3a = q("8,50 %", 8.5, "%"); q3b = q("10,50 %", 10.5, "%")
B.append(("wm03", "2023-05-10",
 "Madagascar : la BFM relève ses taux directeurs",
 "Réuni mardi 9 mai 2023 pour sa revue trimestrielle, le Comité monétaire de la Banky Foiben’i Madagasikara (BFM) a décidé de relever les taux de ses facilités permanentes : celui des facilités de dépôt passe à 8,50 % et celui des facilités de prêt marginal à 10,50 %. L’institut d’émission justifie ce tour de vis par l’évolution récente des prix et par ses prévisions. Ces deux taux encadrent désormais les opérations à court terme du marché monétaire.",
 dict(organisations=[org("Banky Foiben’i Madagasikara", ["BFM", "Banque centrale de Madagascar"], "MG")],
      places=[pl("Madagascar", "MG", "country")],
      dates=[dt("mardi 9 mai 2023", "2023-05-09")],
      quantities=[q3a, q3b, q("deux taux", 2, "taux")],
      events=[ev("government_decision", "a décidé de relever les taux", "2023-05-09", "Banky Foiben’i Madagasikara", "MG", None, None, "MG", [q3a, q3b])])))

# 4 commissioning — Niger
q4 = q("30 mégawatts", 30, "MW")
B.append(("wm04", "2023-11-27",
 "Niger : la centrale solaire de Gorou Banda injecte enfin ses 30 mégawatts",
 "La Société nigérienne d’électricité (Nigelec) a mis en service sa centrale photovoltaïque de Gorou Banda, près de Niamey, a annoncé dimanche le ministre de l’Énergie, Mahaman Moustapha Barké. Ses quelque 55 000 panneaux délivrent 30 mégawatts, de quoi soulager la capitale ainsi que Dosso et Tillabéri, privées d’une grande partie du courant importé du Nigeria depuis le coup d’État du 26 juillet. L’ouvrage a coûté 20 milliards de francs CFA, financés pour l’essentiel par un prêt de l’Agence française de développement et un don de l’Union européenne.",
 dict(organisations=[org("Société nigérienne d’électricité", ["Nigelec"], "NE"), org("Agence française de développement", ["AFD"], "FR"),
                     org("Union européenne", ["UE"], None)],
      places=[pl("Niger", "NE", "country"), pl("Gorou Banda", "NE", "site"), pl("Niamey", "NE", "city"), pl("Dosso", "NE", "city"),
              pl("Tillabéri", "NE", "city"), pl("Nigeria", "NG", "country")],
      dates=[dt("dimanche", "2023-11-26"), dt("26 juillet", "2023-07-26")],
      quantities=[q4, q("quelque 55 000 panneaux", 55000, "panneau"), q("20 milliards de francs CFA", 20000000000, "XOF")],
      events=[ev("commissioning", "a mis en service", "2023-11-26", "Société nigérienne d’électricité", "NE", None, "Gorou Banda", "NE", [q4])])))

# 5 diplomacy — Niger / Burkina Faso
B.append(("wm05", "2023-11-24",
 "Le général Tiani à Ouagadougou pour sa première visite au Burkina",
 "Le chef de l’État nigérien, le général Abdourahamane Tiani, s’est rendu jeudi à Ouagadougou, où le capitaine Ibrahim Traoré, président de la transition burkinabè, l’a accueilli avec les honneurs militaires. C’était son premier déplacement au Burkina Faso depuis sa prise du pouvoir à Niamey en juillet, et il arrivait de Bamako, où il avait vu le matin même le colonel Assimi Goïta. Les deux dirigeants ont parlé de la lutte contre les groupes armés et de l’Alliance des États du Sahel (AES), et le visiteur a invité son hôte à venir au Niger.",
 dict(organisations=[org("Alliance des États du Sahel", ["AES"], None)],
      places=[pl("Ouagadougou", "BF", "city"), pl("Burkina Faso", "BF", "country"), pl("Niamey", "NE", "city"),
              pl("Bamako", "ML", "city"), pl("Niger", "NE", "country")],
      dates=[dt("jeudi", "2023-11-23"), dt("juillet", "2023-07")],
      quantities=[q("deux dirigeants", 2, "dirigeant")],
      events=[ev("diplomacy", "s’est rendu jeudi à Ouagadougou", "2023-11-23", "Abdourahamane Tiani", "NE", "Ibrahim Traoré", "Ouagadougou", "BF", [])])))

# 6 investment — Burundi
q6a = q("près de quinze millions de dollars", 15000000, "USD"); q6b = q("environ 43 milliards de francs burundais", 43000000000, "BIF")
B.append(("wm06", "2025-09-10",
 "Burundi : près de quinze millions de dollars de dons de la BAD",
 "La Banque africaine de développement (BAD) a accordé au Burundi un don de près de quinze millions de dollars, soit environ 43 milliards de francs burundais, par un protocole signé mardi 9 septembre 2025 à Bujumbura. Le texte, paraphé par le ministre des Finances, Alain Ndikumana, et par le représentant de la Banque dans le pays, Pascal Yembiline, financera l’appui aux finances publiques, l’aide aux sinistrés des inondations de Mubimbi et de Cibitoke et un partenariat culturel. Deux autres protocoles de don ont été signés lors de la même cérémonie, avec l’Organisation mondiale de la santé (OMS) et le Fonds des Nations unies pour l’enfance (UNICEF).",
 dict(organisations=[org("Banque africaine de développement", ["BAD", "Banque"], None), org("Organisation mondiale de la santé", ["OMS"], None),
                     org("Fonds des Nations unies pour l’enfance", ["UNICEF"], None)],
      places=[pl("Burundi", "BI", "country"), pl("Bujumbura", "BI", "city"), pl("Mubimbi", "BI", "city"), pl("Cibitoke", "BI", "region")],
      dates=[dt("mardi 9 septembre 2025", "2025-09-09")],
      quantities=[q6a, q6b, q("Deux autres protocoles", 2, "protocole")],
      events=[ev("investment", "a accordé au Burundi un don", "2025-09-09", "Banque africaine de développement", None, "Burundi", "Bujumbura", "BI", [q6a, q6b])])))

# 7 procurement — Éthiopie (frame: salon de Dubaï)
q7a = q("31 avions", 31, "avion"); q7b = q("5,6 milliards de dollars", 5600000000, "USD")
B.append(("wm07", "2023-11-15",
 "Ethiopian Airlines passe la plus grosse commande africaine de l’histoire de Boeing",
 "Au deuxième jour du salon aéronautique de Dubaï, mardi, Ethiopian Airlines a commandé 31 avions à Boeing : vingt monocouloirs 737-8 et onze long-courriers 787-9, assortis d’options sur 36 appareils supplémentaires. Au prix catalogue, le contrat dépasse 5,6 milliards de dollars, même si le constructeur américain n’a pas communiqué de montant. Le directeur général de la compagnie éthiopienne, Mesfin Tasew, a assuré que le défaut de conception du 737 MAX, en cause dans l’accident de 2019 près d’Addis-Abeba, avait été entièrement corrigé.",
 dict(organisations=[org("Ethiopian Airlines", [], "ET"), org("Boeing", [], "US")],
      places=[pl("Dubaï", "AE", "city"), pl("Addis-Abeba", "ET", "city")],
      dates=[dt("mardi", "2023-11-14"), dt("2019", "2019")],
      quantities=[q7a, q("vingt monocouloirs", 20, "monocouloir"), q("onze long-courriers", 11, "long-courrier"),
                  q("36 appareils", 36, "appareil"), q7b],
      events=[ev("procurement", "a commandé", "2023-11-14", "Ethiopian Airlines", "ET", "Boeing", "Dubaï", "AE", [q7a, q7b])])))

# 8 legislation — Guinée-Bissau
B.append(("wm08", "2026-01-14",
 "Guinée-Bissau : le Conseil national de transition révise la Constitution",
 "En Guinée-Bissau, le Conseil national de transition (CNT) a adopté mardi 13 janvier une révision de la Constitution, la première depuis 1995. Le texte élargit les prérogatives du président de la République, qui cumulera désormais cette fonction avec celle de chef du gouvernement. Le pays est dirigé depuis le 26 novembre par une junte qui a renversé le président Umaro Sissoco Embaló, suspendu le processus électoral et placé à sa tête le général Horta N’Tam.",
 dict(organisations=[org("Conseil national de transition", ["CNT"], "GW")],
      places=[pl("Guinée-Bissau", "GW", "country")],
      dates=[dt("mardi 13 janvier", "2026-01-13"), dt("1995", "1995"), dt("26 novembre", "2025-11-26")],
      quantities=[],
      events=[ev("legislation", "a adopté", "2026-01-13", "Conseil national de transition", "GW", None, None, "GW", [])])))

# 9 construction — Mauritanie
q9a = q("65 mètres", 65, "m"); q9b = q("environ 1,2 hectare", 1.2, "ha"); q9c = q("7,8 milliards d’ouguiyas", 7800000000, "MRU")
B.append(("wm09", "2025-12-02",
 "Nouakchott : première pierre pour le monument de la Nation",
 "Le président mauritanien Mohamed Ould Cheikh El Ghazouani a posé lundi 1er décembre à Nouakchott la première pierre du monument de la Nation, une tour de 65 mètres qui s’élèvera sur environ 1,2 hectare au carrefour dit de la police routière. Le chantier, estimé à 7,8 milliards d’ouguiyas, doit durer 20 mois ; la région de Nouakchott en finance 75 % et l’État le reste. Lors de la même cérémonie, marquant le 65e anniversaire de l’indépendance, il a lancé la construction du nouveau siège de l’Agence nationale de l’aviation civile (ANAC), prévue en 18 mois.",
 dict(organisations=[org("Agence nationale de l’aviation civile", ["ANAC"], "MR")],
      places=[pl("Nouakchott", "MR", "city")],
      dates=[dt("lundi 1er décembre", "2025-12-01")],
      quantities=[q9a, q9b, q9c, q("20 mois", 20, "mois"), q("75 %", 75, "%"), q("18 mois", 18, "mois")],
      events=[ev("construction", "a posé lundi 1er décembre à Nouakchott la première pierre", "2025-12-01", "Mohamed Ould Cheikh El Ghazouani", "MR", None, "Nouakchott", "MR", [q9a, q9b, q9c])])))

# 10 launch — Algérie
B.append(("wm10", "2026-02-10",
 "Algérie : coup d’envoi du dispositif national de gouvernance des données",
 "Le Premier ministre algérien, Sifi Ghrieb, a lancé officiellement lundi, au Centre international de conférences Abdelatif-Rahal d’Alger, le dispositif national de gouvernance des données, institué par un décret présidentiel du 30 décembre 2025. La cérémonie s’est tenue en présence de la ministre Meriem Benmouloud, dont le Haut-Commissariat à la numérisation porte la transformation numérique de l’État. Le système doit encadrer la production, l’échange et l’usage des données publiques et relier les administrations par un réseau souverain sécurisé.",
 dict(organisations=[org("Haut-Commissariat à la numérisation", [], "DZ")],
      places=[pl("Algérie", "DZ", "country"), pl("Alger", "DZ", "city")],
      dates=[dt("lundi", "2026-02-09"), dt("30 décembre 2025", "2025-12-30")],
      quantities=[],
      events=[ev("launch", "a lancé officiellement", "2026-02-09", "Sifi Ghrieb", "DZ", None, "Alger", "DZ", [])])))

# 11 agreement — Djibouti / Égypte
q11 = q("trois accords", 3, "accord")
B.append(("wm11", "2025-12-29",
 "Djibouti et l’Égypte signent trois accords sur l’énergie, les ports et la logistique",
 "Djibouti et l’Égypte ont conclu samedi trois accords de coopération, au terme de la visite d’une délégation égyptienne conduite par le vice-Premier ministre chargé du Développement industriel, Kamel El-Wazir. Le groupe égyptien Elsewedy Electric construira avec la Société de gestion du terminal de Doraleh (SGTD) une centrale solaire de 23 mégawatts sur une trentaine d’hectares, qui alimentera seulement le port. Un protocole entre Great Horn Investment Holding et la Holding Company for Maritime and Land Transport prévoit un nouveau terminal à conteneurs de cinq millions d’EVP, et un bail de 10 hectares est accordé dans la zone franche internationale de Djibouti pour une plateforme logistique.",
 dict(organisations=[org("Elsewedy Electric", [], "EG"), org("Société de gestion du terminal de Doraleh", ["SGTD"], "DJ"),
                     org("Great Horn Investment Holding", ["GHIH"], "DJ"), org("Holding Company for Maritime and Land Transport", ["HCMLT"], "EG")],
      places=[pl("Djibouti", "DJ", "country"), pl("Égypte", "EG", "country")],
      dates=[dt("samedi", "2025-12-27")],
      quantities=[q11, q("23 mégawatts", 23, "MW"), q("une trentaine d’hectares", 30, "ha"), q("cinq millions d’EVP", 5000000, "EVP"), q("10 hectares", 10, "ha")],
      events=[ev("agreement", "ont conclu samedi trois accords de coopération", "2025-12-27", "Djibouti", "DJ", "Égypte", "Djibouti", "DJ", [q11])])))

# 12 relocation — Guinée équatoriale
B.append(("wm12", "2026-01-05",
 "Guinée équatoriale : Malabo cède son rang de capitale à Ciudad de la Paz",
 "Le président Teodoro Obiang Nguema Mbasogo a transféré par décret la capitale de la Guinée équatoriale de Malabo, sur l’île de Bioko, à Ciudad de la Paz, ville nouvelle de la province continentale de Djibloho. Publié samedi 3 janvier, le texte donne un an à la présidence, aux ministères, aux organes constitutionnels et aux entreprises publiques pour s’installer dans leur nouveau siège. Lancé en 2008, le projet doit rapprocher l’administration de la partie continentale du pays, où vit la majorité de la population.",
 dict(organisations=[],
      places=[pl("Guinée équatoriale", "GQ", "country"), pl("Malabo", "GQ", "city"), pl("Bioko", "GQ", "region"),
              pl("Ciudad de la Paz", "GQ", "city"), pl("Djibloho", "GQ", "region")],
      dates=[dt("samedi 3 janvier", "2026-01-03"), dt("2008", "2008")],
      quantities=[q("un an", 1, "an")],
      events=[ev("relocation", "a transféré par décret la capitale", "2026-01-03", "Teodoro Obiang Nguema Mbasogo", "GQ", None, "Ciudad de la Paz", "GQ", [])])))


if __name__ == "__main__":  # not at import: pytest imports this file
    write_set(Path(__file__).resolve().parent, B, always_date=True)
