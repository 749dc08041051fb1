package pdf

import (
	"crypto/sha256"
	"fmt"
	"strings"
	"time"

	"github.com/nachweis/nachweis/templates"
)

// fixtureDigest is a bundle digest as the footer prints it.
const fixtureDigest = "sha256:9f2c4e1b7a3d5f608192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8"

// chartBlock is a valid bar chart with every outcome code.
const chartBlock = "```barchart\n" +
	"legend | pass=erfüllt | fail=nicht erfüllt | no-evidence=nicht bewertet – Nachweis fehlt | attestation-expired=Bestätigung abgelaufen | exception=akzeptierte Abweichung (Risikoakzeptanz) | attested=manuell bestätigt | not-applicable=nicht anwendbar\n" +
	"OIS – Organisation der Informationssicherheit | 3 | 1 | 0 | 0 | 0 | 2 | 0\n" +
	"SP – Sicherheitsrichtlinien und Arbeitsanweisungen | 1 | 0 | 1 | 1 | 0 | 3 | 0\n" +
	"OPS – Regelbetrieb (Datensicherung, Protokollierung, Schwachstellenmanagement und Kapazitätsplanung) | 14 | 3 | 2 | 0 | 1 | 2 | 3\n" +
	"IDM – Identitäts- und Berechtigungsmanagement | 6 | 2 | 1 | 0 | 0 | 1 | 0\n" +
	"BCM – Business Continuity Management | 0 | 0 | 0 | 0 | 0 | 0 | 4\n" +
	"```\n"

// evidenceRows returns n rows of an evidence index with full digests.
func evidenceRows(n int) string {
	var b strings.Builder
	b.WriteString("| Nr. | Nachweis | Quelle | Erhoben (UTC) | SHA-256 |\n")
	b.WriteString("|---:|---|---|:---:|---|\n")
	for i := 1; i <= n; i++ {
		sum := sha256.Sum256([]byte(fmt.Sprint(i)))
		src := "k8s networking.k8s.io/v1 NetworkPolicy mandant-" + fmt.Sprint(i%7) + "/default-deny"
		if i%5 == 0 {
			src = "https://api.github.com/orgs/acme-gmbh/members?filter=2fa_disabled&per_page=100&page=" + fmt.Sprint(i)
		}
		if i%9 == 0 {
			src = "restic s3:https://backup.example.de/acme-mandant-" + fmt.Sprint(i) + " \\| Snapshot-Prüfung"
		}
		fmt.Fprintf(&b, "| %d | EV-20261123-%04d | %s | 2026-11-23T14:%02d:00Z | %x |\n", i, i, src, i%60, sum)
	}
	return b.String()
}

// fixtureMarkdown exercises every element the renderer draws.
func fixtureMarkdown() string {
	return `# 1 Zweck und Geltungsbereich

Diese Anlage beschreibt die technischen und organisatorischen Maßnahmen (TOM) der **ACME Hosting GmbH** gemäß Art. 32 DSGVO. Größenangaben: Speicher 12 € pro Monat – Prüfumfang § 3 Abs. 2 „Rahmenvertrag“ — alle Umlaute: äöü ÄÖÜ ß.
Ein zweiter Satz nach einem weichen Zeilenumbruch mit *kursivem*, **fettem** und ***fett-kursivem*** Text sowie ` + "`kubectl get networkpolicies -A`" + ` als Code.  
Nach einem harten Zeilenumbruch folgt ein [Link zur DSGVO](https://eur-lex.europa.eu/eli/reg/2016/679/oj) und ein Emoji 🚀 das ersetzt wird.

## 1.1 Parteien

- Auftraggeber: Beispiel Kunde AG
- Auftragnehmer: ACME Hosting GmbH
  - Rechenzentrum Frankfurt am Main
  - Rechenzentrum Nürnberg
    - Brandabschnitt A
- Unterauftragnehmer: siehe Abschnitt 4

1. Vertraulichkeit (Art. 32 Abs. 1 lit. b)
2. Integrität
3. Verfügbarkeit und Belastbarkeit
   1. Datensicherung
   2. Wiederherstellungstests

> Hinweis: Diese Selbstbewertung ist kein Testat und kein Zertifikat. Sie beruht ausschließlich auf den im Nachweis-Paket enthaltenen, maschinell erhobenen Nachweisen und den dokumentierten Bestätigungen.

## 1.2 Methode

` + "```yaml\n" + `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: mandant-0001
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]   # eine sehr lange Zeile, die umbrochen werden muss, weil sie breiter ist als die Spalte des Dokuments
` + "```\n" + `

---

### 1.2.1 Bewertungsskala

| Ergebnis | Bedeutung | Anzahl |
|---|---|--:|
| erfüllt | alle automatisierten Prüfungen bestanden | 24 |
| nicht erfüllt | mindestens eine Prüfung fehlgeschlagen, Pipe \| im Text | 6 |
| akzeptierte Abweichung (Risikoakzeptanz) | Risiko vom Risikoeigner akzeptiert | 1 |

#### Hinweis zur Aggregation

Vorrang: nicht erfüllt > nicht bewertet > Bestätigung abgelaufen.

# 2 Ergebnisse

## 2.1 Übersicht je Bereich

` + chartBlock + `
## 2.2 Nachweisverzeichnis

` + evidenceRows(60) + `
# 3 Unterauftragnehmer

Keine weiteren Unterauftragnehmer. Ende des Dokuments.
`
}

func fixtureDocument() templates.Document {
	return templates.Document{
		Lang:           "de",
		ID:             "TOM-acme-2026-v1",
		Title:          "Technische und organisatorische Maßnahmen",
		Subtitle:       "Anlage zum Auftragsverarbeitungsvertrag (Art. 28 Abs. 3 lit. c, Art. 32 DSGVO)",
		ShortTitle:     "TOM – Anlage zum AVV",
		Organisation:   "ACME Hosting GmbH",
		Classification: "Vertraulich – nur für den Auftraggeber",
		Status:         "Entwurf",
		Draft:          true,
		Watermark:      "Entwurf – nicht alle Maßnahmen nachgewiesen",
		Notice:         "Selbstbewertung – kein Testat, kein Zertifikat",
		Cover: []templates.Field{
			{Label: "Dokument-ID", Value: "TOM-acme-2026-v1"},
			{Label: "Version; Status", Value: "1; Entwurf"},
			{Label: "Stichtag der Nachweise", Value: "23.11.2026, 14:05 Uhr (MEZ)"},
			{Label: "Lauf-ID", Value: "3f0c9a52-6d1e-4b7a-9c2f-81e4d5a6b7c8"},
			{Label: "Werkzeug- und Policy-Version", Value: "nachweis 0.4.0, Policy-Bündel sha256:4be1c0ffee0ddba11deadbeef0123456789abcdef0123456789abcdef012345"},
			{Label: "Kataloge", Value: "BSI C5:2020, ISO/IEC 27001:2022, Verordnung (EU) 2016/679 (DSGVO)"},
			{Label: "Geltungsbereich", Value: "Mandant beispiel-kunde: Cluster fra-1, nbg-1; Namespaces mandant-0001 bis mandant-0004; restic-Repositorien s3:backup.example.de/acme"},
			{Label: "Klassifizierung", Value: "Vertraulich – nur für den Auftraggeber"},
		},
		BundleDigest: fixtureDigest,
		Created:      time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC),
		Subject:      "TOM-Anlage für Beispiel Kunde AG",
		Keywords:     []string{"DSGVO", "Art. 32", "TOM", "C5"},
		Markdown:     []byte(fixtureMarkdown()),
	}
}
