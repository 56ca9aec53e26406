"""Hand-made records in the UN's layout, in English, French and Spanish, for variant tests.

The covers follow real records (see ../shared/corpus/excerpts); bodies are supplied by each test.
"""

from __future__ import annotations

from tbdialogue import parse_text

COVERS = {
    "en": """United Nations

CCPR/C/SR.4099

International Covenant on Civil and Political Rights

Distr.: General
2 April 2024

Original: English

Human Rights Committee
140th session

Summary record of the 4099th meeting

Held at the Palais Wilson, Geneva, on Monday, 25 March 2024, at 10 a.m.

Chair: Ms. Tigroudja

Contents

Consideration of reports submitted by States parties under article 40 of the Covenant (continued)

Fourth periodic report of Kyrgyzstan (continued)

""",
    "fr": """Nations Unies

CERD/C/SR.3001

Distr. générale
4 mars 2024

Original : français

Comité pour l’élimination de la discrimination raciale
Cent douzième session

Compte rendu analytique de la 3001e séance

Tenue au Palais Wilson, à Genève, le mardi 27 février 2024, à 15 heures

Président : M. Diaby

Sommaire

Examen des rapports, observations et renseignements soumis par les États parties en application de l’article 9 de la Convention (suite)

Vingt-deuxième à vingt-quatrième rapports périodiques de la Colombie

""",
    "es": """Naciones Unidas

CMW/C/SR.560

Distr. general
10 de abril de 2024

Original: español

Comité de Protección de los Derechos de Todos los Trabajadores Migratorios y de sus Familiares
38º período de sesiones

Acta resumida de la 560ª sesión

Celebrada en el Palais Wilson, Ginebra, el jueves 4 de abril de 2024, a las 10.00 horas

Presidente: Sr. Corzo Sosa

Sumario

Examen de los informes presentados por los Estados partes con arreglo al artículo 73 de la Convención (continuación)

Segundo informe periódico del Ecuador

""",
}
OPENING = {
    "en": "The meeting was called to order at 10.05 a.m.",
    "fr": "La séance est ouverte à 15 h 5.",
    "es": "Se declara abierta la sesión a las 10.05 horas.",
}


def record(body: list[str], lang: str = "en", opening: bool = True, markdown: bool | None = None):
    """Parse a record made of a real-looking cover and the given body paragraphs (one per item)."""
    parts = [COVERS[lang]]
    if opening:
        parts.append(OPENING[lang] + "\n\n")
    parts.append("\n\n".join(body) + "\n")
    return parse_text("".join(parts), markdown=markdown)
